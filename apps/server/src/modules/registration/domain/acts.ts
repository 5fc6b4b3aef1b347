/**
 * The rules of registration acts (事业单位登记管理暂行条例及其实施细则), pure: which documents each
 * act needs, which step may follow which, the statutory deadlines in working days, the conditions
 * of simplified deregistration, the certificate's validity and the text of announcements.
 * Every refusal names its rule (the code) and says in Chinese what is wrong.
 *
 * The working-day calendar is passed in (domain/calendar.ts: `addWorkingDays`, `isWorkingDay`,
 * `workingDaysBetween` on YYYY-MM-DD strings), so these rules are tested on any calendar.
 */
import {
  ACT_KIND_LABELS,
  ACT_STATE_LABELS,
  DOCUMENT_KIND_LABELS,
  FUNDING_FORM_LABELS,
  PARTICULAR_FIELDS,
  PARTICULAR_LABELS,
  SIMPLIFIED_DECLARATIONS,
  SIMPLIFIED_DECLARATION_LABELS,
  type ActDetails,
  type ActKind,
  type ActState,
  type DocumentKind,
  type ParticularField,
  type Particulars,
  type SimplifiedDeclaration,
} from '@bianban/contracts';

import { CalendarRangeError, type DayKind } from './calendar.js';

export interface WorkingCalendar {
  /** The date n working days after `date` (the day itself not counted). */
  addWorkingDays(date: string, n: number): string;
  isWorkingDay(date: string): boolean;
  /** Working days after `from` up to and including `to` (negative when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): number;
  /** What kind of day it is (a holiday with its name). */
  dayKind(date: string): DayKind;
}

export type RegistrationRule =
  | 'DOCUMENTS_MISSING'
  | 'WRONG_STATE'
  | 'NOT_WORKING_DAY'
  | 'DATE_ORDER'
  | 'DATE_IN_FUTURE'
  | 'PERSONS_ON_ESTABLISHMENT'
  | 'SIMPLIFIED_CONDITIONS'
  | 'DUPLICATE_ESTABLISHMENT'
  | 'OPEN_ACT_EXISTS'
  | 'NOT_PUBLIC_INSTITUTION'
  | 'NOT_REGISTERED'
  | 'DEREGISTERED'
  | 'NAME_MISMATCH'
  | 'NO_CHANGES'
  | 'DETAILS_MISSING'
  | 'USCC_INVALID'
  | 'USCC_TAKEN'
  | 'USCC_REQUIRED'
  | 'CALENDAR_NOT_COVERED';

export interface RegistrationViolation {
  rule: RegistrationRule;
  message: string;
}

// ── Documents ───────────────────────────────────────────────────────────────────────────────────

/** The documents every act of a kind needs (实施细则: 设立登记第二十三条, 变更登记, 注销登记 …). */
export const REQUIRED_DOCUMENTS: Record<ActKind, readonly DocumentKind[]> = {
  establish: [
    'application',
    'approvalDocument',
    'charter',
    'addressProof',
    'capitalProof',
    'representativeAppointment',
    'representativeId',
  ],
  amend: ['application', 'sponsorConsent', 'changeProof'],
  deregister: ['application', 'sponsorConsent', 'deregistrationApproval', 'liquidationReport', 'certificateOriginal'],
  // 简易注销: no liquidation report, but a signed commitment on debts instead.
  deregisterSimplified: [
    'application',
    'sponsorConsent',
    'deregistrationApproval',
    'debtCommitment',
    'certificateOriginal',
  ],
  certificateReissue: ['application', 'certificateOriginal'],
  certificateLoss: ['application'],
};

/** An amendment needs, besides the common ones, the proof belonging to each changed particular. */
export const AMEND_FIELD_DOCUMENTS: Record<ParticularField, readonly DocumentKind[]> = {
  name: ['approvalDocument'],
  legalRepresentative: ['representativeAppointment', 'representativeId'],
  address: ['addressProof'],
  startupCapital: ['capitalProof'],
  purposeAndScope: ['approvalDocument'],
  sponsorUnitId: ['approvalDocument'],
  fundingSource: ['approvalDocument'],
};

export function changedFields(details: ActDetails): ParticularField[] {
  const c = details.changes ?? {};
  return PARTICULAR_FIELDS.filter((f) => c[f] !== undefined);
}

