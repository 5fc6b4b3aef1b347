/**
 * 事业单位法人登记: registration acts (设立 / 变更 / 注销 / 简易注销 / 证书换发 / 遗失补领) from draft to
 * decision, the register they change, the certificates they issue and the announcements they
 * publish. Each step runs in one transaction that locks the act, checks the rules of
 * `domain/acts.ts` on what it reads under that lock, writes, and appends its audit row.
 *
 * Deadlines are in working days on the Chinese holiday calendar (`domain/calendar.ts`): the office
 * decides within 30 working days of acceptance; an amendment is filed within 30 working days of
 * the change (later filing is accepted and flagged with the working days late).
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  ACT_KIND_LABELS,
  DOCUMENT_KIND_LABELS,
  type ActDetail,
  type ActDetails,
  type ActKind,
  type ActState,
  type ActSummary,
  type AnnouncementQuery,
  type CreateActBody,
  type InstitutionListQuery,
  type LegalPersonInfo,
  type ParticularField,
  type Particulars,
  type ActListQuery,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx, Tx } from '../../db/client.js';
import { placement, unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { AppError, appError } from '../../platform/http/errors.js';
import { issueNextCode } from './code-assignment.service.js';
import {
  amendFiling,
  calendarViolation,
  announcementText,
  certificateNumber,
  certificateValidity,
  changedFields,
  checkDateOrder,
  checkDetails,
  checkDocuments,
  checkStep,
  checkWorkingDay,
  decisionDue,
  particularText,
  personsRule,
  requiredDocuments,
  canStep,
  workingDaysLeft,
  workingDayDeadline,
  AMEND_FILING_WORKING_DAYS,
  type AnnouncementFacts,
  type RegistrationViolation,
  type WorkingCalendar,
} from './domain/acts.js';
import { addWorkingDays, CalendarRangeError, dayKind, isWorkingDay, workingDaysBetween } from './domain/calendar.js';
import { checkUscc } from './domain/uscc.js';
import { legalPerson, registrationAct, registrationAnnouncement, registrationDocument } from './registration.schema.js';

export const calendar: WorkingCalendar = { addWorkingDays, isWorkingDay, workingDaysBetween, dayKind };

/** A deadline computed on the calendar, or the refusal naming the uncovered year. */
function onCalendar<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    refuse(calendarViolation(err));
    throw err;
  }
}

type ActRow = typeof registrationAct.$inferSelect;
type LegalPersonRow = typeof legalPerson.$inferSelect;
type Summary = z.infer<typeof ActSummary>;

export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

function refuse(v: RegistrationViolation[]): void {
  if (v.length) throw appError('RULE_VIOLATION', v.map((x) => x.message).join('；'), v);
}
function stateRefuse(v: RegistrationViolation[]): void {
  if (v.length) throw appError('STATE_CONFLICT', v.map((x) => x.message).join('；'), v);
}

const OPEN_STATES: ActState[] = ['draft', 'submitted', 'accepted'];

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

async function unitRow(db: DbOrTx, a: AuthContext, unitId: string) {
  const u = (
    await db
      .select({ id: unit.id, name: unit.name, kind: unit.kind, status: unit.status, uscc: unit.uscc })
      .from(unit)
      .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)))
  )[0];
  if (!u) throw appError('NOT_FOUND', '单位不存在');
  assertUnitInScope(a.scope, unitId);
  return u;
}

async function legalPersonOf(db: DbOrTx, unitId: string, lock = false): Promise<LegalPersonRow | undefined> {
  const q = db.select().from(legalPerson).where(eq(legalPerson.unitId, unitId));
  return (lock ? await q.for('update') : await q)[0];
}

/** Persons on the institution's establishment: its open placements. */
export async function personsOnEstablishment(db: DbOrTx, unitId: string): Promise<number> {
  const r = await db
    .select({ n: count() })
    .from(placement)
    .where(and(eq(placement.unitId, unitId), isNull(placement.validTo)));
  return r[0]?.n ?? 0;
}

async function loadAct(db: DbOrTx, a: AuthContext, id: string, lock = false): Promise<ActRow> {
  const q = db
    .select()
    .from(registrationAct)
    .where(and(eq(registrationAct.id, id), eq(registrationAct.regionCode, a.scope.regionCode)));
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw appError('NOT_FOUND', '登记事项不存在');
  assertUnitInScope(a.scope, row.unitId, '该登记事项的单位');
  return row;
}

function particularsOf(lp: LegalPersonRow): Particulars {
  return {
    name: lp.name,
    legalRepresentative: lp.legalRepresentative ?? '',
    address: lp.address ?? '',
    startupCapital: lp.startupCapital ?? 0,
    purposeAndScope: lp.purposeAndScope ?? '',
    sponsorUnitId: lp.sponsorUnitId ?? '',
    fundingSource: (lp.fundingSource ?? 'full') as Particulars['fundingSource'],
  };
}

