/**
 * Publishing a report (公开): the checks gate it (errors block; each warning is accepted with a
 * reason), it is rendered once to DOCX, PDF and HTML, the files are scanned for citizen IDs, the
 * PDF's SM3 digest is signed with SM2 when a signing key is configured, and then — in one
 * transaction — the publication, its three files, the report's state and the audit row are
 * written. Rendering happens before the transaction: a render failure writes nothing.
 * Withdrawal (撤回) keeps the publication and its files, marked withdrawn with the reason.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DEADLINE_KINDS, type PublicationFormat, type PublicationInfo, type ReportKind } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { appUser, unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, unitInScope } from '../../platform/auth/scope.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { signDigest, sm2PublicKeyOf } from '../../platform/crypto/sm2.js';
import { inspectPdf, renderDocx, renderHtml, renderPdf, type Document } from '../../platform/documents/index.js';
import { AppError, appError } from '../../platform/http/errors.js';
import { todayInChina } from '../org/figures.service.js';
import { publication, publicationFile, reportApproval } from './publication.schema.js';
import { deadline, findCitizenIds, gate, htmlText, presentFinding } from './publication.rules.js';
import { buildForPublication, type ReportRow } from './publication.source.js';
import { report } from './reports.schema.js';

export interface PublicationSvc {
  db: Db;
  keys: Keys;
}

type PublicationRow = typeof publication.$inferSelect;

export const CONTENT_TYPES: Record<PublicationFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

const isDeadlineKind = (kind: string) => (DEADLINE_KINDS as readonly string[]).includes(kind);

/** The report, in the reader's region and scope (NOT_FOUND / OUT_OF_SCOPE otherwise). */
export async function reportInScope(db: DbOrTx, a: AuthContext, reportId: string, lock = false) {
  const q = db
    .select({ r: report, unitName: unit.name })
    .from(report)
    .innerJoin(unit, eq(unit.id, report.unitId))
    .where(and(eq(report.id, reportId), eq(report.regionCode, a.user.regionCode)));
  const row = (await (lock ? q.for('update', { of: report }) : q))[0];
  if (!row) throw appError('NOT_FOUND', '报告不存在');
  assertUnitInScope(a.scope, row.r.unitId, '该报告所属部门');
  return { ...row.r, unitName: row.unitName };
}

async function currentPublication(db: DbOrTx, reportId: string): Promise<PublicationRow | undefined> {
  return (
    await db
      .select()
      .from(publication)
      .where(and(eq(publication.reportId, reportId), eq(publication.state, 'published')))
  )[0];
}

async function approvalOf(db: DbOrTx, reportId: string): Promise<string | null> {
  return (await db.select().from(reportApproval).where(eq(reportApproval.reportId, reportId)))[0]?.approvedOn ?? null;
}

