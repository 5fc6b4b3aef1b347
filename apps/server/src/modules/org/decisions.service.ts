/**
 * Establishment decisions (机构编制事项): draft → submitted → approved (office leader) → applied.
 * Applying runs the pure planner on the region's state and writes the plan in one transaction,
 * under a per-region lock so that two decisions never apply at once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { DecisionItemSchema, type DecisionBodyT, type DecisionItem } from '@bianban/contracts';
import type { z } from 'zod';
import type { DecisionDetail, DecisionPreview, DecisionSummary } from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { appError } from '../../platform/http/errors.js';
import { decisionItem, establishmentDecision } from './org.schema.js';
import { latestHistoryDate, loadRegionState, writePlan } from './org.repository.js';
import { planDecision, type Plan } from './domain/plan.js';

type Row = typeof establishmentDecision.$inferSelect;
type Summary = z.infer<typeof DecisionSummary>;

function actions(a: AuthContext, d: Row): Summary['actions'] {
  const edit = a.permissions.has('decision.edit');
  const approve = a.permissions.has('decision.approve');
  return {
    edit: edit && (d.state === 'draft' || d.state === 'rejected'),
    submit: edit && (d.state === 'draft' || d.state === 'rejected'),
    approve: approve && d.state === 'submitted',
    reject: approve && d.state === 'submitted',
    apply: (edit || approve) && d.state === 'approved',
  };
}

function summary(a: AuthContext, d: Row): Summary {
  return {
    id: d.id,
    docNumber: d.docNumber,
    docDate: d.docDate,
    effectiveDate: d.effectiveDate,
    approvingBody: d.approvingBody,
    title: d.title,
    state: d.state as Summary['state'],
    rejectReason: d.rejectReason,
    createdAt: d.createdAt.toISOString(),
    appliedAt: d.appliedAt?.toISOString() ?? null,
    actions: actions(a, d),
  };
}

async function load(db: DbOrTx, a: AuthContext, id: string, lock = false): Promise<Row> {
  const q = db
    .select()
    .from(establishmentDecision)
    .where(and(eq(establishmentDecision.id, id), eq(establishmentDecision.regionCode, a.scope.regionCode)));
  const row = (await (lock ? q.for('update') : q))[0];
  if (!row) throw appError('NOT_FOUND', '机构编制事项不存在');
  return row;
}

async function itemsOf(db: DbOrTx, id: string): Promise<DecisionItem[]> {
  const rows = await db
    .select()
    .from(decisionItem)
    .where(eq(decisionItem.decisionId, id))
    .orderBy(asc(decisionItem.seq));
  return rows.map((r) => DecisionItemSchema.parse(r.payload));
}

async function writeItems(tx: Tx, regionCode: string, id: string, items: DecisionItem[]): Promise<void> {
  await tx.delete(decisionItem).where(eq(decisionItem.decisionId, id));
  await tx
    .insert(decisionItem)
    .values(items.map((payload, i) => ({ regionCode, decisionId: id, seq: i + 1, kind: payload.kind, payload })));
}

export async function listDecisions(svc: Services, a: AuthContext): Promise<{ items: Summary[] }> {
  const rows = await svc.db
    .select()
    .from(establishmentDecision)
    .where(eq(establishmentDecision.regionCode, a.scope.regionCode))
    .orderBy(desc(establishmentDecision.createdAt))
    .limit(500);
  return { items: rows.map((r) => summary(a, r)) };
}

export async function getDecision(svc: Services, a: AuthContext, id: string): Promise<z.infer<typeof DecisionDetail>> {
  const row = await load(svc.db, a, id);
  return { ...summary(a, row), items: await itemsOf(svc.db, id) };
}

async function assertDocNumberFree(
  tx: DbOrTx,
  regionCode: string,
  docNumber: string,
  exceptId: string | null,
): Promise<void> {
  const dup = await tx
    .select({ id: establishmentDecision.id })
    .from(establishmentDecision)
    .where(and(eq(establishmentDecision.regionCode, regionCode), eq(establishmentDecision.docNumber, docNumber)));
  if (dup.some((d) => d.id !== exceptId)) throw appError('CONFLICT', `文号“${docNumber}”已被其他机构编制事项使用`);
}

/**
 * Records a new draft decision in the caller's transaction (with its audit row); returns its id.
 * Used by the editor and by the units import, which drafts one decision from a file.
 */