async function unitNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select({ id: unit.id, name: unit.name }).from(unit).where(inArray(unit.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function legalPersonInfo(lp: LegalPersonRow, sponsorName: string | null): z.infer<typeof LegalPersonInfo> {
  return {
    id: lp.id,
    uscc: lp.uscc,
    name: lp.name,
    legalRepresentative: lp.legalRepresentative,
    address: lp.address,
    startupCapital: lp.startupCapital,
    purposeAndScope: lp.purposeAndScope,
    sponsorUnitId: lp.sponsorUnitId,
    sponsorName,
    fundingSource: lp.fundingSource,
    status: lp.status,
    registeredOn: lp.registeredOn,
    deregisteredOn: lp.deregisteredOn,
    certificateNo: lp.certificateNo,
    certificateValidFrom: lp.certificateValidFrom,
    certificateValidTo: lp.certificateValidTo,
    synthetic: lp.synthetic,
  };
}

/** The deadline a worklist shows for an act in its current state. */
export function actDeadline(act: ActRow, today: string): Summary['deadline'] {
  const mk = (label: string, dueOn: string, note: string) => {
    const left = workingDaysLeft(calendar, today, dueOn);
    return { label, dueOn, workingDaysLeft: left, overdue: left < 0, note };
  };
  try {
    if (act.state === 'accepted' && act.acceptedOn && act.decisionDueOn)
      return mk('核准决定期限', act.decisionDueOn, decisionDue(calendar, act.acceptedOn).note);
    if (act.kind === 'amend' && act.state === 'draft' && act.changeDate) {
      const d = workingDayDeadline(calendar, act.changeDate, AMEND_FILING_WORKING_DAYS);
      return mk('变更登记申请期限', d.dueOn, d.note);
    }
  } catch (err) {
    // A year without its holiday notice: the deadline is shown without a working-day count.
    if (!(err instanceof CalendarRangeError)) throw err;
    const dueOn = act.decisionDueOn ?? '';
    return { label: '期限', dueOn, workingDaysLeft: 0, overdue: dueOn !== '' && dueOn < today, note: err.message };
  }
  return null;
}

function summary(act: ActRow, unitName: string, uscc: string | null, today: string): Summary {
  return {
    id: act.id,
    kind: act.kind,
    kindLabel: ACT_KIND_LABELS[act.kind] ?? act.kind,
    state: act.state as ActState,
    unitId: act.unitId,
    unitName,
    uscc,
    changeDate: act.changeDate,
    submittedOn: act.submittedOn,
    acceptedOn: act.acceptedOn,
    decisionDueOn: act.decisionDueOn,
    decidedOn: act.decidedOn,
    lateWorkingDays: act.lateWorkingDays,
    deadline: actDeadline(act, today),
    createdAt: act.createdAt.toISOString(),
  };
}

const actColumns = { act: registrationAct, unitName: unit.name, uscc: legalPerson.uscc };

export async function listActs(svc: Services, a: AuthContext, q: z.infer<typeof ActListQuery>) {
  const conds: SQL[] = [eq(registrationAct.regionCode, a.scope.regionCode)];
  if (q.unitId) {
    assertUnitInScope(a.scope, q.unitId);
    conds.push(eq(registrationAct.unitId, q.unitId));
  } else if (a.scope.unitIds) conds.push(inArray(registrationAct.unitId, [...a.scope.unitIds]));
  if (q.state) conds.push(eq(registrationAct.state, q.state));
  if (q.kind) conds.push(eq(registrationAct.kind, q.kind));
  if (q.open === 'true') conds.push(inArray(registrationAct.state, OPEN_STATES));
  if (q.open === 'false') conds.push(inArray(registrationAct.state, ['approved', 'refused']));
  // Registration acts only: code assignment (赋码) has its own worklist.
  conds.push(
    inArray(
      registrationAct.kind,
      [...Object.keys(ACT_KIND_LABELS)].filter((k) => k !== 'assignCode'),
    ),
  );
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    svc.db
      .select(actColumns)
      .from(registrationAct)
      .innerJoin(unit, eq(unit.id, registrationAct.unitId))
      .leftJoin(legalPerson, eq(legalPerson.unitId, registrationAct.unitId))
      .where(where)
      .orderBy(sql`${registrationAct.decisionDueOn} asc nulls last`, desc(registrationAct.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    svc.db.select({ n: count() }).from(registrationAct).where(where),
  ]);
  const today = todayInChina();
  return { items: rows.map((r) => summary(r.act, r.unitName, r.uscc, today)), total: total[0]?.n ?? 0 };
}

export async function getAct(svc: Services, a: AuthContext, id: string): Promise<z.infer<typeof ActDetail>> {
  const act = await loadAct(svc.db, a, id);
  const u = await unitRow(svc.db, a, act.unitId);
  const lp = await legalPersonOf(svc.db, act.unitId);
  const docs = await svc.db
    .select()
    .from(registrationDocument)
    .where(eq(registrationDocument.actId, id))
    .orderBy(asc(registrationDocument.createdAt));
  const details = act.particulars as ActDetails;
  const kind = act.kind as ActKind;
  const present = new Set(docs.map((d) => d.kind));
  const state = act.state as ActState;
  const edit = a.permissions.has('registration.edit');
  const approve = a.permissions.has('registration.approve');
  return {
    ...summary(act, u.name, lp?.uscc ?? null, todayInChina()),
    details,
    before: (act.before as Record<string, unknown> | null) ?? null,
    refusalReason: act.refusalReason,
    documents: docs.map(documentInfo),
    required: requiredDocuments(kind, details).map((k) => ({
      kind: k,
      label: DOCUMENT_KIND_LABELS[k],
      present: present.has(k),
    })),
    filingDueOn: kind === 'amend' && act.changeDate ? filingDue(act.changeDate) : null,
    actions: {
      edit: edit && canStep(state, 'edit'),
      submit: edit && canStep(state, 'submit'),
      accept: edit && canStep(state, 'accept'),
      approve: approve && canStep(state, 'approve'),
      refuse: approve && canStep(state, 'refuse'),
    },
  };
}

function filingDue(changeDate: string): string | null {
  try {
    return workingDayDeadline(calendar, changeDate, AMEND_FILING_WORKING_DAYS).dueOn;
  } catch (err) {
    if (err instanceof CalendarRangeError) return null;
    throw err;
  }
}

function documentInfo(d: typeof registrationDocument.$inferSelect) {
  return { id: d.id, kind: d.kind, fileId: d.fileId, name: d.name, note: d.note, createdAt: d.createdAt.toISOString() };
}

// ── Drafting ────────────────────────────────────────────────────────────────────────────────────

/** The rules that decide whether an act of this kind may be opened for this unit at all. */
async function checkOpening(tx: Tx, u: { id: string; name: string; kind: string; status: string }, kind: ActKind) {
  if (u.kind !== 'publicInstitution')
    refuse([
      {
        rule: 'NOT_PUBLIC_INSTITUTION',
        message: `“${u.name}”不是事业单位，不办理事业单位法人登记（机关、群团的统一社会信用代码通过赋码办理）`,
      },
    ]);
  const lp = await legalPersonOf(tx, u.id);
  if (kind === 'establish') {
    if (u.status !== 'active')
      refuse([{ rule: 'NOT_PUBLIC_INSTITUTION', message: `“${u.name}”已撤销，不能办理设立登记` }]);
    if (lp)
      refuse([
        {
          rule: 'DUPLICATE_ESTABLISHMENT',
          message: `“${u.name}”已于${lp.registeredOn}办理设立登记（统一社会信用代码${lp.uscc}${lp.status === 'deregistered' ? '，已注销' : ''}），不能重复设立登记`,
        },
      ]);
  } else {
    if (!lp)
      refuse([
        {
          rule: 'NOT_REGISTERED',
          message: `“${u.name}”尚未办理事业单位法人设立登记，不能办理${ACT_KIND_LABELS[kind]}`,
        },
      ]);
    if (lp!.status === 'deregistered')
      refuse([
        {
          rule: 'DEREGISTERED',
          message: `“${lp!.name}”已于${lp!.deregisteredOn}注销登记，不能再办理${ACT_KIND_LABELS[kind]}`,
        },
      ]);
  }
  // One open act of a kind at a time (amendments of different particulars may run side by side).
  const sameKinds =
    kind === 'deregister' || kind === 'deregisterSimplified' ? ['deregister', 'deregisterSimplified'] : [kind];
  if (kind !== 'amend') {
    const open = (
      await tx
        .select({
          id: registrationAct.id,
          kind: registrationAct.kind,
          state: registrationAct.state,
          createdAt: registrationAct.createdAt,
        })
        .from(registrationAct)
        .where(
          and(
            eq(registrationAct.unitId, u.id),
            inArray(registrationAct.kind, sameKinds),
            inArray(registrationAct.state, OPEN_STATES),
          ),
        )
    )[0];
    if (open)
      refuse([
        {
          rule: kind === 'establish' ? 'DUPLICATE_ESTABLISHMENT' : 'OPEN_ACT_EXISTS',
          message: `“${u.name}”已有一件正在办理的${ACT_KIND_LABELS[open.kind]}（${open.createdAt.toISOString().slice(0, 10)}起草），不能重复办理`,
        },
      ]);
  }
  return lp;
}

export async function createAct(svc: Services, a: AuthContext, body: z.infer<typeof CreateActBody>) {
  const id = await svc.db.transaction(async (tx) => {
    const u = await unitRow(tx, a, body.unitId);
    // Serialise openings per unit, so two clerks never both open the same establishment.
    await tx.execute(sql`select id from unit where id = ${u.id} for update`);
    await checkOpening(tx, u, body.kind);
    const [row] = await tx
      .insert(registrationAct)
      .values({
        regionCode: a.scope.regionCode,
        unitId: u.id,
        legalPersonId: (await legalPersonOf(tx, u.id))?.id ?? null,
        kind: body.kind,
        particulars: body.details,
        changeDate: body.changeDate ?? null,
        createdBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.create',
      objectType: 'registrationAct',
      objectId: row!.id,
      after: {
        kind: body.kind,
        unitId: u.id,
        unitName: u.name,
        changeDate: body.changeDate ?? null,
        details: body.details,
      },
    });
    return row!.id;
  });
  return getAct(svc, a, id);
}

export async function updateAct(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { changeDate?: string | null | undefined; details: ActDetails },
) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'edit'));
    const changeDate = body.changeDate === undefined ? act.changeDate : body.changeDate;
    await tx
      .update(registrationAct)
      .set({ particulars: body.details, changeDate, updatedAt: new Date() })
      .where(eq(registrationAct.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.update',
      objectType: 'registrationAct',
      objectId: id,
      before: { changeDate: act.changeDate, details: act.particulars },
      after: { changeDate, details: body.details },
    });
  });
  return getAct(svc, a, id);
}

