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
import { sniffFile, type FileKind } from './detect.js';
import type { ZipLimits } from './zip-guard.js';

export { FileRejectedError, isFileRejectedError, type FileRejectedCode } from './errors.js';
export {
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
}

export interface CheckUploadResult {
  kind: FileKind;
  size: number;
  /** SM3 digest of the bytes, lowercase hex (GM/T 0004-2012). */
  sm3: string;
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

  const kind = await sniffFile(buf, name, { accept, ...(input.zipLimits ? { zipLimits: input.zipLimits } : {}) });
  const sm3 = createHash('sm3').update(buf).digest('hex');
  return { kind, size: buf.length, sm3 };
}
