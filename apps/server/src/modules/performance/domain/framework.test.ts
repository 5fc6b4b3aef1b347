import { describe, expect, it } from 'vitest';
import {
  FrameworkBodySchema,
  type FrameworkBodyInput,
  INCOME_SOURCES,
  THREE_PUBLIC_PARTS,
  type BudgetYearFacts,
} from '@bianban/contracts';
import { checkFramework, checkStatedScores, gradeOf, scoreFramework } from './framework.js';
import { fromNumber, parseDec, toText } from './decimal.js';
import { computeMetric, satisfactionByGroup, type MetricContext } from './metrics.js';

const small = (): FrameworkBodyInput => ({
  name: '测试指标体系',
  kind: 'department',
  indicators: [
    {
      key: '1',
      name: '投入',
      points: 40,
      children: [
        {
          key: '1.1',
          name: '在职人员控制率',
          points: 20,
          source: { kind: 'metric', metric: 'staffControlRate' },
          rule: { kind: 'linear', full: { op: '<=', value: 100 }, deductPer: 0.5 },
        },
        { key: '1.2', name: '制度', points: 20, rule: { kind: 'perOccurrence', deductPer: 5 } },
      ],
    },
    { key: '2', name: '效果', points: 60, rule: { kind: 'manual' } },
  ],
});
const parse = (b: FrameworkBodyInput) => FrameworkBodySchema.parse(b);

describe('structural checks', () => {
  it('accepts a well-formed framework', () => {
    expect(checkFramework(parse(small()))).toEqual([]);
  });
  it('children must add up to their parent', () => {
    const b = small();
    b.indicators[0]!.children![1]!.points = 15;
    const problems = checkFramework(parse(b));
    expect(problems.map((p) => p.rule)).toEqual(['children-sum']);
    expect(problems[0]!.message).toBe('“1 投入”分值40分，下级指标分值合计35分');
  });
  it('the first level must total 100', () => {
    const b = small();
    b.indicators[1]!.points = 50;
    expect(checkFramework(parse(b))[0]!.message).toBe('一级指标分值合计90分，不等于总分100分');
  });
  it('a leaf needs a rule, a branch may not have one', () => {
    const b = small();
    delete b.indicators[1]!.rule;
    b.indicators[0]!.rule = { kind: 'manual' };
    const rules = checkFramework(parse(b)).map((p) => p.rule);
    expect(rules).toContain('leaf-rule');
    expect(rules).toContain('branch-rule');
  });
  it('a rule may not give more than the points; checklist items add up to them', () => {
    const b = small();
    b.indicators[0]!.children![1]!.rule = {
      kind: 'checklist',
      items: [
        { key: 'a', label: '甲', points: 15 },
        { key: 'b', label: '乙', points: 15 },
      ],
    };
    const p = checkFramework(parse(b));
    expect(p.map((x) => x.rule)).toEqual(['rule-maximum', 'checklist-sum']);
    const bands = small();
    bands.indicators[1]!.rule = { kind: 'bands', bands: [{ min: 90, score: 70 }] };
    expect(checkFramework(parse(bands))[0]!.rule).toBe('rule-maximum');
  });
  it('a metric binding needs a rule that reads a value', () => {
    const b = small();
    b.indicators[1]!.source = { kind: 'metric', metric: 'satisfaction' };
    expect(checkFramework(parse(b))[0]).toMatchObject({ rule: 'source', key: '2' });
  });
  it('duplicate keys and unordered grades are refused', () => {
    const b = small();
    b.indicators[1]!.key = '1';
    b.grades = [
      { grade: '良', min: 80 },
      { grade: '优', min: 90 },
      { grade: '差', min: 0 },
    ];
    const rules = checkFramework(parse(b)).map((p) => p.rule);
    expect(rules).toContain('duplicate-key');
    expect(rules).toContain('grades');
  });
  it('project frameworks keep the 财预〔2020〕10号 weights', () => {
    const b: FrameworkBodyInput = {
      name: '项目',
      kind: 'project',
      indicators: [
        { key: '1', name: '预算执行率', points: 20, rule: { kind: 'ratio', target: 100 } },
        { key: '2', name: '产出指标', points: 40, rule: { kind: 'manual' } },
        { key: '3', name: '效益指标', points: 30, rule: { kind: 'manual' } },
        { key: '4', name: '满意度指标', points: 10, rule: { kind: 'manual' } },
      ],
    };
    const p = checkFramework(parse(b)).filter((x) => x.rule === 'project-weights');
    expect(p.map((x) => x.message)).toEqual([
      '项目支出绩效自评的“预算执行”一级指标须为10分（财预〔2020〕10号），现为20分',
      '项目支出绩效自评的“产出”一级指标须为50分（财预〔2020〕10号），现为40分',
    ]);
  });
});

