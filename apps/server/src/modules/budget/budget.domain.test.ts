/** Pure rules: money helpers, cell parsing, validation rules, identity warnings, the classification. */
import { describe, expect, it } from 'vitest';
import {
  budgetIdentityWarnings,
  emptyBudgetYearDoc,
  fenToWanyuan,
  wanyuanToFen,
  type BudgetYearDoc,
} from '@bianban/contracts';
import { BUDGET_SEEDS } from '../../db/demo/budget-seeds.js';
import { classification } from './classification.js';
import { parseClassification } from './domain/classification.js';
import { parseWanyuan } from './domain/sheets.js';
import { describeLocation, validateBudgetDoc } from './domain/validate.js';

const cls2021 = () => classification().year(2021);
const doc = (f: (d: BudgetYearDoc) => void) => {
  const d = emptyBudgetYearDoc();
  f(d);
  return d;
};
const line = (code: string, final: number | null) => ({
  functionCode: code,
  functionName: null,
  initial: null,
  adjusted: null,
  final,
  basicFinal: null,
  projectFinal: null,
});

describe('money helpers', () => {
  it('万元 text ↔ fen, exactly, with half-up display rounding', () => {
    expect(wanyuanToFen('141.96')).toBe(141_960_000);
    expect(wanyuanToFen('156.958448')).toBe(156_958_448);
    expect(wanyuanToFen('1,234.5')).toBe(1_234_500_000);
    expect(wanyuanToFen('-0.1')).toBe(-100_000);
    expect(wanyuanToFen('')).toBeNull();
    expect(wanyuanToFen('—')).toBeNull();
    expect(() => wanyuanToFen('十万')).toThrow('不是金额');
    expect(() => wanyuanToFen('1.0000001')).toThrow('不是金额');
    expect(fenToWanyuan(156_958_448)).toBe('156.96');
    expect(fenToWanyuan(164_200_770)).toBe('164.20');
    expect(fenToWanyuan(5_000)).toBe('0.01');
    expect(fenToWanyuan(4_999)).toBe('0.00');
    expect(fenToWanyuan(-100_000)).toBe('-0.10');
    expect(fenToWanyuan(-4_000)).toBe('0.00');
    expect(fenToWanyuan(141_960_000, 4)).toBe('141.9600');
    expect(wanyuanToFen(fenToWanyuan(134_040_000))).toBe(134_040_000);
  });
  it('spreadsheet cells: float noise is rounded to 分, text that is not a number is refused', () => {
    expect(parseWanyuan('0.30000000000000004')).toBe(300_000);
    expect(parseWanyuan('1e-6')).toBe(1);
    expect(parseWanyuan(' 7.92 ')).toBe(7_920_000);
    expect(parseWanyuan('')).toBeNull();
    expect(parseWanyuan('abc')).toBe('invalid');
  });
});

