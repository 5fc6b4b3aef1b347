/**
 * Report records and their use cases: create, list, read (with the editor's paragraphs), update
 * (title, per-paragraph prose, the number style and the self-evaluation's 评分版式), run the checks, render (DOCX, PDF, HTML;
 * audited download), the CLI's rendering of an evaluation's report without a record, and the
 * region's default number style for new reports. The document is rebuilt from the facts every
 * time; only the edits and the style are stored.
 */
import { and, desc, eq } from 'drizzle-orm';
import {
  DEFAULT_NUMBER_STYLE,
  DEFAULT_SCORE_LAYOUT,
  REPORT_KIND_LABELS,
  SCORE_LAYOUTS,
  type CreateReportBody,
  type NumberStyle,
  type ReportNumberStyleBody,
  type ReportNumberStyleResponse,
  type ReportCheckResponse,
  type ReportDetail,
  type ReportFormat,
  type ReportKind,
  type ReportListQuery,
  type ReportListResponse,
  type ReportState,
  type ReportSummary,
  type ScoreLayout,
  type UpdateReportBody,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, unitInScope, type DataScope } from '../../platform/auth/scope.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { appError } from '../../platform/http/errors.js';
import { evaluation, frameworkVersion } from '../performance/performance.schema.js';
import { ChartDataMissing } from './charts.js';
import { paragraphViews, type Built } from './domain/compose.js';
import { buildReport, checkBuilt, CONTENT_TYPES, MissingFact, numberStyleOf, renderBuilt } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';
import { report, reportNumberStyle } from './reports.schema.js';

type Row = typeof report.$inferSelect;
type Summary = z.infer<typeof ReportSummary>;
type Detail = z.infer<typeof ReportDetail>;

function summary(r: Row, unitName: string): Summary {
  const edits = r.edits as Record<string, string>;
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    unitId: r.unitId,
    unitName,
    year: r.year,
    evaluationId: r.evaluationId,
    state: r.state as ReportState,
    title: r.title,
    numberStyle: numberStyleOf(r),
    scoreLayout: r.scoreLayout as ScoreLayout,
    edited: Object.keys(edits).length,
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
  };
}

async function loadRow(db: Db, scope: DataScope, id: string): Promise<{ row: Row; unitName: string }> {
  const r = await db
    .select({ row: report, unitName: unit.name })
    .from(report)
    .innerJoin(unit, eq(unit.id, report.unitId))
    .where(and(eq(report.id, id), eq(report.regionCode, scope.regionCode)));
  if (!r[0]) throw appError('NOT_FOUND', '报告不存在');
  assertUnitInScope(scope, r[0].row.unitId, '该部门');
  return r[0];
}

/** A template error as the API says it: a missing fact or an empty chart, named. */
function asAppError(e: unknown): never {
  if (e instanceof MissingFact) throw appError('STATE_CONFLICT', e.message, { fact: e.fact });
  if (e instanceof ChartDataMissing) throw appError('STATE_CONFLICT', e.message);
  throw e;
}

async function build(db: Db, scope: DataScope, row: Row, charts: boolean): Promise<Built> {
  const facts = await loadReportFacts(db, scope, {
    kind: row.kind as ReportKind,
    unitId: row.unitId,
    year: row.year,
    evaluationId: row.evaluationId,
  });
  try {
    return buildReport(row.kind as ReportKind, facts, {
      edits: row.edits as Record<string, string>,
      charts,
      title: row.title,
      numberStyle: numberStyleOf(row),
      scoreLayout: row.scoreLayout as ScoreLayout,
    });
  } catch (e) {
    return asAppError(e);
  }
}

/**
 * The 评分版式 an evaluation's framework version names for its reports (`scoreLayout` of the
 * version's body), else the scoring table. A framework is its region's, so this is the region's choice.
 */
