/**
 * Reports (报告) generated from the facts: the department's overall self-evaluation report, the
 * project self-evaluation tables and the 部门决算 disclosure explanation. Numbers in them are bound
 * to facts; the user edits the prose per paragraph, and every number (bound or typed) is checked.
 */
import { z } from 'zod';

export const REPORT_KINDS = ['selfEvaluation', 'projectTable', 'finalAccounts'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  selfEvaluation: '部门整体支出绩效自评报告',
  projectTable: '项目绩效目标完成情况表',
  finalAccounts: '部门决算情况说明',
};

export const REPORT_STATES = ['draft', 'checked', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  draft: '草稿',
  checked: '已检查',
  published: '已公开',
};

export const REPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The number style of a report (数字格式, ADR 0013), chosen for amounts (万元) and rates (%) apart:
 * "两位小数" writes a non-integer with two decimals (2.30万元, 2.20%), "去掉末尾的零" drops trailing
 * zeros (2.3万元, 2.2%); integers are bare in both (0万元, 100%). Scores and head counts are not
 * affected. Each report has one; a new report takes the region's default.
 */
export const DECIMAL_STYLES = ['twoDecimals', 'trimZeros'] as const;
export type DecimalStyle = (typeof DECIMAL_STYLES)[number];
export const DECIMAL_STYLE_LABELS: Record<DecimalStyle, string> = {
  twoDecimals: '两位小数',
  trimZeros: '去掉末尾的零',
};
export const NumberStyleSchema = z.object({
  amounts: z.enum(DECIMAL_STYLES, { message: '金额的数字格式须为“两位小数”或“去掉末尾的零”' }),
  rates: z.enum(DECIMAL_STYLES, { message: '百分比的数字格式须为“两位小数”或“去掉末尾的零”' }),
});
export type NumberStyle = z.infer<typeof NumberStyleSchema>;
/** Today's behaviour and the default of a region that has not chosen one. */
export const DEFAULT_NUMBER_STYLE: NumberStyle = { amounts: 'trimZeros', rates: 'trimZeros' };

/** The region's default number style for new reports (GET and PUT /api/reports/number-style). */
export const ReportNumberStyleBody = z.object({ numberStyle: NumberStyleSchema });
export const ReportNumberStyleResponse = z.object({
  numberStyle: NumberStyleSchema,
  /** False while the region has not chosen one (the default applies). */
  chosen: z.boolean(),
  updatedAt: z.string().nullable(),
});

/**
 * How the self-evaluation report lays out its scores (评分版式, issue 5 "selectable per framework
 * and region"): the scoring table (seed 001: 一级/二级/三级指标, 分值, 自评得分, 扣分原因), scored
 * sections (seed 000: "（一）履职完成情况（分值51分，自评得分51分）" with the prose under each) or one
 * paragraph per indicator (seed 004: "预算执行率（10分）：…，得分9分。"). The same numbers, facts and
 * checks in all three. Each report has one; a new report takes its framework's default
 * (`FrameworkBody.scoreLayout`), else the scoring table.
 */
export const SCORE_LAYOUTS = ['scoreTable', 'scoredSections', 'indicatorParagraphs'] as const;
export type ScoreLayout = (typeof SCORE_LAYOUTS)[number];
export const SCORE_LAYOUT_LABELS: Record<ScoreLayout, string> = {
  scoreTable: '评分表',
  scoredSections: '分节标注得分',
  indicatorParagraphs: '逐项指标段落',
};
export const DEFAULT_SCORE_LAYOUT: ScoreLayout = 'scoreTable';
export const ScoreLayoutSchema = z.enum(SCORE_LAYOUTS, {
  message: '评分版式须为“评分表”“分节标注得分”或“逐项指标段落”',
});

/** Paragraph key → replacement text. */
export const ReportEditsSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, { message: '段落编号不正确' }),
  z.string().max(20000, '段落过长'),
);

export const CreateReportBody = z
  .object({
    kind: z.enum(REPORT_KINDS, { message: '请选择报告类型' }),
    unitId: z.uuid({ message: '请选择部门' }),
    year: z.number({ message: '请填写年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
    evaluationId: z.uuid({ message: '绩效自评编号不正确' }).optional(),
    title: z.string().trim().min(2, '标题至少2个字').max(200, '标题过长').optional(),
    /** Without it the region's default applies. */
    numberStyle: NumberStyleSchema.optional(),
    /** Without it the framework's default applies, else the scoring table. */
    scoreLayout: ScoreLayoutSchema.optional(),
  })
  .refine((b) => b.kind !== 'selfEvaluation' || !!b.evaluationId, {
    message: '部门整体支出绩效自评报告须选择一份绩效自评',
    path: ['evaluationId'],
  });

export const UpdateReportBody = z.object({
  title: z.string().trim().min(2, '标题至少2个字').max(200, '标题过长').optional(),
  /** Full replacement of the overrides; a key with null removes that paragraph's override. */
  edits: z.record(z.string(), z.string().max(20000, '段落过长').nullable()).optional(),
  numberStyle: NumberStyleSchema.optional(),
  scoreLayout: ScoreLayoutSchema.optional(),
});

export const ReportListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.uuid().optional(),
  kind: z.enum(REPORT_KINDS).optional(),
});

export const ReportSummary = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  evaluationId: z.uuid().nullable(),
  state: z.enum(REPORT_STATES),
  title: z.string(),
  numberStyle: NumberStyleSchema,
  scoreLayout: z.enum(SCORE_LAYOUTS),
  edited: z.number().int(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const ReportListResponse = z.object({ items: z.array(ReportSummary) });

/** One run of a paragraph as the editor shows it. */
export const ReportRun = z.object({
  text: z.string(),
  /** Fact key when bound. */
  source: z.string().nullable(),
  /** Stated-number id when the run is a number the checks read. */
  numberId: z.string().nullable(),
});

export const ReportParagraph = z.object({
  key: z.string(),
  block: z.number().int(),
  kind: z.enum(['heading', 'paragraph']),
  runs: z.array(ReportRun),
  edited: z.boolean(),
  /** The template's text, for "restore". */
  original: z.string(),
});

export const ReportFindingView = z.object({
  severity: z.enum(['error', 'warning']),
  check: z.string(),
  label: z.string(),
  message: z.string(),
  stated: z.string(),
  recomputed: z.string(),
  how: z.string(),
  numberId: z.string(),
  sentence: z.string(),
  block: z.number().int(),
  row: z.number().int().nullable(),
  col: z.number().int().nullable(),
  /** Whether the number judged is bound to a fact (false: typed or edited). */
  bound: z.boolean(),
});

export const ReportDetail = ReportSummary.extend({
  paragraphs: z.array(ReportParagraph),
  numbers: z.number().int(),
  checks: z.number().int(),
  /** Facts the template could not state (a comparison without the previous year's figure …). */
  notes: z.array(z.string()),
  /** Set when the template cannot be built (a required fact is missing): the message names it. */
  error: z.string().nullable(),
});

export const ReportCheckResponse = z.object({
  numbers: z.number().int(),
  checks: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  findings: z.array(ReportFindingView),
});

export const ReportRenderQuery = z.object({
  format: z.enum(REPORT_FORMATS, { message: '格式须为 docx、pdf 或 html' }),
});
