/**
 * The composer the templates write with: keyed paragraphs of prose and bound numbers, tables,
 * charts, and the checks the template declares between its numbers. It produces the platform
 * document (platform/documents) and, beside it, what the document claims (claims.ts): every
 * stated number with its location and sentence, and the checks.
 *
 * Edits: a paragraph's key may carry the user's text. The numbers in that text are read back
 * (numbers.ts) and matched, in order and by unit, to the numbers the template put there: a number
 * that still reads as the fact stays bound; a changed one becomes a typed number (no `source`)
 * under the same id, so the template's checks judge it. Numbers the template did not write get
 * ids of their own (`b<block>.n<k>`); a check whose number was deleted is dropped.
 *
 * Number style (ADR 0013): every number goes through `num`, which writes amounts and rates in the
 * report's style (两位小数 or 去掉末尾的零), so prose, tables and score tables of all three templates,
 * and so every format, print a figure the same way. A number of an edited paragraph that still
 * equals its fact is written in the style too (the user's "2.3" is "2.30" in a 两位小数 report).
 */
import {
  bound,
  runsText,
  text,
  type Block,
  type Document,
  type Image,
  type Run,
  type Table,
  type TableCell,
  type TableColumn,
} from '../../../platform/documents/index.js';
import { eq, parseDec } from '../../performance/domain/decimal.js';
import type { Check, NumberUnit, StatedNumber } from './claims.js';
import { idsOfAny } from './checks.js';
import { DEFAULT_NUMBER_STYLE, parseNumbers, styleNumber, type NumberStyle } from './numbers.js';

/** A number the template states. */
export interface Num {
  kind: 'num';
  id: string;
  text: string;
  unit: NumberUnit;
  label: string;
  source: string;
}
export type Part = string | Num;

interface Meta {
  id: string;
  unit: NumberUnit;
  label?: string | undefined;
  source?: string | undefined;
  /** The bound value as the template wrote it. */
  value?: string | undefined;
}

export interface Built {
  document: Document;
  numbers: StatedNumber[];
  checks: Check[];
  /** Paragraph key per block index (null: not editable). */
  keys: (string | null)[];
  /** Template text per paragraph key (before edits). */
  originals: Record<string, string>;
  /** Run → number metadata (for the editor's highlighting). */
  meta: WeakMap<Run, Meta>;
  /** What could not be stated, and why. */
  notes: string[];
}

export class Composer {
  private blocks: Block[] = [];
  private keys: (string | null)[] = [];
  private slots = new Map<number, Meta[]>();
  private checks: Check[] = [];
  private ids = new Map<string, number>();
  private readonly meta = new WeakMap<Run, Meta>();
  readonly notes: string[] = [];

  constructor(
    private readonly edits: Record<string, string> = {},
    readonly style: NumberStyle = DEFAULT_NUMBER_STYLE,
  ) {}

  /**
   * A number, written in the report's style (amounts and rates; `value` is its exact text, e.g.
   * "2.3" or "2.30"); the same id twice gets a suffix and an `equal` check binding the two.
   */
  num(id: string, value: string, unit: NumberUnit, label: string, source: string): Num {
    const seen = this.ids.get(id) ?? 0;
    this.ids.set(id, seen + 1);
    const own = seen === 0 ? id : `${id}~${seen + 1}`;
    if (seen > 0) this.checks.push({ kind: 'equal', label: `${label}（前后一致）`, a: id, b: own });
    return { kind: 'num', id: own, text: this.fmt(value, unit), unit, label, source };
  }

  /** A figure outside the bound numbers (a chart's data label) written in the report's style. */
  fmt(value: string, unit: NumberUnit): string {
    return styleNumber(value, unit, this.style);
  }

  check(c: Check): void {
    this.checks.push(c);
  }

  note(message: string): void {
    this.notes.push(message);
  }

  /**
   * A heading (not editable). It may state numbers ("（一）履职完成情况（分值51分，自评得分51分）"):
   * they are bound and checked like a paragraph's.
   */
  heading(level: 1 | 2 | 3 | 4, t: string | Part[]): void {
    const runs: Run[] = [];
    for (const p of typeof t === 'string' ? [t] : t) {
      if (typeof p === 'string') {
        if (p) runs.push(text(p));
        continue;
      }
      const r = bound(p.text, p.source);
      this.meta.set(r, { id: p.id, unit: p.unit, label: p.label, source: p.source, value: p.text });
      runs.push(r);
      if (p.unit) runs.push(text(p.unit));
    }
    this.blocks.push({ kind: 'heading', level, runs: mergeText(runs, this.meta) });
    this.keys.push(null);
  }

