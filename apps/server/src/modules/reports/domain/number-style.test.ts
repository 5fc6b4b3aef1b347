/**
 * The number style (ADR 0013) without a database: the formatter in both styles (negatives,
 * rounding half-up, integers, zero, digits past the second kept), which units it applies to, and
 * the composer writing every number in the report's style — with the consistency checks reading
 * the stated precision ("2.20%" to ±0.005, "2.2%" to ±0.05) green in both styles and still
 * catching a wrong figure.
 */
import { describe, expect, it } from 'vitest';
import type { NumberStyle } from '@bianban/contracts';
import { runsText } from '../../../platform/documents/index.js';
import { parseDec } from '../../performance/domain/decimal.js';
import { runChecks } from './checks.js';
import { Composer } from './compose.js';
import { decText, formatDecimal, share, styleDecimal, styleFor, styleNumber, trimZeros, wan } from './numbers.js';

const TWO: NumberStyle = { amounts: 'twoDecimals', rates: 'twoDecimals' };
const TRIM: NumberStyle = { amounts: 'trimZeros', rates: 'trimZeros' };

describe('styleDecimal', () => {
  it('两位小数 pads a non-integer to two decimals; 去掉末尾的零 drops trailing zeros', () => {
    expect(styleDecimal('2.3', 'twoDecimals')).toBe('2.30');
    expect(styleDecimal('2.30', 'twoDecimals')).toBe('2.30');
    expect(styleDecimal('2.30', 'trimZeros')).toBe('2.3');
    expect(styleDecimal('2.2', 'trimZeros')).toBe('2.2');
    expect(styleDecimal('81.3', 'twoDecimals')).toBe('81.30');
    expect(styleDecimal('1566.4', 'twoDecimals')).toBe('1566.40');
  });
  it('integers are bare in both styles, zero is "0" and never "-0"', () => {
    for (const s of ['twoDecimals', 'trimZeros'] as const) {
      expect(styleDecimal('8', s)).toBe('8');
      expect(styleDecimal('8.00', s)).toBe('8');
      expect(styleDecimal('100.00', s)).toBe('100');
      expect(styleDecimal('0', s)).toBe('0');
      expect(styleDecimal('0.00', s)).toBe('0');
      expect(styleDecimal('-0.00', s)).toBe('0');
      expect(styleDecimal('-0', s)).toBe('0');
    }
  });
  it('negatives keep their sign; digits past the second are kept, never rounded', () => {
    expect(styleDecimal('-0.1', 'twoDecimals')).toBe('-0.10');
    expect(styleDecimal('-0.10', 'trimZeros')).toBe('-0.1');
    expect(styleDecimal('-15', 'twoDecimals')).toBe('-15');
    expect(styleDecimal('9.123456', 'twoDecimals')).toBe('9.123456');
    expect(styleDecimal('9.123450', 'trimZeros')).toBe('9.12345');
  });
});

describe('formatDecimal', () => {
  it('rounds half-up (away from zero) to two decimals, then applies the style', () => {
    expect(formatDecimal(parseDec('2.295'), 'twoDecimals')).toBe('2.30');
    expect(formatDecimal(parseDec('2.295'), 'trimZeros')).toBe('2.3');
    expect(formatDecimal(parseDec('2.2949999'), 'twoDecimals')).toBe('2.29');
    expect(formatDecimal(parseDec('0.005'), 'twoDecimals')).toBe('0.01');
    expect(formatDecimal(parseDec('-2.295'), 'twoDecimals')).toBe('-2.30');
    expect(formatDecimal(parseDec('-2.295'), 'trimZeros')).toBe('-2.3');
    expect(formatDecimal(parseDec('-0.004'), 'twoDecimals')).toBe('0');
    expect(formatDecimal(parseDec('99.995'), 'twoDecimals')).toBe('100');
    expect(formatDecimal(parseDec('99.995'), 'trimZeros')).toBe('100');
    expect(formatDecimal(parseDec('0'), 'twoDecimals')).toBe('0');
  });
  it('001’s 2.30 ÷ 104.76: 2.1955…% is 2.20% or 2.2%', () => {
    const s = share(2_300_000, 104_760_000)!;
    expect(formatDecimal(s, 'twoDecimals')).toBe('2.20');
    expect(formatDecimal(s, 'trimZeros')).toBe('2.2');
    // The helpers report checking reads keep today's behaviour.
    expect(decText(s)).toBe('2.2');
    expect(wan(2_300_000)).toBe('2.3');
    expect(trimZeros('2.30')).toBe('2.3');
  });
});

describe('styleNumber', () => {
  it('amounts (万元, 元, 亿元) and rates (%) follow their own choice; scores and counts are untouched', () => {
    const mixed: NumberStyle = { amounts: 'trimZeros', rates: 'twoDecimals' };
    expect(styleFor('万元', mixed)).toBe('trimZeros');
    expect(styleFor('元', mixed)).toBe('trimZeros');
    expect(styleFor('亿元', mixed)).toBe('trimZeros');
    expect(styleFor('%', mixed)).toBe('twoDecimals');
    expect(styleFor('分', mixed)).toBeNull();
    expect(styleNumber('63.2', '万元', mixed)).toBe('63.2');
    expect(styleNumber('81.3', '%', mixed)).toBe('81.30');
    expect(styleNumber('23.5', '分', TWO)).toBe('23.5');
    expect(styleNumber('7', '人', TWO)).toBe('7');
    expect(styleNumber('优', '', TWO)).toBe('优');
    expect(styleNumber('2.30', '万元')).toBe('2.3');
  });
});

