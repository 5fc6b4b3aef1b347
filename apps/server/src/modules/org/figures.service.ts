/**
 * As-of figures (any unit or subtree, any date): approved, actual, vacancy and over per
 * establishment type, and leadership posts — read from the effective-dated rows, so the answer for
 * 2020-12-31 stays what it was whatever happened since.
 */
import { inForceOn } from '../../db/as-of.js';
import { sql, type SQL } from 'drizzle-orm';
import {
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  LEADERSHIP_LEVELS,
  LEADERSHIP_LEVEL_LABELS,
  type FiguresResponse,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { assertUnitInScope, type DataScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';

type Figures = z.infer<typeof FiguresResponse>;
type Row = Figures['total'];

/** Today in China (the date offices mean by "today"). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

export function figureRow(type: string, label: string, approved: number, actual: number): Row {
  return {
    type,
    label,
    approved,
    actual,
    vacancy: Math.max(0, approved - actual),
    over: Math.max(0, actual - approved),
  };
}

/**
 * The units of the whole region as it stood on `date`: every unit with a history row in force on
 * the date (at most one: a change closes the open row on the day the new one starts). Units without
 * any history row (created before the org module) count as timeless.
 */
export function regionUnitsSql(regionCode: string, date: string): SQL {
  return sql`
    with tree as (
      select v.unit_id from unit_version v
        where v.region_code = ${regionCode} and ${inForceOn('v', date)}
      union all
      select u.id from unit u
        where u.region_code = ${regionCode} and not exists (select 1 from unit_version v where v.unit_id = u.id)
    )`;
}

/**
 * The ids of `root` and its descendants on `date`, walking down the parent index one level at a
 * time — a unit's page must not cost a scan of the whole region's history (measured: 4.8 s for one
 * unit at province size when the subtree was filtered out of all the region's versions).
 */
async function subtreeIds(db: DbOrTx, regionCode: string, root: string, date: string): Promise<string[]> {
  const res = await db.execute<{ unit_id: string }>(sql`
    with recursive tree(unit_id) as (
      select ${root}::uuid
      union
      select c.id from tree t cross join lateral (
        select v.unit_id as id from unit_version v
          where v.parent_id = t.unit_id and ${inForceOn('v', date)}
        union all
        select u.id from unit u
          where u.region_code = ${regionCode} and u.parent_id = t.unit_id and not exists (select 1 from unit_version x where x.unit_id = u.id)
      ) c
    ) select unit_id::text from tree`);
  return res.rows.map((r) => r.unit_id);
}

/**
 * Open placements per unit of `tree`, type and leadership level ('' when none) on `date`, as rows
 * (unit_id, type, lvl, n) to be summed: the counts kept by triggers (`derived.open_placement_count`,
 * migration 0007) corrected by the placements that changed after the date — in force on D = open
 * now − open but starting after D + closed but ending after D and started by D. Exact for any date,
 * and reads only the changes since D instead of every placement. Needs a `tree(unit_id)` CTE.
 */
export function placementsOnSql(date: string): SQL {
  return sql`
      select c.unit_id, c.type, c.leadership_level as lvl, c.n
        from derived.open_placement_count c join tree on tree.unit_id = c.unit_id
      union all
      select p.unit_id, p.type, coalesce(p.leadership_level, ''), -count(*)::int
        from placement p join tree on tree.unit_id = p.unit_id
        where p.valid_to is null and p.valid_from > ${date}::date group by 1, 2, 3
      union all
      select p.unit_id, p.type, coalesce(p.leadership_level, ''), count(*)::int
        from placement p join tree on tree.unit_id = p.unit_id
        where p.valid_to > ${date}::date and p.valid_from <= ${date}::date group by 1, 2, 3`;
}

/** The statement of `establishmentOn` (exported for the province benchmark's EXPLAIN). */
export function establishmentSql(tree: SQL, date: string): SQL {
  return sql`
    ${tree}, actual as (${placementsOnSql(date)}
    ), per_unit as (
      select 'type' as kind, unit_id, key, sum(approved) as approved, sum(actual) as actual from (
        select q.unit_id, q.type as key, q.amount as approved, 0 as actual
          from establishment_quota q join tree on tree.unit_id = q.unit_id where ${inForceOn('q', date)}
        union all
        select unit_id, type, 0, n from actual
      ) t group by unit_id, key
      union all
      select 'level', unit_id, key, sum(approved), sum(actual) from (
        select l.unit_id, l.level as key, l.amount as approved, 0 as actual
          from leadership_post_quota l join tree on tree.unit_id = l.unit_id where ${inForceOn('l', date)}
        union all
        select unit_id, lvl, 0, n from actual where lvl <> ''
      ) t group by unit_id, key
    )
    select kind, key, sum(approved)::int as approved, sum(actual)::int as actual,
           sum(greatest(approved - actual, 0))::int as vacancy, sum(greatest(actual - approved, 0))::int as over
      from per_unit group by kind, key`;
}

/**
 * Approved and actual per establishment type and per leadership level over the units of `tree`,
 * as of `date`, computed per unit and summed in the database: vacancy and over are taken per unit,
 * so one unit's vacancy does not cover another unit's excess (a subtree can be both under and over
 * establishment).
 *
 * Actual is read from `derived.open_placement_count` (open placements per unit, type and level,
 * kept current by triggers, migration 0007) corrected by the placements that changed after the
 * date — in force on D = open now − open but starting after D + closed but ending after D and
 * started by D — which is exact for any date, and reads only the changes since D instead of every
 * placement (whole province as of today: ~130,000 count rows instead of 1.8 M placements). One
 * statement, so the counts and the placements are read in one snapshot.
 */
async function establishmentOn(db: DbOrTx, tree: SQL, date: string) {
  // The per-unit sums of a province hash ~250,000 groups: with the default 4 MB of work_mem they
  // spill to disk. Raised for this statement only (SET LOCAL ends with the transaction).
  const res = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return tx.execute<{
      kind: string;
      key: string;
      approved: number;
      actual: number;
      vacancy: number;
      over: number;
    }>(establishmentSql(tree, date));
  });
  const row = (kind: string, key: string, label: string): Row => {
    const r = res.rows.find((x) => x.kind === kind && x.key === key);
    return {
      type: key,
      label,
      approved: r?.approved ?? 0,
      actual: r?.actual ?? 0,
      vacancy: r?.vacancy ?? 0,
      over: r?.over ?? 0,
    };
  };
  return {
    establishment: ESTABLISHMENT_TYPES.map((t) => row('type', t, ESTABLISHMENT_TYPE_LABELS[t])).filter(
      (r) => r.approved || r.actual,
    ),
    posts: LEADERSHIP_LEVELS.map((l) => row('level', l, `${LEADERSHIP_LEVEL_LABELS[l]}领导职数`)),
  };
}