describe('validation rules (each breaks with its named error)', () => {
  const rules = (d: BudgetYearDoc) =>
    validateBudgetDoc(d, cls2021()).map((f) => [f.rule, `${describeLocation(f)}${f.message}`]);

  it('a clean year has no findings', () => {
    expect(rules(doc((d) => (d.functionLines = [line('201', 1), line('2013601', 1)])))).toEqual([]);
  });
  it('negativeAmount names table, row and column; carry-over and liabilities may be negative', () => {
    expect(rules(doc((d) => (d.functionLines = [line('2013101', -5)])))).toEqual([
      ['negativeAmount', '支出决算表（按功能分类）第1行（2013101 行政运行）“决算数”不能为负数'],
    ]);
    expect(rules(doc((d) => (d.totals.personnel.adjusted = -1)))).toEqual([
      ['negativeAmount', '收入支出决算总表（人员经费）“调整预算数”不能为负数'],
    ]);
    expect(
      rules(
        doc((d) => {
          d.totals.carryOut = -1;
          d.assets.liabilities = -100_000;
          d.assets.netAssets = -1;
        }),
      ),
    ).toEqual([]);
    expect(rules(doc((d) => (d.assets.total = -1)))).toEqual([['negativeAmount', '国有资产“合计”不能为负数']]);
  });
  it('unknownFunctionCode and unknownEconomicCode name the row and the year', () => {
    expect(rules(doc((d) => (d.functionLines = [line('201', 1), line('2019998', 1)])))).toEqual([
      [
        'unknownFunctionCode',
        '支出决算表（按功能分类）第2行（2019998）“功能分类科目编码”科目“2019998”不在2021年政府收支分类科目中',
      ],
    ]);
    expect(rules(doc((d) => (d.economicLines = [{ economicCode: '39999', economicName: '杂项', final: 1 }])))).toEqual([
      [
        'unknownEconomicCode',
        '基本支出决算表（按经济分类）第1行（39999 杂项）“经济分类科目编码”科目“39999”不在部门预算支出经济分类科目中',
      ],
    ]);
  });
  it('threePublicParts: a total may not be entered beside its parts', () => {
    const r = rules(
      doc((d) => {
        d.threePublic.lines = [{ part: 'reception', budget: null, final: 1, previousFinal: null }];
        d.threePublic.total = { budget: 5, final: 9, previousFinal: null };
      }),
    );
    expect(r).toHaveLength(1);
    expect(r[0]![0]).toBe('threePublicParts');
    expect(r[0]![1]).toContain('“三公”经费表（合计）“决算数”已按分项');
  });
  it('duplicateLine: income source, code, project and part', () => {
    const r = rules(
      doc((d) => {
        d.income = [
          { source: 'generalBudget', initial: null, adjusted: null, final: 1 },
          { source: 'generalBudget', initial: null, adjusted: null, final: 2 },
        ];
        d.functionLines = [line('201', 1), line('201', 1)];
        d.projects = [
          { name: '机构改革业务费', initial: null, adjusted: null, final: 1, allocated: null, key: false },
          { name: '机构改革 业务费', initial: null, adjusted: null, final: 1, allocated: null, key: false },
        ];
      }),
    );
    expect(r).toEqual([
      ['duplicateLine', '收入决算表第2行（一般公共预算财政拨款收入）与第1行收入来源重复，同一收入来源只能填一行'],
      ['duplicateLine', '支出决算表（按功能分类）第2行（201）与第1行科目重复，同一科目只能填一行'],
      ['duplicateLine', '项目支出表第2行（机构改革 业务费）与第1行项目名称重复，同一项目名称只能填一行'],
    ]);
  });
});

