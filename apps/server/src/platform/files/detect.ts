/**
 * File-type detection by content (magic bytes), cross-checked against the
 * declared extension and an endpoint's allow-list.
 *
 * The extension alone is never trusted: it is attacker-controlled and users
 * routinely rename files. But it must also *agree* with the content, because the
 * name is what later consumers (downloads, previews, exports) go by.
 */
import { FileRejectedError, displayName } from './errors.js';
import { inspectZip, type ZipEntryInfo, type ZipGuardOptions } from './zip-guard.js';

export type FileKind = 'xlsx' | 'docx' | 'pdf' | 'png' | 'jpeg' | 'csv' | 'txt';

export const ALL_FILE_KINDS: readonly FileKind[] = ['xlsx', 'docx', 'pdf', 'png', 'jpeg', 'csv', 'txt'];

/** Kinds stored as ZIP containers; these need the zip guard and a listing to confirm. */
export const ZIP_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['xlsx', 'docx']);

const KIND_LABEL: Record<FileKind, string> = {
  xlsx: 'Excel工作簿',
  docx: 'Word文档',
  pdf: 'PDF',
  png: 'PNG图片',
  jpeg: 'JPEG图片',
  csv: 'CSV文本',
  txt: '文本文件',
};

const KIND_EXTENSIONS: Record<FileKind, readonly string[]> = {
  xlsx: ['.xlsx'],
  docx: ['.docx'],
  pdf: ['.pdf'],
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  csv: ['.csv'],
  txt: ['.txt'],
};

const EXTENSION_KIND = new Map<string, FileKind>(
  Object.entries(KIND_EXTENSIONS).flatMap(([kind, exts]) => exts.map((e) => [e, kind as FileKind] as const)),
);

/** What the bytes look like, before the extension is consulted. */
type ContentClass =
  | { kind: 'zip' }
  | { kind: 'cfb' } // OLE compound file: .xls/.doc 97-2003, or a password-protected .xlsx/.docx
  | { kind: 'pdf' }
  | { kind: 'png' }
  | { kind: 'jpeg' }
  | { kind: 'text' }
  | { kind: 'utf16' }
  | { kind: 'non-utf8-text' }
  | { kind: 'binary' };

const CONTENT_LABEL: Record<ContentClass['kind'], string> = {
  zip: 'ZIP压缩包',
  cfb: '旧版或加密的Office文档',
  pdf: 'PDF',
  png: 'PNG图片',
  jpeg: 'JPEG图片',
  text: '文本',
  utf16: 'UTF-16编码文本',
  'non-utf8-text': '非UTF-8编码文本',
  binary: '未知二进制数据',
};

export function kindLabel(kind: FileKind): string {
  return KIND_LABEL[kind];
}

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Control characters that never occur in genuine text files. Tab, LF, VT, FF, CR
 * and SUB (DOS end-of-file marker, still written by some old tools) are allowed.
 */
function hasBinaryControl(buf: Buffer): boolean {
  for (const b of buf) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) {
      return true;
    }
    if (b === 0x7f) return true;
  }
  return false;
}

function looksLikeLegacyChineseText(buf: Buffer): boolean {
  // Invalid UTF-8 but decodes as GB18030 with no control bytes → almost certainly a
  // spreadsheet "saved as CSV" on a Chinese-locale Windows, the commonest case.
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a file that is not UTF-8 but decodes as GB18030 (GBK text from a Chinese-locale
 * Windows), or null for anything else (UTF-8 text, binary, other formats).
 */
export function decodeLegacyChineseText(buf: Buffer): string | null {
  if (classifyContent(buf).kind !== 'non-utf8-text') return null;
  return new TextDecoder('gb18030', { fatal: true }).decode(buf);
}

function classifyContent(buf: Buffer): ContentClass {
  // Local file header; an empty archive starts with the EOCD record (PK\x05\x06).
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'cfb' };
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf' }; // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  // A UTF-16 BOM must be checked before the NUL test: UTF-16 text is full of NULs.
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) return { kind: 'utf16' };
  if (buf.includes(0x00) || hasBinaryControl(buf)) return { kind: 'binary' };
  try {
    utf8.decode(buf);
    return { kind: 'text' };
  } catch {
    return looksLikeLegacyChineseText(buf) ? { kind: 'non-utf8-text' } : { kind: 'binary' };
  }
}

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function acceptedText(accept: readonly FileKind[]): string {
  return accept.map((k) => `${KIND_LABEL[k]}（${KIND_EXTENSIONS[k].join('/')}）`).join('、');
}

/**
 * The kind the extension claims, if it is one we know and the endpoint accepts.
 * Checked before content so a user who picked the wrong file gets "this upload
 * takes X" rather than a confusing content diagnosis.
 */
function claimedKind(name: string, accept: readonly FileKind[]): FileKind {
  const shown = displayName(name);
  const ext = extensionOf(name);
  const kind = EXTENSION_KIND.get(ext);
  if (kind === undefined) {
    const extText = ext === '' ? '没有扩展名' : `扩展名${ext}`;
    throw new FileRejectedError(
      'FILE_TYPE',
      `文件“${shown}”的类型不受支持（${extText}），此处仅接受${acceptedText(accept)}`,
    );
  }
  if (!accept.includes(kind)) {
    throw new FileRejectedError(
      'FILE_TYPE',
      `文件“${shown}”是${KIND_LABEL[kind]}，此处不接受；仅接受${acceptedText(accept)}`,
    );
  }
  return kind;
}

