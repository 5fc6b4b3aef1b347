/**
 * Reading the region's establishment state and writing a decision's plan. All effective-dated
 * writes go through here: close the open row on the effective date, open the new one.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ControlKind, EstablishmentType, LeadershipLevel } from '@bianban/contracts';
import { readAll, type DbOrTx, type Tx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { placement } from '../roster/roster.schema.js';
import {
  establishmentQuota,
  leadershipPostQuota,
  offEstablishmentCap,
  regionControl,
  unitVersion,
} from './org.schema.js';
import type { Plan, RegionState, UnitState } from './domain/plan.js';

export async function loadRegionState(db: DbOrTx, regionCode: string): Promise<RegionState> {
  const [units, quotas, posts, controls, actual, leaders, offCaps] = await readAll(db, [
    db.select().from(unit).where(eq(unit.regionCode, regionCode)),
    db
      .select()
      .from(establishmentQuota)
      .where(and(eq(establishmentQuota.regionCode, regionCode), isNull(establishmentQuota.validTo))),
    db
      .select()
      .from(leadershipPostQuota)
      .where(and(eq(leadershipPostQuota.regionCode, regionCode), isNull(leadershipPostQuota.validTo))),
    db
      .select()
      .from(regionControl)
      .where(and(eq(regionControl.regionCode, regionCode), isNull(regionControl.validTo))),
    db
      .select({ unitId: placement.unitId, type: placement.type, n: sql<number>`count(*)::int` })
      .from(placement)
      .where(and(eq(placement.regionCode, regionCode), isNull(placement.validTo)))
      .groupBy(placement.unitId, placement.type),
    db
      .select({ unitId: placement.unitId, level: placement.leadershipLevel, n: sql<number>`count(*)::int` })
      .from(placement)
      .where(
        and(
          eq(placement.regionCode, regionCode),
          isNull(placement.validTo),
          sql`${placement.leadershipLevel} is not null`,
        ),
      )
      .groupBy(placement.unitId, placement.leadershipLevel),
    db
      .select()
      .from(offEstablishmentCap)
      .where(and(eq(offEstablishmentCap.regionCode, regionCode), isNull(offEstablishmentCap.validTo))),
  ]);
  const state: RegionState = {
    units: new Map(),
    quotas: new Map(),
    posts: new Map(),
    controls: {},
    actual: new Map(),
    leaders: new Map(),
    offCaps: new Map(offCaps.map((c) => [c.unitId, c.amount])),
  };
  for (const u of units) {
    state.units.set(u.id, {
      id: u.id,
      parentId: u.parentId,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      category: u.category,
      rank: u.rank,
      fundingForm: u.fundingForm,
      uscc: u.uscc,
      nameplates: u.nameplates,
      functions: u.functionsText,
      status: u.status as UnitState['status'],
    });
  }
  for (const q of quotas) state.quotas.set(q.unitId, { ...state.quotas.get(q.unitId), [q.type]: q.amount });
  for (const p of posts) state.posts.set(p.unitId, { ...state.posts.get(p.unitId), [p.level]: p.amount });
  for (const c of controls) state.controls[c.control as ControlKind] = c.amount;
  for (const a of actual) state.actual.set(a.unitId, { ...state.actual.get(a.unitId), [a.type]: a.n });
  for (const l of leaders)
    state.leaders.set(l.unitId, { ...state.leaders.get(l.unitId), [l.level as LeadershipLevel]: l.n });
  return state;
}

/**
 * The latest date any establishment history of the region starts on. Decisions apply in date
 * order: one effective earlier than this would rewrite history that later decisions built on.
 */
export async function latestHistoryDate(db: DbOrTx, regionCode: string): Promise<string | null> {
  const r = await db.execute<{ d: string | null }>(sql`
    select greatest(
      (select max(valid_from) from unit_version where region_code = ${regionCode}),
      (select max(valid_from) from establishment_quota where region_code = ${regionCode}),
      (select max(valid_from) from leadership_post_quota where region_code = ${regionCode}),
      (select max(valid_from) from region_control where region_code = ${regionCode}),
      (select max(valid_from) from placement where region_code = ${regionCode})
    )::text as d`);
  return r.rows[0]?.d ?? null;
}