const ACCEPTED_FILES = {
  kinds: ['pdf', 'png', 'jpeg', 'docx'] as const,
  refusal: '登记材料须为PDF、图片（PNG/JPEG）或Word文档',
};

async function storeDocument(
  tx: Tx,
  svc: Services,
  a: AuthContext,
  f: { unitId: string; actId: string | null; kind: string; fileId: string; note?: string | undefined },
) {
  const file = await findOwnUpload(tx, a, f.fileId, ACCEPTED_FILES);
  const [row] = await tx
    .insert(registrationDocument)
    .values({
      regionCode: a.scope.regionCode,
      unitId: f.unitId,
      actId: f.actId,
      kind: f.kind,
      fileId: file.id,
      name: file.name,
      note: f.note ?? null,
      uploadedBy: a.user.id,
    })
    .returning();
  await appendAudit(tx, svc.keys.audit, a.actor, {
    action: f.actId ? 'registration.document.attach' : 'registration.archive.add',
    objectType: f.actId ? 'registrationAct' : 'unit',
    objectId: f.actId ?? f.unitId,
    after: { documentId: row!.id, kind: f.kind, fileId: file.id, name: file.name, note: f.note ?? null },
  });
  return row!;
}

async function syncActDocuments(tx: Tx, actId: string) {
  const docs = await tx
    .select({ kind: registrationDocument.kind, fileId: registrationDocument.fileId, name: registrationDocument.name })
    .from(registrationDocument)
    .where(eq(registrationDocument.actId, actId))
    .orderBy(asc(registrationDocument.createdAt));
  await tx.update(registrationAct).set({ documents: docs, updatedAt: new Date() }).where(eq(registrationAct.id, actId));
}

