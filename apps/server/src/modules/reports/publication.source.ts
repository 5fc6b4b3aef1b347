/**
 * The one place publication meets report generation: given a report row, the document to
 * publish and the consistency checks' findings on it. Everything else in publication (and the
 * year's batch) goes through `buildForPublication`.
 */
import type { Db } from '../../db/client.js';
import type { DataScope } from '../../platform/auth/scope.js';
import type { Document } from '../../platform/documents/index.js';
import { appError } from '../../platform/http/errors.js';
import type { ReportKind } from '@bianban/contracts';
import { ChartDataMissing } from './charts.js';
import type { Built } from './domain/compose.js';
import type { Finding } from './domain/claims.js';
import { buildReport, checkBuilt, MissingFact } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';
import type { report } from './reports.schema.js';

export type ReportRow = typeof report.$inferSelect;

export interface ReportBuild {
  document: Document;
  findings: Finding[];
}

/** The reader's scope: facts (units, figures) are read within it. */
export type ReportBuilder = (db: Db, scope: DataScope, row: ReportRow) => Promise<ReportBuild>;

/**
 * The report module's own pipeline: its facts, its template with the user's edits (charts drawn),
 * and the checks library over the document's claims (reports.build.ts). A missing fact or a chart
 * without data is a named STATE_CONFLICT, as in the report module's own routes.
 */
const fromReports: ReportBuilder = async (db, scope, row) => {
  const kind = row.kind as ReportKind;
  const facts = await loadReportFacts(db, scope, {
    kind,
    unitId: row.unitId,
    year: row.year,
    evaluationId: row.evaluationId,
  });
  let built: Built;
  try {
    built = buildReport(kind, facts, { edits: row.edits as Record<string, string>, charts: true, title: row.title });
  } catch (e) {
    if (e instanceof MissingFact) throw appError('STATE_CONFLICT', e.message, { fact: e.fact });
    if (e instanceof ChartDataMissing) throw appError('STATE_CONFLICT', e.message);
    throw e;
  }
  return { document: built.document, findings: checkBuilt(built) };
};

let builder: ReportBuilder = fromReports;

export function buildForPublication(db: Db, scope: DataScope, row: ReportRow): Promise<ReportBuild> {
  return builder(db, scope, row);
}

/**
 * Tests only: publish documents a test builds itself (the publication rules do not depend on
 * which template wrote the document). Returns a function restoring the real builder.
 */
export function useReportBuilderForTests(b: ReportBuilder): () => void {
  builder = b;
  return () => {
    builder = fromReports;
  };
}