export async function frameworkScoreLayout(db: DbOrTx, evaluationId: string | null): Promise<ScoreLayout> {
  if (!evaluationId) return DEFAULT_SCORE_LAYOUT;
  const r = (
    await db
      .select({ body: frameworkVersion.body })
      .from(evaluation)
      .innerJoin(frameworkVersion, eq(frameworkVersion.id, evaluation.frameworkVersionId))
      .where(eq(evaluation.id, evaluationId))
  )[0];
  const layout = (r?.body as { scoreLayout?: unknown } | undefined)?.scoreLayout;
  return SCORE_LAYOUTS.find((x) => x === layout) ?? DEFAULT_SCORE_LAYOUT;
}

export async function createReport(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof CreateReportBody>,
): Promise<Detail> {
  assertUnitInScope(a.scope, body.unitId, '该部门');
  const u = (
    await svc.db
      .select({ name: unit.name })
      .from(unit)
      .where(and(eq(unit.id, body.unitId), eq(unit.regionCode, a.scope.regionCode)))
  )[0];
  if (!u) throw appError('NOT_FOUND', '部门不存在');
  let evaluationId: string | null = null;
  if (body.kind === 'selfEvaluation') {
    const e = (
      await svc.db
        .select()
        .from(evaluation)
        .where(and(eq(evaluation.id, body.evaluationId!), eq(evaluation.regionCode, a.scope.regionCode)))
    )[0];
    if (!e || e.unitId !== body.unitId || e.year !== body.year)
      throw appError('VALIDATION_FAILED', `所选绩效自评不是${u.name}${body.year}年度的自评`, { field: 'evaluationId' });
    evaluationId = e.id;
  }
  const title =
    body.title ?? `${u.name}${body.year}年${body.kind === 'finalAccounts' ? '度' : ''}${REPORT_KIND_LABELS[body.kind]}`;
  const row = await svc.db.transaction(async (tx) => {
    const numberStyle = body.numberStyle ?? (await regionNumberStyle(tx, a.scope.regionCode)).numberStyle;
    const scoreLayout = body.scoreLayout ?? (await frameworkScoreLayout(tx, evaluationId));
    const [r] = await tx
      .insert(report)
      .values({
        regionCode: a.scope.regionCode,
        kind: body.kind,
        unitId: body.unitId,
        year: body.year,
        evaluationId,
        title,
        amountStyle: numberStyle.amounts,
        rateStyle: numberStyle.rates,
        scoreLayout,
        createdBy: a.user.id,
        updatedBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.create',
      objectType: 'report',
      objectId: r!.id,
      after: { kind: body.kind, unitId: body.unitId, year: body.year, evaluationId, title, numberStyle, scoreLayout },
    });
    return r!;
  });
  return detailOf(svc.db, a.scope, row, u.name);
}

export async function listReports(
  svc: Services,
  a: AuthContext,
  q: z.infer<typeof ReportListQuery>,
): Promise<z.infer<typeof ReportListResponse>> {
  const conds = [eq(report.regionCode, a.scope.regionCode)];
  if (q.year) conds.push(eq(report.year, q.year));
  if (q.kind) conds.push(eq(report.kind, q.kind));
  if (q.unitId) {
    assertUnitInScope(a.scope, q.unitId, '该部门');
    conds.push(eq(report.unitId, q.unitId));
  }
  const rows = await svc.db
    .select({ row: report, unitName: unit.name })
    .from(report)
    .innerJoin(unit, eq(unit.id, report.unitId))
    .where(and(...conds))
    .orderBy(desc(report.year), desc(report.updatedAt))
    .limit(1000);
  return { items: rows.filter((r) => unitInScope(a.scope, r.row.unitId)).map((r) => summary(r.row, r.unitName)) };
}

async function detailOf(db: Db, scope: DataScope, row: Row, unitName: string): Promise<Detail> {
  const base = summary(row, unitName);
  try {
    const built = await build(db, scope, row, false);
    return {
      ...base,
      paragraphs: paragraphViews(built, row.edits as Record<string, string>),
      numbers: built.numbers.length,
      checks: built.checks.length,
      notes: built.notes,
      error: null,
    };
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'STATE_CONFLICT')
      return { ...base, paragraphs: [], numbers: 0, checks: 0, notes: [], error: e.message };
    throw e;
  }
}

