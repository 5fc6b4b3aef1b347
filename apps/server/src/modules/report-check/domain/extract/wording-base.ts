/**
 * What the wording rules share: the input they read, a finding anchored at a span of words, the
 * sentences of a unit with their offsets, figures found by label, number formatting. Pure.
 */
import type { StatedNumber } from '../../../reports/domain/claims.js';
import type { AnyCheck } from '../../../reports/domain/checks.js';
import type { Classification } from '../../../budget/domain/classification.js';
import type { Block } from '../read/document.js';
import type { ReportFinding } from '../findings.js';
import { columnFigures, scoredItems, UnitIndex, type ColumnFigure, type ScoredItem } from './items.js';
import type { DocumentMeta } from './meta.js';
import { wordSpan, type TextUnit, type Token } from './scan.js';

export interface WordingInput {
  blocks: readonly Block[];
  units: readonly TextUnit[];
  tokens: ReadonlyMap<TextUnit, Token[]>;
  meta: DocumentMeta;
  /** The checks declared by the patterns (a rule may read a total's parts). */
  checks: readonly AnyCheck[];
  /** Subject names per year (政府收支分类科目); null: the rule on renamed subjects is off. */
  classification: Classification | null;
}

/** The input with what several rules derive from it, computed once. */
export class WordingContext {
  readonly index: UnitIndex;
  readonly all: Token[];
  readonly columns: ColumnFigure[];
  readonly items: ScoredItem[];
  private readonly byId: Map<string, Token>;
  constructor(readonly input: WordingInput) {
    this.index = new UnitIndex(input.units);
    this.all = input.units.flatMap((u) => input.tokens.get(u) ?? []);
    this.byId = new Map(this.all.map((t) => [t.n.id, t]));
    this.columns = columnFigures(input.blocks, this.index);
    this.items = scoredItems(input.blocks, this.index);
  }
  token(id: string): Token | undefined {
    return this.byId.get(id);
  }
  paragraphs(): TextUnit[] {
    return this.input.units.filter((u) => u.kind === 'paragraph');
  }
}

/** A span of words as the "number" a finding is anchored at. */
export function spanAt(unit: TextUnit, start: number, end: number, label: string): StatedNumber {
  return { ...wordSpan(unit, start, end, label, 'w'), value: '0' };
}

/** A word-level finding: a warning unless told, judged against the text (check kind `expected`). */
export function wordFinding(
  f: Omit<ReportFinding, 'severity' | 'check' | 'source'> & { severity?: ReportFinding['severity'] },
): ReportFinding {
  return { ...f, severity: f.severity ?? 'warning', check: 'expected', source: 'text' };
}

/** Sentences of a text (split after 。！？ and line breaks) with their offsets. */
export function sentencesOf(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let a = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || '。！？\n'.includes(text[i]!)) {
      const end = i < text.length ? i + 1 : i;
      if (text.slice(a, end).trim()) out.push({ start: a, end, text: text.slice(a, end) });
      a = end;
    }
  }
  return out;
}

/** A number for the messages: at most `decimals` places, no trailing zeros. */
export function fmt(n: number, decimals = 2): string {
  const s = n.toFixed(decimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** "第12、15行" from lines. */
export function linesText(lines: readonly number[]): string {
  const ls = [...new Set(lines)].sort((a, b) => a - b);
  return `第${ls.join('、')}行`;
}

/** The first 60 characters of a sentence, for messages. */
export const excerptOf = (s: string, n = 60) => {
  const t = s.trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};
