/**
 * What the ledgers read: the unit tree, per-unit figures, the roster and the month's movements,
 * all as of a date from the effective-dated rows (valid_from ≤ D < valid_to), exactly like
 * `org/figures.service.ts`. Dates are read as text (`::text`) so that no time zone touches them.
 */
import { inForceOn } from '../../db/as-of.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { unitInScope, type DataScope } from '../../platform/auth/scope.js';

export interface LedgerUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  category: string | null;
  rank: string | null;
  fundingForm: string | null;
  nameplates: string[];
  status: string;
  sortOrder: number;
  /** 0 for the top of the listed tree. */
  depth: number;
  /** The parent's name on the date, if the parent is itself listed or known. */
  parentName: string | null;
}

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * The units of the subtree under `root` (or the whole region) as the tree stood on `date`, in
 * tree order (sort order, then name), limited to the reader's current scope: a unit that has
 * since left the reader's subtree is not shown, even for a date when it was in it. Units without
 * any history row (created before the org module) count as timeless, with their current attributes.
 * Revoked units are included; callers decide whether to show them.
 */
export async function unitsOn(db: DbOrTx, scope: DataScope, root: string | null, date: string): Promise<LedgerUnit[]> {
  const res = await db.execute<{
    id: string;
    parent_id: string | null;
    name: string;
    kind: string;
    category: string | null;
    rank: string | null;
    funding_form: string | null;
    nameplates: string[] | null;
    status: string;
    sort_order: number;
  }>(sql`
    with recursive nodes as (
      select v.unit_id, v.parent_id, v.name, v.kind, v.category, v.rank, v.funding_form, v.nameplates, v.status
        from unit_version v where v.region_code = ${scope.regionCode} and ${inForceOn('v', date)}
      union all
      select u.id, u.parent_id, u.name, u.kind, u.category, u.rank, u.funding_form, u.nameplates, u.status
        from unit u
        where u.region_code = ${scope.regionCode} and not exists (select 1 from unit_version v where v.unit_id = u.id)
    ), tree as (
      select unit_id from nodes where ${root === null ? sql`true` : sql`unit_id = ${root}`}
      union
      select n.unit_id from nodes n join tree t on n.parent_id = t.unit_id
    )
    select n.unit_id as id, n.parent_id, n.name, n.kind, n.category, n.rank, n.funding_form, n.nameplates, n.status,
           u.sort_order
      from nodes n join tree on tree.unit_id = n.unit_id join unit u on u.id = n.unit_id`);
  const rows = res.rows.filter((r) => unitInScope(scope, r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const key = r.parent_id && byId.has(r.parent_id) ? r.parent_id : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const parentNames = await namesOf(
    db,
    rows.flatMap((r) => (r.parent_id && !byId.has(r.parent_id) ? [r.parent_id] : [])),
    date,
  );
  const out: LedgerUnit[] = [];
  const visit = (key: string | null, depth: number) => {
    const list = (children.get(key) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || collator.compare(a.name, b.name),
    );
    for (const r of list) {
      out.push({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        kind: r.kind,
        category: r.category,
        rank: r.rank,
        fundingForm: r.funding_form,
        nameplates: r.nameplates ?? [],
        status: r.status,
        sortOrder: r.sort_order,
        depth,
        parentName: r.parent_id ? (byId.get(r.parent_id)?.name ?? parentNames.get(r.parent_id) ?? null) : null,
      });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Names of units on a date (their history row then, else the current name). */
async function namesOf(db: DbOrTx, ids: string[], date: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    const r = await db.execute<{ name: string }>(sql`
      select coalesce(
        (select v.name from unit_version v where v.unit_id = ${id} and ${inForceOn('v', date)}),
        (select u.name from unit u where u.id = ${id})) as name`);
    if (r.rows[0]?.name) out.set(id, r.rows[0].name);
  }
  return out;
}

export interface UnitFigures {
  /** 核定编制 per establishment type. */
  approved: Map<string, number>;
  /** 实有人员 per establishment type. */
  actual: Map<string, number>;
  /** 核定领导职数 per level. */
  posts: Map<string, number>;
  /** 实配领导 per level. */
  leaders: Map<string, number>;
}

export function emptyFigures(): UnitFigures {
  return { approved: new Map(), actual: new Map(), posts: new Map(), leaders: new Map() };
}

/** Approved and actual per type, posts and leaders per level, of every unit of the region on `date`. */
export async function figuresByUnit(db: DbOrTx, regionCode: string, date: string): Promise<Map<string, UnitFigures>> {
  const res = await db.execute<{ kind: keyof UnitFigures; unit_id: string; key: string; n: number }>(sql`
    select 'approved' as kind, q.unit_id, q.type as key, sum(q.amount)::int as n
      from establishment_quota q where q.region_code = ${regionCode} and ${inForceOn('q', date)} group by q.unit_id, q.type
    union all
    select 'actual', p.unit_id, p.type, count(*)::int
      from placement p where p.region_code = ${regionCode} and ${inForceOn('p', date)} group by p.unit_id, p.type
    union all
    select 'posts', l.unit_id, l.level, sum(l.amount)::int
      from leadership_post_quota l where l.region_code = ${regionCode} and ${inForceOn('l', date)} group by l.unit_id, l.level
    union all
    select 'leaders', p.unit_id, p.leadership_level, count(*)::int
      from placement p where p.region_code = ${regionCode} and ${inForceOn('p', date)} and p.leadership_level is not null
      group by p.unit_id, p.leadership_level`);
  const out = new Map<string, UnitFigures>();
  for (const r of res.rows) {
    const f = out.get(r.unit_id) ?? emptyFigures();
    f[r.kind].set(r.key, (f[r.kind].get(r.key) ?? 0) + r.n);
    out.set(r.unit_id, f);
  }
  return out;
}

export interface RosterRow {
  placementId: string;
  unitId: string;
  type: string;
  post: string | null;
  leadershipLevel: string | null;
  validFrom: string;
  enrolReason: string;
  noticeNumber: string | null;
  name: string;
  sex: string;
  birthDate: string;
  citizenIdMasked: string;
  /** Only read when the ledger may show IDs in clear. */
  citizenIdSealed: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  education: string | null;
}

/** Placements in force on `date` in the given units. */
export async function rosterOn(
  db: DbOrTx,
  regionCode: string,
  unitIds: ReadonlySet<string>,
  date: string,
  withSealedIds: boolean,
): Promise<RosterRow[]> {
  const res = await db.execute<{
    placement_id: string;
    unit_id: string;
    type: string;
    post: string | null;
    leadership_level: string | null;
    valid_from: string;
    enrol_reason: string;
    notice_number: string | null;
    name: string;
    sex: string;
    birth_date: string;
    citizen_id_masked: string;
    citizen_id_sealed: string | null;
    ethnicity: string | null;
    political_status: string | null;
    education: string | null;
  }>(sql`
    select p.id as placement_id, p.unit_id, p.type, p.post, p.leadership_level, p.valid_from::text as valid_from,
           p.enrol_reason, up.notice_number, pe.name, pe.sex, pe.birth_date::text as birth_date, pe.citizen_id_masked,
           ${withSealedIds ? sql`pe.citizen_id_sealed` : sql`null::text`} as citizen_id_sealed,
           pe.ethnicity, pe.political_status, pe.education
      from placement p
      join person pe on pe.id = p.person_id
      left join use_plan up on up.id = p.use_plan_id
      where p.region_code = ${regionCode} and ${inForceOn('p', date)}`);
  return res.rows
    .filter((r) => unitIds.has(r.unit_id))
    .map((r) => ({
      placementId: r.placement_id,
      unitId: r.unit_id,
      type: r.type,
      post: r.post,
      leadershipLevel: r.leadership_level,
      validFrom: r.valid_from,
      enrolReason: r.enrol_reason,
      noticeNumber: r.notice_number,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      citizenIdMasked: r.citizen_id_masked,
      citizenIdSealed: r.citizen_id_sealed,
      ethnicity: r.ethnicity,
      politicalStatus: r.political_status,
      education: r.education,
    }));
}

export interface Movement {
  direction: 'in' | 'out';
  date: string;
  reason: string;
  unitId: string;
  type: string;
  leadershipLevel: string | null;
  post: string | null;
  noticeNumber: string | null;
  name: string;
  citizenIdMasked: string;
}

/**
 * Enrolments (valid_from in [from, to)) and disenrolments (valid_to in [from, to)) in the given
 * units. With these bounds, actual(to − 1) = actual(from − 1) + in − out for every type.
 */
export async function movementsBetween(
  db: DbOrTx,
  regionCode: string,
  unitIds: ReadonlySet<string>,
  from: string,
  to: string,
): Promise<Movement[]> {
  const res = await db.execute<{
    direction: 'in' | 'out';
    date: string;
    reason: string;
    unit_id: string;
    type: string;
    leadership_level: string | null;
    post: string | null;
    notice_number: string | null;
    name: string;
    citizen_id_masked: string;
  }>(sql`
    select 'in' as direction, p.valid_from::text as date, p.enrol_reason as reason, p.unit_id, p.type,
           p.leadership_level, p.post, up.notice_number, pe.name, pe.citizen_id_masked
      from placement p join person pe on pe.id = p.person_id left join use_plan up on up.id = p.use_plan_id
      where p.region_code = ${regionCode} and p.valid_from >= ${from}::date and p.valid_from < ${to}::date
    union all
    select 'out', p.valid_to::text, coalesce(p.disenrol_reason, '其他'), p.unit_id, p.type,
           p.leadership_level, p.post, null, pe.name, pe.citizen_id_masked
      from placement p join person pe on pe.id = p.person_id
      where p.region_code = ${regionCode} and p.valid_to >= ${from}::date and p.valid_to < ${to}::date`);
  return res.rows
    .filter((r) => unitIds.has(r.unit_id))
    .map((r) => ({
      direction: r.direction,
      date: r.date,
      reason: r.reason,
      unitId: r.unit_id,
      type: r.type,
      leadershipLevel: r.leadership_level,
      post: r.post,
      noticeNumber: r.notice_number,
      name: r.name,
      citizenIdMasked: r.citizen_id_masked,
    }));
}
