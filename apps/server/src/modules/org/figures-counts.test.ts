/**
 * The roll-up reads open-placement counts kept by triggers (migration 0007) and corrects them by the
 * placements changed after the date. These tests compare it, for many dates and subtrees, with the
 * exact computation straight from the effective-dated rows (the tree walked as of the date, every
 * placement and quota in force counted per unit) — after enrolments, disenrolments, transfers,
 * decisions (划转 of a revoked unit, a move), a roster import, future-dated changes, and direct
 * SQL updates and deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresResponse } from '@bianban/contracts';
import type { z } from 'zod';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import type { DataScope } from '../../platform/auth/scope.js';
import { importRosterFile } from '../imports/imports.service.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';
import { figures, todayInChina } from './figures.service.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let editor: Session;
let seq = 300;
const units: Record<string, string> = {};
const scope: DataScope = { regionCode: REGION, rootUnitId: null, unitIds: null };

function newId(): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104021988${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}1`;
  return body + citizenIdCheckChar(body);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

async function applyDecision(items: unknown[], effectiveDate: string) {
  const d = await ok(
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2024〕${seq++}号`,
      docDate: effectiveDate,
      effectiveDate,
      approvingBody: '区委编委',
      title: '机构编制事项',
      items,
    }),
  );
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id as string}/submit`));
  await ok(await ta.call(leader, 'POST', `/api/decisions/${d.id as string}/approve`));
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id as string}/apply`));
}

async function person(name: string): Promise<string> {
  return (await ok(await ta.call(staff, 'POST', '/api/persons', { name, citizenId: newId() }))).id as string;
}

const enrol = async (personId: string, unit: string, date: string, extra: Record<string, unknown> = {}) =>
  ok(
    await ta.call(editor, 'POST', '/api/roster/enrol', {
      personId,
      unitId: units[unit],
      type: 'administrative',
      reason: '录用',
      date,
      exceptionNote: '例外核准：测试',
      ...extra,
    }),
  );

type Fig = z.infer<typeof FiguresResponse>;
type Totals = Pick<Fig, 'establishment' | 'posts' | 'total'>;

/**
 * The exact computation, straight from the rows: the subtree as of the date (every unit_version
 * in force, walked from the root), then per unit approved and actual per type and level.
 */
async function exact(root: string | null, date: string): Promise<Totals> {
  const rows = (
    await ta.t.pool.query<{ kind: string; unit: string; key: string; approved: number; actual: number }>(
      `with recursive nodes as (
         select v.unit_id, v.parent_id from unit_version v
           where v.region_code = $1 and v.valid_from <= $3::date and (v.valid_to is null or v.valid_to > $3::date)
         union all
         select u.id, u.parent_id from unit u
           where u.region_code = $1 and not exists (select 1 from unit_version v where v.unit_id = u.id)
       ), tree as (
         select unit_id from nodes where $2::uuid is null or unit_id = $2::uuid
         union
         select n.unit_id from nodes n join tree t on n.parent_id = t.unit_id
       ), inforce as (
         select * from placement p where p.valid_from <= $3::date and (p.valid_to is null or p.valid_to > $3::date)
       )
       select 'type' kind, q.unit_id::text unit, q.type key, q.amount approved, 0 actual from establishment_quota q
         join tree using (unit_id) where q.valid_from <= $3::date and (q.valid_to is null or q.valid_to > $3::date)
       union all
       select 'type', p.unit_id::text, p.type, 0, 1 from inforce p join tree using (unit_id)
       union all
       select 'level', l.unit_id::text, l.level, l.amount, 0 from leadership_post_quota l
         join tree using (unit_id) where l.valid_from <= $3::date and (l.valid_to is null or l.valid_to > $3::date)
       union all
       select 'level', p.unit_id::text, p.leadership_level, 0, 1 from inforce p join tree using (unit_id)
         where p.leadership_level is not null`,
      [REGION, root, date],
    )
  ).rows;
  const per = new Map<string, { kind: string; key: string; approved: number; actual: number }>();
  for (const r of rows) {
    const k = `${r.kind}|${r.unit}|${r.key}`;
    const u = per.get(k) ?? { kind: r.kind, key: r.key, approved: 0, actual: 0 };
    u.approved += r.approved;
    u.actual += r.actual;
    per.set(k, u);
  }
  const sum = (kind: string, key: string) => {
    const us = [...per.values()].filter((u) => u.kind === kind && u.key === key);
    return {
      approved: us.reduce((a, u) => a + u.approved, 0),
      actual: us.reduce((a, u) => a + u.actual, 0),
      vacancy: us.reduce((a, u) => a + Math.max(0, u.approved - u.actual), 0),
      over: us.reduce((a, u) => a + Math.max(0, u.actual - u.approved), 0),
    };
  };
  const types = [...new Set([...per.values()].filter((u) => u.kind === 'type').map((u) => u.key))];
  const establishment = types
    .map((t) => ({ type: t, ...sum('type', t) }))
    .filter((r) => r.approved || r.actual)
    .sort((a, b) => a.type.localeCompare(b.type));
  return {
    establishment: establishment as Fig['establishment'],
    posts: ['principal', 'deputy'].map((l) => ({ type: l, ...sum('level', l) })) as Fig['posts'],
    total: {
      type: 'total',
      label: '合计',
      approved: establishment.reduce((a, r) => a + r.approved, 0),
      actual: establishment.reduce((a, r) => a + r.actual, 0),
      vacancy: establishment.reduce((a, r) => a + r.vacancy, 0),
      over: establishment.reduce((a, r) => a + r.over, 0),
    },
  };
}

