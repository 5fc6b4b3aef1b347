/**
 * Evaluations (部门整体支出绩效自评): department × year × a frozen framework version.
 *
 * Until submission every metric-bound score follows the facts (budget, roster); at submission
 * the metric results and staff figures are frozen into the evaluation, and from then on a change
 * needs a reopen with a reason. Workflow: draft → submitted (department) → reviewed (office) →
 * financeReviewed (finance may adjust scores with reasons, kept beside the self-scores) →
 * published. Every transition is audited and kept in the evaluation's history.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  METRIC_KEYS,
  NARRATIVE_SECTIONS,
  type AdjustmentBody,
  type CreateEvaluationBody,
  type EntryBody,
  type EvaluationDetail,
  type EvaluationListQuery,
  type EvaluationListResponse,
  type EvaluationState,
  type FrameworkBody,
  type IndicatorEntry,
  type MetricKey,
  type NarrativeBody,
  type SurveysBody,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx, Tx } from '../../db/client.js';
import { appUser, unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, unitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { loadBudgetYearFacts } from '../budget/budget.facts.js';
import { figures } from '../org/figures.service.js';
import { REGISTRATION_METRICS, registrationCounts } from '../registration/annual-reports.counts.js';
import { fromNumber, gt, parseDec, toText } from './domain/decimal.js';
import { isLeaf, walk } from './domain/framework.js';
import {
  computeMetric,
  satisfactionByGroup,
  type MetricContext,
  type MetricResult,
  type StaffFigures,
} from './domain/metrics.js';
import { evaluate, metricView, type EvaluationResult } from './evaluation.compute.js';
import { parseBody } from './frameworks.service.js';
import {
  evaluation,
  evaluationAdjustment,
  evaluationEntry,
  evaluationEvent,
  framework,
  frameworkVersion,
  surveyGroup,
} from './performance.schema.js';

type Row = typeof evaluation.$inferSelect;
/** Reading needs only the data scope (the CLI reads with the whole region's). */
type Reader = Pick<AuthContext, 'scope'>;
type Detail = z.infer<typeof EvaluationDetail>;

/** What is frozen at submission: metric results (exact values as text) and the staff figures. */
interface FrozenFacts {
  metrics: {
    key: MetricKey;
    ok: boolean;
    value: string | null;
    error: string | null;
    inputs: MetricResult['inputs'];
    formula: string;
    unit: string;
  }[];
  staff: StaffFigures | null;
}

async function loadRow(db: DbOrTx, a: Reader, id: string, lock = false): Promise<Row> {
  const q = db
    .select()
    .from(evaluation)
    .where(and(eq(evaluation.id, id), eq(evaluation.regionCode, a.scope.regionCode)));
  const r = lock ? await q.for('update') : await q;
  if (!r[0]) throw appError('NOT_FOUND', '绩效自评不存在');
  assertUnitInScope(a.scope, r[0].unitId, '该部门');
  return r[0];
}

async function bodyOf(db: DbOrTx, versionId: string) {
  const r = await db
    .select({ v: frameworkVersion, f: framework })
    .from(frameworkVersion)
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(eq(frameworkVersion.id, versionId));
  if (!r[0]) throw appError('NOT_FOUND', '指标体系版本不存在');
  return { version: r[0].v, framework: r[0].f, body: parseBody(r[0].v.body) };
}

/** Staff figures of the department (its subtree) at the start and the end of the year. */
async function staffFigures(db: DbOrTx, a: Reader, unitId: string, year: number): Promise<StaffFigures> {
  const startDate = `${year}-01-01`;
  const endDate = `${year}-12-31`;
  const end = await figures(db, a.scope, { unitId, asOf: endDate });
  const start = await figures(db, a.scope, { unitId, asOf: startDate });
  return {
    startDate,
    endDate,
    approvedEnd: end.total.approved,
    actualStart: start.total.actual,
    actualEnd: end.total.actual,
    offCapEnd: end.offEstablishment.cap,
    offActualEnd: end.offEstablishment.actual,
  };
}

/** Enrolments and disenrolments processed in the region in the year (a transfer counts as both). */
async function rosterTransactions(db: DbOrTx, regionCode: string, year: number): Promise<number> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const r = await db.execute<{ n: number }>(sql`
    select (
      (select count(*) from placement where region_code = ${regionCode} and valid_from >= ${from}::date and valid_from < ${to}::date)
      + (select count(*) from placement where region_code = ${regionCode} and valid_to >= ${from}::date and valid_to < ${to}::date)
    )::int as n`);
  return r.rows[0]?.n ?? 0;
}

