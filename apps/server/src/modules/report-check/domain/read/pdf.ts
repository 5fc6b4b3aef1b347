/**
 * PDF with a text layer: text per page (unpdf, pdf.js), running headers and footers (a line
 * repeated at the top or bottom of most pages, page numbers) removed, then read like plain text.
 * A PDF whose pages carry no text is a scan: said so.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { UnreadableError, type ReadDocument } from './document.js';
import { blocksFromLines } from './text.js';

const PAGE_NUMBER =
  /^(?:[-—–_\s]*\d+[-—–_\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|-\s*\d+\s*-)$/;

/** Lines that repeat at the top or bottom of at least half the pages (3 pages or more), and page numbers. */
export function stripRunningLines(pages: readonly string[][]): { pages: string[][]; removed: string[] } {
  const removed = new Set<string>();
  const key = (s: string) => s.replace(/\s+/g, '');
  if (pages.length >= 3) {
    const counts = new Map<string, number>();
    for (const p of pages) {
      const edge = new Set([...p.slice(0, 2), ...p.slice(-2)].map(key).filter((k) => k !== ''));
      for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counts) if (n >= Math.max(3, Math.ceil(pages.length / 2))) removed.add(k);
  }
  const out = pages.map((p) =>
    p.filter((line, i) => {
      const t = line.trim();
      const atEdge = i < 2 || i >= p.length - 2;
      if (atEdge && removed.has(key(t))) return false;
      if (atEdge && PAGE_NUMBER.test(t)) {
        removed.add(t);
        return false;
      }
      return true;
    }),
  );
  return { pages: out, removed: [...removed] };
}

export async function readPdf(buf: Uint8Array): Promise<ReadDocument> {
  if (buf.length === 0) throw new UnreadableError('EMPTY', '文件为空');
  let texts: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buf), { verbosity: 0, isEvalSupported: false });
    const { text } = await extractText(pdf, { mergePages: false });
    texts = text;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg)) throw new UnreadableError('ENCRYPTED', 'PDF 文件已加密（需要密码），无法读取');
    throw new UnreadableError('CORRUPT', `PDF 文件已损坏，无法读取（${msg.slice(0, 80)}）`);
  }
  if (texts.every((t) => t.replace(/\s+/g, '') === '')) {
    throw new UnreadableError('NO_TEXT_LAYER', '扫描件，无文字层，无法读取');
  }
  const { pages, removed } = stripRunningLines(texts.map((t) => t.split(/\r?\n/)));
  const lines = pages.flat();
  const blocks = blocksFromLines(lines);
  if (!blocks.length) throw new UnreadableError('NO_TEXT_LAYER', '扫描件，无文字层，无法读取');
  return { format: 'pdf', blocks, pages: texts.length, removed };
}
