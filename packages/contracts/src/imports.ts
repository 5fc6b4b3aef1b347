/**
 * Imports: the roster (实名制数据导入) and units with their establishment (单位及编制导入, drafted as
 * one establishment decision). A roster file (XLSX or UTF-8 CSV, uploaded through `POST /api/files`)
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

/** The imports whose column mapping is saved per region. */
export const IMPORT_KINDS = ['roster', 'units'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { roster: '实名制数据导入', units: '单位及编制导入' };
export const ImportKindSchema = z.enum(IMPORT_KINDS, { message: '导入类型应为 roster 或 units' });

/**
 * Column mapping: a column of the template → the title of the file's header cell to read it from.
 * Columns left out are found by their own title or a known alias (e.g. 身份证号 for 公民身份号码).
 */
export const ColumnMapping = z.record(
  z.string().max(40),
  z.string().trim().min(1, '表头名称不能为空').max(100, '表头名称过长'),
);
export type ColumnMappingT = z.infer<typeof ColumnMapping>;

export const RosterImportBody = z.object({
  fileId: UuidSchema,
  mode: z.enum(IMPORT_MODES, { message: '导入方式应为 validate、all 或 cleanRowsOnly' }).default('validate'),
  /** The mapping confirmed in the wizard; without it the region's saved mapping applies. */
  mapping: ColumnMapping.optional(),
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

// ── Column mapping ───────────────────────────────────────────────────────────────────────────────

export const ImportKindParams = z.object({ kind: ImportKindSchema });
export const ImportHeadersBody = z.object({ fileId: UuidSchema });
export const ImportColumnInfo = z.object({
  name: z.string(),
  required: z.boolean(),
  /** Titles recognised without a mapping. */
  aliases: z.array(z.string()),
});
/** The file's header row and the proposed mapping (the saved one where it fits, else guessed). */
export const ImportHeadersResponse = z.object({
  kind: ImportKindSchema,
  fileName: z.string(),
  /** 1-based sheet row of the header, or null when none was recognised (then the first non-empty row). */
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  columns: z.array(ImportColumnInfo),
  mapping: ColumnMapping,
  /** Columns whose mapping came from the region's saved mapping. */
  fromSaved: z.array(z.string()),
  /** Required columns that nothing maps to yet. */
  missing: z.array(z.string()),
});
export type ImportHeadersResponseT = z.infer<typeof ImportHeadersResponse>;
export const ImportMappingBody = z.object({ mapping: ColumnMapping });
export const ImportMappingResponse = z.object({
  kind: ImportKindSchema,
  mapping: ColumnMapping,
  updatedAt: z.string().nullable(),
});
export type ImportMappingResponseT = z.infer<typeof ImportMappingResponse>;

// ── Units import (单位及编制导入) → one draft establishment decision ─────────────────────────────

export const UNITS_IMPORT_JOB_KIND = 'import.units';

/** Column titles of the units template, in order. */
export const UNITS_IMPORT_COLUMNS = [
  '单位名称',
  '简称',
  '上级单位',
  '上级单位编号',
  '机构类别',
  '事业单位类别',
  '机构规格',
  '经费形式',
  '统一社会信用代码',
  '主要职责',
  '行政编制',
  '政法专项编制',
  '参公事业编制',
  '事业编制（全额拨款）',
  '事业编制（差额拨款）',
  '事业编制（自收自支）',
  '工勤编制',
  '正职领导职数',
  '副职领导职数',
] as const;
export type UnitsImportColumn = (typeof UNITS_IMPORT_COLUMNS)[number];

export const UnitsImportBody = z.object({
  fileId: UuidSchema,
  mode: z.enum(IMPORT_MODES, { message: '导入方式应为 validate、all 或 cleanRowsOnly' }).default('validate'),
  docNumber: z.string().trim().min(2, '请填写文号').max(60, '文号过长'),
  docDate: z.iso.date({ message: '发文日期格式应为 YYYY-MM-DD' }),
  /** Defaults to the document date. */
  effectiveDate: z.iso.date({ message: '生效日期格式应为 YYYY-MM-DD' }).optional(),
  approvingBody: z.string().trim().min(2, '请填写批准机关').max(60, '批准机关过长'),
  title: z.string().trim().min(2, '标题至少2个字').max(200, '标题过长').optional(),
  mapping: ColumnMapping.optional(),
});
export type UnitsImportBodyT = z.infer<typeof UnitsImportBody>;

/** `JobInfo.result` of a finished `import.units` job. */
export const UnitsImportResult = z.object({
  mode: z.enum(IMPORT_MODES),
  fileName: z.string(),
  sheetName: z.string().nullable(),
  headerRow: z.number().int(),
  rows: z.number().int(),
  cleanRows: z.number().int(),
  errorRows: z.number().int(),
  errorCount: z.number().int(),
  /** Row 0 names a rule over the whole file (e.g. the region's total control). */
  errors: z.array(ImportError),
  /** Whether the draft decision was created. */
  applied: z.boolean(),
  decisionId: z.uuid().nullable(),
  docNumber: z.string(),
  /** Units the draft decision sets up, and its number of items. */
  unitsCreated: z.number().int(),
  items: z.number().int(),
  note: z.string().nullable(),
});
export type UnitsImportResultT = z.infer<typeof UnitsImportResult>;
