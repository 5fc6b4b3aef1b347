/**
 * 事业单位法人年度报告: each registered institution files its report on the previous year —
 * activities, changes, assets and net assets, awards and penalties, donations, audit opinion —
 * with its staffing (编制数, 实有人数) read from the roster as of 31 December, never typed.
 *
 * Rules (each refusal names its rule in `details[].rule`):
 * - due 31 March of the next year; later filing is accepted and flagged (`late`, days late);
 * - draft → submitted → reviewed → published; the office may return a submitted (or reviewed)
 *   report with a reason, and the institution edits and submits again;
 * - only a reviewed report is published;
 * - **abnormal rule**: an institution due to file for year Y that has not submitted by 30 June of
 *   Y + 1 is listed for marking as abnormal (列入异常名录); marking sets its register status to
 *   `abnormal`, audited. An abnormal institution still files.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  ANNUAL_REPORT_STATE_LABELS,
  annualReportAbnormalCutoff,
  annualReportDueOn,
  type AnnualReportContent,
  type AnnualReportDetail,
  type AnnualReportListQuery,
  type AnnualReportState,
  type AnnualReportSummary,
  type AnnualStats,
  type CreateAnnualReportBody,
  type MarkAbnormalBody,
  type OverdueItem,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx, Tx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, unitInScope, type DataScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { figures } from '../org/figures.service.js';
import { dueCondition } from './annual-reports.counts.js';
import { annualReport } from './annual.schema.js';
import { legalPerson } from './registration.schema.js';

type Row = typeof annualReport.$inferSelect;
type LpRow = typeof legalPerson.$inferSelect;
type Detail = z.infer<typeof AnnualReportDetail>;
type Summary = z.infer<typeof AnnualReportSummary>;
type Item = z.infer<typeof OverdueItem>;

export interface Violation {
  rule: string;
  message: string;
}

export const ABNORMAL_RULE =
  '应报送上一年度年度报告的事业单位（上一年度12月31日前已登记、未注销），截至次年6月30日仍未报送的，列入异常名录候选；标记后登记簿状态为“异常”（留痕），异常单位仍须报送。';

export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

function rule(code: 'RULE_VIOLATION' | 'STATE_CONFLICT' | 'CONFLICT', r: string, message: string): never {
  throw appError(code, message, [{ rule: r, message }]);
}

/** Days from `a` to `b` (ISO dates); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Percent with two decimals as text, or null when nothing is due. */
export function percentText(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const hundredths = Math.round((part * 10_000) / whole);
  return (hundredths / 100).toFixed(2);
}

// ── Pure rules ──────────────────────────────────────────────────────────────────────────────────

/** Filing date rules and the late flag (due 31 March of the next year; late filing accepted). */
export function filingOutcome(year: number, on: string, today: string): { late: boolean; lateDays: number | null } {
  if (on > today) rule('RULE_VIOLATION', 'filingDateFuture', `报送日期 ${on} 晚于今天 ${today}`);
  if (on < `${year + 1}-01-01`)
    rule('RULE_VIOLATION', 'yearNotEnded', `${year}年度尚未结束，须在 ${year + 1}-01-01 以后报送（报送日期 ${on}）`);
  const due = annualReportDueOn(year);
  const lateDays = daysBetween(due, on);
  return lateDays > 0 ? { late: true, lateDays } : { late: false, lateDays: null };
}

/** What a report must hold before it is submitted. */
export function contentViolations(c: AnnualReportContent): Violation[] {
  const v: Violation[] = [];
  const missing: string[] = [];
  if (c.activities.trim().length < 10) missing.push('开展业务活动情况（至少10个字）');
  if (c.totalAssets === null) missing.push('资产总额');
  if (c.netAssetsStart === null) missing.push('年初净资产');
  if (c.netAssetsEnd === null) missing.push('年末净资产');
  if (missing.length) v.push({ rule: 'requiredField', message: `尚未填写：${missing.join('、')}` });
  if (c.totalAssets !== null && c.netAssetsEnd !== null && c.netAssetsEnd > c.totalAssets)
    v.push({
      rule: 'netAssetsExceedAssets',
      message: `年末净资产（${(c.netAssetsEnd / 100).toFixed(2)}元）不能大于资产总额（${(c.totalAssets / 100).toFixed(2)}元）`,
    });
  return v;
}