async function surveysOf(db: DbOrTx, evaluationId: string) {
  return db
    .select()
    .from(surveyGroup)
    .where(eq(surveyGroup.evaluationId, evaluationId))
    .orderBy(asc(surveyGroup.groupName));
}

/** Compute every metric the framework reads, from the live facts. */
async function liveMetrics(
  db: DbOrTx,
  a: Reader,
  row: Row,
  body: FrameworkBody,
): Promise<{ metrics: Map<MetricKey, MetricResult>; staff: StaffFigures | null }> {
  const needed = new Set<MetricKey>();
  for (const { node } of walk(body.indicators)) if (node.source?.kind === 'metric') needed.add(node.source.metric);
  // One after another: inside a transaction they share one connection.
  const facts = await loadBudgetYearFacts(db, row.unitId, row.year);
  const previous = await loadBudgetYearFacts(db, row.unitId, row.year - 1);
  const surveys = await surveysOf(db, row.id);
  const staff = await staffFigures(db, a, row.unitId, row.year);
  const ctx: MetricContext = {
    facts,
    previous,
    staff,
    surveys: surveys.map((s) => ({
      group: s.groupName,
      valid: s.valid,
      satisfied: s.satisfied,
      basicallySatisfied: s.basicallySatisfied,
    })),
    rosterTransactions: needed.has('rosterTransactions')
      ? await rosterTransactions(db, row.regionCode, row.year)
      : null,
    registration: REGISTRATION_METRICS.some((k) => needed.has(k))
      ? await registrationCounts(db, row.regionCode, row.year)
      : null,
  };
  const metrics = new Map<MetricKey, MetricResult>();
  for (const key of METRIC_KEYS) if (needed.has(key)) metrics.set(key, computeMetric(key, ctx));
  return { metrics, staff };
}

function frozenMetrics(frozen: FrozenFacts): Map<MetricKey, MetricResult> {
  const m = new Map<MetricKey, MetricResult>();
  for (const f of frozen.metrics) {
    m.set(
      f.key,
      f.ok && f.value !== null
        ? { ok: true, key: f.key, value: parseDec(f.value), unit: f.unit, formula: f.formula, inputs: f.inputs }
        : { ok: false, key: f.key, error: f.error ?? '未计算', formula: f.formula, inputs: f.inputs },
    );
  }
  return m;
}

function freeze(metrics: Map<MetricKey, MetricResult>, staff: StaffFigures | null): FrozenFacts {
  return {
    // The exact rational as a fraction-free decimal would be lossy for 1/3: keep 12 decimals,
    // far below any display or band precision.
    metrics: [...metrics.values()].map((r) => ({
      key: r.key,
      ok: r.ok,
      value: r.ok ? toText(r.value, 12) : null,
      error: r.ok ? null : r.error,
      inputs: r.inputs,
      formula: r.formula,
      unit: r.ok ? r.unit : '',
    })),
    staff,
  };
}

interface Computed {
  row: Row;
  body: FrameworkBody;
  version: typeof frameworkVersion.$inferSelect;
  frameworkRow: typeof framework.$inferSelect;
  metrics: Map<MetricKey, MetricResult>;
  staff: StaffFigures | null;
  result: EvaluationResult;
  entries: Map<string, { entry: IndicatorEntry; evidenceFileIds: string[] }>;
}

async function compute(db: DbOrTx, a: Reader, row: Row): Promise<Computed> {
  const { body, version, framework: frameworkRow } = await bodyOf(db, row.frameworkVersionId);
  const { metrics, staff } = row.frozenFacts
    ? { metrics: frozenMetrics(row.frozenFacts as FrozenFacts), staff: (row.frozenFacts as FrozenFacts).staff }
    : await liveMetrics(db, a, row, body);
  const entryRows = await db.select().from(evaluationEntry).where(eq(evaluationEntry.evaluationId, row.id));
  const entries = new Map(
    entryRows.map((e) => [e.indicatorKey, { entry: e.entry as IndicatorEntry, evidenceFileIds: e.evidenceFileIds }]),
  );
  const adjRows = await db.select().from(evaluationAdjustment).where(eq(evaluationAdjustment.evaluationId, row.id));
  const adjustments = new Map(adjRows.map((r) => [r.indicatorKey, { score: r.score, reason: r.reason }]));
  const result = evaluate({ body, metrics, entries, adjustments });
  return { row, body, version, frameworkRow, metrics, staff, result, entries };
}

