/**
 * Ledgers (台账): XLSX workbooks built by background jobs. Each endpoint starts a job and answers
 * with its `JobInfo`; the browser follows `/api/jobs/:id/events` and downloads
 * `/api/jobs/:id/file` (which audits the download). Every ledger is limited to the requester's
 * region and unit subtree.
 */
import { z } from 'zod';

/** Job kinds of the ledgers (labels in `JOB_KIND_LABELS`). */
export const LEDGER_JOB_KINDS = {
  units: 'ledger.units',
  roster: 'ledger.roster',
  monthly: 'ledger.monthly',
} as const;
export type LedgerJobKind = (typeof LEDGER_JOB_KINDS)[keyof typeof LEDGER_JOB_KINDS];

const AsOfLedgerBody = z.object({
  /** The date the ledger describes (YYYY-MM-DD); today in China when omitted. */
  asOf: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  /** Limit to this unit and its subtree (within the requester's scope); the whole scope when omitted. */
  unitId: z.uuid({ message: '单位编号格式不正确' }).optional(),
});

/** 单位及编制台账: one row per unit, approved/actual/vacancy/over per establishment type, posts. */
export const UnitLedgerBody = AsOfLedgerBody;
/** 花名册: the persons on the establishment on the date. */
export const RosterLedgerBody = AsOfLedgerBody;
/** 月报: enrolments and disenrolments of one month, and the month-end figures. */
export const MonthlyLedgerBody = z.object({
  year: z.number({ message: '请填写年份' }).int().min(2000, '年份不正确').max(2100, '年份不正确'),
  month: z.number({ message: '请填写月份' }).int().min(1, '月份应为1–12').max(12, '月份应为1–12'),
  unitId: z.uuid({ message: '单位编号格式不正确' }).optional(),
});

/** What a finished ledger job reports in `JobInfo.result`. */
export const LedgerJobResult = z.object({
  title: z.string(),
  rows: z.number().int(),
});
