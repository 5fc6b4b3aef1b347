/**
 * Reading any supported file: the kind from the magic bytes (PDF, ZIP → DOCX, OLE → encrypted
 * DOCX), else text. Empty and oversized files are refused with a clear message.
 */
import { MAX_READ_BYTES, UnreadableError, type ReadDocument } from './document.js';
import { readDocx } from './docx.js';
import { readPdf } from './pdf.js';
import { decodeText, readPlainText } from './text.js';

export * from './document.js';
export { readDocx, docxBlocks } from './docx.js';
export { readPdf, stripRunningLines } from './pdf.js';
export { decodeText, readPlainText } from './text.js';

export async function readAny(buf: Uint8Array, name: string, maxBytes = MAX_READ_BYTES): Promise<ReadDocument> {
  if (buf.length === 0) throw new UnreadableError('EMPTY', '文件为空');
  if (buf.length > maxBytes) {
    throw new UnreadableError(
      'TOO_LARGE',
      `文件超过${Math.round(maxBytes / 1024 / 1024)} MB 上限（实际 ${(buf.length / 1024 / 1024).toFixed(1)} MB）`,
    );
  }
  const head = Buffer.from(buf.subarray(0, 8));
  const lower = name.toLowerCase();
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return readPdf(buf);
  if (head[0] === 0x50 && head[1] === 0x4b) return readDocx(buf);
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return readDocx(buf);
  if (lower.endsWith('.docx')) return readDocx(buf);
  if (lower.endsWith('.pdf')) throw new UnreadableError('CORRUPT', 'PDF 文件已损坏（缺少 %PDF 文件头），无法读取');
  if (buf.subarray(0, 4096).includes(0)) {
    throw new UnreadableError('UNSUPPORTED', '不支持的文件格式（仅支持纯文本、DOCX 和带文字层的 PDF）');
  }
  return readPlainText(decodeText(buf).text);
}