async function build(db: Db, a: AuthContext, row: ReportRow) {
  try {
    return await buildForPublication(db, a.scope, row);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw appError('RULE_VIOLATION', `报告“${row.title}”无法生成：${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function preflight(svc: PublicationSvc, a: AuthContext, reportId: string) {
  const row = await reportInScope(svc.db, a, reportId);
  const built = await build(svc.db, a, row);
  const findings = built.findings.map(presentFinding);
  return {
    reportId,
    title: row.title,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
    published: !!(await currentPublication(svc.db, reportId)),
    approvedOn: await approvalOf(svc.db, reportId),
    deadlineApplies: isDeadlineKind(row.kind),
    signing: !!svc.keys.signing,
  };
}

export interface RenderedFiles {
  docx: Buffer;
  pdf: Buffer;
  html: Buffer;
}

/** All three formats, or an error naming the one that failed. */
export async function renderAll(doc: Document): Promise<RenderedFiles> {
  const step = async <T>(format: string, f: () => Promise<T> | T): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw appError(
        'RULE_VIOLATION',
        `生成${format}失败，报告未公开：${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  const docx = await step('DOCX', () => renderDocx(doc));
  const pdf = await step('PDF', () => renderPdf(doc));
  const html = await step('HTML', () => Buffer.from(renderHtml(doc), 'utf8'));
  return { docx, pdf, html };
}

/** Refuses files that carry a citizen ID (never shown in clear in the message either). */
export function assertNoPersonalData(files: RenderedFiles): void {
  const hits: string[] = [];
  for (const id of findCitizenIds(htmlText(files.html.toString('utf8')))) hits.push(`HTML：${id}`);
  const pages = inspectPdf(files.pdf).pages;
  pages.forEach((p, i) => {
    for (const id of findCitizenIds(p)) hits.push(`PDF第${i + 1}页：${id}`);
  });
  if (hits.length)
    throw appError(
      'RULE_VIOLATION',
      `公开文件中出现疑似身份证号（${hits.slice(0, 3).join('，')}${hits.length > 3 ? `等${hits.length}处` : ''}），不能公开：公开的报告不得含个人信息`,
    );
}

function fileName(row: { unitName: string; year: number; title: string }, format: PublicationFormat): string {
  const base = `${row.year}年${row.title.startsWith(row.unitName) ? '' : row.unitName}${row.title}`.replace(
    /[\\/:*?"<>|\s]+/g,
    '',
  );
  return `${base}.${format}`;
}

export async function publishReport(
  svc: PublicationSvc,
  a: AuthContext,
  reportId: string,
  body: { approvedOn?: string | undefined; acceptWarnings: { key: string; reason: string }[] },
): Promise<PublicationInfo> {
  const row = await reportInScope(svc.db, a, reportId);
  if (await currentPublication(svc.db, reportId))
    throw appError('STATE_CONFLICT', `报告“${row.title}”已公开；如需重新公开，请先撤回`);
  const today = todayInChina();
  if (body.approvedOn && body.approvedOn > today)
    throw appError('VALIDATION_FAILED', `批复日期 ${body.approvedOn} 晚于今天`);
  const approvedOn = body.approvedOn ?? (await approvalOf(svc.db, reportId));
  if (isDeadlineKind(row.kind) && !approvedOn)
    throw appError('VALIDATION_FAILED', '预决算报告公开须填写批复日期（批复后20日内公开）');

  const built = await build(svc.db, a, row);
  const g = gate(built.findings, body.acceptWarnings);
  if (!g.ok) throw appError(g.reason === 'errors' ? 'RULE_VIOLATION' : 'VALIDATION_FAILED', g.message, g.findings);

  const files = await renderAll(built.document);
  assertNoPersonalData(files);
  const pdfSm3 = sm3Hex(files.pdf);
  const signing = svc.keys.signing ?? null;
  const signature = signing ? signDigest(signing, pdfSm3) : null;
  const signerPublicKey = signing ? sm2PublicKeyOf(signing) : null;

  const id = await svc.db.transaction(async (tx) => {
    const locked = await reportInScope(tx, a, reportId, true);
    if (await currentPublication(tx, reportId))
      throw appError('STATE_CONFLICT', `报告“${locked.title}”已公开；如需重新公开，请先撤回`);
    const [p] = await tx
      .insert(publication)
      .values({
        regionCode: locked.regionCode,
        reportId,
        kind: locked.kind,
        unitId: locked.unitId,
        unitName: locked.unitName,
        year: locked.year,
        title: locked.title,
        approvedOn,
        publishedBy: a.user.id,
        pdfSm3,
        signature,
        signerPublicKey,
        acceptedWarnings: g.accepted,
      })
      .returning();
    const formats: PublicationFormat[] = ['docx', 'pdf', 'html'];
    await tx.insert(publicationFile).values(
      formats.map((format) => ({
        publicationId: p!.id,
        format,
        name: fileName(locked, format),
        contentType: CONTENT_TYPES[format],
        size: files[format].length,
        sm3: sm3Hex(files[format]),
        content: files[format],
      })),
    );
    if (body.approvedOn)
      await tx
        .insert(reportApproval)
        .values({ reportId, regionCode: locked.regionCode, approvedOn: body.approvedOn, recordedBy: a.user.id })
        .onConflictDoUpdate({
          target: reportApproval.reportId,
          set: { approvedOn: body.approvedOn, recordedBy: a.user.id, recordedAt: new Date() },
        });
    await tx.update(report).set({ state: 'published', publishedAt: p!.publishedAt }).where(eq(report.id, reportId));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.publish',
      objectType: 'report',
      objectId: reportId,
      after: {
        publicationId: p!.id,
        title: locked.title,
        pdfSm3,
        signed: !!signature,
        approvedOn,
        acceptedWarnings: g.accepted.map((w) => ({ label: w.label, reason: w.reason })),
      },
    });
    return p!.id;
  });
  return (await publicationInfos(svc.db, [id]))[0]!;
}

export async function withdrawPublication(
  svc: PublicationSvc,
  a: AuthContext,
  publicationId: string,
  reason: string,
): Promise<PublicationInfo> {
  await svc.db.transaction(async (tx) => {
    const p = (
      await tx
        .select()
        .from(publication)
        .where(and(eq(publication.id, publicationId), eq(publication.regionCode, a.user.regionCode)))
        .for('update')
    )[0];
    if (!p) throw appError('NOT_FOUND', '公开记录不存在');
    assertUnitInScope(a.scope, p.unitId, '该报告所属部门');
    if (p.state !== 'published') throw appError('STATE_CONFLICT', `报告“${p.title}”已撤回，不能再次撤回`);
    const now = new Date();
    await tx
      .update(publication)
      .set({ state: 'withdrawn', withdrawnAt: now, withdrawnBy: a.user.id, withdrawReason: reason })
      .where(eq(publication.id, p.id));
    await tx.update(report).set({ state: 'draft', publishedAt: null }).where(eq(report.id, p.reportId));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.withdraw',
      objectType: 'report',
      objectId: p.reportId,
      before: { publicationId: p.id, state: 'published' },
      after: { state: 'withdrawn', reason },
    });
  });
  return (await publicationInfos(svc.db, [publicationId]))[0]!;
}