/** 001:L399 as the self-evaluation template writes it, in a style. */
function economic(style: NumberStyle, edits: Record<string, string> = {}) {
  const c = new Composer(edits, style);
  const basicFen = 104_760_000;
  const basic = c.num('exp.basic', wan(basicFen), '万元', '基本支出', 'budget:u:2020:basic');
  const parts: (string | ReturnType<Composer['num']>)[] = ['2020年基本支出', basic, '，其中：'];
  const items = [
    ['301', '工资福利支出', 65_770_000],
    ['302', '商品和服务支出', 36_690_000],
    ['303', '对个人和家庭的补助支出', 2_300_000],
  ] as const;
  items.forEach(([code, name, fen], i) => {
    const n = c.num(`econ.${code}`, wan(fen), '万元', name, `budget:u:2020:${code}`);
    const s = c.num(`econ.${code}.share`, decText(share(fen, basicFen)!), '%', `${name}占比`, 'calc');
    c.check({ kind: 'share', label: `${name}占比`, share: s.id, part: n.id, whole: basic.id });
    parts.push(i ? '；' : '', name, n, '，占基本支出的', s);
  });
  c.check({ kind: 'sum', label: '基本支出 = 各项之和', total: basic.id, parts: items.map(([k]) => `econ.${k}`) });
  parts.push('。');
  c.para('economic', parts);
  c.table([{ width: 2 }, { width: 2 }], [], [['三公经费合计', c.num('tp.total', wan(1_500_000), '万元', '三公', 'f')]]);
  c.para('score', ['综合得分', c.num('score.total', '98.5', '分', '综合得分', 'e')]);
  return c.build('测试');
}

describe('composer in a number style', () => {
  it('两位小数: 001’s sentence as the seed prints it, in prose and table; scores keep their own form', () => {
    const b = economic(TWO);
    const text = b.originals.economic!;
    expect(text).toContain('对个人和家庭的补助支出2.30万元，占基本支出的2.20%');
    expect(text).toContain('工资福利支出65.77万元，占基本支出的62.78%');
    expect(b.numbers.find((n) => n.id === 'econ.303.share')).toMatchObject({ text: '2.20', decimals: 2 });
    expect(b.numbers.find((n) => n.id === 'tp.total')).toMatchObject({ text: '1.50', location: { kind: 'table' } });
    expect(b.numbers.find((n) => n.id === 'score.total')!.text).toBe('98.5');
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
  });

  it('去掉末尾的零: the same sentence as today (2.3万元, 2.2%), checks green', () => {
    const b = economic(TRIM);
    expect(b.originals.economic).toContain('对个人和家庭的补助支出2.3万元，占基本支出的2.2%');
    expect(b.numbers.find((n) => n.id === 'econ.303.share')).toMatchObject({ text: '2.2', decimals: 1 });
    expect(b.numbers.find((n) => n.id === 'tp.total')!.text).toBe('1.5');
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
  });

  it('the checks read the stated precision: 2.21% is an error at ±0.005 in either style', () => {
    for (const style of [TWO, TRIM]) {
      const original = economic(style).originals.economic!;
      const wrong = original.replace(/占基本支出的2\.2(0)?%/, '占基本支出的2.21%');
      expect(wrong).not.toBe(original);
      const b = economic(style, { economic: wrong });
      const f = runChecks(b.numbers, b.checks);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'error', check: 'share', stated: '2.21' });
      expect(f[0]!.recomputed).toMatch(/^2\.2/);
    }
  });

  it('an edited paragraph’s unchanged numbers stay bound and print in the report’s style', () => {
    // Typed under 去掉末尾的零, read in a 两位小数 report: "2.3" is still the fact and prints 2.30.
    const typed = economic(TRIM).originals.economic!.replace('2020年基本支出', '全年基本支出');
    const b = economic(TWO, { economic: typed });
    const p = b.document.blocks[0]!;
    expect(p.kind === 'paragraph' && runsText(p.runs)).toContain('全年基本支出104.76万元');
    expect(p.kind === 'paragraph' && runsText(p.runs)).toContain('补助支出2.30万元，占基本支出的2.20%');
    expect(b.numbers.filter((n) => n.location.kind === 'paragraph').every((n) => n.source !== undefined)).toBe(true);
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
    // A changed figure is typed (not bound) and kept as the user wrote it.
    const changed = economic(TWO, { economic: typed.replace('补助支出2.3万元', '补助支出2.4万元') });
    const n = changed.numbers.find((x) => x.id === 'econ.303')!;
    expect(n).toMatchObject({ text: '2.4', source: undefined });
    expect(runChecks(changed.numbers, changed.checks).map((x) => x.check)).toContain('sum');
  });
});
