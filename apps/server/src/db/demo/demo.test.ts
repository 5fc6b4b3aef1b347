/**
 * The demo data on a fresh database: the published figures of the five seed offices come out of
 * the as-of figures, the county slice has the size the dashboard needs, every person is
 * synthetic, and two loads give the same data.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionItemSchema } from '@bianban/contracts';
import { figures as figuresService } from '../../modules/org/figures.service.js';
import { checkCitizenId } from '../../modules/roster/domain/citizen-id.js';
import { open } from '../../platform/crypto/sm.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import type { Db } from '../client.js';
import { HISTORICAL_NOTE, loadDemoData, type DemoResult } from './index.js';

let a: TestDb;
let b: TestDb;
let first: DemoResult;
let second: DemoResult;
const wall: number[] = [];

async function load(t: TestDb): Promise<DemoResult> {
  const started = performance.now();
  const r = await t.db.transaction((tx) => loadDemoData(tx, t.keys));
  wall.push(Math.round(performance.now() - started));
  return r;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  first = await load(a);
  second = await load(b);
  console.log(
    `demo load: ${first.persons} persons in ${first.regions.length} regions; ` +
      `loadDemoData ${first.ms} ms / ${second.ms} ms, with commit ${wall.join(' ms / ')} ms`,
  );
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

async function unitId(db: Db, regionCode: string, name: string): Promise<string> {
  const r = await db.execute<{ id: string }>(
    sql`select id from unit where region_code = ${regionCode} and name = ${name}`,
  );
  expect(r.rows, `${regionCode} ${name}`).toHaveLength(1);
  return r.rows[0]!.id;
}

type Fig = { approved: number; actual: number };
type Figures = Record<string, Fig> & { total: Fig };

/** The as-of figures of a subtree (or the whole region), as figures.service reads them. */
async function figures(
  db: Db,
  regionCode: string,
  root: string | null,
  date: string,
  subtree = true,
): Promise<Figures> {
  const asOf = (t: string) =>
    sql.raw(`${t}.valid_from <= '${date}'::date and (${t}.valid_to is null or ${t}.valid_to > '${date}'::date)`);
  const r = await db.execute<{ key: string; approved: number; actual: number }>(sql`
    with recursive nodes as (
      select v.unit_id, v.parent_id from unit_version v where v.region_code = ${regionCode} and ${asOf('v')}
    ), tree as (
      select unit_id from nodes where ${root === null ? sql`true` : sql`unit_id = ${root}`}
      union
      select n.unit_id from nodes n join tree t on n.parent_id = t.unit_id where ${subtree}
    )
    select q.type as key, sum(q.amount)::int as approved, 0 as actual
      from establishment_quota q join tree on tree.unit_id = q.unit_id where ${asOf('q')} group by q.type
    union all
    select p.type, 0, count(*)::int from placement p join tree on tree.unit_id = p.unit_id where ${asOf('p')} group by p.type
    union all
    select l.level, sum(l.amount)::int, 0 from leadership_post_quota l join tree on tree.unit_id = l.unit_id where ${asOf('l')} group by l.level
    union all
    select p.leadership_level, 0, count(*)::int from placement p join tree on tree.unit_id = p.unit_id
      where ${asOf('p')} and p.leadership_level is not null group by p.leadership_level`);
  const out: Record<string, Fig> = {};
  for (const row of r.rows) {
    const f = (out[row.key] ??= { approved: 0, actual: 0 });
    f.approved += row.approved;
    f.actual += row.actual;
  }
  const total = { approved: 0, actual: 0 };
  for (const [k, v] of Object.entries(out))
    if (k !== 'principal' && k !== 'deputy') {
      total.approved += v.approved;
      total.actual += v.actual;
    }
  return { ...out, total };
}

const pick = (f: Figures, k: string) => f[k] ?? { approved: 0, actual: 0 };