export async function insertDraftDecision(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  by: { regionCode: string; userId: string | null },
  body: DecisionBodyT,
): Promise<string> {
  await assertDocNumberFree(tx, by.regionCode, body.docNumber, null);
  const [row] = await tx
    .insert(establishmentDecision)
    .values({
      regionCode: by.regionCode,
      docNumber: body.docNumber,
      docDate: body.docDate,
      effectiveDate: body.effectiveDate,
      approvingBody: body.approvingBody,
      title: body.title,
      createdBy: by.userId,
    })
    .returning();
  await writeItems(tx, by.regionCode, row!.id, body.items);
  await appendAudit(tx, auditKey, actor, {
    action: 'decision.create',
    objectType: 'decision',
    objectId: row!.id,
    after: body,
  });
  return row!.id;
}

export { assertDocNumberFree };

export async function createDecision(svc: Services, a: AuthContext, body: DecisionBodyT) {
  const id = await svc.db.transaction((tx) =>
    insertDraftDecision(tx, svc.keys.audit, a.actor, { regionCode: a.scope.regionCode, userId: a.user.id }, body),
  );
  return getDecision(svc, a, id);
}

export async function updateDecision(svc: Services, a: AuthContext, id: string, body: DecisionBodyT) {
  await svc.db.transaction(async (tx) => {
    const row = await load(tx, a, id, true);
    if (!actions(a, row).edit) throw appError('STATE_CONFLICT', `“${row.docNumber}”处于${row.state}状态，不能修改`);
    await assertDocNumberFree(tx, a.scope.regionCode, body.docNumber, id);
    const before = { ...row, items: await itemsOf(tx, id) };
    await tx
      .update(establishmentDecision)
      .set({
        docNumber: body.docNumber,
        docDate: body.docDate,
        effectiveDate: body.effectiveDate,
        approvingBody: body.approvingBody,
        title: body.title,
      })
      .where(eq(establishmentDecision.id, id));
    await writeItems(tx, a.scope.regionCode, id, body.items);
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'decision.update',
      objectType: 'decision',
      objectId: id,
      before,
      after: body,
    });
  });
  return getDecision(svc, a, id);
}

/** The plan of a decision against the current state, with the effective-date rule added. */
async function planFor(db: DbOrTx, regionCode: string, row: Row, items: DecisionItem[]): Promise<Plan> {
  const plan = planDecision(await loadRegionState(db, regionCode), items, randomUUID);
  const latest = await latestHistoryDate(db, regionCode);
  if (latest && row.effectiveDate < latest) {
    plan.violations.unshift({
      rule: 'EFFECTIVE_DATE_BEFORE_HISTORY',
      item: null,
      message: `生效日期${row.effectiveDate}早于已执行的最近变动日期${latest}；机构编制事项须按日期顺序执行`,
    });
  }
  return plan;
}

function present(
  plan: Plan,
  items: DecisionItem[],
  effectiveDate: string,
  before: Awaited<ReturnType<typeof loadRegionState>>,
  moved: Map<string, number>,
): z.infer<typeof DecisionPreview> {
  const name = (id: string) => plan.after.units.get(id)?.name ?? id;
  const createdIds = new Set(plan.created.values());
  const unitChanges = [...plan.changedUnits]
    .filter((id) => !createdIds.has(id))
    .map((id) => {
      const b = before.units.get(id)!;
      const n = plan.after.units.get(id)!;
      const parts: string[] = [];
      if (b.name !== n.name) parts.push(`更名：${b.name} → ${n.name}`);
      if (b.parentId !== n.parentId)
        parts.push(
          `隶属调整：${b.parentId ? name(b.parentId) : '（顶层）'} → ${n.parentId ? name(n.parentId) : '（顶层）'}`,
        );
      if (b.status !== n.status) parts.push(n.status === 'revoked' ? '撤销' : '恢复');
      if (b.kind !== n.kind || b.rank !== n.rank || b.category !== n.category || b.fundingForm !== n.fundingForm)
        parts.push('调整机构属性');
      if (b.nameplates.join('|') !== n.nameplates.join('|')) parts.push(`加挂牌子：${n.nameplates.join('、') || '无'}`);
      if ((b.functions ?? null) !== (n.functions ?? null)) parts.push('调整主要职责（三定）');
      return { unitId: id, name: n.name, change: parts.join('；') || '调整' };
    });
  return {
    effectiveDate,
    created: items.flatMap((it) => (it.kind === 'createUnit' ? [{ ref: it.ref, name: it.attributes.name }] : [])),
    unitChanges,
    quotaEffects: [
      ...plan.quotaEffects.filter((e) => e.before !== e.after),
      ...plan.offCapEffects.map((e) => ({ ...e, type: 'offCap', label: '编外用工控制数' })),
    ],
    controlEffects: plan.controlEffects,
    reassignments: plan.reassignments.map((r) => ({
      from: name(r.fromUnitId),
      to: name(r.toUnitId),
      persons: moved.get(`${r.fromUnitId}|${r.toUnitId}`) ?? 0,
    })),
    violations: plan.violations,
  };
}