async function detail(db: DbOrTx, a: Reader, row: Row): Promise<Detail> {
  const c = await compute(db, a, row);
  const u = (await db.select({ name: unit.name }).from(unit).where(eq(unit.id, row.unitId)))[0];
  const surveys = await surveysOf(db, row.id);
  const rates = satisfactionByGroup(
    surveys.map((s) => ({
      group: s.groupName,
      valid: s.valid,
      satisfied: s.satisfied,
      basicallySatisfied: s.basicallySatisfied,
    })),
  );
  const history = await db
    .select({ e: evaluationEvent, actor: appUser.displayName })
    .from(evaluationEvent)
    .leftJoin(appUser, eq(appUser.id, evaluationEvent.actorId))
    .where(eq(evaluationEvent.evaluationId, row.id))
    .orderBy(asc(evaluationEvent.at));
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: u?.name ?? '',
    year: row.year,
    state: row.state as EvaluationState,
    framework: {
      versionId: c.version.id,
      frameworkId: c.frameworkRow.id,
      name: c.body.name,
      version: c.version.version,
      kind: c.body.kind,
      basis: c.body.basis,
      grades: c.body.grades,
    },
    indicators: c.result.indicators,
    metrics: [...c.metrics.values()].map(metricView),
    total: c.result.total === null ? null : toText(c.result.total, 3),
    grade: c.result.grade,
    adjustedTotal: c.result.adjustedTotal === null ? null : toText(c.result.adjustedTotal, 3),
    adjustedGrade: c.result.adjustedGrade,
    missing: c.result.missing,
    findings: c.result.findings,
    narrative: row.narrative as Record<string, string>,
    evaluators: row.evaluators as Detail['evaluators'],
    surveys: surveys.map((s, i) => ({
      groupName: s.groupName,
      issued: s.issued,
      valid: s.valid,
      satisfied: s.satisfied,
      basicallySatisfied: s.basicallySatisfied,
      dissatisfied: s.dissatisfied,
      rate: rates[i]!.rate === null ? null : toText(rates[i]!.rate!, 2),
    })),
    staff: c.staff,
    frozen: row.frozenFacts !== null,
    history: history.map(({ e, actor }) => ({
      from: e.fromState,
      to: e.toState,
      reason: e.reason,
      actor,
      at: e.at.toISOString(),
    })),
  };
}

export async function getEvaluation(svc: Services, a: AuthContext, id: string): Promise<Detail> {
  return detail(svc.db, a, await loadRow(svc.db, a, id));
}

export async function listEvaluations(
  svc: Services,
  a: AuthContext,
  q: z.infer<typeof EvaluationListQuery>,
): Promise<z.infer<typeof EvaluationListResponse>> {
  const conds = [eq(evaluation.regionCode, a.scope.regionCode)];
  if (q.year) conds.push(eq(evaluation.year, q.year));
  if (q.unitId) {
    assertUnitInScope(a.scope, q.unitId);
    conds.push(eq(evaluation.unitId, q.unitId));
  }
  const rows = await svc.db
    .select({ e: evaluation, unitName: unit.name })
    .from(evaluation)
    .innerJoin(unit, eq(unit.id, evaluation.unitId))
    .where(and(...conds))
    .orderBy(desc(evaluation.year), asc(unit.name))
    .limit(500);
  const items: z.infer<typeof EvaluationListResponse>['items'] = [];
  for (const { e, unitName } of rows) {
    if (!unitInScope(a.scope, e.unitId)) continue;
    const c = await compute(svc.db, a, e);
    const total = c.result.adjustedTotal ?? c.result.total;
    items.push({
      id: e.id,
      unitId: e.unitId,
      unitName,
      year: e.year,
      frameworkName: c.body.name,
      frameworkVersion: c.version.version,
      state: e.state as EvaluationState,
      total: total === null ? null : toText(total, 3),
      grade: c.result.adjustedGrade ?? c.result.grade,
      updatedAt: e.updatedAt.toISOString(),
    });
  }
  return { items };
}

/** Prefilled narrative: what the facts already say, for the department to edit. */
function prefill(unitName: string, year: number, body: FrameworkBody): Record<string, string> {
  const tops = body.indicators.map((n) => `${n.name}（${n.points}分）`).join('、');
  return {
    overview: `${unitName}${year}年度部门整体支出绩效自评。`,
    goals: '',
    achievement: `本次自评采用“${body.name}”，设${tops}${body.indicators.length}个一级指标。`,
    problems: '',
    improvements: '',
    application: '',
  };
}