describe('identity warnings (not errors)', () => {
  it('each identity names both sides', () => {
    const d = doc((x) => {
      x.income = [{ source: 'generalBudget', initial: null, adjusted: null, final: 100 }];
      x.totals.incomeTotal.final = 120;
      x.totals.basicTotal.final = 50;
      x.totals.personnel.final = 30;
      x.totals.operating.final = 10;
      x.totals.projectTotal.final = 20;
      x.totals.expenditureTotal.final = 80;
      x.functionLines = [line('201', 60), line('2013601', 50)];
      x.totals.carryIn = 0;
      x.totals.carryOut = 0;
    });
    const rules = budgetIdentityWarnings(d).map((w) => w.rule);
    // grandTotal is not checked: no 收、支总计 entered.
    expect(rules).toEqual([
      'incomeSources',
      'basicParts',
      'expenditureParts',
      'functionChildren',
      'functionVsNature',
      'carryOver',
    ]);
    const byRule = Object.fromEntries(budgetIdentityWarnings(d).map((w) => [w.rule, w]));
    expect(byRule.incomeSources).toMatchObject({ stated: 120, computed: 100 });
    expect(byRule.basicParts).toMatchObject({ stated: 50, computed: 40 });
    expect(byRule.expenditureParts).toMatchObject({ stated: 80, computed: 70 });
    expect(byRule.functionVsNature).toMatchObject({ stated: 60, computed: 80 });
    // carry-out = carry-in + income − expenditure: 0 + 120 − 80 = 40.
    expect(byRule.carryOver).toMatchObject({ stated: 0, computed: 40 });
    const d2 = doc((x) => {
      x.income = [{ source: 'generalBudget', initial: null, adjusted: null, final: 1_419_600 }];
      x.totals.incomeTotal.final = 1_419_700;
    });
    expect(budgetIdentityWarnings(d2)[0]!.message).toBe(
      '本年收入合计（决算数）：填报1.42万元，各收入来源之和为1.42万元，相差0.00万元',
    );
  });
  it('the seeds come out as published: their own inconsistencies are flagged, the rest balances', () => {
    const warned = (seed: string, year: number) => {
      const s = BUDGET_SEEDS.find((x) => x.seed === seed && x.year === year)!;
      const d = emptyBudgetYearDoc();
      s.build(d);
      expect(validateBudgetDoc(d, classification().year(year)), `${seed} ${year}`).toEqual([]);
      return budgetIdentityWarnings(d).map((w) => w.message);
    };
    expect(warned('000', 2020)).toEqual([]);
    expect(warned('001', 2020)).toEqual([]);
    // 002: the 7.92 of 政府性基金 has no function line in the report.
    expect(warned('002', 2021)).toEqual([
      '按功能分类的支出合计（决算数）：填报134.04万元，按经济性质（基本 + 项目）为141.96万元，相差-7.92万元',
    ]);
    // 003: 319.19 + 30.14 = 349.33 ≠ 349.34; the five published projects sum to 68.85 ≠ 72.51; the four classes
    // 356.82 + 25.97 + 12.97 + 26.07 = 421.83 — neither the stated 421.84 (一般公共预算) nor 421.85 (本年支出合计).
    expect(warned('003', 2020)).toEqual([
      '基本支出（决算数）：填报349.34万元，人员经费 + 公用经费为349.33万元，相差0.01万元',
      '项目支出（决算数）：填报72.51万元，各项目之和为68.85万元，相差3.66万元',
      '按功能分类的支出合计（决算数）：填报421.83万元，按经济性质（基本 + 项目）为421.85万元，相差-0.02万元',
    ]);
    // 004: 应拨付资金1752007.7万元 is 175.20077万元 written in 元.
    expect(warned('004', 2023)).toEqual([
      '本年支出合计（调整预算数）：填报1752007.70万元，基本支出 + 项目支出为175.20万元，相差1751832.50万元',
    ]);
  });
});

describe('classification', () => {
  it('has every code the seeds use, with the year’s names', () => {
    const c2021 = classification().year(2021);
    for (const code of [
      '201',
      '20131',
      '2013101',
      '20136',
      '2013601',
      '20110',
      '2011001',
      '2011002',
      '205',
      '206',
      '207',
      '208',
      '20805',
      '2080505',
      '210',
      '21011',
      '2101101',
      '2101103',
      '221',
      '22102',
      '2210201',
    ])
      expect(c2021.function.has(code), code).toBe(true);
    expect(c2021.function.get('210')!.name).toBe('卫生健康支出');
    expect(classification().year(2018).function.get('210')!.name).toBe('医疗卫生与计划生育支出');
    for (const code of ['301', '30101', '302', '30201', '303', '30309', '310', '31002'])
      expect(c2021.economic.has(code), code).toBe(true);
  });
  it('a file with a code whose parent is missing, or of the wrong shape, is refused', () => {
    expect(() =>
      parseClassification({
        function: [{ code: '2013101', name: '行政运行' }],
        economic: [{ code: '301', name: 'x' }],
      }),
    ).toThrow('缺少上级科目20131');
    expect(() => parseClassification({ function: [] })).toThrow('格式不正确');
  });
});