export function requiredDocuments(kind: ActKind, details: ActDetails): DocumentKind[] {
  const out = new Set<DocumentKind>(REQUIRED_DOCUMENTS[kind]);
  if (kind === 'amend') for (const f of changedFields(details)) for (const d of AMEND_FIELD_DOCUMENTS[f]) out.add(d);
  return [...out];
}

export function checkDocuments(
  kind: ActKind,
  details: ActDetails,
  present: readonly string[],
): RegistrationViolation[] {
  const have = new Set(present);
  const missing = requiredDocuments(kind, details).filter((d) => !have.has(d));
  if (!missing.length) return [];
  return [
    {
      rule: 'DOCUMENTS_MISSING',
      message: `${ACT_KIND_LABELS[kind]}缺少申请材料：${missing.map((d) => DOCUMENT_KIND_LABELS[d]).join('、')}`,
    },
  ];
}

// ── Details per kind ────────────────────────────────────────────────────────────────────────────

/** What must be filled in before an act can be submitted (beyond the documents). */
export function checkDetails(
  kind: ActKind,
  details: ActDetails,
  ctx: { unitName: string; changeDate: string | null; current: Particulars | null },
): RegistrationViolation[] {
  const v: RegistrationViolation[] = [];
  if (kind === 'establish') {
    if (!details.particulars)
      v.push({
        rule: 'DETAILS_MISSING',
        message: '设立登记须填写全部登记事项（名称、法定代表人、住所、开办资金、宗旨和业务范围、举办单位、经费来源）',
      });
    else if (details.particulars.name !== ctx.unitName)
      v.push({
        rule: 'NAME_MISMATCH',
        message: `登记名称“${details.particulars.name}”与机构编制部门核定的单位名称“${ctx.unitName}”不一致`,
      });
  }
  if (kind === 'amend') {
    const fields = changedFields(details);
    const real = ctx.current ? fields.filter((f) => details.changes![f] !== ctx.current![f]) : fields;
    if (!real.length)
      v.push({ rule: 'NO_CHANGES', message: '变更登记须至少变更一项登记事项，且新值须与登记簿现值不同' });
    if (!ctx.changeDate)
      v.push({ rule: 'DETAILS_MISSING', message: '变更登记须填写变更发生日期（据以计算30个工作日的申请期限）' });
    if (details.changes?.name !== undefined && details.changes.name !== ctx.unitName)
      v.push({
        rule: 'NAME_MISMATCH',
        message: `变更后的名称“${details.changes.name}”与机构编制部门核定的单位名称“${ctx.unitName}”不一致：名称变更须先经机构编制事项批准`,
      });
  }
  if (kind === 'deregister' || kind === 'deregisterSimplified')
    if (!details.reason)
      v.push({ rule: 'DETAILS_MISSING', message: '注销登记须说明注销原因（撤销、解散、合并或分立等）' });
  if (kind === 'deregisterSimplified') v.push(...checkSimplifiedConditions(details));
  if (kind === 'certificateReissue' && !details.reissueReason)
    v.push({ rule: 'DETAILS_MISSING', message: '证书换发须说明原因（登记事项变更、有效期届满或证书破损）' });
  if (kind === 'certificateLoss' && !details.lostOn)
    v.push({ rule: 'DETAILS_MISSING', message: '遗失补领须填写证书遗失日期' });
  return v;
}

/** 简易注销: every declaration must be made. */
export function checkSimplifiedConditions(details: ActDetails): RegistrationViolation[] {
  const d = details.declarations ?? {};
  const missing: SimplifiedDeclaration[] = SIMPLIFIED_DECLARATIONS.filter((k) => d[k] !== true);
  if (!missing.length) return [];
  return [
    {
      rule: 'SIMPLIFIED_CONDITIONS',
      message: `不符合简易注销条件，申请人未声明：${missing.map((k) => SIMPLIFIED_DECLARATION_LABELS[k]).join('、')}；请改为普通注销登记（须提交清算报告）`,
    },
  ];
}

export function personsRule(count: number, unitName: string): RegistrationViolation[] {
  if (count <= 0) return [];
  return [
    {
      rule: 'PERSONS_ON_ESTABLISHMENT',
      message: `“${unitName}”仍有${count}名在编人员，不能注销：注销登记前须先将在编人员全部下编或调出（人员妥善安置）`,
    },
  ];
}

// ── Workflow ────────────────────────────────────────────────────────────────────────────────────

