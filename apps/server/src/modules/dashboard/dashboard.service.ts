/**
 * The establishment dashboard (统计看板), always within the caller's data scope (its region, and
 * its subtree when limited):
 *
 * - totals / posts / bySector / overUnits come from ONE as-of query: the subtree as it stood on
 *   `asOf` (effective-dated `unit_version`), each unit tagged with its sector, and per unit the
 *   approved / actual per establishment type and leadership level. Vacancy and over are computed
 *   per unit and type, then summed (as in /api/figures), so one unit's vacancy never hides another's
 *   excess.
 * - Sector (系统) = the top-level unit under the scope root: for the whole region the root units
 *   (区委, 区政府, … systems), for a limited user the root's children, the root's own establishment
 *   being a sector of its own (本级). When that gives more than 12 sectors (a flat tree) they are
 *   grouped by the top-level unit's kind (党政机关 / 事业单位 / 乡镇 …) instead.
 * - trend comes from a second query: placements starting (上编) / ending (下编) in each of the last
 *   N months up to `asOf`, counted when the unit was inside the scope subtree on that day (the last
 *   day in post for a disenrolment). 划转 (a revoked unit's persons moved with its establishment) is
 *   excluded from both sides: it is a move, not an enrolment or a departure. A 调动 (transfer) is
 *   an ordinary disenrolment there and enrolment here, and counts as such.
 *
 * Off-establishment staff (编外人员) is not modelled yet, so there is no cap/actual for it.
 */
