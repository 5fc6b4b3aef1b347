/**
 * One entry for every template: facts + edits → the built document and its claims; the checks
 * run over them (domain/checks.ts); rendering to DOCX, PDF or HTML (platform/documents).
 */
import type { ReportFormat, ReportKind } from '@bianban/contracts';
import { renderDocx, renderHtml, renderPdf } from '../../platform/documents/index.js';
import { chartImage } from './charts.js';
import { runChecks } from './domain/checks.js';
import type { Built } from './domain/compose.js';
import type { Finding } from './domain/claims.js';
import type { ReportFacts } from './templates/common.js';
import { buildFinalAccounts } from './templates/final-accounts.js';
import { buildProjectTable } from './templates/project-table.js';
import { buildSelfEvaluation } from './templates/self-evaluation.js';

export { MissingFact } from './templates/common.js';

/** Builds the report. `charts`: draw the charts (rendering) or leave placeholders (editor, checks). */
export function buildReport(
  kind: ReportKind,
  facts: ReportFacts,
  opts: { edits?: Record<string, string>; charts?: boolean; title?: string | undefined } = {},
): Built {
  const edits = opts.edits ?? {};
  switch (kind) {
    case 'finalAccounts':
      return buildFinalAccounts(facts, edits, opts.charts ? chartImage : null, opts.title);
    case 'selfEvaluation':
      return buildSelfEvaluation(facts, edits, opts.title);
    case 'projectTable':
      return buildProjectTable(facts, edits, opts.title);
  }
}

export function checkBuilt(built: Built): Finding[] {
  return runChecks(built.numbers, built.checks);
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export async function renderBuilt(built: Built, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderDocx(built.document);
    case 'pdf':
      return renderPdf(built.document);
    case 'html':
      return Buffer.from(renderHtml(built.document), 'utf8');
  }
}