/** The abnormal rule for one institution on `asOf`. */
export function isAbnormalCandidate(year: number, firstSubmittedOn: string | null, asOf: string): boolean {
  const cutoff = annualReportAbnormalCutoff(year);
  return asOf > cutoff && (firstSubmittedOn === null || firstSubmittedOn > cutoff);
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

const REGION_WIDE = (regionCode: string): DataScope => ({ regionCode, rootUnitId: null, unitIds: null });

/** 编制数 and 实有人数 of the institution (its subtree) on 31 December of the report year. */
export async function staffingFromRoster(db: DbOrTx, regionCode: string, unitId: string, year: number) {
  const asOf = `${year}-12-31`;
  const f = await figures(db, REGION_WIDE(regionCode), { unitId, asOf });
  return { asOf, approved: f.total.approved, actual: f.total.actual };
}

async function loadRow(db: DbOrTx, a: AuthContext, id: string, lock = false): Promise<Row> {
  const q = db
    .select()
    .from(annualReport)
    .where(and(eq(annualReport.id, id), eq(annualReport.regionCode, a.scope.regionCode)));
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw appError('NOT_FOUND', '年度报告不存在');
  assertUnitInScope(a.scope, row.unitId, '该年度报告的单位');
  return row;
}

async function lpOfUnit(db: DbOrTx, a: AuthContext, unitId: string): Promise<LpRow> {
  assertUnitInScope(a.scope, unitId);
  const lp = (
    await db
      .select()
      .from(legalPerson)
      .where(and(eq(legalPerson.unitId, unitId), eq(legalPerson.regionCode, a.scope.regionCode)))
  )[0];
  if (!lp || lp.kind !== 'institution' || lp.status === 'deregistered')
    rule('RULE_VIOLATION', 'notRegistered', '该单位不是登记簿中存续的事业单位法人，无需报送年度报告');
  return lp;
}

function contentOf(r: Row): AnnualReportContent {
  return {
    activities: r.activities,
    changes: r.changes,
    totalAssets: r.totalAssets,
    netAssetsStart: r.netAssetsStart,
    netAssetsEnd: r.netAssetsEnd,
    awardsAndPenalties: r.awardsAndPenalties,
    donations: r.donations,
    auditOpinion: r.auditOpinion,
  };
}

function summaryOf(r: Row, lp: Pick<LpRow, 'uscc' | 'name'>): Summary {
  return {
    id: r.id,
    unitId: r.unitId,
    legalPersonId: r.legalPersonId,
    uscc: lp.uscc,
    name: lp.name,
    year: r.year,
    state: r.state as AnnualReportState,
    stateLabel: ANNUAL_REPORT_STATE_LABELS[r.state as AnnualReportState] ?? r.state,
    dueOn: annualReportDueOn(r.year),
    submittedOn: r.submittedOn,
    late: r.late,
    lateDays: r.lateDays,
    publishedOn: r.publishedOn,
  };
}

const EDITABLE: readonly string[] = ['draft', 'returned'];

export async function getAnnualReport(svc: Services, a: AuthContext, id: string): Promise<Detail> {
  return detailOf(svc.db, a, await loadRow(svc.db, a, id));
}

async function detailOf(db: DbOrTx, a: AuthContext, r: Row): Promise<Detail> {
  const lp = (await db.select().from(legalPerson).where(eq(legalPerson.id, r.legalPersonId)))[0]!;
  const sponsor = lp.sponsorUnitId
    ? ((await db.select({ name: unit.name }).from(unit).where(eq(unit.id, lp.sponsorUnitId)))[0]?.name ?? null)
    : null;
  const frozen = r.staffAsOf !== null && r.staffApproved !== null && r.staffActual !== null;
  const staffing = frozen
    ? { asOf: r.staffAsOf!, approved: r.staffApproved!, actual: r.staffActual!, frozen: true }
    : { ...(await staffingFromRoster(db, r.regionCode, r.unitId, r.year)), frozen: false };
  const has = (p: string) => a.permissions.has(p as never);
  return {
    ...summaryOf(r, lp),
    content: contentOf(r),
    staffing,
    returnReason: r.returnReason,
    reviewedOn: r.reviewedOn,
    history: (r.history as Detail['history']) ?? [],
    legalRepresentative: lp.legalRepresentative,
    sponsorName: sponsor,
    actions: {
      edit: has('annualReport.file') && EDITABLE.includes(r.state),
      submit: has('annualReport.file') && EDITABLE.includes(r.state),
      review: has('annualReport.review') && r.state === 'submitted',
      return: has('annualReport.review') && (r.state === 'submitted' || r.state === 'reviewed'),
      publish: has('annualReport.publish') && r.state === 'reviewed',
    },
  };
}

export async function listAnnualReports(
  svc: Services,
  a: AuthContext,
  q: z.infer<typeof AnnualReportListQuery>,
): Promise<{ items: Summary[]; total: number }> {
  const conds: SQL[] = [eq(annualReport.regionCode, a.scope.regionCode)];
  if (q.year) conds.push(eq(annualReport.year, q.year));
  if (q.state) conds.push(eq(annualReport.state, q.state));
  if (q.unitId) {
    assertUnitInScope(a.scope, q.unitId);
    conds.push(eq(annualReport.unitId, q.unitId));
  }
  if (a.scope.unitIds) conds.push(inArray(annualReport.unitId, [...a.scope.unitIds]));
  if (q.q) conds.push(or(ilike(legalPerson.name, `%${q.q}%`), ilike(legalPerson.uscc, `${q.q.toUpperCase()}%`))!);
  const where = and(...conds);
  const total =
    (
      await svc.db
        .select({ n: count() })
        .from(annualReport)
        .innerJoin(legalPerson, eq(legalPerson.id, annualReport.legalPersonId))
        .where(where)
    )[0]?.n ?? 0;
  // The office's worklist: what waits for it first (submitted, then reviewed), then the rest.
  const rows = await svc.db
    .select({ r: annualReport, uscc: legalPerson.uscc, name: legalPerson.name })
    .from(annualReport)
    .innerJoin(legalPerson, eq(legalPerson.id, annualReport.legalPersonId))
    .where(where)
    .orderBy(
      sql`case ${annualReport.state} when 'submitted' then 0 when 'reviewed' then 1 when 'returned' then 2 when 'draft' then 3 else 4 end`,
      desc(annualReport.year),
      asc(legalPerson.uscc),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((x) => summaryOf(x.r, x)), total };
}

/** The institutions the user may file for: registered, not deregistered, in its scope. */
export async function filableInstitutions(svc: Services, a: AuthContext) {
  const conds: SQL[] = [
    eq(legalPerson.regionCode, a.scope.regionCode),
    eq(legalPerson.kind, 'institution'),
    inArray(legalPerson.status, ['active', 'abnormal']),
  ];
  if (a.scope.unitIds) conds.push(inArray(legalPerson.unitId, [...a.scope.unitIds]));
  const rows = await svc.db
    .select({
      unitId: legalPerson.unitId,
      legalPersonId: legalPerson.id,
      uscc: legalPerson.uscc,
      name: legalPerson.name,
      status: legalPerson.status,
    })
    .from(legalPerson)
    .where(and(...conds))
    .orderBy(asc(legalPerson.name))
    .limit(2000);
  return { items: rows };
}

export async function staffingPreview(svc: Services, a: AuthContext, unitId: string, year: number) {
  await lpOfUnit(svc.db, a, unitId);
  return { ...(await staffingFromRoster(svc.db, a.scope.regionCode, unitId, year)), frozen: false };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────

function historyItem(a: AuthContext, action: string, note: string | null = null) {
  return { at: new Date().toISOString(), action, by: a.user.displayName, note };
}

function contentColumns(c: Partial<AnnualReportContent> | undefined): Partial<AnnualReportContent> {
  const out: Record<string, unknown> = {};
  if (!c) return {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  return out as Partial<AnnualReportContent>;
}

export async function createAnnualReport(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof CreateAnnualReportBody>,
  today = todayInChina(),
): Promise<Detail> {
  const id = await svc.db.transaction(async (tx) => {
    const lp = await lpOfUnit(tx, a, body.unitId);
    if (body.year >= Number(today.slice(0, 4)))
      rule('RULE_VIOLATION', 'yearNotEnded', `${body.year}年度尚未结束，年度报告在次年1月1日以后报送`);
    if (lp.registeredOn > `${body.year}-12-31`)
      rule('RULE_VIOLATION', 'notDue', `「${lp.name}」于 ${lp.registeredOn} 登记，无需报送${body.year}年度报告`);
    const existing = (
      await tx
        .select({ id: annualReport.id })
        .from(annualReport)
        .where(and(eq(annualReport.legalPersonId, lp.id), eq(annualReport.year, body.year)))
    )[0];
    if (existing) rule('CONFLICT', 'oneReportPerYear', `「${lp.name}」的${body.year}年度报告已存在`);
    const [row] = await tx
      .insert(annualReport)
      .values({
        regionCode: a.scope.regionCode,
        legalPersonId: lp.id,
        unitId: lp.unitId,
        year: body.year,
        ...contentColumns(body.content),
        history: [historyItem(a, '起草')],
        createdBy: a.user.id,
      })
      .returning({ id: annualReport.id });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.annualReport.create',
      objectType: 'annualReport',
      objectId: row!.id,
      after: { legalPersonId: lp.id, name: lp.name, year: body.year, content: body.content ?? {} },
    });
    return row!.id;
  });
  return getAnnualReport(svc, a, id);
}

export async function updateAnnualReport(
  svc: Services,
  a: AuthContext,
  id: string,
  content: Partial<AnnualReportContent>,
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    const r = await loadRow(tx, a, id, true);
    if (!EDITABLE.includes(r.state))
      rule(
        'STATE_CONFLICT',
        'editOnlyDraft',
        `年度报告${ANNUAL_REPORT_STATE_LABELS[r.state as AnnualReportState]}，只有草稿或已退回的报告可以修改`,
      );
    const cols = contentColumns(content);
    await tx
      .update(annualReport)
      .set({ ...cols, updatedAt: new Date() })
      .where(eq(annualReport.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.annualReport.update',
      objectType: 'annualReport',
      objectId: id,
      before: Object.fromEntries(Object.keys(cols).map((k) => [k, contentOf(r)[k as keyof AnnualReportContent]])),
      after: cols,
    });
  });
  return getAnnualReport(svc, a, id);
}