export async function previewDecision(svc: Services, a: AuthContext, id: string) {
  const row = await load(svc.db, a, id);
  const items = await itemsOf(svc.db, id);
  const before = await loadRegionState(svc.db, a.scope.regionCode);
  const plan = await planFor(svc.db, a.scope.regionCode, row, items);
  const moved = new Map(
    plan.reassignments.map((r) => [
      `${r.fromUnitId}|${r.toUnitId}`,
      Object.values(before.actual.get(r.fromUnitId) ?? {}).reduce((x, y) => x + (y ?? 0), 0),
    ]),
  );
  return present(plan, items, row.effectiveDate, before, moved);
}

function refuse(plan: Plan): void {
  if (plan.violations.length) {
    throw appError(
      'RULE_VIOLATION',
      `违反机构编制规则：${plan.violations.map((v) => v.message).join('；')}`,
      plan.violations,
    );
  }
}

async function transition(
  svc: Services,
  a: AuthContext,
  id: string,
  allowed: keyof Summary['actions'],
  next: Partial<typeof establishmentDecision.$inferInsert>,
  action: string,
  check = false,
) {
  await svc.db.transaction(async (tx) => {
    const row = await load(tx, a, id, true);
    if (!actions(a, row)[allowed])
      throw appError('STATE_CONFLICT', `“${row.docNumber}”当前状态（${row.state}）不允许此操作`);
    if (check) refuse(await planFor(tx, a.scope.regionCode, row, await itemsOf(tx, id)));
    await tx.update(establishmentDecision).set(next).where(eq(establishmentDecision.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action,
      objectType: 'decision',
      objectId: id,
      before: { state: row.state },
      after: { state: next.state, ...(next.rejectReason ? { reason: next.rejectReason } : {}) },
    });
  });
  return getDecision(svc, a, id);
}

export const submitDecision = (svc: Services, a: AuthContext, id: string) =>
  transition(
    svc,
    a,
    id,
    'submit',
    { state: 'submitted', submittedAt: new Date(), rejectReason: null },
    'decision.submit',
    true,
  );
export const approveDecision = (svc: Services, a: AuthContext, id: string) =>
  transition(
    svc,
    a,
    id,
    'approve',
    { state: 'approved', approvedBy: a.user.id, approvedAt: new Date() },
    'decision.approve',
    true,
  );
export const rejectDecision = (svc: Services, a: AuthContext, id: string, reason: string) =>
  transition(svc, a, id, 'reject', { state: 'rejected', rejectReason: reason }, 'decision.reject');

export async function applyDecision(svc: Services, a: AuthContext, id: string) {
  await svc.db.transaction(async (tx) => {
    // One decision at a time per region: the state read below must still hold when we write.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org:${a.scope.regionCode}`}))`);
    const row = await load(tx, a, id, true);
    if (!actions(a, row).apply) throw appError('STATE_CONFLICT', `“${row.docNumber}”须先经批准才能执行`);
    const items = await itemsOf(tx, id);
    const plan = await planFor(tx, a.scope.regionCode, row, items);
    refuse(plan);
    const { reassignedPersons } = await writePlan(tx, a.scope.regionCode, plan, row.effectiveDate, id);
    await tx
      .update(establishmentDecision)
      .set({ state: 'applied', appliedAt: new Date() })
      .where(eq(establishmentDecision.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'decision.apply',
      objectType: 'decision',
      objectId: id,
      after: {
        docNumber: row.docNumber,
        effectiveDate: row.effectiveDate,
        created: Object.fromEntries(plan.created),
        quotaEffects: plan.quotaEffects,
        controlEffects: plan.controlEffects,
        reassignedPersons,
      },
    });
  });
  return getDecision(svc, a, id);
}