export async function createEvaluation(
  svc: Services,
  a: AuthContext,
  input: z.infer<typeof CreateEvaluationBody>,
): Promise<Detail> {
  assertUnitInScope(a.scope, input.unitId, '该部门');
  const row = await svc.db.transaction(async (tx) => {
    const u = (
      await tx
        .select()
        .from(unit)
        .where(and(eq(unit.id, input.unitId), eq(unit.regionCode, a.scope.regionCode)))
    )[0];
    if (!u) throw appError('NOT_FOUND', '部门不存在');
    if (u.kind === 'internalOffice') throw appError('VALIDATION_FAILED', '内设机构不单独开展部门整体支出绩效自评');
    const v = (
      await tx
        .select()
        .from(frameworkVersion)
        .where(
          and(eq(frameworkVersion.id, input.frameworkVersionId), eq(frameworkVersion.regionCode, a.scope.regionCode)),
        )
    )[0];
    if (!v) throw appError('NOT_FOUND', '指标体系版本不存在');
    if (v.state !== 'published') throw appError('VALIDATION_FAILED', '只能使用已发布的指标体系版本');
    const body = parseBody(v.body);
    const dup = await tx
      .select({ id: evaluation.id })
      .from(evaluation)
      .where(
        and(
          eq(evaluation.unitId, input.unitId),
          eq(evaluation.year, input.year),
          eq(evaluation.frameworkVersionId, input.frameworkVersionId),
        ),
      );
    if (dup[0]) throw appError('CONFLICT', `${u.name}${input.year}年度已有使用该指标体系的自评`);
    const [created] = await tx
      .insert(evaluation)
      .values({
        regionCode: a.scope.regionCode,
        unitId: input.unitId,
        year: input.year,
        frameworkVersionId: input.frameworkVersionId,
        narrative: prefill(u.name, input.year, body),
        createdBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evaluation.create',
      objectType: 'evaluation',
      objectId: created!.id,
      after: { unitId: input.unitId, year: input.year, frameworkVersionId: input.frameworkVersionId },
    });
    return created!;
  });
  return detail(svc.db, a, row);
}

function assertDraft(row: Row) {
  if (row.state !== 'draft') {
    throw appError('STATE_CONFLICT', '自评已提交，事实和填报已冻结；如需修改，请先退回（须说明理由）');
  }
}