describe('scoring a tree', () => {
  it('sums leaves into parents, total and grade', () => {
    const body = parse(small());
    const scored = scoreFramework(body, (leaf) => {
      if (leaf.key === '1.1') return { inputs: { value: parseDec('102') }, valueLabel: '在职人员控制率', unit: '%' };
      if (leaf.key === '1.2') return { inputs: { occurrences: 1 } };
      return { inputs: { score: fromNumber(55), reason: '部分任务延期' } };
    });
    expect(scored.missing).toEqual([]);
    expect(toText(scored.nodes[0]!.score!)).toBe('34');
    expect(toText(scored.total!)).toBe('89');
    expect(scored.grade).toBe('良');
    expect(scored.nodes[0]!.children[0]!.explanation).toContain('扣1分，得19分');
  });
  it('a leaf without input leaves the totals empty instead of counting zero', () => {
    const body = parse(small());
    const scored = scoreFramework(body, (leaf) =>
      leaf.key === '1.1'
        ? { inputs: {}, error: '在职人员控制率：编制数为0，无法计算' }
        : { inputs: { occurrences: 0, score: fromNumber(60) } },
    );
    expect(scored.total).toBeNull();
    expect(scored.grade).toBeNull();
    expect(scored.nodes[0]!.score).toBeNull();
    expect(scored.missing).toEqual([
      { key: '1.1', name: '在职人员控制率', error: '在职人员控制率：编制数为0，无法计算' },
    ]);
  });
  it('grades at the boundary', () => {
    const g = parse(small()).grades;
    expect(gradeOf(fromNumber(90), g)).toBe('优');
    expect(gradeOf(parseDec('89.99'), g)).toBe('良');
    expect(gradeOf(fromNumber(60), g)).toBe('中');
    expect(gradeOf(parseDec('59.5'), g)).toBe('差');
  });
});

describe('consistency of a stated score table', () => {
  it('flags an item over its points, a subtotal that does not add up, the total and the grade', () => {
    const body = parse(small());
    const findings = checkStatedScores(body, {
      scores: { '1': 40, '1.1': 22, '1.2': 20, '2': 50 },
      total: 92,
      grade: '良',
    });
    expect(findings.map((f) => [f.rule, f.key, f.stated, f.recomputed])).toEqual([
      ['score-cap', '1.1', '22', '≤20'],
      ['score-sum', '1', '40', '42'],
      ['total', '', '92', '90'],
      ['grade', '', '良', '优'],
    ]);
  });
  it('a consistent table has no findings', () => {
    expect(
      checkStatedScores(parse(small()), { scores: { '1.1': 20, '1.2': 15, '2': 55 }, total: 90, grade: '优' }),
    ).toEqual([]);
  });
});

