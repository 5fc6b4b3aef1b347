import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';

/**
 * A small history, built through the API:
 *   2025-01-01  区委编办 行政 3; 区财政局 行政 4 (+1 正职职数); 区财政评审所 set up under 区财政局
 *               with 事业（全额） 2
 *   2025-02-10  2 enrolled in 区委编办
 *   2025-03-05  4 enrolled in 区财政局 (one 正职); 2025-03-20 1 in 区财政评审中心
 *   2025-05-31  1 of 区财政局 retires; 2025-06-15 1 enrolled there
 *   2025-07-01  区财政局 行政 −2 (now 2 approved, 4 actual: over by 2)
 *   2025-08-01  区新设中心 set up under 区政府; 2025-09-01 区财政评审所 revoked, establishment and
 *               person 划转 to it
 */
let ta: TestApp;
let staff: Session;
let leader: Session;
let seq = 300;
let newCentre: string;
let subUnit: string;

function newId(): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104021985${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}1`;
  return body + citizenIdCheckChar(body);
}

async function applyDecision(items: unknown[], effectiveDate: string) {
  const d = await ta.call(staff, 'POST', '/api/decisions', {
    docNumber: `西编〔2025〕${seq++}号`,
    docDate: effectiveDate,
    effectiveDate,
    approvingBody: '区委编委',
    title: '调整',
    items,
  });
  expect(d.statusCode, d.body).toBe(200);
  const id = d.json().id as string;
  expect((await ta.call(staff, 'POST', `/api/decisions/${id}/submit`)).statusCode).toBe(200);
  expect((await ta.call(leader, 'POST', `/api/decisions/${id}/approve`)).statusCode).toBe(200);
  const res = await ta.call(staff, 'POST', `/api/decisions/${id}/apply`);
  expect(res.statusCode, res.body).toBe(200);
}

async function enrolMany(unitId: string, type: string, date: string, n: number, leaderFirst = false) {
  const p = await ta.call(staff, 'POST', '/api/use-plans', {
    unitId,
    type,
    count: n,
    channel: '公务员招录',
    year: 2025,
  });
  expect(p.statusCode, p.body).toBe(200);
  expect((await ta.call(leader, 'POST', `/api/use-plans/${p.json().id}/approve`)).statusCode).toBe(200);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await ta.call(staff, 'POST', '/api/persons', { name: `测试${seq}`, citizenId: newId() });
    expect(person.statusCode, person.body).toBe(200);
    const res = await ta.call(staff, 'POST', '/api/roster/enrol', {
      personId: person.json().id,
      unitId,
      type,
      reason: '录用',
      date,
      usePlanId: p.json().id,
      ...(leaderFirst && i === 0 ? { leadershipLevel: 'principal' } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    ids.push(person.json().id);
  }
  return ids;
}

/** A unit created by a decision, found by its name (straight from the database). */
async function findUnit(name: string): Promise<string> {
  const r = await ta.t.pool.query<{ id: string }>('select id from unit where name = $1', [name]);
  expect(r.rows, name).toHaveLength(1);
  return r.rows[0]!.id;
}

const get = (s: Session, query: string) => ta.call(s, 'GET', `/api/dashboard?${query}`);

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  const { office, finance, other: gov } = ta.units;
  await applyDecision(
    [
      { kind: 'quota', target: { unitId: office }, type: 'administrative', delta: 3 },
      { kind: 'quota', target: { unitId: finance }, type: 'administrative', delta: 4 },
      { kind: 'posts', target: { unitId: finance }, level: 'principal', delta: 1 },
      {
        kind: 'createUnit',
        ref: 's',
        parent: { unitId: finance },
        attributes: { name: '区财政评审所', kind: 'publicInstitution' },
      },
      { kind: 'quota', target: { unitRef: 's' }, type: 'institutionalFull', delta: 2 },
    ],
    '2025-01-01',
  );
  subUnit = await findUnit('区财政评审所');
  await enrolMany(office, 'administrative', '2025-02-10', 2);
  const fin = await enrolMany(finance, 'administrative', '2025-03-05', 4, true);
  await enrolMany(subUnit, 'institutionalFull', '2025-03-20', 1);
  const out = await ta.call(staff, 'POST', '/api/roster/disenrol', {
    personId: fin[3],
    reason: '退休',
    date: '2025-05-31',
  });
  expect(out.statusCode, out.body).toBe(200);
  await enrolMany(finance, 'administrative', '2025-06-15', 1);
  await applyDecision(
    [{ kind: 'quota', target: { unitId: finance }, type: 'administrative', delta: -2 }],
    '2025-07-01',
  );
  await applyDecision(
    [
      {
        kind: 'createUnit',
        ref: 'c',
        parent: { unitId: gov },
        attributes: { name: '区新设中心', kind: 'publicInstitution' },
      },
    ],
    '2025-08-01',
  );
  newCentre = await findUnit('区新设中心');
  await applyDecision(
    [{ kind: 'revoke', target: { unitId: subUnit }, reassignTo: { unitId: newCentre } }],
    '2025-09-01',
  );
});
afterAll(() => ta.close());

describe('GET /api/dashboard', () => {
  it('totals per type and in all, with vacancy and over per unit, as of a date', async () => {
    const res = await get(staff, 'asOf=2025-09-30&months=12');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.asOf).toBe('2025-09-30');
    expect(d.scopeName).toBe('全区');
    expect(d.totals).toEqual([
      { type: 'administrative', label: '行政编制', approved: 5, actual: 6, vacancy: 1, over: 2 },
      { type: 'institutionalFull', label: '事业编制（全额拨款）', approved: 2, actual: 1, vacancy: 1, over: 0 },
      { type: 'total', label: '合计', approved: 7, actual: 7, vacancy: 2, over: 2 },
    ]);
    expect(d.posts.find((p: { type: string }) => p.type === 'principal')).toMatchObject({ approved: 1, actual: 1 });
    // Before the cut: 区财政局 was not over, and 评审所 still held its own establishment.
    const before = (await get(staff, 'asOf=2025-06-30')).json();
    expect(before.totals.at(-1)).toEqual({
      type: 'total',
      label: '合计',
      approved: 9,
      actual: 7,
      vacancy: 2,
      over: 0,
    });
    expect(before.overUnits).toEqual([]);
  });

  it('vacancy rate by sector (the top-level systems), units over establishment', async () => {
    const d = (await get(staff, 'asOf=2025-09-30')).json();
    expect(d.sectorBy).toBe('unit');
    expect(d.bySector).toEqual([
      { key: ta.units.other, sector: '区政府', approved: 4, actual: 5, vacancy: 1, over: 2, vacancyRate: 0.25 },
      { key: ta.units.root, sector: '区委', approved: 3, actual: 2, vacancy: 1, over: 0, vacancyRate: 0.3333 },
    ]);
    expect(d.overUnits).toEqual([
      {
        unitId: ta.units.finance,
        name: '区财政局',
        type: 'administrative',
        label: '行政编制',
        approved: 2,
        actual: 4,
        over: 2,
      },
    ]);
  });

  it('monthly enrol / disenrol trend, 划转 excluded', async () => {
    const d = (await get(staff, 'asOf=2025-09-30&months=12')).json();
    expect(d.trend).toHaveLength(12);
    expect(d.trend[0]).toEqual({ month: '2024-10', enrolled: 0, disenrolled: 0 });
    const nonZero = d.trend.filter((t: { enrolled: number; disenrolled: number }) => t.enrolled || t.disenrolled);
    expect(nonZero).toEqual([
      { month: '2025-02', enrolled: 2, disenrolled: 0 },
      { month: '2025-03', enrolled: 5, disenrolled: 0 },
      { month: '2025-05', enrolled: 0, disenrolled: 1 },
      { month: '2025-06', enrolled: 1, disenrolled: 0 },
    ]);
    expect(d.trend.at(-1)).toEqual({ month: '2025-09', enrolled: 0, disenrolled: 0 });
    const short = (await get(staff, 'asOf=2025-03-10&months=2')).json();
    // Up to asOf only: the 2025-03-20 enrolment is after it.
    expect(short.trend).toEqual([
      { month: '2025-02', enrolled: 2, disenrolled: 0 },
      { month: '2025-03', enrolled: 4, disenrolled: 0 },
    ]);
  });

  it('a department reporter sees only its subtree, as it stood on each date', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    const d = (await get(reporter, 'asOf=2025-09-30&months=12')).json();
    expect(d.scopeName).toBe('区财政局');
    expect(d.totals).toEqual([
      { type: 'administrative', label: '行政编制', approved: 2, actual: 4, vacancy: 0, over: 2 },
      { type: 'total', label: '合计', approved: 2, actual: 4, vacancy: 0, over: 2 },
    ]);
    expect(d.bySector).toEqual([
      {
        key: ta.units.finance,
        sector: '区财政局（本级）',
        approved: 2,
        actual: 4,
        vacancy: 0,
        over: 2,
        vacancyRate: 0,
      },
    ]);
    expect(d.overUnits.map((u: { name: string }) => u.name)).toEqual(['区财政局']);
    // 评审所 was in the subtree in March (its enrolment counts); 区委编办 never was.
    expect(d.trend.filter((t: { enrolled: number; disenrolled: number }) => t.enrolled || t.disenrolled)).toEqual([
      { month: '2025-03', enrolled: 5, disenrolled: 0 },
      { month: '2025-05', enrolled: 0, disenrolled: 1 },
      { month: '2025-06', enrolled: 1, disenrolled: 0 },
    ]);
    const august = (await get(reporter, 'asOf=2025-08-31')).json();
    expect(august.bySector).toEqual([
      {
        key: ta.units.finance,
        sector: '区财政局（本级）',
        approved: 2,
        actual: 4,
        vacancy: 0,
        over: 2,
        vacancyRate: 0,
      },
      { key: subUnit, sector: '区财政评审所', approved: 2, actual: 1, vacancy: 1, over: 0, vacancyRate: 0.5 },
    ]);
  });

  it('validates the query and needs unit.read', async () => {
    expect((await get(staff, 'asOf=2025-13-01')).statusCode).toBe(400);
    expect((await get(staff, 'months=0')).statusCode).toBe(400);
    const d = (await get(staff, '')).json();
    expect(d.trend).toHaveLength(12);
    expect((await ta.call(null, 'GET', '/api/dashboard')).statusCode).toBe(401);
    const admin = await ta.signIn(await ta.createUser('sysAdmin'));
    expect((await get(admin, '')).statusCode).toBe(403);
  });
});