describe('demo data: the seed offices', () => {
  it('西区 2021: office 行政编制 4 / 3 with 主任 and 副主任, centre 参公 6 / 4', async () => {
    const office = await unitId(a.db, '510403', '中共攀枝花市西区区委机构编制委员会办公室');
    const centre = await unitId(a.db, '510403', '攀枝花市西区事业单位登记服务中心');
    const f = await figures(a.db, '510403', office, '2021-12-31');
    expect(pick(f, 'administrative')).toEqual({ approved: 4, actual: 3 });
    expect(pick(f, 'civilServantManaged')).toEqual({ approved: 6, actual: 4 });
    // The office itself: 主任 and 副主任 among the 3.
    const own = await figures(a.db, '510403', office, '2021-12-31', false);
    expect(own.total).toEqual({ approved: 4, actual: 3 });
    expect(pick(own, 'principal')).toEqual({ approved: 1, actual: 1 });
    expect(pick(own, 'deputy')).toEqual({ approved: 1, actual: 1 });
    const c = await figures(a.db, '510403', centre, '2021-12-31');
    expect(c.total).toEqual({ approved: 6, actual: 4 });
    // Before the move to 林业局 in June 2021 the office was full.
    expect(pick(await figures(a.db, '510403', office, '2020-12-31'), 'administrative')).toEqual({
      approved: 4,
      actual: 4,
    });
    const tree = await a.db.execute<{ name: string; kind: string; nameplates: string[]; parent: string }>(sql`
      select u.name, u.kind, u.nameplates, p.name as parent from unit u join unit p on p.id = u.parent_id
      where u.parent_id = ${office} order by u.name`);
    expect(tree.rows.map((r) => [r.name, r.kind, r.nameplates])).toEqual([
      ['机构编制管理股', 'internalOffice', ['督查调研股']],
      ['攀枝花市西区事业单位登记服务中心', 'publicInstitution', []],
      ['综合股', 'internalOffice', ['区事业单位登记管理局']],
    ]);
    const o = await a.db.execute<{ kind: string; rank: string; funding_form: string; parent: string }>(sql`
      select u.kind, u.rank, u.funding_form, p.name as parent from unit u join unit p on p.id = u.parent_id where u.id = ${office}`);
    expect(o.rows[0]).toEqual({ kind: 'organ', rank: '正科', funding_form: 'full', parent: '中共攀枝花市西区区委' });
    const cat = await a.db.execute<{ category: string }>(sql`select category from unit where id = ${centre}`);
    expect(cat.rows[0]!.category).toBe('civilServantManaged');
    // Its 主要职能 as report 002 publishes them, recorded with the unit's history (三定).
    const fn = await a.db.execute<{ functions_text: string }>(
      sql`select functions_text from unit_version where unit_id = ${office} and valid_to is null`,
    );
    expect(fn.rows[0]!.functions_text.split('\n')).toHaveLength(10);
    expect(fn.rows[0]!.functions_text).toMatch(
      /^1\.贯彻执行中央、省、市行政管理体制改革.*\n10\.承办区委、区政府和区委编委交办的其他工作。$/s,
    );
  });

  it('广元市 2020: 27 / 24 = 行政 15 / 14 + 事业 10 / 8 + 工勤 2 / 2', async () => {
    const office = await unitId(a.db, '510800', '中共广元市委机构编制委员会办公室');
    const f = await figures(a.db, '510800', office, '2020-12-31');
    expect(f.total).toEqual({ approved: 27, actual: 24 });
    expect(pick(f, 'administrative')).toEqual({ approved: 15, actual: 14 });
    expect(pick(f, 'worker')).toEqual({ approved: 2, actual: 2 });
    const inst = ['civilServantManaged', 'institutionalFull'].map((k) => pick(f, k));
    expect({
      approved: inst.reduce((x, y) => x + y.approved, 0),
      actual: inst.reduce((x, y) => x + y.actual, 0),
    }).toEqual({ approved: 10, actual: 8 });
    await unitId(a.db, '510800', '广元市事业单位登记服务中心');
    await unitId(a.db, '510800', '广元市机构编制信息中心');
  });

  it('万州区: 12 in post at the end of 2019, 11 at the end of 2020 (one 调出 in April 2020)', async () => {
    const office = await unitId(a.db, '500101', '中共重庆市万州区委机构编制委员会办公室');
    expect((await figures(a.db, '500101', office, '2019-12-31')).total.actual).toBe(12);
    expect((await figures(a.db, '500101', office, '2020-12-31')).total.actual).toBe(11);
    const left = await a.db.execute<{ valid_to: string; disenrol_reason: string }>(sql`
      select valid_to::text, disenrol_reason from placement where region_code = '500101' and valid_to is not null`);
    expect(left.rows).toEqual([{ valid_to: '2020-04-16', disenrol_reason: '调出' }]);
    const offices = await a.db.execute<{ name: string }>(
      sql`select name from unit where parent_id = ${office} and kind = 'internalOffice' order by name`,
    );
    expect(offices.rows.map((r) => r.name).sort()).toEqual(
      ['事业单位登记管理科', '事业机构编制科', '综合科', '行政机构编制科'].sort(),
    );
  });

  it('君山区: 行政编制 4 and 事业编制 2 (事登办); 7 in post at the end of 2018 (one over), 4 in 2020', async () => {
    const office = await unitId(a.db, '430611', '中共岳阳市君山区委机构编制委员会办公室');
    const f2018 = await figures(a.db, '430611', office, '2018-12-31');
    expect(pick(f2018, 'administrative')).toEqual({ approved: 4, actual: 5 });
    expect(pick(f2018, 'institutionalFull')).toEqual({ approved: 2, actual: 2 });
    expect((await figures(a.db, '430611', office, '2020-12-31')).total).toEqual({ approved: 6, actual: 4 });
  });

  it('合水县: 12 at the start of 2023, 13 at the end (6 行政 + 7 事业)', async () => {
    const office = await unitId(a.db, '621024', '中共合水县委机构编制委员会办公室');
    expect((await figures(a.db, '621024', office, '2023-01-01')).total.actual).toBe(12);
    const end = await figures(a.db, '621024', office, '2023-12-31');
    expect(end.total.actual).toBe(13);
    expect(pick(end, 'administrative').actual).toBe(6);
    expect(pick(end, 'institutionalFull').actual).toBe(7);
    await unitId(a.db, '621024', '合水县机构编制电子政务中心');
  });

  it('reads the same through the figures service', async () => {
    const scope = (regionCode: string) => ({ regionCode, rootUnitId: null, unitIds: null });
    const row = (f: Awaited<ReturnType<typeof figuresService>>, type: string) =>
      f.establishment.find((r) => r.type === type) ?? null;
    const xiqu = await figuresService(a.db, scope('510403'), {
      unitId: await unitId(a.db, '510403', '中共攀枝花市西区区委机构编制委员会办公室'),
      asOf: '2021-12-31',
    });
    expect(row(xiqu, 'administrative')).toMatchObject({ approved: 4, actual: 3, vacancy: 1, over: 0 });
    expect(row(xiqu, 'civilServantManaged')).toMatchObject({ approved: 6, actual: 4, vacancy: 2 });
    const gy = await figuresService(a.db, scope('510800'), {
      unitId: await unitId(a.db, '510800', '中共广元市委机构编制委员会办公室'),
      asOf: '2020-12-31',
    });
    expect(gy.total).toMatchObject({ approved: 27, actual: 24 });
    const wz = await figuresService(a.db, scope('500101'), { asOf: '2020-12-31', compareTo: '2019-12-31' });
    expect([wz.total.actual, wz.compare?.total.actual]).toEqual([11, 12]);
    const hs = await figuresService(a.db, scope('621024'), { asOf: '2023-12-31', compareTo: '2023-01-01' });
    expect([hs.total.actual, hs.compare?.total.actual]).toEqual([13, 12]);
  });

  it('creates the regions (level 2 for the city, 3 for county-level)', async () => {
    const r = await a.db.execute<{ region_code: string; level: number }>(
      sql`select region_code, level from region order by region_code`,
    );
    expect(r.rows).toEqual([
      { region_code: '430611', level: 3 },
      { region_code: '500101', level: 3 },
      { region_code: '510403', level: 3 },
      { region_code: '510800', level: 2 },
      { region_code: '621024', level: 3 },
    ]);
  });
});

