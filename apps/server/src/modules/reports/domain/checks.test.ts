import { describe, expect, it } from 'vitest';
import { parseDec, round, toText } from '../../performance/domain/decimal.js';
import {
  ROUNDING_NOTES,
  SEED_FIGURES_THAT_HOLD,
  SEED_INCONSISTENCIES,
} from '../../performance/fixtures/seed-inconsistencies.js';
import type { CheckKind, Finding, Location, NumberUnit, StatedNumber } from './claims.js';
import {
  convertMoney,
  ex,
  parseChineseNumeral,
  parseStatedNumber,
  runChecks,
  type AnyCheck,
  type DerivedNumber,
  type RunOptions,
} from './checks.js';

// ───────────────────────────── building stated numbers from sentences ─────────────────────────────

interface NumOpts {
  label?: string;
  block?: number;
  kind?: Location['kind'];
  source?: string;
  /** Which occurrence of `text` in the sentence (0-based). */
  nth?: number;
}

/** Where `text` occurs in the sentence as a whole number (not inside a longer one). */
function standalone(sentence: string, text: string): number[] {
  const esc = text.replace(/[.+-]/g, (c) => `\\${c}`);
  return [...sentence.matchAll(new RegExp(`(?<![\\d.])${esc}(?!\\d|\\.\\d)`, 'g'))].map((m) => m.index);
}

/** A number read out of a sentence: `text` must occur in it (no figure is typed without its sentence). */
function num(id: string, sentence: string, text: string, unit: NumberUnit, opts: NumOpts = {}): StatedNumber {
  const hits = standalone(sentence, text);
  const start = hits[opts.nth ?? 0] ?? -1;
  if (start < 0) throw new Error(`“${text}”不在句中：${sentence}`);
  const p = parseStatedNumber(text, unit);
  return {
    id,
    text,
    value: p.value,
    decimals: p.decimals,
    unit: p.unit,
    location: { block: opts.block ?? 0, kind: opts.kind ?? 'paragraph', start, end: start + text.length },
    sentence,
    label: opts.label,
    source: opts.source,
  };
}

const BANDS = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
] as const;

const run = (numbers: StatedNumber[], checks: AnyCheck[], options?: RunOptions) => runChecks(numbers, checks, options);
const errors = (f: Finding[]) => f.filter((x) => x.severity === 'error');
/** A value rounded to the decimals `like` is written with. */
const atPrecisionOf = (value: string, like: string) => {
  const d = like.includes('.') ? like.length - like.indexOf('.') - 1 : 0;
  return toText(round(parseDec(value), d), Math.max(d, 0));
};

// ───────────────────────────── parsing ─────────────────────────────

describe('parseStatedNumber', () => {
  it('reads full-width digits, separators, signs and units', () => {
    expect(parseStatedNumber('１４１．９６万元')).toEqual({ value: '141.96', decimals: 2, unit: '万元' });
    expect(parseStatedNumber('1,566.40', '%')).toEqual({ value: '1566.40', decimals: 2, unit: '%' });
    expect(parseStatedNumber('１，７５２，００７．７元')).toEqual({ value: '1752007.7', decimals: 1, unit: '元' });
    expect(parseStatedNumber('94.42％')).toEqual({ value: '94.42', decimals: 2, unit: '%' });
    expect(parseStatedNumber('-0.1', '万元')).toEqual({ value: '-0.1', decimals: 1, unit: '万元' });
    expect(parseStatedNumber('－0.1万元')).toEqual({ value: '-0.1', decimals: 1, unit: '万元' });
    expect(parseStatedNumber('负0.10万元')).toEqual({ value: '-0.10', decimals: 2, unit: '万元' });
    expect(parseStatedNumber('00', '%')).toEqual({ value: '0', decimals: 0, unit: '%' });
    expect(parseStatedNumber('18万')).toEqual({ value: '18', decimals: 0, unit: '万元' });
    expect(parseStatedNumber('1.2亿元')).toEqual({ value: '1.2', decimals: 1, unit: '亿元' });
    expect(parseStatedNumber('7人次')).toEqual({ value: '7', decimals: 0, unit: '人次' });
  });
  it('reads Chinese numerals where they carry a figure', () => {
    expect(parseStatedNumber('二十七名')).toEqual({ value: '27', decimals: 0, unit: '名' });
    expect(parseChineseNumeral('一千零五')).toBe(1005n);
    expect(parseChineseNumeral('十二万三千')).toBe(123000n);
    expect(parseChineseNumeral('一亿二千万')).toBe(120000000n);
    expect(parseChineseNumeral('二〇二三')).toBe(2023n);
    expect(parseChineseNumeral('两')).toBe(2n);
    expect(parseChineseNumeral('若干')).toBeNull();
  });
  it('refuses what is not a number, naming it', () => {
    expect(() => parseStatedNumber('约数万元')).toThrow('“约数万元”不是数字');
    expect(() => parseStatedNumber('1.2.3')).toThrow('不是数字');
    expect(() => parseStatedNumber('12,34')).toThrow('不是数字');
  });
  it('converts between 元, 万元 and 亿元 exactly', () => {
    expect(toText(convertMoney(parseDec('1752007.7'), '元', '万元'), 8)).toBe('175.20077');
    expect(toText(convertMoney(parseDec('1.2'), '亿元', '万元'))).toBe('12000');
    expect(toText(convertMoney(parseDec('141.96'), '万元', '元'))).toBe('1419600');
  });
});

// ───────────────────────────── every check kind, broken and kept ─────────────────────────────

