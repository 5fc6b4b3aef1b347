/**
 * Verification (机构编制核查): a payroll list (统发工资名单: 姓名、身份证号、单位) compared with the
 * establishment on a date. Started as a background job; the job's `result` is a `VerificationResult`
 * and its file an XLSX report with one sheet per category.
 */
import { z } from 'zod';
import { UuidSchema } from './api.js';

export const VERIFICATION_JOB_KIND = 'verification.payroll';

export const VERIFICATION_CATEGORIES = [
  'rowProblems',
  'paidNotPlaced',
  'placedNotPaid',
  'unitMismatch',
  'overEstablishment',
] as const;
export type VerificationCategory = (typeof VERIFICATION_CATEGORIES)[number];

/** Also the sheet names of the report (valid Excel sheet names: ≤ 31 characters, no []:*?/\). */
export const VERIFICATION_CATEGORY_LABELS: Record<VerificationCategory, string> = {
  rowProblems: '名单问题',
  paidNotPlaced: '有人无编',
  placedNotPaid: '有编无人（在编未发薪）',
  unitMismatch: '单位不符',
  overEstablishment: '超编单位',
};

/** What each category means, shown on the report's summary sheet and in the UI. */
export const VERIFICATION_CATEGORY_HINTS: Record<VerificationCategory, string> = {
  rowProblems: '身份证号缺失或无效、名单内重复、姓名与在编记录不一致等逐行问题',
  paidNotPlaced: '名单中发薪，但核查日在数据范围内没有在编记录',
  placedNotPaid: '核查日在编，但不在名单中',
  unitMismatch: '名单所列单位与在编单位不一致',
  overEstablishment: '任一编制类型实有人数超过核定编制数的单位',
};

export const VerificationBody = z.object({
  /** A file the caller uploaded through `POST /api/files`: xlsx (first sheet) or UTF-8 csv. */
  fileId: UuidSchema,
  /** The date the establishment is taken on; default today (China). */
  asOf: z.iso.date({ message: '核查日期格式应为 YYYY-MM-DD' }).optional(),
});
export type VerificationBodyT = z.infer<typeof VerificationBody>;

export const VerificationCounts = z.object({
  rowProblems: z.number().int(),
  paidNotPlaced: z.number().int(),
  placedNotPaid: z.number().int(),
  unitMismatch: z.number().int(),
  /** Units (not unit × type rows) over their approved establishment. */
  overEstablishment: z.number().int(),
});

/** `JobInfo.result` of a finished `verification.payroll` job. */
export const VerificationResult = z.object({
  asOf: z.string(),
  fileName: z.string(),
  /** The sheet read (xlsx), null for csv. */
  sheetName: z.string().nullable(),
  headerRow: z.number().int(),
  /** Non-empty data rows in the list. */
  rows: z.number().int(),
  /** Rows with a valid, distinct ID. */
  persons: z.number().int(),
  /** Of those, on the establishment in the unit the list names. */
  matched: z.number().int(),
  /** The data scope compared: 全区 or the caller's unit. */
  scope: z.string(),
  counts: VerificationCounts,
});
export type VerificationResultT = z.infer<typeof VerificationResult>;
