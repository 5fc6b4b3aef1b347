import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTABLISHMENT_TYPES, ESTABLISHMENT_TYPE_LABELS, ENROL_REASONS } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar, syntheticCitizenId } from '../roster/domain/citizen-id.js';
import { readImportRows } from './imports.service.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let leaderId: string;
let seq = 1;

/** mulberry32: a small seeded generator, so that the generated IDs are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct valid IDs born 1960–1999 in 西区. */
function ids(count: number, seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < count)
    out.add(
      syntheticCitizenId(r, {
        regionCode: '510403',
        birthFrom: new Date('1960-01-01T00:00:00+08:00'),
        birthTo: new Date('1999-12-31T00:00:00+08:00'),
      }),
    );
  return [...out];
}

async function applyDecision(items: unknown[]) {
  const d = (
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2025〕${seq++}号`,
      docDate: '2025-01-01',
      effectiveDate: '2025-01-01',
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

function multipart(name: string, content: Buffer) {
  const boundary = '----bianbanImportBoundary';
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

async function finished(s: Session, jobId: string, maxMs = 20_000) {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const j = (await ta.call(s, 'GET', `/api/jobs/${jobId}`)).json();
    if (j.state === 'succeeded' || j.state === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

async function runImport(s: Session, fileId: string, mode: string, maxMs?: number) {
  const res = await ta.call(s, 'POST', '/api/imports/roster', { fileId, mode });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ kind: 'import.roster', state: 'queued' });
  const j = await finished(s, res.json().id, maxMs);
  expect(j.state, j.error).toBe('succeeded');
  return j.result;
}

const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
const HEADER = [
  '姓名',
  '公民身份号码',
  '单位',
  '编制类型',
  '上编时间',
  '上编方式',
  '民族',
  '政治面貌',
  '学历',
  '领导职务',
];
const count = async (q: string, p: unknown[] = []) => (await ta.t.pool.query(q, p)).rows[0].n as number;

const [PLACED, ...ID] = ids(20, 42);
const badCheck = (() => {
  const first17 = ID[1]!.slice(0, 17);
  const right = citizenIdCheckChar(first17);
  const wrong = right === '0' ? '1' : '0';
  return { id: first17 + wrong, right, wrong };
})();

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  const l = await ta.createUser('officeLeader');
  leaderId = l.id;
  leader = await ta.signIn(l);
  await applyDecision([
    { kind: 'createUnit', ref: 'a', parent: null, attributes: { name: '区导入局', kind: 'organ' } },
    { kind: 'quota', target: { unitRef: 'a' }, type: 'administrative', delta: 5 },
    { kind: 'posts', target: { unitRef: 'a' }, level: 'principal', delta: 1 },
    { kind: 'createUnit', ref: 'b', parent: null, attributes: { name: '区另一局', kind: 'organ' } },
    { kind: 'quota', target: { unitRef: 'b' }, type: 'administrative', delta: 2 },
    { kind: 'createUnit', ref: 'c', parent: null, attributes: { name: '区大局', kind: 'organ' } },
    { kind: 'quota', target: { unitRef: 'c' }, type: 'administrative', delta: 100_000 },
  ]);
  // Somebody already placed, by an earlier import.
  const f = await upload(
    leader,
    '已在编.csv',
    csv([HEADER, ['冯九', PLACED!, '区另一局', '行政编制', '2010-03-01', '调入']]),
  );
  const r = await runImport(leader, f, 'all');
  expect(r).toMatchObject({ applied: true, personsCreated: 1, placementsCreated: 1 });
});
afterAll(() => ta.close());

/** Row numbers as in the spreadsheet: the header is row 1. */
const SEEDED: string[][] = [
  HEADER, // 1
  ['李一', ID[0]!, '区导入局', '行政编制', '2015-09-01', '录用', '汉族', '中共党员', '21', '正职'], // 2 clean
  ['', ID[2]!, '区导入局', '行政编制', '2015-09-01', '录用', '', '', '', ''], // 3
  ['王二', badCheck.id, '区导入局', '行政编制', '2015-09-01', '录用', '', '', '', ''], // 4
  ['赵三', ID[3]!, '不存在局', '行政编制', '2015-09-01', '录用', '', '', '', ''], // 5
  ['钱四', ID[4]!, '区导入局', '事业编', '2015-09-01', '录用', '', '', '', ''], // 6
  ['孙五', ID[5]!, '区导入局', '行政编制', '2015-13-01', '录用', '', '', '', ''], // 7
  ['周六', ID[6]!, '区导入局', '行政编制', '2015-09-01', '考试', '', '', '', ''], // 8
  ['吴七', ID[7]!, '区导入局', '行政编制', '2015-09-01', '录用', '', '', '', ''], // 9 dup of 10
  ['郑八', ID[7]!, '区导入局', '行政编制', '2015-09-01', '录用', '', '', '', ''], // 10
  ['冯九', PLACED!, '区导入局', '行政编制', '2015-09-01', '调入', '', '', '', ''], // 11 placed elsewhere
  ['陈十', ID[8]!, '区导入局', 'administrative', '2015-09-01', '录用', '火星族', '', '', ''], // 12
  ['', '', '', '', '', '', '', '', '', ''], // 13 blank
  ['褚一', ID[9]!, '区导入局', '行政编制', '2015-09-01', '招聘', '01', '13', '', ''], // 14 clean
  ['卫二', ID[10]!, '区导入局', '行政编制', '2016-01-01', '选调', '', '', '', '正职'], // 15 over posts
  ['蒋三', ID[11]!, '区导入局', '行政编制', '2016/1/2', '录用', '', '', '', ''], // 16 clean
  ['沈四', ID[12]!, '区导入局', '行政编制', '20160103', '录用', '', '', '', '副职'], // 17 over posts (none)
  ['韩五', ID[13]!, '区导入局', '行政编制', '2016年1月4日', '录用', '', '', '', ''], // 18 clean
  ['杨六', ID[14]!, '区导入局', '行政编制', '2016-01-05', '录用', '', '', '', ''], // 19 clean (5th)
  ['朱七', ID[15]!, '区导入局', '行政编制', '2016-01-06', '录用', '', '', '', ''], // 20 over establishment
];

const TYPE_HINT = ESTABLISHMENT_TYPES.map((t) => ESTABLISHMENT_TYPE_LABELS[t]).join('、');
const EXPECTED = [
  { row: 3, column: '姓名', message: '未填写姓名' },
  {
    row: 4,
    column: '公民身份号码',
    message: `公民身份号码无效：第18位校验码应为${badCheck.right}，实际为${badCheck.wrong}`,
  },
  { row: 5, column: '单位', message: '单位“不存在局”不存在' },
  { row: 6, column: '编制类型', message: `编制类型“事业编”不正确，应为：${TYPE_HINT}` },
  { row: 7, column: '上编时间', message: '上编时间“2015-13-01”不是有效日期，应为YYYY-MM-DD格式' },
  { row: 8, column: '上编方式', message: `上编方式“考试”不正确，应为：${ENROL_REASONS.join('、')}` },
  { row: 9, column: '公民身份号码', message: '公民身份号码与第10行重复' },
  { row: 10, column: '公民身份号码', message: '公民身份号码与第9行重复' },
  { row: 11, column: '公民身份号码', message: '一人一编：冯九已在“区另一局”在编' },
  { row: 12, column: '民族', message: '民族“火星族”不在GB/T 3304代码表中（可填代码或名称）' },
  { row: 15, column: '领导职务', message: '超职数：“区导入局”正职领导职数核定1名、现任0名，只余1名，本行超出' },
  { row: 17, column: '领导职务', message: '超职数：“区导入局”副职领导职数核定0名、现任0名，只余0名，本行超出' },
  { row: 20, column: '编制类型', message: '超编：“区导入局”行政编制核定5名、已在编0名，只余5名空编，本行超出' },
];

describe('roster import', () => {
  it('serves an XLSX template with the columns, an example row and the allowed values', async () => {
    const res = await ta.call(staff, 'GET', '/api/imports/roster/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['实名制人员', '可选值', '填写说明']);
    const head = wb.worksheets[0]!.getRow(1).values as unknown[];
    expect(head.slice(1)).toEqual(HEADER.map((h, i) => (i < 6 ? `*${h}` : h)));
    expect(wb.worksheets[1]!.getRow(2).getCell(1).value).toBe('行政编制');
  });

  it('lists every seeded error by row and column, and writes nothing in mode all', async () => {
    const before = await count('select count(*)::int n from placement');
    const fileId = await upload(leader, '花名册.csv', csv(SEEDED));
    const r = await runImport(leader, fileId, 'all');
    expect(r.errors).toEqual(EXPECTED);
    expect(r).toMatchObject({
      mode: 'all',
      headerRow: 1,
      rows: 18,
      cleanRows: 5,
      errorRows: 13,
      errorCount: 13,
      applied: false,
      personsCreated: 0,
      placementsCreated: 0,
    });
    expect(await count('select count(*)::int n from placement')).toBe(before);
    expect(await count(`select count(*)::int n from audit_log where action = 'roster.import'`)).toBe(1);
  });

  it('lets office staff validate but not apply', async () => {
    const fileId = await upload(staff, '花名册.csv', csv(SEEDED));
    const r = await runImport(staff, fileId, 'validate');
    expect(r.errors).toEqual(EXPECTED);
    expect(r.applied).toBe(false);
    const denied = await ta.call(staff, 'POST', '/api/imports/roster', { fileId, mode: 'cleanRowsOnly' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/编办领导/);
  });

  it('reads the same file as XLSX, title rows above the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['西区实名制人员花名册']);
    for (const r of SEEDED) ws.addRow(r);
    const fileId = await upload(staff, '花名册.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await runImport(staff, fileId, 'validate');
    expect(r.headerRow).toBe(2);
    expect(r.errors).toEqual(
      EXPECTED.map((e) => ({
        ...e,
        row: e.row + 1,
        message: e.message.replace(/第(\d+)行/g, (_m, n) => `第${Number(n) + 1}行`),
      })),
    );
  });

  it('reports units outside the caller’s scope', async () => {
    const scoped = await ta.signIn(await ta.createUser('officeLeader', { scopeUnitId: ta.units.finance }));
    const fileId = await upload(scoped, '花名册.csv', csv(SEEDED.slice(0, 2)));
    const r = await runImport(scoped, fileId, 'validate');
    expect(r.errors).toEqual([{ row: 2, column: '单位', message: '单位“区导入局”不在您的数据范围内' }]);
  });

  it('writes only the clean rows in mode cleanRowsOnly, sealed and flagged, in one audited import', async () => {
    const fileId = await upload(leader, '花名册.csv', csv(SEEDED));
    const r = await runImport(leader, fileId, 'cleanRowsOnly');
    expect(r).toMatchObject({ applied: true, personsCreated: 5, placementsCreated: 5, cleanRows: 5, errorCount: 13 });
    const rows = (
      await ta.t.pool.query(
        `select p.name, p.citizen_id_masked, p.citizen_id_sealed, p.ethnicity, pl.type, pl.valid_from::text, pl.enrol_reason,
                pl.leadership_level, pl.exception_note, pl.exception_approved_by
           from placement pl join person p on p.id = pl.person_id join unit u on u.id = pl.unit_id
          where u.name = '区导入局' order by pl.valid_from, p.name`,
      )
    ).rows;
    expect(rows.map((x) => x.name).sort()).toEqual(['李一', '褚一', '蒋三', '韩五', '杨六'].sort());
    const li = rows.find((x) => x.name === '李一')!;
    expect(li).toMatchObject({
      ethnicity: '01',
      type: 'administrative',
      valid_from: '2015-09-01',
      enrol_reason: '录用',
      leadership_level: 'principal',
      exception_note: '批量导入（历史数据）',
      exception_approved_by: leaderId,
    });
    expect(li.citizen_id_sealed).not.toContain(ID[0]!.slice(6, 14));
    expect(li.citizen_id_masked).toBe(`${ID[0]!.slice(0, 4)}**********${ID[0]!.slice(-4)}`);
    expect(rows.map((x) => x.valid_from)).toContain('2016-01-02');
    const audit = (
      await ta.t.pool.query(`select after from audit_log where action = 'roster.import' order by seq desc limit 1`)
    ).rows[0];
    expect(audit.after).toMatchObject({
      mode: 'cleanRowsOnly',
      personsCreated: 5,
      placementsCreated: 5,
      rowsSkipped: 13,
    });
    // Imported persons are now placed: importing them again is 一人一编.
    const again = await runImport(leader, await upload(leader, '再导入.csv', csv(SEEDED.slice(0, 2))), 'all');
    expect(again.errors).toEqual([{ row: 2, column: '公民身份号码', message: '一人一编：李一已在“区导入局”在编' }]);
  });

  it('imports a 100,000-row roster CSV completely', { timeout: 600_000 }, async () => {
    const N = 100_000;
    const people = ids(N, 7);
    const lines = [HEADER.slice(0, 6).join(',')];
    for (let i = 0; i < N; i++) lines.push(`张${i},${people[i]},区大局,行政编制,2018-03-01,招聘`);
    const content = Buffer.from(`${lines.join('\n')}\n`);
    const fileId = await upload(leader, '十万人.csv', content);
    const started = Date.now();
    const r = await runImport(leader, fileId, 'all', 540_000);
    const ms = Date.now() - started;
    console.log(
      `100k-row roster import: ${(content.length / 1e6).toFixed(1)} MB csv, ${(ms / 1000).toFixed(1)} s end to end`,
    );
    expect(r).toMatchObject({
      rows: N,
      cleanRows: N,
      errorCount: 0,
      applied: true,
      personsCreated: N,
      placementsCreated: N,
    });
    expect(
      await count(
        `select count(*)::int n from placement pl join unit u on u.id = pl.unit_id where u.name = '区大局' and pl.valid_to is null`,
      ),
    ).toBe(N);
  });

  it('parses a 100,000-row XLSX within the parse worker’s limits', { timeout: 600_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(HEADER);
    const people = ids(100_000, 9);
    for (let i = 0; i < people.length; i++)
      ws.addRow([
        `张${i}`,
        people[i],
        '区大局',
        '行政编制',
        '2018-03-01',
        '招聘',
        '汉族',
        '中共党员',
        '大学本科毕业',
        '',
      ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const started = Date.now();
    const { rows } = await readImportRows({ name: '十万人.xlsx', kind: 'xlsx', content: buf });
    console.log(
      `100k-row xlsx (${(buf.length / 1e6).toFixed(1)} MB) parsed in the worker in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(rows.length).toBe(100_001);
    expect(rows[100_000]![1]).toBe(people[99_999]);
  });
});