function mismatch(name: string, claimed: FileKind, detected: string): FileRejectedError {
  return new FileRejectedError(
    'FILE_TYPE',
    `文件“${displayName(name)}”的内容不是${KIND_LABEL[claimed]}（检测为${detected}）`,
  );
}

/**
 * Synchronous first pass: detect the kind from magic bytes and require the
 * extension to agree and the kind to be in `accept`.
 *
 * For ZIP containers the bytes alone only prove "some OOXML-style ZIP"; which one
 * (xlsx vs docx) needs the archive listing. In that case this returns the
 * extension's kind *provisionally* — callers that handle ZIP kinds must use
 * `sniffFile`, which confirms it from the entries (and runs the zip guard).
 */
export function detectFileKind(
  buf: Buffer,
  declaredName: string,
  accept: readonly FileKind[] = ALL_FILE_KINDS,
): FileKind {
  const shown = displayName(declaredName);
  if (buf.length === 0) throw new FileRejectedError('FILE_MALFORMED', `文件“${shown}”是空文件`);
  const claimed = claimedKind(declaredName, accept);
  const content = classifyContent(buf);

  switch (content.kind) {
    case 'zip':
      if (ZIP_KINDS.has(claimed)) return claimed;
      throw mismatch(declaredName, claimed, CONTENT_LABEL.zip);
    case 'cfb':
      if (claimed === 'xlsx' || claimed === 'docx') {
        const legacy = claimed === 'xlsx' ? 'Excel 97-2003（.xls）' : 'Word 97-2003（.doc）';
        throw new FileRejectedError(
          'FILE_TYPE',
          `文件“${shown}”是加密的Office文档或旧版${legacy}格式，无法读取；请取消密码保护，并在Office中另存为${KIND_EXTENSIONS[claimed][0]}后重新上传`,
        );
      }
      throw mismatch(declaredName, claimed, CONTENT_LABEL.cfb);
    case 'pdf':
    case 'png':
    case 'jpeg':
      if (claimed === content.kind) return claimed;
      throw mismatch(declaredName, claimed, CONTENT_LABEL[content.kind]);
    case 'text':
      if (claimed === 'csv' || claimed === 'txt') return claimed;
      throw mismatch(declaredName, claimed, CONTENT_LABEL.text);
    case 'utf16':
      if (claimed === 'csv' || claimed === 'txt') {
        throw new FileRejectedError(
          'FILE_TYPE',
          `文件“${shown}”是UTF-16编码的文本，不受支持；请另存为UTF-8编码（Excel中选择“CSV UTF-8（逗号分隔）”）后重新上传`,
        );
      }
      throw mismatch(declaredName, claimed, CONTENT_LABEL.utf16);
    case 'non-utf8-text':
      if (claimed === 'csv' || claimed === 'txt') {
        throw new FileRejectedError(
          'FILE_TYPE',
          `文件“${shown}”不是UTF-8编码的文本（可能是GBK编码）；请另存为UTF-8编码（Excel中选择“CSV UTF-8（逗号分隔）”）后重新上传`,
        );
      }
      throw mismatch(declaredName, claimed, CONTENT_LABEL['non-utf8-text']);
    case 'binary':
      if (claimed === 'csv' || claimed === 'txt') {
        throw new FileRejectedError(
          'FILE_TYPE',
          `文件“${shown}”的内容不是文本（含有二进制数据），不是有效的${KIND_LABEL[claimed]}`,
        );
      }
      throw mismatch(declaredName, claimed, CONTENT_LABEL.binary);
  }
}

export interface SniffOptions {
  accept?: readonly FileKind[];
  /** Limits for the zip guard applied to ZIP kinds. */
  zipLimits?: Omit<ZipGuardOptions, 'fileName'>;
}

export interface SniffResult {
  kind: FileKind;
  /** The validated archive listing for ZIP kinds; undefined otherwise. */
  zipEntries?: ZipEntryInfo[];
}

/** `sniffFile` with the zip listing kept, for callers that want it. */
export async function sniffFileDetailed(buf: Buffer, name: string, options: SniffOptions = {}): Promise<SniffResult> {
  const claimed = detectFileKind(buf, name, options.accept ?? ALL_FILE_KINDS);
  if (!ZIP_KINDS.has(claimed)) return { kind: claimed };

  // Guard first: the listing below must come from an archive we've vetted.
  const entries = await inspectZip(buf, { ...options.zipLimits, fileName: name });
  const names = new Set(entries.map((e) => e.name));
  const actual: FileKind | null = names.has('xl/workbook.xml')
    ? 'xlsx'
    : names.has('word/document.xml')
      ? 'docx'
      : null;
  if (actual === claimed) return { kind: actual, zipEntries: entries };
  throw mismatch(name, claimed, actual === null ? CONTENT_LABEL.zip : KIND_LABEL[actual]);
}

/**
 * Authoritative detection: `detectFileKind` plus, for ZIP containers, the zip
 * guard and confirmation of xlsx vs docx from the archive's entries.
 */
export async function sniffFile(buf: Buffer, name: string, options: SniffOptions = {}): Promise<FileKind> {
  return (await sniffFileDetailed(buf, name, options)).kind;
}
