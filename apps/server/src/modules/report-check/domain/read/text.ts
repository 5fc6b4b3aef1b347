/**
 * Plain text: decoding (UTF-8, GB18030 when the bytes are not valid UTF-8) and the block
 * structure, including tables that an export flattened to one cell per line (a cell starts with
 * a tab, rows are separated by an empty line, a line without a tab continues the cell above).
 * Pure.
 */
import { normaliseChars, stripMarkers, UnreadableError, type Block, type ReadDocument } from './document.js';

/** UTF-8 (with or without BOM), else GB18030. */
export function decodeText(buf: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

const CELL_START = /^ *\t/;

function blocksFromLines(lines: readonly string[], lineOffset = 0): Block[] {
  const blocks: Block[] = [];
  type Row = { line: number; cells: { text: string; line: number }[] };
  let table: { line: number; rows: Row[] } | null = null;
  let row: Row | null = null;

  const closeTable = () => {
    if (row && row.cells.length) table!.rows.push(row);
    row = null;
    if (!table) return;
    const rows = table.rows.filter((r) => r.cells.some((c) => c.text.trim() !== ''));
    if (rows.every((r) => r.cells.filter((c) => c.text.trim() !== '').length <= 1)) {
      // Not a table: single cells on their own are paragraphs.
      for (const r of rows) {
        const c = r.cells.find((x) => x.text.trim() !== '')!;
        for (const [k, part] of c.text.split('\n').entries()) {
          if (part.trim()) blocks.push({ kind: 'paragraph', line: c.line + k, text: part.trim() });
        }
      }
    } else {
      blocks.push({ kind: 'table', line: table.line, rows });
    }
    table = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1 + lineOffset;
    const line = normaliseChars(stripMarkers(raw));
    if (CELL_START.test(raw)) {
      if (!table) table = { line: lineNo, rows: [] };
      if (!row) row = { line: lineNo, cells: [] };
      row.cells.push({ text: normaliseChars(stripMarkers(raw.replace(CELL_START, ''))).trim(), line: lineNo });
      continue;
    }
    if (line.trim() === '') {
      if (table) {
        if (row && row.cells.length) table.rows.push(row);
        row = null;
      }
      continue;
    }
    if (table && row && row.cells.length) {
      const last = row.cells[row.cells.length - 1]!;
      last.text = last.text ? `${last.text}\n${line.trim()}` : line.trim();
      continue;
    }
    if (table) closeTable();
    const text = line.trim();
    const prev = blocks[blocks.length - 1];
    // A line broken inside a sentence by an image ("…占" / " 8.18%。"): join it to the paragraph above.
    if (prev?.kind === 'paragraph' && /^\s+\d/.test(line) && !/[。！？：:；;]$/.test(prev.text)) {
      prev.text = `${prev.text}${text}`;
      continue;
    }
    blocks.push({ kind: 'paragraph', line: lineNo, text });
  }
  if (table) closeTable();
  return blocks;
}

/** Blocks of a text (already decoded). */
export function readPlainText(text: string): ReadDocument {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks = blocksFromLines(lines);
  if (!blocks.some((b) => (b.kind === 'paragraph' ? b.text.trim() : b.rows.length))) {
    throw new UnreadableError('EMPTY', '文件没有文字内容');
  }
  return { format: 'text', blocks };
}

export { blocksFromLines };