export async function getReport(svc: Services, a: AuthContext, id: string): Promise<Detail> {
  const { row, unitName } = await loadRow(svc.db, a.scope, id);
  return detailOf(svc.db, a.scope, row, unitName);
}

export async function updateReport(
  svc: Services,
  a: AuthContext,
  id: string,
  body: z.infer<typeof UpdateReportBody>,
): Promise<Detail> {
  const { row, unitName } = await loadRow(svc.db, a.scope, id);
  if (row.state === 'published') throw appError('STATE_CONFLICT', '报告已公开，不能再修改');
  const edits = { ...(row.edits as Record<string, string>) };
  const changed: string[] = [];
  if (body.edits) {
    const built = await build(svc.db, a.scope, { ...row, edits: {} }, false);
    for (const [key, value] of Object.entries(body.edits)) {
      if (!(key in built.originals))
        throw appError('VALIDATION_FAILED', `报告中没有编号为“${key}”的段落`, { field: `edits.${key}` });
      if (value === null || value === built.originals[key]) {
        if (key in edits) changed.push(key);
        delete edits[key];
      } else if (edits[key] !== value) {
        if (!value.trim())
          throw appError('VALIDATION_FAILED', `段落“${key}”不能为空；要恢复模板文字请撤销修改`, {
            field: `edits.${key}`,
          });
        edits[key] = value;
        changed.push(key);
      }
    }
  }
  const title = body.title ?? row.title;
  const styleBefore = numberStyleOf(row);
  const numberStyle = body.numberStyle ?? styleBefore;
  const restyled = numberStyle.amounts !== styleBefore.amounts || numberStyle.rates !== styleBefore.rates;
  const layoutBefore = row.scoreLayout as ScoreLayout;
  const scoreLayout = body.scoreLayout ?? layoutBefore;
  const relaid = scoreLayout !== layoutBefore;
  if (relaid && row.kind !== 'selfEvaluation')
    throw appError('VALIDATION_FAILED', '评分版式只适用于部门整体支出绩效自评报告', { field: 'scoreLayout' });
  const updated = await svc.db.transaction(async (tx) => {
    const [r] = await tx
      .update(report)
      .set({
        title,
        edits,
        amountStyle: numberStyle.amounts,
        rateStyle: numberStyle.rates,
        scoreLayout,
        updatedBy: a.user.id,
        updatedAt: new Date(),
        // The checked text changed (prose, how its numbers are written or laid out): check it again.
        ...((changed.length || restyled || relaid) && row.state === 'checked' ? { state: 'draft' } : {}),
      })
      .where(eq(report.id, id))
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.update',
      objectType: 'report',
      objectId: id,
      before: {
        title: row.title,
        edited: Object.keys(row.edits as object).length,
        ...(restyled ? { numberStyle: styleBefore } : {}),
        ...(relaid ? { scoreLayout: layoutBefore } : {}),
      },
      after: {
        title,
        paragraphs: changed,
        ...(restyled ? { numberStyle } : {}),
        ...(relaid ? { scoreLayout } : {}),
      },
    });
    return r!;
  });
  return detailOf(svc.db, a.scope, updated, unitName);
}

function findingsView(built: Built) {
  const findings = checkBuilt(built);
  return {
    numbers: built.numbers.length,
    checks: built.checks.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings: findings.map((f) => ({
      severity: f.severity,
      check: f.check,
      label: f.label,
      message: f.message,
      stated: f.stated,
      recomputed: f.recomputed,
      how: f.how,
      numberId: f.at.id,
      sentence: f.at.sentence,
      block: f.at.location.block,
      row: f.at.location.row ?? null,
      col: f.at.location.col ?? null,
      bound: f.at.source !== undefined,
    })),
  };
}