describe('sum', () => {
  const s =
    '2020年度支出决算合计333.04万元，其中：一般公共服务支出270.77万元，社会保障与就业支出36.87万元，卫生健康支出13.36万元，住房保障支出12.04万元。';
  const parts = [
    num('a', s, '270.77', '万元'),
    num('b', s, '36.87', '万元'),
    num('c', s, '13.36', '万元'),
    num('d', s, '12.04', '万元'),
  ];
  const check: AnyCheck = { kind: 'sum', label: '支出决算合计', total: 't', parts: ['a', 'b', 'c', 'd'] };
  it('holds for 270.77 + 36.87 + 13.36 + 12.04 = 333.04', () => {
    expect(run([num('t', s, '333.04', '万元'), ...parts], [check])).toEqual([]);
  });
  it('an error beyond the rounding of the parts, naming the sentence, values and computation', () => {
    const t = num('t', s.replace('333.04', '334.04'), '334.04', '万元', { label: '支出决算合计' });
    const [f, ...rest] = run([t, ...parts], [check]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', check: 'sum', stated: '334.04', recomputed: '333.04' });
    expect(f!.at.id).toBe('t');
    expect(f!.how).toBe('270.77 + 36.87 + 13.36 + 12.04 = 333.04');
    expect(f!.message).toContain('“334.04万元”（支出决算合计）');
    expect(f!.message).toContain('重算值333.04万元');
  });
  it('off by 0.01 with four two-decimal parts is a warning (尾差), not an error', () => {
    const t = num('t', s.replace('333.04', '333.05'), '333.05', '万元');
    const [f] = run([t, ...parts], [check]);
    expect(f).toMatchObject({ severity: 'warning', stated: '333.05', recomputed: '333.04' });
    expect(f!.message).toContain('疑为尾差');
    expect(f!.message).toContain('±0.025');
  });
  it('off by more than the propagated bound (±0.025) is an error', () => {
    const t = num('t', s.replace('333.04', '333.07'), '333.07', '万元');
    expect(run([t, ...parts], [check])[0]!.severity).toBe('error');
  });
  it('counts and scores are exact: 49 is not 51 whatever the number of parts', () => {
    const h = '（一）履职完成情况（分值51分，自评得分51）';
    const items = '6+6+6+6+6+4+7+8';
    const ns = items.split('+').map((x, i) => num(`p${i}`, `第${i + 1}项（分值${x}分，自评得分${x}分）`, x, '分'));
    const [f] = run(
      [num('t', h, '51', '分', { nth: 1 }), ...ns],
      [{ kind: 'sum', label: '履职完成情况得分', total: 't', parts: ns.map((x) => x.id) }],
    );
    expect(f).toMatchObject({ severity: 'error', stated: '51', recomputed: '49' });
  });
  it('compares parts in 元 with a total in 万元', () => {
    const t = '整体支出12.5万元，其中人员经费100000元，公用经费2.5万元。';
    const ns = [num('t', t, '12.5', '万元'), num('p', t, '100000', '元'), num('q', t, '2.5', '万元')];
    expect(run(ns, [{ kind: 'sum', label: '整体支出', total: 't', parts: ['p', 'q'] }])).toEqual([]);
    const wrong = [num('t', t, '12.5', '万元'), num('p', t.replace('100000', '110000'), '110000', '元'), ns[2]!];
    const [f] = run(wrong, [{ kind: 'sum', label: '整体支出', total: 't', parts: ['p', 'q'] }]);
    expect(f).toMatchObject({ severity: 'error', stated: '12.5', recomputed: '13.5' });
    expect(f!.how).toBe('110000元 + 2.5 = 13.5');
  });
  it('a rounded integer amount (15万元) widens the bound by ±0.5', () => {
    const t = '追加39.76万元、10.87万元以及15万元，共计65.63万元';
    const ns = [
      num('a', t, '39.76', '万元'),
      num('b', t, '10.87', '万元'),
      num('c', t, '15', '万元'),
      num('t', t, '65.63', '万元'),
    ];
    expect(run(ns, [{ kind: 'sum', label: '追加合计', total: 't', parts: ['a', 'b', 'c'] }])).toEqual([]);
  });
  it('bound numbers print at most two decimals with zeros dropped: "8" is 8.00', () => {
    const t = '收入合计142.5万元，其中财政拨款134.5万元，其他收入8万元。';
    const mk = (source?: string) => [
      num('t', t, '142.5', '万元', { source: 'income.total' }),
      num('a', t, '134.5', '万元'),
      num('b', t, '8', '万元', { source }),
    ];
    const check: AnyCheck = { kind: 'sum', label: '收入合计', total: 't', parts: ['a', 'b'] };
    // With "8" read as 8 ± 0.5 an edit of 134.5 (really 134.04) cannot be told from rounding …
    expect(run(mk(), [check])).toEqual([]);
    // … bound, it is 8.00 ± 0.005, and the sum 142.50 is exact.
    expect(run(mk('income.other'), [check])).toEqual([]);
    const edited = [
      num('t', t, '142.5', '万元', { source: 'income.total' }),
      num('a', t.replace('134.5', '134.54'), '134.54', '万元'),
      num('b', t, '8', '万元', { source: 'income.other' }),
    ];
    expect(run(edited, [check])[0]).toMatchObject({ severity: 'error', recomputed: '142.54' });
    expect(run(edited, [check], { minDecimals: {} })[0]!.severity).toBe('error');
  });
  it('minDecimals makes read documents strict about dropped zeros', () => {
    const t = '合计142.5万元，其中134.04万元，8万元。';
    const ns = [num('t', t, '142.5', '万元'), num('a', t, '134.04', '万元'), num('b', t, '8', '万元')];
    const check: AnyCheck = { kind: 'sum', label: '合计', total: 't', parts: ['a', 'b'] };
    expect(run(ns, [check])[0]!.severity).toBe('warning');
    expect(run(ns, [check], { minDecimals: { 万元: 2 } })[0]!.severity).toBe('error');
  });
});

describe('the 10⁴ detector', () => {
  const s = '2023年编办预算经费应拨付资金1752007.7万元，实际支出金额167.958448万元';
  const b = '基本支出预算164.20077万元；项目支出预算11万元';
  const ns = [
    num('due', s, '1752007.7', '万元', { label: '应拨付资金' }),
    num('basic', b, '164.20077', '万元'),
    num('project', b, '11', '万元'),
  ];
  it('says 单位疑为元而非万元 when the total is 10⁴ times the sum of its parts', () => {
    const [f, ...rest] = run(ns, [{ kind: 'sum', label: '应拨付资金', total: 'due', parts: ['basic', 'project'] }]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', check: 'sum', stated: '1752007.7', recomputed: '175.20077' });
    expect(f!.message).toContain('单位疑为元而非万元');
    expect(f!.how).toContain('1752007.7元 = 175.20077万元');
  });
  it('and 单位疑为万元而非元 for 1/10⁴', () => {
    const t = '合计175.20077元';
    const [f] = run(
      [num('due', t, '175.20077', '元'), ns[1]!, ns[2]!],
      [{ kind: 'sum', label: '应拨付资金', total: 'due', parts: ['basic', 'project'] }],
    );
    expect(f!.message).toContain('单位疑为万元而非元');
  });
  it('points at the one part that explains the difference', () => {
    const t = '合计175.20077万元，其中基本支出1642007.7万元，项目支出11万元';
    const parts = [
      num('due', t, '175.20077', '万元'),
      num('basic', t, '1642007.7', '万元'),
      num('project', t, '11', '万元', { nth: 0 }),
    ];
    const [f] = run(parts, [{ kind: 'sum', label: '应拨付资金', total: 'due', parts: ['basic', 'project'] }]);
    expect(f!.at.id).toBe('basic');
    expect(f).toMatchObject({ severity: 'error', stated: '1642007.7', recomputed: '164.20077' });
    expect(f!.message).toContain('单位疑为元而非万元');
  });
  it('in an equality too', () => {
    const a = num('a', '基本支出预算164.20077万元', '164.20077', '万元');
    const bb = num('b', '基本支出预算1642007.7万元', '1642007.7', '万元');
    const [f] = run([a, bb], [{ kind: 'equal', label: '基本支出预算', a: 'a', b: 'b' }]);
    expect(f!.message).toContain('单位疑为元而非万元');
  });
  it('a figure that is merely wrong is not called a unit error', () => {
    const t = '合计200万元';
    const [f] = run(
      [num('due', t, '200', '万元'), ns[1]!, ns[2]!],
      [{ kind: 'sum', label: '应拨付资金', total: 'due', parts: ['basic', 'project'] }],
    );
    expect(f!.message).not.toContain('单位疑');
  });
});

describe('share', () => {
  const s =
    '2021年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%';
  const base = [num('total', s, '141.96', '万元'), num('gp', s, '134.04', '万元'), num('gf', s, '7.92', '万元')];
  it('94.42% for 134.04 ÷ 141.96 passes, and so does 5.58%', () => {
    const ns = [...base, num('s1', s, '94.42', '%'), num('s2', s, '5.58', '%')];
    const checks: AnyCheck[] = [
      { kind: 'share', label: '一般公共预算财政拨款收入占比', share: 's1', part: 'gp', whole: 'total' },
      { kind: 'share', label: '政府性基金收入占比', share: 's2', part: 'gf', whole: 'total' },
    ];
    expect(run(ns, checks)).toEqual([]);
  });
  it('a wrong share is an error with the computation', () => {
    const t = s.replace('94.42', '94.52');
    const ns = [...base, num('s1', t, '94.52', '%', { label: '一般公共预算财政拨款收入占比' })];
    const [f] = run(ns, [
      { kind: 'share', label: '一般公共预算财政拨款收入占比', share: 's1', part: 'gp', whole: 'total' },
    ]);
    expect(f).toMatchObject({ severity: 'error', check: 'share', stated: '94.52', recomputed: '94.42' });
    expect(f!.how).toBe('134.04 ÷ 141.96 × 100 = 94.42');
  });
  it('tolerance edge: 67.80% for 7.33 ÷ 10.82 (67.745%) is explained by the inputs’ rounding; 67.83% is not', () => {
    const t = '固定资产10.82万元……车辆7.33万元，占67.80%';
    const ns = [num('w', t, '10.82', '万元'), num('p', t, '7.33', '万元'), num('s', t, '67.80', '%')];
    const c: AnyCheck = { kind: 'share', label: '车辆占比', share: 's', part: 'p', whole: 'w' };
    expect(run(ns, [c])).toEqual([]);
    // 7.335 ÷ 10.815 = 67.8225%: 67.82 (± 0.005) still touches the interval, 67.83 does not.
    expect(run([ns[0]!, ns[1]!, num('s', t.replace('67.80', '67.82'), '67.82', '%')], [c])).toEqual([]);
    expect(run([ns[0]!, ns[1]!, num('s', t.replace('67.80', '67.83'), '67.83', '%')], [c])[0]!.severity).toBe('error');
  });
  it('a share of nothing is a warning, not a crash', () => {
    const t = '其他收入0万元，收入合计0万元，占0%';
    const ns = [num('p', t, '0', '万元'), num('w', t, '0', '万元', { nth: 1 }), num('s', t, '0', '%', { nth: 2 })];
    const [f] = run(ns, [{ kind: 'share', label: '其他收入占比', share: 's', part: 'p', whole: 'w' }]);
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toContain('分母为零');
  });
  it('a whole whose rounding allows zero cannot be judged', () => {
    const t = '其他收入0.01万元，年末1.00万元，年初0.99万元，占50%';
    const ns = [
      num('p', t, '0.01', '万元'),
      num('a', t, '1.00', '万元'),
      num('b', t, '0.99', '万元'),
      num('s', t, '50', '%'),
    ];
    // 1.00 − 0.99 = 0.01, but the rounding of both allows 0: no quotient can be trusted.
    const derived: DerivedNumber[] = [
      { id: 'w', label: '年内增加', unit: '万元', expr: ex.sub(ex.ref('a'), ex.ref('b')) },
    ];
    expect(run(ns, [{ kind: 'share', label: '占比', share: 's', part: 'p', whole: 'w' }], { derived })).toEqual([]);
  });
  it('countShare: 98% of 30 questionnaires is 29.4 — not a count', () => {
    const t = '服务对象30份……满意度分别为：服务对象为98%';
    const [f] = run(
      [num('w', t, '30', ''), num('s', t, '98', '%')],
      [{ kind: 'countShare', label: '服务对象满意度', share: 's', whole: 'w' }],
    );
    expect(f).toMatchObject({ severity: 'error', check: 'share', stated: '98', recomputed: '29.4' });
    expect(f!.how).toBe('30 × 98% = 29.4，不是整数；30中可得的相近比例为 29 ÷ 30 = 96.67% 或 30 ÷ 30 = 100%');
    expect(
      run(
        [num('w', t, '30', ''), num('s', t.replace('98%', '96.67%'), '96.67', '%')],
        [{ kind: 'countShare', label: '服务对象满意度', share: 's', whole: 'w' }],
      ),
    ).toEqual([]);
    // 97% of 63 = 61.11: rounding of a stated 97% (96.5–97.5%) allows 61/63 = 96.83%.
    const u = '问卷调查63份……综合满意度为97%';
    expect(
      run(
        [num('w', u, '63', ''), num('s', u, '97', '%')],
        [{ kind: 'countShare', label: '综合满意度', share: 's', whole: 'w' }],
      ),
    ).toEqual([]);
  });
});

describe('growth', () => {
  const s = '2021年度收、支总计141.96万元。与2020年相比，收、支总计增加15.42万元，增长5.43%。';
  const g = (rate: string, sentence = s) => [
    num('cur', sentence, '141.96', '万元'),
    num('chg', sentence, '15.42', '万元'),
    num('rate', sentence, rate, '%', { label: '收支总计增长率' }),
  ];
  const c: AnyCheck = {
    kind: 'growth',
    label: '收支总计增长率',
    rate: 'rate',
    current: 'cur',
    change: 'chg',
    direction: 'up',
  };
  it('divides by the previous year implied by current − change', () => {
    const [f] = run(g('5.43'), [c]);
    expect(f).toMatchObject({ severity: 'error', check: 'growth', stated: '5.43', recomputed: '12.19' });
    expect(f!.how).toContain('15.42 ÷ (141.96 − 15.42) × 100 = 12.19');
    // 15.42 ÷ 141.96 = 10.86% is not the stated 5.43% either: no denominator is named.
    expect(f!.how).toBe('15.42 ÷ (141.96 − 15.42) × 100 = 12.19');
    expect(f!.message).toContain('按上年数重算为增长12.19%');
    const t = s.replace('5.43', '12.19');
    expect(run(g('12.19', t), [c])).toEqual([]);
  });
  it('names the wrong denominator when it gives the stated value', () => {
    const t = '一般公共预算财政拨款支出134.04万元……增加9.22万元，增长6.88%';
    const ns = [num('cur', t, '134.04', '万元'), num('chg', t, '9.22', '万元'), num('rate', t, '6.88', '%')];
    const [f] = run(ns, [{ kind: 'growth', label: '支出增长率', rate: 'rate', current: 'cur', change: 'chg' }]);
    expect(f).toMatchObject({ stated: '6.88', recomputed: '7.39' });
    expect(f!.how).toContain('按本年数计算为 9.22 ÷ 134.04 × 100 = 6.88，与表述相符：除以了本年数而非上年数');
  });
  it('减少: previous = current + change, and the rate is a decrease', () => {
    const t = '2020年度收、支总计426.81万元。与2019年相比，收、支总计各减少43.45万元，下降9.24%。';
    const ns = [num('cur', t, '426.81', '万元'), num('chg', t, '43.45', '万元'), num('rate', t, '9.24', '%')];
    const down: AnyCheck = {
      kind: 'growth',
      label: '收支总计降幅',
      rate: 'rate',
      current: 'cur',
      change: 'chg',
      direction: 'down',
    };
    expect(run(ns, [down])).toEqual([]);
    const wrong = [...ns.slice(0, 2), num('rate', t.replace('9.24', '9.42'), '9.42', '%')];
    const [f] = run(wrong, [down]);
    expect(f).toMatchObject({ severity: 'error', stated: '-9.42', recomputed: '-9.24' });
    expect(f!.how).toContain('43.45 ÷ (426.81 + 43.45) × 100 = 9.24（下降）');
  });
  it('with current and previous stated', () => {
    const t = '上年333.11万元，本年341.19万元，增长2.43%';
    const ns = [num('p', t, '333.11', '万元'), num('c', t, '341.19', '万元'), num('r', t, '2.43', '%')];
    expect(run(ns, [{ kind: 'growth', label: '增长率', rate: 'r', current: 'c', previous: 'p' }])).toEqual([]);
    const bad = [ns[0]!, ns[1]!, num('r', t.replace('2.43', '2.5'), '2.5', '%')];
    const [f] = run(bad, [{ kind: 'growth', label: '增长率', rate: 'r', current: 'c', previous: 'p' }]);
    expect(f!.how).toContain('(341.19 − 333.11) ÷ 333.11 × 100 = 2.43');
  });
  it('no previous year: a warning', () => {
    const t = '本年5万元，上年0万元，增长100%';
    const ns = [num('c', t, '5', '万元'), num('p', t, '0', '万元'), num('r', t, '100', '%')];
    expect(run(ns, [{ kind: 'growth', label: '增长率', rate: 'r', current: 'c', previous: 'p' }])[0]).toMatchObject({
      severity: 'warning',
    });
  });
  it('refuses a growth check with only one of current, previous, change', () => {
    const t = '本年5万元，增长100%';
    expect(() =>
      run(
        [num('c', t, '5', '万元'), num('r', t, '100', '%')],
        [{ kind: 'growth', label: '增长率', rate: 'r', current: 'c' }],
      ),
    ).toThrow('须给出本年数、上年数、增减额中的两个');
  });
});

describe('change', () => {
  const t = '社会保障与就业支出36.87万元……较年初预算数增加12.48万元；年初预算24.39万元';
  const ns = (chg: string) => [
    num('c', t, '36.87', '万元'),
    num('p', t, '24.39', '万元'),
    num('x', t.replace('12.48', chg), chg, '万元'),
  ];
  const c: AnyCheck = {
    kind: 'change',
    label: '较年初预算增加额',
    change: 'x',
    current: 'c',
    previous: 'p',
    direction: 'up',
  };
  it('holds for 36.87 − 24.39 = 12.48', () => expect(run(ns('12.48'), [c])).toEqual([]));
  it('an error when wrong; the direction is named when it is the wrong way', () => {
    expect(run(ns('12.58'), [c])[0]).toMatchObject({ severity: 'error', stated: '12.58', recomputed: '12.48' });
    const [f] = run(ns('12.48'), [{ ...c, direction: 'down' } as AnyCheck]);
    expect(f).toMatchObject({ severity: 'error', stated: '-12.48', recomputed: '12.48' });
    expect(f!.message).toContain('增减方向相反');
  });
  it('within the rounding of its inputs a warning', () => {
    expect(run(ns('12.49'), [c])[0]).toMatchObject({ severity: 'warning', recomputed: '12.48' });
  });
});

describe('ratio', () => {
  it('an execution rate holds, and is an error when wrong', () => {
    const t = '基本支出预算164.20077万元，决算156.958448万元。执行率96%';
    const ns = [num('b', t, '164.20077', '万元'), num('a', t, '156.958448', '万元'), num('r', t, '96', '%')];
    const c: AnyCheck = { kind: 'ratio', label: '基本支出预算执行率', rate: 'r', numerator: 'a', denominator: 'b' };
    expect(run(ns, [c])).toEqual([]);
    const [f] = run([ns[0]!, ns[1]!, num('r', t.replace('96%', '98%'), '98', '%')], [c]);
    expect(f).toMatchObject({ severity: 'error', check: 'ratio', stated: '98', recomputed: '95.59' });
    expect(f!.how).toBe('156.958448 ÷ 164.20077 × 100 = 95.59');
  });
});

describe('identity', () => {
  const t = '收入333.11万元，支出333.04万元，年末结转0.07万元';
  const c: AnyCheck = { kind: 'identity', label: '年末结转', plus: ['in'], minus: ['out'], result: 'carry' };
  it('carry-out = carry-in + income − expenditure', () => {
    const ns = [num('in', t, '333.11', '万元'), num('out', t, '333.04', '万元'), num('carry', t, '0.07', '万元')];
    expect(run(ns, [c])).toEqual([]);
    const [f] = run([ns[0]!, ns[1]!, num('carry', t.replace('0.07', '0.7'), '0.7', '万元')], [c]);
    expect(f).toMatchObject({ severity: 'error', check: 'identity', stated: '0.7', recomputed: '0.07' });
    expect(f!.how).toBe('333.11 − 333.04 = 0.07');
  });
});

describe('equal', () => {
  it('the same figure twice must read the same at the coarser precision', () => {
    const a = num('a', '基本支出349.34万元', '349.34', '万元');
    const c: AnyCheck = { kind: 'equal', label: '基本支出', a: 'a', b: 'b' };
    expect(run([a, num('b', '基本支出349.34万元', '349.34', '万元')], [c])).toEqual([]);
    expect(run([a, num('b', '基本支出349.3万元', '349.3', '万元')], [c])).toEqual([]);
    expect(run([a, num('b', '基本支出3493400元', '3493400', '元')], [c])).toEqual([]);
    const [f] = run([a, num('b', '基本支出349.33万元', '349.33', '万元')], [c]);
    expect(f).toMatchObject({ severity: 'error', check: 'equal', stated: '349.33', recomputed: '349.34' });
    expect(f!.message).toContain('另处表述（“基本支出349.34万元”）的349.34万元');
  });
  it('counts are exact', () => {
    const c: AnyCheck = { kind: 'equal', label: '实有人数', a: 'a', b: 'b' };
    expect(
      run([num('a', '实有7人', '7', '人'), num('b', '实有人数 4', '4', '人', { kind: 'table' })], [c])[0],
    ).toMatchObject({ stated: '4', recomputed: '7' });
  });
  it('a money figure without its unit in prose is a warning (金额缺单位)', () => {
    const a = num('a', '一般公共预算财政拨款支出134.04万元', '134.04', '万元');
    const b = num('b', '2021年一般公共预算支出决算数为134.04，完成预算100%', '134.04', '');
    const [f, ...rest] = run([a, b], [{ kind: 'equal', label: '一般公共预算支出', a: 'a', b: 'b' }]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', stated: '134.04', recomputed: '134.04' });
    expect(f!.message).toContain('缺单位，按“万元”理解');
    // In a table the unit comes from the header: no warning.
    const cell = { ...b, location: { block: 3, kind: 'table' as const, row: 0, col: 1 } };
    expect(run([a, cell], [{ kind: 'equal', label: '一般公共预算支出', a: 'a', b: 'b' }])).toEqual([]);
  });
  it('numbers of different kinds are not compared (a warning says so)', () => {
    const [f] = run(
      [num('a', '7人', '7', '人'), num('b', '7万元', '7', '万元')],
      [{ kind: 'equal', label: '误配', a: 'a', b: 'b' }],
    );
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toContain('单位不一致（人、万元），未检查');
  });
});

describe('expected (another module)', () => {
  const t = '截至2023年12月31日，实有13人';
  const c = (expected: string): AnyCheck => ({
    kind: 'expected',
    label: '实有人数',
    stated: 'n',
    expected,
    expectedDecimals: 0,
    source: '花名册（2023-12-31）',
  });
  it('stated staff = roster', () => {
    expect(run([num('n', t, '13', '人')], [c('13')])).toEqual([]);
    const [f] = run([num('n', t, '13', '人')], [c('12')]);
    expect(f).toMatchObject({ severity: 'error', check: 'expected', stated: '13', recomputed: '12' });
    expect(f!.message).toContain('与花名册（2023-12-31）的12人不一致');
  });
  it('money from another module at its own precision', () => {
    const s = '年初预算127.66万元';
    const e: AnyCheck = {
      kind: 'expected',
      label: '年初预算',
      stated: 'n',
      expected: '127.6612',
      expectedDecimals: 4,
      source: '预算',
    };
    expect(run([num('n', s, '127.66', '万元')], [e])).toEqual([]);
    expect(run([num('n', s.replace('127.66', '127.67'), '127.67', '万元')], [e])[0]!.severity).toBe('error');
  });
});

describe('scoreCap', () => {
  const t = '存档及时率（3分）：……得分2分。';
  const c: AnyCheck = { kind: 'scoreCap', label: '存档及时率', score: 's', points: 'p' };
  it('score ≤ points', () => {
    expect(run([num('p', t, '3', '分'), num('s', t, '2', '分')], [c])).toEqual([]);
    expect(run([num('p', t, '3', '分'), num('s', '得分3分', '3', '分')], [c])).toEqual([]);
    const [f] = run([num('p', t, '3', '分'), num('s', '得分4分', '4', '分')], [c]);
    expect(f).toMatchObject({ severity: 'error', check: 'scoreCap', stated: '4', recomputed: '3' });
    expect(f!.at.id).toBe('s');
  });
  it('a group whose scores exceed its points (derived sum) is judged at the points', () => {
    const h = '（2）财务管理。（5分）';
    const ns = [
      num('p', h, '5', '分'),
      num('a', '财务制度健全性（5分）……得分5分', '5', '分', { nth: 1 }),
      num('b', '资金使用规范性（5分）……得分5分', '5', '分', { nth: 1 }),
    ];
    const derived: DerivedNumber[] = [
      { id: 'sum', label: '财务管理子项得分合计', unit: '分', expr: ex.add(ex.ref('a'), ex.ref('b')) },
    ];
    const [f] = run(ns, [{ kind: 'scoreCap', label: '财务管理', score: 'sum', points: 'p' }], { derived });
    expect(f).toMatchObject({ severity: 'error', stated: '5', recomputed: '10' });
    expect(f!.at.id).toBe('p');
    expect(f!.how).toBe('5 + 5 = 10 > 5');
  });
});

describe('grade', () => {
  const t = '总绩效为98.5分。评价结果等次为“优”';
  it('the stated grade is the one the total earns (grade as text or as a stated number)', () => {
    const total = num('t', t, '98.5', '分');
    expect(run([total], [{ kind: 'grade', label: '评价等次', total: 't', grade: '优', bands: BANDS }])).toEqual([]);
    const [f] = run([total], [{ kind: 'grade', label: '评价等次', total: 't', grade: '良', bands: BANDS }]);
    expect(f).toMatchObject({ severity: 'error', check: 'grade', stated: '良', recomputed: '优' });
    expect(f!.how).toBe('98.5 ≥ 90 → 优');
    const gradeNumber: StatedNumber = { ...total, id: 'g', text: '良', value: '0', decimals: 0, unit: '' };
    const [g] = run([total, gradeNumber], [{ kind: 'grade', label: '评价等次', total: 't', grade: 'g', bands: BANDS }]);
    expect(g).toMatchObject({ stated: '良', recomputed: '优' });
    expect(g!.at.id).toBe('g');
  });
  it('at the band limit: 90 is 优, 89.5 is 良', () => {
    expect(
      run(
        [num('t', '总分90分', '90', '分')],
        [{ kind: 'grade', label: '等次', total: 't', grade: '优', bands: BANDS }],
      ),
    ).toEqual([]);
    const [f] = run(
      [num('t', '总分89.5分', '89.5', '分')],
      [{ kind: 'grade', label: '等次', total: 't', grade: '优', bands: BANDS }],
    );
    expect(f!.how).toBe('89.5 ≥ 80（且 < 90） → 良');
  });
});

describe('references', () => {
  it('a check naming a missing number is a builder’s mistake, named', () => {
    expect(() => run([], [{ kind: 'equal', label: '编制数', a: 'x', b: 'y' }])).toThrow(
      '检查“编制数”引用了不存在的数字“x”',
    );
  });
  it('a derived number cannot be the number judged wrong', () => {
    const derived: DerivedNumber[] = [{ id: 'd', label: '推算', unit: '万元', expr: ex.num('1') }];
    expect(() =>
      run([num('a', '1万元', '1', '万元')], [{ kind: 'sum', label: '合计', total: 'd', parts: ['a'] }], { derived }),
    ).toThrow('是推算值');
  });
});

// ───────────────────────────── the seeds ─────────────────────────────

interface SeedCase {
  seed: string;
  line: number;
  kind: string;
  /** A fragment of the fixture's sentence, to tell apart entries on the same line. */
  fragment?: string;
  numbers: StatedNumber[];
  checks: AnyCheck[];
  derived?: DerivedNumber[];
  expect: {
    at: string;
    severity: Finding['severity'];
    check: CheckKind;
    stated: string;
    recomputed: string;
    message?: string;
    how?: string;
  }[];
}

const S000_10 =
  '截至2020年12月31日，我单位资产总额（账面净值）10.93万元，较上年减少14.22%。负债总额-0.1万元,较上年增长0.00%。净资产11.03万元,较上年减少13.45%。';
const S000_32 =
  '（2）支出情况。……一般公共服务支出270.77万元，占81.3%，较年初预算数增加63.2万元，增长30.45%，主要原因是年中追加安排2019年目标考核奖39.76万元，应休未休带薪年休假资金10.87万元以及追加安排编外用工管理工作经费15万元。';
const S000_64 =
  '调整组建区公路事务中心、区住房城乡建设服务中心等15个处级事业单位，将区社会保险局等8个处级事业单位进行更名，不再保留区道路运输管理处等事业单位29个。通过改革，净减少事业机构10个';
const S000_84 =
  '发放问卷调查63份（本部门员工13份、服务对象30份、社会群众20份）……满意度分别为：服务对象为98%、社会群众96%、部门内部员工为100%';
const S001_394 =
  '核定行政编制4名，事业编制2名，截止2018年12月31日，实有7人，其中机关本级行政编制人员5名，事登办事业编制人员2名，离退休0人。';
const S002_36 = '2021年度收、支总计141.96万元。与2020年相比，收、支总计增加15.42万元，增长5.43%。';
const S002_62 = '2021年财政拨款收、支总计141.96万元。与2020年相比，财政拨款收、支总计增加15.42万元，增长5.43%。';
const S002_67 =
  '2021年一般公共预算财政拨款支出134.04万元，占本年支出合计的94.42%。与2020年相比，一般公共预算财政拨款支出增加9.22万元，增长6.88%。';
const S002_82 = '2021年一般公共预算支出决算数为134.04，完成预算100%。其中：';
const S002_23 =
  '全区67家机关、群团和167家事业单位的登记档案实现数字化管理，其中，撤销的7家机关、群团和52家事业单位登记设立档案已移交进馆';
const S002_168 =
  '本年度内确保已登记的118家事业单位和54家机关群团的设立、变更、证书补领和注销等登记管理资料进行扫描归档';
const S003_16 = '全市共设乡镇（街道）142个，比改革前减少97个，减幅达40.8%';
const S003_29 = '2020年本年支出合计421.85万元，其中：基本支出349.34万元，占82.81%；项目支出72.51万元，占17.19%。';
const S003_35 = '2020年一般公共预算财政拨款支出421.84万元，占本年支出合计的100%。';
const S003_37 =
  '2020年一般公共预算财政拨款支出421.84万元，主要用于以下方面:一般公共服务（类）支出356.82万元，占84.59%；社会保障和就业（类）支出25.97万元，占6.16%；卫生健康支出12.97万元，占3.07%；住房保障支出26.07万元，占6.18%。';
const S003_39 = '2020年一般公共预算支出决算数为421.84万元，完成预算98.95%。';
const S003_40_44 = [
  '支出决算为284.31万元，完成预算98.67%',
  '支出决算为72.51万元，完成预算99.1%',
  '支出决算为25.97万元，完成预算100%',
  '支出决算为12.97万元，完成预算100%',
  '支出决算为26.07万元，完成预算100%',
];
const S003_48 = '2020年一般公共预算财政拨款基本支出349.33万元，其中：';
const S003_53 = '2020年“三公”经费财政拨款支出决算为3.18万元，完成预算79.5%';
const S003_55 =
  '因公出国（境）费支出决算0万元；公务用车购置及运行维护费支出决算2.92万元，占91.82%；公务接待费支出决算0.26万元';
const S003_59 =
  '2.公务用车购置及运行维护费支出2.92万元,完成预算91.82%。公务用车购置及运行维护费支出决算比2019年增减少0.98万元，下降25.13%。';
const S003_62 = '3.公务接待费支出0.26万元，完成预算26%。公务接待费支出决算比2019年减少0.17万元，下降39.53%。';
const S003_84 = '项目全年预算数18万元，执行数为18万元，完成预算的100%。';
const S003_586 =
  '全市工作部署、工作推进、工作总结会务费3万元，培训费2万元，文件资料费8.3万元，调研差旅费4.7万元，共计18万元。';
const S003_606 = '2020年行政综合执法改革工作经费预算9万元，于年初市财政局预算批复时全部到位。';
const S004_48 =
  '年度预算执行情况（10分）：2023年编办预算经费应拨付资金1752007.7万元，实际支出金额167.958448万元，全部完成支付';
const S004_52 = '基本支出预算执行率（5分）：基本支出预算164.20077万元，决算156.958448万元。执行率96%，得分4分。';
const S004_53 = '项目支出预算执行率（5分）：项目支出预算11万元，决算11万元。执行率100%，得分5分。';
const S004_81 = '我单位2023年度单位整体支出绩效自评得分91分，评价结果为优。';
/** 004's scored items (lines 48–80): name, points, score, as printed. */
const S004_ITEMS: [string, string, string][] = [
  ['年度预算执行情况', '10', '9'],
  ['基本支出预算执行率', '5', '4'],
  ['项目支出预算执行率', '5', '5'],
  ['“三公经费控制率”', '5', '5'],
  ['转结余变动率', '5', '0'],
  ['财务制度健全性', '5', '5'],
  ['资金使用规范性', '5', '5'],
  ['政府采购规范性', '5', '5'],
  ['资产管理规范性', '5', '5'],
  ['在职人员控制率', '5', '4'],
  ['机构改革完成情况', '20', '20'],
  ['工作运转效率提升', '10', '10'],
  ['群众满意度', '10', '10'],
  ['为全县经济社会发展提供体制机制保障', '10', '10'],
  ['信息化管理覆盖率', '4', '4'],
  ['完善后备人才库', '3', '3'],
  ['存档及时率', '3', '2'],
];
const item004 = (i: number, what: 'points' | 'score') => {
  const [name, points, score] = S004_ITEMS[i]!;
  const sentence = `${name}（${points}分）：……得分${score}分。`;
  return what === 'points'
    ? num(`pt${i}`, sentence, points, '分', { block: 48 + i })
    : num(`sc${i}`, sentence, score, '分', { block: 48 + i, nth: points === score ? 1 : 0 });
};

const SEED_CASES: SeedCase[] = [
  {
    seed: '000',
    line: 35,
    kind: 'score-sum',
    numbers: [
      num('t', '（一）履职完成情况（分值51分，自评得分51）', '51', '分', { nth: 1 }),
      ...['6', '6', '6', '6', '6', '4', '7', '8'].map((x, i) =>
        num(`i${i}`, `（分值${x}分，自评得分${x}分）`, x, '分', { nth: 1, block: 36 + i }),
      ),
    ],
    checks: [
      {
        kind: 'sum',
        label: '履职完成情况自评得分',
        total: 't',
        parts: ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'],
      },
    ],
    expect: [{ at: 't', severity: 'error', check: 'sum', stated: '51', recomputed: '49' }],
  },
  {
    seed: '000',
    line: 10,
    kind: 'growth',
    numbers: [
      num('assets', S000_10, '10.93', '万元'),
      num('assetsRate', S000_10, '14.22', '%'),
      num('debt', S000_10, '-0.1', '万元'),
      num('debtRate', S000_10, '0.00', '%'),
      num('net', S000_10, '11.03', '万元'),
      num('netRate', S000_10, '13.45', '%', { label: '净资产降幅' }),
    ],
    derived: [
      {
        id: 'prevAssets',
        label: '上年资产',
        unit: '万元',
        expr: ex.div(ex.ref('assets'), ex.sub(ex.num('1'), ex.pct(ex.ref('assetsRate')))),
      },
      {
        id: 'prevDebt',
        label: '上年负债',
        unit: '万元',
        expr: ex.div(ex.ref('debt'), ex.add(ex.num('1'), ex.pct(ex.ref('debtRate')))),
      },
      { id: 'prevNet', label: '上年净资产', unit: '万元', expr: ex.sub(ex.ref('prevAssets'), ex.ref('prevDebt')) },
    ],
    checks: [
      {
        kind: 'growth',
        label: '净资产较上年变动',
        rate: 'netRate',
        current: 'net',
        previous: 'prevNet',
        direction: 'down',
      },
    ],
    expect: [
      {
        at: 'netRate',
        severity: 'error',
        check: 'growth',
        stated: '-13.45',
        recomputed: '-14.11',
        how: '(11.03 − (10.93 ÷ (1 − 14.22%) − (-0.1) ÷ (1 + 0.00%))) ÷ (10.93 ÷ (1 − 14.22%) − (-0.1) ÷ (1 + 0.00%)) × 100 = -14.11',
      },
    ],
  },
  {
    seed: '000',
    line: 32,
    kind: 'sum',
    numbers: [
      num('x', S000_32, '63.2', '万元'),
      num('a', S000_32, '39.76', '万元'),
      num('b', S000_32, '10.87', '万元'),
      num('c', S000_32, '15', '万元', { nth: 0 }),
      num('cur', S000_32, '270.77', '万元'),
    ],
    checks: [{ kind: 'sum', label: '较年初预算增加额的原因', total: 'x', parts: ['a', 'b', 'c'] }],
    expect: [{ at: 'x', severity: 'error', check: 'sum', stated: '63.2', recomputed: '65.63' }],
  },
  {
    seed: '000',
    line: 64,
    kind: 'sum',
    numbers: [num('new', S000_64, '15', '个'), num('gone', S000_64, '29', '个'), num('net', S000_64, '10', '个')],
    checks: [{ kind: 'identity', label: '净减少事业机构', plus: ['gone'], minus: ['new'], result: 'net' }],
    expect: [{ at: 'net', severity: 'error', check: 'identity', stated: '10', recomputed: '14' }],
  },
  {
    seed: '000',
    line: 84,
    kind: 'share',
    numbers: [
      num('w1', S000_84, '30', ''),
      num('s1', S000_84, '98', '%'),
      num('w2', S000_84, '20', ''),
      num('s2', S000_84, '96', '%'),
    ],
    checks: [
      { kind: 'countShare', label: '服务对象满意度', share: 's1', whole: 'w1' },
      { kind: 'countShare', label: '社会群众满意度', share: 's2', whole: 'w2' },
    ],
    expect: [
      { at: 's1', severity: 'error', check: 'share', stated: '98', recomputed: '29.4' },
      { at: 's2', severity: 'error', check: 'share', stated: '96', recomputed: '19.2' },
    ],
  },
  {
    seed: '001',
    line: 394,
    kind: 'cross-section',
    numbers: [
      num('hdrPosts', '人员编制\t6', '6', '名', { kind: 'table', block: 9 }),
      num('hdrStaff', '实有人数\t4', '4', '人', { kind: 'table', block: 11 }),
      num('admin', S001_394, '4', '名'),
      num('inst', S001_394, '2', '名'),
      num('staff', S001_394, '7', '人'),
      num('staffAdmin', S001_394, '5', '名'),
      num('staffInst', S001_394, '2', '名', { nth: 1 }),
    ],
    derived: [{ id: 'posts', label: '正文编制合计', unit: '名', expr: ex.add(ex.ref('admin'), ex.ref('inst')) }],
    checks: [
      { kind: 'sum', label: '正文实有人数', total: 'staff', parts: ['staffAdmin', 'staffInst'] },
      { kind: 'equal', label: '编制数（表头与正文）', a: 'posts', b: 'hdrPosts' },
      { kind: 'equal', label: '实有人数（表头与正文）', a: 'staff', b: 'hdrStaff' },
    ],
    expect: [{ at: 'hdrStaff', severity: 'error', check: 'equal', stated: '4', recomputed: '7' }],
  },
  ...(
    [
      [36, S002_36],
      [62, S002_62],
    ] as const
  ).map(([line, s]): SeedCase => ({
    seed: '002',
    line,
    kind: 'growth',
    numbers: [num('cur', s, '141.96', '万元'), num('chg', s, '15.42', '万元'), num('rate', s, '5.43', '%')],
    checks: [
      { kind: 'growth', label: '收、支总计增长率', rate: 'rate', current: 'cur', change: 'chg', direction: 'up' },
    ],
    expect: [{ at: 'rate', severity: 'error', check: 'growth', stated: '5.43', recomputed: '12.19' }],
  })),
  {
    seed: '002',
    line: 67,
    kind: 'growth',
    numbers: [
      num('cur', S002_67, '134.04', '万元'),
      num('chg', S002_67, '9.22', '万元'),
      num('rate', S002_67, '6.88', '%'),
    ],
    checks: [
      {
        kind: 'growth',
        label: '一般公共预算财政拨款支出增长率',
        rate: 'rate',
        current: 'cur',
        change: 'chg',
        direction: 'up',
      },
    ],
    expect: [
      {
        at: 'rate',
        severity: 'error',
        check: 'growth',
        stated: '6.88',
        recomputed: '7.39',
        message: '除以了本年数而非上年数',
      },
    ],
  },
  {
    seed: '002',
    line: 82,
    kind: 'unit',
    numbers: [num('a', S002_67, '134.04', '万元', { block: 67 }), num('b', S002_82, '134.04', '', { block: 82 })],
    checks: [{ kind: 'equal', label: '一般公共预算支出决算数', a: 'a', b: 'b' }],
    expect: [
      {
        at: 'b',
        severity: 'warning',
        check: 'equal',
        stated: '134.04',
        recomputed: '134.04',
        message: '缺单位，按“万元”理解',
      },
    ],
  },
  {
    seed: '002',
    line: 168,
    kind: 'cross-section',
    numbers: [
      num('inst23', S002_23, '167', '个', { block: 23 }),
      num('org23', S002_23, '67', '个', { block: 23 }),
      num('inst168', S002_168, '118', '个', { block: 168 }),
      num('org168', S002_168, '54', '个', { block: 168 }),
    ],
    checks: [
      { kind: 'equal', label: '已登记事业单位数', a: 'inst23', b: 'inst168' },
      { kind: 'equal', label: '已登记机关群团数', a: 'org23', b: 'org168' },
    ],
    expect: [
      { at: 'inst168', severity: 'error', check: 'equal', stated: '118', recomputed: '167' },
      { at: 'org168', severity: 'error', check: 'equal', stated: '54', recomputed: '67' },
    ],
  },
  {
    seed: '003',
    line: 16,
    kind: 'growth',
    numbers: [num('cur', S003_16, '142', '个'), num('chg', S003_16, '97', '个'), num('rate', S003_16, '40.8', '%')],
    checks: [
      { kind: 'growth', label: '乡镇（街道）减幅', rate: 'rate', current: 'cur', change: 'chg', direction: 'down' },
    ],
    expect: [
      {
        at: 'rate',
        severity: 'error',
        check: 'growth',
        stated: '-40.8',
        recomputed: '-40.6',
        how: '97 ÷ (142 + 97) × 100 = 40.59（下降）',
      },
    ],
  },
  {
    seed: '003',
    line: 48,
    kind: 'cross-section',
    numbers: [
      num('b29', S003_29, '349.34', '万元', { block: 29 }),
      num('b48', S003_48, '349.33', '万元', { block: 48 }),
    ],
    checks: [{ kind: 'equal', label: '基本支出', a: 'b29', b: 'b48' }],
    expect: [{ at: 'b48', severity: 'error', check: 'equal', stated: '349.33', recomputed: '349.34' }],
  },
  {
    seed: '003',
    line: 35,
    kind: 'cross-section',
    numbers: [
      num('t29', S003_29, '421.85', '万元', { block: 29 }),
      num('g35', S003_35, '421.84', '万元', { block: 35 }),
      num('s35', S003_35, '100', '%'),
    ],
    // All income is 一般公共预算财政拨款 (line 26) and the share is stated as 100%: the two are one figure.
    checks: [
      { kind: 'share', label: '一般公共预算财政拨款支出占比', share: 's35', part: 'g35', whole: 't29' },
      { kind: 'equal', label: '一般公共预算财政拨款支出与本年支出合计', a: 't29', b: 'g35' },
    ],
    expect: [{ at: 'g35', severity: 'error', check: 'equal', stated: '421.84', recomputed: '421.85' }],
  },
  {
    seed: '003',
    line: 37,
    kind: 'sum',
    numbers: [
      num('t', S003_37, '421.84', '万元'),
      num('a', S003_37, '356.82', '万元'),
      num('b', S003_37, '25.97', '万元'),
      num('c', S003_37, '12.97', '万元'),
      num('d', S003_37, '26.07', '万元'),
    ],
    checks: [{ kind: 'sum', label: '一般公共预算财政拨款支出（按功能分类）', total: 't', parts: ['a', 'b', 'c', 'd'] }],
    expect: [
      { at: 't', severity: 'warning', check: 'sum', stated: '421.84', recomputed: '421.83', message: '疑为尾差' },
    ],
  },
  {
    seed: '003',
    line: 39,
    kind: 'sum',
    numbers: [
      num('t', S003_39, '421.84', '万元'),
      ...['284.31', '72.51', '25.97', '12.97', '26.07'].map((x, i) =>
        num(`p${i}`, S003_40_44[i]!, x, '万元', { block: 40 + i }),
      ),
    ],
    checks: [{ kind: 'sum', label: '一般公共预算支出决算数', total: 't', parts: ['p0', 'p1', 'p2', 'p3', 'p4'] }],
    expect: [{ at: 't', severity: 'warning', check: 'sum', stated: '421.84', recomputed: '421.83' }],
  },
  {
    seed: '003',
    line: 59,
    kind: 'share',
    numbers: [
      num('sg', S003_53, '3.18', '万元', { block: 53, label: '“三公”经费支出决算' }),
      num('sgRate', S003_53, '79.5', '%', { block: 53 }),
      num('car55', S003_55, '2.92', '万元', { block: 55 }),
      num('recep62', S003_62, '0.26', '万元', { block: 62 }),
      num('recepRate', S003_62, '26', '%', { block: 62 }),
      num('car', S003_59, '2.92', '万元', { block: 59 }),
      num('carRate', S003_59, '91.82', '%', { block: 59 }),
    ],
    derived: [
      {
        id: 'carBudget',
        label: '公务用车预算',
        unit: '万元',
        expr: ex.sub(
          ex.div(ex.ref('sg'), ex.pct(ex.ref('sgRate'))),
          ex.div(ex.ref('recep62'), ex.pct(ex.ref('recepRate'))),
        ),
      },
    ],
    checks: [
      {
        kind: 'ratio',
        label: '公务用车购置及运行维护费完成预算',
        rate: 'carRate',
        numerator: 'car',
        denominator: 'carBudget',
      },
    ],
    expect: [
      {
        at: 'carRate',
        severity: 'error',
        check: 'ratio',
        stated: '91.82',
        recomputed: '97.33',
        how: '2.92 ÷ (3.18 ÷ 79.5% − 0.26 ÷ 26%) × 100 = 97.33；表述的91.82%等于 2.92 ÷ 3.18 × 100 = 91.82，是占另一总数（“三公”经费支出决算）的比重，而非公务用车购置及运行维护费完成预算',
      },
    ],
  },
  {
    seed: '003',
    line: 606,
    kind: 'cross-section',
    numbers: [
      num('b84', S003_84, '18', '万元', { block: 84 }),
      ...['3', '2', '8.3', '4.7'].map((x, i) => num(`d${i}`, S003_586, x, '万元', { block: 586 })),
      num('b586', S003_586, '18', '万元', { block: 586 }),
      num('b606', S003_606, '9', '万元', { block: 606 }),
    ],
    checks: [
      { kind: 'sum', label: '资金分配合计', total: 'b586', parts: ['d0', 'd1', 'd2', 'd3'] },
      { kind: 'equal', label: '综合执法改革项目预算', a: 'b84', b: 'b586' },
      { kind: 'equal', label: '综合执法改革项目预算', a: 'b84', b: 'b606' },
    ],
    expect: [{ at: 'b606', severity: 'error', check: 'equal', stated: '9', recomputed: '18' }],
  },
  {
    seed: '004',
    line: 48,
    kind: 'unit',
    numbers: [
      num('due', S004_48, '1752007.7', '万元', { block: 48, label: '应拨付资金' }),
      num('basic', S004_52, '164.20077', '万元', { block: 52 }),
      num('project', S004_53, '11', '万元', { block: 53 }),
    ],
    checks: [
      { kind: 'sum', label: '应拨付资金（基本支出预算 + 项目支出预算）', total: 'due', parts: ['basic', 'project'] },
    ],
    expect: [
      {
        at: 'due',
        severity: 'error',
        check: 'sum',
        stated: '1752007.7',
        recomputed: '175.20077',
        message: '单位疑为元而非万元',
      },
    ],
  },
  {
    seed: '004',
    line: 81,
    kind: 'score-sum',
    numbers: [num('total', S004_81, '91', '分', { block: 81 }), ...S004_ITEMS.map((_, i) => item004(i, 'score'))],
    checks: [
      { kind: 'sum', label: '自评得分', total: 'total', parts: S004_ITEMS.map((_, i) => `sc${i}`) },
      { kind: 'grade', label: '评价结果', total: 'total', grade: '优', bands: BANDS },
    ],
    expect: [{ at: 'total', severity: 'error', check: 'sum', stated: '91', recomputed: '106' }],
  },
  {
    seed: '004',
    line: 56,
    kind: 'score-cap',
    numbers: [
      num('group', '（2）财务管理。（5分）', '5', '分', { block: 56 }),
      item004(5, 'points'),
      item004(6, 'points'),
      item004(5, 'score'),
      item004(6, 'score'),
    ],
    derived: [
      { id: 'groupScore', label: '财务管理子项得分合计', unit: '分', expr: ex.add(ex.ref('sc5'), ex.ref('sc6')) },
    ],
    checks: [
      { kind: 'sum', label: '财务管理分值', total: 'group', parts: ['pt5', 'pt6'] },
      { kind: 'scoreCap', label: '财务管理得分', score: 'groupScore', points: 'group' },
    ],
    expect: [
      { at: 'group', severity: 'error', check: 'sum', stated: '5', recomputed: '10' },
      { at: 'group', severity: 'error', check: 'scoreCap', stated: '5', recomputed: '10' },
    ],
  },
  {
    seed: '004',
    line: 65,
    kind: 'score-cap',
    numbers: [
      num('group', '2.履职效果（40分）', '40', '分', { block: 65 }),
      ...[10, 11, 12, 13].flatMap((i) => [item004(i, 'points'), item004(i, 'score')]),
    ],
    derived: [
      {
        id: 'groupScore',
        label: '履职效果子项得分合计',
        unit: '分',
        expr: ex.add(...[10, 11, 12, 13].map((i) => ex.ref(`sc${i}`))),
      },
    ],
    checks: [
      { kind: 'sum', label: '履职效果分值', total: 'group', parts: ['pt10', 'pt11', 'pt12', 'pt13'] },
      { kind: 'scoreCap', label: '履职效果得分', score: 'groupScore', points: 'group' },
    ],
    expect: [
      { at: 'group', severity: 'error', check: 'sum', stated: '40', recomputed: '50' },
      { at: 'group', severity: 'error', check: 'scoreCap', stated: '40', recomputed: '50' },
    ],
  },
];

/** Entries of the checked kinds that state no figure a check can recompute (said in the report). */
const NOT_NUMERIC = [
  {
    seed: '003',
    line: 81,
    kind: 'cross-section',
    why: '“未开展项目支出绩效评价”与附件的五份自评报告：事实陈述，不是数字',
  },
];

const CHECKED_KINDS = new Set(['sum', 'share', 'growth', 'unit', 'cross-section', 'score-sum', 'score-cap', 'grade']);
const norm = (s: string) => s.replace(/−/g, '-');

describe('seed inconsistencies are found', () => {
  it('every entry of the checked kinds has a case (or is listed as not numeric)', () => {
    const wanted = SEED_INCONSISTENCIES.filter((e) => CHECKED_KINDS.has(e.kind));
    for (const e of wanted) {
      const covered =
        SEED_CASES.some((c) => c.seed === e.seed && c.line === e.line && c.kind === e.kind) ||
        NOT_NUMERIC.some((c) => c.seed === e.seed && c.line === e.line && c.kind === e.kind);
      expect(covered, `${e.seed} 第${e.line}行 ${e.kind}`).toBe(true);
    }
    expect(SEED_CASES.length + NOT_NUMERIC.length).toBe(wanted.length);
  });

  for (const c of SEED_CASES) {
    it(`${c.seed} 第${c.line}行 ${c.kind}`, () => {
      const entry = SEED_INCONSISTENCIES.find((e) => e.seed === c.seed && e.line === c.line && e.kind === c.kind);
      expect(entry).toBeDefined();
      const findings = run(c.numbers, c.checks, { derived: c.derived });
      for (const x of c.expect) {
        // The expected figures are the fixture's own.
        expect(norm(entry!.stated)).toContain(x.stated.replace(/^-/, ''));
        expect(
          norm(entry!.recomputed).includes(x.recomputed.replace(/^-/, '')) || norm(entry!.how).includes(x.recomputed),
        ).toBe(true);
        const f = findings.find((y) => y.at.id === x.at && y.check === x.check);
        expect(f, JSON.stringify(findings, null, 1)).toBeDefined();
        expect(f!.severity).toBe(x.severity);
        expect(atPrecisionOf(f!.stated, x.stated)).toBe(x.stated);
        expect(atPrecisionOf(f!.recomputed, x.recomputed)).toBe(x.recomputed);
        if (x.message) expect(f!.message).toContain(x.message);
        if (x.how) expect(f!.how).toBe(x.how);
        expect(f!.message).toContain(f!.at.text);
      }
      // Nothing else is reported: each case's other checks hold.
      expect(findings.length).toBe(c.expect.length);
    });
  }
});

// ───────────────────────────── figures that hold, and rounding notes ─────────────────────────────

interface HoldCase {
  seed: string;
  line: number;
  numbers: StatedNumber[];
  checks: AnyCheck[];
  derived?: DerivedNumber[];
}

const H000_31 =
  '2020年度决算收入合计333.11万元，较上年决算数增加8.08万元，增长2.49%……较年初预算数增加75.75万元，增长29.43%';
const H000_29 =
  '2020年年初预算数257.36万元，其中：一般公共服务支出预算207.57万元，社会保障和就业支出预算24.39万元，卫生健康支出预算13.36万元，住房保障支出预算12.04万元。';
const H000_32 =
  '2020年度支出决算合计333.04万元，较上年决算数增加8.01万元，增长2.46%……一般公共服务支出270.77万元，占81.3%，较年初预算数增加63.2万元，增长30.45%……社会保障与就业支出36.87万元，占11.07%，较年初预算数增加12.48万元，增长51.17%……卫生健康支出13.36万元，占4.01%……住房保障支出12.04万元，占3.62%';
const H000_33 = '2020年末财政拨款结转0.07万元。';
const H000_88 = '投入绩效为5分，过程绩效为23.5分，产出绩效为51分，效果绩效为19分，总绩效为98.5分。评价结果等次为“优”。';
const H001_51 = '收入合计 113.81；上年结转 3；本年收入 110.81';
const H001_107 = '支出合计 104.76；基本支出中人员支出为68.07万元，公用支出36.69万元；当年结余 6.05；累计结余 9.05';
const H001_399 =
  '2020年基本支出104.76万元，其中：工资福利支出65.77万元，占基本支出的62.78%；商品和服务支出36.69万元，占基本支出的35.02%；对个人和家庭的补助支出2.30万元，占基本支出的2.20%。';
const H001_699 = '得分 15；40；23；19；合计 97；等级 优';
const H002_45 =
  '2021年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%';
const H002_75 =
  '2021年一般公共预算财政拨款支出134.04万元，主要用于以下方面:一般公共服务（类）支出104.43万元，占77.91%；……社会保障和就业（类）支出8.85万元，占6.6%；卫生健康支出8万元，占5.97%；住房保障支出12.76万元，占9.52%。';
const H002_90 = '2021年一般公共预算财政拨款基本支出134.04万元，其中：人员经费119.27万元……公用经费14.77万元';
const H002_158 =
  '2021年本部门一般公共预算财政拨款预算数127.66万元……追加住房公积金1.33万元，基本工资3.06万元，其他预算1.99万元；决算134.04万元';
const H002_163 =
  '使用专项资金7.92万元，其中，推进西区机关、群团、事业单位登记管理档案电子化管理经费4.95万元，机构改革业务费1.97万元，机构编制核查及实名制系统维护费1万元。';
const H002_21 =
  '赋予格里坪镇89项……再次赋予格里坪镇41项区级行政权力（其中，2项行政权力与经济发达镇行政管理体制改革试点赋权事项重合），累计赋予格里坪镇区级行政权力128项';
const H003_24 = '2020年度收、支总计426.81万元。与2019年相比，收、支总计各减少43.45万元，下降9.24%。';
const H003_31 = '2020年财政拨款收、支总计426.32万元。与2019年相比，收、支总计各减少33.16万元，下降7.22%。';
const H003_35 =
  '2020年一般公共预算财政拨款支出421.84万元……与2019年相比，一般公共预算财政拨款减少30.09万元，下降6.66%。';
const H003_73 = '2020年，市委编办机关运行经费支出30.14万元，比2019年减少9.15万元，下降23.29%。';
const H003_547 =
  '市委编办总编制27名，其中行政编制15名，其他事业编制10名，工勤编制2名。在职人员总数24人，其中行政人员14人，其他事业人员8人，工勤人员2人';
const H003_ALLOC: [number, string, string[], string][] = [
  [586, S003_586, ['3', '2', '8.3', '4.7'], '18'],
  [
    664,
    '外出考察调研2万元；全市工作部署、工作总结会务费4万元，培训费2万元，文件资料费7.6万元，差旅费1.4万元，电脑打印机费1万元，共计18万元。',
    ['2', '4', '2', '7.6', '1.4', '1'],
    '18',
  ],
  [
    748,
    '全市工作部署、工作总结会务费2万元，培训费2万元，文件资料费2万元，差旅费3.2万元，共计9.2万元。',
    ['2', '2', '2', '3.2'],
    '9.2',
  ],
  [
    830,
    '全市工作部署、工作总结会务费1万元，培训费2万元，文件资料费4万元，差旅费2万元，共计9万元。',
    ['1', '2', '4', '2'],
    '9',
  ],
  [
    914,
    '全市工作部署、工作总结会务费3万元，培训费2万元，文件资料费7.8万元，差旅费1.85万元，共计14.65万元。',
    ['3', '2', '7.8', '1.85'],
    '14.65',
  ],
];
const H004_37 = '2023年度整体支出167.958448万元，其中，基本支出156.958448万元、项目经费11万元。';
const H004_24 =
  '2023年末共有财政供养人员13人，比上年增加1人，其中，行政人员6人，较上年度无变化；事业人员7名，较上年度增加1人，增加原因为人员调动。单位年初实有人员为12人，年末为13人。';

/** Parts read in order from a sentence: each is the first occurrence after the previous part. */
function parts(prefix: string, sentence: string, texts: string[], unit: NumberUnit): StatedNumber[] {
  let from = 0;
  return texts.map((t, i) => {
    const hits = standalone(sentence, t);
    const nth = hits.findIndex((h) => h >= from);
    if (nth < 0) throw new Error(`“${t}”不在句中：${sentence}`);
    from = hits[nth]! + t.length;
    return num(`${prefix}${i}`, sentence, t, unit, { nth });
  });
}

const HOLD_CASES: HoldCase[] = [
  {
    seed: '000',
    line: 32,
    numbers: [
      num('t', H000_32, '333.04', '万元'),
      ...parts('p', H000_32, ['270.77', '36.87', '13.36', '12.04'], '万元'),
      ...parts('s', H000_32, ['81.3', '11.07', '4.01', '3.62'], '%'),
    ],
    checks: [
      { kind: 'sum', label: '支出决算合计', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] },
      ...[0, 1, 2, 3].map((i): AnyCheck => ({
        kind: 'share',
        label: '支出占比',
        share: `s${i}`,
        part: `p${i}`,
        whole: 't',
      })),
    ],
  },
  {
    seed: '000',
    line: 29,
    numbers: [
      num('t', H000_29, '257.36', '万元'),
      ...parts('p', H000_29, ['207.57', '24.39', '13.36', '12.04'], '万元'),
    ],
    checks: [{ kind: 'sum', label: '年初预算', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] }],
  },
  {
    seed: '000',
    line: 31,
    numbers: [
      num('cur', H000_31, '333.11', '万元'),
      num('chg', H000_31, '8.08', '万元'),
      num('rate', H000_31, '2.49', '%'),
      num('vsBudget', H000_31, '75.75', '万元'),
      num('vsRate', H000_31, '29.43', '%'),
      num('budget', H000_29, '257.36', '万元', { block: 29 }),
    ],
    checks: [
      { kind: 'growth', label: '收入较上年', rate: 'rate', current: 'cur', change: 'chg', direction: 'up' },
      {
        kind: 'change',
        label: '收入较年初预算',
        change: 'vsBudget',
        current: 'cur',
        previous: 'budget',
        direction: 'up',
      },
      {
        kind: 'growth',
        label: '收入较年初预算',
        rate: 'vsRate',
        previous: 'budget',
        change: 'vsBudget',
        direction: 'up',
      },
    ],
  },
  {
    seed: '000',
    line: 32,
    numbers: [
      num('cur', H000_32, '333.04', '万元'),
      num('chg', H000_32, '8.01', '万元'),
      num('rate', H000_32, '2.46', '%'),
      num('gps', H000_32, '270.77', '万元'),
      num('gpsChg', H000_32, '63.2', '万元'),
      num('gpsRate', H000_32, '30.45', '%'),
      num('gpsBudget', H000_29, '207.57', '万元', { block: 29 }),
      num('ss', H000_32, '36.87', '万元'),
      num('ssChg', H000_32, '12.48', '万元'),
      num('ssRate', H000_32, '51.17', '%'),
      num('ssBudget', H000_29, '24.39', '万元', { block: 29 }),
    ],
    checks: [
      { kind: 'growth', label: '支出较上年', rate: 'rate', current: 'cur', change: 'chg', direction: 'up' },
      {
        kind: 'change',
        label: '一般公共服务较年初预算',
        change: 'gpsChg',
        current: 'gps',
        previous: 'gpsBudget',
        direction: 'up',
      },
      {
        kind: 'growth',
        label: '一般公共服务较年初预算',
        rate: 'gpsRate',
        previous: 'gpsBudget',
        change: 'gpsChg',
        direction: 'up',
      },
      {
        kind: 'change',
        label: '社保就业较年初预算',
        change: 'ssChg',
        current: 'ss',
        previous: 'ssBudget',
        direction: 'up',
      },
      {
        kind: 'growth',
        label: '社保就业较年初预算',
        rate: 'ssRate',
        previous: 'ssBudget',
        change: 'ssChg',
        direction: 'up',
      },
    ],
  },
  {
    seed: '000',
    line: 33,
    numbers: [
      num('in', H000_31, '333.11', '万元', { block: 31 }),
      num('out', H000_32, '333.04', '万元', { block: 32 }),
      num('carry', H000_33, '0.07', '万元'),
    ],
    checks: [{ kind: 'identity', label: '年末结转', plus: ['in'], minus: ['out'], result: 'carry' }],
  },
  {
    seed: '000',
    line: 88,
    numbers: [num('t', H000_88, '98.5', '分'), ...parts('p', H000_88, ['5', '23.5', '51', '19'], '分')],
    checks: [
      { kind: 'sum', label: '总绩效', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] },
      { kind: 'grade', label: '评价等次', total: 't', grade: '优', bands: BANDS },
    ],
  },
  {
    seed: '000',
    line: 84,
    numbers: [num('t', S000_84, '63', ''), ...parts('p', S000_84, ['13', '30', '20'], '')],
    checks: [{ kind: 'sum', label: '问卷份数', total: 't', parts: ['p0', 'p1', 'p2'] }],
  },
  {
    seed: '001',
    line: 51,
    numbers: [
      num('t', H001_51, '113.81', '万元', { kind: 'table' }),
      num('a', H001_51, '3', '万元', { kind: 'table' }),
      num('b', H001_51, '110.81', '万元', { kind: 'table' }),
    ],
    checks: [{ kind: 'sum', label: '收入合计', total: 't', parts: ['a', 'b'] }],
  },
  {
    seed: '001',
    line: 107,
    numbers: [
      num('out', H001_107, '104.76', '万元'),
      num('staff', H001_107, '68.07', '万元'),
      num('ops', H001_107, '36.69', '万元'),
      num('yearSurplus', H001_107, '6.05', '万元'),
      num('totalSurplus', H001_107, '9.05', '万元'),
      num('income', H001_51, '110.81', '万元', { kind: 'table' }),
      num('carryIn', H001_51, '3', '万元', { kind: 'table' }),
    ],
    checks: [
      { kind: 'sum', label: '支出合计', total: 'out', parts: ['staff', 'ops'] },
      { kind: 'identity', label: '当年结余', plus: ['income'], minus: ['out'], result: 'yearSurplus' },
      { kind: 'sum', label: '累计结余', total: 'totalSurplus', parts: ['carryIn', 'yearSurplus'] },
    ],
  },
  {
    seed: '001',
    line: 399,
    numbers: [
      num('t', H001_399, '104.76', '万元'),
      ...parts('p', H001_399, ['65.77', '36.69', '2.30'], '万元'),
      ...parts('s', H001_399, ['62.78', '35.02', '2.20'], '%'),
      num('staff', H001_107, '68.07', '万元', { block: 107 }),
    ],
    checks: [
      { kind: 'sum', label: '基本支出', total: 't', parts: ['p0', 'p1', 'p2'] },
      { kind: 'sum', label: '人员支出', total: 'staff', parts: ['p0', 'p2'] },
      ...[0, 1, 2].map((i): AnyCheck => ({
        kind: 'share',
        label: '基本支出构成',
        share: `s${i}`,
        part: `p${i}`,
        whole: 't',
      })),
    ],
  },
  {
    seed: '001',
    line: 699,
    numbers: [
      num('t', H001_699, '97', '分', { kind: 'table' }),
      ...parts('p', H001_699, ['15', '40', '23', '19'], '分').map((n) => ({
        ...n,
        location: { ...n.location, kind: 'table' as const },
      })),
    ],
    checks: [
      { kind: 'sum', label: '评分表合计', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] },
      { kind: 'grade', label: '等级', total: 't', grade: '优', bands: BANDS },
    ],
  },
  {
    seed: '002',
    line: 45,
    numbers: [
      num('t', H002_45, '141.96', '万元'),
      num('a', H002_45, '134.04', '万元'),
      num('b', H002_45, '7.92', '万元'),
      num('sa', H002_45, '94.42', '%'),
      num('sb', H002_45, '5.58', '%'),
    ],
    checks: [
      { kind: 'sum', label: '本年收入合计', total: 't', parts: ['a', 'b'] },
      { kind: 'share', label: '一般公共预算占比', share: 'sa', part: 'a', whole: 't' },
      { kind: 'share', label: '政府性基金占比', share: 'sb', part: 'b', whole: 't' },
    ],
  },
  {
    seed: '002',
    line: 75,
    numbers: [
      num('t', H002_75, '134.04', '万元'),
      ...parts('p', H002_75, ['104.43', '8.85', '8', '12.76'], '万元'),
      ...parts('s', H002_75, ['77.91', '6.6', '5.97', '9.52'], '%'),
    ],
    checks: [
      { kind: 'sum', label: '一般公共预算财政拨款支出', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] },
      ...[0, 1, 2, 3].map((i): AnyCheck => ({
        kind: 'share',
        label: '支出占比',
        share: `s${i}`,
        part: `p${i}`,
        whole: 't',
      })),
    ],
  },
  {
    seed: '002',
    line: 90,
    numbers: [
      num('t', H002_90, '134.04', '万元'),
      num('a', H002_90, '119.27', '万元'),
      num('b', H002_90, '14.77', '万元'),
    ],
    checks: [{ kind: 'sum', label: '基本支出', total: 't', parts: ['a', 'b'] }],
  },
  {
    seed: '002',
    line: 158,
    numbers: [
      num('t', H002_158, '134.04', '万元'),
      ...parts('p', H002_158, ['127.66', '1.33', '3.06', '1.99'], '万元'),
    ],
    checks: [{ kind: 'sum', label: '年初预算 + 追加 = 决算', total: 't', parts: ['p0', 'p1', 'p2', 'p3'] }],
  },
  {
    seed: '002',
    line: 163,
    numbers: [num('t', H002_163, '7.92', '万元'), ...parts('p', H002_163, ['4.95', '1.97', '1'], '万元')],
    checks: [{ kind: 'sum', label: '专项资金', total: 't', parts: ['p0', 'p1', 'p2'] }],
  },
  {
    seed: '002',
    line: 21,
    numbers: [
      num('a', H002_21, '89', '项'),
      num('b', H002_21, '41', '项'),
      num('c', H002_21, '2', '项'),
      num('t', H002_21, '128', '项'),
    ],
    checks: [{ kind: 'identity', label: '累计赋予格里坪镇区级行政权力', plus: ['a', 'b'], minus: ['c'], result: 't' }],
  },
  ...(
    [
      [24, H003_24, '426.81', '43.45', '9.24'],
      [31, H003_31, '426.32', '33.16', '7.22'],
      [35, H003_35, '421.84', '30.09', '6.66'],
      [59, S003_59, '2.92', '0.98', '25.13'],
      [62, S003_62, '0.26', '0.17', '39.53'],
      [73, H003_73, '30.14', '9.15', '23.29'],
    ] as const
  ).map(([line, s, cur, chg, rate]): HoldCase => ({
    seed: '003',
    line,
    numbers: [num('cur', s, cur, '万元'), num('chg', s, chg, '万元'), num('rate', s, rate, '%')],
    checks: [{ kind: 'growth', label: '较上年降幅', rate: 'rate', current: 'cur', change: 'chg', direction: 'down' }],
  })),
  {
    seed: '003',
    line: 29,
    numbers: [
      num('t', S003_29, '421.85', '万元'),
      num('a', S003_29, '349.34', '万元'),
      num('b', S003_29, '72.51', '万元'),
      num('sa', S003_29, '82.81', '%'),
      num('sb', S003_29, '17.19', '%'),
    ],
    checks: [
      { kind: 'sum', label: '本年支出合计', total: 't', parts: ['a', 'b'] },
      { kind: 'share', label: '基本支出占比', share: 'sa', part: 'a', whole: 't' },
      { kind: 'share', label: '项目支出占比', share: 'sb', part: 'b', whole: 't' },
    ],
  },
  {
    seed: '003',
    line: 39,
    numbers: [
      num('t', S003_39, '421.84', '万元'),
      num('rate', S003_39, '98.95', '%'),
      num('a', S003_40_44[0]!, '284.31', '万元', { block: 40 }),
      num('ar', S003_40_44[0]!, '98.67', '%', { block: 40 }),
      num('b', S003_40_44[1]!, '72.51', '万元', { block: 41 }),
      num('br', S003_40_44[1]!, '99.1', '%', { block: 41 }),
      num('c', S003_40_44[2]!, '25.97', '万元', { block: 42 }),
      num('d', S003_40_44[3]!, '12.97', '万元', { block: 43 }),
      num('e', S003_40_44[4]!, '26.07', '万元', { block: 44 }),
    ],
    derived: [
      {
        id: 'budget',
        label: '一般公共预算支出预算数',
        unit: '万元',
        expr: ex.add(
          ex.div(ex.ref('a'), ex.pct(ex.ref('ar'))),
          ex.div(ex.ref('b'), ex.pct(ex.ref('br'))),
          ex.ref('c'),
          ex.ref('d'),
          ex.ref('e'),
        ),
      },
    ],
    checks: [{ kind: 'ratio', label: '一般公共预算支出完成预算', rate: 'rate', numerator: 't', denominator: 'budget' }],
  },
  {
    seed: '003',
    line: 55,
    numbers: [
      num('t', S003_53, '3.18', '万元', { block: 53 }),
      ...parts('p', S003_55, ['0', '2.92', '0.26'], '万元'),
      num('s1', S003_55, '91.82', '%'),
    ],
    checks: [
      { kind: 'sum', label: '“三公”经费', total: 't', parts: ['p0', 'p1', 'p2'] },
      { kind: 'share', label: '公务用车占比', share: 's1', part: 'p1', whole: 't' },
    ],
  },
  {
    seed: '003',
    line: 547,
    numbers: [
      num('posts', H003_547, '27', '名'),
      ...parts('pp', H003_547, ['15', '10', '2'], '名'),
      num('staff', H003_547, '24', '人'),
      num('s0', H003_547, '14', '人'),
      num('s1', H003_547, '8', '人'),
      num('s2', H003_547, '2', '人', { nth: 1 }),
    ],
    checks: [
      { kind: 'sum', label: '总编制', total: 'posts', parts: ['pp0', 'pp1', 'pp2'] },
      { kind: 'sum', label: '在职人员', total: 'staff', parts: ['s0', 's1', 's2'] },
    ],
  },
  ...H003_ALLOC.map(([line, s, ps, total]): HoldCase => ({
    seed: '003',
    line: 586,
    numbers: [
      ...parts(`a${line}_`, s, ps, '万元'),
      num(`t${line}`, s, total, '万元', { nth: standalone(s, total).length - 1 }),
    ],
    checks: [
      { kind: 'sum', label: `第${line}行资金分配合计`, total: `t${line}`, parts: ps.map((_, i) => `a${line}_${i}`) },
    ],
  })),
  {
    seed: '004',
    line: 37,
    numbers: [
      num('t', H004_37, '167.958448', '万元'),
      num('a', H004_37, '156.958448', '万元'),
      num('b', H004_37, '11', '万元'),
    ],
    checks: [{ kind: 'sum', label: '整体支出', total: 't', parts: ['a', 'b'] }],
  },
  {
    seed: '004',
    line: 52,
    numbers: [
      num('b', S004_52, '164.20077', '万元'),
      num('a', S004_52, '156.958448', '万元'),
      num('r', S004_52, '96', '%'),
    ],
    checks: [{ kind: 'ratio', label: '基本支出预算执行率', rate: 'r', numerator: 'a', denominator: 'b' }],
  },
  {
    seed: '004',
    line: 24,
    numbers: [
      num('t', H004_24, '13', '人'),
      num('adm', H004_24, '6', '人'),
      num('inst', H004_24, '7', '名'),
      num('chg', H004_24, '1', '人'),
      num('start', H004_24, '12', '人'),
      num('end', H004_24, '13', '人', { nth: 1 }),
    ],
    checks: [
      { kind: 'sum', label: '财政供养人员', total: 't', parts: ['adm', 'inst'] },
      {
        kind: 'change',
        label: '财政供养人员较上年',
        change: 'chg',
        current: 'end',
        previous: 'start',
        direction: 'up',
      },
      { kind: 'equal', label: '年末人数', a: 't', b: 'end' },
    ],
  },
  {
    seed: '004',
    line: 81,
    numbers: [num('t', S004_81, '91', '分')],
    checks: [{ kind: 'grade', label: '评价结果', total: 't', grade: '优', bands: BANDS }],
  },
];