export async function recordApproval(
  svc: PublicationSvc,
  a: AuthContext,
  reportId: string,
  approvedOn: string,
): Promise<{ reportId: string; approvedOn: string }> {
  if (approvedOn > todayInChina()) throw appError('VALIDATION_FAILED', `批复日期 ${approvedOn} 晚于今天`);
  await svc.db.transaction(async (tx) => {
    const row = await reportInScope(tx, a, reportId, true);
    if (!isDeadlineKind(row.kind))
      throw appError('VALIDATION_FAILED', `“${row.title}”不是预决算报告，无需录入批复日期`);
    const before = await approvalOf(tx, reportId);
    await tx
      .insert(reportApproval)
      .values({ reportId, regionCode: row.regionCode, approvedOn, recordedBy: a.user.id })
      .onConflictDoUpdate({
        target: reportApproval.reportId,
        set: { approvedOn, recordedBy: a.user.id, recordedAt: new Date() },
      });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'report.approval',
      objectType: 'report',
      objectId: reportId,
      before: before ? { approvedOn: before } : null,
      after: { approvedOn },
    });
  });
  return { reportId, approvedOn };
}

/** Publications (current and withdrawn) by id, with their files' digests. */
export async function publicationInfos(db: DbOrTx, ids: string[]): Promise<PublicationInfo[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({
      p: publication,
      by: appUser.displayName,
      withdrawnByName: sql<
        string | null
      >`(select display_name from app_user w where w.id = ${publication.withdrawnBy})`,
    })
    .from(publication)
    .innerJoin(appUser, eq(appUser.id, publication.publishedBy))
    .where(inArray(publication.id, ids))
    .orderBy(desc(publication.publishedAt));
  const files = await db
    .select({
      publicationId: publicationFile.publicationId,
      format: publicationFile.format,
      name: publicationFile.name,
      size: publicationFile.size,
      sm3: publicationFile.sm3,
    })
    .from(publicationFile)
    .where(inArray(publicationFile.publicationId, ids));
  return rows.map(({ p, by, withdrawnByName }) => ({
    id: p.id,
    reportId: p.reportId,
    kind: p.kind as ReportKind,
    unitId: p.unitId,
    unitName: p.unitName,
    year: p.year,
    title: p.title,
    approvedOn: p.approvedOn,
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: by,
    pdfSm3: p.pdfSm3,
    signature: p.signature,
    signerPublicKey: p.signerPublicKey,
    acceptedWarnings: p.acceptedWarnings,
    files: files
      .filter((f) => f.publicationId === p.id)
      .map((f) => ({ format: f.format as PublicationFormat, name: f.name, size: f.size, sm3: f.sm3 }))
      .sort((x, y) => x.format.localeCompare(y.format)),
    state: p.state as 'published' | 'withdrawn',
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: withdrawnByName,
    withdrawReason: p.withdrawReason,
  }));
}

