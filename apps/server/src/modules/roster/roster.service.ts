/**
 * Persons, use plans and placements. Enrolment, disenrolment and transfer run in one transaction
 * with the unit row locked, so two enrolments never both take the last vacancy; every rule of
 * `domain/rules.ts` is checked on the facts read under that lock.
 */
import { inForce } from '../../db/as-of.js';
import { and, asc, count, desc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DisenrolBody,
  EnrolBody,
  EstablishmentType,
  PersonBody,
  PersonDetail,
  PersonSummary,
  PlacementInfo,
  TransferBody,
  UsePlanBody,
  UsePlanSummary,
} from '@bianban/contracts';
import { readAll, type DbOrTx, type Tx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, unitInScope } from '../../platform/auth/scope.js';
import { blindIndex, open, seal } from '../../platform/crypto/sm.js';
import { appError } from '../../platform/http/errors.js';
import { establishmentQuota, leadershipPostQuota } from '../org/org.schema.js';
import { checkCitizenId, crossCheck, maskCitizenId } from './domain/citizen-id.js';
import { checkEnrolment, type RosterViolation } from './domain/rules.js';
import { person, placement, usePlan } from './roster.schema.js';

type PersonRow = typeof person.$inferSelect;
type PlacementRow = typeof placement.$inferSelect;

function refuse(violations: RosterViolation[]): void {
  if (violations.length) throw appError('RULE_VIOLATION', violations.map((v) => v.message).join('；'), violations);
}

// ── Persons ─────────────────────────────────────────────────────────────────────────────────────

export async function createPerson(svc: Services, a: AuthContext, body: z.infer<typeof PersonBody>) {
  const checked = checkCitizenId(body.citizenId);
  if (!checked.ok)
    throw appError('VALIDATION_FAILED', `公民身份号码无效：${checked.reason}`, [
      { field: 'citizenId', message: checked.reason },
    ]);
  const mismatches = crossCheck(checked.id, {
    birthDate: body.birthDate,
    sex: body.sex ? (body.sex === '1' ? 'male' : 'female') : undefined,
  });
  if (mismatches.length)
    throw appError(
      'VALIDATION_FAILED',
      mismatches.join('；'),
      mismatches.map((m) => ({ field: 'citizenId', message: m })),
    );
  const index = blindIndex(svc.keys.data, checked.id);
  const id = await svc.db.transaction(async (tx) => {
    const dup = (
      await tx.select({ id: person.id, name: person.name }).from(person).where(eq(person.citizenIdIndex, index))
    )[0];
    if (dup) throw appError('CONFLICT', `该公民身份号码已登记（${dup.name}），同一人不能重复登记`);
    const [row] = await tx
      .insert(person)
      .values({
        regionCode: a.scope.regionCode,
        name: body.name,
        sex: checked.sex === 'male' ? '1' : '2',
        birthDate: checked.birthDate,
        citizenIdSealed: seal(svc.keys.data, checked.id),
        citizenIdIndex: index,
        citizenIdMasked: maskCitizenId(checked.id),
        ethnicity: body.ethnicity ?? null,
        politicalStatus: body.politicalStatus ?? null,
        education: body.education ?? null,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'person.create',
      objectType: 'person',
      objectId: row!.id,
      after: { name: body.name, citizenId: checked.id },
    });
    return row!.id;
  });
  return getPerson(svc, a, id);
}

