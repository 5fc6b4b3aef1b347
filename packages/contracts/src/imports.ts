/**
 * Imports (实名制数据导入): a roster file (XLSX or UTF-8 CSV, uploaded through `POST /api/files`)
 * checked in full and, when asked for, applied in one transaction. Runs as a background job whose
 * `result` is a `RosterImportResult`.
 */
import { z } from 'zod';
import { UuidSchema } from './api.js';

export const ROSTER_IMPORT_JOB_KIND = 'import.roster';

/**
 * validate — check only, write nothing (roster.edit suffices);
 * all — write only when every row is clean (all-or-nothing);
 * cleanRowsOnly — write the clean rows, report the others.
 * Writing historical placements needs the office leader (decision.approve).
 */
export const IMPORT_MODES = ['validate', 'all', 'cleanRowsOnly'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  validate: '仅校验',
  all: '全部无误才导入',
  cleanRowsOnly: '只导入无误的行',
};

/** Column titles of the roster template, in order; `*` marks the required ones in the template. */
export const ROSTER_IMPORT_COLUMNS = [
  '姓名',
  '公民身份号码',
  '单位',
  '编制类型',
  '上编时间',
  '上编方式',
  '民族',
  '政治面貌',
  '学历',
  '领导职务',
] as const;
export type RosterImportColumn = (typeof ROSTER_IMPORT_COLUMNS)[number];

export const RosterImportBody = z.object({
  fileId: UuidSchema,
  mode: z.enum(IMPORT_MODES, { message: '导入方式应为 validate、all 或 cleanRowsOnly' }).default('validate'),
});
export type RosterImportBodyT = z.infer<typeof RosterImportBody>;

/** One problem: the spreadsheet row (1-based, as the user sees it), the column title, in Chinese. */
export const ImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportErrorT = z.infer<typeof ImportError>;

/** At most this many errors are kept in a job result; `errorCount` is always the full number. */
export const IMPORT_MAX_ERRORS_LISTED = 5000;

/** `JobInfo.result` of a finished `import.roster` job. */
export const RosterImportResult = z.object({
  mode: z.enum(IMPORT_MODES),
  fileName: z.string(),
  /** The sheet read (xlsx), null for csv. */
  sheetName: z.string().nullable(),
  headerRow: z.number().int(),
  /** Non-empty data rows. */
  rows: z.number().int(),
  /** Rows with no error. */
  cleanRows: z.number().int(),
  /** Rows with at least one error. */
  errorRows: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportError),
  /** Whether anything was written. */
  applied: z.boolean(),
  /** Persons registered and placements written (0 unless applied). */
  personsCreated: z.number().int(),
  placementsCreated: z.number().int(),
  /** Why nothing was written, when nothing was. */
  note: z.string().nullable(),
});
export type RosterImportResultT = z.infer<typeof RosterImportResult>;
