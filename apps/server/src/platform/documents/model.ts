/**
 * The document model: what every generated document (机构编制管理证, self-evaluation reports,
 * disclosure explanations) is built as, before one of the renderers turns it into DOCX, PDF or
 * HTML. Plain data, no I/O: a document can be built, compared and rendered in tests without a
 * database.
 *
 * Numbers that come from facts are `bound` runs: they carry the value as shown and the key of
 * the fact it was read from, so later code (consistency checks, the report editor) can tell a
 * bound number from typed prose and show where it came from.
 */

/** Page setup in millimetres. Defaults: GB/T 9704-2012 (see `GBT9704`). */
export interface PageSetup {
  widthMm: number;
  heightMm: number;
  marginTopMm: number;
  marginBottomMm: number;
  marginLeftMm: number;
  marginRightMm: number;
  /** Lines per page in the type area (GB/T 9704 5.2.3: 22). */
  linesPerPage: number;
  /** Characters per line of body text (GB/T 9704 5.2.3: 28). */
  charsPerLine: number;
  /** Page numbers at the foot, `— 1 —`, outside edge (GB/T 9704 7.5). */
  pageNumbers: boolean;
}

/**
 * GB/T 9704-2012 《党政机关公文格式》: A4 (5.1); 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm, so
 * bottom 35 mm and right 26 mm (5.2.1); body 3号仿宋 (5.2.2); 22 lines of 28 characters (5.2.3);
 * title 2号小标宋 (7.3.1).
 */
export const GBT9704: PageSetup = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  linesPerPage: 22,
  charsPerLine: 28,
  pageNumbers: true,
};

/** Chinese font sizes (字号) in points. */
export const FONT_SIZE_PT = {
  二号: 22,
  三号: 16,
  四号: 14,
  小四: 12,
  五号: 10.5,
} as const;

/** Typeface roles; each renderer maps them to fonts (DOCX: names; PDF: embedded files). */
export type FontRole = 'title' | 'body' | 'hei' | 'kai';

export interface TextRun {
  kind: 'text';
  text: string;
  bold?: boolean;
}

/** A value read from a fact: shown as `value`, sourced from `source` (e.g. `figures:<unit>:2025-12-31:administrative.approved`). */
export interface BoundRun {
  kind: 'bound';
  value: string;
  source: string;
  bold?: boolean;
}

export type Run = TextRun | BoundRun;

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Heading {
  kind: 'heading';
  /** GB/T 9704 7.3.3: 1 一、(黑体) · 2 （一）(楷体) · 3 1.(仿宋) · 4 (1)(仿宋). Numbering is part of the text. */
  level: 1 | 2 | 3 | 4;
  runs: Run[];
}

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  align?: Align;
  /** First-line indent of two characters (default true for justified/left text). */
  indent?: boolean;
  font?: FontRole;
}

export interface TableCell {
  runs: Run[];
  /** Columns this cell spans (default 1). */
  colSpan?: number;
  /** Rows this cell spans (default 1); the rows below list only the cells that start there, as in HTML. */
  rowSpan?: number;
  align?: Align;
  bold?: boolean;
}

export interface TableColumn {
  /** Relative width; the widths are scaled to the type area. */
  width: number;
  align?: Align;
}

export interface Table {
  kind: 'table';
  columns: TableColumn[];
  /** Header rows, repeated at the top of every page the table runs onto. */
  header: TableCell[][];
  rows: TableCell[][];
  /** Cell text size in points (default 12, 小四). */
  fontSizePt?: number;
  caption?: string;
}

export interface Image {
  kind: 'image';
  format: 'png' | 'svg';
  data: Uint8Array;
  /**
   * A PNG of the same picture: required for SVG in DOCX (Word's fallback); the PDF draws an SVG of
   * the plain subset (svg.ts) as vector graphics and needs the PNG only for any other SVG.
   */
  fallbackPng?: Uint8Array;
  widthMm: number;
  heightMm: number;
  alt: string;
}

export interface PageBreak {
  kind: 'pageBreak';
}

/**
 * Signature and seal lines, right-aligned: `label：value` per entry (an empty value leaves a line
 * to sign on), the seal note and the date (GB/T 9704 7.3.5: 成文日期右空四字).
 */
export interface Signature {
  kind: 'signature';
  entries: { label: string; value: Run[] }[];
  /** Printed where the seal goes, e.g. `（印章）`. */
  seal?: string;
  /** Already formatted, e.g. `2025年12月31日`. */
  date?: Run[];
}

export type Block = Heading | Paragraph | Table | Image | PageBreak | Signature;

