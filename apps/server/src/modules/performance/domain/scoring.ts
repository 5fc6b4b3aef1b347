/**
 * The scoring engine: one rule, the indicator's points and its input → a score and the sentence
 * that explains it ("预算调整率12.3%，高于10%且不高于20%，得1分"). Pure; every failure is a value
 * with a Chinese message naming what is missing, never a silent zero.
 */
import type { Band, Rule } from '@bianban/contracts';
import {
  type Dec,
  ceil,
  dec,
  div,
  eq,
  floor,
  fromNumber,
  ge,
  gt,
  le,
  lt,
  max,
  min,
  mul,
  sub,
  abs,
  toText,
  ZERO,
  sum,
  percent,
} from './decimal.js';

export interface RuleSubject {
  /** Indicator name, used in sentences. */
  name: string;
  points: Dec;
  /** Label and unit of the value the rule reads (a metric or a hand-entered value). */
  valueLabel?: string;
  unit?: string;
}

export interface RuleInputs {
  value?: Dec | undefined;
  /** checklist: keys of the items met. */
  met?: readonly string[] | undefined;
  occurrences?: number | undefined;
  /** manual: the score given. */
  score?: Dec | undefined;
  reason?: string | undefined;
}

export type RuleOutcome = { ok: true; score: Dec; explanation: string } | { ok: false; error: string };

const fail = (error: string): RuleOutcome => ({ ok: false, error });

function fmtValue(v: Dec, unit: string | undefined): string {
  return `${toText(v, 2)}${unit ?? ''}`;
}

function describeBand(b: Band, unit: string | undefined): string {
  const u = unit ?? '';
  const lo = b.min === undefined ? undefined : `${b.min}${u}`;
  const hi = b.max === undefined ? undefined : `${b.max}${u}`;
  if (b.min !== undefined && b.max !== undefined && b.min === b.max && b.minInclusive && b.maxInclusive) {
    return `等于${lo}`;
  }
  const parts: string[] = [];
  if (lo !== undefined) parts.push(b.minInclusive ? `不低于${lo}` : `高于${lo}`);
  if (hi !== undefined) parts.push(b.maxInclusive ? `不高于${hi}` : `低于${hi}`);
  return parts.join('且');
}

export function bandContains(b: Band, v: Dec): boolean {
  if (b.min !== undefined) {
    const m = fromNumber(b.min);
    if (b.minInclusive ? lt(v, m) : le(v, m)) return false;
  }
  if (b.max !== undefined) {
    const m = fromNumber(b.max);
    if (b.maxInclusive ? gt(v, m) : ge(v, m)) return false;
  }
  return true;
}

function needValue(subject: RuleSubject, inputs: RuleInputs): Dec | string {
  if (inputs.value === undefined) return `缺少“${subject.valueLabel ?? subject.name}”的数值，无法评分`;
  return inputs.value;
}

/** "得4.5分" with the score's shortest exact decimal form. */
export function scoreText(score: Dec): string {
  return `得${toText(score, 2)}分`;
}

