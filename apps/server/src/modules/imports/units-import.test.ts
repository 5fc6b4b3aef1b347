import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_MAX_ITEMS, UNIT_KIND_LABELS, UNITS_IMPORT_COLUMNS } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { checkUscc } from '../registration/domain/uscc.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let scoped: Session;
let seq = 1;
/** The default 发文日期 of an import; moved on once decisions have been applied. */
let docDate = '2026-03-01';

function multipart(name: string, content: Buffer) {
  const boundary = '----bianbanUnitsBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(s: Session, name: string, content: Buffer): Promise<string> {
  const m = multipart(name, content);
  const res = await ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: m.payload,
    headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function finished(s: Session, jobId: string) {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const j = (await ta.call(s, 'GET', `/api/jobs/${jobId}`)).json();
    if (j.state === 'succeeded' || j.state === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

const meta = () => ({ docNumber: `西编〔2026〕导${seq++}号`, docDate, approvingBody: '区委编委' });

async function runUnits(s: Session, fileId: string, mode: string, extra: Record<string, unknown> = {}) {
  const res = await ta.call(s, 'POST', '/api/imports/units', { fileId, mode, ...meta(), ...extra });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ kind: 'import.units', state: 'queued' });
  const j = await finished(s, res.json().id);
  expect(j.state, j.error).toBe('succeeded');
  return j.result;
}

const csv = (rows: string[][]) =>
  Buffer.from(
    `\ufeff${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`,
  );
const count = async (q: string, p: unknown[] = []) => (await ta.t.pool.query(q, p)).rows[0].n as number;

const H = [
  '单位名称',
  '上级单位',
  '机构类别',
  '统一社会信用代码',
  '主要职责',
  '行政编制',
  '事业编制（全额拨款）',
  '正职领导职数',
];
const BAD_USCC = '91350100M000100Y44';

/** Row numbers as in the spreadsheet: the header is row 1. */
const SEEDED: string[][] = [
  H, // 1
  ['区新设局', '区委', '党政机关', '', '1.负责新设事务；2.承办交办事项。', '3', '', '1'], // 2 clean
  ['办公室', '区新设局', '内设机构', '', '', '', '', ''], // 3 clean (parent in the file)
  ['区无主中心', '火星局', '事业单位', '', '', '', '2', ''], // 4 unknown parent
  ['区坏码中心', '区财政局', '事业单位', BAD_USCC, '', '', '1', ''], // 5 bad USCC
  ['区重复中心', '区财政局', '事业单位', '', '', '', '1', ''], // 6 dup of 7
  ['区重复中心', '区财政局', '事业单位', '', '', '', '1', ''], // 7
  ['区怪类局', '区委', '公司', '', '', '', '', ''], // 8 bad kind
  ['区负数中心', '区财政局', '事业单位', '', '', '', '-2', ''], // 9 negative quota
  ['区怪类局下属中心', '区怪类局', '事业单位', '', '', '', '1', ''], // 10 parent row wrong
  ['', '', '', '', '', '', '', ''], // 11 blank
  ['区小数中心', '区财政局', '事业单位', '', '', '', '1.5', ''], // 12 not an integer
];

const KIND_HINT = Object.values(UNIT_KIND_LABELS).join('、');
const EXPECTED = [
  { row: 4, column: '上级单位', message: '上级单位“火星局”不存在（既不是已有单位，也不是本文件中的单位）' },
  {
    row: 5,
    column: '统一社会信用代码',
    message: `统一社会信用代码“${BAD_USCC}”无效：${(checkUscc(BAD_USCC) as { reason: string }).reason}`,
  },
  { row: 6, column: '单位名称', message: '单位名称“区重复中心”与第7行重复（同一上级单位下）' },
  { row: 7, column: '单位名称', message: '单位名称“区重复中心”与第6行重复（同一上级单位下）' },
  { row: 8, column: '机构类别', message: `机构类别“公司”不正确，应为：${KIND_HINT}` },
  { row: 9, column: '事业编制（全额拨款）', message: '事业编制（全额拨款）不能为负数（所填为“-2”）' },
  { row: 10, column: '上级单位', message: '上级单位“区怪类局”（第8行）有误未能设立，本行无法导入' },
  { row: 12, column: '事业编制（全额拨款）', message: '事业编制（全额拨款）应为整数（所填为“1.5”）' },
];

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  scoped = await ta.signIn(await ta.createUser('officeStaff', { scopeUnitId: ta.units.office }));
});
afterAll(() => ta.close());

