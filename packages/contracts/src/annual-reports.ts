/**
 * 事业单位法人年度报告 (annual reports) and 双随机一公开 (random inspections): the filing form, the
 * office's review and publication, statistics per region and year, inspection campaigns with a
 * reproducible draw, results and rectification, and what the public portal shows.
 *
 * Amounts are in fen (分). Staffing figures (编制数, 实有人数) are never typed: the server reads
 * them from the roster as of 31 December of the report year.
 */
import { z } from 'zod';

const Uuid = z.uuid({ message: '编号格式不正确' });
const IsoDate = z.iso.date({ message: '日期须为 YYYY-MM-DD 格式' });
const Year = z.coerce
  .number({ message: '年度须为数字' })
  .int('年度须为整数')
  .min(2000, '年度不能早于2000年')
  .max(2100, '年度不能晚于2100年');
const Fen = z
  .number({ message: '金额须为数字（单位：分）' })
  .int('金额须以分为单位的整数')
  .min(-1e15, '金额过小')
  .max(1e15, '金额过大');

// ── Annual reports ─────────────────────────────────────────────────────────────────────────────

export const ANNUAL_REPORT_STATES = ['draft', 'submitted', 'returned', 'reviewed', 'published'] as const;
export type AnnualReportState = (typeof ANNUAL_REPORT_STATES)[number];
export const ANNUAL_REPORT_STATE_LABELS: Record<AnnualReportState, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  reviewed: '已审查',
  published: '已公示',
};

/** The rules stated once: due 31 March of the next year; not filed by 30 June → to be marked abnormal. */
export const ANNUAL_REPORT_DUE = { month: 3, day: 31 } as const;
export const ANNUAL_REPORT_ABNORMAL_CUTOFF = { month: 6, day: 30 } as const;
export const annualReportDueOn = (year: number) => `${year + 1}-03-31`;
export const annualReportAbnormalCutoff = (year: number) => `${year + 1}-06-30`;

const Text = (label: string, max = 4000) => z.string().trim().max(max, `${label}过长（至多${max}字）`);

/** What the institution types. Staffing is not here: it is read from the roster. */
export const AnnualReportContent = z.object({
  /** 开展业务活动情况 */
  activities: Text('开展业务活动情况'),
  /** 登记事项变更情况（相关资质认可或执业许可证明文件及有效期） */
  changes: Text('登记事项变更情况'),
  /** 资产总额（年末）, 年初净资产, 年末净资产: fen. */
  totalAssets: Fen.min(0, '资产总额不能为负').nullable(),
  netAssetsStart: Fen.nullable(),
  netAssetsEnd: Fen.nullable(),
  /** 获得奖励和受到处罚情况 */
  awardsAndPenalties: Text('获得奖励和受到处罚情况', 2000),
  /** 接受捐赠资助及使用情况 */
  donations: Text('接受捐赠资助及使用情况', 2000),
  /** 审计意见（会计师事务所或审计机关） */
  auditOpinion: Text('审计意见', 2000),
});
export type AnnualReportContent = z.infer<typeof AnnualReportContent>;

export const ANNUAL_REPORT_FIELD_LABELS: Record<keyof AnnualReportContent, string> = {
  activities: '开展业务活动情况',
  changes: '登记事项变更情况',
  totalAssets: '资产总额（年末）',
  netAssetsStart: '年初净资产',
  netAssetsEnd: '年末净资产',
  awardsAndPenalties: '获得奖励和受到处罚情况',
  donations: '接受捐赠资助及使用情况',
  auditOpinion: '审计意见',
};

/** Typed staffing is refused by name: the figures come from the roster. */
const NoStaffing = z.undefined({ message: '编制数和实有人数取自实名制（报告年度12月31日），不能填报' }).optional();

export const CreateAnnualReportBody = z.object({
  unitId: Uuid,
  year: Year,
  content: AnnualReportContent.partial().optional(),
  staffing: NoStaffing,
});
export const UpdateAnnualReportBody = z.object({
  content: AnnualReportContent.partial(),
  staffing: NoStaffing,
});
export const AnnualReportSubmitBody = z.object({
  /** 收件日期; default today. Not in the future, not before the year has ended. */
  on: IsoDate.optional(),
});
export const AnnualReportReturnBody = z.object({
  reason: z.string().trim().min(4, '退回理由至少4个字，须写明需要补正的内容').max(1000, '退回理由过长'),
});
export const AnnualReportStepBody = z.object({ on: IsoDate.optional(), note: z.string().trim().max(1000).optional() });