export async function checkReport(
  svc: Services,
  a: AuthContext,
  id: string,
): Promise<z.infer<typeof ReportCheckResponse>> {
  const { row } = await loadRow(svc.db, a.scope, id);
  return findingsView(await build(svc.db, a.scope, row, false));
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export async function renderReport(
  svc: Services,
  a: AuthContext,
  id: string,
  format: ReportFormat,
  audit = true,
): Promise<ReportFile> {
  const { row } = await loadRow(svc.db, a.scope, id);
  const built = await build(svc.db, a.scope, row, true);
  const content = await renderBuilt(built, format);
  const fileName = `${row.title}.${format}`;
  if (audit)
    await svc.db.transaction((tx) =>
      appendAudit(tx, svc.keys.audit, a.actor, {
        action: 'report.render',
        objectType: 'report',
        objectId: id,
        after: { name: fileName, format, size: content.length, sm3: sm3Hex(content) },
      }),
    );
  return { fileName, contentType: CONTENT_TYPES[format], content };
}

/** For the CLI: the self-evaluation report of an evaluation, rendered without a report record. */
export async function renderEvaluationReport(
  db: Db,
  scope: DataScope,
  evaluationId: string,
  format: ReportFormat,
): Promise<ReportFile & { findings: ReturnType<typeof findingsView> }> {
  const e = (
    await db
      .select()
      .from(evaluation)
      .where(and(eq(evaluation.id, evaluationId), eq(evaluation.regionCode, scope.regionCode)))
  )[0];
  if (!e) throw appError('NOT_FOUND', '绩效自评不存在');
  assertUnitInScope(scope, e.unitId, '该部门');
  const facts = await loadReportFacts(db, scope, {
    kind: 'selfEvaluation',
    unitId: e.unitId,
    year: e.year,
    evaluationId,
  });
  const { numberStyle } = await regionNumberStyle(db, scope.regionCode);
  const scoreLayout = await frameworkScoreLayout(db, evaluationId);
  let built: Built;
  try {
    built = buildReport('selfEvaluation', facts, { charts: true, numberStyle, scoreLayout });
  } catch (err) {
    return asAppError(err);
  }
  const content = await renderBuilt(built, format);
  return {
    fileName: `${built.document.title}.${format}`,
    contentType: CONTENT_TYPES[format],
    content,
    findings: findingsView(built),
  };
}

type NumberStyleView = z.infer<typeof ReportNumberStyleResponse>;

/** The region's default number style for new reports (today's behaviour until one is chosen). */
export async function regionNumberStyle(db: DbOrTx, regionCode: string): Promise<NumberStyleView> {
  const r = (await db.select().from(reportNumberStyle).where(eq(reportNumberStyle.regionCode, regionCode)))[0];
  if (!r) return { numberStyle: DEFAULT_NUMBER_STYLE, chosen: false, updatedAt: null };
  return { numberStyle: numberStyleOf(r), chosen: true, updatedAt: r.updatedAt.toISOString() };
}

export function getRegionNumberStyle(svc: Services, a: AuthContext): Promise<NumberStyleView> {
  return regionNumberStyle(svc.db, a.scope.regionCode);
}

/** Sets the region's default; reports already created keep their own style. Audited. */
export async function setRegionNumberStyle(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof ReportNumberStyleBody>,
): Promise<NumberStyleView> {
  return svc.db.transaction(async (tx) => {
    const before = await regionNumberStyle(tx, a.scope.regionCode);
    await writeRegionNumberStyle(tx, a.scope.regionCode, body.numberStyle, a.user.id);
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.numberStyle',
      objectType: 'region',
      objectId: a.scope.regionCode,
      before: before.chosen ? { numberStyle: before.numberStyle } : null,
      after: { numberStyle: body.numberStyle },
    });
    return regionNumberStyle(tx, a.scope.regionCode);
  });
}

/** Upsert of a region's default (also used by the demo data, inside its own audited transaction). */
export async function writeRegionNumberStyle(
  tx: DbOrTx,
  regionCode: string,
  style: NumberStyle,
  userId: string | null,
): Promise<void> {
  await tx
    .insert(reportNumberStyle)
    .values({ regionCode, amountStyle: style.amounts, rateStyle: style.rates, updatedBy: userId })
    .onConflictDoUpdate({
      target: reportNumberStyle.regionCode,
      set: { amountStyle: style.amounts, rateStyle: style.rates, updatedBy: userId, updatedAt: new Date() },
    });
}
