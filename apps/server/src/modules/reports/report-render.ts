/**
 * A report built from plain, serialisable input — the facts read from the database, the row's
 * edits, title and number style — so that the build can happen away from the database: in the
 * request (publication.source.ts) or on a worker thread of the year's batch (render-pool.ts).
 * No database access here.
 */
import type { NumberStyle, PublicationFormat, ReportKind } from '@bianban/contracts';
import type { Document } from '../../platform/documents/index.js';
import { renderDocx, renderHtml, renderPdf } from '../../platform/documents/index.js';
import { appError } from '../../platform/http/errors.js';
import { ChartDataMissing } from './charts.js';
import type { Built } from './domain/compose.js';
import { buildReport, MissingFact, numberStyleOf } from './reports.build.js';
import type { report } from './reports.schema.js';
import type { ReportFacts } from './templates/common.js';

/** What building a row's report needs besides the database. */
export interface ReportBuildInput {
  kind: ReportKind;
  facts: ReportFacts;
  edits: Record<string, string>;
  title: string;
  numberStyle: NumberStyle;
}

export function buildInputOf(row: typeof report.$inferSelect, facts: ReportFacts): ReportBuildInput {
  return {
    kind: row.kind as ReportKind,
    facts,
    edits: row.edits as Record<string, string>,
    title: row.title,
    numberStyle: numberStyleOf(row),
  };
}

/**
 * The template with the user's edits, charts drawn. A missing fact or a chart without data is a
 * named STATE_CONFLICT, as in the report module's own routes.
 */
export function buildFromInput(input: ReportBuildInput): Built {
  try {
    return buildReport(input.kind, input.facts, {
      edits: input.edits,
      charts: true,
      title: input.title,
      numberStyle: input.numberStyle,
    });
  } catch (e) {
    if (e instanceof MissingFact) throw appError('STATE_CONFLICT', e.message, { fact: e.fact });
    if (e instanceof ChartDataMissing) throw appError('STATE_CONFLICT', e.message);
    throw e;
  }
}

/** One report of a batch: built from its input, or a document built already (test builders). */
export type RenderSource = { input: ReportBuildInput } | { document: Document };

export async function renderSource(source: RenderSource, format: PublicationFormat): Promise<Buffer> {
  const document = 'document' in source ? source.document : buildFromInput(source.input).document;
  switch (format) {
    case 'pdf':
      return renderPdf(document);
    case 'docx':
      return renderDocx(document);
    case 'html':
      return Buffer.from(renderHtml(document), 'utf8');
  }
}
