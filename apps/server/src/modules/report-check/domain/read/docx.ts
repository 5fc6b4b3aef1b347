/**
 * DOCX: word/document.xml walked in order, paragraphs as paragraphs and tables as tables (rows,
 * cells; a cell's paragraphs joined by line breaks). "Line" is the paragraph number in the body.
 * An encrypted DOCX is an OLE compound file, not a ZIP: said so.
 */
import JSZip from 'jszip';
import { normaliseChars, stripMarkers, UnreadableError, type Block, type ReadDocument } from './document.js';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
/** Refuse a document.xml that inflates beyond this (zip bombs). */
const MAX_XML_CHARS = 64 * 1024 * 1024;

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&amp;/g, '&');
}

export async function readDocx(buf: Uint8Array): Promise<ReadDocument> {
  if (buf.length === 0) throw new UnreadableError('EMPTY', '文件为空');
  if (OLE_MAGIC.every((b, i) => buf[i] === b)) {
    throw new UnreadableError(
      'ENCRYPTED',
      'DOCX 文件已加密（或为旧版 .doc 格式），无法读取；请另存为未加密的 .docx 后重试',
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    throw new UnreadableError('CORRUPT', 'DOCX 文件已损坏（不是有效的 ZIP 容器），无法读取');
  }
  const entry = zip.file('word/document.xml');
  if (!entry) throw new UnreadableError('CORRUPT', 'DOCX 文件缺少正文（word/document.xml），无法读取');
  let xml: string;
  try {
    xml = await entry.async('string');
  } catch {
    throw new UnreadableError('CORRUPT', 'DOCX 正文无法解压，文件已损坏');
  }
  if (xml.length > MAX_XML_CHARS) throw new UnreadableError('TOO_LARGE', 'DOCX 正文解压后过大，拒绝读取');
  const blocks = docxBlocks(xml);
  if (!blocks.length) throw new UnreadableError('EMPTY', 'DOCX 文件没有文字内容');
  return { format: 'docx', blocks };
}

/** The body of document.xml as blocks. Exported for tests. */
export function docxBlocks(xml: string): Block[] {
  const blocks: Block[] = [];
  const tag = /<(\/?)w:(tbl|tr|tc|p|t|tab|br|cr)(?:\s[^>]*?)?(\/?)>|<\/w:t>/g;
  let paraNo = 0;
  let para: string | null = null;
  // Stack of open tables; cells collect paragraphs.
  type Cell = { text: string[]; line: number };
  type Tbl = {
    line: number;
    rows: { line: number; cells: Cell[] }[];
    row: { line: number; cells: Cell[] } | null;
    cell: Cell | null;
  };
  const tables: Tbl[] = [];
  let inText = false;
  let textStart = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(xml))) {
    const [whole, close, name, selfClose] = m;
    if (whole === '</w:t>') {
      if (inText && para !== null) para += decodeEntities(xml.slice(textStart, m.index));
      inText = false;
      continue;
    }
    const t = tables[tables.length - 1];
    switch (name) {
      case 't':
        if (!close && !selfClose) {
          inText = true;
          textStart = m.index + whole.length;
        }
        break;
      case 'tab':
        if (para !== null && !close) para += '\t';
        break;
      case 'br':
      case 'cr':
        if (para !== null && !close) para += '\n';
        break;
      case 'p':
        if (selfClose) {
          paraNo++;
          break;
        }
        if (!close) {
          paraNo++;
          para = '';
        } else if (para !== null) {
          const text = normaliseChars(stripMarkers(para.replace(/\t/g, ' '))).trim();
          if (t?.cell) {
            if (t.cell.text.length === 0) t.cell.line = paraNo;
            t.cell.text.push(text);
          } else if (text) blocks.push({ kind: 'paragraph', line: paraNo, text });
          para = null;
        }
        break;
      case 'tbl':
        if (!close) tables.push({ line: paraNo + 1, rows: [], row: null, cell: null });
        else {
          const done = tables.pop();
          if (done) {
            const rows = done.rows.map((r) => ({
              line: r.line,
              cells: r.cells.map((c) => ({ text: c.text.filter((x) => x !== '').join('\n'), line: c.line })),
            }));
            const outer = tables[tables.length - 1];
            if (outer?.cell) {
              // A nested table: its text joins the outer cell.
              outer.cell.text.push(...rows.map((r) => r.cells.map((c) => c.text).join(' ')));
            } else if (rows.length) blocks.push({ kind: 'table', line: done.line, rows });
          }
        }
        break;
      case 'tr':
        if (!t) break;
        if (!close) t.row = { line: paraNo + 1, cells: [] };
        else if (t.row) {
          t.rows.push(t.row);
          t.row = null;
        }
        break;
      case 'tc':
        if (!t) break;
        if (!close) t.cell = { text: [], line: paraNo + 1 };
        else if (t.cell) {
          t.row?.cells.push(t.cell);
          t.cell = null;
        }
        break;
    }
  }
  return blocks;
}
