/**
 * 统一社会信用代码 endpoints on the real database: the list check, the region's ranges, and 赋码
 * for organs and mass organizations — each refusal (no range, already coded, revoked, wrong kind,
 * range exhausted), skipping bodies in use, concurrency (parallel requests get distinct codes; one
 * unit never gets two), permissions, scope and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { unit } from '../../db/schema.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { assembleUscc, checkUscc } from './domain/uscc.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let reporter: Session;

const SAMPLE = '91350100M000100Y43';

async function mkUnit(name: string, kind: string, parentId: string | null = null): Promise<string> {
  return (
    await ta.t.db.insert(unit).values({ regionCode: REGION, name, kind, parentId }).returning({ id: unit.id })
  )[0]!.id;
}

const setRange = (s: Session, prefix: string, first: string, last: string) =>
  ta.call(s, 'PUT', `/api/codes/ranges/${prefix}`, { first, last });
const assign = (s: Session, unitId: string) => ta.call(s, 'POST', '/api/codes/assignments', { unitId });

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
}, 120_000);
afterAll(() => ta?.close());

describe('POST /api/codes/uscc/check', () => {
  it('gives each code its verdict, reason, normalisation notes and explanation', async () => {
    const res = await ta.call(staff, 'POST', '/api/codes/uscc/check', {
      codes: [SAMPLE, ' 91350100m000100y43', '91350100M000100Y44', 'M000100Y4', ''],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ valid: 2, invalid: 3 });
    expect(body.items[0]).toMatchObject({ input: SAMPLE, valid: true, reason: null, notes: [] });
    expect(body.items[0].explanation[0]).toBe('第1位“9”：登记管理部门——工商（市场监管）');
    expect(body.items[1]).toMatchObject({ code: SAMPLE, valid: true, notes: ['空格已去除', '小写字母已转为大写'] });
    expect(body.items[2]).toMatchObject({ valid: false, reason: '第18位校验码应为3，实际为4' });
    expect(body.items[3].reason).toBe('长度应为18位（实际9位）；9位是组织机构代码，请填写18位统一社会信用代码');
    expect(body.items[4].reason).toBe('未填写统一社会信用代码');
  });

  it('refuses an empty list and more than 1000 codes, naming the limit', async () => {
    const empty = await ta.call(staff, 'POST', '/api/codes/uscc/check', { codes: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请至少提供一个代码');
    const many = await ta.call(staff, 'POST', '/api/codes/uscc/check', { codes: Array(1001).fill(SAMPLE) });
    expect(many.statusCode).toBe(400);
    expect(many.body).toContain('一次最多校验1000个代码');
    const ok = await ta.call(staff, 'POST', '/api/codes/uscc/check', { codes: Array(1000).fill(SAMPLE) });
    expect(ok.json()).toMatchObject({ valid: 1000, invalid: 0 });
  });

  it('needs registration.read', async () => {
    const res = await ta.call(reporter, 'POST', '/api/codes/uscc/check', { codes: [SAMPLE] });
    expect(res.statusCode).toBe(403);
  });
});

describe('ranges', () => {
  it('are entered by the office leader, not by staff, and checked', async () => {
    expect((await setRange(staff, '11', 'MB100001', 'MB1000YY')).statusCode).toBe(403);
    const bad = await setRange(leader, '11', 'MB100009', 'MB100001');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('号段起始“MB100009”大于终止“MB100001”');
    const letterO = await setRange(leader, '11', 'MB1O0001', 'MB100009');
    expect(letterO.statusCode).toBe(400);
    expect(letterO.body).toContain('号段起始应为8位，只用数字和除I、O、Z、S、V外的大写字母');
    const prefix = await setRange(leader, '15', 'MB100001', 'MB100009');
    expect(prefix.statusCode).toBe(400);
    expect(prefix.body).toContain('代码前缀应为 11、12、13、19 之一');
  });
});

describe('赋码', () => {
  it('refuses while the region has no range for the prefix', async () => {
    const res = await assign(staff, ta.units.finance);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('本地区尚未设置机关（前缀11）的组织机构代码号段，不能赋码；请先录入上级分配的号段');
  });

  it('issues the next code of the range to an organ: register row, act, audit, explanation', async () => {
    const r = await setRange(leader, '11', 'MB100001', 'MB1000YY');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([
      {
        prefix: '11',
        label: '机关',
        first: 'MB100001',
        last: 'MB1000YY',
        issued: null,
        issuedCount: 0,
        next: 'MB100001',
      },
    ]);

    const res = await assign(staff, ta.units.finance);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    const expected = assembleUscc('11', REGION, 'MB100001');
    expect(a).toMatchObject({ unitId: ta.units.finance, unitName: '区财政局', kind: 'organ', uscc: expected });
    expect(checkUscc(a.uscc)).toMatchObject({ ok: true, type: { name: '机关' }, regionCode: REGION });
    expect(a.explanation[1]).toBe('第2位“1”：机构类别——机关');
    expect(a.explanation.at(-1)).toBe('校验通过：代码结构有效（不代表该主体已登记或仍然存续）');

    const lp = await ta.t.pool.query(`select kind, uscc, status, name from legal_person where unit_id = $1`, [
      ta.units.finance,
    ]);
    expect(lp.rows).toEqual([{ kind: 'organ', uscc: expected, status: 'active', name: '区财政局' }]);
    const act = await ta.t.pool.query(`select kind, state, particulars from registration_act where unit_id = $1`, [
      ta.units.finance,
    ]);
    expect(act.rows).toEqual([
      {
        kind: 'assignCode',
        state: 'approved',
        particulars: { uscc: expected, prefix: '11', body: 'MB100001', skipped: [] },
      },
    ]);
    const audit = await ta.t.pool.query(
      `select action, object_id from audit_log where action in ('codeRange.issue', 'registration.assignCode', 'codeRange.set') order by seq`,
    );
    expect(audit.rows).toEqual([
      { action: 'codeRange.set', object_id: `${REGION}:11` },
      { action: 'codeRange.issue', object_id: `${REGION}:11` },
      { action: 'registration.assignCode', object_id: ta.units.finance },
    ]);

    const status = (await ta.call(staff, 'GET', `/api/codes/assignments/${ta.units.finance}`)).json();
    expect(status).toMatchObject({ canAssign: false, prefix: '11', unitUscc: null, assignment: { uscc: expected } });
    expect(status.refusal).toMatch(
      new RegExp(`^“区财政局”已于\\d{4}-\\d{2}-\\d{2}经赋码取得统一社会信用代码${expected}，不能重复赋码$`),
    );

    const ranges = (await ta.call(staff, 'GET', '/api/codes/ranges')).json();
    expect(ranges.items[0]).toMatchObject({ issued: 'MB100001', issuedCount: 1, next: 'MB100002' });
  });

  it('refuses a second code for the same unit', async () => {
    const res = await assign(staff, ta.units.finance);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^“区财政局”已于.*取得统一社会信用代码11.*，不能重复赋码$/);
  });

  it('refuses a unit whose attributes already carry a code, a revoked unit, and units that are not organs or mass organizations', async () => {
    const coded = await mkUnit('区审计局', 'organ', ta.units.other);
    const code = assembleUscc('11', REGION, '00000001');
    await ta.t.db.update(unit).set({ uscc: code }).where(eq(unit.id, coded));
    expect((await assign(staff, coded)).json().message).toBe(
      `“区审计局”已有统一社会信用代码${code}（见单位属性），不能重复赋码`,
    );

    const revoked = await mkUnit('区粮食局', 'organ', ta.units.other);
    await ta.t.db.update(unit).set({ status: 'revoked' }).where(eq(unit.id, revoked));
    const r = await assign(staff, revoked);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('“区粮食局”已撤销，不能赋码');

    expect((await assign(staff, ta.units.section)).json().message).toBe('内设机构不是独立的机关或群团，不单独赋码');
    expect((await assign(staff, ta.units.financeSub)).json().message).toBe(
      '事业单位的统一社会信用代码在事业单位法人设立登记时赋予，不走机关群团赋码流程',
    );
    const status = (await ta.call(staff, 'GET', `/api/codes/assignments/${ta.units.financeSub}`)).json();
    expect(status).toMatchObject({ canAssign: false, prefix: null, assignment: null });
  });

  it('gives a mass organization a 13 code, skips bodies already in use, and refuses once the range is used up', async () => {
    expect((await setRange(leader, '13', 'MB300001', 'MB300003')).statusCode).toBe(200);
    // Some unit already carries the organization code MB300001 (say, from an import): it is skipped.
    const holder = await mkUnit('区科协', 'massOrganization', null);
    await ta.t.db
      .update(unit)
      .set({ uscc: assembleUscc('13', REGION, 'MB300001') })
      .where(eq(unit.id, holder));

    const youth = await mkUnit('共青团区委', 'massOrganization', null);
    const women = await mkUnit('区妇联', 'massOrganization', null);
    const union = await mkUnit('区总工会', 'massOrganization', null);
    const a1 = (await assign(staff, youth)).json();
    expect(a1).toMatchObject({ kind: 'massOrganization', uscc: assembleUscc('13', REGION, 'MB300002') });
    expect(a1.explanation[1]).toBe('第2位“3”：机构类别——中央编办直接管理机构编制的群众团体');
    const act = await ta.t.pool.query(`select particulars from registration_act where unit_id = $1`, [youth]);
    expect(act.rows[0].particulars.skipped).toEqual(['MB300001']);
    expect((await assign(staff, women)).json().uscc).toBe(assembleUscc('13', REGION, 'MB300003'));

    const r = await assign(staff, union);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('群团组织（前缀13）号段 MB300001–MB300003 已用完（已赋码2个），请向上级申请新的号段');
    // Nothing was written for the refused request.
    const none = await ta.t.pool.query(`select count(*)::int as n from legal_person where unit_id = $1`, [union]);
    expect(none.rows[0].n).toBe(0);

    // A new range from the upper authority: issuing starts at its first body.
    const next = await setRange(leader, '13', 'MB310001', 'MB3100YY');
    expect(next.json().items.find((i: { prefix: string }) => i.prefix === '13')).toMatchObject({
      issued: null,
      issuedCount: 0,
      next: 'MB310001',
    });
    expect((await assign(staff, union)).json().uscc).toBe(assembleUscc('13', REGION, 'MB310001'));
  });

  it('parallel requests for different units get distinct consecutive codes', async () => {
    const ids = await Promise.all(
      ['区发改局', '区教育局', '区民政局', '区司法局', '区人社局', '区住建局'].map((n) =>
        mkUnit(n, 'organ', ta.units.other),
      ),
    );
    const results = await Promise.all(ids.map((id) => assign(staff, id)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const codes = results.map((r) => r.json().uscc as string);
    expect(new Set(codes).size).toBe(6);
    const bodies = codes.map((c) => c.slice(8, 16)).sort();
    expect(bodies).toEqual(['MB100002', 'MB100003', 'MB100004', 'MB100005', 'MB100006', 'MB100007']);
    const range = await ta.t.pool.query(`select issued, issued_count from code_range where prefix = '11'`);
    expect(range.rows).toEqual([{ issued: 'MB100007', issued_count: 7 }]);
  });

  it('parallel requests for the same unit: exactly one code', async () => {
    const id = await mkUnit('区退役军人事务局', 'organ', ta.units.other);
    const results = await Promise.all([assign(staff, id), assign(staff, id), assign(staff, id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const n = await ta.t.pool.query(`select count(*)::int as n from legal_person where unit_id = $1`, [id]);
    expect(n.rows[0].n).toBe(1);
    const range = await ta.t.pool.query(`select issued_count from code_range where prefix = '11'`);
    expect(range.rows[0].issued_count).toBe(8);
  });

  it('townships are organs', async () => {
    const id = await mkUnit('格里坪镇', 'township', null);
    expect((await assign(staff, id)).json()).toMatchObject({
      kind: 'organ',
      uscc: assembleUscc('11', REGION, 'MB100009'),
    });
  });

  it('extending a range keeps counting from the last issued body', async () => {
    const r = await setRange(leader, '11', 'MB100001', 'MB10YYYY');
    expect(r.json().items.find((i: { prefix: string }) => i.prefix === '11')).toMatchObject({
      first: 'MB100001',
      last: 'MB10YYYY',
      issued: 'MB100009',
      issuedCount: 9,
      next: 'MB10000A',
    });
  });

  it('permissions and scope', async () => {
    const id = await mkUnit('区统计局', 'organ', ta.units.other);
    expect((await assign(leader, id)).statusCode).toBe(403); // the leader approves ranges, staff issue codes
    expect((await assign(reporter, id)).statusCode).toBe(403);
    const scoped = await ta.signIn(await ta.createUser('officeStaff', { scopeUnitId: ta.units.office }));
    const out = await assign(scoped, id);
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('OUT_OF_SCOPE');
    const missing = await assign(staff, '00000000-0000-4000-8000-000000000000');
    expect([403, 404]).toContain(missing.statusCode);
    const count = await ta.t.db.execute(sql`select count(*)::int as n from legal_person where unit_id = ${id}`);
    expect(count.rows[0]).toEqual({ n: 0 });
  });
});