async function placementInfos(db: DbOrTx, rows: PlacementRow[]): Promise<Map<string, z.infer<typeof PlacementInfo>>> {
  if (!rows.length) return new Map();
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const planIds = [...new Set(rows.map((r) => r.usePlanId).filter((x): x is string => !!x))];
  const [units, plans] = await readAll(db, [
    db.select({ id: unit.id, name: unit.name }).from(unit).where(inArray(unit.id, unitIds)),
    planIds.length
      ? db.select({ id: usePlan.id, notice: usePlan.noticeNumber }).from(usePlan).where(inArray(usePlan.id, planIds))
      : Promise.resolve([]),
  ]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        unitId: r.unitId,
        unitName: units.find((u) => u.id === r.unitId)?.name ?? '',
        type: r.type,
        post: r.post,
        leadershipLevel: r.leadershipLevel,
        validFrom: r.validFrom,
        validTo: r.validTo,
        enrolReason: r.enrolReason,
        disenrolReason: r.disenrolReason,
        usePlanNotice: plans.find((p) => p.id === r.usePlanId)?.notice ?? null,
        exceptionNote: r.exceptionNote,
      },
    ]),
  );
}

function personSummary(p: PersonRow, current: z.infer<typeof PlacementInfo> | null): z.infer<typeof PersonSummary> {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    citizenId: p.citizenIdMasked,
    ethnicity: p.ethnicity,
    politicalStatus: p.politicalStatus,
    education: p.education,
    synthetic: p.synthetic,
    current,
  };
}

/** A person is visible when unplaced (being registered) or placed within the reader's scope. */
function visible(a: AuthContext, current: PlacementRow | undefined): boolean {
  return !current || unitInScope(a.scope, current.unitId);
}

export async function getPerson(svc: Services, a: AuthContext, id: string): Promise<z.infer<typeof PersonDetail>> {
  const p = (
    await svc.db
      .select()
      .from(person)
      .where(and(eq(person.id, id), eq(person.regionCode, a.scope.regionCode)))
  )[0];
  if (!p) throw appError('NOT_FOUND', '人员不存在');
  const history = await svc.db
    .select()
    .from(placement)
    .where(eq(placement.personId, id))
    .orderBy(asc(placement.validFrom), asc(placement.createdAt));
  const current = history.find((h) => h.validTo === null);
  if (!visible(a, current)) throw appError('OUT_OF_SCOPE', '该人员不在您的数据范围内');
  const infos = await placementInfos(svc.db, history);
  const edit = a.permissions.has('roster.edit');
  return {
    ...personSummary(p, current ? infos.get(current.id)! : null),
    history: history.map((h) => infos.get(h.id)!),
    actions: {
      enrol: edit && !current,
      disenrol: edit && !!current,
      transfer: edit && !!current,
      revealId: a.permissions.has('roster.revealId'),
    },
  };
}

