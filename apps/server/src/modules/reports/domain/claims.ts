/**
 * What a document claims, in a form the consistency checks read: the numbers it states (with
 * where and how precisely they are stated) and the relations between them that must hold
 * (declarative checks). Generated reports declare their checks from the template that wrote
 * the sentence; report reading (checking a published file) declares them from the sentence
 * patterns it recognises. Both run the same library (./checks.ts).
 */

export const NUMBER_UNITS = [
  '万元',
  '元',
  '亿元',
  '%',
  '人',
  '名',
  '个',
  '项',
  '分',
  '次',
  '人次',
  '辆',
  '批次',
  '',
] as const;
export type NumberUnit = (typeof NUMBER_UNITS)[number];

export interface Location {
  /** Index of the block in the document (paragraph, heading or table). */
  block: number;
  kind: 'title' | 'heading' | 'paragraph' | 'table' | 'signature';
  /** Table cell, 0-based, counting body rows after the header rows. */
  row?: number | undefined;
  col?: number | undefined;
  /** Character span of the number inside the block's (or cell's) text. */
  start?: number | undefined;
  end?: number | undefined;
  /** Line number in the source file, when read from one (issue 7). */
  line?: number | undefined;
}

/** A number a document states. */
export interface StatedNumber {
  /** Unique within the document; generated reports use the fact key or `b<block>.n<k>`. */
  id: string;
  /** As written, e.g. "141.96", "94.42", "1752007.7". */
  text: string;
  /** Exact decimal string of the number in `unit` (full-width digits and separators normalised). */
  value: string;
  /** Decimals as stated ("94.42" → 2, "97" → 0): the precision the checks allow for. */
  decimals: number;
  unit: NumberUnit;
  location: Location;
  /** The sentence (or cell text) it is stated in, for findings. */
  sentence: string;
  /** What the number is, in words ("本年收入合计", "一般公共预算财政拨款收入占比"). */
  label?: string | undefined;
  /** Fact key when the number is bound to a fact and not edited since. */
  source?: string | undefined;
}

/** A relation between stated numbers that must hold. Ids refer to `StatedNumber.id`. */
export type Check =
  /** total = Σ parts (e.g. 收入合计 = 各来源之和; 三公 = its four parts; basic = personnel + operating). */
  | { kind: 'sum'; label: string; total: string; parts: string[] }
  /** share % = part ÷ whole × 100. */
  | { kind: 'share'; label: string; share: string; part: string; whole: string }
  /** rate % = (current − previous) ÷ previous × 100; `previous` may be implied by current − change. */
  | {
      kind: 'growth';
      label: string;
      rate: string;
      current?: string;
      previous?: string;
      change?: string;
      direction?: 'up' | 'down';
    }
  /** change = current − previous (stated "增加X万元"); direction from the words (增加/减少). */
  | { kind: 'change'; label: string; change: string; current: string; previous: string; direction?: 'up' | 'down' }
  /** rate % = numerator ÷ denominator × 100 (执行率, 控制率). */
  | { kind: 'ratio'; label: string; rate: string; numerator: string; denominator: string }
  /** Σ plus − Σ minus = result (carry-out = carry-in + income − expenditure). */
  | { kind: 'identity'; label: string; plus: string[]; minus: string[]; result: string }
  /** The same figure stated twice must agree (编制 in a header table and in the text). */
  | { kind: 'equal'; label: string; a: string; b: string }
  /** A stated number equals a value from another module (staff = roster as of a date). */
  | { kind: 'expected'; label: string; stated: string; expected: string; expectedDecimals: number; source: string }
  /** score ≤ points. */
  | { kind: 'scoreCap'; label: string; score: string; points: string }
  /** part ≤ whole, for counts (年报公示 ≤ 已报 ≤ 应报). */
  | { kind: 'atMost'; label: string; part: string; whole: string }
  /** The stated grade is the one the total earns. */
  | { kind: 'grade'; label: string; total: string; grade: string; bands: readonly { grade: string; min: number }[] };

export type CheckKind = Check['kind'];

export interface Finding {
  severity: 'error' | 'warning';
  check: CheckKind;
  label: string;
  /** The number judged wrong (the total of a sum, the stated rate of a growth …). */
  at: StatedNumber;
  message: string;
  stated: string;
  recomputed: string;
  /** The computation in words with its inputs: "15.42 ÷ (141.96 − 15.42) × 100 = 12.19". */
  how: string;
}