export async function submitAnnualReport(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { on?: string | undefined },
  today = todayInChina(),
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    const r = await loadRow(tx, a, id, true);
    if (!EDITABLE.includes(r.state))
      rule(
        'STATE_CONFLICT',
        'submitOnlyDraft',
        `年度报告${ANNUAL_REPORT_STATE_LABELS[r.state as AnnualReportState]}，不能再次报送`,
      );
    const v = contentViolations(contentOf(r));
    if (v.length) throw appError('RULE_VIOLATION', v.map((x) => x.message).join('；'), v);
    const on = body.on ?? today;
    // Lateness is judged by the first submission; a report returned and filed again keeps it.
    const first = r.firstSubmittedOn ?? on;
    const outcome = r.firstSubmittedOn ? { late: r.late, lateDays: r.lateDays } : filingOutcome(r.year, on, today);
    if (r.firstSubmittedOn) filingOutcome(r.year, on, today);
    const staff = await staffingFromRoster(tx, r.regionCode, r.unitId, r.year);
    const note = outcome.late ? `逾期${outcome.lateDays}天报送（截止日期 ${annualReportDueOn(r.year)}）` : null;
    await tx
      .update(annualReport)
      .set({
        state: 'submitted',
        submittedOn: on,
        firstSubmittedOn: first,
        late: outcome.late,
        lateDays: outcome.lateDays,
        staffApproved: staff.approved,
        staffActual: staff.actual,
        staffAsOf: staff.asOf,
        history: [
          ...((r.history as unknown[]) ?? []),
          historyItem(a, r.state === 'returned' ? '补正后重新报送' : '报送', note),
        ],
        updatedAt: new Date(),
      })
      .where(eq(annualReport.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.annualReport.submit',
      objectType: 'annualReport',
      objectId: id,
      before: { state: r.state },
      after: { state: 'submitted', on, late: outcome.late, lateDays: outcome.lateDays, staffing: staff },
    });
  });
  return getAnnualReport(svc, a, id);
}