/** The publications of the reader's region and scope, newest first; optionally of one report or year. */
export async function listPublications(
  db: DbOrTx,
  a: AuthContext,
  filter: { reportId?: string | undefined; year?: number | undefined },
): Promise<PublicationInfo[]> {
  const rows = await db
    .select({ id: publication.id, unitId: publication.unitId })
    .from(publication)
    .where(
      and(
        eq(publication.regionCode, a.user.regionCode),
        filter.reportId ? eq(publication.reportId, filter.reportId) : undefined,
        filter.year ? eq(publication.year, filter.year) : undefined,
      ),
    );
  return publicationInfos(
    db,
    rows.filter((r) => unitInScope(a.scope, r.unitId)).map((r) => r.id),
  );
}

/** The stored file of a publication in the reader's scope (internal download, withdrawn included). */
export async function internalFile(db: DbOrTx, a: AuthContext, publicationId: string, format: PublicationFormat) {
  const row = (
    await db
      .select({ f: publicationFile, unitId: publication.unitId })
      .from(publicationFile)
      .innerJoin(publication, eq(publication.id, publicationFile.publicationId))
      .where(
        and(
          eq(publicationFile.publicationId, publicationId),
          eq(publicationFile.format, format),
          eq(publication.regionCode, a.user.regionCode),
        ),
      )
  )[0];
  if (!row) throw appError('NOT_FOUND', '公开文件不存在');
  assertUnitInScope(a.scope, row.unitId, '该报告所属部门');
  return row.f;
}

/** 预决算 deadlines of a year within the reader's scope: due / overdue / published on time or late. */
export async function deadlines(db: DbOrTx, a: AuthContext, year: number, today = todayInChina()) {
  const rows = await db
    .select({
      r: report,
      unitName: unit.name,
      approvedOn: reportApproval.approvedOn,
      publishedAt: publication.publishedAt,
    })
    .from(report)
    .innerJoin(unit, eq(unit.id, report.unitId))
    .leftJoin(reportApproval, eq(reportApproval.reportId, report.id))
    .leftJoin(publication, and(eq(publication.reportId, report.id), eq(publication.state, 'published')))
    .where(
      and(eq(report.regionCode, a.user.regionCode), eq(report.year, year), inArray(report.kind, [...DEADLINE_KINDS])),
    )
    .orderBy(unit.name);
  const items = rows
    .filter((x) => unitInScope(a.scope, x.r.unitId))
    .map((x) => {
      const publishedOn = x.publishedAt ? todayInChina(x.publishedAt) : null;
      const d = deadline(x.approvedOn, publishedOn, today);
      return {
        reportId: x.r.id,
        kind: x.r.kind as ReportKind,
        title: x.r.title,
        unitId: x.r.unitId,
        unitName: x.unitName,
        year: x.r.year,
        approvedOn: x.approvedOn,
        dueOn: d.dueOn,
        publishedOn,
        status: d.status,
        daysLeft: d.daysLeft,
      };
    });
  // Most urgent first: overdue, then due by days left, then the rest.
  const rank = (s: string) => ['overdue', 'due', 'noApproval', 'publishedLate', 'publishedOnTime'].indexOf(s);
  items.sort((x, y) => rank(x.status) - rank(y.status) || (x.daysLeft ?? 0) - (y.daysLeft ?? 0));
  return { today, items };
}
