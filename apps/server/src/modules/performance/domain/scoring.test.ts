import { describe, expect, it } from 'vitest';
import { RuleSchema, type RuleInput } from '@bianban/contracts';
import { applyRule, type RuleInputs } from './scoring.js';
import { fromNumber, parseDec, toText, toFixed, add, mul, eq, div, DivisionByZero, round } from './decimal.js';

const rule = (r: RuleInput) => RuleSchema.parse(r);
const score = (r: RuleInput, points: number, inputs: RuleInputs, unit = '%') => {
  const out = applyRule(rule(r), { name: '测试指标', points: fromNumber(points), valueLabel: '测试值', unit }, inputs);
  return out;
};
const scoreOf = (r: RuleInput, points: number, inputs: RuleInputs) => {
  const out = score(r, points, inputs);
  if (!out.ok) throw new Error(out.error);
  return toText(out.score);
};
const v = (x: string) => ({ value: parseDec(x) });

describe('decimal', () => {
  it('is exact where binary floating point is not', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(eq(mul(fromNumber(0.1), fromNumber(3)), fromNumber(0.3))).toBe(true);
    expect(toText(add(parseDec('0.1'), parseDec('0.2')))).toBe('0.3');
  });
  it('rounds half away from zero for display', () => {
    expect(toFixed(parseDec('2.345'), 2)).toBe('2.35');
    expect(toFixed(parseDec('-2.345'), 2)).toBe('-2.35');
    expect(toFixed(parseDec('94.4154'), 2)).toBe('94.42');
    expect(toFixed(div(fromNumber(1), fromNumber(3)), 4)).toBe('0.3333');
    expect(toText(round(parseDec('12.19'), 1))).toBe('12.2');
  });
  it('refuses a zero denominator', () => {
    expect(() => div(fromNumber(1), fromNumber(0))).toThrow(DivisionByZero);
  });
  it('parses exponents and rejects text that is not a number', () => {
    expect(toText(parseDec('1.5e2'))).toBe('150');
    expect(() => parseDec('12a')).toThrow('不是数字');
  });
});

describe('bands (重点支出安排率, seed 001)', () => {
  const r: RuleInput = {
    kind: 'bands',
    bands: [
      { min: 90, score: 5 },
      { min: 80, max: 90, score: 4 },
      { min: 70, max: 80, score: 3 },
      { min: 60, max: 70, score: 2 },
    ],
    otherwise: 0,
  };
  it('puts a boundary value in the band that includes it', () => {
    expect(scoreOf(r, 5, v('90'))).toBe('5');
    expect(scoreOf(r, 5, v('89.99'))).toBe('4');
    expect(scoreOf(r, 5, v('80'))).toBe('4');
    expect(scoreOf(r, 5, v('59.9'))).toBe('0');
  });
  it('explains the score in words', () => {
    const out = score(r, 5, v('85'));
    expect(out).toMatchObject({ ok: true, explanation: '测试值85%，不低于80%且低于90%，得4分' });
  });
  it('预算调整率: exactly zero is its own band', () => {
    const adj: RuleInput = {
      kind: 'bands',
      bands: [
        { max: 0, maxInclusive: true, score: 3 },
        { min: 0, minInclusive: false, max: 10, maxInclusive: true, score: 2 },
        { min: 10, minInclusive: false, max: 20, maxInclusive: true, score: 1 },
        { min: 20, minInclusive: false, max: 30, maxInclusive: true, score: 0.5 },
      ],
    };
    expect(scoreOf(adj, 3, v('0'))).toBe('3');
    expect(scoreOf(adj, 3, v('0.01'))).toBe('2');
    expect(scoreOf(adj, 3, v('10'))).toBe('2');
    expect(scoreOf(adj, 3, v('12.3'))).toBe('1');
    expect(scoreOf(adj, 3, v('30'))).toBe('0.5');
    expect(scoreOf(adj, 3, v('30.01'))).toBe('0');
  });
  it('without a value it names what is missing', () => {
    expect(score(r, 5, {})).toEqual({ ok: false, error: '缺少“测试值”的数值，无法评分' });
  });
});

