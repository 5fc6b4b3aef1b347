/**
 * The one place publication meets report generation: given a report row, the document to
 * publish and the consistency checks' findings on it. Everything else in publication goes through
 * `buildForPublication`; the year's batch through `batchSource` (the same facts and build, split
 * between the main thread and a worker).
 */
import type { Db } from '../../db/client.js';
import type { DataScope } from '../../platform/auth/scope.js';
import type { Document } from '../../platform/documents/index.js';
import type { ReportKind } from '@bianban/contracts';
import type { Finding } from './domain/claims.js';
import { buildFromInput, buildInputOf, type RenderSource } from './report-render.js';
import { checkBuilt } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';
import type { report } from './reports.schema.js';

export type ReportRow = typeof report.$inferSelect;

export interface ReportBuild {
  document: Document;
  findings: Finding[];
}

/** The reader's scope: facts (units, figures) are read within it. */
export type ReportBuilder = (db: Db, scope: DataScope, row: ReportRow) => Promise<ReportBuild>;

/** The facts of a row's report, read within the reader's scope. */
const factsOf = (db: Db, scope: DataScope, row: ReportRow) =>
  loadReportFacts(db, scope, {
    kind: row.kind as ReportKind,
    unitId: row.unitId,
    year: row.year,
    evaluationId: row.evaluationId,
  });

/**
 * The report module's own pipeline: its facts, its template with the user's edits (charts drawn),
 * and the checks library over the document's claims (reports.build.ts). A missing fact or a chart
 * without data is a named STATE_CONFLICT, as in the report module's own routes (report-render.ts).
 */
const fromReports: ReportBuilder = async (db, scope, row) => {
  const built = buildFromInput(buildInputOf(row, await factsOf(db, scope, row)));
  return { document: built.document, findings: checkBuilt(built) };
};

let builder: ReportBuilder = fromReports;

export function buildForPublication(db: Db, scope: DataScope, row: ReportRow): Promise<ReportBuild> {
  return builder(db, scope, row);
}

/**
 * The year's batch splits the same pipeline: the facts are read here, the document is built and
 * rendered on a worker thread from this plain input (batch.service.ts). A test builder's document
 * goes as built.
 */
export async function batchSource(db: Db, scope: DataScope, row: ReportRow): Promise<RenderSource> {
  if (builder !== fromReports) return { document: (await builder(db, scope, row)).document };
  return { input: buildInputOf(row, await factsOf(db, scope, row)) };
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