export type ActStep = 'edit' | 'submit' | 'accept' | 'approve' | 'refuse';
const FROM: Record<ActStep, readonly ActState[]> = {
  edit: ['draft'],
  submit: ['draft'],
  accept: ['submitted'],
  approve: ['accepted'],
  refuse: ['submitted', 'accepted'],
};
const STEP_LABELS: Record<ActStep, string> = {
  edit: '修改',
  submit: '提交',
  accept: '受理',
  approve: '核准',
  refuse: '驳回',
};

export function canStep(state: ActState, step: ActStep): boolean {
  return FROM[step].includes(state);
}

export function checkStep(state: ActState, step: ActStep): RegistrationViolation[] {
  if (canStep(state, step)) return [];
  return [
    {
      rule: 'WRONG_STATE',
      message: `该登记事项当前为“${ACT_STATE_LABELS[state]}”，不能${STEP_LABELS[step]}：只有${FROM[step].map((s) => `“${ACT_STATE_LABELS[s]}”`).join('或')}的事项可以${STEP_LABELS[step]}`,
    },
  ];
}

// ── Dates and deadlines ─────────────────────────────────────────────────────────────────────────

/** Statutory periods, in working days. */
export const DECISION_WORKING_DAYS = 30;
export const AMEND_FILING_WORKING_DAYS = 30;
export const CERTIFICATE_VALIDITY_YEARS = 5;

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Why a date is not a working day, in words: a weekend or a statutory holiday (named). */
export function nonWorkingReason(cal: WorkingCalendar, date: string): string {
  const w = weekdayOf(date);
  const k = cal.dayKind(date);
  return k.kind === 'holiday' ? `${WEEKDAYS[w]}，${k.name}放假` : `${WEEKDAYS[w]}（休息日）`;
}

/** A calendar question outside the years the holiday notices cover, as a refusal naming the rule. */
export function calendarViolation(err: unknown): RegistrationViolation[] {
  if (err instanceof CalendarRangeError) return [{ rule: 'CALENDAR_NOT_COVERED', message: err.message }];
  throw err;
}

/** The office acts (accepts, decides) on working days only. */
export function checkWorkingDay(cal: WorkingCalendar, date: string, what: string): RegistrationViolation[] {
  try {
    if (cal.isWorkingDay(date)) return [];
    const next = cal.addWorkingDays(date, 0);
    return [
      {
        rule: 'NOT_WORKING_DAY',
        message: `${what}${date}是${nonWorkingReason(cal, date)}，不是工作日，登记管理机关不在非工作日${what.replace(/日期$/, '')}；最近的工作日是${next}`,
      },
    ];
  } catch (err) {
    return calendarViolation(err);
  }
}

export function checkDateOrder(
  date: string,
  after: string | null,
  what: string,
  prev: string,
  today: string,
): RegistrationViolation[] {
  const v: RegistrationViolation[] = [];
  if (date > today) v.push({ rule: 'DATE_IN_FUTURE', message: `${what}${date}晚于今天（${today}），不能预先登记` });
  if (after && date < after) v.push({ rule: 'DATE_ORDER', message: `${what}${date}早于${prev}${after}` });
  return v;
}

function calendarDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A deadline n working days after `from`, with how it was computed. */
export function workingDayDeadline(cal: WorkingCalendar, from: string, n: number): { dueOn: string; note: string } {
  const dueOn = cal.addWorkingDays(from, n);
  const skipped = calendarDays(from, dueOn) - n;
  return {
    dueOn,
    note: `自${from}起算${n}个工作日（起算当日不计），期间${skipped}个休息日和法定节假日不计入，至${dueOn}（${WEEKDAYS[weekdayOf(dueOn)]}）届满`,
  };
}

/** The office decides within 30 working days of acceptance (实施细则). */
export function decisionDue(cal: WorkingCalendar, acceptedOn: string) {
  return workingDayDeadline(cal, acceptedOn, DECISION_WORKING_DAYS);
}

/** An amendment is filed within 30 working days of the change; later filing is accepted but flagged. */
export function amendFiling(
  cal: WorkingCalendar,
  changeDate: string,
  filedOn: string,
): { dueOn: string; note: string; lateWorkingDays: number } {
  const d = workingDayDeadline(cal, changeDate, AMEND_FILING_WORKING_DAYS);
  const late = filedOn > d.dueOn ? cal.workingDaysBetween(d.dueOn, filedOn) : 0;
  return { ...d, lateWorkingDays: late };
}

/** Working days from `today` to `dueOn`: positive ahead, 0 on the day, negative when passed. */
export function workingDaysLeft(cal: WorkingCalendar, today: string, dueOn: string): number {
  if (dueOn === today) return 0;
  return dueOn > today ? cal.workingDaysBetween(today, dueOn) : -cal.workingDaysBetween(dueOn, today);
}

