/**
 * Zip-bomb and path-traversal guard for ZIP containers (xlsx, docx).
 *
 * Only the central directory is read — nothing is inflated — so inspecting a
 * hostile archive costs time and memory proportional to its *compressed* size.
 * The sizes checked here are the ones the archive declares; an archive can lie
 * about them, which is why the actual parse additionally runs in a memory- and
 * time-limited worker (see parse-in-worker.ts). This guard rejects the honest
 * bombs cheaply and early; the worker contains the dishonest ones.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { FileRejectedError, displayName, displayText, formatBytes, formatCount } from './errors.js';

export interface ZipLimits {
  /** Maximum number of entries (files + directories). */
  maxEntries: number;
  /** Maximum sum of declared uncompressed sizes, in bytes. */
  maxTotalUncompressed: number;
  /** Maximum uncompressed/compressed ratio, per entry and for the whole archive. */
  maxCompressionRatio: number;
  /**
   * Ratios are only enforced above this many uncompressed bytes (per entry, and
   * for the archive total). Tiny, highly repetitive XML parts in genuine Office
   * files (e.g. a 20 KB styles.xml) can compress better than 100:1, and a few
   * kilobytes can never hurt; bombs are large by definition.
   */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 1_000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioFloorBytes: 1024 * 1024,
});

export interface ZipGuardOptions extends Partial<ZipLimits> {
  /** Original file name, used only to make error messages name the file. */
  fileName?: string;
}

export interface ZipEntryInfo {
  /** Entry path inside the archive, forward slashes, already validated. */
  name: string;
  isDirectory: boolean;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 = stored, 8 = deflate (nothing else is accepted). */
  compressionMethod: number;
}

// Methods exceljs/JSZip and every Office version use. Anything else (deflate64,
// bzip2, LZMA, …) is both unusual for OOXML and a needless decoder attack surface.
const SUPPORTED_METHODS = new Set([0, 8]);

// The local file header has a fixed 30-byte part before name/extra/data.
const LOCAL_HEADER_FIXED = 30;

// yauzl with `decodeStrings: false` leaves fileName as the raw bytes; we decode it
// ourselves (so path problems get our own message naming the entry) using yauzl's
// documented-but-untyped helper, which honours the UTF-8 flag and Info-ZIP
// Unicode-path extra field exactly like yauzl does internally.
type GetFileNameLowLevel = (
  generalPurposeBitFlag: number,
  fileNameBuffer: Buffer,
  extraFields: Array<{ id: number; data: Buffer }>,
  strictFileNames: boolean,
) => string;

function decodeEntryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  const helper = (yauzl as unknown as { getFileNameLowLevel?: GetFileNameLowLevel }).getFileNameLowLevel;
  if (typeof helper === 'function') return helper(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  return raw.toString('utf8');
}

/** Why a path is unsafe, or null. Checked on both separators since Windows tools treat `\` as one. */
function unsafePathReason(name: string): string | null {
  if (name.length === 0) return '空路径';
  if (name.includes('\u0000')) return '路径含空字符';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return '绝对路径';
  if (name.split(/[\\/]/).some((seg) => seg === '..')) return '包含“..”上级目录';
  return null;
}

function ratioText(ratio: number): string {
  return Number.isFinite(ratio) ? `约 ${formatCount(ratio)}:1` : '无穷大';
}

function openZip(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      // validateEntrySizes only matters when reading data, which we never do.
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (err, zipfile) => (err ? reject(err) : resolve(zipfile)),
    );
  });
}

/**
 * Inspect a ZIP archive's central directory and enforce `limits`.
 * Returns the validated entry list; throws FileRejectedError otherwise.
 */
