import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let reporter: Session;
let bureau: string;
let centre: string;
let planA: { id: string; noticeNumber: string };
let planC: { id: string; noticeNumber: string };
const ids: Record<string, string> = {};
let seq = 300;

/** A valid, distinct citizen ID for a person born in 1990 in 西区 (510403). */
function newId(): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104031990${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}1`;
  return body + citizenIdCheckChar(body);
}
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

async function approvedPlan(unitId: string, type: string, count: number, channel: string) {
  const p = await ok(await ta.call(staff, 'POST', '/api/use-plans', { unitId, type, count, channel, year: 2025 }));
  return (await ok(await ta.call(leader, 'POST', `/api/use-plans/${p.id}/approve`))) as {
    id: string;
    noticeNumber: string;
  };
}

async function person(name: string, extra: Record<string, string> = {}) {
  ids[name] = newId();
  return (await ok(await ta.call(staff, 'POST', '/api/persons', { name, citizenId: ids[name], ...extra })))
    .id as string;
}

/** Starts a ledger job, waits for it, downloads and opens the workbook. */
async function ledger(s: Session, url: string, body: object) {
  const started = await ok(await ta.call(s, 'POST', url, body));
  expect(started.state).toBe('queued');
  await ta.call(s, 'GET', `/api/jobs/${started.id}/events`);
  const job = await ok(await ta.call(s, 'GET', `/api/jobs/${started.id}`));
  expect(job.state, String(job.error)).toBe('succeeded');
  const file = await ta.call(s, 'GET', `/api/jobs/${started.id}/file`);
  expect(file.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  return { job, wb, name: decodeURIComponent(String(file.headers['content-disposition']).split("''")[1] ?? '') };
}

type Cell = string | number | null;

/** A sheet as title + rows keyed by header (`group/header` under a two-row header). */
function table(ws: ExcelJS.Worksheet) {
  const value = (c: ExcelJS.Cell): Cell => {
    const v = c.value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return v as string | number;
  };
  const width = ws.getRow(2).cellCount;
  const twoRows = value(ws.getRow(3).getCell(1)) === value(ws.getRow(2).getCell(1));
  const headers: string[] = [];
  for (let c = 1; c <= width; c++) {
    const top = String(value(ws.getRow(2).getCell(c)));
    const sub = twoRows ? String(value(ws.getRow(3).getCell(c))) : top;
    headers.push(sub === top ? top : `${top}/${sub}`);
  }
  const rows: Record<string, Cell>[] = [];
  let notes = '';
  for (let r = twoRows ? 4 : 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (String(value(row.getCell(1))).startsWith('数据范围')) {
      notes += String(value(row.getCell(1)) ?? '');
      continue;
    }
    rows.push(Object.fromEntries(headers.map((h, i) => [h, value(row.getCell(i + 1))])));
  }
  return { title: value(ws.getCell('A1')), headers, rows, notes, headerRows: twoRows ? 2 : 1 };
}

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));

  // History: a decision on 2025-01-01 creates a bureau (5 行政编制, posts 1+2) and a centre under
  // 区财政局 (3 事业编制（全额拨款）); plans; three enrolments in March; one retirement on 30 June.
  const d = await ok(
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: '西编〔2025〕1号',
      docDate: '2024-12-20',
      effectiveDate: '2025-01-01',
      approvingBody: '区委编委',
      title: '关于设立区测试局等机构的批复',
      items: [
        { kind: 'createUnit', ref: 'a', parent: null, attributes: { name: '区测试局', kind: 'organ', rank: '正科' } },
        { kind: 'quota', target: { unitRef: 'a' }, type: 'administrative', delta: 5 },
        { kind: 'posts', target: { unitRef: 'a' }, level: 'principal', delta: 1 },
        { kind: 'posts', target: { unitRef: 'a' }, level: 'deputy', delta: 2 },
        { kind: 'nameplate', target: { unitRef: 'a' }, name: '区测试办公室', action: 'add' },
        {
          kind: 'createUnit',
          ref: 'c',
          parent: { unitId: ta.units.finance },
          attributes: {
            name: '区财政事务中心',
            kind: 'publicInstitution',
            category: 'publicWelfare1',
            fundingForm: 'full',
            rank: '股级',
          },
        },
        { kind: 'quota', target: { unitRef: 'c' }, type: 'institutionalFull', delta: 3 },
      ],
    }),
  );
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`));
  await ok(await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`));
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`));
  const tree = (await ok(await ta.call(staff, 'GET', '/api/units'))) as {
    roots: {
      id: string;
      name: string;
      children: { id: string; name: string; children: { id: string; name: string }[] }[];
    }[];
  };
  bureau = tree.roots.find((r) => r.name === '区测试局')!.id;
  centre = tree.roots
    .flatMap((r) => r.children)
    .flatMap((c) => c.children)
    .find((c) => c.name === '区财政事务中心')!.id;

  planA = await approvedPlan(bureau, 'administrative', 2, '公务员招录');
  planC = await approvedPlan(centre, 'institutionalFull', 1, '事业单位招聘');
  const zhang = await person('张三', { ethnicity: '01', politicalStatus: '01', education: '21' });
  const li = await person('李四');
  const wang = await person('王五', { ethnicity: '07' });
  const enrol = async (body: object) =>
    ok(await ta.call(staff, 'POST', '/api/roster/enrol', { type: 'administrative', reason: '录用', ...body }));
  await enrol({
    personId: zhang,
    unitId: bureau,
    usePlanId: planA.id,
    date: '2025-03-01',
    post: '局长',
    leadershipLevel: 'principal',
  });
  await enrol({ personId: li, unitId: bureau, usePlanId: planA.id, date: '2025-03-10' });
  await enrol({
    personId: wang,
    unitId: centre,
    usePlanId: planC.id,
    type: 'institutionalFull',
    reason: '招聘',
    date: '2025-03-15',
  });
  await ok(await ta.call(staff, 'POST', '/api/roster/disenrol', { personId: li, reason: '退休', date: '2025-06-30' }));
});
afterAll(() => ta.close());