/** 法人证书 validity: five years, the last day being the day before the anniversary. */
export function certificateValidity(from: string): { validFrom: string; validTo: string } {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + CERTIFICATE_VALIDITY_YEARS, m - 1, d));
  // 29 February + 5 years lands on 1 March through Date's overflow; the day before is then 28 February.
  end.setUTCDate(end.getUTCDate() - 1);
  return { validFrom: from, validTo: end.toISOString().slice(0, 10) };
}

export function certificateNumber(regionCode: string, uscc: string, edition: number): string {
  return `事证第${regionCode}${uscc.slice(8, 17)}-${String(edition).padStart(2, '0')}号`;
}

// ── Announcements ───────────────────────────────────────────────────────────────────────────────

export interface AnnouncementFacts {
  kind: 'establish' | 'amend' | 'deregister' | 'certificateLoss';
  officeName: string;
  decidedOn: string;
  uscc: string;
  name: string;
  particulars: Particulars & { sponsorName: string };
  /** amend: field → [before, after] in words. */
  changes?: { field: ParticularField; before: string; after: string }[];
  /** deregister: reason; simplified or not. */
  reason?: string;
  simplified?: boolean;
  /** certificateLoss: the lost certificate's number. */
  lostCertificateNo?: string | null;
}

/** Fen as the certificate writes it: whole 万元 when exact, otherwise yuan with fen. */
export function yuan(fen: number): string {
  if (fen !== 0 && fen % 1_000_000 === 0) return `${fen / 1_000_000}万元`;
  const y = Math.trunc(fen / 100);
  const f = Math.abs(fen % 100);
  return `${y}${f ? `.${String(f).padStart(2, '0')}` : ''}元`;
}

/** A particular's value in words (capital in yuan, funding source by its label). */
export function particularText(field: ParticularField, value: unknown, sponsorName?: string): string {
  if (value === null || value === undefined) return '（空）';
  if (field === 'startupCapital') return yuan(Number(value));
  if (field === 'fundingSource') return FUNDING_FORM_LABELS[value as keyof typeof FUNDING_FORM_LABELS] ?? String(value);
  if (field === 'sponsorUnitId') return sponsorName ?? String(value);
  return String(value);
}

export function announcementText(f: AnnouncementFacts): { title: string; body: string } {
  const p = f.particulars;
  const head = `经审核，准予${f.name}（统一社会信用代码：${f.uscc}）`;
  switch (f.kind) {
    case 'establish':
      return {
        title: `${f.name}设立登记公告`,
        body: [
          `${head}设立登记，现予公告。`,
          `名称：${p.name}`,
          `宗旨和业务范围：${p.purposeAndScope}`,
          `住所：${p.address}`,
          `法定代表人：${p.legalRepresentative}`,
          `开办资金：${yuan(p.startupCapital)}`,
          `经费来源：${particularText('fundingSource', p.fundingSource)}`,
          `举办单位：${p.sponsorName}`,
          `${f.officeName}\u3000${f.decidedOn}`,
        ].join('\n'),
      };
    case 'amend':
      return {
        title: `${f.name}变更登记公告`,
        body: [
          `${head}变更登记，现予公告。`,
          ...(f.changes ?? []).map((c) => `${PARTICULAR_LABELS[c.field]}：由“${c.before}”变更为“${c.after}”`),
          `${f.officeName}\u3000${f.decidedOn}`,
        ].join('\n'),
      };
    case 'deregister':
      return {
        title: `${f.name}${f.simplified ? '简易' : ''}注销登记公告`,
        body: [
          `${head}${f.simplified ? '简易' : ''}注销登记，其事业单位法人证书及印章同时收缴作废，现予公告。`,
          ...(f.reason ? [`注销原因：${f.reason}`] : []),
          `${f.officeName}\u3000${f.decidedOn}`,
        ].join('\n'),
      };
    case 'certificateLoss':
      return {
        title: `${f.name}法人证书遗失声明`,
        body: [
          `${f.name}（统一社会信用代码：${f.uscc}）遗失事业单位法人证书${f.lostCertificateNo ? `（证书编号：${f.lostCertificateNo}）` : ''}，声明原证书作废，已准予补领。`,
          `${f.officeName}\u3000${f.decidedOn}`,
        ].join('\n'),
      };
  }
}