export const AnnualReportListQuery = z.object({
  year: Year.optional(),
  state: z.enum(ANNUAL_REPORT_STATES).optional(),
  unitId: Uuid.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const StaffingFromRoster = z.object({
  asOf: z.string(),
  /** 编制数 */
  approved: z.number().int(),
  /** 实有人数 */
  actual: z.number().int(),
  /** True once frozen at submission; until then the live figures. */
  frozen: z.boolean(),
});

export const AnnualReportHistoryItem = z.object({
  at: z.string(),
  action: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const AnnualReportActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  review: z.boolean(),
  return: z.boolean(),
  publish: z.boolean(),
});

export const AnnualReportSummary = z.object({
  id: Uuid,
  unitId: Uuid,
  legalPersonId: Uuid,
  uscc: z.string(),
  name: z.string(),
  year: z.number().int(),
  state: z.enum(ANNUAL_REPORT_STATES),
  stateLabel: z.string(),
  dueOn: z.string(),
  submittedOn: z.string().nullable(),
  late: z.boolean(),
  lateDays: z.number().int().nullable(),
  publishedOn: z.string().nullable(),
});
export const AnnualReportDetail = AnnualReportSummary.extend({
  content: AnnualReportContent,
  staffing: StaffingFromRoster,
  returnReason: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  history: z.array(AnnualReportHistoryItem),
  actions: AnnualReportActions,
  legalRepresentative: z.string().nullable(),
  sponsorName: z.string().nullable(),
});
export type AnnualReportDetail = z.infer<typeof AnnualReportDetail>;
export const AnnualReportList = z.object({ items: z.array(AnnualReportSummary), total: z.number().int() });

/** The institutions a user may file for (those in its scope, registered and not deregistered). */
export const FilableInstitution = z.object({
  unitId: Uuid,
  legalPersonId: Uuid,
  uscc: z.string(),
  name: z.string(),
  status: z.string(),
});
export const FilableList = z.object({ items: z.array(FilableInstitution) });

/** A preview of the roster figures a report would carry, before a draft exists. */
export const StaffingQuery = z.object({ unitId: Uuid, year: Year });

export const AnnualStatsQuery = z.object({
  year: Year,
  /** The day the statistics are read at (default today): decides what is overdue. */
  asOf: IsoDate.optional(),
});
export const OverdueItem = z.object({
  legalPersonId: Uuid,
  unitId: Uuid,
  uscc: z.string(),
  name: z.string(),
  status: z.string(),
  state: z.string().nullable(),
  /** Days past 31 March on `asOf`. */
  daysOverdue: z.number().int(),
  /** Not filed by 30 June: to be marked abnormal (true also when already marked). */
  abnormalCandidate: z.boolean(),
});
export const AnnualStats = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  dueOn: z.string(),
  abnormalCutoff: z.string(),
  rule: z.string(),
  due: z.number().int(),
  submitted: z.number().int(),
  submittedOnTime: z.number().int(),
  reviewed: z.number().int(),
  published: z.number().int(),
  /** Percent, two decimals, as text ("95.12"); null when nothing is due. */
  submissionRate: z.string().nullable(),
  publicationRate: z.string().nullable(),
  overdue: z.array(OverdueItem),
  abnormalCandidates: z.array(OverdueItem),
});
export const MarkAbnormalBody = z.object({
  year: Year,
  legalPersonIds: z.array(Uuid).min(1, '请选择要列入异常名录的单位').max(1000),
  on: IsoDate.optional(),
});
export const MarkAbnormalResponse = z.object({ marked: z.number().int(), names: z.array(z.string()) });

// ── Random inspections (双随机一公开) ─────────────────────────────────────────────────────────

export const STRATIFY_BY = ['none', 'sponsor', 'fundingSource'] as const;
export const STRATIFY_LABELS: Record<(typeof STRATIFY_BY)[number], string> = {
  none: '不分层',
  sponsor: '按举办单位分层',
  fundingSource: '按经费来源分层',
};
export const INSPECTION_RESULTS = ['qualified', 'basicallyQualified', 'unqualified'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, string> = {
  qualified: '合格',
  basicallyQualified: '基本合格',
  unqualified: '不合格',
};
export const CAMPAIGN_STATES = ['draft', 'drawn', 'published'] as const;
export const CAMPAIGN_STATE_LABELS: Record<(typeof CAMPAIGN_STATES)[number], string> = {
  draft: '待抽取',
  drawn: '已抽取',
  published: '结果已公示',
};

/** An inspector of the pool: an office user, or a named person with the unit they work in. */
export const InspectorInput = z.union([
  z.object({ userId: Uuid }),
  z.object({
    name: z.string().trim().min(2, '检查人员姓名至少2个字').max(40, '检查人员姓名过长'),
    /** The unit the person works in (conflict: inspecting it, or an institution with the same sponsor). */
    unitId: Uuid.nullable().optional(),
    /** The person's own sponsor (举办单位 of their unit), when not derived from the unit. */
    sponsorUnitId: Uuid.nullable().optional(),
  }),
]);

export const CreateCampaignBody = z
  .object({
    year: Year,
    title: z.string().trim().min(4, '抽查活动名称至少4个字').max(200, '抽查活动名称过长'),
    /** Percent of the candidates (e.g. 20 = 20 %), rounded up; or a fixed count. */
    ratio: z.number().gt(0, '抽查比例须大于0').max(100, '抽查比例不能超过100%').optional(),
    count: z.number().int().min(1, '抽查数量至少1个').optional(),
    stratifyBy: z.enum(STRATIFY_BY).default('none'),
    inspectorsPerInstitution: z
      .number()
      .int()
      .min(1, '每个单位至少1名检查人员')
      .max(5, '每个单位至多5名检查人员')
      .default(2),
    inspectors: z.array(InspectorInput).min(1, '检查人员库不能为空').max(500),
  })
  .refine((b) => (b.ratio === undefined) !== (b.count === undefined), {
    message: '抽查比例和抽查数量须填且只填一项',
    path: ['ratio'],
  });
export const DrawBody = z.object({
  /** A seed chosen in public (64 hex digits); default: 32 random bytes from the server. */
  seed: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, '随机种子须为64位十六进制数')
    .optional(),
});
export const ResultBody = z.object({
  result: z.enum(INSPECTION_RESULTS, { message: '抽查结果须为合格、基本合格或不合格' }),
  findings: z.string().trim().max(4000, '检查发现的问题过长').default(''),
  inspectedOn: IsoDate,
  /** Needed when the result is not 合格: the rectification deadline. */
  rectificationDueOn: IsoDate.nullable().optional(),
});
export const RectifyBody = z.object({
  doneOn: IsoDate,
  note: z.string().trim().min(2, '整改情况至少2个字').max(2000, '整改情况过长'),
});
export const CampaignResultParams = z.object({ id: Uuid, resultId: Uuid });