describe('linear deduction', () => {
  const control: RuleInput = { kind: 'linear', full: { op: '<=', value: 100 }, deductPer: 0.5 };
  it('gives full points within the standard', () => {
    expect(scoreOf(control, 5, v('100'))).toBe('5');
    expect(scoreOf(control, 5, v('92.3'))).toBe('5');
  });
  it('deducts per percentage point over, exactly', () => {
    expect(scoreOf(control, 5, v('104.5'))).toBe('2.75');
    const out = score(control, 5, v('104.5'));
    expect(out.ok && out.explanation).toBe(
      '测试值104.5%，超过100%的标准4.5个百分点，每个百分点扣0.5分，扣2.25分，得2.75分',
    );
  });
  it('stops at the floor (扣完为止)', () => {
    expect(scoreOf(control, 5, v('150'))).toBe('0');
  });
  it('counts started or full points when the rule says so', () => {
    expect(scoreOf({ ...control, counting: 'perStarted' }, 5, v('102.1'))).toBe('3.5');
    expect(scoreOf({ ...control, counting: 'perFull' }, 5, v('102.9'))).toBe('4');
  });
  it('政府采购执行率: each point under 100% deducts 0.2', () => {
    const r: RuleInput = { kind: 'linear', full: { op: '>=', value: 100 }, deductPer: 0.2 };
    expect(scoreOf(r, 3, v('95'))).toBe('2');
    expect(scoreOf(r, 3, v('100'))).toBe('3');
  });
});

describe('checklist, per occurrence, ratio, manual', () => {
  const checklist: RuleInput = {
    kind: 'checklist',
    items: [
      { key: 'a', label: '已制定管理办法', points: 1 },
      { key: 'b', label: '制度合法合规', points: 1 },
      { key: 'c', label: '制度有效执行', points: 1 },
    ],
  };
  it('checklist adds the items met and names the ones missed', () => {
    const out = score(checklist, 3, { met: ['a', 'c'] });
    expect(out).toEqual({ ok: true, score: fromNumber(2), explanation: '未达到：制度合法合规（1分）；得2分' });
  });
  it('checklist refuses unknown items and a missing entry', () => {
    expect(score(checklist, 3, { met: ['z'] })).toEqual({ ok: false, error: '“测试指标”没有检查项 z' });
    expect(score(checklist, 3, {}).ok).toBe(false);
  });
  it('per occurrence deducts each case down to the floor', () => {
    const r: RuleInput = { kind: 'perOccurrence', deductPer: 1 };
    expect(scoreOf(r, 3, { occurrences: 0 })).toBe('3');
    expect(scoreOf(r, 3, { occurrences: 2 })).toBe('1');
    expect(scoreOf(r, 3, { occurrences: 7 })).toBe('0');
    expect(score(r, 3, {})).toMatchObject({ ok: false, error: '请填写“测试指标”不符合要求的次数（没有则填0）' });
    expect(score(r, 3, { occurrences: -1 }).ok).toBe(false);
  });
  it('ratio to target is capped', () => {
    const r: RuleInput = { kind: 'ratio', target: 100 };
    expect(scoreOf(r, 10, v('95'))).toBe('9.5');
    expect(scoreOf(r, 10, v('120'))).toBe('10');
  });
  it('manual needs a reason below full points and stays within points', () => {
    const r: RuleInput = { kind: 'manual' };
    expect(score(r, 5, { score: fromNumber(4) })).toEqual({ ok: false, error: '“测试指标”未得满分，须填写扣分原因' });
    expect(scoreOf(r, 5, { score: fromNumber(4), reason: '无此考核指标' })).toBe('4');
    expect(score(r, 5, { score: fromNumber(6) })).toEqual({ ok: false, error: '“测试指标”的得分6超出0–5分' });
    expect(scoreOf(r, 5, { score: fromNumber(5) })).toBe('5');
  });
});

describe('rule validation', () => {
  it('names a rule that does not parse', () => {
    const bad = RuleSchema.safeParse({ kind: 'linear', full: { op: '<', value: 100 }, deductPer: 0.5 });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('比较符须为 <=、>= 或 =');
    const unknown = RuleSchema.safeParse({ kind: 'magic' });
    expect(JSON.stringify(unknown.error?.issues)).toContain('评分规则类型须为');
  });
});