async function step(
  svc: Services,
  a: AuthContext,
  id: string,
  f: {
    from: readonly string[];
    to: AnnualReportState;
    rule: string;
    refusal: (state: string) => string;
    action: string;
    label: string;
    note?: string | null;
    set: (on: string) => Partial<typeof annualReport.$inferInsert>;
  },
  today = todayInChina(),
): Promise<Detail> {
  await svc.db.transaction(async (tx: Tx) => {
    const r = await loadRow(tx, a, id, true);
    if (!f.from.includes(r.state))
      rule('STATE_CONFLICT', f.rule, f.refusal(ANNUAL_REPORT_STATE_LABELS[r.state as AnnualReportState] ?? r.state));
    await tx
      .update(annualReport)
      .set({
        ...f.set(today),
        state: f.to,
        history: [...((r.history as unknown[]) ?? []), historyItem(a, f.label, f.note ?? null)],
        updatedAt: new Date(),
      })
      .where(eq(annualReport.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: `registration.annualReport.${f.action}`,
      objectType: 'annualReport',
      objectId: id,
      before: { state: r.state },
      after: { state: f.to, note: f.note ?? null },
    });
  });
  return getAnnualReport(svc, a, id);
}

export function reviewAnnualReport(svc: Services, a: AuthContext, id: string, note?: string): Promise<Detail> {
  return step(svc, a, id, {
    from: ['submitted'],
    to: 'reviewed',
    rule: 'reviewOnlySubmitted',
    refusal: (s) => `年度报告${s}，只有已报送的报告可以审查`,
    action: 'review',
    label: '审查通过',
    note: note ?? null,
    set: (on) => ({ reviewedOn: on, reviewedBy: a.user.id, returnReason: null }),
  });
}