  /** A keyed paragraph of prose and numbers; the number's unit is written after it. */
  para(
    key: string,
    parts: Part[],
    opts: { align?: 'left' | 'center' | 'right' | 'justify'; indent?: boolean } = {},
  ): void {
    if (this.keys.includes(key)) throw new Error(`段落编号重复：${key}`);
    const index = this.blocks.length;
    const runs: Run[] = [];
    const slots: Meta[] = [];
    for (const p of parts) {
      if (typeof p === 'string') {
        if (p) runs.push(text(p));
        continue;
      }
      const r = bound(p.text, p.source);
      const m = { id: p.id, unit: p.unit, label: p.label, source: p.source, value: p.text };
      this.meta.set(r, m);
      slots.push(m);
      runs.push(r);
      if (p.unit) runs.push(text(p.unit));
    }
    this.blocks.push({ kind: 'paragraph', runs: mergeText(runs, this.meta), ...opts });
    this.keys.push(key);
    this.slots.set(index, slots);
  }

  /** A table whose cells may hold numbers (bound runs; the unit is in the header, not the cell). */
  table(
    columns: TableColumn[],
    header: TableCell[][],
    rows: (Part | TableCell)[][],
    opts: { caption?: string; fontSizePt?: number } = {},
  ): void {
    const body = rows.map((row) =>
      row.map((c): TableCell => {
        if (typeof c === 'string') return { runs: c ? [text(c)] : [] };
        if ('kind' in c && c.kind === 'num') {
          const r = bound(c.text, c.source);
          this.meta.set(r, { id: c.id, unit: c.unit, label: c.label, source: c.source });
          return { runs: [r], align: 'center' };
        }
        return c as TableCell;
      }),
    );
    const t: Table = { kind: 'table', columns, header, rows: body, ...opts };
    this.blocks.push(t);
    this.keys.push(null);
  }

  image(img: Image): void {
    this.blocks.push(img);
    this.keys.push(null);
  }

  block(b: Block): void {
    this.blocks.push(b);
    this.keys.push(null);
  }

  build(title: string, meta: Document['meta'] = {}): Built {
    const originals: Record<string, string> = {};
    this.blocks.forEach((b, i) => {
      const key = this.keys[i];
      if (!key || b.kind !== 'paragraph') return;
      originals[key] = runsText(b.runs);
      const edited = this.edits[key];
      if (edited !== undefined && edited !== originals[key])
        b.runs = this.applyEdit(edited, this.slots.get(i) ?? [], i);
    });
    const document: Document = { title, blocks: this.blocks, meta };
    const numbers = statedNumbers(document, this.meta);
    const present = new Set(numbers.map((n) => n.id));
    const checks = this.checks.filter((c) => idsOfAny(c).every((id) => present.has(id)));
    return { document, numbers, checks, keys: this.keys, originals, meta: this.meta, notes: this.notes };
  }

  private applyEdit(edited: string, slots: Meta[], block: number): Run[] {
    const parsed = parseNumbers(edited);
    const runs: Run[] = [];
    let at = 0;
    let slot = 0;
    let extra = 0;
    for (const p of parsed) {
      if (p.start > at) runs.push(text(edited.slice(at, p.start)));
      // The next template number of the same unit, skipping ones the user deleted.
      let k = slot;
      while (k < slots.length && slots[k]!.unit !== p.unit) k++;
      const m = k < slots.length ? slots[k]! : undefined;
      let run: Run;
      if (m) {
        slot = k + 1;
        // Still the fact when it reads as the same value ("2.3" for 2.30): written as the template does.
        const still = m.source !== undefined && m.value !== undefined && sameValue(p.value, m.value);
        run = still ? bound(m.value!, m.source!) : text(p.text);
        this.meta.set(run, still ? m : { id: m.id, unit: m.unit, label: m.label });
      } else {
        run = text(p.text);
        this.meta.set(run, { id: `b${block}.n${++extra}`, unit: p.unit });
      }
      runs.push(run);
      at = p.end;
    }
    if (at < edited.length) runs.push(text(edited.slice(at)));
    return mergeText(runs, this.meta);
  }
}