describe('demo data: the county slice of 510403', () => {
  it('has about 300 units and 8,000 persons in post, the first demo units and the 2021 changes', async () => {
    const units = await a.db.execute<{ active: number; total: number }>(sql`
      select count(*) filter (where status = 'active')::int as active, count(*)::int as total
      from unit where region_code = '510403'`);
    const kinds = await a.db.execute<{ kind: string; n: number }>(sql`
      select kind, count(*)::int as n from unit where region_code = '510403' and status = 'active' group by 1 order by 1`);
    console.log(
      `510403: ${units.rows[0]!.active} active units (${units.rows[0]!.total} with those revoked in 2019):`,
      kinds.rows.map((r) => `${r.kind} ${r.n}`).join(', '),
    );
    expect(units.rows[0]!.active).toBeGreaterThanOrEqual(280);
    expect(units.rows[0]!.active).toBeLessThanOrEqual(330);
    const f = await figures(a.db, '510403', null, '2025-12-31');
    console.log('510403 on 2025-12-31:', JSON.stringify(f));
    expect(f.total.actual).toBeGreaterThanOrEqual(7600);
    expect(f.total.actual).toBeLessThanOrEqual(8400);
    const active = await a.db.execute<{ n: number }>(
      sql`select count(*)::int as n from placement where region_code = '510403' and valid_to is null`,
    );
    expect(active.rows[0]!.n).toBe(f.total.actual);
    for (const name of [
      '攀枝花市西区财政局',
      '攀枝花市西区应急管理局',
      '攀枝花市西区林业局',
      '攀枝花市西区农业农村和交通运输局',
      '攀枝花市西区公路建设养护中心',
      '攀枝花市西区红十字会',
      '格里坪镇',
      '中共攀枝花市西区区委',
      '攀枝花市西区人民政府',
    ])
      await unitId(a.db, '510403', name);
    expect(first.units.get('finance')).toBe(await unitId(a.db, '510403', '攀枝花市西区财政局'));
    const road = await unitId(a.db, '510403', '攀枝花市西区公路建设养护中心');
    expect(pick(await figures(a.db, '510403', road, '2021-12-31'), 'institutionalFull').approved).toBe(
      pick(await figures(a.db, '510403', road, '2020-12-31'), 'institutionalFull').approved + 2,
    );
    const agri = await a.db.execute<{ nameplates: string[] }>(
      sql`select nameplates from unit where name = '攀枝花市西区农业农村和交通运输局'`,
    );
    expect(agri.rows[0]!.nameplates).toEqual(['攀枝花市西区乡村振兴局']);
    // Synthetic units say so.
    const names = await a.db.execute<{ name: string }>(sql`select name from unit where region_code = '510403'`);
    const real = names.rows.filter((r) => !r.name.endsWith('（演示）')).map((r) => r.name);
    expect(real.length).toBeLessThanOrEqual(20);
  });

  it('has establishment by kind, leadership posts, controls at or above the totals and an organ cap', async () => {
    const kinds = await a.db.execute<{ kind: string; type: string }>(sql`
      select distinct u.kind, q.type from establishment_quota q join unit u on u.id = q.unit_id
      where q.region_code = '510403' and q.valid_to is null order by 1, 2`);
    const byKind = new Map<string, string[]>();
    for (const r of kinds.rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.type]);
    expect(byKind.get('organ')!.sort()).toEqual(['administrative', 'politicalLegal', 'worker']);
    expect(byKind.get('internalOffice')).toBeUndefined();
    expect(byKind.get('publicInstitution')!.sort()).toEqual([
      'civilServantManaged',
      'institutionalFull',
      'institutionalPartial',
      'institutionalSelfFunded',
    ]);
    const pl = await a.db.execute<{ name: string }>(sql`
      select distinct u.name from establishment_quota q join unit u on u.id = q.unit_id
      where q.type = 'politicalLegal' and q.valid_to is null and u.region_code = '510403' order by 1`);
    expect(pl.rows.map((r) => r.name).sort()).toEqual(
      ['区人民检察院（演示）', '区人民法院（演示）', '区公安分局（演示）', '区司法局（演示）'].sort(),
    );
    const f = await figures(a.db, '510403', null, '2025-12-31');
    expect(pick(f, 'principal').approved).toBeGreaterThan(100);
    expect(pick(f, 'principal').actual).toBeLessThanOrEqual(pick(f, 'principal').approved);
    // Nobody holds a leadership post that is not there.
    const overPosts = await a.db.execute<{ name: string }>(sql`
      with h as (select unit_id, leadership_level as level, count(*)::int as n from placement
                 where valid_to is null and leadership_level is not null group by 1, 2)
      select u.name from h join unit u on u.id = h.unit_id
      left join leadership_post_quota l on l.unit_id = h.unit_id and l.level = h.level and l.valid_to is null
      where h.n > coalesce(l.amount, 0)`);
    expect(overPosts.rows).toEqual([]);
    const controls = await a.db.execute<{ control: string; amount: number }>(sql`
      select control, amount from region_control where region_code = '510403' and valid_to is null`);
    const c = Object.fromEntries(controls.rows.map((r) => [r.control, r.amount]));
    for (const [type, v] of Object.entries(f)) {
      if (type === 'total' || type === 'principal' || type === 'deputy') continue;
      expect(c[type], type).toBeGreaterThanOrEqual(v.approved);
      expect(c[type]! - v.approved, type).toBeLessThanOrEqual(Math.max(12, v.approved * 0.05));
    }
    const organs = await a.db.execute<{ n: number }>(
      sql`select count(*)::int as n from unit where region_code = '510403' and kind = 'organ' and status = 'active'`,
    );
    expect(c.organCap).toBeGreaterThanOrEqual(organs.rows[0]!.n);
    expect(organs.rows[0]!.n).toBeGreaterThanOrEqual(38);
  });

  it('is mostly slightly under establishment, with a handful of units over', async () => {
    const r = await a.db.execute<{ name: string; approved: number; actual: number }>(sql`
      with q as (select unit_id, type, amount from establishment_quota where region_code = '510403' and valid_to is null),
      p as (select unit_id, type, count(*)::int as n from placement where region_code = '510403' and valid_to is null group by 1, 2)
      select u.name, coalesce(q.amount, 0) as approved, coalesce(p.n, 0) as actual
      from q full join p on p.unit_id = q.unit_id and p.type = q.type join unit u on u.id = coalesce(q.unit_id, p.unit_id)`);
    const over = r.rows.filter((x) => x.actual > x.approved);
    const under = r.rows.filter((x) => x.actual < x.approved);
    console.log('over establishment:', over.map((x) => `${x.name} ${x.actual}/${x.approved}`).join('，'));
    expect(over.length).toBeGreaterThanOrEqual(3);
    expect(over.length).toBeLessThanOrEqual(8);
    expect(under.length).toBeGreaterThan(r.rows.length * 0.6);
    // "Slightly": the region-wide vacancy is under 10%.
    const approved = r.rows.reduce((x, y) => x + y.approved, 0);
    const actual = r.rows.reduce((x, y) => x + y.actual, 0);
    expect(actual / approved).toBeGreaterThan(0.9);
  });

  it('spreads start dates over 2015–2025 and has 退休/调出 in 2024–2025', async () => {
    const years = await a.db.execute<{ y: number; n: number }>(sql`
      select extract(year from valid_from)::int as y, count(*)::int as n from placement
      where region_code = '510403' and enrol_reason <> '划转' group by 1 order by 1`);
    expect(years.rows.map((r) => r.y)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(Math.min(...years.rows.map((r) => r.n))).toBeGreaterThan(100);
    const left = await a.db.execute<{ reason: string; y: number; n: number }>(sql`
      select disenrol_reason as reason, extract(year from valid_to)::int as y, count(*)::int as n from placement
      where region_code = '510403' and valid_to is not null and disenrol_reason <> '划转' group by 1, 2 order by 1, 2`);
    const reasons = new Set(left.rows.filter((r) => r.y >= 2024).map((r) => r.reason));
    expect(reasons).toEqual(new Set(['退休', '调出']));
    expect(left.rows.filter((r) => r.y >= 2024).reduce((x, y) => x + y.n, 0)).toBeGreaterThan(100);
    // Monthly head counts rise: the dashboard's trend has something to show.
    const jan = async (d: string) => (await figures(a.db, '510403', null, d)).total.actual;
    expect(await jan('2016-01-01')).toBeLessThan(await jan('2020-01-01'));
    expect(await jan('2020-01-01')).toBeLessThan(await jan('2024-01-01'));
  });
});

