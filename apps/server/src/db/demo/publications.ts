/**
 * Demo reports (first start with demo data only): the office's 2021 部门决算情况说明 regenerated
 * from the demo facts (seed 002) and published through the real pipeline — checks, rendering to
 * DOCX/PDF/HTML, SM3 digests, SM2 signature, audit — so that the public portal shows an office
 * with a report; and a draft self-evaluation report on the 2021 evaluation, still being written.
 *
 * Runs after the bootstrap transaction, as the demo office leader (the publication records who
 * published), because publishing renders outside its own transaction. Nothing here is typed in:
 * every number comes from the facts. The approval date (批复日期) is not in the seed; the demo
 * uses a date within the 20-day window before the publication so the deadline list has a record.
 */
import { and, eq } from 'drizzle-orm';
import { permissionsOf, type Role } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import { createReport } from '../../modules/reports/reports.service.js';
import { addDays } from '../../modules/reports/publication.rules.js';
import { preflight, publishReport } from '../../modules/reports/publication.service.js';
import { evaluation } from '../../modules/performance/performance.schema.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { todayInChina } from '../../modules/org/figures.service.js';
import type { Db } from '../client.js';
import { appUser, region, unit } from '../schema.js';

export const DEMO_OFFICE_NAME = '中共攀枝花市西区区委机构编制委员会办公室';
const DEMO_REPORT_YEAR = 2021;

async function leaderContext(db: Db, regionCode: string, username: string): Promise<AuthContext | null> {
  const u = (
    await db
      .select()
      .from(appUser)
      .where(and(eq(appUser.regionCode, regionCode), eq(appUser.username, username)))
  )[0];
  if (!u) return null;
  const regionName = (await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode)))[0]
    ?.name;
  const roles: Role[] = ['officeLeader'];
  return {
    tokenHash: '',
    csrfToken: '',
    user: u,
    regionName: regionName ?? regionCode,
    scopeUnitName: null,
    roles,
    permissions: new Set(permissionsOf(roles)),
    scope: await resolveScope(db, regionCode, null),
    state: 'active',
    passwordChangeReason: null,
    idleTimeoutSeconds: 0,
    passwordExpiresAt: null,
    actor: { userId: u.id, username: u.username, role: 'officeLeader', ip: null, requestId: 'demo', regionCode },
  };
}

/** Returns the titles published (empty when the demo office or its leader account is absent). */
export async function loadDemoReports(db: Db, keys: Keys, regionCode: string): Promise<string[]> {
  const a = await leaderContext(db, regionCode, 'leader');
  const office = (
    await db
      .select({ id: unit.id })
      .from(unit)
      .where(and(eq(unit.regionCode, regionCode), eq(unit.name, DEMO_OFFICE_NAME)))
  )[0];
  if (!a || !office) return [];
  const svc = { db, keys };

  const accounts = await createReport(svc, a, { kind: 'finalAccounts', unitId: office.id, year: DEMO_REPORT_YEAR });
  // Warnings (if any) are accepted with a reason, as a leader would; errors would refuse it.
  const { findings } = await preflight(svc, a, accounts.id);
  const published = await publishReport(svc, a, accounts.id, {
    approvedOn: addDays(todayInChina(), -3),
    acceptWarnings: findings
      .filter((f) => f.severity === 'warning')
      .map((f) => ({ key: f.key, reason: '演示数据：已核对，予以说明' })),
  });

  const ev = (
    await db
      .select({ id: evaluation.id })
      .from(evaluation)
      .where(and(eq(evaluation.unitId, office.id), eq(evaluation.year, DEMO_REPORT_YEAR)))
  )[0];
  if (ev)
    await createReport(svc, a, {
      kind: 'selfEvaluation',
      unitId: office.id,
      year: DEMO_REPORT_YEAR,
      evaluationId: ev.id,
    });
  return [published.title];
}