export async function inspectZip(buf: Buffer, options: ZipGuardOptions = {}): Promise<ZipEntryInfo[]> {
  const { fileName, ...overrides } = options;
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS };
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) (limits as unknown as Record<string, number>)[k] = v as number;
  }
  const prefix = fileName === undefined ? '' : `文件“${displayName(fileName)}”：`;
  const reject = (code: 'FILE_TOO_LARGE' | 'FILE_MALFORMED', msg: string, cause?: unknown): never => {
    throw new FileRejectedError(code, prefix + msg, cause === undefined ? undefined : { cause });
  };

  let zip: ZipFile;
  try {
    zip = await openZip(buf);
  } catch (err) {
    return reject('FILE_MALFORMED', '压缩包已损坏或不完整（找不到有效的ZIP目录），无法读取', err);
  }

  // The end-of-central-directory record states the entry count up front, so an
  // archive with a million entries is refused before walking any of them.
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return reject(
      'FILE_MALFORMED',
      `压缩包条目过多：${formatCount(zip.entryCount)}个，上限${formatCount(limits.maxEntries)}个`,
    );
  }

  const entries: ZipEntryInfo[] = [];
  const offsets: Array<{ offset: number; compressedSize: number; name: string }> = [];
  let total = 0;

  try {
    await new Promise<void>((resolve, rejectP) => {
      zip.on('error', rejectP);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        try {
          const name = decodeEntryName(entry);
          const shown = displayText(name);
          const unsafe = unsafePathReason(name);
          if (unsafe !== null) {
            reject('FILE_MALFORMED', `压缩包包含不安全的路径“${shown}”（${unsafe}），已拒绝`);
          }
          if (entry.isEncrypted()) {
            reject('FILE_MALFORMED', `压缩包条目“${shown}”已加密，无法检查内容，请去除密码后重新上传`);
          }
          if (!SUPPORTED_METHODS.has(entry.compressionMethod)) {
            reject('FILE_MALFORMED', `压缩包条目“${shown}”使用了不支持的压缩方式（${entry.compressionMethod}）`);
          }
          const size = entry.uncompressedSize;
          const packed = entry.compressedSize;
          if (size > limits.ratioFloorBytes) {
            const ratio = packed === 0 ? Infinity : size / packed;
            if (ratio > limits.maxCompressionRatio) {
              reject('FILE_MALFORMED', `压缩包条目“${shown}”压缩比异常（${ratioText(ratio)}），疑似压缩炸弹`);
            }
          }
          total += size;
          if (total > limits.maxTotalUncompressed) {
            reject(
              'FILE_TOO_LARGE',
              `解压后大小超过上限：约 ${formatBytes(total, 0)}，上限 ${formatBytes(limits.maxTotalUncompressed, 0)}`,
            );
          }
          entries.push({
            name,
            isDirectory: name.endsWith('/'),
            compressedSize: packed,
            uncompressedSize: size,
            compressionMethod: entry.compressionMethod,
          });
          offsets.push({ offset: entry.relativeOffsetOfLocalHeader, compressedSize: packed, name: shown });
          zip.readEntry();
        } catch (err) {
          zip.close();
          rejectP(err);
        }
      });
      zip.readEntry();
    });
  } catch (err) {
    if (err instanceof FileRejectedError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    if (/encrypt/i.test(detail)) {
      return reject('FILE_MALFORMED', '压缩包使用了加密，无法检查内容，请去除密码后重新上传', err);
    }
    return reject('FILE_MALFORMED', '压缩包目录已损坏，无法读取', err);
  }

  // Overlapping entries (several directory records pointing into the same
  // compressed bytes) are how non-recursive bombs reach GB-scale output from a
  // few KB; a well-formed archive stores each entry's data exactly once.
  offsets.sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < offsets.length; i++) {
    const cur = offsets[i]!;
    const end = cur.offset + LOCAL_HEADER_FIXED + cur.compressedSize;
    const next = i + 1 < offsets.length ? offsets[i + 1]!.offset : buf.length;
    if (end > next) {
      return reject('FILE_MALFORMED', `压缩包条目“${cur.name}”的数据区与其他条目重叠或越界，疑似压缩炸弹`);
    }
  }

  // Measured against the archive's real byte length rather than the (forgeable)
  // declared compressed sizes, so many small-ratio entries can't add up to a bomb.
  if (total > limits.ratioFloorBytes && buf.length > 0) {
    const overall = total / buf.length;
    if (overall > limits.maxCompressionRatio) {
      return reject('FILE_MALFORMED', `压缩比异常（${ratioText(overall)}），疑似压缩炸弹`);
    }
  }

  return entries;
}