describe('demo data: history, persons, determinism', () => {
  it('comes from applied decisions with 文号, and the 2019 reform moved persons by 划转', async () => {
    const d = await a.db.execute<{
      region_code: string;
      doc_number: string;
      state: string;
      approving_body: string;
      title: string;
    }>(sql`
      select region_code, doc_number, state, approving_body, title from establishment_decision order by region_code, effective_date, doc_number`);
    expect(d.rows.every((r) => r.state === 'applied')).toBe(true);
    const xiqu = d.rows.filter((r) => r.region_code === '510403');
    expect(xiqu.map((r) => r.doc_number)).toContain('西编委〔2015〕1号');
    expect(xiqu.map((r) => r.doc_number)).toContain('西编委〔2019〕1号');
    expect(xiqu.every((r) => r.approving_body === '中共攀枝花市西区区委机构编制委员会')).toBe(true);
    expect(xiqu.some((r) => r.title.includes('初始核定'))).toBe(true);
    for (const code of ['510800', '500101', '430611', '621024'])
      expect(d.rows.filter((r) => r.region_code === code).length, code).toBeGreaterThanOrEqual(1);
    // Every unit, quota, post and control row names its decision.
    const orphans = await a.db.execute<{ n: number }>(sql`
      select (select count(*) from unit_version where decision_id is null)
           + (select count(*) from establishment_quota where decision_id is null)
           + (select count(*) from leadership_post_quota where decision_id is null)
           + (select count(*) from region_control where decision_id is null) as n`);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
    const unversioned = await a.db.execute<{ n: number }>(sql`
      select count(*)::int as n from unit u where not exists (select 1 from unit_version v where v.unit_id = u.id)`);
    expect(unversioned.rows[0]!.n).toBe(0);
    // The items read back as the decisions service reads them.
    const items = await a.db.execute<{ payload: unknown }>(sql`select payload from decision_item`);
    for (const i of items.rows) DecisionItemSchema.parse(i.payload);
    const maxItems = await a.db.execute<{ n: number }>(
      sql`select max(n)::int as n from (select count(*) as n from decision_item group by decision_id) x`,
    );
    expect(maxItems.rows[0]!.n).toBeLessThanOrEqual(500);
    const moved = await a.db.execute<{ n: number }>(sql`
      select count(*)::int as n from placement where region_code = '510403' and enrol_reason = '划转' and valid_from = '2019-03-01'`);
    expect(moved.rows[0]!.n).toBeGreaterThan(10);
    const revoked = await a.db.execute<{ name: string }>(
      sql`select name from unit where region_code = '510403' and status = 'revoked' and kind = 'organ' order by name`,
    );
    expect(revoked.rows.map((r) => r.name).sort()).toEqual(
      ['区交通运输局（演示）', '区农牧局（演示）', '区文化广播影视局（演示）', '区旅游局（演示）'].sort(),
    );
  });

  it('has only synthetic persons with valid, unique, sealed citizen IDs', async () => {
    const p = await a.db.execute<{
      n: number;
      synthetic: number;
      idx: number;
      sealed: string;
      masked: string;
      sex: string;
      birth: string;
    }>(sql`
      select count(*)::int as n, count(*) filter (where synthetic)::int as synthetic,
             count(distinct citizen_id_index)::int as idx from person`);
    expect(p.rows[0]!.synthetic).toBe(p.rows[0]!.n);
    expect(p.rows[0]!.idx).toBe(p.rows[0]!.n);
    expect(p.rows[0]!.n).toBe(first.persons);
    const sample = await a.db.execute<{ sealed: string; masked: string; sex: string; birth: string }>(sql`
      select citizen_id_sealed as sealed, citizen_id_masked as masked, sex, birth_date::text as birth
      from person order by citizen_id_index limit 50`);
    for (const s of sample.rows) {
      const id = open(a.keys.data, s.sealed).toString();
      const c = checkCitizenId(id);
      expect(c.ok, id).toBe(true);
      if (!c.ok) continue;
      expect(c.birthDate).toBe(s.birth);
      expect(c.sex === 'male' ? '1' : '2').toBe(s.sex);
      expect(s.masked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    }
    const notes = await a.db.execute<{ note: string | null; n: number }>(sql`
      select exception_note as note, count(*)::int as n from placement where enrol_reason <> '划转' group by 1`);
    expect(notes.rows).toEqual([{ note: HISTORICAL_NOTE, n: expect.any(Number) }]);
    const reasons = await a.db.execute<{ r: string }>(sql`select distinct enrol_reason as r from placement`);
    for (const r of reasons.rows)
      expect(['录用', '招聘', '调入', '转任', '选调', '军转安置', '人才引进', '遴选', '其他', '划转']).toContain(r.r);
    // 一人一编 holds (the database enforces it; here: nobody is placed twice at once).
    const overlap = await a.db.execute<{ n: number }>(sql`
      select count(*)::int as n from placement x join placement y on x.person_id = y.person_id and x.id < y.id
      where x.valid_from < coalesce(y.valid_to, 'infinity') and y.valid_from < coalesce(x.valid_to, 'infinity')`);
    expect(overlap.rows[0]!.n).toBe(0);
  });

  it('loads the same data every time', async () => {
    const snapshot = async (t: TestDb) => {
      const units = await t.db.execute<{ region_code: string; name: string; kind: string; status: string }>(
        sql`select region_code, name, kind, status from unit order by 1, 2, 3, 4`,
      );
      const persons = await t.db.execute<{ region_code: string; name: string; birth: string; sex: string }>(
        sql`select region_code, name, birth_date::text as birth, sex from person order by 1, 2, 3, 4`,
      );
      const counts = await t.db.execute(sql`
        select (select count(*) from placement)::int as placements, (select count(*) from establishment_decision)::int as decisions,
               (select sum(amount) from establishment_quota where valid_to is null)::int as quota`);
      return { units: units.rows, persons: persons.rows, counts: counts.rows };
    };
    const [x, y] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(y.units).toEqual(x.units);
    expect(y.persons).toEqual(x.persons);
    expect(y.counts).toEqual(x.counts);
    expect(second.persons).toBe(first.persons);
  });
});

describe('demo performance evaluations (the seeds re-entered)', () => {
  const read = async (regionCode: string, office: string, year: number) => {
    const { evaluationsForUnits } = await import('../../modules/performance/evaluations.service.js');
    const id = await unitId(a.db, regionCode, office);
    const [e] = await evaluationsForUnits(a.db, { scope: { regionCode, rootUnitId: null, unitIds: null } }, [id], year);
    return e!;
  };

  it('every demo region has the four frameworks; only the structurally sound ones are published', async () => {
    // 000 and 004 print tables whose item points do not add up to their groups' points.
    const r = await a.db.execute<{ code: string; state: string; n: number }>(
      sql`select f.code, v.state, count(*)::int as n from framework_version v join framework f on f.id = v.framework_id group by 1, 2 order by 1`,
    );
    expect(r.rows).toEqual([
      { code: 'heshui-dept-2023', state: 'draft', n: first.regions.length },
      { code: 'project-10hao', state: 'published', n: first.regions.length },
      { code: 'wanzhou-dept-2020', state: 'draft', n: first.regions.length },
      { code: 'yueyang-dept-2020', state: 'published', n: first.regions.length },
    ]);
  });

  it('the seed tables printed with inconsistent points stay drafts that name the problem', async () => {
    const r = await a.db.execute<{ body: unknown }>(
      sql`select v.body from framework_version v join framework f on f.id = v.framework_id where f.code = 'wanzhou-dept-2020' limit 1`,
    );
    const { checkFramework } = await import('../../modules/performance/domain/framework.js');
    const { FrameworkBodySchema } = await import('@bianban/contracts');
    expect(checkFramework(FrameworkBodySchema.parse(r.rows[0]!.body)).map((p) => p.message)).toEqual([
      '“3.1 履职完成情况”分值51分，下级指标分值合计49分',
    ]);
  });

  it('君山 2020: metric-bound indicators are computed from the roster and budget, the rest re-entered', async () => {
    const e = await read('430611', '中共岳阳市君山区委机构编制委员会办公室', 2020);
    // 4 in post on 6 posts at the end of 2020 (the seed's header table).
    const control = e.indicators.find((i) => i.metricKey === 'staffControlRate')!;
    expect(control).toMatchObject({ score: '5', explanation: '在职人员控制率66.67%，未超过100%的标准，得5分' });
    // The balance of 9.05万元 exceeds the 3万元 carried in: the table's own rule gives 0, not the published 3.
    expect(e.indicators.find((i) => i.metricKey === 'balanceToCarryIn')?.score).toBe('0');
    const manualLeaves = e.indicators.filter((i) => i.ruleKind === 'manual');
    expect(manualLeaves.every((i) => i.entry !== null)).toBe(true);
  });

  it('西区 2021: a draft evaluation whose computed indicators read the published 2021 accounts', async () => {
    const e = await read('510403', '中共攀枝花市西区区委机构编制委员会办公室', 2021);
    expect(e.state).toBe('draft');
    expect(e.metrics.find((m) => m.key === 'staffControlRate')).toMatchObject({ display: '70.00' });
    expect(e.missing.length).toBeGreaterThan(0);
    expect(e.total).toBeNull();
  });
});
