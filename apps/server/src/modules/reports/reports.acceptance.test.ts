/**
 * Acceptance (issue 5): the seeds' reports regenerated from the demo facts. Every number a seed
 * states correctly appears identically (amounts and rates as the generated documents print them:
 * two decimals at most, trailing zeros dropped — 001's "2.20%" is printed "2.2%"); the seed errors
 * that live in the facts are reported by the checks; a seed error in prose, typed back in as an
 * edit, is caught too. Also: a missing fact is a named error; DOCX, PDF and HTML render.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportKind } from '@bianban/contracts';
import { loadDemoData } from '../../db/demo/index.js';
import { unit } from '../../db/schema.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { allText, inspectPdf } from '../../platform/documents/index.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import { yueyang2020Scores } from '../performance/fixtures/published-scores.js';
import { SEED_FIGURES_THAT_HOLD } from '../performance/fixtures/seed-inconsistencies.js';
import { evaluation } from '../performance/performance.schema.js';
import { buildReport, checkBuilt, MissingFact, renderBuilt } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';
import type { ReportFacts } from './templates/common.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await t.db.transaction((tx) => loadDemoData(tx, t.keys));
}, 300_000);
afterAll(() => t?.close());

const OFFICES = {
  '000': ['500101', '中共重庆市万州区委机构编制委员会办公室', 2020],
  '001': ['430611', '中共岳阳市君山区委机构编制委员会办公室', 2020],
  '002': ['510403', '中共攀枝花市西区区委机构编制委员会办公室', 2021],
  '003': ['510800', '中共广元市委机构编制委员会办公室', 2020],
  '004': ['621024', '中共合水县委机构编制委员会办公室', 2023],
} as const;

async function factsOf(seed: keyof typeof OFFICES, kind: ReportKind): Promise<ReportFacts> {
  const [region, name, year] = OFFICES[seed];
  const scope = await resolveScope(t.db, region, null);
  const u = (
    await t.db
      .select()
      .from(unit)
      .where(and(eq(unit.regionCode, region), eq(unit.name, name)))
  )[0]!;
  const ev = (
    await t.db
      .select()
      .from(evaluation)
      .where(and(eq(evaluation.unitId, u.id), eq(evaluation.year, year)))
  )[0];
  return loadReportFacts(t.db, scope, {
    kind,
    unitId: u.id,
    year,
    evaluationId: kind === 'selfEvaluation' ? (ev?.id ?? null) : null,
  });
}

/** Asserts each figure appears in the document text as a whole number (not inside a longer one). */
function expectFigures(text: string, figures: string[]) {
  for (const f of figures) {
    const re = new RegExp(`(?<![\\d.])${f.replace(/[.%()（）]/g, (c) => `\\${c}`)}(?![\\d])`);
    expect(re.test(text), `“${f}”应出现在报告中`).toBe(true);
  }
}

describe('seed 002 (西区 2021): 部门决算情况说明', () => {
  it('states the seed’s correct figures identically; the growth divides by the previous year', async () => {
    const built = buildReport('finalAccounts', await factsOf('002', 'finalAccounts'));
    const text = allText(built.document);
    expect(SEED_FIGURES_THAT_HOLD.filter((x) => x.seed === '002').length).toBeGreaterThan(0);
    expectFigures(text, [
      '141.96',
      '134.04',
      '94.42%',
      '7.92',
      '5.58%',
      '104.43',
      '77.91%',
      '8.85',
      '6.6%',
      '8',
      '5.97%',
      '12.76',
      '9.52%',
      '119.27',
      '14.77',
      '7.38',
      '0.62',
      '0.74',
    ]);
    expect(text).toContain(
      '2021年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%',
    );
    expect(text).toContain('增加15.42万元，增长12.19%');
    expect(text).not.toContain('5.43%');
    expect(checkBuilt(built)).toEqual([]);
    // Every number is bound to a fact or a computation on facts.
    expect(built.numbers.every((n) => n.source)).toBe(true);
    expect(built.numbers.length).toBeGreaterThan(60);
  });

  it('the seed’s 5.43%, typed back in as an edit, is caught: 15.42 ÷ 126.54 = 12.19%', async () => {
    const facts = await factsOf('002', 'finalAccounts');
    const built = buildReport('finalAccounts', facts, {
      edits: {
        overall:
          '2021年度收、支总计141.96万元。与2020年相比，收、支总计增加15.42万元，增长5.43%。主要变动原因：一是人员增加引起人员经费增加。',
      },
    });
    const findings = checkBuilt(built);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', check: 'growth', stated: '5.43' });
    expect(findings[0]!.recomputed).toContain('12.19');
    expect(findings[0]!.at.source).toBeUndefined();
  });

  it('renders to DOCX, PDF (CJK font embedded, title extracted) and HTML with the charts', async () => {
    const built = buildReport('finalAccounts', await factsOf('002', 'finalAccounts'), { charts: true });
    expect(built.document.blocks.filter((b) => b.kind === 'image')).toHaveLength(4);
    const docx = await renderBuilt(built, 'docx');
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const html = (await renderBuilt(built, 'html')).toString('utf8');
    expect(html).toContain('中共攀枝花市西区区委机构编制委员会办公室2021年度部门决算情况说明');
    expect(html).toContain('data:image/svg+xml');
    const pdf = inspectPdf(await renderBuilt(built, 'pdf'));
    expect(pdf.fonts.some((f) => /NotoSerifCJK/.test(f.baseFont) && f.embedded)).toBe(true);
    expect(pdf.pages[0]!.replace(/\s/g, '')).toContain('2021年度部门决算情况说明');
  }, 60_000);
});