export const DrawnInspector = z.object({ key: z.string(), name: z.string() });
export const CampaignResultItem = z.object({
  id: Uuid,
  order: z.number().int(),
  legalPersonId: Uuid,
  unitId: Uuid,
  uscc: z.string(),
  name: z.string(),
  stratum: z.string(),
  stratumLabel: z.string(),
  inspectors: z.array(DrawnInspector),
  result: z.enum(INSPECTION_RESULTS).nullable(),
  findings: z.string(),
  inspectedOn: z.string().nullable(),
  rectificationDueOn: z.string().nullable(),
  rectificationDoneOn: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  rectificationOverdue: z.boolean(),
});
export const CampaignSummary = z.object({
  id: Uuid,
  year: z.number().int(),
  title: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  stateLabel: z.string(),
  ratio: z.number().nullable(),
  count: z.number().int().nullable(),
  stratifyBy: z.enum(STRATIFY_BY),
  candidates: z.number().int(),
  drawn: z.number().int(),
  completed: z.number().int(),
  publishedOn: z.string().nullable(),
});
export const CampaignDetail = CampaignSummary.extend({
  inspectorsPerInstitution: z.number().int(),
  algorithm: z.string(),
  algorithmText: z.string(),
  seed: z.string().nullable(),
  drawDigest: z.string().nullable(),
  drawnAt: z.string().nullable(),
  pool: z.array(DrawnInspector.extend({ unitName: z.string().nullable(), sponsorName: z.string().nullable() })),
  strata: z.array(
    z.object({ key: z.string(), label: z.string(), candidates: z.number().int(), drawn: z.number().int() }),
  ),
  results: z.array(CampaignResultItem),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;
export const CampaignList = z.object({ items: z.array(CampaignSummary) });
export const CampaignListQuery = z.object({ year: Year.optional() });
export const VerifyDrawResponse = z.object({
  ok: z.boolean(),
  algorithm: z.string(),
  seed: z.string(),
  storedDigest: z.string(),
  recomputedDigest: z.string(),
  candidatesDigest: z.string(),
  /** What differs, in words (empty when ok). */
  differences: z.array(z.string()),
});

// ── Public portal ───────────────────────────────────────────────────────────────────────────────

export const PublicInstitutionQuery = z.object({
  q: z.string().trim().min(2, '请输入至少2个字的名称或统一社会信用代码').max(100, '查询内容过长'),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
});
export const PublicInstitution = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  sponsorName: z.string().nullable(),
  fundingSource: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  registeredOn: z.string(),
});
export const PublicInstitutionList = z.object({ items: z.array(PublicInstitution) });
export const PublicUsccParams = z.object({
  uscc: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为18位'),
});
export const PublicAnnualReport = z.object({
  year: z.number().int(),
  publishedOn: z.string(),
  submittedOn: z.string().nullable(),
  late: z.boolean(),
  content: AnnualReportContent,
  staffing: z.object({ asOf: z.string(), approved: z.number().int(), actual: z.number().int() }),
});
export const PublicInspectionResult = z.object({
  campaignTitle: z.string(),
  year: z.number().int(),
  publishedOn: z.string(),
  result: z.enum(INSPECTION_RESULTS),
  resultLabel: z.string(),
  findings: z.string(),
  inspectedOn: z.string().nullable(),
  rectificationDueOn: z.string().nullable(),
  rectificationDoneOn: z.string().nullable(),
});
export const PublicInstitutionDetail = z.object({
  institution: PublicInstitution,
  annualReports: z.array(PublicAnnualReport),
  inspections: z.array(PublicInspectionResult),
});
export type PublicInstitutionDetail = z.infer<typeof PublicInstitutionDetail>;
