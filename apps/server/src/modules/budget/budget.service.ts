/**
 * Budget years (部门预算和决算): read, save (create or replace, draft only), finalise and reopen.
 * Every write runs in one transaction with its audit row. A save is refused when a rule of
 * `domain/validate.ts` is broken (the message names the table, row and column) and answered with
 * the identity warnings otherwise — warnings never block: published reports do not always balance.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  budgetIdentityWarnings,
  type BudgetYearDetailT,
  type BudgetYearDoc,
  type BudgetYearStatus,
} from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { unitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { classification } from './classification.js';
import { findYear, readDoc, writeDoc, type BudgetYearRow } from './budget.repository.js';
import { budgetYear } from './budget.schema.js';
import { describeLocation, validateBudgetDoc, type BudgetFinding } from './domain/validate.js';

const OUT = '该单位不存在或不在您的数据范围内';

/** The unit, when it is in the reader's region and unit subtree; otherwise OUT_OF_SCOPE (same answer for both). */
export async function unitForBudget(db: DbOrTx, a: AuthContext, unitId: string): Promise<{ id: string; name: string }> {
  if (!unitInScope(a.scope, unitId)) throw appError('OUT_OF_SCOPE', OUT);
  const u = (
    await db
      .select({ id: unit.id, name: unit.name })
      .from(unit)
      .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)))
  )[0];
  if (!u) throw appError('OUT_OF_SCOPE', OUT);
  return u;
}

export function findingMessages(findings: BudgetFinding[]): string[] {
  return findings.map((f) => `${describeLocation(f)}${f.message}`);
}

/** Throws VALIDATION_FAILED listing every broken rule, each naming its table, row and column. */
export function assertValid(doc: BudgetYearDoc, year: number): void {
  const findings = validateBudgetDoc(doc, classification().year(year));
  if (findings.length) {
    const messages = findingMessages(findings);
    throw appError(
      'VALIDATION_FAILED',
      messages.join('；'),
      findings.map((f, i) => ({
        rule: f.rule,
        table: f.table,
        row: f.index === null ? null : f.index + 1,
        field: f.field,
        message: messages[i],
      })),
    );
  }
}

function summary(r: BudgetYearRow, unitName: string) {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName,
    year: r.year,
    status: r.status as BudgetYearStatus,
    incomeTotalFinal: r.incomeTotalFinal,
    expenditureTotalFinal: r.expenditureTotalFinal,
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function detail(db: DbOrTx, a: AuthContext, r: BudgetYearRow, unitName: string): Promise<BudgetYearDetailT> {
  const doc = await readDoc(db, r);
  return {
    ...summary(r, unitName),
    doc,
    warnings: budgetIdentityWarnings(doc),
    canEdit: a.permissions.has('budget.edit') && r.status === 'draft',
  };
}

export async function listBudgetYears(svc: Services, a: AuthContext, unitId?: string) {
  if (unitId) await unitForBudget(svc.db, a, unitId);
  const rows = await svc.db
    .select({ y: budgetYear, unitName: unit.name })
    .from(budgetYear)
    .innerJoin(unit, eq(unit.id, budgetYear.unitId))
    .where(
      and(
        eq(budgetYear.regionCode, a.scope.regionCode),
        ...(unitId
          ? [eq(budgetYear.unitId, unitId)]
          : a.scope.unitIds
            ? [inArray(budgetYear.unitId, [...a.scope.unitIds])]
            : []),
      ),
    )
    .orderBy(asc(unit.name), asc(budgetYear.year))
    .limit(1000);
  return { items: rows.map((r) => summary(r.y, r.unitName)) };
}

export async function getBudgetYear(svc: Services, a: AuthContext, unitId: string, year: number) {
  const u = await unitForBudget(svc.db, a, unitId);
  const r = await findYear(svc.db, unitId, year);
  if (!r) throw appError('NOT_FOUND', `${u.name}${year}年度的预算和决算尚未填报`);
  return detail(svc.db, a, r, u.name);
}

/** Locks the year's row (when there is one) so that two saves of the same year do not interleave. */
async function lockYear(tx: Tx, unitId: string, year: number): Promise<BudgetYearRow | null> {
  return (
    (
      await tx
        .select()
        .from(budgetYear)
        .where(and(eq(budgetYear.unitId, unitId), eq(budgetYear.year, year)))
        .for('update')
    )[0] ?? null
  );
}

/** Writes a validated document in the caller's transaction, with its audit row. */
export async function saveDocInTx(
  tx: Tx,
  svc: Services,
  a: AuthContext,
  u: { id: string; name: string },
  year: number,
  doc: BudgetYearDoc,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<BudgetYearRow> {
  const before = await lockYear(tx, u.id, year);
  if (before?.status === 'finalised')
    throw appError('STATE_CONFLICT', `${u.name}${year}年度的预算和决算已定稿，须先退回填报才能修改`);
  const beforeDoc = before ? await readDoc(tx, before) : null;
  const row = await writeDoc(tx, { regionCode: a.scope.regionCode, unitId: u.id, year, userId: a.user.id }, doc);
  await appendAudit(tx, svc.keys.audit, a.actor, {
    action,
    objectType: 'budgetYear',
    objectId: row.id,
    before: beforeDoc ? { unitId: u.id, year, doc: beforeDoc } : null,
    after: { unitId: u.id, unitName: u.name, year, doc, ...extra },
  });
  return row;
}

export async function saveBudgetYear(svc: Services, a: AuthContext, unitId: string, year: number, doc: BudgetYearDoc) {
  const u = await unitForBudget(svc.db, a, unitId);
  assertValid(doc, year);
  const row = await svc.db.transaction((tx) => saveDocInTx(tx, svc, a, u, year, doc, 'budget.save'));
  return detail(svc.db, a, row, u.name);
}

export async function setBudgetYearStatus(
  svc: Services,
  a: AuthContext,
  unitId: string,
  year: number,
  status: BudgetYearStatus,
) {
  const u = await unitForBudget(svc.db, a, unitId);
  const row = await svc.db.transaction(async (tx) => {
    const before = await lockYear(tx, unitId, year);
    if (!before) throw appError('NOT_FOUND', `${u.name}${year}年度的预算和决算尚未填报`);
    if (before.status === status)
      throw appError('STATE_CONFLICT', status === 'finalised' ? '该年度已定稿' : '该年度已在填报中');
    const [r] = await tx
      .update(budgetYear)
      .set({
        status,
        finalisedAt: status === 'finalised' ? new Date() : null,
        updatedBy: a.user.id,
        updatedAt: new Date(),
      })
      .where(eq(budgetYear.id, before.id))
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: status === 'finalised' ? 'budget.finalise' : 'budget.reopen',
      objectType: 'budgetYear',
      objectId: before.id,
      before: { status: before.status },
      after: { unitId, year, status },
    });
    return r!;
  });
  return detail(svc.db, a, row, u.name);
}

export function functionCodes(year: number) {
  const c = classification().year(year);
  return {
    year,
    functionCodes: [...c.function.values()],
    economicCodes: [...c.economic.values()],
  };
}
