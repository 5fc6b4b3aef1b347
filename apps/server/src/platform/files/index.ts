/**
 * Upload safety for user files: size limit, content-based type detection,
 * zip-bomb guard, SM3 digest — plus sandboxed xlsx parsing and export
 * neutralisation.
 *
 * Typical use in a route:
 *
 *   const { kind, size, sm3 } = await checkUpload({ buf, name, accept: ['xlsx'] });
 *   const workbook = await parseXlsxInWorker(buf, { fileName: name });
 */
import { createHash } from 'node:crypto';
import { FileRejectedError, displayName, formatActualVsLimit, formatBytes } from './errors.js';
import { decodeLegacyChineseText, sniffFile, type FileKind } from './detect.js';
import type { ZipLimits } from './zip-guard.js';

export { FileRejectedError, isFileRejectedError, type FileRejectedCode } from './errors.js';
export {
  decodeLegacyChineseText,
  detectFileKind,
  sniffFile,
  sniffFileDetailed,
  kindLabel,
  ALL_FILE_KINDS,
  ZIP_KINDS,
  type FileKind,
  type SniffOptions,
  type SniffResult,
} from './detect.js';
export {
  inspectZip,
  DEFAULT_ZIP_LIMITS,
  type ZipLimits,
  type ZipEntryInfo,
  type ZipGuardOptions,
} from './zip-guard.js';
export {
  parseXlsxInWorker,
  XLSX_PARSE_DEFAULTS,
  XLSX_PARSE_MAX_CONCURRENCY,
  type ParseXlsxOptions,
  type ParsedSheet,
  type ParsedWorkbook,
} from './parse-in-worker.js';
export { cellToDisplay, formatExcelDate } from './cell-text.js';
export { neutraliseCell, neutraliseRow } from './neutralise.js';

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface CheckUploadInput {
  buf: Buffer;
  /** File name as declared by the client; its extension must match the content. */
  name: string;
  /** Default 10 MB. */
  maxBytes?: number;
  /** Kinds this endpoint accepts. */
  accept: readonly FileKind[];
  /** Override zip-guard limits for ZIP kinds (xlsx, docx). */
  zipLimits?: Partial<ZipLimits>;
  /**
   * A .txt/.csv file that is not UTF-8 but decodes as GB18030 (GBK) is converted to UTF-8 instead
   * of refused; `content` is then the converted bytes (what to store).
   */
  convertLegacyText?: boolean;
}

export interface CheckUploadResult {
  kind: FileKind;
  /** Size and SM3 digest (lowercase hex, GM/T 0004-2012) of `content`. */
  size: number;
  sm3: string;
  /** The bytes to keep: the upload, or its UTF-8 conversion (see `convertLegacyText`). */
  content: Buffer;
  /** Set when the upload was GB18030 text converted to UTF-8; `originalSm3` is the digest of the upload. */
  convertedFrom?: 'gb18030';
  originalSm3?: string;
}

/**
 * Validate an uploaded file: size ≤ maxBytes, content matches the extension and
 * is an accepted kind, ZIP containers pass the zip guard. Returns the detected
 * kind, size and SM3 digest; throws FileRejectedError otherwise.
 */
export async function checkUpload(input: CheckUploadInput): Promise<CheckUploadResult> {
  const { buf, name, accept } = input;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

  // Size first: it is free and bounds the cost of everything after it.
  if (buf.length > maxBytes) {
    throw new FileRejectedError(
      'FILE_TOO_LARGE',
      `文件“${displayName(name)}”超过${formatBytes(maxBytes)}上限（实际${formatActualVsLimit(buf.length, maxBytes)}）`,
    );
  }

  const sm3Of = (b: Buffer) => createHash('sm3').update(b).digest('hex');
  if (input.convertLegacyText && /\.(txt|csv)$/i.test(name)) {
    const text = decodeLegacyChineseText(buf);
    if (text !== null) {
      const content = Buffer.from(text, 'utf8');
      if (content.length > maxBytes) {
        throw new FileRejectedError(
          'FILE_TOO_LARGE',
          `文件“${displayName(name)}”转换为UTF-8编码后超过${formatBytes(maxBytes)}上限（实际${formatActualVsLimit(content.length, maxBytes)}）`,
        );
      }
      const kind = await sniffFile(content, name, { accept });
      return {
        kind,
        size: content.length,
        sm3: sm3Of(content),
        content,
        convertedFrom: 'gb18030',
        originalSm3: sm3Of(buf),
      };
    }
  }
  const kind = await sniffFile(buf, name, { accept, ...(input.zipLimits ? { zipLimits: input.zipLimits } : {}) });
  return { kind, size: buf.length, sm3: sm3Of(buf), content: buf };
}
