/**
 * Project self-evaluation (项目支出绩效自评) per 财预〔2020〕10号: budget execution is worth 10
 * points, output indicators 50, outcome indicators 30 and satisfaction 10 (the weights may be
 * adjusted only within the same total, so a table whose levels do not add up is flagged).
 * Each indicator compares the actual value with its target in the target's direction:
 * "≥ target" earns points × actual ÷ target (capped), "≤ target" full points within the target
 * and points × target ÷ actual above it, "= target" full points only when met; a qualitative
 * target is met or not. Below full points a deviation reason is required, as the 10号 table asks.
 */
import {
  type Dec,
  ONE,
  ZERO,
  abs,
  div,
  eq,
  fromInt,
  fromNumber,
  ge,
  isZero,
  le,
  max,
  min,
  mul,
  percent,
  sub,
  sum,
  toText,
} from './decimal.js';
import { gradeOf } from './framework.js';
import { DEFAULT_GRADES, PROJECT_EXECUTION_POINTS, PROJECT_LEVELS, type ProjectLevel } from '@bianban/contracts';

const EXECUTION_POINTS = PROJECT_EXECUTION_POINTS;

export interface ProjectIndicator {
  level: ProjectLevel;
  level2: string;
  name: string;
  points: number;
  /** Quantitative: op and value with a unit; qualitative: op 'text' and the target in words. */
  target: {
    op: '>=' | '<=' | '=' | 'text';
    value?: number | undefined;
    text?: string | undefined;
    unit?: string | undefined;
  };
  actual: { value?: number | undefined; text?: string | undefined; met?: boolean | undefined };
  deviationReason?: string | undefined;
}

export interface ProjectSheet {
  projectName: string;
  annualTarget: string;
  actualOutcome: string;
  /** Budget (adjusted, else initial) and executed amount, in fen, from the budget module. */
  budget: number | null;
  executed: number | null;
  indicators: ProjectIndicator[];
}

export interface ScoredIndicator {
  index: number;
  score: Dec | null;
  explanation: string;
  error: string | null;
}

export interface ProjectScore {
  execution: { rate: Dec | null; score: Dec | null; error: string | null };
  indicators: ScoredIndicator[];
  levels: { key: ProjectLevel; label: string; points: Dec; stated: Dec; score: Dec | null }[];
  total: Dec | null;
  grade: string | null;
  problems: string[];
}

function targetText(i: ProjectIndicator): string {
  if (i.target.op === 'text') return i.target.text ?? '';
  const op = i.target.op === '>=' ? '≥' : i.target.op === '<=' ? '≤' : '=';
  return `${op}${i.target.value ?? ''}${i.target.unit ?? ''}`;
}

export function scoreIndicator(i: ProjectIndicator, index: number): ScoredIndicator {
  const points = fromNumber(i.points);
  const label = `“${i.name}”`;
  let score: Dec;
  if (i.target.op === 'text') {
    if (i.actual.met === undefined) return { index, score: null, explanation: '', error: `请判断${label}是否达到目标` };
    score = i.actual.met ? points : ZERO;
  } else {
    if (i.target.value === undefined) return { index, score: null, explanation: '', error: `${label}缺少目标值` };
    if (i.actual.value === undefined) return { index, score: null, explanation: '', error: `${label}缺少实际完成值` };
    const t = fromNumber(i.target.value);
    const a = fromNumber(i.actual.value);
    if (i.target.op === '>=') {
      if (isZero(t)) score = points;
      else score = mul(points, max(ZERO, min(ONE, div(a, t))));
    } else if (i.target.op === '<=') {
      if (le(a, t)) score = points;
      else score = isZero(a) ? points : mul(points, div(t, a));
    } else {
      score = eq(a, t) ? points : isZero(t) ? ZERO : mul(points, max(ZERO, sub(ONE, div(abs(sub(a, t)), abs(t)))));
    }
  }
  const full = ge(score, points);
  const reason = i.deviationReason?.trim() ?? '';
  const actualText =
    i.target.op === 'text'
      ? (i.actual.text ?? (i.actual.met ? '达到' : '未达到'))
      : `${i.actual.value}${i.target.unit ?? ''}`;
  const explanation = `目标${targetText(i)}，实际${actualText}，得${toText(score, 2)}分`;
  if (!full && reason === '') {
    return { index, score, explanation, error: `${label}未完成目标，须说明偏差原因` };
  }
  return { index, score, explanation, error: null };
}

export function scoreProject(sheet: ProjectSheet): ProjectScore {
  const problems: string[] = [];
  let execution: ProjectScore['execution'];
  if (sheet.budget === null || sheet.executed === null) {
    execution = { rate: null, score: null, error: '缺少项目预算数或执行数' };
  } else if (sheet.budget === 0) {
    execution = { rate: null, score: null, error: '项目预算数为0，无法计算预算执行率' };
  } else {
    const rate = percent(fromInt(sheet.executed), fromInt(sheet.budget));
    execution = { rate, score: mul(fromInt(EXECUTION_POINTS), min(ONE, div(rate, fromInt(100)))), error: null };
  }
  const indicators = sheet.indicators.map(scoreIndicator);
  const levels = PROJECT_LEVELS.map((l) => {
    const rows = sheet.indicators.map((i, k) => ({ i, s: indicators[k]! })).filter((r) => r.i.level === l.key);
    const stated = sum(rows.map((r) => fromNumber(r.i.points)));
    // A level with no indicator is not filled in yet: it has no score, not zero.
    const complete = rows.length > 0 && rows.every((r) => r.s.score !== null && r.s.error === null);
    if (!eq(stated, fromInt(l.points))) {
      problems.push(`${l.label}分值合计${toText(stated)}分，财预〔2020〕10号规定为${l.points}分`);
    }
    return {
      key: l.key,
      label: l.label,
      points: fromInt(l.points),
      stated,
      score: complete ? sum(rows.map((r) => r.s.score!)) : null,
    };
  });
  const complete = execution.score !== null && levels.every((l) => l.score !== null);
  const total = complete ? sum([execution.score!, ...levels.map((l) => l.score!)]) : null;
  return {
    execution,
    indicators,
    levels,
    total,
    grade: total === null ? null : gradeOf(total, DEFAULT_GRADES),
    problems,
  };
}