export function returnAnnualReport(svc: Services, a: AuthContext, id: string, reason: string): Promise<Detail> {
  const why = reason.trim();
  if (why.length < 4) rule('RULE_VIOLATION', 'returnNeedsReason', '退回须写明理由（至少4个字）');
  return step(svc, a, id, {
    from: ['submitted', 'reviewed'],
    to: 'returned',
    rule: 'returnOnlySubmitted',
    refusal: (s) => `年度报告${s}，只有已报送或已审查（未公示）的报告可以退回`,
    action: 'return',
    label: '退回补正',
    note: why,
    set: () => ({ returnReason: why, reviewedOn: null, reviewedBy: null }),
  });
}

export function publishAnnualReport(svc: Services, a: AuthContext, id: string): Promise<Detail> {
  return step(svc, a, id, {
    from: ['reviewed'],
    to: 'published',
    rule: 'publishOnlyReviewed',
    refusal: (s) => `年度报告${s}，只有审查通过的报告可以公示`,
    action: 'publish',
    label: '公示',
    set: (on) => ({ publishedOn: on, publishedBy: a.user.id }),
  });
}

// ── Statistics and the abnormal rule ───────────────────────────────────────────────────────────

async function dueWithReports(db: DbOrTx, regionCode: string, year: number) {
  return db
    .select({
      legalPersonId: legalPerson.id,
      unitId: legalPerson.unitId,
      uscc: legalPerson.uscc,
      name: legalPerson.name,
      status: legalPerson.status,
      state: annualReport.state,
      firstSubmittedOn: annualReport.firstSubmittedOn,
    })
    .from(legalPerson)
    .leftJoin(annualReport, and(eq(annualReport.legalPersonId, legalPerson.id), eq(annualReport.year, year)))
    .where(dueCondition(regionCode, year))
    .orderBy(asc(legalPerson.uscc));
}