async function figuresOn(db: DbOrTx, regionCode: string, root: string | null, date: string) {
  // A subtree is resolved first, so that the sums below use the per-unit indexes; the whole region
  // is the units in force on the date (no walk needed: every one of them is in it).
  const tree =
    root === null
      ? regionUnitsSql(regionCode, date)
      : sql`with tree as (select unnest(${`{${(await subtreeIds(db, regionCode, root, date)).join(',')}}`}::uuid[]) as unit_id)`;
  const asOf = (alias: string) => inForceOn(alias, date);
  const { establishment, posts } = await establishmentOn(db, tree, date);
  // 编外用工: each unit's cap in force, against its latest report on or before the date.
  // The latest report on or before the date: per unit down its index for a subtree; for the whole
  // region one pass over the region's reports (not 60,000 index probes).
  const latest =
    root === null
      ? sql`left join (
          select distinct on (x.unit_id) x.unit_id, x.count from off_establishment_report x
            where x.region_code = ${regionCode} and x.as_of <= ${date}::date order by x.unit_id, x.as_of desc
        ) r on r.unit_id = tree.unit_id`
      : sql`left join lateral (
          select count from off_establishment_report x where x.unit_id = tree.unit_id and x.as_of <= ${date}::date order by x.as_of desc limit 1
        ) r on true`;
  const off = await db.execute<{ cap: number; actual: number }>(sql`
    ${tree}
    select coalesce(c.amount, 0)::int as cap, coalesce(r.count, 0)::int as actual
    from tree
    left join off_establishment_cap c on c.unit_id = tree.unit_id and ${asOf('c')}
    ${latest}
    where c.amount is not null or r.count is not null`);
  const offEstablishment = {
    cap: off.rows.reduce((a, r) => a + r.cap, 0),
    actual: off.rows.reduce((a, r) => a + r.actual, 0),
    over: off.rows.reduce((a, r) => a + Math.max(0, r.actual - r.cap), 0),
    unitsOverCap: off.rows.filter((r) => r.actual > r.cap).length,
  };
  // And summed over types: a vacancy of one type does not cover another type's excess either.
  const total: Row = {
    type: 'total',
    label: '合计',
    approved: establishment.reduce((a, r) => a + r.approved, 0),
    actual: establishment.reduce((a, r) => a + r.actual, 0),
    vacancy: establishment.reduce((a, r) => a + r.vacancy, 0),
    over: establishment.reduce((a, r) => a + r.over, 0),
  };
  return { establishment, posts, total, offEstablishment };
}

export async function figures(
  db: DbOrTx,
  scope: DataScope,
  q: { unitId?: string | undefined; asOf?: string | undefined; compareTo?: string | undefined },
): Promise<Figures> {
  const root = q.unitId ?? scope.rootUnitId;
  let unitName = '全区';
  if (root) {
    assertUnitInScope(scope, root);
    const r = await db.execute<{ name: string }>(
      sql`select name from unit where id = ${root} and region_code = ${scope.regionCode}`,
    );
    if (!r.rows[0]) throw appError('NOT_FOUND', '单位不存在');
    unitName = r.rows[0].name;
  }
  const asOf = q.asOf ?? todayInChina();
  const now = await figuresOn(db, scope.regionCode, root, asOf);
  const compare = q.compareTo
    ? { asOf: q.compareTo, ...(await figuresOn(db, scope.regionCode, root, q.compareTo)) }
    : null;
  return {
    unitId: root,
    unitName,
    asOf,
    ...now,
    compare: compare ? { asOf: compare.asOf, establishment: compare.establishment, total: compare.total } : null,
  };
}