describe('seed figures that hold give no finding', () => {
  it('every SEED_FIGURES_THAT_HOLD entry has a case', () => {
    for (const h of SEED_FIGURES_THAT_HOLD) {
      expect(
        HOLD_CASES.some((c) => c.seed === h.seed && c.line === h.line),
        `${h.seed} 第${h.line}行 ${h.stated}`,
      ).toBe(true);
    }
  });
  for (const [i, c] of HOLD_CASES.entries()) {
    it(`${c.seed} 第${c.line}行 (#${i})`, () => {
      expect(run(c.numbers, c.checks, { derived: c.derived })).toEqual([]);
    });
  }
});

describe('rounding notes give no error', () => {
  const s = ROUNDING_NOTES[0]!.sentence;
  const cases: { line: number; seed: string; numbers: StatedNumber[]; checks: AnyCheck[] }[] = [
    {
      seed: '000',
      line: 10,
      numbers: [num('assets', S000_10, '10.93', '万元'), num('cur', s, '0.11', '万元'), num('s', s, '1.02', '%')],
      checks: [{ kind: 'share', label: '流动资产占比', share: 's', part: 'cur', whole: 'assets' }],
    },
    ...ROUNDING_NOTES.slice(1, 4).map((r) => {
      const [part, share] = [...norm(r.sentence).matchAll(/(\d+\.\d+)(?:万元|%)/g)].map((m) => m[1]!);
      return {
        seed: r.seed,
        line: r.line,
        numbers: [
          num('fixed', '固定资产10.82万元', '10.82', '万元'),
          num('p', r.sentence, part!, '万元'),
          num('s', r.sentence, share!, '%'),
        ],
        checks: [{ kind: 'share', label: '固定资产构成', share: 's', part: 'p', whole: 'fixed' } as AnyCheck],
      };
    }),
    {
      seed: '002',
      line: 111,
      numbers: [
        num('cur', '机关运行经费支出14.77万元，比2020年增加0.74万元，增长5%', '14.77', '万元'),
        num('chg', ROUNDING_NOTES[4]!.sentence, '0.74', '万元'),
        num('rate', ROUNDING_NOTES[4]!.sentence, '5', '%'),
      ],
      checks: [
        { kind: 'growth', label: '机关运行经费增长率', rate: 'rate', current: 'cur', change: 'chg', direction: 'up' },
      ],
    },
  ];
  it('covers every note', () => {
    expect(cases.map((c) => `${c.seed}:${c.line}`)).toEqual(ROUNDING_NOTES.map((r) => `${r.seed}:${r.line}`));
  });
  for (const c of cases) {
    it(`${c.seed} 第${c.line}行 ${c.numbers.map((n) => n.text).join(' / ')}`, () => {
      const f = run(c.numbers, c.checks);
      expect(errors(f)).toEqual([]);
      expect(f).toEqual([]);
    });
  }
});