import { inForceOn } from '../../db/as-of.js';
import { sql } from 'drizzle-orm';
import {
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  LEADERSHIP_LEVELS,
  LEADERSHIP_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type DashboardResponse,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import type { DataScope } from '../../platform/auth/scope.js';
import { placementsOnSql, todayInChina } from '../org/figures.service.js';

type Dashboard = z.infer<typeof DashboardResponse>;
type Row = Dashboard['totals'][number];

/** More top-level units than this and sectors are unit kinds instead. */
export const MAX_UNIT_SECTORS = 12;
const OVER_UNITS_LIMIT = 20;

type FigureSqlRow = {
  kind: 'type' | 'level' | 'root';
  unit: string;
  name: string;
  sector: string | null;
  sector_name: string | null;
  sector_kind: string | null;
  key: string | null;
  approved: number;
  actual: number;
};

/**
 * Per unit of the as-of subtree: its sector and approved / actual per type and level. Actual comes
 * from the kept per-unit counts corrected for the date (figures.service `placementsOnSql`), not
 * from counting every placement of the region.
 */
async function figureRows(db: DbOrTx, regionCode: string, root: string | null, date: string) {
  const res = await db.execute<FigureSqlRow>(sql`
    with recursive nodes as (
      select v.unit_id, v.parent_id, v.name, v.kind from unit_version v
        where v.region_code = ${regionCode} and ${inForceOn('v', date)}
      union all
      select u.id, u.parent_id, u.name, u.kind from unit u
        where u.region_code = ${regionCode} and not exists (select 1 from unit_version v where v.unit_id = u.id)
    ), tree as (
      select n.unit_id, n.unit_id as sector, 0 as depth from nodes n
        where ${
          root === null
            ? sql`n.parent_id is null or not exists (select 1 from nodes m where m.unit_id = n.parent_id)`
            : sql`n.unit_id = ${root}`
        }
      union all
      select n.unit_id, case when ${root === null ? sql`false` : sql`true`} and t.depth = 0 then n.unit_id else t.sector end,
             t.depth + 1
        from nodes n join tree t on n.parent_id = t.unit_id
    ), actual as (${placementsOnSql(date)}
    ), figs as (
      select 'type' as kind, q.unit_id, q.type as key, sum(q.amount)::int as approved, 0 as actual
        from establishment_quota q join tree on tree.unit_id = q.unit_id where ${inForceOn('q', date)} group by q.unit_id, q.type
      union all
      select 'type', a.unit_id, a.type, 0, sum(a.n)::int from actual a group by a.unit_id, a.type having sum(a.n) <> 0
      union all
      select 'level', l.unit_id, l.level, sum(l.amount)::int, 0
        from leadership_post_quota l join tree on tree.unit_id = l.unit_id where ${inForceOn('l', date)} group by l.unit_id, l.level
      union all
      select 'level', a.unit_id, a.lvl, 0, sum(a.n)::int from actual a where a.lvl <> ''
        group by a.unit_id, a.lvl having sum(a.n) <> 0
    )
    select f.kind, f.unit_id as unit, n.name, t.sector, s.name as sector_name, s.kind as sector_kind, f.key,
           f.approved, f.actual
      from figs f join tree t on t.unit_id = f.unit_id join nodes n on n.unit_id = f.unit_id
      join nodes s on s.unit_id = t.sector
    union all
    select 'root', n.unit_id, n.name, null, null, null, null, 0, 0 from nodes n
      where ${root === null ? sql`false` : sql`n.unit_id = ${root}`}`);
  return res.rows;
}

/** Months YYYY-MM from the first of (asOf's month − months + 1) to asOf, with 上编 / 下编 counts. */
async function trendRows(db: DbOrTx, regionCode: string, root: string | null, date: string, months: number) {
  // Membership over time: each unit's interval inside the root's subtree (intersection of its own
  // version's and its parent's intervals, down from the root). Units without history are timeless.
  const inScope = (unitCol: ReturnType<typeof sql>, day: ReturnType<typeof sql>) =>
    root === null
      ? sql`true`
      : sql`exists (select 1 from tree where tree.unit_id = ${unitCol} and tree.f <= ${day} and ${day} < tree.t)`;
  const res = await db.execute<{ month: string; enrolled: number; disenrolled: number }>(sql`
    with recursive vers as (
      select v.unit_id, v.parent_id, v.valid_from as f, coalesce(v.valid_to, 'infinity'::date) as t
        from unit_version v where v.region_code = ${regionCode}
      union all
      select u.id, u.parent_id, '-infinity'::date, 'infinity'::date from unit u
        where u.region_code = ${regionCode} and not exists (select 1 from unit_version v where v.unit_id = u.id)
    ), tree as (
      select unit_id, f, t from vers where ${root === null ? sql`false` : sql`unit_id = ${root}`}
      union all
      select c.unit_id, greatest(c.f, p.f), least(c.t, p.t)
        from vers c join tree p on c.parent_id = p.unit_id and c.f < p.t and p.f < c.t
    ), bounds as (
      select (date_trunc('month', ${date}::date) - make_interval(months => ${months - 1}::int))::date as start,
             ${date}::date as stop
    ), months as (
      select generate_series(b.start, b.stop, interval '1 month')::date as m from bounds b
    ), ev as (
      select date_trunc('month', p.valid_from)::date as m, 1 as e, 0 as d
        from placement p, bounds b
        where p.region_code = ${regionCode} and p.enrol_reason <> '划转'
          and p.valid_from between b.start and b.stop and ${inScope(sql`p.unit_id`, sql`p.valid_from`)}
      union all
      select date_trunc('month', p.valid_to)::date, 0, 1
        from placement p, bounds b
        where p.region_code = ${regionCode} and p.valid_to is not null and p.disenrol_reason is distinct from '划转'
          and p.valid_to between b.start and b.stop and ${inScope(sql`p.unit_id`, sql`(p.valid_to - 1)`)}
    )
    select to_char(months.m, 'YYYY-MM') as month, coalesce(sum(ev.e), 0)::int as enrolled,
           coalesce(sum(ev.d), 0)::int as disenrolled
      from months left join ev on ev.m = months.m group by months.m order by months.m`);
  return res.rows;
}

interface Cell {
  approved: number;
  actual: number;
}
const vacancyOf = (c: Cell) => Math.max(0, c.approved - c.actual);
const overOf = (c: Cell) => Math.max(0, c.actual - c.approved);

function sumRow(type: string, label: string, cells: Cell[]): Row {
  return {
    type,
    label,
    approved: cells.reduce((a, c) => a + c.approved, 0),
    actual: cells.reduce((a, c) => a + c.actual, 0),
    vacancy: cells.reduce((a, c) => a + vacancyOf(c), 0),
    over: cells.reduce((a, c) => a + overOf(c), 0),
  };
}

export async function dashboard(
  db: DbOrTx,
  scope: DataScope,
  q: { asOf?: string | undefined; months: number },
): Promise<Dashboard> {
  const asOf = q.asOf ?? todayInChina();
  const root = scope.rootUnitId;
  const [rows, trend] = await Promise.all([
    figureRows(db, scope.regionCode, root, asOf),
    trendRows(db, scope.regionCode, root, asOf, q.months),
  ]);

  // One cell per (unit, type) and per (unit, level).
  const cells = new Map<string, Cell & { kind: string; unit: string; name: string; key: string; sector: string }>();
  const sectorInfo = new Map<string, { name: string; kind: string }>();
  let rootName: string | null = null;
  for (const r of rows) {
    if (r.kind === 'root') {
      rootName = r.name;
      continue;
    }
    const id = `${r.kind}|${r.unit}|${r.key}`;
    const c = cells.get(id) ?? {
      kind: r.kind,
      unit: r.unit,
      name: r.name,
      key: r.key!,
      sector: r.sector!,
      approved: 0,
      actual: 0,
    };
    c.approved += r.approved;
    c.actual += r.actual;
    cells.set(id, c);
    sectorInfo.set(r.sector!, { name: r.sector_name!, kind: r.sector_kind! });
  }
  const typeCells = [...cells.values()].filter((c) => c.kind === 'type');
  const levelCells = [...cells.values()].filter((c) => c.kind === 'level');

  const establishment = ESTABLISHMENT_TYPES.map((t) =>
    sumRow(
      t,
      ESTABLISHMENT_TYPE_LABELS[t],
      typeCells.filter((c) => c.key === t),
    ),
  ).filter((r) => r.approved || r.actual);
  const total: Row = {
    type: 'total',
    label: '合计',
    approved: establishment.reduce((a, r) => a + r.approved, 0),
    actual: establishment.reduce((a, r) => a + r.actual, 0),
    vacancy: establishment.reduce((a, r) => a + r.vacancy, 0),
    over: establishment.reduce((a, r) => a + r.over, 0),
  };
  const posts = LEADERSHIP_LEVELS.map((l) =>
    sumRow(
      l,
      `${LEADERSHIP_LEVEL_LABELS[l]}领导职数`,
      levelCells.filter((c) => c.key === l),
    ),
  );

  // Sectors: top-level units with any establishment; by kind when there are too many of them.
  const unitSectors = new Set(typeCells.map((c) => c.sector));
  const sectorBy: Dashboard['sectorBy'] = unitSectors.size > MAX_UNIT_SECTORS ? 'kind' : 'unit';
  const sectorKey = (sector: string) => (sectorBy === 'unit' ? sector : sectorInfo.get(sector)!.kind);
  const sectorLabel = (key: string) => {
    if (sectorBy === 'kind') return (UNIT_KIND_LABELS as Record<string, string>)[key] ?? key;
    const name = sectorInfo.get(key)!.name;
    return key === root ? `${name}（本级）` : name;
  };
  const bySectorCells = new Map<string, Cell[]>();
  for (const c of typeCells) {
    const k = sectorKey(c.sector);
    bySectorCells.set(k, [...(bySectorCells.get(k) ?? []), c]);
  }
  const bySector = [...bySectorCells.entries()]
    .map(([key, list]) => {
      const r = sumRow(key, sectorLabel(key), list);
      return {
        key,
        sector: r.label,
        approved: r.approved,
        actual: r.actual,
        vacancy: r.vacancy,
        over: r.over,
        vacancyRate: r.approved ? Math.round((r.vacancy / r.approved) * 10_000) / 10_000 : 0,
      };
    })
    .sort((a, b) => b.approved - a.approved || a.sector.localeCompare(b.sector, 'zh-CN'));

  const overUnits = typeCells
    .filter((c) => c.actual > c.approved)
    .map((c) => ({
      unitId: c.unit,
      name: c.name,
      type: c.key,
      label: (ESTABLISHMENT_TYPE_LABELS as Record<string, string>)[c.key] ?? c.key,
      approved: c.approved,
      actual: c.actual,
      over: overOf(c),
    }))
    .sort((a, b) => b.over - a.over || a.name.localeCompare(b.name, 'zh-CN') || a.type.localeCompare(b.type))
    .slice(0, OVER_UNITS_LIMIT);

  return {
    asOf,
    months: q.months,
    scopeName: root === null ? '全区' : (rootName ?? '本单位'),
    totals: [...establishment, total],
    posts,
    sectorBy,
    bySector,
    overUnits,
    trend,
  };
}