export function applyRule(rule: Rule, subject: RuleSubject, inputs: RuleInputs): RuleOutcome {
  const label = subject.valueLabel ?? subject.name;
  switch (rule.kind) {
    case 'bands': {
      const v = needValue(subject, inputs);
      if (typeof v === 'string') return fail(v);
      const band = rule.bands.find((b) => bandContains(b, v));
      const score = fromNumber(band ? band.score : rule.otherwise);
      const where = band ? describeBand(band, subject.unit) : '不在任何计分区间内';
      return { ok: true, score, explanation: `${label}${fmtValue(v, subject.unit)}，${where}，${scoreText(score)}` };
    }
    case 'linear': {
      const v = needValue(subject, inputs);
      if (typeof v === 'string') return fail(v);
      const target = fromNumber(rule.full.value);
      const satisfied = rule.full.op === '<=' ? le(v, target) : rule.full.op === '>=' ? ge(v, target) : eq(v, target);
      const unitWord = subject.unit === '%' ? '个百分点' : `${subject.unit ?? ''}`;
      if (satisfied) {
        const cond = rule.full.op === '<=' ? '未超过' : rule.full.op === '>=' ? '达到' : '等于';
        return {
          ok: true,
          score: subject.points,
          explanation: `${label}${fmtValue(v, subject.unit)}，${cond}${rule.full.value}${subject.unit ?? ''}的标准，${scoreText(subject.points)}`,
        };
      }
      const deviation = abs(sub(v, target));
      const units = div(deviation, fromNumber(rule.per));
      const counted =
        rule.counting === 'perStarted' ? dec(ceil(units)) : rule.counting === 'perFull' ? dec(floor(units)) : units;
      const deduction = mul(counted, fromNumber(rule.deductPer));
      const score = max(fromNumber(rule.floor), sub(subject.points, deduction));
      const direction = gt(v, target) ? '超过' : '低于';
      const perText = rule.per === 1 ? `每${unitWord}` : `每${rule.per}${unitWord}`;
      return {
        ok: true,
        score,
        explanation:
          `${label}${fmtValue(v, subject.unit)}，${direction}${rule.full.value}${subject.unit ?? ''}的标准` +
          `${toText(deviation, 2)}${unitWord}，${perText}扣${rule.deductPer}分，扣${toText(min(deduction, subject.points), 2)}分，${scoreText(score)}`,
      };
    }
    case 'checklist': {
      const met = new Set(inputs.met ?? []);
      if (inputs.met === undefined) return fail(`请逐项勾选“${subject.name}”的检查项`);
      const unknown = [...met].filter((k) => !rule.items.some((i) => i.key === k));
      if (unknown.length) return fail(`“${subject.name}”没有检查项 ${unknown.join('、')}`);
      const score = sum(rule.items.filter((i) => met.has(i.key)).map((i) => fromNumber(i.points)));
      const missed = rule.items.filter((i) => !met.has(i.key));
      const explanation = missed.length
        ? `未达到：${missed.map((i) => `${i.label}（${i.points}分）`).join('；')}；${scoreText(score)}`
        : `各检查项均符合要求，${scoreText(score)}`;
      return { ok: true, score, explanation };
    }
    case 'perOccurrence': {
      const n = inputs.occurrences;
      if (n === undefined) return fail(`请填写“${subject.name}”不符合要求的次数（没有则填0）`);
      if (!Number.isInteger(n) || n < 0) return fail(`“${subject.name}”的次数须为非负整数`);
      const deduction = mul(fromNumber(n), fromNumber(rule.deductPer));
      const score = max(fromNumber(rule.floor), sub(subject.points, deduction));
      const explanation =
        n === 0
          ? `未发现不符合要求的情况，${scoreText(score)}`
          : `不符合要求${n}例，每例扣${rule.deductPer}分，${scoreText(score)}`;
      return { ok: true, score, explanation };
    }
    case 'ratio': {
      const v = needValue(subject, inputs);
      if (typeof v === 'string') return fail(v);
      const target = fromNumber(rule.target);
      const ratio = max(ZERO, min(div(v, target), fromNumber(rule.cap)));
      const score = mul(subject.points, ratio);
      return {
        ok: true,
        score,
        explanation: `${label}${fmtValue(v, subject.unit)}，目标${rule.target}${subject.unit ?? ''}，完成${toText(percent(v, target), 2)}%，${scoreText(score)}`,
      };
    }
    case 'manual': {
      const s = inputs.score;
      if (s === undefined) return fail(`请填写“${subject.name}”的得分`);
      if (lt(s, ZERO) || gt(s, subject.points)) {
        return fail(`“${subject.name}”的得分${toText(s, 2)}超出0–${toText(subject.points, 2)}分`);
      }
      const reason = inputs.reason?.trim() ?? '';
      if (lt(s, subject.points) && reason === '') {
        return fail(`“${subject.name}”未得满分，须填写扣分原因`);
      }
      return { ok: true, score: s, explanation: reason || `${scoreText(s)}` };
    }
  }
}

/** Whether a rule reads a number (a metric or a hand-entered value). */
export function ruleReadsValue(rule: Rule): boolean {
  return rule.kind === 'bands' || rule.kind === 'linear' || rule.kind === 'ratio';
}

/** The most a rule can give — used by the structural checks against the indicator's points. */
export function ruleMaximum(rule: Rule, points: Dec): Dec {
  switch (rule.kind) {
    case 'bands':
      return [rule.otherwise, ...rule.bands.map((b) => b.score)].map(fromNumber).reduce(max);
    case 'checklist':
      return sum(rule.items.map((i) => fromNumber(i.points)));
    case 'ratio':
      return mul(points, fromNumber(rule.cap));
    default:
      return points;
  }
}