export interface Document {
  title: string;
  /** Lines under the title (e.g. 文号), centred, 仿宋. */
  subtitle?: Run[];
  page?: Partial<PageSetup>;
  blocks: Block[];
  /** Document properties (DOCX core properties, PDF info, HTML meta). */
  meta?: { author?: string; subject?: string; keywords?: string[] };
}

// ── builders ─────────────────────────────────────────────────────────────────────────────────

export const text = (t: string, bold = false): TextRun =>
  bold ? { kind: 'text', text: t, bold } : { kind: 'text', text: t };
export const bound = (value: string | number, source: string, bold = false): BoundRun =>
  bold ? { kind: 'bound', value: String(value), source, bold } : { kind: 'bound', value: String(value), source };
export const para = (runs: Run[] | string, opts: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph => ({
  kind: 'paragraph',
  runs: typeof runs === 'string' ? [text(runs)] : runs,
  ...opts,
});
export const heading = (level: Heading['level'], runs: Run[] | string): Heading => ({
  kind: 'heading',
  level,
  runs: typeof runs === 'string' ? [text(runs)] : runs,
});
export const cell = (runs: Run[] | string | number, opts: Omit<TableCell, 'runs'> = {}): TableCell => ({
  runs: typeof runs === 'string' || typeof runs === 'number' ? [text(String(runs))] : runs,
  ...opts,
});

// ── helpers shared by the renderers ──────────────────────────────────────────────────────────

export function pageOf(doc: Document): PageSetup {
  return { ...GBT9704, ...doc.page };
}

export function runText(r: Run): string {
  return r.kind === 'text' ? r.text : r.value;
}

export function runsText(runs: Run[]): string {
  return runs.map(runText).join('');
}

/** `2025-12-31` → `2025年12月31日` (GB/T 9704 7.3.5: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`日期格式不正确：${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Every bound value in reading order, with where it is: for provenance views and checks. */
export function boundValues(doc: Document): { value: string; source: string }[] {
  const out: { value: string; source: string }[] = [];
  const take = (runs: Run[] | undefined) => {
    for (const r of runs ?? []) if (r.kind === 'bound') out.push({ value: r.value, source: r.source });
  };
  take(doc.subtitle);
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') take(b.runs);
    else if (b.kind === 'table') for (const row of [...b.header, ...b.rows]) for (const c of row) take(c.runs);
    else if (b.kind === 'signature') {
      for (const e of b.entries) take(e.value);
      take(b.date);
    }
  }
  return out;
}

/** All text of the document, in reading order (for glyph coverage checks and tests). */
export function allText(doc: Document): string {
  const parts: string[] = [doc.title, runsText(doc.subtitle ?? [])];
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') parts.push(runsText(b.runs));
    else if (b.kind === 'table') {
      if (b.caption) parts.push(b.caption);
      for (const row of [...b.header, ...b.rows]) for (const c of row) parts.push(runsText(c.runs));
    } else if (b.kind === 'signature') {
      for (const e of b.entries) parts.push(e.label, runsText(e.value));
      if (b.seal) parts.push(b.seal);
      parts.push(runsText(b.date ?? []));
    } else if (b.kind === 'image') parts.push(b.alt);
  }
  return parts.join('\n');
}

/**
 * The grid of a table (header and body rows together, as HTML lays them out): for each row, the
 * starting column of each listed cell. Throws when a row is wider than the columns or a span
 * leaves a hole, naming the row — a table the renderers would draw differently is refused.
 */
export function layoutTable(t: Table): { row: number; col: number; cell: TableCell }[][] {
  const cols = t.columns.length;
  const rows = [...t.header, ...t.rows];
  const taken: boolean[][] = rows.map(() => new Array<boolean>(cols).fill(false));
  return rows.map((row, r) => {
    let c = 0;
    const out = row.map((cellDef) => {
      while (c < cols && taken[r]![c]) c++;
      const span = cellDef.colSpan ?? 1;
      const rs = cellDef.rowSpan ?? 1;
      if (c + span > cols) throw new Error(`表格第${r + 1}行的单元格超出${cols}列`);
      if (r + rs > rows.length) throw new Error(`表格第${r + 1}行的单元格跨行超出表格`);
      for (let i = r; i < r + rs; i++) for (let j = c; j < c + span; j++) taken[i]![j] = true;
      const placed = { row: r, col: c, cell: cellDef };
      c += span;
      return placed;
    });
    if (taken[r]!.some((x) => !x)) throw new Error(`表格第${r + 1}行的单元格不足${cols}列`);
    return out;
  });
}

export const MM_PER_PT = 25.4 / 72;
export const mmToPt = (mm: number) => mm / MM_PER_PT;
export const mmToTwip = (mm: number) => Math.round((mm / 25.4) * 1440);