describe('单位及编制台账', () => {
  it('lists every unit of the region in tree order with approved, actual, vacancy and posts as of the date', async () => {
    const { wb, job, name } = await ledger(staff, '/api/ledgers/units', { asOf: '2025-12-31' });
    expect(job.kind).toBe('ledger.units');
    expect(name).toBe('单位及编制台账-20251231.xlsx');
    const ws = wb.getWorksheet('单位及编制台账')!;
    const t = table(ws);
    expect(t.title).toBe('攀枝花市西区 单位及编制台账（截至2025年12月31日）');
    // Only the types in use get columns; leadership posts at the end.
    expect(t.headers).toEqual([
      '序号',
      '单位名称',
      '上级单位',
      '机构类别',
      '规格',
      '经费形式',
      '加挂牌子',
      ...['编制合计', '行政编制', '事业编制（全额拨款）'].flatMap((g) =>
        ['核定', '实有', '空编', '超编'].map((h) => `${g}/${h}`),
      ),
      '领导职数/正职核定',
      '领导职数/正职实有',
      '领导职数/副职核定',
      '领导职数/副职实有',
    ]);
    expect(t.rows.map((r) => r['单位名称'])).toEqual([
      '区测试局',
      '区委',
      '区委编办',
      '综合股',
      '区政府',
      '区财政局',
      '区财政评审中心',
      '区财政事务中心',
      '合计',
    ]);
    const row = (n: string) => t.rows.find((r) => r['单位名称'] === n)!;
    expect(row('区测试局')).toMatchObject({
      序号: 1,
      上级单位: null,
      机构类别: '党政机关',
      规格: '正科',
      加挂牌子: '区测试办公室',
      '编制合计/核定': 5,
      '行政编制/核定': 5,
      '行政编制/实有': 1,
      '行政编制/空编': 4,
      '行政编制/超编': 0,
      '事业编制（全额拨款）/核定': 0,
      '领导职数/正职核定': 1,
      '领导职数/正职实有': 1,
      '领导职数/副职核定': 2,
      '领导职数/副职实有': 0,
    });
    expect(row('区财政事务中心')).toMatchObject({
      上级单位: '区财政局',
      机构类别: '事业单位（公益一类）',
      规格: '股级',
      经费形式: '全额拨款',
      '事业编制（全额拨款）/核定': 3,
      '事业编制（全额拨款）/实有': 1,
      '事业编制（全额拨款）/空编': 2,
      '事业编制（全额拨款）/超编': 0,
      '行政编制/核定': 0,
    });
    expect(row('合计')).toMatchObject({
      序号: null,
      '编制合计/核定': 8,
      '编制合计/实有': 2,
      '编制合计/空编': 6,
      '编制合计/超编': 0,
      '行政编制/实有': 1,
      '领导职数/副职核定': 2,
    });
    expect(t.notes).toMatch(/^数据范围：全区；制表时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Presentation: numbers as numbers, bold frozen headers, indented subtree, widths.
    expect(typeof row('区测试局')['行政编制/核定']).toBe('number');
    expect(ws.getRow(2).getCell(2).font?.bold).toBe(true);
    expect(ws.getRow(3).getCell(9).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 });
    expect(ws.getColumn(2).width).toBe(32);
    const unitRow = (n: string) => t.rows.findIndex((r) => r['单位名称'] === n) + 4;
    expect(ws.getRow(unitRow('综合股')).getCell(2).alignment?.indent).toBe(2);
  });

  it('reads the figures as they stood on an earlier date, for one unit', async () => {
    const t = table(
      (await ledger(staff, '/api/ledgers/units', { asOf: '2025-03-31', unitId: bureau })).wb.getWorksheet(1)!,
    );
    expect(t.title).toBe('攀枝花市西区 区测试局 单位及编制台账（截至2025年3月31日）');
    expect(t.rows.map((r) => [r['单位名称'], r['行政编制/核定'], r['行政编制/实有'], r['行政编制/空编']])).toEqual([
      ['区测试局', 5, 2, 3],
      ['合计', 5, 2, 3],
    ]);
    // Before the decision: the bureau did not exist.
    const before = table((await ledger(staff, '/api/ledgers/units', { asOf: '2024-12-31' })).wb.getWorksheet(1)!);
    expect(before.rows.map((r) => r['单位名称'])).not.toContain('区测试局');
    expect(before.rows.find((r) => r['单位名称'] === '合计')).toMatchObject({ '编制合计/核定': 0 });
  });
});