/** Documents may be added while the act is a draft, and supplemented (补正) until it is accepted. */
export async function attachDocument(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { kind: string; fileId: string; note?: string | undefined },
) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    if (act.state !== 'draft' && act.state !== 'submitted')
      stateRefuse([
        {
          rule: 'WRONG_STATE',
          message: `该登记事项已${act.state === 'accepted' ? '受理' : act.state === 'approved' ? '核准' : '驳回'}，不能再补充申请材料；其他扫描件请在档案中添加`,
        },
      ]);
    await storeDocument(tx, svc, a, {
      unitId: act.unitId,
      actId: id,
      kind: body.kind,
      fileId: body.fileId,
      note: body.note,
    });
    await syncActDocuments(tx, id);
  });
  return getAct(svc, a, id);
}

export async function removeDocument(svc: Services, a: AuthContext, id: string, documentId: string) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'edit'));
    const doc = (
      await tx
        .select()
        .from(registrationDocument)
        .where(and(eq(registrationDocument.id, documentId), eq(registrationDocument.actId, id)))
    )[0];
    if (!doc) throw appError('NOT_FOUND', '该登记事项没有这份材料');
    await tx.delete(registrationDocument).where(eq(registrationDocument.id, documentId));
    await syncActDocuments(tx, id);
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.document.remove',
      objectType: 'registrationAct',
      objectId: id,
      before: { documentId, kind: doc.kind, fileId: doc.fileId, name: doc.name },
    });
  });
  return getAct(svc, a, id);
}

// ── Steps ───────────────────────────────────────────────────────────────────────────────────────

async function presentKinds(tx: Tx, actId: string): Promise<string[]> {
  const rows = await tx
    .select({ kind: registrationDocument.kind })
    .from(registrationDocument)
    .where(eq(registrationDocument.actId, actId));
  return rows.map((r) => r.kind);
}

