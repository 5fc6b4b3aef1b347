import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let audit: string; // 区审计局: quota 5
let stats: string; // 区统计局（区普查中心）: quota 2, cut to 1 after two enrolments → over
let seq = 100;
const ids: Record<string, string> = {};

const AUDIT = '区审计局';
const STATS = '区统计局（区普查中心）';
const AS_OF = '2025-06-30';

function newId(): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104021985${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}${n % 2 ? 1 : 2}`;
  return body + citizenIdCheckChar(body);
}
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

async function applyDecision(items: unknown[], effectiveDate: string) {
  const d = (
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2025〕${seq++}号`,
      docDate: effectiveDate,
      effectiveDate,
      approvingBody: '区委编委',
      title: '核定编制',
      items,
    })
  ).json();
  await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
  await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
  const res = await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`);
  expect(res.statusCode, res.body).toBe(200);
}

async function approvedPlan(unitId: string, count: number) {
  const p = (
    await ta.call(staff, 'POST', '/api/use-plans', {
      unitId,
      type: 'administrative',
      count,
      channel: '公务员招录',
      year: 2025,
    })
  ).json();
  const res = await ta.call(leader, 'POST', `/api/use-plans/${p.id}/approve`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

async function enrolNew(name: string, unitId: string, usePlanId: string) {
  const citizenId = newId();
  ids[name] = citizenId;
  const p = await ta.call(staff, 'POST', '/api/persons', { name, citizenId });
  expect(p.statusCode, p.body).toBe(200);
  const res = await ta.call(staff, 'POST', '/api/roster/enrol', {
    personId: p.json().id,
    unitId,
    usePlanId,
    type: 'administrative',
    reason: '录用',
    date: '2025-03-01',
  });
  expect(res.statusCode, res.body).toBe(200);
  return p.json().id as string;
}

function multipart(name: string, content: Buffer) {
  const boundary = '----bianbanVerificationBoundary';
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

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('6月工资');
  for (const r of rows) ws.addRow(r);
  ws.mergeCells('A1:E1');
  wb.addWorksheet('说明').addRow(['姓名', '身份证号', '单位']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function finished(s: Session, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const j = (await ta.call(s, 'GET', `/api/jobs/${jobId}`)).json();
    if (j.state === 'succeeded' || j.state === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

async function verify(s: Session, fileId: string, asOf = AS_OF) {
  const res = await ta.call(s, 'POST', '/api/verifications', { fileId, asOf });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ kind: 'verification.payroll', state: 'queued' });
  return finished(s, res.json().id);
}

/** The report as { sheet name: rows below the header }, every cell as text. */
async function report(s: Session, jobId: string) {
  const res = await ta.call(s, 'GET', `/api/jobs/${jobId}/file`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  const sheets: Record<string, string[][]> = {};
  const headers: Record<string, string[]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(text(row.getCell(c).value));
      rows.push(cells);
    });
    headers[ws.name] = rows[0] ?? [];
    sheets[ws.name] = rows.slice(1);
  }
  return { names: wb.worksheets.map((w) => w.name), sheets, headers, raw: res.rawPayload };
}

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  await applyDecision(
    [
      { kind: 'createUnit', ref: 'a', parent: null, attributes: { name: AUDIT, kind: 'organ' } },
      { kind: 'quota', target: { unitRef: 'a' }, type: 'administrative', delta: 5 },
      { kind: 'createUnit', ref: 'b', parent: null, attributes: { name: STATS, kind: 'organ' } },
      { kind: 'quota', target: { unitRef: 'b' }, type: 'administrative', delta: 2 },
    ],
    '2025-01-01',
  );
  const roots = (await ta.call(staff, 'GET', '/api/units')).json().roots as { id: string; name: string }[];
  audit = roots.find((r) => r.name === AUDIT)!.id;
  stats = roots.find((r) => r.name === STATS)!.id;
  const planA = await approvedPlan(audit, 5);
  const planB = await approvedPlan(stats, 2);
  for (const name of ['张三', '李四', '王五', '周九']) await enrolNew(name, audit, planA);
  const retired = await enrolNew('钱八', audit, planA);
  for (const name of ['赵六', '孙七']) await enrolNew(name, stats, planB);
  const out = await ta.call(staff, 'POST', '/api/roster/disenrol', {
    personId: retired,
    reason: '退休',
    date: '2025-05-31',
  });
  expect(out.statusCode, out.body).toBe(200);
  // 核减 after the enrolments: 区统计局 now has 1 approved and 2 placed.
  await applyDecision([{ kind: 'quota', target: { unitId: stats }, type: 'administrative', delta: -1 }], '2025-04-01');
  ids['吴名'] = newId(); // paid, never registered
});
afterAll(() => ta.close());

describe('payroll verification', () => {
  it('reports row problems, 有人无编, 有编无人, 单位不符 and 超编单位 from an uploaded workbook', async () => {
    const bad = ids['张三']!.slice(0, 16) + ((Number(ids['张三']![16]) + 2) % 10) + ids['张三']![17];
    const fileId = await upload(
      staff,
      '2025年6月统发工资名单.xlsx',
      await xlsx([
        ['2025年6月统发工资名单'],
        ['序号', '姓名', '公民身份号码', '单位名称', '应发工资'],
        [1, '张三', ids['张三'], AUDIT, 5000],
        [2, '李四', ids['李四'], '区统计局(区普查中心)', 5000],
        [3, '赵六', ids['赵六'], ' 区统计局\u3000（区普查中心）', 5000],
        [4, '孙七', ids['孙七'], '区统计局(区普查中心)', 5000],
        [5, '钱八', ids['钱八'], AUDIT, 5000],
        [6, '=吴名', ids['吴名'], AUDIT, 5000],
        [7, '郑坏', bad, AUDIT, 5000],
        [8, '张三', ids['张三'], AUDIT, 5000],
        [9, '周久', ids['周九'], AUDIT, 5000],
        [],
        ['合计', '', '', '', 45000],
      ]),
    );
    const job = await verify(staff, fileId);
    expect(job.state, job.error).toBe('succeeded');
    expect(job.hasFile).toBe(true);
    expect(job.result).toEqual({
      asOf: AS_OF,
      fileName: '2025年6月统发工资名单.xlsx',
      sheetName: '6月工资',
      headerRow: 2,
      rows: 9,
      persons: 7,
      matched: 4,
      scope: '全区',
      counts: { rowProblems: 3, paidNotPlaced: 2, placedNotPaid: 1, unitMismatch: 1, overEstablishment: 1 },
    });

    const r = await report(staff, job.id);
    expect(r.names).toEqual(['汇总', '名单问题', '有人无编', '有编无人（在编未发薪）', '单位不符', '超编单位']);
    expect(r.sheets['名单问题']!.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['9', '郑坏', masked(bad)],
      ['10', '张三', masked(ids['张三']!)],
      ['11', '周久', masked(ids['周九']!)],
    ]);
    const reasons = r.sheets['名单问题']!.map((row) => row[4]);
    expect(reasons[0]).toMatch(/^身份证号无效：第18位校验码应为/);
    expect(reasons[1]).toBe('身份证号重复：第3行与第10行为同一号码，按第3行核查');
    expect(reasons[2]).toMatch(/姓名与在编人员“周九”（区审计局）不一致/);

    expect(r.sheets['有人无编']).toEqual([
      ['7', '钱八', masked(ids['钱八']!), AUDIT, '已于2025-05-31从“区审计局”下编（退休）'],
      // Text from the upload is neutralised: the name stays text, never a formula.
      ['8', "'=吴名", masked(ids['吴名']!), AUDIT, '未在实名制名册中登记'],
    ]);
    expect(r.sheets['有编无人（在编未发薪）']).toEqual([
      ['王五', masked(ids['王五']!), AUDIT, '行政编制', '2025-03-01'],
    ]);
    expect(r.headers['单位不符']).toEqual(['行号', '姓名', '身份证号', '名单单位', '在编单位', '编制类型']);
    expect(r.sheets['单位不符']).toEqual([
      ['4', '李四', masked(ids['李四']!), '区统计局(区普查中心)', AUDIT, '行政编制'],
    ]);
    expect(r.sheets['超编单位']).toEqual([[STATS, '行政编制', '1', '2', '1']]);
    // The same figure the figures endpoint gives.
    const fig = (await ta.call(staff, 'GET', `/api/figures?unitId=${stats}&asOf=${AS_OF}`)).json();
    expect(fig.establishment[0]).toMatchObject({ approved: 1, actual: 2, over: 1 });
    expect(r.sheets['汇总']!.find((row) => row[0] === '超编单位')?.[1]).toBe('1');

    // No full ID anywhere in the report.
    const all = JSON.stringify(r.sheets);
    for (const id of [...Object.values(ids), bad]) expect(all).not.toContain(id);
    const started = await ta.t.pool.query(`select after from audit_log where action = 'verification.payroll.start'`);
    expect(started.rows[0].after).toMatchObject({ fileId, asOf: AS_OF });
  });

  it('reads a UTF-8 CSV', async () => {
    const bad = '51040219850101001';
    const csv = [
      '姓名,身份证号,单位',
      `张三,${ids['张三']},${AUDIT}`,
      `"孙七","${ids['孙七']!.toLowerCase()}","${STATS}"`,
      `郑坏,${bad},${AUDIT}`,
      '',
    ].join('\r\n');
    const fileId = await upload(staff, '名单.csv', Buffer.from(`\uFEFF${csv}`, 'utf8'));
    const job = await verify(staff, fileId);
    expect(job.state, job.error).toBe('succeeded');
    expect(job.result).toMatchObject({
      sheetName: null,
      headerRow: 1,
      rows: 3,
      persons: 2,
      matched: 2,
      counts: { rowProblems: 1, paidNotPlaced: 0, placedNotPaid: 4, unitMismatch: 0, overEstablishment: 1 },
    });
    const r = await report(staff, job.id);
    expect(r.sheets['名单问题']!.map((row) => [row[0], row[4]])).toEqual([
      ['4', '身份证号无效：长度应为18位（实际17位）'],
    ]);
    expect(r.sheets['有编无人（在编未发薪）']!.map((row) => row[0]).sort()).toEqual(
      ['李四', '王五', '周九', '赵六'].sort(),
    );
  });

  it('fails the job with a clear message when the header row is missing', async () => {
    const fileId = await upload(staff, '无表头.csv', Buffer.from(`名字,号码\n张三,${ids['张三']}\n`));
    const job = await verify(staff, fileId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/未找到表头行/);
  });

  it("refuses another user's upload as not found, and a file that is not a list", async () => {
    const fileId = await upload(staff, '名单.csv', Buffer.from(`姓名,身份证号,单位\n张三,${ids['张三']},${AUDIT}\n`));
    const other = await ta.call(leader, 'POST', '/api/verifications', { fileId });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    const txt = await upload(staff, '说明.txt', Buffer.from('hello'));
    const wrong = await ta.call(staff, 'POST', '/api/verifications', { fileId: txt });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().message).toMatch(/只接受Excel工作簿/);
    const missing = await ta.call(staff, 'POST', '/api/verifications', {
      fileId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('a department reporter compares within its subtree only', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: audit }));
    const fileId = await upload(
      reporter,
      '本单位名单.csv',
      Buffer.from(`姓名,身份证号,单位\n张三,${ids['张三']},${AUDIT}\n赵六,${ids['赵六']},${STATS}\n`),
    );
    const job = await verify(reporter, fileId);
    expect(job.state, job.error).toBe('succeeded');
    expect(job.result).toMatchObject({
      scope: '区审计局及下属单位',
      matched: 1,
      counts: { rowProblems: 0, paidNotPlaced: 1, placedNotPaid: 3, unitMismatch: 0, overEstablishment: 0 },
    });
    const r = await report(reporter, job.id);
    expect(r.sheets['有编无人（在编未发薪）']!.map((row) => [row[0], row[2]])).toEqual([
      ['李四', AUDIT],
      ['王五', AUDIT],
      ['周九', AUDIT],
    ]);
    // 赵六 is placed outside the reporter's scope: neither the unit nor the placement is revealed.
    expect(r.sheets['有人无编']).toEqual([
      ['3', '赵六', masked(ids['赵六']!), STATS, '核查日在您的数据范围内无在编记录'],
    ]);
    expect(JSON.stringify(r.sheets)).not.toContain('孙七');
    // The report belongs to whoever started the job.
    expect((await ta.call(staff, 'GET', `/api/jobs/${job.id}/file`)).statusCode).toBe(404);
  });
});
