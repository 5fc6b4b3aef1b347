/**
 * Structure the wording rules read: figures of tables labelled by their column headers (a header
 * of several rows with merged cells: "其中：" spans the columns under it), and scored items — rows
 * of a scoring table (指标 | 评分标准 | 分值 | 自评得分 | 说明) and paragraphs "指标名（5分）：…得分4分". Pure.
 */
import type { Block } from '../read/document.js';
import type { TextUnit } from './scan.js';

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** The number a cell holds when it holds nothing else ("18万" and "5分" too). */
export function cellNumber(text: string): number | null {
  const t = text.replace(/\s/g, '').replace(/(万元|万|元|分|%)$/, '');
  return NUMBER.test(t) ? Number(t.replace(/,/g, '')) : null;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const isOfWhich = (s: string) => /^其中[：:]?$/.test(s);

/** A figure of a table with the header of its column. */
export interface ColumnFigure {
  value: number;
  text: string;
  /** The nearest header above (bottom-most non-empty header row), e.g. "当年结余". */
  header: string;
  /** The first cell of the row ("局机关及二级机构汇总"). */
  rowLabel: string;
  line: number;
  unit: TextUnit;
}

/** Units by their place (block, row, col) for table cells and by block for paragraphs. */
export class UnitIndex {
  private readonly cells = new Map<string, TextUnit>();
  private readonly paras = new Map<number, TextUnit>();
  constructor(readonly units: readonly TextUnit[]) {
    for (const u of units) {
      if (u.kind === 'table') this.cells.set(`${u.block}:${u.row}:${u.col}`, u);
      else this.paras.set(u.block, u);
    }
  }
  cell(block: number, row: number, col: number): TextUnit | undefined {
    return this.cells.get(`${block}:${row}:${col}`);
  }
  paragraph(block: number): TextUnit | undefined {
    return this.paras.get(block);
  }
}

/**
 * The header cell over column `c` of a data row `width` cells wide. A header row with fewer
 * cells has merged cells: up to its "其中：" it is aligned to the left, after it to the right.
 */
function headerOver(header: readonly string[], c: number, width: number): string {
  if (header.length >= width) return header[c] ?? '';
  const k = header.findIndex(isOfWhich);
  if (k < 0 || c < k) return header[c] ?? '';
  const j = c - (width - header.length);
  return j > k ? (header[j] ?? '') : (header[k] ?? '');
}

export function columnFigures(blocks: readonly Block[], index: UnitIndex): ColumnFigure[] {
  const out: ColumnFigure[] = [];
  for (const [bi, b] of blocks.entries()) {
    if (b.kind !== 'table') continue;
    let headers: string[][] = [];
    let afterData = false;
    for (const [ri, row] of b.rows.entries()) {
      const texts = row.cells.map((c) => squash(c.text));
      const numeric = texts.slice(1).some((t) => cellNumber(t) !== null);
      if (!numeric) {
        if (afterData) headers = [];
        afterData = false;
        if (texts.filter((t) => t !== '').length <= 1 && texts.length <= 1) headers = [];
        else headers.push(texts);
        continue;
      }
      afterData = true;
      const hs = headers.slice(-4);
      for (let c = 1; c < texts.length; c++) {
        const v = cellNumber(texts[c]!);
        if (v === null) continue;
        let header = '';
        for (let h = hs.length - 1; h >= 0 && !header; h--) {
          const t = headerOver(hs[h]!, c, texts.length);
          if (t && !isOfWhich(t)) header = t;
        }
        const unit = index.cell(bi, ri, c);
        if (!header || !unit) continue;
        out.push({ value: v, text: texts[c]!, header, rowLabel: texts[0] ?? '', line: row.cells[c]!.line, unit });
      }
    }
  }
  return out;
}

/** A scored item: a row of a scoring table or a paragraph "名称（5分）：…得分4分". */
export interface ScoredItem {
  name: string;
  /** Where the name is written (a cell, or the start of the paragraph). */
  nameUnit: TextUnit;
  nameStart: number;
  nameEnd: number;
  /** The 评分标准 cell (tables only). */
  standard: TextUnit | null;
  points: number | null;
  score: number | null;
  /** Where the score is written. */
  scoreUnit: TextUnit | null;
  /** The other text of the item: the cells after the score (说明), or the paragraph after the name. */
  notes: { unit: TextUnit; start: number; text: string }[];
}

const NAME_COL = /指标$/;
const STANDARD_COL = /^(评分标准|评分办法|计分方法|评分细则|评价标准|指标解释|指标说明)/;
const POINTS_COL = /^(标准)?分值$/;
const SCORE_COL = /^(自评)?得分$/;

/** Strips quotes, the numbering and spaces of an item name. */
export function itemName(raw: string): string {
  return squash(raw)
    .replace(/^([（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+、)/, '')
    .replace(/[“”"‘’「」]/g, '');
}

export function scoredItems(blocks: readonly Block[], index: UnitIndex): ScoredItem[] {
  const out: ScoredItem[] = [];
  for (const [bi, b] of blocks.entries()) {
    if (b.kind === 'paragraph') {
      const unit = index.paragraph(bi);
      if (!unit) continue;
      const m = /^\s*([^（(：:。；，]{2,40}?)[（(](\d+(?:\.\d+)?)分[）)]\s*[：:]/.exec(unit.text);
      if (!m) continue;
      const nameStart = m.index + m[0].indexOf(m[1]!);
      const rest = unit.text.slice(m.index + m[0].length);
      const scores = [...rest.matchAll(/得分(?:为)?(\d+(?:\.\d+)?)分/g)];
      const last = scores[scores.length - 1];
      out.push({
        name: itemName(m[1]!),
        nameUnit: unit,
        nameStart,
        nameEnd: nameStart + m[1]!.length,
        standard: null,
        points: Number(m[2]),
        score: last ? Number(last[1]) : null,
        scoreUnit: last ? unit : null,
        notes: [{ unit, start: m.index + m[0].length, text: rest }],
      });
      continue;
    }
    const header = b.rows.findIndex((r) => {
      const t = r.cells.map((c) => squash(c.text));
      const p = t.findIndex((x) => POINTS_COL.test(x));
      return p >= 0 && t.findIndex((x) => SCORE_COL.test(x)) > p;
    });
    if (header < 0) continue;
    const h = b.rows[header]!.cells.map((c) => squash(c.text));
    const pointsCol = h.findIndex((x) => POINTS_COL.test(x));
    const scoreCol = h.findIndex((x) => SCORE_COL.test(x));
    const standardCol = h.findIndex((x) => STANDARD_COL.test(x));
    let nameCol = -1;
    for (let c = 0; c < pointsCol; c++) if (NAME_COL.test(h[c]!) && (standardCol < 0 || c < standardCol)) nameCol = c;
    if (nameCol < 0) continue;
    for (let r = header + 1; r < b.rows.length; r++) {
      const row = b.rows[r]!;
      // Rows as wide as the header are aligned to it; narrower ones (merged cells) to the right.
      const shift = row.cells.length - h.length;
      const at = (c: number) => (c + shift >= 0 ? index.cell(bi, r, c + shift) : undefined);
      const nameUnit = at(nameCol);
      const name = nameUnit ? itemName(nameUnit.text) : '';
      if (!nameUnit || !name || /^(总分|合计|总计)$/.test(name)) continue;
      const pointsUnit = at(pointsCol);
      const scoreUnit = at(scoreCol) ?? null;
      const notes: ScoredItem['notes'] = [];
      for (let c = scoreCol + 1; c < h.length; c++) {
        const u = at(c);
        if (u && u.text.trim()) notes.push({ unit: u, start: 0, text: u.text });
      }
      out.push({
        name,
        nameUnit,
        nameStart: 0,
        nameEnd: nameUnit.text.length,
        standard: standardCol >= 0 ? (at(standardCol) ?? null) : null,
        points: pointsUnit ? cellNumber(pointsUnit.text) : null,
        score: scoreUnit ? cellNumber(scoreUnit.text) : null,
        scoreUnit,
        notes,
      });
    }
  }
  return out;
}