const strip = (f: Totals) => ({
  establishment: f.establishment
    .map(({ type, approved, actual, vacancy, over }) => ({ type, approved, actual, vacancy, over }))
    .sort((a, b) => a.type.localeCompare(b.type)),
  posts: f.posts.map(({ type, approved, actual, vacancy, over }) => ({ type, approved, actual, vacancy, over })),
  total: f.total,
});

/** The kept counts equal the open placements, counted afresh. */
async function countsMatchPlacements() {
  const q = async (text: string) => (await ta.t.pool.query<{ k: string; n: number }>(text)).rows;
  const kept = await q(
    `select unit_id || '|' || type || '|' || leadership_level k, n from derived.open_placement_count where n <> 0 order by 1`,
  );
  const fresh = await q(
    `select unit_id || '|' || type || '|' || coalesce(leadership_level, '') k, count(*)::int n from placement
       where valid_to is null group by 1 order by 1`,
  );
  expect(kept).toEqual(fresh);
}

let today: string;
/** Every root × every date: the fast roll-up equals the exact computation. */
async function allAgree(extraDates: string[] = []) {
  await countsMatchPlacements();
  const dates = [
    '2023-12-31',
    '2024-01-01',
    '2024-02-15',
    '2024-03-01',
    '2024-06-01',
    '2024-06-15',
    '2024-09-01',
    '2024-10-01',
    '2025-01-01',
    today,
    addDays(today, 15),
    addDays(today, 40),
    ...extraDates,
  ];
  const roots: (string | null)[] = [null, ...Object.values(units)];
  let checked = 0;
  for (const date of dates)
    for (const root of roots) {
      const fast = await figures(ta.t.db, scope, { unitId: root ?? undefined, asOf: date });
      expect(strip(fast), `${root ?? '全区'} as of ${date}`).toEqual(strip(await exact(root, date)));
      checked++;
    }
  return checked;
}

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  // An office leader who may also edit the roster: records enrolments outside a use plan.
  const both = await ta.createUser('officeLeader');
  await ta.t.pool.query(`insert into user_role (user_id, role, region_code) values ($1, 'officeStaff', $2)`, [
    both.id,
    REGION,
  ]);
  editor = await ta.signIn(both);
  today = todayInChina();
  await applyDecision(
    [
      { kind: 'createUnit', ref: 'p', parent: null, attributes: { name: '区统计委', kind: 'organ' } },
      { kind: 'createUnit', ref: 'a', parent: { unitRef: 'p' }, attributes: { name: '区统计甲局', kind: 'organ' } },
      { kind: 'createUnit', ref: 'b', parent: { unitRef: 'p' }, attributes: { name: '区统计乙局', kind: 'organ' } },
      {
        kind: 'createUnit',
        ref: 'a1',
        parent: { unitRef: 'a' },
        attributes: { name: '区统计甲中心', kind: 'publicInstitution', fundingForm: 'full' },
      },
      { kind: 'quota', target: { unitRef: 'a' }, type: 'administrative', delta: 12 },
      { kind: 'quota', target: { unitRef: 'b' }, type: 'administrative', delta: 3 },
      { kind: 'quota', target: { unitRef: 'a1' }, type: 'administrative', delta: 2 },
      { kind: 'posts', target: { unitRef: 'a' }, level: 'principal', delta: 1 },
      { kind: 'posts', target: { unitRef: 'a' }, level: 'deputy', delta: 2 },
    ],
    '2024-01-01',
  );
  const tree = (await ta.call(staff, 'GET', '/api/units')).json() as {
    roots: { id: string; name: string; children?: unknown[] }[];
  };
  const byName = new Map<string, string>();
  const walk = (ns: { id: string; name: string; children?: unknown[] }[]) => {
    for (const n of ns) {
      byName.set(n.name, n.id);
      walk((n.children ?? []) as typeof ns);
    }
  };
  walk(tree.roots);
  units.p = byName.get('区统计委')!;
  units.a = byName.get('区统计甲局')!;
  units.b = byName.get('区统计乙局')!;
  units.a1 = byName.get('区统计甲中心')!;
});
afterAll(() => ta.close());