/** Writes a unit's state as of `date`: the current projection, and a new history row. */
export async function writeUnit(
  tx: Tx,
  regionCode: string,
  u: UnitState,
  date: string,
  decisionId: string | null,
  isNew: boolean,
): Promise<void> {
  const attrs = {
    parentId: u.parentId,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    category: u.category,
    rank: u.rank,
    fundingForm: u.fundingForm,
    uscc: u.uscc,
    nameplates: u.nameplates,
    functionsText: u.functions ?? null,
    status: u.status,
  };
  if (isNew) await tx.insert(unit).values({ id: u.id, regionCode, ...attrs });
  else await tx.update(unit).set(attrs).where(eq(unit.id, u.id));
  await tx
    .update(unitVersion)
    .set({ validTo: date })
    .where(and(eq(unitVersion.unitId, u.id), isNull(unitVersion.validTo)));
  await tx.insert(unitVersion).values({ regionCode, unitId: u.id, validFrom: date, decisionId, ...attrs });
}

type AmountTable = typeof establishmentQuota | typeof leadershipPostQuota;

async function writeAmount(
  tx: Tx,
  table: AmountTable,
  keyCol: 'type' | 'level',
  regionCode: string,
  unitId: string,
  key: string,
  amount: number,
  date: string,
  decisionId: string,
): Promise<void> {
  const keyColumn =
    keyCol === 'type' ? (table as typeof establishmentQuota).type : (table as typeof leadershipPostQuota).level;
  await tx
    .update(table)
    .set({ validTo: date })
    .where(and(eq(table.unitId, unitId), eq(keyColumn, key), isNull(table.validTo)));
  if (amount > 0)
    await tx.insert(table).values({ regionCode, unitId, [keyCol]: key, amount, validFrom: date, decisionId } as never);
}

/** Writes every change of a plan with effective date `date` (the caller's transaction). */
export async function writePlan(
  tx: Tx,
  regionCode: string,
  plan: Plan,
  date: string,
  decisionId: string,
): Promise<{ reassignedPersons: number }> {
  const createdIds = new Set(plan.created.values());
  // Parents first, so that a new unit's parent row exists when it is inserted.
  const order = [...plan.changedUnits].sort((a, b) => depth(plan, a) - depth(plan, b));
  for (const id of order)
    await writeUnit(tx, regionCode, plan.after.units.get(id)!, date, decisionId, createdIds.has(id));
  for (const e of plan.quotaEffects) {
    if (e.before === e.after) continue;
    const isPost = e.type === 'principal' || e.type === 'deputy';
    await writeAmount(
      tx,
      isPost ? leadershipPostQuota : establishmentQuota,
      isPost ? 'level' : 'type',
      regionCode,
      e.unitId,
      e.type,
      e.after,
      date,
      decisionId,
    );
  }
  for (const c of plan.controlEffects) {
    await tx
      .update(regionControl)
      .set({ validTo: date })
      .where(
        and(
          eq(regionControl.regionCode, regionCode),
          eq(regionControl.control, c.control),
          isNull(regionControl.validTo),
        ),
      );
    await tx
      .insert(regionControl)
      .values({ regionCode, control: c.control, amount: c.after, validFrom: date, decisionId });
  }
  for (const c of plan.offCapEffects) {
    await tx
      .update(offEstablishmentCap)
      .set({ validTo: date })
      .where(and(eq(offEstablishmentCap.unitId, c.unitId), isNull(offEstablishmentCap.validTo)));
    if (c.after > 0)
      await tx
        .insert(offEstablishmentCap)
        .values({ regionCode, unitId: c.unitId, amount: c.after, validFrom: date, decisionId });
  }
  let reassignedPersons = 0;
  for (const r of plan.reassignments) {
    // 划转: each person leaves the old unit and joins the new one on the same day, same type and
    // post. Two statements: the one-active-placement index must see the old row closed first.
    const closed = await tx
      .update(placement)
      .set({ validTo: date, disenrolReason: '划转' })
      .where(and(eq(placement.unitId, r.fromUnitId), isNull(placement.validTo)))
      .returning({
        personId: placement.personId,
        type: placement.type,
        post: placement.post,
        leadershipLevel: placement.leadershipLevel,
      });
    const moved = closed.length
      ? await tx
          .insert(placement)
          .values(
            closed.map((c) => ({
              regionCode,
              personId: c.personId,
              unitId: r.toUnitId,
              type: c.type,
              post: c.post,
              leadershipLevel: c.leadershipLevel,
              validFrom: date,
              enrolReason: '划转',
              decisionId,
            })),
          )
          .returning({ id: placement.id })
      : [];
    reassignedPersons += moved.length;
  }
  return { reassignedPersons };
}

function depth(plan: Plan, id: string): number {
  let d = 0;
  for (let u = plan.after.units.get(id); u?.parentId; u = plan.after.units.get(u.parentId)) d++;
  return d;
}

export type { EstablishmentType };