function facts(): BudgetYearFacts {
  const s = (initial: number | null, adjusted: number | null, final: number | null) => ({ initial, adjusted, final });
  const wan = 1_000_000;
  return {
    unitId: 'u',
    year: 2023,
    finalised: true,
    income: Object.fromEntries(INCOME_SOURCES.map((k) => [k, s(0, 0, 0)])) as BudgetYearFacts['income'],
    carryIn: 0,
    carryOut: 0,
    // seed 004: 基本支出预算164.20077万元，决算156.958448万元; 项目支出预算11万元，决算11万元
    basic: { personnel: s(140_000_000, 140_000_000, 135_000_000), operating: s(24_200_770, 24_200_770, 21_958_448) },
    projects: [{ projectId: 'p', name: '项目', amount: s(11 * wan, 11 * wan, 11 * wan), allocated: 11 * wan }],
    byFunction: [],
    byEconomic: [],
    threePublic: Object.fromEntries(
      THREE_PUBLIC_PARTS.map((k) => [
        k,
        { budget: k === 'reception' ? 100_000 : 0, final: k === 'reception' ? 100_000 : 0 },
      ]),
    ) as BudgetYearFacts['threePublic'],
    threePublicCounts: {
      abroadGroups: 0,
      abroadPersons: 0,
      vehicles: 0,
      vehiclesPurchased: 0,
      receptionBatches: null,
      receptionPersons: null,
    },
    runningCost: { budget: null, final: null },
    procurement: { planned: null, goods: null, works: null, services: null, smeAwarded: null },
    officialCard: { paid: null, eligible: null },
    keyExpenditure: { arranged: null, total: null },
    assets: {
      total: null,
      liabilities: null,
      netAssets: null,
      fixedAssets: null,
      fixedAssetsInUse: null,
      vehicles: null,
      largeEquipment: null,
    },
  };
}
const ctx = (over: Partial<MetricContext> = {}): MetricContext => ({
  facts: facts(),
  previous: null,
  staff: {
    startDate: '2023-01-01',
    endDate: '2023-12-31',
    approvedEnd: 13,
    actualStart: 12,
    actualEnd: 13,
    offCapEnd: 2,
    offActualEnd: 1,
  },
  surveys: [],
  rosterTransactions: 430,
  ...over,
});

describe('metrics', () => {
  it('basic execution rate of seed 004 is 95.59%, not the stated 96%', () => {
    const r = computeMetric('basicExecutionRate', ctx());
    expect(r.ok && toText(r.value, 2)).toBe('95.59');
    expect(r.inputs.map((i) => `${i.label} ${i.value}`)).toEqual([
      '基本支出决算数 156.96万元',
      '基本支出调整预算数 164.20万元',
    ]);
  });
  it('project execution and three public control', () => {
    const p = computeMetric('projectExecutionRate', ctx());
    expect(p.ok && toText(p.value)).toBe('100');
    const t = computeMetric('threePublicControlRate', ctx());
    expect(t.ok && toText(t.value)).toBe('100');
  });
  it('staff control reads the roster figures', () => {
    const r = computeMetric('staffControlRate', ctx());
    expect(r.ok && toText(r.value)).toBe('100');
    const f = computeMetric('fiscalStaffControlRate', ctx());
    expect(f.ok && toText(f.value, 2)).toBe('93.33');
  });
  it('a missing input or zero denominator is named, never computed as zero', () => {
    expect(computeMetric('officialCardRate', ctx())).toMatchObject({
      ok: false,
      error: '公务卡刷卡率：缺少公务卡结算金额',
    });
    expect(computeMetric('threePublicChangeRate', ctx())).toMatchObject({
      ok: false,
      error: '“三公经费”变动率：缺少上年“三公经费”决算数（本年“三公”表所列）',
    });
    const zero = ctx({ staff: { ...ctx().staff!, approvedEnd: 0 } });
    expect(computeMetric('staffControlRate', zero)).toMatchObject({
      ok: false,
      error: '在职人员控制率：编制数为0，无法计算',
    });
    expect(computeMetric('budgetExecutionRate', ctx({ facts: null }))).toMatchObject({
      ok: false,
      error: '预算执行率：本年度尚未录入部门预算和决算',
    });
  });
  it('satisfaction combines groups weighted by questionnaires', () => {
    const surveys = [
      { group: '服务对象', valid: 80, satisfied: 70, basicallySatisfied: 8 },
      { group: '干部职工', valid: 20, satisfied: 15, basicallySatisfied: 5 },
    ];
    const r = computeMetric('satisfaction', ctx({ surveys }));
    expect(r.ok && toText(r.value)).toBe('98');
    expect(satisfactionByGroup(surveys).map((g) => toText(g.rate!))).toEqual(['97.5', '100']);
  });
  it('balance against carry-in: none is 0, otherwise the share of the carry-in', () => {
    const none = computeMetric('balanceToCarryIn', ctx());
    expect(none.ok && toText(none.value)).toBe('0');
    const f = facts();
    f.carryIn = 2_000_000;
    f.carryOut = 1_000_000;
    const some = computeMetric('balanceToCarryIn', ctx({ facts: f }));
    expect(some.ok && toText(some.value)).toBe('50');
  });
});