describe('roll-up from kept counts', () => {
  const people: Record<string, string> = {};

  it('equals the exact computation after enrolments, a transfer and a disenrolment, for past dates too', async () => {
    for (const n of ['一', '二', '三', '四', '五']) people[n] = await person(`统计${n}`);
    await enrol(people['一']!, 'a', '2024-02-01', { leadershipLevel: 'principal' });
    await enrol(people['二']!, 'a', '2024-03-01', { leadershipLevel: 'deputy' });
    await enrol(people['三']!, 'b', '2024-03-01');
    await enrol(people['四']!, 'a1', '2024-03-01');
    await enrol(people['五']!, 'b', '2024-03-01');
    await ok(
      await ta.call(editor, 'POST', '/api/roster/transfer', {
        personId: people['三'],
        unitId: units.a,
        type: 'administrative',
        date: '2024-06-01',
        exceptionNote: '例外核准：测试',
      }),
    );
    await ok(
      await ta.call(staff, 'POST', '/api/roster/disenrol', {
        personId: people['四'],
        reason: '退休',
        date: '2024-06-15',
      }),
    );
    const whole = await figures(ta.t.db, scope, { asOf: '2024-06-15' });
    expect(whole.total).toMatchObject({ approved: 17, actual: 4 });
    expect(await allAgree()).toBeGreaterThan(50);
  });

  it('equals it after a decision that revokes a unit (划转 of its persons) and moves another', async () => {
    await applyDecision(
      [
        { kind: 'revoke', target: { unitId: units.b }, reassignTo: { unitId: units.a } },
        { kind: 'move', target: { unitId: units.a1 }, parent: { unitId: units.p } },
      ],
      '2024-09-01',
    );
    // Before the decision 乙局 held one person; after it 甲局 holds everyone, and 甲中心 is no longer under 甲局.
    expect((await figures(ta.t.db, scope, { unitId: units.b, asOf: '2024-08-31' })).total.actual).toBe(1);
    expect((await figures(ta.t.db, scope, { unitId: units.a, asOf: '2024-09-01' })).total.actual).toBe(4);
    await allAgree(['2024-08-31']);
  });

  it('equals it after a roster import', async () => {
    const ids = [newId(), newId(), newId()];
    const csv = [
      '姓名,公民身份号码,单位编号,编制类型,上编时间,上编方式',
      ...ids.map((id, i) => `导入${i},${id},${units.a},行政编制,2024-10-01,招聘`),
    ];
    const r = await importRosterFile({ db: ta.t.db, keys: ta.t.keys }, REGION, {
      fileName: '导入.csv',
      content: Buffer.from(csv.join('\n') + '\n'),
      mode: 'all',
    });
    expect(r).toMatchObject({ applied: true, personsCreated: 3, placementsCreated: 3 });
    expect((await figures(ta.t.db, scope, { unitId: units.a, asOf: '2024-10-01' })).total.actual).toBe(7);
    expect((await figures(ta.t.db, scope, { unitId: units.a, asOf: '2024-09-30' })).total.actual).toBe(4);
    await allAgree(['2024-09-30']);
  });

  it('equals it with changes dated in the future (a later enrolment, a later disenrolment)', async () => {
    const six = await person('统计六');
    await enrol(six, 'a1', addDays(today, 10));
    await ok(
      await ta.call(staff, 'POST', '/api/roster/disenrol', {
        personId: people['一'],
        reason: '退休',
        date: addDays(today, 20),
      }),
    );
    const a = (date: string) => figures(ta.t.db, scope, { unitId: units.a1, asOf: date });
    expect((await a(today)).total.actual).toBe(0);
    expect((await a(addDays(today, 10))).total.actual).toBe(1);
    expect((await figures(ta.t.db, scope, { unitId: units.a, asOf: addDays(today, 19) })).posts[0]).toMatchObject({
      type: 'principal',
      actual: 1,
    });
    expect((await figures(ta.t.db, scope, { unitId: units.a, asOf: addDays(today, 20) })).posts[0]).toMatchObject({
      type: 'principal',
      actual: 0,
    });
    await allAgree([addDays(today, 9), addDays(today, 10), addDays(today, 19), addDays(today, 20)]);
  });

  it('keeps the counts through direct SQL updates, deletes and a bulk insert', async () => {
    const pool = ta.t.pool;
    // A type change and a leadership change of open placements, and a reopening of a closed one.
    await pool.query(`update placement set type = 'worker' where person_id = $1 and valid_to is null`, [people['二']]);
    await pool.query(`update placement set leadership_level = null where person_id = $1 and valid_to is null`, [
      people['二'],
    ]);
    await pool.query(`update placement set valid_to = null, disenrol_reason = null where person_id = $1`, [
      people['四'],
    ]);
    await countsMatchPlacements();
    // Close, delete, and a multi-row insert in one statement.
    await pool.query(`update placement set valid_to = '2024-12-01' where person_id = $1 and valid_to is null`, [
      people['四'],
    ]);
    await pool.query(`delete from placement where person_id = $1`, [people['二']]);
    await pool.query(
      `insert into placement (region_code, person_id, unit_id, type, valid_from, enrol_reason)
       values ($1, $2, $3, 'administrative', '2024-12-01', '调入')`,
      [REGION, people['二'], units.a1],
    );
    await allAgree(['2024-11-30', '2024-12-01']);
  });

  it('rolls the counts back with the placements of a rolled-back transaction', async () => {
    const client = await ta.t.pool.connect();
    try {
      await client.query('begin');
      await client.query(`delete from placement where unit_id = $1`, [units.a]);
      await client.query('rollback');
    } finally {
      client.release();
    }
    await countsMatchPlacements();
  });
});