export async function saveEntry(
  svc: Services,
  a: AuthContext,
  id: string,
  key: string,
  input: z.infer<typeof EntryBody>,
): Promise<Detail> {
  const row = await svc.db.transaction(async (tx) => {
    const row = await loadRow(tx, a, id, true);
    assertDraft(row);
    const { body } = await bodyOf(tx, row.frameworkVersionId);
    const node = [...walk(body.indicators)].find((w) => w.node.key === key)?.node;
    if (!node) throw appError('NOT_FOUND', `指标体系中没有编号为${key}的指标`);
    if (!isLeaf(node)) throw appError('VALIDATION_FAILED', `“${node.name}”有下级指标，得分由下级指标汇总`);
    if (node.source?.kind === 'metric') {
      throw appError('VALIDATION_FAILED', `“${node.name}”由数据计算，不能手工填报；请修正其来源数据`);
    }
    const e = input.entry;
    if (e.score !== undefined && gt(fromNumber(e.score), fromNumber(node.points))) {
      throw appError('VALIDATION_FAILED', `“${node.name}”的得分${e.score}超过分值${node.points}分`);
    }
    if (input.evidenceFileIds.length) {
      const own = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from stored_file
        where id in (${sql.join(
          input.evidenceFileIds.map((f) => sql`${f}::uuid`),
          sql`, `,
        )})
          and region_code = ${a.scope.regionCode}`);
      if ((own.rows[0]?.n ?? 0) !== input.evidenceFileIds.length) {
        throw appError('VALIDATION_FAILED', '佐证材料文件不存在');
      }
    }
    const before = (
      await tx
        .select()
        .from(evaluationEntry)
        .where(and(eq(evaluationEntry.evaluationId, id), eq(evaluationEntry.indicatorKey, key)))
    )[0];
    await tx
      .insert(evaluationEntry)
      .values({
        evaluationId: id,
        indicatorKey: key,
        regionCode: a.scope.regionCode,
        entry: e,
        evidenceFileIds: input.evidenceFileIds,
        updatedBy: a.user.id,
      })
      .onConflictDoUpdate({
        target: [evaluationEntry.evaluationId, evaluationEntry.indicatorKey],
        set: { entry: e, evidenceFileIds: input.evidenceFileIds, updatedBy: a.user.id, updatedAt: new Date() },
      });
    await tx.update(evaluation).set({ updatedAt: new Date() }).where(eq(evaluation.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evaluation.entry',
      objectType: 'evaluation',
      objectId: id,
      before: before ? { key, entry: before.entry } : null,
      after: { key, entry: e, evidence: input.evidenceFileIds.length },
    });
    return row;
  });
  return detail(svc.db, a, row);
}

export async function saveNarrative(
  svc: Services,
  a: AuthContext,
  id: string,
  input: z.infer<typeof NarrativeBody>,
): Promise<Detail> {
  const known = new Set<string>(NARRATIVE_SECTIONS.map((s) => s.key));
  for (const k of Object.keys(input.narrative)) {
    if (!known.has(k)) throw appError('VALIDATION_FAILED', `没有名为“${k}”的说明章节`);
  }
  const row = await svc.db.transaction(async (tx) => {
    const row = await loadRow(tx, a, id, true);
    assertDraft(row);
    const [updated] = await tx
      .update(evaluation)
      .set({ narrative: input.narrative, evaluators: input.evaluators, updatedAt: new Date() })
      .where(eq(evaluation.id, id))
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evaluation.narrative',
      objectType: 'evaluation',
      objectId: id,
      after: { sections: Object.keys(input.narrative), evaluators: input.evaluators.length },
    });
    return updated!;
  });
  return detail(svc.db, a, row);
}

export async function saveSurveys(
  svc: Services,
  a: AuthContext,
  id: string,
  input: z.infer<typeof SurveysBody>,
): Promise<Detail> {
  const names = input.groups.map((g) => g.groupName);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw appError('VALIDATION_FAILED', `调查对象“${dup}”重复`);
  const row = await svc.db.transaction(async (tx) => {
    const row = await loadRow(tx, a, id, true);
    assertDraft(row);
    await tx.delete(surveyGroup).where(eq(surveyGroup.evaluationId, id));
    if (input.groups.length) {
      await tx.insert(surveyGroup).values(
        input.groups.map((g) => ({
          evaluationId: id,
          regionCode: a.scope.regionCode,
          groupName: g.groupName,
          issued: g.issued,
          valid: g.valid,
          satisfied: g.satisfied,
          basicallySatisfied: g.basicallySatisfied,
          dissatisfied: g.dissatisfied,
        })),
      );
    }
    await tx.update(evaluation).set({ updatedAt: new Date() }).where(eq(evaluation.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evaluation.surveys',
      objectType: 'evaluation',
      objectId: id,
      after: { groups: input.groups },
    });
    return row;
  });
  return detail(svc.db, a, row);
}

export async function saveAdjustment(
  svc: Services,
  a: AuthContext,
  id: string,
  key: string,
  input: z.infer<typeof AdjustmentBody>,
): Promise<Detail> {
  const row = await svc.db.transaction(async (tx) => {
    const row = await loadRow(tx, a, id, true);
    if (row.state !== 'reviewed') throw appError('STATE_CONFLICT', '只有审核后、财政复核完成前可以调整得分');
    const { body } = await bodyOf(tx, row.frameworkVersionId);
    const node = [...walk(body.indicators)].find((w) => w.node.key === key)?.node;
    if (!node || !isLeaf(node)) throw appError('NOT_FOUND', `没有编号为${key}的末级指标`);
    if (gt(fromNumber(input.score), fromNumber(node.points))) {
      throw appError('VALIDATION_FAILED', `“${node.name}”调整后得分${input.score}超过分值${node.points}分`);
    }
    const before = (
      await tx
        .select()
        .from(evaluationAdjustment)
        .where(and(eq(evaluationAdjustment.evaluationId, id), eq(evaluationAdjustment.indicatorKey, key)))
    )[0];
    await tx
      .insert(evaluationAdjustment)
      .values({
        evaluationId: id,
        indicatorKey: key,
        regionCode: a.scope.regionCode,
        score: String(input.score),
        reason: input.reason,
        adjustedBy: a.user.id,
      })
      .onConflictDoUpdate({
        target: [evaluationAdjustment.evaluationId, evaluationAdjustment.indicatorKey],
        set: { score: String(input.score), reason: input.reason, adjustedBy: a.user.id, adjustedAt: new Date() },
      });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evaluation.adjust',
      objectType: 'evaluation',
      objectId: id,
      before: before ? { key, score: before.score, reason: before.reason } : null,
      after: { key, score: input.score, reason: input.reason },
    });
    return row;
  });
  return detail(svc.db, a, row);
}

export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', label: '提交' },
  review: { from: ['submitted'], to: 'reviewed', label: '审核通过' },
  financeReview: { from: ['reviewed'], to: 'financeReviewed', label: '财政复核' },
  publish: { from: ['financeReviewed'], to: 'published', label: '公开' },
  reopen: { from: ['submitted', 'reviewed', 'financeReviewed'], to: 'draft', label: '退回' },
} as const satisfies Record<string, { from: readonly EvaluationState[]; to: EvaluationState; label: string }>;
export type Transition = keyof typeof TRANSITIONS;

async function recordTransition(
  tx: Tx,
  svc: Services,
  a: AuthContext,
  row: Row,
  to: EvaluationState,
  reason: string | null,
) {
  await tx.insert(evaluationEvent).values({
    evaluationId: row.id,
    regionCode: row.regionCode,
    fromState: row.state,
    toState: to,
    reason,
    actorId: a.user.id,
  });
  await appendAudit(tx, svc.keys.audit, a.actor, {
    action: `evaluation.${to}`,
    objectType: 'evaluation',
    objectId: row.id,
    before: { state: row.state },
    after: { state: to, reason },
  });
}

export async function transition(
  svc: Services,
  a: AuthContext,
  id: string,
  name: Transition,
  reason?: string,
): Promise<Detail> {
  const t = TRANSITIONS[name];
  const row = await svc.db.transaction(async (tx) => {
    const row = await loadRow(tx, a, id, true);
    if (!(t.from as readonly string[]).includes(row.state)) {
      throw appError('STATE_CONFLICT', `当前状态不能${t.label}`);
    }
    const patch: Partial<typeof evaluation.$inferInsert> = { state: t.to, updatedAt: new Date() };
    if (name === 'submit') {
      const c = await compute(tx, a, row);
      if (c.result.missing.length) {
        throw appError(
          'VALIDATION_FAILED',
          `还有${c.result.missing.length}个指标不能评分：${c.result.missing.map((m) => `${m.key} ${m.name}：${m.error}`).join('；')}`,
          { missing: c.result.missing },
        );
      }
      if (c.result.findings.some((f) => f.severity === 'error')) {
        throw appError('VALIDATION_FAILED', c.result.findings.map((f) => f.message).join('；'));
      }
      patch.frozenFacts = freeze(c.metrics, c.staff);
      patch.submittedAt = new Date();
    }
    if (name === 'reopen') {
      if (!reason || reason.trim().length < 2) throw appError('VALIDATION_FAILED', '退回须说明理由');
      patch.frozenFacts = null;
      patch.submittedAt = null;
      // Adjustments belong to a finance review of the frozen facts; a reopened evaluation is reviewed afresh.
      await tx.delete(evaluationAdjustment).where(eq(evaluationAdjustment.evaluationId, id));
    }
    if (name === 'financeReview' || name === 'publish') {
      // Adjusted scores are checked like any other: publication is blocked while a finding remains.
      const c = await compute(tx, a, row);
      const errors = c.result.findings.filter((f) => f.severity === 'error');
      if (errors.length)
        throw appError('VALIDATION_FAILED', errors.map((f) => f.message).join('；'), { findings: errors });
    }
    if (name === 'publish') patch.publishedAt = new Date();
    const [updated] = await tx.update(evaluation).set(patch).where(eq(evaluation.id, id)).returning();
    await recordTransition(tx, svc, a, row, t.to, reason?.trim() || null);
    return updated!;
  });
  return detail(svc.db, a, row);
}

/** For the CLI and comparisons: the evaluations of some departments for a year, computed. */
export async function evaluationsForUnits(db: DbOrTx, a: Reader, unitIds: string[], year: number): Promise<Detail[]> {
  for (const u of unitIds) assertUnitInScope(a.scope, u);
  if (!unitIds.length) return [];
  const rows = await db
    .select()
    .from(evaluation)
    .where(
      and(
        eq(evaluation.regionCode, a.scope.regionCode),
        inArray(evaluation.unitId, unitIds),
        eq(evaluation.year, year),
      ),
    )
    .orderBy(asc(evaluation.createdAt));
  const out: Detail[] = [];
  for (const r of rows) out.push(await detail(db, a, r));
  return out;
}