describe('花名册', () => {
  it('lists the persons on the establishment with masked IDs for a reader without roster.revealId', async () => {
    const { wb, job } = await ledger(staff, '/api/ledgers/roster', { asOf: '2025-05-01' });
    const t = table(wb.getWorksheet('花名册')!);
    expect(t.title).toBe('攀枝花市西区 花名册（截至2025年5月1日）');
    expect(t.headerRows).toBe(1);
    expect(t.rows.map((r) => r['姓名'])).toEqual(['张三', '李四', '王五']);
    const zhang = ids['张三']!;
    expect(t.rows[0]).toEqual({
      序号: 1,
      姓名: '张三',
      性别: '男',
      出生日期: `1990-${zhang.slice(10, 12)}-${zhang.slice(12, 14)}`,
      公民身份号码: masked(zhang),
      民族: '汉族',
      政治面貌: '中共党员',
      学历: '大学本科毕业',
      单位: '区测试局',
      编制类型: '行政编制',
      职务: '局长',
      领导职务: '正职',
      上编时间: '2025-03-01',
      上编方式: '录用',
      用编计划通知单号: planA.noticeNumber,
    });
    expect(t.rows[2]).toMatchObject({
      姓名: '王五',
      公民身份号码: masked(ids['王五']!),
      民族: '彝族',
      政治面貌: null,
      单位: '区财政事务中心',
      编制类型: '事业编制（全额拨款）',
      上编方式: '招聘',
      用编计划通知单号: planC.noticeNumber,
    });
    expect(t.notes).toContain('已脱敏');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'ledger.roster.start' and object_id = $1`,
      [job.id],
    );
    expect(audit.rows[0].after).toEqual({ asOf: '2025-05-01', revealIds: false });
  });

  it('shows IDs in clear to the office leader, and audits the start as revealing them', async () => {
    const { wb, job } = await ledger(leader, '/api/ledgers/roster', { asOf: '2025-05-01' });
    const t = table(wb.getWorksheet('花名册')!);
    expect(t.rows.map((r) => r['公民身份号码'])).toEqual([ids['张三'], ids['李四'], ids['王五']]);
    expect(t.notes).toContain('导出已留痕');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'ledger.roster.start' and object_id = $1`,
      [job.id],
    );
    expect(audit.rows[0].after).toEqual({ asOf: '2025-05-01', revealIds: true });
    const download = await ta.t.pool.query(
      `select count(*)::int n from audit_log where action = 'export.download' and after->>'job' = 'ledger.roster'`,
    );
    expect(download.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('after the retirement, 李四 is off the roster', async () => {
    const t = table((await ledger(staff, '/api/ledgers/roster', { asOf: '2025-12-31' })).wb.getWorksheet(1)!);
    expect(t.rows.map((r) => r['姓名'])).toEqual(['张三', '王五']);
  });
});

describe('月报', () => {
  it('counts the month’s enrolments by reason and type, with the month-end figures', async () => {
    const { wb, name } = await ledger(staff, '/api/ledgers/monthly', { year: 2025, month: 3 });
    expect(name).toBe('编制月报-202503.xlsx');
    const s = table(wb.getWorksheet('汇总')!);
    expect(s.title).toBe('攀枝花市西区 机构编制月报（2025年3月）');
    expect(s.rows.map((r) => r['编制类型'])).toEqual([
      '行政编制',
      '政法专项编制',
      '参公事业编制',
      '事业编制（全额拨款）',
      '事业编制（差额拨款）',
      '事业编制（自收自支）',
      '工勤编制',
      '合计',
    ]);
    const row = (n: string) => s.rows.find((r) => r['编制类型'] === n)!;
    expect(row('行政编制')).toMatchObject({
      上月末实有: 0,
      '本月上编/小计': 2,
      '本月上编/录用': 2,
      '本月上编/招聘': 0,
      '本月下编/小计': 0,
      '本月末/核定': 5,
      '本月末/实有': 2,
      '本月末/空编': 3,
      '本月末/超编': 0,
    });
    expect(row('事业编制（全额拨款）')).toMatchObject({
      '本月上编/小计': 1,
      '本月上编/招聘': 1,
      '本月末/核定': 3,
      '本月末/实有': 1,
      '本月末/空编': 2,
    });
    expect(row('合计')).toMatchObject({ 上月末实有: 0, '本月上编/小计': 3, '本月下编/小计': 0, '本月末/实有': 3 });
    const d = table(wb.getWorksheet('明细')!);
    expect(d.rows.map((r) => [r['变动'], r['日期'], r['姓名'], r['单位'], r['原因']])).toEqual([
      ['上编', '2025-03-01', '张三', '区测试局', '录用'],
      ['上编', '2025-03-10', '李四', '区测试局', '录用'],
      ['上编', '2025-03-15', '王五', '区财政事务中心', '招聘'],
    ]);
    expect(d.rows[0]).toMatchObject({ 公民身份号码: masked(ids['张三']!), 用编计划通知单号: planA.noticeNumber });
  });

  it('counts the month’s disenrolment (a retirement on 30 June) and the month-end vacancy', async () => {
    const { wb } = await ledger(staff, '/api/ledgers/monthly', { year: 2025, month: 6 });
    const s = table(wb.getWorksheet('汇总')!);
    expect(s.title).toBe('攀枝花市西区 机构编制月报（2025年6月）');
    expect(s.rows.find((r) => r['编制类型'] === '行政编制')).toMatchObject({
      上月末实有: 2,
      '本月上编/小计': 0,
      '本月下编/小计': 1,
      '本月下编/退休': 1,
      '本月下编/调出': 0,
      '本月末/核定': 5,
      '本月末/实有': 1,
      '本月末/空编': 4,
    });
    expect(s.rows.find((r) => r['编制类型'] === '合计')).toMatchObject({
      上月末实有: 3,
      '本月下编/小计': 1,
      '本月末/实有': 2,
      '本月末/空编': 6,
    });
    const d = table(wb.getWorksheet('明细')!);
    expect(d.rows).toEqual([
      {
        序号: 1,
        变动: '下编',
        日期: '2025-06-30',
        姓名: '李四',
        公民身份号码: masked(ids['李四']!),
        单位: '区测试局',
        编制类型: '行政编制',
        原因: '退休',
        领导职务: null,
        用编计划通知单号: null,
      },
    ]);
  });

  it('refuses an impossible month', async () => {
    const res = await ta.call(staff, 'POST', '/api/ledgers/monthly', { year: 2025, month: 13 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('data scope', () => {
  it('a department reporter’s ledgers contain only its subtree', async () => {
    const units = table((await ledger(reporter, '/api/ledgers/units', { asOf: '2025-12-31' })).wb.getWorksheet(1)!);
    expect(units.title).toBe('攀枝花市西区 区财政局 单位及编制台账（截至2025年12月31日）');
    expect(units.rows.map((r) => r['单位名称'])).toEqual(['区财政局', '区财政评审中心', '区财政事务中心', '合计']);
    expect(units.rows.at(-1)).toMatchObject({ '编制合计/核定': 3, '编制合计/实有': 1, '编制合计/空编': 2 });
    expect(units.headers).not.toContain('行政编制/核定');
    expect(units.notes).toContain('区财政局及所属单位');

    const roster = await ledger(reporter, '/api/ledgers/roster', { asOf: '2025-05-01' });
    const r = table(roster.wb.getWorksheet(1)!);
    expect(r.rows.map((x) => [x['姓名'], x['公民身份号码']])).toEqual([['王五', masked(ids['王五']!)]]);

    const monthly = await ledger(reporter, '/api/ledgers/monthly', { year: 2025, month: 3 });
    const m = table(monthly.wb.getWorksheet('汇总')!);
    expect(m.rows.at(-1)).toMatchObject({ '本月上编/小计': 1, '本月末/核定': 3, '本月末/实有': 1 });
    expect(table(monthly.wb.getWorksheet('明细')!).rows.map((x) => x['姓名'])).toEqual(['王五']);
    const june = table((await ledger(reporter, '/api/ledgers/monthly', { year: 2025, month: 6 })).wb.getWorksheet(1)!);
    expect(june.rows.at(-1)).toMatchObject({ '本月下编/小计': 0, 上月末实有: 1 });
  });

  it('refuses a unit outside the scope before starting any job', async () => {
    for (const url of ['/api/ledgers/units', '/api/ledgers/roster']) {
      const res = await ta.call(reporter, 'POST', url, { unitId: bureau });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    const jobs = await ta.t.pool.query(
      `select count(*)::int n from job where created_by = $1 and params->>'unitId' = $2`,
      [reporter.info.user.id, bureau],
    );
    expect(jobs.rows[0].n).toBe(0);
  });

  it('needs the permission: an auditor may not export ledgers', async () => {
    const auditor = await ta.signIn(await ta.createUser('auditAdmin'));
    expect((await ta.call(auditor, 'POST', '/api/ledgers/units', {})).statusCode).toBe(403);
    expect((await ta.call(auditor, 'POST', '/api/ledgers/roster', {})).statusCode).toBe(403);
  });
});