describe('seed 000 (万州 2020)', () => {
  it('the expenditure by class, its shares and the changes against the initial budget', async () => {
    const built = buildReport('finalAccounts', await factsOf('000', 'finalAccounts'));
    const text = allText(built.document);
    expectFigures(text, [
      '333.04',
      '270.77',
      '36.87',
      '13.36',
      '12.04',
      '81.3%',
      '11.07%',
      '4.01%',
      '3.62%',
      '257.36',
      '207.57',
      '24.39',
      '75.75',
      '29.43%',
      '63.2',
      '30.45%',
      '12.48',
      '51.17%',
      '333.11',
    ]);
    expect(checkBuilt(built)).toEqual([]);
    // 2019 is not among the facts: the comparison is left out and said so, never "null" or "NaN".
    expect(text).not.toMatch(/null|NaN|undefined/);
  });
});

describe('seed 001 (君山 2020): 部门整体支出绩效自评报告', () => {
  it('the income, expenditure, shares and staff from the roster as of the year end', async () => {
    const built = buildReport('selfEvaluation', await factsOf('001', 'selfEvaluation'));
    const text = allText(built.document);
    expectFigures(text, [
      '113.81',
      '3',
      '110.81',
      '104.76',
      '68.07',
      '36.69',
      '65.77',
      '62.78%',
      '35.02%',
      '2.2%',
      '9.05',
      '21.31',
      '1.5',
    ]);
    expect(text).toContain('核定编制6名');
    expect(text).toContain('实有4人');
    for (const h of [
      '部门（单位）概况',
      '收支情况',
      '绩效管理情况',
      '绩效目标完成情况',
      '存在的主要问题',
      '改进措施',
      '结果应用和公开',
      '评价人员',
    ])
      expect(text).toContain(h);
    expect(built.document.blocks.some((b) => b.kind === 'signature')).toBe(true);
    // The demo evaluation lacks some metric inputs: the report says which, by name.
    expect(built.notes.some((n) => n.includes('未能评分'))).toBe(true);
    expect(checkBuilt(built)).toEqual([]);
  });

  it('the scoring table of the demo evaluation with the published scores: 15 + 40 + 23 + 19 = 97 → 优', async () => {
    const facts = await factsOf('001', 'selfEvaluation');
    const ev = facts.evaluation!;
    const published = new Map(yueyang2020Scores.leaves.map((l) => [l.key, l]));
    const parents = new Set(ev.indicators.map((i) => i.parentKey));
    const scoreOf = (key: string): number =>
      parents.has(key)
        ? ev.indicators.filter((i) => i.parentKey === key).reduce((a, i) => a + scoreOf(i.key), 0)
        : published.get(key)!.score;
    facts.evaluation = {
      ...ev,
      indicators: ev.indicators.map((i) => ({
        ...i,
        score: String(scoreOf(i.key)),
        adjustmentReason: parents.has(i.key) ? null : published.get(i.key)!.reason || null,
      })),
      total: '97',
      grade: '优',
    };
    const built = buildReport('selfEvaluation', facts);
    const text = allText(built.document);
    expect(text).toContain('综合得分97分（投入15分、过程40分、产出23分、效果19分），评价等次为“优”');
    const table = built.document.blocks.find((b) => b.kind === 'table' && b.caption === '部门整体支出绩效评价评分表');
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    expect(table.header[0]!.map((c) => c.runs.map((r) => (r.kind === 'text' ? r.text : r.value)).join(''))).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '评分标准',
      '分值',
      '自评得分',
      '扣分原因和其他说明',
    ]);
    expect(table.rows).toHaveLength(yueyang2020Scores.leaves.length + 1);
    const scores = built.numbers
      .filter((n) => n.id.startsWith('score.') && n.location.kind === 'table')
      .map((n) => n.text);
    expect(scores.slice(0, -1)).toEqual(yueyang2020Scores.leaves.map((l) => String(l.score)));
    expect(scores.at(-1)).toBe('97');
    expect(text).toContain('无此考核指标');
    expect(checkBuilt(built)).toEqual([]);

    // A wrong grade or an over-scored item typed into the text is caught.
    const edited = buildReport('selfEvaluation', facts, {
      edits: {
        score: '经自评，部门整体支出绩效自评综合得分97分（投入15分、过程40分、产出25分、效果19分），评价等次为“优”。',
      },
    });
    const f = checkBuilt(edited);
    expect(f.map((x) => x.check)).toContain('sum');
    expect(f.some((x) => x.stated === '25' || x.stated === '97')).toBe(true);
  });

  it('a head count edited away from the roster is caught (the seed’s 实有7人 against the roster’s 4)', async () => {
    const facts = await factsOf('001', 'selfEvaluation');
    const built = buildReport('selfEvaluation', facts);
    const original = built.originals.staff!;
    const edited = buildReport('selfEvaluation', facts, { edits: { staff: original.replace('实有4人', '实有7人') } });
    const f = checkBuilt(edited);
    const expected = f.find((x) => x.check === 'expected');
    expect(expected).toMatchObject({ severity: 'error', stated: '7', recomputed: '4' });
  });
});

