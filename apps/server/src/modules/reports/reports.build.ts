/**
 * One entry for every template: facts + edits → the built document and its claims; the checks
 * run over them (domain/checks.ts); rendering to DOCX, PDF or HTML (platform/documents).
 */
import type { DecimalStyle, NumberStyle, ReportFormat, ReportKind, ScoreLayout } from '@bianban/contracts';
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

/** A report row's number style (ADR 0013). */
export function numberStyleOf(row: { amountStyle: string; rateStyle: string }): NumberStyle {
  return { amounts: row.amountStyle as DecimalStyle, rates: row.rateStyle as DecimalStyle };
}

/**
 * Builds the report. `charts`: draw the charts (rendering) or leave placeholders (editor, checks);
 * `numberStyle`: how amounts and rates are written (default: trailing zeros dropped); `scoreLayout`:
 * how a self-evaluation lays out its scores.
 */
export function buildReport(
  kind: ReportKind,
  facts: ReportFacts,
  opts: {
    edits?: Record<string, string>;
    charts?: boolean;
    title?: string | undefined;
    numberStyle?: NumberStyle | undefined;
    /** The self-evaluation's 评分版式 (default: the scoring table). */
    scoreLayout?: ScoreLayout | undefined;
  } = {},
): Built {
  const edits = opts.edits ?? {};
  const style = opts.numberStyle;
  switch (kind) {
    case 'finalAccounts':
      return buildFinalAccounts(facts, edits, opts.charts ? chartImage : null, opts.title, style);
    case 'selfEvaluation':
      return buildSelfEvaluation(facts, edits, opts.title, style, opts.scoreLayout);
    case 'projectTable':
      return buildProjectTable(facts, edits, opts.title, style);
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