describe('units import → one draft establishment decision', () => {
  it('serves an XLSX template with the columns, the allowed values and notes', async () => {
    const res = await ta.call(staff, 'GET', '/api/imports/units/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位及编制', '可选值', '填写说明']);
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header.map((h) => h.replace(/^\*/, ''))).toEqual([...UNITS_IMPORT_COLUMNS]);
    expect(header[0]).toBe('*单位名称');
  });

  it('lists every seeded error by row and column, and writes nothing when validating', async () => {
    const f = await upload(staff, '单位.csv', csv(SEEDED));
    const r = await runUnits(staff, f, 'validate');
    expect(r.errors).toEqual(EXPECTED);
    expect(r).toMatchObject({ rows: 10, cleanRows: 2, errorRows: 8, applied: false, decisionId: null });
    expect(await count(`select count(*)::int n from establishment_decision`)).toBe(0);
  });

  it('all-or-nothing: refuses the whole file when any row is wrong', async () => {
    const f = await upload(staff, '单位.csv', csv(SEEDED));
    const r = await runUnits(staff, f, 'all');
    expect(r.applied).toBe(false);
    expect(r.note).toMatch(/全部无误才导入/);
    expect(await count(`select count(*)::int n from establishment_decision`)).toBe(0);
  });

  it('clean rows only: drafts one decision with createUnit, quota and posts items, not applied; it then applies as usual', async () => {
    const f = await upload(staff, '单位.csv', csv(SEEDED));
    const r = await runUnits(staff, f, 'cleanRowsOnly', { docNumber: '西编〔2026〕1号' });
    expect(r).toMatchObject({ applied: true, unitsCreated: 2, items: 4, docNumber: '西编〔2026〕1号' });
    const d = (await ta.call(staff, 'GET', `/api/decisions/${r.decisionId}`)).json();
    expect(d).toMatchObject({ state: 'draft', docNumber: '西编〔2026〕1号', approvingBody: '区委编委' });
    expect(d.items).toEqual([
      {
        kind: 'createUnit',
        ref: '第2行',
        parent: { unitId: ta.units.root },
        attributes: { name: '区新设局', kind: 'organ', functions: '1.负责新设事务；2.承办交办事项。' },
      },
      { kind: 'quota', target: { unitRef: '第2行' }, type: 'administrative', delta: 3 },
      { kind: 'posts', target: { unitRef: '第2行' }, level: 'principal', delta: 1 },
      {
        kind: 'createUnit',
        ref: '第3行',
        parent: { unitRef: '第2行' },
        attributes: { name: '办公室', kind: 'internalOffice' },
      },
    ]);
    // Not applied: the tree is unchanged until the decision is approved and applied.
    expect(await count(`select count(*)::int n from unit where name = '区新设局'`)).toBe(0);
    const audit = await count(`select count(*)::int n from audit_log where action = 'units.import'`);
    expect(audit).toBe(1);

    const preview = (await ta.call(staff, 'GET', `/api/decisions/${r.decisionId}/preview`)).json();
    expect(preview.violations).toEqual([]);
    expect((await ta.call(staff, 'POST', `/api/decisions/${r.decisionId}/submit`)).statusCode).toBe(200);
    expect((await ta.call(leader, 'POST', `/api/decisions/${r.decisionId}/approve`)).statusCode).toBe(200);
    const applied = await ta.call(staff, 'POST', `/api/decisions/${r.decisionId}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    const u = (await ta.t.pool.query(`select id, functions_text from unit where name = '区新设局'`)).rows[0];
    expect(u.functions_text).toBe('1.负责新设事务；2.承办交办事项。');
    const h = (await ta.call(staff, 'GET', `/api/units/${u.id}/history`)).json();
    expect(h.unit.functionsText).toBe('1.负责新设事务；2.承办交办事项。');
    expect(h.events[0].changes).toContain('核定主要职责（三定）');

    // A later functions item replaces the text from its effective date, and shows in the history.
    const fd = (
      await ta.call(staff, 'POST', '/api/decisions', {
        docNumber: '西编〔2026〕2号',
        docDate: '2026-04-01',
        effectiveDate: '2026-04-01',
        approvingBody: '区委编委',
        title: '调整区新设局主要职责',
        items: [{ kind: 'functions', target: { unitId: u.id }, text: '1.负责新设事务；2.新增职责。' }],
      })
    ).json();
    await ta.call(staff, 'POST', `/api/decisions/${fd.id}/submit`);
    await ta.call(leader, 'POST', `/api/decisions/${fd.id}/approve`);
    expect((await ta.call(staff, 'POST', `/api/decisions/${fd.id}/apply`)).statusCode).toBe(200);
    const h2 = (await ta.call(staff, 'GET', `/api/units/${u.id}/history`)).json();
    expect(h2.unit.functionsText).toBe('1.负责新设事务；2.新增职责。');
    expect(h2.events[0]).toMatchObject({ date: '2026-04-01', changes: ['修订主要职责（三定）'] });
    const versions = await ta.t.pool.query(
      `select valid_from::text, valid_to::text, functions_text from unit_version where unit_id = $1 order by valid_from`,
      [u.id],
    );
    expect(versions.rows).toEqual([
      { valid_from: '2026-03-01', valid_to: '2026-04-01', functions_text: '1.负责新设事务；2.承办交办事项。' },
      { valid_from: '2026-04-01', valid_to: null, functions_text: '1.负责新设事务；2.新增职责。' },
    ]);
    docDate = '2026-12-01';
  });

  it('refuses a 文号 already used, before reading the file', async () => {
    const f = await upload(staff, '单位.csv', csv(SEEDED));
    const res = await ta.call(staff, 'POST', '/api/imports/units', {
      fileId: f,
      mode: 'validate',
      ...meta(),
      docNumber: '西编〔2026〕1号',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('文号“西编〔2026〕1号”已被其他机构编制事项使用');
  });

  it('scope: a user limited to a subtree imports only under units in it, never at the top', async () => {
    const f = await upload(
      scoped,
      '范围.csv',
      csv([
        ['单位名称', '上级单位', '机构类别', '参公事业编制'],
        ['区编办服务中心', '区委编办', '事业单位', '2'],
        ['区财政外中心', '区财政局', '事业单位', '1'],
        ['区顶层局', '', '党政机关', ''],
      ]),
    );
    const r = await runUnits(scoped, f, 'validate');
    expect(r.errors).toEqual([
      { row: 3, column: '上级单位', message: '上级单位“区财政局”不在您的数据范围内' },
      { row: 4, column: '上级单位', message: '未填写上级单位：您的数据范围限于部分单位，只能在其下设立单位' },
    ]);
    expect(r.cleanRows).toBe(1);
  });

  it('refuses a role without decision.edit (units change only by decisions)', async () => {
    const viewer = await ta.signIn(await ta.createUser('viewer'));
    const res = await ta.call(viewer, 'POST', '/api/imports/units', { fileId: crypto.randomUUID(), ...meta() });
    expect(res.statusCode).toBe(403);
  });

  it('column mapping: guessed from titles and aliases, saved per region (audited), reused by the next import', async () => {
    const rows = [
      ['机构名称', '隶属', '类型', '行政编制数'],
      ['区映射局', '区委', '党政机关', '2'],
    ];
    const f = await upload(staff, '映射.csv', csv(rows));
    const h = (await ta.call(staff, 'POST', '/api/imports/units/headers', { fileId: f })).json();
    expect(h).toMatchObject({ headerRow: 1, headers: ['机构名称', '隶属', '类型', '行政编制数'] });
    expect(h.mapping).toEqual({ 单位名称: '机构名称', 行政编制: '行政编制数' });
    expect(h.missing).toEqual(['机构类别']);
    expect(h.fromSaved).toEqual([]);

    // Without the mapping the file has no 机构类别 column.
    const before = await ta.call(staff, 'POST', '/api/imports/units', { fileId: f, mode: 'validate', ...meta() });
    const failed = await finished(staff, before.json().id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/缺少“机构类别”列/);

    const bad = await ta.call(staff, 'PUT', '/api/imports/units/mapping', {
      mapping: { 机构类别: '类型', 上级单位: '类型' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('列对应有误：“机构类别”和“上级单位”不能同时对应表头“类型”');

    const saved = await ta.call(staff, 'PUT', '/api/imports/units/mapping', {
      mapping: { ...h.mapping, 机构类别: '类型', 上级单位: '隶属' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await count(`select count(*)::int n from audit_log where action = 'import.mapping.save'`)).toBe(1);
    expect((await ta.call(staff, 'GET', '/api/imports/units/mapping')).json().mapping).toEqual({
      单位名称: '机构名称',
      行政编制: '行政编制数',
      机构类别: '类型',
      上级单位: '隶属',
    });
    // The roster import's mapping is separate.
    expect((await ta.call(staff, 'GET', '/api/imports/roster/mapping')).json().mapping).toEqual({});

    const again = (await ta.call(staff, 'POST', '/api/imports/units/headers', { fileId: f })).json();
    expect(again.fromSaved.sort()).toEqual(['上级单位', '单位名称', '机构类别', '行政编制'].sort());
    expect(again.missing).toEqual([]);

    // The next import, with no mapping in the request, reads the file through the saved one.
    const r = await runUnits(staff, f, 'validate');
    expect(r).toMatchObject({ errors: [], cleanRows: 1 });
  });

  it('roster import: the mapping is applied before the rows are checked', async () => {
    const f = await upload(
      leader,
      '花名册.csv',
      csv([
        ['人员姓名', '身份证号', '工作部门', '编制性质', '入编时间', '入编方式'],
        ['张映射', '11010519491231002X', '区委编办', '行政编制', '2020-01-01', '录用'],
      ]),
    );
    const h = (await ta.call(leader, 'POST', '/api/imports/roster/headers', { fileId: f })).json();
    // 身份证号 and 编制性质 are aliases; the others are the user's to map.
    expect(h.mapping).toMatchObject({
      公民身份号码: '身份证号',
      编制类型: '编制性质',
      上编时间: '入编时间',
      上编方式: '入编方式',
    });
    expect(h.missing).toEqual(['姓名']);
    const res = await ta.call(leader, 'POST', '/api/imports/roster', {
      fileId: f,
      mode: 'validate',
      mapping: { ...h.mapping, 姓名: '人员姓名', 单位: '工作部门' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const j = await finished(leader, res.json().id);
    expect(j.state, j.error).toBe('succeeded');
    // Read through the mapping: the only finding is the vacancy (区委编办 has no establishment here).
    expect(j.result.rows).toBe(1);
    expect(j.result.errors).toEqual([
      {
        row: 2,
        column: '编制类型',
        message: '超编：“区委编办”行政编制核定0名、已在编0名，只余0名空编，本行超出',
      },
    ]);
  });

  it("planner preview: a file over the region's total control is refused as a whole (row 0)", async () => {
    const total = await count(
      `select coalesce(sum(amount), 0)::int n from establishment_quota where type = 'administrative' and valid_to is null`,
    );
    const d = (
      await ta.call(staff, 'POST', '/api/decisions', {
        docNumber: '西编〔2026〕3号',
        docDate: '2026-05-01',
        effectiveDate: '2026-05-01',
        approvingBody: '区委编委',
        title: '核定行政编制总量',
        items: [{ kind: 'control', control: 'administrative', delta: total + 1 }],
      })
    ).json();
    await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
    await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
    expect((await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`)).statusCode).toBe(200);

    const f = await upload(
      staff,
      '超总量.csv',
      csv([
        ['单位名称', '上级单位', '机构类别', '行政编制'],
        ['区超控局', '区政府', '党政机关', '5'],
      ]),
    );
    const r = await runUnits(staff, f, 'cleanRowsOnly');
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([
      {
        row: 0,
        column: '全文件',
        message: `违反机构编制规则：全区行政编制将为${total + 5}名，超过总量控制数${total + 1}名（须在本文件中同时调增控制数）`,
      },
    ]);
    // An effective date before the latest applied change is refused too.
    const early = await runUnits(staff, f, 'validate', { docDate: '2026-01-01' });
    expect(early.errors.map((e: { message: string }) => e.message)).toContain(
      '生效日期2026-01-01早于已执行的最近变动日期2026-05-01；机构编制事项须按日期顺序执行',
    );
  });

  it('a large file: its draft (over 500 items) is saved again by the editor; one over the items cap is refused whole', async () => {
    const rows = (n: number, prefix: string) => [
      ['单位名称', '上级单位', '机构类别', '正职领导职数'],
      ...Array.from({ length: n }, (_, k) => [`区${prefix}中心${k + 1}`, '区政府', '事业单位', '1']),
    ];
    const big = await upload(staff, '大批单位.csv', csv(rows(350, '甲')));
    const r = await runUnits(staff, big, 'cleanRowsOnly');
    expect(r).toMatchObject({ applied: true, unitsCreated: 350, items: 700 });
    const d = (await ta.call(staff, 'GET', `/api/decisions/${r.decisionId}`)).json();
    const { docNumber, docDate: date, effectiveDate, approvingBody, title, items } = d;
    const saved = await ta.call(staff, 'PUT', `/api/decisions/${r.decisionId}`, {
      docNumber,
      docDate: date,
      effectiveDate,
      approvingBody,
      title: `${title}（修改）`,
      items,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items).toHaveLength(700);

    const tooBig = await upload(staff, '超上限.csv', csv(rows(DECISION_MAX_ITEMS / 2 + 1, '乙')));
    const refused = await runUnits(staff, tooBig, 'cleanRowsOnly');
    expect(refused.applied).toBe(false);
    expect(refused.errors).toContainEqual({
      row: 0,
      column: '全文件',
      message: `本文件生成${DECISION_MAX_ITEMS + 2}项机构编制事项，超过一份文件的上限${DECISION_MAX_ITEMS}项，请分为几个文件导入`,
    });
    const over = await ta.call(staff, 'POST', '/api/decisions', {
      docNumber,
      docDate: date,
      effectiveDate,
      approvingBody,
      title,
      items: Array.from({ length: DECISION_MAX_ITEMS + 1 }, () => items[1]),
    });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain(`一份文件最多${DECISION_MAX_ITEMS}项机构编制事项`);
  }, 120_000);
});