/** Everything an act must satisfy to go on: details, documents, and (deregistration) no persons left. */
async function checkSubstance(tx: Tx, a: AuthContext, act: ActRow): Promise<void> {
  const kind = act.kind as ActKind;
  const details = act.particulars as ActDetails;
  const u = await unitRow(tx, a, act.unitId);
  const lp = await legalPersonOf(tx, act.unitId);
  const v = [
    ...checkDetails(kind, details, {
      unitName: u.name,
      changeDate: act.changeDate,
      current: lp ? particularsOf(lp) : null,
    }),
    ...checkDocuments(kind, details, await presentKinds(tx, act.id)),
  ];
  if (kind === 'deregister' || kind === 'deregisterSimplified')
    v.push(...personsRule(await personsOnEstablishment(tx, act.unitId), u.name));
  if (kind === 'establish' && details.particulars) {
    const sponsor = (await unitNames(tx, [details.particulars.sponsorUnitId])).get(details.particulars.sponsorUnitId);
    if (!sponsor) v.push({ rule: 'DETAILS_MISSING', message: '举办单位不存在，请从本地区单位中选择' });
  }
  if (kind === 'amend' && details.changes?.sponsorUnitId) {
    const sponsor = (await unitNames(tx, [details.changes.sponsorUnitId])).get(details.changes.sponsorUnitId);
    if (!sponsor) v.push({ rule: 'DETAILS_MISSING', message: '变更后的举办单位不存在，请从本地区单位中选择' });
  }
  refuse(v);
}

export async function submitAct(svc: Services, a: AuthContext, id: string, body: { on?: string | undefined }) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'submit'));
    const on = body.on ?? todayInChina();
    refuse(checkDateOrder(on, act.changeDate, '提交日期', '变更发生日期', todayInChina()));
    await checkSubstance(tx, a, act);
    // A late amendment is accepted, flagged with the working days by which it is late.
    const filing =
      act.kind === 'amend' && act.changeDate ? onCalendar(() => amendFiling(calendar, act.changeDate!, on)) : null;
    await tx
      .update(registrationAct)
      .set({
        state: 'submitted',
        submittedOn: on,
        lateWorkingDays: filing?.lateWorkingDays ?? null,
        updatedAt: new Date(),
      })
      .where(eq(registrationAct.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.submit',
      objectType: 'registrationAct',
      objectId: id,
      before: { state: act.state },
      after: {
        state: 'submitted',
        submittedOn: on,
        ...(filing ? { filingDueOn: filing.dueOn, lateWorkingDays: filing.lateWorkingDays } : {}),
      },
    });
  });
  return getAct(svc, a, id);
}

export async function acceptAct(svc: Services, a: AuthContext, id: string, body: { on?: string | undefined }) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'accept'));
    const on = body.on ?? todayInChina();
    refuse([
      ...checkDateOrder(on, act.submittedOn, '受理日期', '提交日期', todayInChina()),
      ...checkWorkingDay(calendar, on, '受理日期'),
    ]);
    await checkSubstance(tx, a, act);
    const due = onCalendar(() => decisionDue(calendar, on));
    await tx
      .update(registrationAct)
      .set({ state: 'accepted', acceptedOn: on, decisionDueOn: due.dueOn, updatedAt: new Date() })
      .where(eq(registrationAct.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.accept',
      objectType: 'registrationAct',
      objectId: id,
      before: { state: act.state },
      after: { state: 'accepted', acceptedOn: on, decisionDueOn: due.dueOn },
    });
  });
  return getAct(svc, a, id);
}

export async function refuseAct(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { on?: string | undefined; reason: string },
) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'refuse'));
    const on = body.on ?? todayInChina();
    refuse([
      ...checkDateOrder(
        on,
        act.acceptedOn ?? act.submittedOn,
        '决定日期',
        act.acceptedOn ? '受理日期' : '提交日期',
        todayInChina(),
      ),
      ...checkWorkingDay(calendar, on, '决定日期'),
    ]);
    await tx
      .update(registrationAct)
      .set({ state: 'refused', decidedOn: on, refusalReason: body.reason, decidedBy: a.user.id, updatedAt: new Date() })
      .where(eq(registrationAct.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.refuse',
      objectType: 'registrationAct',
      objectId: id,
      before: { state: act.state },
      after: { state: 'refused', decidedOn: on, reason: body.reason },
    });
  });
  return getAct(svc, a, id);
}

/**
 * The USCC an establishment is registered under: given at approval, in the application, already
 * the unit's — or else the next code of the region's range for 事业单位 (prefix 12).
 */
