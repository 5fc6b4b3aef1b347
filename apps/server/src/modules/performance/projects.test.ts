/**
 * Project self-evaluation sheets (项目绩效目标完成情况表) through HTTP: the projects come from the
 * budget year, the 财预〔2020〕10号 score is computed on save, a project not in the budget is
 * refused naming it, a reporter of another department is out of scope, and the save is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBudgetYearDoc, type BudgetYearDoc } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let reporter: Session;
let otherReporter: Session;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
  otherReporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.office }));
  // The budget year, as the 002 seed states its projects (4.95 + 1.97 = 6.92 万元 executed).
  const res = await ta.call(staff, 'PUT', `/api/budget/years/${ta.units.finance}/2021`, budget());
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ta.close());

const W = (n: number) => Math.round(n * 1_000_000);
function budget(): BudgetYearDoc {
  const d = emptyBudgetYearDoc();
  d.totals.projectTotal = { initial: null, adjusted: W(7), final: W(6.92) };
  d.projects = [
    { name: '档案电子化管理经费', initial: W(5), adjusted: W(5), final: W(4.95), allocated: null, key: false },
    { name: '机构改革业务费', initial: W(2), adjusted: W(2), final: W(1.97), allocated: null, key: false },
  ];
  return d;
}

const row = (over: Record<string, unknown>) => ({
  level: 'output',
  level2: '数量指标',
  name: '档案电子化数量',
  points: 50,
  target: { op: '>=', value: 1000, unit: '卷' },
  actual: { value: 1000 },
  ...over,
});
const sheet = (over: Record<string, unknown> = {}) => ({
  unitId: ta.units.finance,
  year: 2021,
  projectName: '档案电子化管理经费',
  annualTarget: '完成机关、群团、事业单位登记管理档案电子化',
  actualOutcome: '完成档案电子化900卷',
  indicators: [
    row({ actual: { value: 900 }, deviationReason: '部分档案待移交' }),
    row({
      level: 'outcome',
      level2: '社会效益指标',
      name: '档案查阅效率',
      points: 30,
      target: { op: 'text', text: '明显提高' },
      actual: { met: true },
    }),
    row({
      level: 'satisfaction',
      level2: '服务对象满意度指标',
      name: '服务对象满意度',
      points: 10,
      target: { op: '>=', value: 90, unit: '%' },
      actual: { value: 95 },
    }),
  ],
  ...over,
});

describe('project sheets', () => {
  it('lists the projects of the budget year with budget and execution, unsaved', async () => {
    const res = await ta.call(reporter, 'GET', `/api/project-sheets?unitId=${ta.units.finance}&year=2021`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { projectName: string }) => i.projectName)).toEqual(['档案电子化管理经费', '机构改革业务费']);
    expect(items[0]).toMatchObject({ budget: '5.00', executed: '4.95', saved: false, indicators: [] });
    expect(items[0].execution).toMatchObject({ rate: '99', score: '9.9', error: null });
    expect(items[0].problems).toContain('产出指标分值合计0分，财预〔2020〕10号规定为50分');
  });

  it('saves a sheet and computes the 10号 score: execution 9.9 + output 45 + outcome 30 + satisfaction 10', async () => {
    const res = await ta.call(reporter, 'PUT', '/api/project-sheets', sheet());
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.indicators.map((i: { score: string | null }) => i.score)).toEqual(['45', '30', '10']);
    expect(v.indicators[0]).toMatchObject({ explanation: '目标≥1000卷，实际900卷，得45分', error: null });
    expect(
      v.levels.map((l: { key: string; stated: string; score: string }) => `${l.key} ${l.stated} ${l.score}`),
    ).toEqual(['output 50 45', 'outcome 30 30', 'satisfaction 10 10']);
    expect(v).toMatchObject({ total: '94.9', grade: '优', problems: [], saved: true });
    const listed = (await ta.call(staff, 'GET', `/api/project-sheets?unitId=${ta.units.finance}&year=2021`)).json()
      .items[0];
    expect(listed).toMatchObject({ saved: true, total: '94.9', actualOutcome: '完成档案电子化900卷' });

    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'projectSheet.save' order by seq desc limit 1`,
    );
    expect(audit.rows[0].after).toEqual({
      unitId: ta.units.finance,
      year: 2021,
      project: '档案电子化管理经费',
      indicators: 3,
    });
  });

  it('names an indicator below target without a deviation reason, and leaves the total open', async () => {
    const bad = sheet({ projectName: '机构改革业务费', indicators: [row({ actual: { value: 900 } })] });
    const v = (await ta.call(reporter, 'PUT', '/api/project-sheets', bad)).json();
    expect(v.indicators[0]).toMatchObject({ score: '45', error: '“档案电子化数量”未完成目标，须说明偏差原因' });
    expect(v.total).toBeNull();
    expect(v.problems).toEqual([
      '效益指标分值合计0分，财预〔2020〕10号规定为30分',
      '满意度指标分值合计0分，财预〔2020〕10号规定为10分',
    ]);
  });

  it('refuses a project that is not in the budget, naming it', async () => {
    const res = await ta.call(reporter, 'PUT', '/api/project-sheets', sheet({ projectName: '不存在的项目' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('2021年度部门预算中没有项目“不存在的项目”，请先在预算中录入该项目');
    const none = await ta.call(reporter, 'PUT', '/api/project-sheets', sheet({ year: 2020 }));
    expect(none.json().message).toBe('2020年度部门预算中没有项目“档案电子化管理经费”，请先在预算中录入该项目');
  });

  it('a reporter of another department can neither read nor save the sheets', async () => {
    const read = await ta.call(otherReporter, 'GET', `/api/project-sheets?unitId=${ta.units.finance}&year=2021`);
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该部门不在您的数据范围内' });
    const before = (await ta.t.pool.query(`select count(*)::int n from audit_log where action = 'projectSheet.save'`))
      .rows[0].n;
    const save = await ta.call(otherReporter, 'PUT', '/api/project-sheets', sheet());
    expect(save.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该部门不在您的数据范围内' });
    expect(
      (await ta.t.pool.query(`select count(*)::int n from audit_log where action = 'projectSheet.save'`)).rows[0].n,
    ).toBe(before);
  });

  it('refuses an indicator without a level or name, naming the field', async () => {
    const res = await ta.call(reporter, 'PUT', '/api/project-sheets', sheet({ indicators: [row({ name: ' ' })] }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请填写三级指标');
  });
});