function sameValue(a: string, b: string): boolean {
  try {
    return eq(parseDec(a), parseDec(b));
  } catch {
    return a === b;
  }
}

/** Joins adjacent prose runs; a run that is a number (in `meta`) stays its own run. */
function mergeText(runs: Run[], meta?: WeakMap<Run, Meta>): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (
      r.kind === 'text' &&
      last &&
      last.kind === 'text' &&
      !last.bold &&
      !r.bold &&
      !meta?.has(r) &&
      !meta?.has(last)
    ) {
      const merged = text(last.text + r.text);
      out[out.length - 1] = merged;
    } else out.push(r);
  }
  return out;
}

/** The sentence (up to 。 or a line end) around a span of a block's text. */
function sentenceAround(t: string, start: number, end: number): string {
  const before = Math.max(t.lastIndexOf('。', start - 1), t.lastIndexOf('\n', start - 1));
  const after = [t.indexOf('。', end), t.indexOf('\n', end)].filter((x) => x >= 0);
  const stop = after.length ? Math.min(...after) + 1 : t.length;
  return t.slice(before + 1, stop).trim();
}

function toStated(r: Run, m: Meta, location: StatedNumber['location'], sentence: string): StatedNumber {
  const t = r.kind === 'bound' ? r.value : r.text;
  return {
    id: m.id,
    text: t,
    value: t.replace(/[,，]/g, ''),
    decimals: t.includes('.') ? t.length - t.indexOf('.') - 1 : 0,
    unit: m.unit,
    location,
    sentence,
    label: m.label,
    source: r.kind === 'bound' ? m.source : undefined,
  };
}

/** Every number the document states, with where it is. */
export function statedNumbers(doc: Document, meta: WeakMap<Run, Meta>): StatedNumber[] {
  const out: StatedNumber[] = [];
  const walk = (runs: Run[], location: Omit<StatedNumber['location'], 'start' | 'end'>) => {
    const all = runsText(runs);
    let at = 0;
    for (const r of runs) {
      const len = (r.kind === 'bound' ? r.value : r.text).length;
      const m = meta.get(r);
      if (m) out.push(toStated(r, m, { ...location, start: at, end: at + len }, sentenceAround(all, at, at + len)));
      at += len;
    }
  };
  doc.blocks.forEach((b, block) => {
    if (b.kind === 'paragraph' || b.kind === 'heading') walk(b.runs, { block, kind: b.kind });
    else if (b.kind === 'table') {
      b.rows.forEach((row, ri) =>
        row.forEach((c, ci) => {
          // The cell's column in the grid is its index when the row has no spans (the templates' rows).
          const label = runsText(row[0]?.runs ?? []);
          const before = out.length;
          walk(c.runs, { block, kind: 'table', row: ri, col: ci });
          for (const n of out.slice(before)) n.sentence = `${label}：${runsText(c.runs)}`;
        }),
      );
    }
  });
  return out;
}

/** The editor's view of the paragraphs: runs with their fact key and number id. */
export function paragraphViews(built: Built, edits: Record<string, string>) {
  const out: {
    key: string;
    block: number;
    kind: 'heading' | 'paragraph';
    runs: { text: string; source: string | null; numberId: string | null }[];
    edited: boolean;
    original: string;
  }[] = [];
  built.document.blocks.forEach((b, block) => {
    const key = built.keys[block];
    if (b.kind === 'heading')
      out.push({
        key: `h${block}`,
        block,
        kind: 'heading',
        runs: b.runs.map((r) => ({ text: runsText([r]), source: null, numberId: null })),
        edited: false,
        original: runsText(b.runs),
      });
    if (b.kind !== 'paragraph' || !key) return;
    out.push({
      key,
      block,
      kind: 'paragraph',
      runs: b.runs.map((r) => {
        const m = built.meta.get(r);
        return { text: runsText([r]), source: r.kind === 'bound' ? r.source : null, numberId: m?.id ?? null };
      }),
      edited: edits[key] !== undefined && edits[key] !== built.originals[key],
      original: built.originals[key] ?? '',
    });
  });
  return out;
}
