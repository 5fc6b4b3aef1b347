/**
 * Off-establishment staff (编外用工): units (or the office) report how many they employ outside the
 * establishment on a date; the cap comes from decisions. A report over the cap is accepted — it is
 * a fact — and flagged, in the answer and in the figures.
 */
import { inForce } from '../../db/as-of.js';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { OffEstablishmentReport, OffEstablishmentReportBody } from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { offEstablishmentCap, offEstablishmentReport } from './org.schema.js';

type Report = z.infer<typeof OffEstablishmentReport>;

async function capOn(db: DbOrTx, unitId: string, date: string): Promise<number> {
  const r = await db
    .select({ amount: offEstablishmentCap.amount })
    .from(offEstablishmentCap)
    .where(and(eq(offEstablishmentCap.unitId, unitId), inForce(offEstablishmentCap, date)));
  return r[0]?.amount ?? 0;
}

export async function listOffEstablishmentReports(
  svc: Services,
  a: AuthContext,
  unitId: string,
): Promise<{ items: Report[] }> {
  assertUnitInScope(a.scope, unitId);
  const rows = await svc.db
    .select({ r: offEstablishmentReport, unitName: unit.name })
    .from(offEstablishmentReport)
    .innerJoin(unit, eq(unit.id, offEstablishmentReport.unitId))
    .where(
      and(eq(offEstablishmentReport.regionCode, a.scope.regionCode), inArray(offEstablishmentReport.unitId, [unitId])),
    )
    .orderBy(desc(offEstablishmentReport.asOf))
    .limit(120);
  const items: Report[] = [];
  for (const { r, unitName } of rows) {
    const cap = await capOn(svc.db, r.unitId, r.asOf);
    items.push({
      id: r.id,
      unitId: r.unitId,
      unitName,
      asOf: r.asOf,
      count: r.count,
      cap,
      over: Math.max(0, r.count - cap),
      reportedAt: r.reportedAt.toISOString(),
    });
  }
  return { items };
}

/** One report per unit and date: a second report for the same date replaces the first (audited). */
export async function reportOffEstablishment(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof OffEstablishmentReportBody>,
): Promise<Report> {
  assertUnitInScope(a.scope, body.unitId);
  const saved = await svc.db.transaction(async (tx) => {
    const u = (
      await tx
        .select()
        .from(unit)
        .where(and(eq(unit.id, body.unitId), eq(unit.regionCode, a.scope.regionCode)))
    )[0];
    if (!u || u.status !== 'active') throw appError('VALIDATION_FAILED', '单位不存在或已撤销');
    const before = (
      await tx
        .select()
        .from(offEstablishmentReport)
        .where(and(eq(offEstablishmentReport.unitId, body.unitId), eq(offEstablishmentReport.asOf, body.asOf)))
    )[0];
    const [row] = await tx
      .insert(offEstablishmentReport)
      .values({
        regionCode: a.scope.regionCode,
        unitId: body.unitId,
        asOf: body.asOf,
        count: body.count,
        reportedBy: a.user.id,
      })
      .onConflictDoUpdate({
        target: [offEstablishmentReport.unitId, offEstablishmentReport.asOf],
        set: { count: body.count, reportedBy: a.user.id, reportedAt: new Date() },
      })
      .returning();
    const cap = await capOn(tx, body.unitId, body.asOf);
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'offEstablishment.report',
      objectType: 'unit',
      objectId: body.unitId,
      before: before ? { asOf: before.asOf, count: before.count } : null,
      after: { asOf: body.asOf, count: body.count, cap },
    });
    return { row: row!, unitName: u.name, cap };
  });
  return {
    id: saved.row.id,
    unitId: saved.row.unitId,
    unitName: saved.unitName,
    asOf: saved.row.asOf,
    count: saved.row.count,
    cap: saved.cap,
    over: Math.max(0, saved.row.count - saved.cap),
    reportedAt: saved.row.reportedAt.toISOString(),
  };
}