async function establishmentUscc(
  tx: Tx,
  svc: Services,
  a: AuthContext,
  given: string | undefined,
  details: ActDetails,
  unitUscc: string | null,
): Promise<string> {
  const raw = given?.trim() || details.uscc?.trim() || unitUscc;
  if (!raw) {
    try {
      return (await issueNextCode(tx, svc.keys.audit, a.actor, a.scope.regionCode, '12')).uscc;
    } catch (err) {
      if (err instanceof AppError && err.code === 'RULE_VIOLATION')
        refuse([
          {
            rule: 'USCC_REQUIRED',
            message: `核准设立登记须有统一社会信用代码，不能自动赋码：${err.message}；或填写赋予该单位的代码（第1–2位为“12”，机构编制部门登记的事业单位）`,
          },
        ]);
      throw err;
    }
  }
  const c = checkUscc(raw!);
  if (!c.ok) refuse([{ rule: 'USCC_INVALID', message: `统一社会信用代码“${raw}”无效：${c.reason}` }]);
  if (c.ok && (c.authority.code !== '1' || c.type.code !== '2'))
    refuse([
      {
        rule: 'USCC_INVALID',
        message: `统一社会信用代码${c.code}是${c.authority.name}登记的“${c.type.name}”，不是机构编制部门登记的事业单位（第1–2位应为“12”）`,
      },
    ]);
  const code = (c as { code: string }).code;
  const holder = (await tx.select({ name: legalPerson.name }).from(legalPerson).where(eq(legalPerson.uscc, code)))[0];
  if (holder)
    refuse([
      { rule: 'USCC_TAKEN', message: `统一社会信用代码${code}已登记给“${holder.name}”，一个代码只能赋予一个法人` },
    ]);
  return code;
}

export async function approveAct(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { on?: string | undefined; uscc?: string | undefined },
) {
  await svc.db.transaction(async (tx) => {
    const act = await loadAct(tx, a, id, true);
    stateRefuse(checkStep(act.state as ActState, 'approve'));
    const on = body.on ?? todayInChina();
    refuse([
      ...checkDateOrder(on, act.acceptedOn, '核准日期', '受理日期', todayInChina()),
      ...checkWorkingDay(calendar, on, '核准日期'),
    ]);
    await checkSubstance(tx, a, act);
    const kind = act.kind as ActKind;
    const details = act.particulars as ActDetails;
    const u = await unitRow(tx, a, act.unitId);
    const officeName = `${a.regionName}机构编制委员会办公室`;
    let lp = await legalPersonOf(tx, act.unitId, true);
    let before: Record<string, unknown> | null = null;
    let announcement: AnnouncementFacts | null = null;
    const sponsorName = async (sid: string | null | undefined) =>
      sid ? ((await unitNames(tx, [sid])).get(sid) ?? sid) : '';

    if (kind === 'establish') {
      const p = details.particulars!;
      const uscc = await establishmentUscc(tx, svc, a, body.uscc, details, u.uscc);
      const validity = certificateValidity(on);
      [lp] = await tx
        .insert(legalPerson)
        .values({
          regionCode: a.scope.regionCode,
          unitId: u.id,
          kind: 'institution',
          uscc,
          name: p.name,
          legalRepresentative: p.legalRepresentative,
          address: p.address,
          startupCapital: p.startupCapital,
          purposeAndScope: p.purposeAndScope,
          sponsorUnitId: p.sponsorUnitId,
          fundingSource: p.fundingSource,
          status: 'active',
          registeredOn: on,
          certificateNo: certificateNumber(a.scope.regionCode, uscc, 1),
          certificateValidFrom: validity.validFrom,
          certificateValidTo: validity.validTo,
          certificateEdition: 1,
        })
        .returning();
      announcement = {
        kind: 'establish',
        officeName,
        decidedOn: on,
        uscc,
        name: p.name,
        particulars: { ...p, sponsorName: await sponsorName(p.sponsorUnitId) },
      };
    } else {
      if (!lp) throw appError('NOT_FOUND', '登记簿中没有该单位');
      const current = particularsOf(lp);
      if (kind === 'amend') {
        const fields = changedFields(details).filter((f) => details.changes![f] !== current[f]);
        before = Object.fromEntries(fields.map((f) => [f, current[f]]));
        const after = Object.fromEntries(fields.map((f) => [f, details.changes![f]])) as Partial<Particulars>;
        [lp] = await tx
          .update(legalPerson)
          .set({ ...after, updatedAt: new Date() })
          .where(eq(legalPerson.id, lp.id))
          .returning();
        const changes: { field: ParticularField; before: string; after: string }[] = [];
        for (const f of fields)
          changes.push({
            field: f,
            before: particularText(
              f,
              current[f],
              f === 'sponsorUnitId' ? await sponsorName(current.sponsorUnitId) : undefined,
            ),
            after: particularText(
              f,
              after[f],
              f === 'sponsorUnitId' ? await sponsorName(after.sponsorUnitId) : undefined,
            ),
          });
        announcement = {
          kind: 'amend',
          officeName,
          decidedOn: on,
          uscc: lp!.uscc,
          name: lp!.name,
          particulars: { ...particularsOf(lp!), sponsorName: '' },
          changes,
        };
      } else if (kind === 'deregister' || kind === 'deregisterSimplified') {
        before = { status: lp.status };
        [lp] = await tx
          .update(legalPerson)
          .set({ status: 'deregistered', deregisteredOn: on, updatedAt: new Date() })
          .where(eq(legalPerson.id, lp.id))
          .returning();
        announcement = {
          kind: 'deregister',
          officeName,
          decidedOn: on,
          uscc: lp!.uscc,
          name: lp!.name,
          particulars: { ...current, sponsorName: '' },
          reason: details.reason ?? '',
          simplified: kind === 'deregisterSimplified',
        };
      } else {
        // 换发: a new certificate, valid five years from today; 遗失补领: a new number, the same validity.
        const edition = lp.certificateEdition + 1;
        before = {
          certificateNo: lp.certificateNo,
          certificateValidFrom: lp.certificateValidFrom,
          certificateValidTo: lp.certificateValidTo,
        };
        const validity = kind === 'certificateReissue' ? certificateValidity(on) : null;
        [lp] = await tx
          .update(legalPerson)
          .set({
            certificateEdition: edition,
            certificateNo: certificateNumber(a.scope.regionCode, lp.uscc, edition),
            ...(validity ? { certificateValidFrom: validity.validFrom, certificateValidTo: validity.validTo } : {}),
            updatedAt: new Date(),
          })
          .where(eq(legalPerson.id, lp.id))
          .returning();
        if (kind === 'certificateLoss')
          announcement = {
            kind: 'certificateLoss',
            officeName,
            decidedOn: on,
            uscc: lp!.uscc,
            name: lp!.name,
            particulars: { ...current, sponsorName: '' },
            lostCertificateNo: before.certificateNo as string | null,
          };
      }
    }
    await tx
      .update(registrationAct)
      .set({
        state: 'approved',
        decidedOn: on,
        decidedBy: a.user.id,
        legalPersonId: lp!.id,
        before,
        updatedAt: new Date(),
      })
      .where(eq(registrationAct.id, id));
    let announcementId: string | null = null;
    if (announcement) {
      const t = announcementText(announcement);
      const [row] = await tx
        .insert(registrationAnnouncement)
        .values({
          regionCode: a.scope.regionCode,
          actId: id,
          legalPersonId: lp!.id,
          kind: announcement.kind,
          title: t.title,
          body: t.body,
          publishedOn: on,
        })
        .returning({ id: registrationAnnouncement.id });
      announcementId = row!.id;
    }
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.act.approve',
      objectType: 'registrationAct',
      objectId: id,
      before: { state: act.state, register: before },
      after: {
        state: 'approved',
        decidedOn: on,
        kind,
        legalPersonId: lp!.id,
        uscc: lp!.uscc,
        status: lp!.status,
        certificateNo: lp!.certificateNo,
        certificateValidTo: lp!.certificateValidTo,
        announcementId,
      },
    });
  });
  return getAct(svc, a, id);
}

