/**
 * Budget years through HTTP: save with warnings, refusals naming table and row, scope (unit subtree
 * and region), audit in the transaction, finalise/reopen, XLSX import (errors per sheet/row/column,
 * nothing written; a clean file round-trips), and the facts of the 002 demo year.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBudgetYearDoc, type BudgetYearDoc } from '@bianban/contracts';
import { region, unit } from '../../db/schema.js';
import { loadBudgetSeeds } from '../../db/demo/budget-seeds.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { loadBudgetYearFacts } from './budget.facts.js';

let ta: TestApp;
let staff: Session;
let reporter: Session;
let viewer: Session;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
  viewer = await ta.signIn(await ta.createUser('viewer'));
});
afterAll(() => ta.close());

const W = (n: number) => Math.round(n * 1_000_000);
function sample(): BudgetYearDoc {
  const d = emptyBudgetYearDoc();
  d.income = [
    { source: 'generalBudget', initial: W(120), adjusted: W(130), final: W(130) },
    { source: 'governmentFund', initial: null, adjusted: null, final: W(8) },
  ];
  d.totals.incomeTotal.final = W(138);
  d.totals.expenditureTotal.final = W(138);
  d.totals.basicTotal.final = W(130);
  d.totals.personnel.final = W(115);
  d.totals.operating.final = W(15);
  d.totals.projectTotal.final = W(8);
  d.functionLines = [
    {
      functionCode: '201',
      functionName: null,
      initial: null,
      adjusted: null,
      final: W(130),
      basicFinal: W(130),
      projectFinal: 0,
    },
    {
      functionCode: '2013601',
      functionName: null,
      initial: null,
      adjusted: null,
      final: W(130),
      basicFinal: null,
      projectFinal: null,
    },
  ];
  d.projects = [{ name: '机构编制核查', initial: null, adjusted: W(8), final: W(8), allocated: W(8), key: true }];
  d.threePublic.lines = [{ part: 'reception', budget: W(1), final: 500_000, previousFinal: 600_000 }];
  return d;
}
const url = (unitId: string, year: number) => `/api/budget/years/${unitId}/${year}`;

describe('budget years', () => {
  it('saves a year, answers the identity warnings, audits in the same transaction, reads it back', async () => {
    const res = await ta.call(staff, 'PUT', url(ta.units.finance, 2021), sample());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'draft', year: 2021, unitName: '区财政局', canEdit: true });
    // By function 130 vs by nature 138: a warning, not a refusal.
    expect(body.warnings.map((w: { rule: string }) => w.rule)).toEqual(['functionVsNature']);
    const audit = await ta.t.pool.query(
      `select object_id, before, after from audit_log where action = 'budget.save' order by seq desc limit 1`,
    );
    expect(audit.rows[0].object_id).toBe(body.id);
    expect(audit.rows[0].before).toBeNull();
    expect(audit.rows[0].after.doc.income[0].final).toBe(W(130));
    const read = (await ta.call(viewer, 'GET', url(ta.units.finance, 2021))).json();
    expect(read.doc).toEqual(sample());
    expect(read.canEdit).toBe(false);
    // A second save replaces the lines; the audit row carries before and after.
    const d = sample();
    d.projects = [];
    d.totals.projectTotal.final = 0;
    expect((await ta.call(staff, 'PUT', url(ta.units.finance, 2021), d)).statusCode).toBe(200);
    const again = await ta.t.pool.query(
      `select before, after from audit_log where action = 'budget.save' order by seq desc limit 1`,
    );
    expect(again.rows[0].before.doc.projects).toHaveLength(1);
    expect(again.rows[0].after.doc.projects).toHaveLength(0);
    const list = (await ta.call(viewer, 'GET', '/api/budget/years')).json();
    expect(list.items.map((i: { year: number }) => i.year)).toEqual([2021]);
  });

  it('refuses broken rules naming table and row, and writes nothing', async () => {
    const d = sample();
    d.functionLines[1] = { ...d.functionLines[1]!, functionCode: '2019998' };
    d.economicLines = [{ economicCode: '302', economicName: null, final: -1 }];
    const res = await ta.call(staff, 'PUT', url(ta.units.financeSub, 2021), d);
    expect(res.statusCode).toBe(400);
    const err = res.json();
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain(
      '支出决算表（按功能分类）第2行（2019998）“功能分类科目编码”科目“2019998”不在2021年政府收支分类科目中',
    );
    expect(err.message).toContain('基本支出决算表（按经济分类）第1行（302 商品和服务支出）“决算数”不能为负数');
    expect(err.details.map((x: { rule: string }) => x.rule)).toEqual(['unknownFunctionCode', 'negativeAmount']);
    expect((await ta.call(staff, 'GET', url(ta.units.financeSub, 2021))).statusCode).toBe(404);
    const d2 = sample();
    d2.threePublic.total.final = W(1);
    const r2 = await ta.call(staff, 'PUT', url(ta.units.financeSub, 2021), d2);
    expect(r2.json().details[0].rule).toBe('threePublicParts');
    const d3 = sample();
    d3.income.push({ ...d3.income[0]! });
    expect((await ta.call(staff, 'PUT', url(ta.units.financeSub, 2021), d3)).json().details[0]).toMatchObject({
      rule: 'duplicateLine',
      table: 'income',
      row: 3,
    });
  });

  it('data scope: a department reporter writes only in its subtree; another region is out of reach', async () => {
    expect((await ta.call(reporter, 'PUT', url(ta.units.financeSub, 2022), sample())).statusCode).toBe(200);
    const other = await ta.call(reporter, 'PUT', url(ta.units.office, 2022), sample());
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该单位不存在或不在您的数据范围内' });
    expect((await ta.call(reporter, 'GET', url(ta.units.office, 2021))).statusCode).toBe(403);
    const listed = (await ta.call(reporter, 'GET', '/api/budget/years')).json();
    expect(
      listed.items.every((i: { unitId: string }) => [ta.units.finance, ta.units.financeSub].includes(i.unitId)),
    ).toBe(true);
    await ta.t.db.insert(region).values({ regionCode: '500101', name: '重庆市万州区', level: 3 });
    const [far] = await ta.t.db
      .insert(unit)
      .values({ regionCode: '500101', name: '万州区委编办', kind: 'organ' })
      .returning();
    expect((await ta.call(staff, 'PUT', url(far!.id, 2020), sample())).json().code).toBe('OUT_OF_SCOPE');
    expect((await ta.call(staff, 'GET', url(far!.id, 2020))).statusCode).toBe(403);
    // budget.edit is needed to write.
    expect((await ta.call(viewer, 'PUT', url(ta.units.finance, 2023), sample())).statusCode).toBe(403);
  });

  it('a finalised year is locked until reopened; both are audited', async () => {
    await ta.call(staff, 'PUT', url(ta.units.office, 2020), sample());
    const fin = await ta.call(staff, 'POST', `${url(ta.units.office, 2020)}/status`, { status: 'finalised' });
    expect(fin.json()).toMatchObject({ status: 'finalised', canEdit: false });
    const locked = await ta.call(staff, 'PUT', url(ta.units.office, 2020), sample());
    expect(locked.json()).toMatchObject({ code: 'STATE_CONFLICT' });
    expect((await ta.call(staff, 'POST', `${url(ta.units.office, 2020)}/status`, { status: 'draft' })).statusCode).toBe(
      200,
    );
    expect((await ta.call(staff, 'PUT', url(ta.units.office, 2020), sample())).statusCode).toBe(200);
    const actions = await ta.t.pool.query(
      `select action from audit_log where action in ('budget.finalise', 'budget.reopen') order by seq`,
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['budget.finalise', 'budget.reopen']);
  });

  it('function codes per year for the entry form', async () => {
    const r = (await ta.call(viewer, 'GET', '/api/budget/function-codes?year=2021')).json();
    expect(r.functionCodes).toContainEqual({ code: '2013101', name: '行政运行', level: 3 });
    expect(r.economicCodes).toContainEqual({ code: '301', name: '工资福利支出', level: 1 });
  });
});

// ── Import ──────────────────────────────────────────────────────────────────────────────────────

async function upload(s: Session, name: string, content: Buffer): Promise<string> {
  const boundary = '----bianbanBudgetBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const res = await ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

/** The downloaded template, filled in as a department would. */
async function filledTemplate(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const res = await ta.call(staff, 'GET', '/api/budget/template');
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const set = (sheet: string, label: string, values: (string | number)[]) => {
    const ws = wb.getWorksheet(sheet)!;
    ws.eachRow((row) => {
      if (String(row.getCell(1).value) === label) values.forEach((v, i) => (row.getCell(i + 2).value = v));
    });
  };
  set('收入支出决算总表', '本年收入合计', ['', '', 141.96]);
  set('收入支出决算总表', '本年支出合计', ['', '', 141.96]);
  set('收入支出决算总表', '基本支出', ['', '', 134.04]);
  set('收入支出决算总表', '其中：人员经费', ['', '', 119.27]);
  set('收入支出决算总表', '其中：公用经费', ['', '', 14.77]);
  set('收入支出决算总表', '项目支出', ['', '', 7.92]);
  set('收入决算表', '一般公共预算财政拨款收入', [127.66, 134.04, 134.04]);
  set('收入决算表', '政府性基金预算财政拨款收入', [8, '', 7.92]);
  const fn = wb.getWorksheet('支出决算表')!;
  fn.getRow(2).values = ['2013601', '行政运行', '', '', 104.43, 104.43, 0];
  fn.getRow(3).values = ['2080505', '机关事业单位基本养老保险缴费支出', '', '', 8.85];
  const eco = wb.getWorksheet('基本支出决算表')!;
  eco.getRow(2).values = ['301', '工资福利支出', 119.27];
  wb.getWorksheet('项目支出表')!.getRow(2).values = ['机构改革业务费', '', '', 1.97, '', '否'];
  set('三公经费表', '公务用车购置及运行维护费', [0, 0, 0]);
  set('三公经费表', '公务接待费', [0, 0, 0]);
  set('其他情况', '机关运行经费决算数', [14.77]);
  set('其他情况', '公务接待批次', [0]);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('budget import (XLSX)', () => {
  it('a file with seeded errors: each named by sheet, row and column; nothing is written', async () => {
    const content = await filledTemplate((wb) => {
      wb.getWorksheet('收入决算表')!.getRow(2).getCell(4).value = '十万'; // D2: not an amount
      wb.getWorksheet('支出决算表')!.getRow(4).values = ['2999999', '杂项', '', '', 1]; // unknown code
      wb.getWorksheet('支出决算表')!.getRow(5).values = ['2013601', '行政运行', '', '', 1]; // duplicate of row 2
      wb.getWorksheet('基本支出决算表')!.getRow(2).getCell(3).value = -5; // negative
      const tp = wb.getWorksheet('三公经费表')!;
      tp.eachRow((row) => {
        if (String(row.getCell(1).value) === '公务用车购置及运行维护费') row.getCell(3).value = 2.5; // combined, no parts
      });
    });
    const fileId = await upload(staff, '预算决算.xlsx', content);
    const res = await ta.call(staff, 'POST', '/api/budget/import', {
      fileId,
      unitId: ta.units.section,
      year: 2021,
      mode: 'apply',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([
      { sheet: '三公经费表', row: 4, column: 'C', message: expect.stringContaining('须分别填写') },
      { sheet: '基本支出决算表', row: 2, column: 'C', message: '不能为负数' },
      { sheet: '支出决算表', row: 4, column: 'A', message: '科目“2999999”不在2021年政府收支分类科目中' },
      { sheet: '支出决算表', row: 5, column: 'A', message: '与第1行科目重复，同一科目只能填一行' },
      { sheet: '收入决算表', row: 2, column: 'D', message: '“十万”不是金额（万元，最多6位小数）' },
    ]);
    expect((await ta.call(staff, 'GET', url(ta.units.section, 2021))).statusCode).toBe(404);
  });

  it('a clean file is applied in one transaction and reads back as entered; validate-only writes nothing', async () => {
    const fileId = await upload(staff, '预算决算.xlsx', await filledTemplate(() => {}));
    const body = { fileId, unitId: ta.units.section, year: 2021 };
    const v = (await ta.call(staff, 'POST', '/api/budget/import', { ...body, mode: 'validate' })).json();
    expect(v).toMatchObject({ applied: false, errors: [] });
    expect((await ta.call(staff, 'GET', url(ta.units.section, 2021))).statusCode).toBe(404);
    const r = (await ta.call(staff, 'POST', '/api/budget/import', { ...body, mode: 'apply' })).json();
    expect(r).toMatchObject({ applied: true, errors: [] });
    const read = (await ta.call(staff, 'GET', url(ta.units.section, 2021))).json();
    expect(read.doc).toEqual(r.doc);
    expect(read.doc.income).toEqual([
      { source: 'generalBudget', initial: W(127.66), adjusted: W(134.04), final: W(134.04) },
      { source: 'governmentFund', initial: W(8), adjusted: null, final: W(7.92) },
    ]);
    expect(read.doc.functionLines[0]).toMatchObject({
      functionCode: '2013601',
      final: W(104.43),
      basicFinal: W(104.43),
      projectFinal: 0,
    });
    // The combined vehicle row of 0 means both parts are 0; reception as entered.
    expect(read.doc.threePublic.lines.map((l: { part: string; final: number }) => [l.part, l.final])).toEqual([
      ['vehiclePurchase', 0],
      ['vehicleOperation', 0],
      ['reception', 0],
    ]);
    expect(read.doc.runningCost.final).toBe(W(14.77));
    expect(read.doc.threePublic.counts.receptionBatches).toBe(0);
    expect(read.doc.projects).toEqual([
      { name: '机构改革业务费', initial: null, adjusted: null, final: W(1.97), allocated: null, key: false },
    ]);
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'budget.import' order by seq desc limit 1`,
    );
    expect(audit.rows[0].after).toMatchObject({ fileName: '预算决算.xlsx', year: 2021 });
    // A file of another kind is refused naming it.
    const csv = await upload(staff, 'a.csv', Buffer.from('a,b\n1,2\n'));
    const refused = await ta.call(staff, 'POST', '/api/budget/import', { ...body, fileId: csv });
    expect(refused.json()).toMatchObject({ code: 'FILE_TYPE' });
  });
});

describe('facts for the performance module', () => {
  it('the 002 demo year: income 141.96万元 = 134.04 + 7.92, in fen', async () => {
    const [office] = await ta.t.db
      .insert(unit)
      .values({ regionCode: REGION, name: '中共攀枝花市西区区委机构编制委员会办公室', kind: 'organ' })
      .returning();
    // Only the offices that exist are loaded: here the 西区 office, 2021 and 2020.
    expect(await ta.t.db.transaction((tx) => loadBudgetSeeds(tx, REGION))).toBe(2);
    const f = (await loadBudgetYearFacts(ta.t.db, office!.id, 2021))!;
    expect(f.finalised).toBe(true);
    expect(f.income.generalBudget).toEqual({ initial: 127_660_000, adjusted: 134_040_000, final: 134_040_000 });
    expect(f.income.governmentFund.final).toBe(7_920_000);
    expect(f.stated.incomeTotal.final).toBe(141_960_000);
    const sum = Object.values(f.income).reduce((a, s) => a + (s.final ?? 0), 0);
    expect(sum).toBe(141_960_000);
    expect(f.basic.personnel.final! + f.basic.operating.final!).toBe(134_040_000);
    expect(f.projects.map((p) => p.amount.final)).toEqual([4_950_000, 1_970_000, 1_000_000]);
    expect(f.byFunction.find((l) => l.functionCode === '2013601')!.functionName).toBe('行政运行');
    expect(f.threePublic.reception).toEqual({ budget: null, final: 0 });
    expect(f.runningCost.final).toBe(14_770_000);
    expect(f.runningCostPrevious).toBe(14_030_000);
    expect(f.income.superiorSubsidy.final).toBe(0);
    expect((await loadBudgetYearFacts(ta.t.db, office!.id, 2020))!.stated.grandTotal).toBe(126_540_000);
    expect(await loadBudgetYearFacts(ta.t.db, office!.id, 2019)).toBeNull();
  });
});