describe('seed 003 (广元 2020)', () => {
  it('the disclosure: totals, shares and the year-on-year decreases hold; the 349.33 of the facts is flagged', async () => {
    const built = buildReport('finalAccounts', await factsOf('003', 'finalAccounts'));
    const text = allText(built.document);
    expectFigures(text, [
      '426.81',
      '43.45',
      '9.24%',
      '426.32',
      '421.85',
      '349.34',
      '72.51',
      '82.81%',
      '17.19%',
      '3.18',
      '2.92',
      '0.26',
      '91.82%',
      '8.18%',
      '0.17',
      '39.53%',
      '30.14',
      '9.15',
      '23.29%',
      '319.19',
      '0.45',
    ]);
    const f = checkBuilt(built);
    // 人员经费319.19 + 公用经费30.14 = 349.33 against 基本支出349.34 (seed 003:L48).
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'sum', stated: '349.34', recomputed: '349.33' });
  });

  it('the project table (项目绩效目标完成情况表): each project’s budget, execution and rate', async () => {
    const built = buildReport('projectTable', await factsOf('003', 'projectTable'));
    const text = allText(built.document);
    for (const n of [
      '全市综合执法改革',
      '全市事业单位改革',
      '全市教职工编制调整工作',
      '行政权力和责任清单动态调整',
      '全市机构编制统计工作',
    ])
      expect(text).toContain(n);
    const executed = built.numbers.filter((n) => n.id.endsWith('.executed')).map((n) => n.text);
    expect(executed).toEqual(['18', '18', '9.2', '9', '14.65']);
    expect(built.numbers.filter((n) => n.id.endsWith('.rate')).every((n) => n.text === '100')).toBe(true);
    // The facts' 项目支出72.51 (003:L29) is more than the five projects' 68.85: reported.
    const f = checkBuilt(built);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', check: 'sum', stated: '72.51', recomputed: '68.85' });
    expect(built.notes.some((n) => n.includes('绩效指标未填报'))).toBe(true);
  });
});

describe('seed 004 (合水 2023)', () => {
  it('the 应拨付资金1752007.7万元 of the facts is reported: yuan written as 万元', async () => {
    const built = buildReport('finalAccounts', await factsOf('004', 'finalAccounts'));
    const text = allText(built.document);
    expectFigures(text, ['1752007.7', '164.2', '11', '167.96', '156.96']);
    const f = checkBuilt(built);
    const unitError = f.find((x) => x.at.text === '1752007.7');
    expect(unitError).toMatchObject({ severity: 'error', check: 'sum' });
    expect(unitError!.message).toContain('单位疑为元而非万元');
  });
});

describe('bad input', () => {
  it('a template referring to a missing fact names it', async () => {
    const facts = await factsOf('002', 'finalAccounts');
    expect(() => buildReport('finalAccounts', { ...facts, budget: null })).toThrow(MissingFact);
    expect(() => buildReport('finalAccounts', { ...facts, budget: null })).toThrow('2021年度的部门预算和决算尚未填报');
    const noExp = {
      ...facts.budget!,
      stated: { ...facts.budget!.stated, expenditureTotal: { initial: null, adjusted: null, final: null } },
    };
    try {
      buildReport('finalAccounts', { ...facts, budget: noExp });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MissingFact);
      expect((e as MissingFact).fact).toMatch(/:2021:stated\.expenditureTotal\.final$/);
      expect((e as Error).message).toContain('“本年支出合计”未填报');
    }
    expect(() => buildReport('selfEvaluation', { ...facts, evaluation: undefined })).toThrow('没有绩效自评');
  });
});