// ── The register ────────────────────────────────────────────────────────────────────────────────

export async function listInstitutions(svc: Services, a: AuthContext, q: z.infer<typeof InstitutionListQuery>) {
  const scope = a.scope.unitIds ? [inArray(unit.id, [...a.scope.unitIds])] : [];
  const text = q.q?.trim();
  const like = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  if (q.registered === 'false') {
    const where = and(
      eq(unit.regionCode, a.scope.regionCode),
      eq(unit.kind, 'publicInstitution'),
      eq(unit.status, 'active'),
      isNull(legalPerson.id),
      ...scope,
      ...(like ? [ilike(unit.name, like)] : []),
    );
    const base = () =>
      svc.db.select({ id: unit.id, name: unit.name }).from(unit).leftJoin(legalPerson, eq(legalPerson.unitId, unit.id));
    const [rows, total] = await Promise.all([
      base()
        .where(where)
        .orderBy(asc(unit.name))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      svc.db.select({ n: count() }).from(unit).leftJoin(legalPerson, eq(legalPerson.unitId, unit.id)).where(where),
    ]);
    return { items: rows.map((r) => ({ unitId: r.id, unitName: r.name, legalPerson: null })), total: total[0]?.n ?? 0 };
  }
  const where = and(
    eq(legalPerson.regionCode, a.scope.regionCode),
    eq(legalPerson.kind, 'institution'),
    ...scope,
    ...(q.status ? [eq(legalPerson.status, q.status)] : []),
    ...(like
      ? [or(ilike(legalPerson.name, like), ilike(legalPerson.uscc, `%${text!.toUpperCase().replace(/[\\%_]/g, '')}%`))!]
      : []),
  );
  const [rows, total] = await Promise.all([
    svc.db
      .select({ lp: legalPerson, unitName: unit.name })
      .from(legalPerson)
      .innerJoin(unit, eq(unit.id, legalPerson.unitId))
      .where(where)
      .orderBy(asc(legalPerson.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    svc.db.select({ n: count() }).from(legalPerson).innerJoin(unit, eq(unit.id, legalPerson.unitId)).where(where),
  ]);
  const names = await unitNames(
    svc.db,
    rows.map((r) => r.lp.sponsorUnitId),
  );
  return {
    items: rows.map((r) => ({
      unitId: r.lp.unitId,
      unitName: r.unitName,
      legalPerson: legalPersonInfo(r.lp, r.lp.sponsorUnitId ? (names.get(r.lp.sponsorUnitId) ?? null) : null),
    })),
    total: total[0]?.n ?? 0,
  };
}

export async function institutionDetail(svc: Services, a: AuthContext, unitId: string) {
  const u = await unitRow(svc.db, a, unitId);
  const lp = await legalPersonOf(svc.db, unitId);
  const acts = await svc.db
    .select()
    .from(registrationAct)
    .where(and(eq(registrationAct.unitId, unitId), eq(registrationAct.regionCode, a.scope.regionCode)))
    .orderBy(desc(registrationAct.createdAt));
  const sponsor = lp?.sponsorUnitId
    ? ((await unitNames(svc.db, [lp.sponsorUnitId])).get(lp.sponsorUnitId) ?? null)
    : null;
  const today = todayInChina();
  return {
    unitId,
    unitName: u.name,
    unitStatus: u.status,
    personsOnEstablishment: await personsOnEstablishment(svc.db, unitId),
    legalPerson: lp ? legalPersonInfo(lp, sponsor) : null,
    acts: acts.map((x) => summary(x, u.name, lp?.uscc ?? null, today)),
  };
}

/** Certificates expiring within `withinDays` calendar days, or already expired, of active legal persons. */
export async function expiringCertificates(svc: Services, a: AuthContext, withinDays: number) {
  const today = todayInChina();
  const rows = await svc.db
    .select()
    .from(legalPerson)
    .where(
      and(
        eq(legalPerson.regionCode, a.scope.regionCode),
        eq(legalPerson.status, 'active'),
        eq(legalPerson.kind, 'institution'),
        sql`${legalPerson.certificateValidTo} <= (${today}::date + ${withinDays}::int)`,
        ...(a.scope.unitIds ? [inArray(legalPerson.unitId, [...a.scope.unitIds])] : []),
      ),
    )
    .orderBy(asc(legalPerson.certificateValidTo));
  return {
    items: rows.map((r) => {
      const daysLeft = Math.round(
        (Date.parse(`${r.certificateValidTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
      );
      return {
        unitId: r.unitId,
        name: r.name,
        uscc: r.uscc,
        certificateNo: r.certificateNo,
        certificateValidTo: r.certificateValidTo!,
        daysLeft,
        expired: daysLeft < 0,
      };
    }),
  };
}

// ── Announcements ───────────────────────────────────────────────────────────────────────────────

/**
 * The announcements of a region, newest first: the public portal lists these (no reader, no
 * scope — announcements are public by nature); the office's list calls it with its region.
 */
export async function listAnnouncements(
  db: DbOrTx,
  regionCode: string,
  q: Partial<Omit<z.infer<typeof AnnouncementQuery>, 'page' | 'pageSize'>> & { page?: number; pageSize?: number } = {},
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const text = q.q?.trim();
  const like = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(registrationAnnouncement.regionCode, regionCode),
    ...(q.kind ? [eq(registrationAnnouncement.kind, q.kind)] : []),
    ...(q.from ? [sql`${registrationAnnouncement.publishedOn} >= ${q.from}::date`] : []),
    ...(q.to ? [sql`${registrationAnnouncement.publishedOn} <= ${q.to}::date`] : []),
    ...(like
      ? [or(ilike(legalPerson.name, like), ilike(registrationAnnouncement.title, like), ilike(legalPerson.uscc, like))!]
      : []),
  );
  const [rows, total] = await Promise.all([
    db
      .select({
        a: registrationAnnouncement,
        unitId: legalPerson.unitId,
        uscc: legalPerson.uscc,
        name: legalPerson.name,
      })
      .from(registrationAnnouncement)
      .innerJoin(legalPerson, eq(legalPerson.id, registrationAnnouncement.legalPersonId))
      .where(where)
      .orderBy(desc(registrationAnnouncement.publishedOn), desc(registrationAnnouncement.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(registrationAnnouncement)
      .innerJoin(legalPerson, eq(legalPerson.id, registrationAnnouncement.legalPersonId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.a.id,
      kind: r.a.kind,
      title: r.a.title,
      body: r.a.body,
      publishedOn: r.a.publishedOn,
      unitId: r.unitId,
      uscc: r.uscc,
      name: r.name,
    })),
    total: total[0]?.n ?? 0,
  };
}
