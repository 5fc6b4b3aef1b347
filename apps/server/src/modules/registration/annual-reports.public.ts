/**
 * The public portal's view of the register (no session): search registered institutions by name
 * or USCC, an institution's published annual reports and its published inspection results.
 *
 * Never personal data: no citizen IDs, no person names other than the legal representative as
 * registered — no filer, reviewer or inspector names, no internal ids.
 */
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import {
  FUNDING_FORM_LABELS,
  INSPECTION_RESULT_LABELS,
  type InspectionResult,
  type PublicInstitution,
  type PublicInstitutionDetail,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appError } from '../../platform/http/errors.js';
import { annualReport, randomInspection, randomInspectionResult } from './annual.schema.js';
import { legalPerson } from './registration.schema.js';

type Pub = z.infer<typeof PublicInstitution>;

const STATUS_LABELS: Record<string, string> = { active: '存续', abnormal: '列入异常名录', deregistered: '已注销' };

function publicOf(lp: typeof legalPerson.$inferSelect, sponsorName: string | null): Pub {
  return {
    uscc: lp.uscc,
    name: lp.name,
    regionCode: lp.regionCode,
    legalRepresentative: lp.legalRepresentative,
    address: lp.address,
    sponsorName,
    fundingSource: lp.fundingSource
      ? (FUNDING_FORM_LABELS[lp.fundingSource as keyof typeof FUNDING_FORM_LABELS] ?? lp.fundingSource)
      : null,
    status: lp.status,
    statusLabel: STATUS_LABELS[lp.status] ?? lp.status,
    registeredOn: lp.registeredOn,
  };
}

async function sponsorNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  return new Map(
    (await db.select({ id: unit.id, name: unit.name }).from(unit).where(inArray(unit.id, list))).map((u) => [
      u.id,
      u.name,
    ]),
  );
}

/** Search by name (contains) or USCC (prefix, case-insensitive) among registered institutions. */
export async function publicSearch(
  db: DbOrTx,
  q: { q: string; regionCode?: string | undefined },
): Promise<{ items: Pub[] }> {
  const text = q.q.trim();
  const conds: SQL[] = [
    eq(legalPerson.kind, 'institution'),
    inArray(legalPerson.status, ['active', 'abnormal', 'deregistered']),
  ];
  if (q.regionCode) conds.push(eq(legalPerson.regionCode, q.regionCode));
  const code = text.replace(/\s+/g, '').toUpperCase();
  conds.push(
    /^[0-9A-Z]{4,18}$/.test(code)
      ? or(ilike(legalPerson.uscc, `${code}%`), ilike(legalPerson.name, `%${text}%`))!
      : ilike(legalPerson.name, `%${text}%`),
  );
  const rows = await db
    .select()
    .from(legalPerson)
    .where(and(...conds))
    .orderBy(asc(legalPerson.name))
    .limit(50);
  const names = await sponsorNames(
    db,
    rows.map((r) => r.sponsorUnitId),
  );
  return { items: rows.map((r) => publicOf(r, r.sponsorUnitId ? (names.get(r.sponsorUnitId) ?? null) : null)) };
}

export async function publicInstitution(db: DbOrTx, uscc: string): Promise<PublicInstitutionDetail> {
  const lp = (
    await db
      .select()
      .from(legalPerson)
      .where(and(eq(legalPerson.uscc, uscc), eq(legalPerson.kind, 'institution')))
  )[0];
  if (!lp) throw appError('NOT_FOUND', `未找到统一社会信用代码为 ${uscc} 的事业单位法人`);
  const names = await sponsorNames(db, [lp.sponsorUnitId]);
  const reports = await db
    .select()
    .from(annualReport)
    .where(and(eq(annualReport.legalPersonId, lp.id), eq(annualReport.state, 'published')))
    .orderBy(desc(annualReport.year));
  const inspections = await db
    .select({
      r: randomInspectionResult,
      title: randomInspection.title,
      year: randomInspection.year,
      publishedOn: randomInspection.publishedOn,
    })
    .from(randomInspectionResult)
    .innerJoin(randomInspection, eq(randomInspection.id, randomInspectionResult.campaignId))
    .where(
      and(
        eq(randomInspectionResult.legalPersonId, lp.id),
        eq(randomInspection.state, 'published'),
        isNotNull(randomInspectionResult.result),
      ),
    )
    .orderBy(desc(randomInspection.year));
  return {
    institution: publicOf(lp, lp.sponsorUnitId ? (names.get(lp.sponsorUnitId) ?? null) : null),
    annualReports: reports.map((r) => ({
      year: r.year,
      publishedOn: r.publishedOn ?? '',
      submittedOn: r.firstSubmittedOn,
      late: r.late,
      content: {
        activities: r.activities,
        changes: r.changes,
        totalAssets: r.totalAssets,
        netAssetsStart: r.netAssetsStart,
        netAssetsEnd: r.netAssetsEnd,
        awardsAndPenalties: r.awardsAndPenalties,
        donations: r.donations,
        auditOpinion: r.auditOpinion,
      },
      staffing: { asOf: r.staffAsOf ?? `${r.year}-12-31`, approved: r.staffApproved ?? 0, actual: r.staffActual ?? 0 },
    })),
    inspections: inspections.map(({ r, title, year, publishedOn }) => ({
      campaignTitle: title,
      year,
      publishedOn: publishedOn ?? '',
      result: r.result as InspectionResult,
      resultLabel: INSPECTION_RESULT_LABELS[r.result as InspectionResult] ?? r.result ?? '',
      findings: r.findings,
      inspectedOn: r.inspectedOn,
      rectificationDueOn: r.rectificationDueOn,
      rectificationDoneOn: r.rectificationDoneOn,
    })),
  };
}