export async function listPersons(
  svc: Services,
  a: AuthContext,
  q: { unitId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const unitIds = q.unitId
    ? (assertUnitInScope(a.scope, q.unitId), [q.unitId])
    : a.scope.unitIds
      ? [...a.scope.unitIds]
      : null;
  const conds = [eq(person.regionCode, a.scope.regionCode)];
  if (q.q) conds.push(ilike(person.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  // Listing by unit means the persons currently placed there.
  const base = svc.db
    .select({ p: person, pl: placement })
    .from(person)
    .leftJoin(placement, and(eq(placement.personId, person.id), isNull(placement.validTo)))
    .where(and(...conds, ...(unitIds ? [inArray(placement.unitId, unitIds)] : [])));
  const [rows, totals] = await Promise.all([
    base
      .orderBy(asc(person.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    svc.db
      .select({ n: count() })
      .from(person)
      .leftJoin(placement, and(eq(placement.personId, person.id), isNull(placement.validTo)))
      .where(and(...conds, ...(unitIds ? [inArray(placement.unitId, unitIds)] : []))),
  ]);
  const infos = await placementInfos(
    svc.db,
    rows.flatMap((r) => (r.pl ? [r.pl] : [])),
  );
  return { items: rows.map((r) => personSummary(r.p, r.pl ? infos.get(r.pl.id)! : null)), total: totals[0]?.n ?? 0 };
}

/** The full citizen ID, for holders of roster.revealId; every reveal is audited. */
export async function revealCitizenId(svc: Services, a: AuthContext, id: string): Promise<{ citizenId: string }> {
  const detail = await getPerson(svc, a, id); // scope check
  const p = (await svc.db.select().from(person).where(eq(person.id, id)))[0]!;
  const clear = open(svc.keys.data, p.citizenIdSealed).toString();
  await svc.db.transaction((tx) =>
    appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'person.revealCitizenId',
      objectType: 'person',
      objectId: id,
      after: { name: detail.name },
    }),
  );
  return { citizenId: clear };
}

// ── Use plans ───────────────────────────────────────────────────────────────────────────────────

async function consumedBy(db: DbOrTx, planIds: string[]): Promise<Map<string, number>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .select({ id: placement.usePlanId, n: count() })
    .from(placement)
    .where(inArray(placement.usePlanId, planIds))
    .groupBy(placement.usePlanId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

export async function listUsePlans(svc: Services, a: AuthContext, unitId?: string) {
  if (unitId) assertUnitInScope(a.scope, unitId);
  const rows = await svc.db
    .select({ p: usePlan, unitName: unit.name })
    .from(usePlan)
    .innerJoin(unit, eq(unit.id, usePlan.unitId))
    .where(and(eq(usePlan.regionCode, a.scope.regionCode), ...(unitId ? [eq(usePlan.unitId, unitId)] : [])))
    .orderBy(desc(usePlan.createdAt))
    .limit(1000);
  const visibleRows = rows.filter((r) => unitInScope(a.scope, r.p.unitId));
  const consumed = await consumedBy(
    svc.db,
    visibleRows.map((r) => r.p.id),
  );
  const approve = a.permissions.has('usePlan.approve');
  return {
    items: visibleRows.map((r): z.infer<typeof UsePlanSummary> => ({
      id: r.p.id,
      unitId: r.p.unitId,
      unitName: r.unitName,
      type: r.p.type,
      count: r.p.count,
      consumed: consumed.get(r.p.id) ?? 0,
      channel: r.p.channel,
      year: r.p.year,
      state: r.p.state,
      noticeNumber: r.p.noticeNumber,
      approvedAt: r.p.approvedAt?.toISOString() ?? null,
      actions: {
        approve: approve && r.p.state === 'draft',
        revoke: approve && r.p.state === 'approved' && (consumed.get(r.p.id) ?? 0) < r.p.count,
      },
    })),
  };
}

export async function createUsePlan(svc: Services, a: AuthContext, body: z.infer<typeof UsePlanBody>) {
  assertUnitInScope(a.scope, body.unitId);
  const id = await svc.db.transaction(async (tx) => {
    const u = (
      await tx
        .select()
        .from(unit)
        .where(and(eq(unit.id, body.unitId), eq(unit.regionCode, a.scope.regionCode)))
    )[0];
    if (!u || u.status !== 'active') throw appError('VALIDATION_FAILED', '单位不存在或已撤销');
    const [row] = await tx
      .insert(usePlan)
      .values({ regionCode: a.scope.regionCode, ...body, createdBy: a.user.id })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'usePlan.create',
      objectType: 'usePlan',
      objectId: row!.id,
      after: body,
    });
    return row!.id;
  });
  return (await listUsePlans(svc, a, body.unitId)).items.find((p) => p.id === id)!;
}

/** Approval issues the notice number (核准使用编制通知单): 编核〔year〕N号, numbered per region and year. */
export async function approveUsePlan(svc: Services, a: AuthContext, id: string) {
  const unitId = await svc.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`useplan:${a.scope.regionCode}`}))`);
    const p = (
      await tx
        .select()
        .from(usePlan)
        .where(and(eq(usePlan.id, id), eq(usePlan.regionCode, a.scope.regionCode)))
        .for('update')
    )[0];
    if (!p) throw appError('NOT_FOUND', '用编计划不存在');
    assertUnitInScope(a.scope, p.unitId);
    if (p.state !== 'draft') throw appError('STATE_CONFLICT', '只有待核准的用编计划可以核准');
    const seq =
      (
        await tx
          .select({ n: count() })
          .from(usePlan)
          .where(
            and(
              eq(usePlan.regionCode, a.scope.regionCode),
              eq(usePlan.year, p.year),
              sql`${usePlan.noticeNumber} is not null`,
            ),
          )
      )[0]!.n + 1;
    const noticeNumber = `编核〔${p.year}〕${seq}号`;
    await tx
      .update(usePlan)
      .set({ state: 'approved', noticeNumber, approvedBy: a.user.id, approvedAt: new Date() })
      .where(eq(usePlan.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'usePlan.approve',
      objectType: 'usePlan',
      objectId: id,
      after: { noticeNumber },
    });
    return p.unitId;
  });
  return (await listUsePlans(svc, a, unitId)).items.find((p) => p.id === id)!;
}

// ── Placements ──────────────────────────────────────────────────────────────────────────────────

async function lockedUnit(tx: Tx, a: AuthContext, unitId: string) {
  assertUnitInScope(a.scope, unitId);
  const u = (
    await tx
      .select()
      .from(unit)
      .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)))
      .for('update')
  )[0];
  if (!u) throw appError('NOT_FOUND', '单位不存在');
  return u;
}

async function amountOn(
  tx: Tx,
  table: typeof establishmentQuota | typeof leadershipPostQuota,
  unitId: string,
  keyCond: ReturnType<typeof eq>,
  date: string,
): Promise<number> {
  const r = await tx
    .select({ n: sql<number>`coalesce(sum(${table.amount}), 0)::int` })
    .from(table)
    .where(and(eq(table.unitId, unitId), keyCond, inForce(table, date)));
  return r[0]?.n ?? 0;
}

async function countPlaced(tx: Tx, unitId: string, cond: ReturnType<typeof eq>, date: string): Promise<number> {
  const r = await tx
    .select({ n: count() })
    .from(placement)
    .where(and(eq(placement.unitId, unitId), cond, inForce(placement, date)));
  return r[0]?.n ?? 0;
}

/** Checks and writes one enrolment inside the caller's transaction. */
async function enrolIn(
  svc: Services,
  tx: Tx,
  a: AuthContext,
  body: z.infer<typeof EnrolBody>,
  reason: string,
): Promise<string> {
  const u = await lockedUnit(tx, a, body.unitId);
  const p = (
    await tx
      .select()
      .from(person)
      .where(and(eq(person.id, body.personId), eq(person.regionCode, a.scope.regionCode)))
  )[0];
  if (!p) throw appError('NOT_FOUND', '人员不存在');
  const active = (
    await tx
      .select({ unitId: placement.unitId, unitName: unit.name })
      .from(placement)
      .innerJoin(unit, eq(unit.id, placement.unitId))
      .where(and(eq(placement.personId, p.id), isNull(placement.validTo)))
  )[0];
  const type = body.type as EstablishmentType;
  const plan = body.usePlanId
    ? (
        await tx
          .select()
          .from(usePlan)
          .where(and(eq(usePlan.id, body.usePlanId), eq(usePlan.regionCode, a.scope.regionCode)))
          .for('update')
      )[0]
    : undefined;
  if (body.usePlanId && !plan) throw appError('NOT_FOUND', '用编计划不存在');
  const consumed = plan ? ((await consumedBy(tx, [plan.id])).get(plan.id) ?? 0) : 0;
  const violations = checkEnrolment({
    personName: p.name,
    activeUnitName: active?.unitName ?? null,
    unit: { name: u.name, status: u.status },
    type,
    approved: await amountOn(tx, establishmentQuota, u.id, eq(establishmentQuota.type, type), body.date),
    actual: await countPlaced(tx, u.id, eq(placement.type, type), body.date),
    plan: plan
      ? {
          unitMatches: plan.unitId === u.id,
          type: plan.type as EstablishmentType,
          state: plan.state,
          count: plan.count,
          consumed,
          noticeNumber: plan.noticeNumber,
        }
      : null,
    exception:
      !plan && body.exceptionNote
        ? { note: body.exceptionNote, byLeader: a.permissions.has('decision.approve') }
        : null,
    leadership: body.leadershipLevel
      ? {
          level: body.leadershipLevel,
          posts: await amountOn(
            tx,
            leadershipPostQuota,
            u.id,
            eq(leadershipPostQuota.level, body.leadershipLevel),
            body.date,
          ),
          holding: await countPlaced(tx, u.id, eq(placement.leadershipLevel, body.leadershipLevel), body.date),
        }
      : null,
  });
  refuse(violations);
  const exception = !plan && body.exceptionNote;
  const [row] = await tx
    .insert(placement)
    .values({
      regionCode: a.scope.regionCode,
      personId: p.id,
      unitId: u.id,
      type,
      post: body.post ?? null,
      leadershipLevel: body.leadershipLevel ?? null,
      validFrom: body.date,
      enrolReason: reason,
      usePlanId: plan?.id ?? null,
      exceptionApprovedBy: exception ? a.user.id : null,
      exceptionNote: exception ? body.exceptionNote! : null,
    })
    .returning();
  await appendAudit(tx, svc.keys.audit, a.actor, {
    action: 'roster.enrol',
    objectType: 'person',
    objectId: p.id,
    after: {
      unitId: u.id,
      unit: u.name,
      type,
      reason,
      date: body.date,
      usePlan: plan?.noticeNumber ?? null,
      exception: exception ? body.exceptionNote : null,
    },
  });
  return row!.id;
}

export async function enrol(svc: Services, a: AuthContext, body: z.infer<typeof EnrolBody>) {
  await svc.db.transaction((tx) => enrolIn(svc, tx, a, body, body.reason));
  return getPerson(svc, a, body.personId);
}

async function disenrolIn(
  svc: Services,
  tx: Tx,
  a: AuthContext,
  personId: string,
  reason: string,
  date: string,
): Promise<PlacementRow> {
  const current = (
    await tx
      .select()
      .from(placement)
      .where(
        and(eq(placement.personId, personId), eq(placement.regionCode, a.scope.regionCode), isNull(placement.validTo)),
      )
      .for('update')
  )[0];
  if (!current) throw appError('STATE_CONFLICT', '该人员当前不在编，无需下编');
  await lockedUnit(tx, a, current.unitId);
  if (date < current.validFrom) throw appError('VALIDATION_FAILED', `下编日期${date}早于上编日期${current.validFrom}`);
  await tx.update(placement).set({ validTo: date, disenrolReason: reason }).where(eq(placement.id, current.id));
  await appendAudit(tx, svc.keys.audit, a.actor, {
    action: 'roster.disenrol',
    objectType: 'person',
    objectId: personId,
    before: { unitId: current.unitId, type: current.type },
    after: { reason, date },
  });
  return current;
}

export async function disenrol(svc: Services, a: AuthContext, body: z.infer<typeof DisenrolBody>) {
  await svc.db.transaction((tx) => disenrolIn(svc, tx, a, body.personId, body.reason, body.date));
  return getPerson(svc, a, body.personId);
}

/** 调动: disenrol here and enrol there in one transaction; either both happen or neither. */
export async function transfer(svc: Services, a: AuthContext, body: z.infer<typeof TransferBody>) {
  await svc.db.transaction(async (tx) => {
    const from = await disenrolIn(svc, tx, a, body.personId, body.outReason, body.date);
    if (from.unitId === body.unitId && from.type === body.type)
      throw appError('VALIDATION_FAILED', '调入单位和编制类型与现单位相同，无需调动');
    await enrolIn(svc, tx, a, { ...body, reason: body.inReason }, body.inReason);
  });
  return getPerson(svc, a, body.personId);
}