export async function annualStats(
  svc: Services,
  a: AuthContext,
  q: { year: number; asOf?: string | undefined },
): Promise<z.infer<typeof AnnualStats>> {
  const asOf = q.asOf ?? todayInChina();
  const dueOn = annualReportDueOn(q.year);
  const rows = (await dueWithReports(svc.db, a.scope.regionCode, q.year)).filter((r) => unitInScope(a.scope, r.unitId));
  const submitted = rows.filter((r) => r.firstSubmittedOn !== null && r.firstSubmittedOn <= asOf);
  const overdue: Item[] = [];
  const candidates: Item[] = [];
  for (const r of rows) {
    const filed = r.firstSubmittedOn !== null && r.firstSubmittedOn <= asOf;
    const candidate = isAbnormalCandidate(q.year, filed ? r.firstSubmittedOn : null, asOf);
    const item: Item = {
      legalPersonId: r.legalPersonId,
      unitId: r.unitId,
      uscc: r.uscc,
      name: r.name,
      status: r.status,
      state: r.state,
      daysOverdue: Math.max(0, daysBetween(dueOn, asOf)),
      abnormalCandidate: candidate,
    };
    if (!filed && asOf > dueOn) overdue.push(item);
    if (candidate && r.status !== 'abnormal') candidates.push(item);
  }
  const published = rows.filter((r) => r.state === 'published').length;
  return {
    regionCode: a.scope.regionCode,
    year: q.year,
    asOf,
    dueOn,
    abnormalCutoff: annualReportAbnormalCutoff(q.year),
    rule: ABNORMAL_RULE,
    due: rows.length,
    submitted: submitted.length,
    submittedOnTime: submitted.filter((r) => r.firstSubmittedOn! <= dueOn).length,
    reviewed: rows.filter((r) => r.state === 'reviewed' || r.state === 'published').length,
    published,
    submissionRate: percentText(submitted.length, rows.length),
    publicationRate: percentText(published, rows.length),
    overdue,
    abnormalCandidates: candidates,
  };
}

export async function markAbnormal(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof MarkAbnormalBody>,
  today = todayInChina(),
): Promise<{ marked: number; names: string[] }> {
  const on = body.on ?? today;
  if (on > today) rule('RULE_VIOLATION', 'filingDateFuture', `标记日期 ${on} 晚于今天 ${today}`);
  const cutoff = annualReportAbnormalCutoff(body.year);
  return svc.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        lp: legalPerson,
        firstSubmittedOn: annualReport.firstSubmittedOn,
      })
      .from(legalPerson)
      .leftJoin(annualReport, and(eq(annualReport.legalPersonId, legalPerson.id), eq(annualReport.year, body.year)))
      .where(and(dueCondition(a.scope.regionCode, body.year), inArray(legalPerson.id, body.legalPersonIds)))
      .for('update', { of: legalPerson });
    const found = new Set(rows.map((r) => r.lp.id));
    const unknown = body.legalPersonIds.filter((x) => !found.has(x));
    if (unknown.length)
      rule('RULE_VIOLATION', 'notDue', `有${unknown.length}个单位不是应报送${body.year}年度报告的事业单位法人`);
    const v: Violation[] = [];
    for (const r of rows) {
      assertUnitInScope(a.scope, r.lp.unitId);
      if (r.lp.status === 'abnormal') v.push({ rule: 'alreadyAbnormal', message: `「${r.lp.name}」已列入异常名录` });
      else if (!isAbnormalCandidate(body.year, r.firstSubmittedOn ?? null, on))
        v.push({
          rule: 'abnormalRule',
          message:
            on <= cutoff
              ? `「${r.lp.name}」：${body.year}年度报告的异常标记须在 ${cutoff} 以后（截至该日仍未报送）`
              : `「${r.lp.name}」已于 ${r.firstSubmittedOn} 报送${body.year}年度报告，不列入异常名录`,
        });
    }
    if (v.length) throw appError('RULE_VIOLATION', v.map((x) => x.message).join('；'), v);
    for (const r of rows) {
      await tx
        .update(legalPerson)
        .set({ status: 'abnormal', updatedAt: new Date() })
        .where(eq(legalPerson.id, r.lp.id));
      await appendAudit(tx, svc.keys.audit, a.actor, {
        action: 'registration.annualReport.markAbnormal',
        objectType: 'legalPerson',
        objectId: r.lp.id,
        before: { status: r.lp.status },
        after: { status: 'abnormal', year: body.year, on, rule: ABNORMAL_RULE, name: r.lp.name, uscc: r.lp.uscc },
      });
    }
    return { marked: rows.length, names: rows.map((r) => r.lp.name) };
  });
}
