/**
 * The counts the performance evaluation reads (seed 000: "按期完成682个事业单位法人年度报告审查和
 * 公示工作", "按期完成135个事业单位法人公示信息抽查"). For an evaluation of year Y:
 * - the reports reviewed and published in Y are those of report year Y − 1 (filed by 31 March of Y);
 * - the inspections completed are the institutions with a recorded result in Y's campaigns.
 */
import { and, count, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { MetricKey } from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { RegistrationCounts } from '../performance/domain/metrics.js';
import { annualReport, randomInspection, randomInspectionResult } from './annual.schema.js';
import { legalPerson } from './registration.schema.js';

export const REGISTRATION_METRICS: readonly MetricKey[] = [
  'annualReportsPublished',
  'annualReportPublicationRate',
  'inspectionsCompleted',
];

/** Institutions due to file for `year`: registered by its end and not deregistered (an abnormal one still files). */
export function dueCondition(regionCode: string, year: number) {
  return and(
    eq(legalPerson.regionCode, regionCode),
    eq(legalPerson.kind, 'institution'),
    inArray(legalPerson.status, ['active', 'abnormal']),
    lte(legalPerson.registeredOn, `${year}-12-31`),
  );
}

export async function registrationCounts(
  db: DbOrTx,
  regionCode: string,
  evaluationYear: number,
): Promise<RegistrationCounts> {
  const reportYear = evaluationYear - 1;
  const [due] = await db.select({ n: count() }).from(legalPerson).where(dueCondition(regionCode, reportYear));
  const [published] = await db
    .select({ n: count() })
    .from(annualReport)
    .innerJoin(legalPerson, eq(legalPerson.id, annualReport.legalPersonId))
    .where(
      and(dueCondition(regionCode, reportYear), eq(annualReport.year, reportYear), eq(annualReport.state, 'published')),
    );
  const [inspected] = await db
    .select({ n: sql<number>`count(distinct ${randomInspectionResult.legalPersonId})::int` })
    .from(randomInspectionResult)
    .innerJoin(randomInspection, eq(randomInspection.id, randomInspectionResult.campaignId))
    .where(
      and(
        eq(randomInspection.regionCode, regionCode),
        eq(randomInspection.year, evaluationYear),
        isNotNull(randomInspectionResult.result),
      ),
    );
  return {
    reportYear,
    reportsDue: due?.n ?? 0,
    reportsPublished: published?.n ?? 0,
    inspectionsCompleted: inspected?.n ?? 0,
  };
}
