/**
 * Performance evaluation: metrics, indicator frameworks (指标体系) and their scoring rules.
 *
 * A framework is data: a tree of indicators (一级/二级/三级指标) with points (分值), the published
 * scoring standard (评分标准) as text, and for each leaf a rule the engine applies to a metric
 * value or to a manual entry. Numbers in rules are plain JSON numbers in the metric's own unit
 * (percent for rates: 90 means 90 %); the engine turns them into exact decimals before use.
 */
import { z } from 'zod';
import { ScoreLayoutSchema } from './reports.js';

/** Metrics the platform computes from facts. Labels are the names the seeds use. */
export const METRICS = {
  budgetExecutionRate: { label: '预算执行率', unit: '%', formula: '支出决算数 ÷ 支出调整预算数 × 100%' },
  basicExecutionRate: { label: '基本支出预算执行率', unit: '%', formula: '基本支出决算数 ÷ 基本支出调整预算数 × 100%' },
  projectExecutionRate: {
    label: '项目支出预算执行率',
    unit: '%',
    formula: '项目支出决算数 ÷ 项目支出调整预算数 × 100%',
  },
  budgetAdjustmentRate: {
    label: '预算调整率',
    unit: '%',
    formula: '|支出调整预算数 − 支出年初预算数| ÷ 支出年初预算数 × 100%',
  },
  paymentProgress: { label: '支付进度', unit: '%', formula: '项目资金已下达数 ÷ 项目支出调整预算数 × 100%' },
  carryOverRate: { label: '结转结余率', unit: '%', formula: '年末结转和结余 ÷ 支出调整预算数 × 100%' },
  carryOverChangeRate: {
    label: '结转结余变动率',
    unit: '%',
    formula: '(本年年末结转和结余 − 上年年末结转和结余) ÷ 上年年末结转和结余 × 100%',
  },
  balanceToCarryIn: {
    label: '结余占上年结转比例',
    unit: '%',
    formula: '无结余时为0；否则 年末结转和结余 ÷ 年初结转和结余 × 100%',
  },
  threePublicChangeRate: {
    label: '“三公经费”变动率',
    unit: '%',
    formula: '(本年“三公经费”决算数 − 上年“三公经费”决算数) ÷ 上年“三公经费”决算数 × 100%',
  },
  threePublicControlRate: {
    label: '“三公经费”控制率',
    unit: '%',
    formula: '“三公经费”决算数 ÷ “三公经费”预算数 × 100%',
  },
  operatingControlRate: { label: '公用经费控制率', unit: '%', formula: '公用经费决算数 ÷ 公用经费预算数 × 100%' },
  staffControlRate: {
    label: '在职人员控制率',
    unit: '%',
    formula: '年末在编在职人数 ÷ 年末编制数 × 100%（取自实名制）',
  },
  fiscalStaffControlRate: {
    label: '财政供养人员控制率',
    unit: '%',
    formula: '(年末在编在职人数 + 年末编外用工人数) ÷ (年末编制数 + 编外用工控制数) × 100%（取自实名制）',
  },
  procurementExecutionRate: {
    label: '政府采购执行率',
    unit: '%',
    formula: '政府采购实际金额（货物+工程+服务） ÷ 政府采购预算数 × 100%',
  },
  officialCardRate: { label: '公务卡刷卡率', unit: '%', formula: '公务卡结算金额 ÷ 应使用公务卡结算金额 × 100%' },
  fixedAssetUtilisation: { label: '固定资产利用率', unit: '%', formula: '在用固定资产 ÷ 固定资产总额 × 100%' },
  keyExpenditureRate: { label: '重点支出安排率', unit: '%', formula: '重点项目支出 ÷ 项目支出总额 × 100%' },
  satisfaction: {
    label: '满意度',
    unit: '%',
    formula: '各调查对象“满意”及“基本满意”份数之和 ÷ 有效问卷份数之和 × 100%（按份数加权合并）',
  },
  rosterTransactions: {
    label: '实名制业务办理人次',
    unit: '人次',
    formula: '本年度全区办理的上编、下编人次（调动计下编、上编各一次；取自实名制）',
  },
  annualReportsPublished: {
    label: '事业单位法人年度报告审查和公示数',
    unit: '个',
    formula: '本年度审查并公示的上一年度事业单位法人年度报告数（取自年度报告）',
  },
  annualReportPublicationRate: {
    label: '事业单位法人年度报告公示率',
    unit: '%',
    formula: '已公示的上一年度年度报告数 ÷ 应报送年度报告的事业单位数 × 100%（取自年度报告）',
  },
  inspectionsCompleted: {
    label: '事业单位法人公示信息抽查数',
    unit: '个',
    formula: '本年度“双随机”抽查活动中已录入抽查结果的事业单位数（取自双随机抽查）',
  },
} as const satisfies Record<string, { label: string; unit: string; formula: string }>;
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];
export const MetricKeySchema = z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]], { message: '未知的指标数据来源' });

const Num = z.number({ message: '须为数字' }).finite('须为有限数字');
const Points = Num.min(0, '分值不能为负').max(100, '分值不能超过100');

/** bands: the first band the value falls in gives the score; `otherwise` when none does. */
export const BandSchema = z.object({
  min: Num.optional(),
  minInclusive: z.boolean().default(true),
  max: Num.optional(),
  maxInclusive: z.boolean().default(false),
  score: Points,
});
export const RuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('bands'),
      bands: z.array(BandSchema).min(1, '至少一个区间'),
      otherwise: Points.default(0),
    }),
    /** Full points while the value satisfies `full`; beyond it deduct `deductPer` per `per` units, down to `floor`. */
    z.object({
      kind: z.literal('linear'),
      full: z.object({ op: z.enum(['<=', '>=', '='], { message: '比较符须为 <=、>= 或 =' }), value: Num }),
      deductPer: Num.positive('每单位扣分须大于0'),
      per: Num.positive('扣分单位须大于0').default(1),
      /** proportional: 2.5 units over deduct 2.5 × deductPer; perStarted: 3 ×; perFull: 2 ×. */
      counting: z.enum(['proportional', 'perStarted', 'perFull']).default('proportional'),
      floor: Points.default(0),
    }),
    /** Points per item met; the items' points add up to the indicator's. */
    z.object({
      kind: z.literal('checklist'),
      items: z
        .array(z.object({ key: z.string().min(1), label: z.string().min(1), points: Points }))
        .min(1, '至少一个检查项'),
    }),
    /** Each non-compliant case deducts `deductPer`, down to `floor`. */
    z.object({
      kind: z.literal('perOccurrence'),
      deductPer: Num.positive('每例扣分须大于0'),
      floor: Points.default(0),
      requirements: z.array(z.string()).default([]),
    }),
    /** points × min(value ÷ target, cap). */
    z.object({
      kind: z.literal('ratio'),
      target: Num.positive('目标值须大于0'),
      cap: Num.positive().default(1),
    }),
    /** A score entered by the evaluator; below full points a reason is required. */
    z.object({ kind: z.literal('manual') }),
  ],
  { message: '评分规则类型须为 bands、linear、checklist、perOccurrence、ratio 或 manual' },
);
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;
export type Band = z.infer<typeof BandSchema>;

export const RULE_KIND_LABELS: Record<Rule['kind'], string> = {
  bands: '区间计分',
  linear: '按偏离线性扣分',
  checklist: '逐项计分',
  perOccurrence: '按次扣分',
  ratio: '按完成比例计分',
  manual: '人工评分',
};

/** Where a leaf's input comes from: a computed metric, or the evaluator's entry. */
export const IndicatorSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('metric'), metric: MetricKeySchema }),
  z.object({ kind: z.literal('manual') }),
]);

export interface IndicatorNode {
  key: string;
  name: string;
  points: number;
  guidance?: string | undefined;
  rule?: Rule | undefined;
  source?: z.infer<typeof IndicatorSourceSchema> | undefined;
  children?: IndicatorNode[] | undefined;
}
export interface IndicatorNodeInput {
  key: string;
  name: string;
  points: number;
  guidance?: string | undefined;
  rule?: RuleInput | undefined;
  source?: z.input<typeof IndicatorSourceSchema> | undefined;
  children?: IndicatorNodeInput[] | undefined;
}

export const IndicatorSchema: z.ZodType<IndicatorNode, IndicatorNodeInput> = z.lazy(() =>
  z.object({
    key: z
      .string()
      .regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, '指标编号须形如 1.2.3')
      .max(20),
    name: z.string().trim().min(1, '指标名称不能为空').max(100, '指标名称过长'),
    points: Points,
    guidance: z.string().max(2000, '评分标准过长').optional(),
    rule: RuleSchema.optional(),
    source: IndicatorSourceSchema.optional(),
    children: z.array(IndicatorSchema).optional(),
  }),
);

export const GradeBandSchema = z.object({ grade: z.string().min(1).max(4), min: Num.min(0).max(100) });
export const DEFAULT_GRADES = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

export const FRAMEWORK_KINDS = ['department', 'project'] as const;
export const FRAMEWORK_KIND_LABELS: Record<(typeof FRAMEWORK_KINDS)[number], string> = {
  department: '部门整体支出绩效评价',
  project: '项目支出绩效自评',
};

export const FrameworkBodySchema = z.object({
  name: z.string().trim().min(2, '指标体系名称至少2个字').max(100),
  kind: z.enum(FRAMEWORK_KINDS, { message: '指标体系类别须为部门整体或项目' }),
  /** 文件依据, e.g. 财预〔2020〕10号 or the local notice. */
  basis: z.string().max(200).default(''),
  total: Points.default(100),
  grades: z.array(GradeBandSchema).min(1).default(DEFAULT_GRADES),
  indicators: z.array(IndicatorSchema).min(1, '至少一个一级指标'),
  /**
   * The layout of the scores in the self-evaluation reports written from this framework (评分版式,
   * reports' SCORE_LAYOUTS): the default a new report takes. Absent: the scoring table. A framework
   * belongs to a region, so this is also the region's choice.
   */
  scoreLayout: ScoreLayoutSchema.optional(),
});
export type FrameworkBody = z.infer<typeof FrameworkBodySchema>;
export type FrameworkBodyInput = z.input<typeof FrameworkBodySchema>;

/** What the evaluator enters for a leaf, by rule kind. */
export const IndicatorEntrySchema = z.object({
  /** manual rule: the score. */
  score: Num.min(0).optional(),
  /** checklist: keys of the items met. */
  met: z.array(z.string()).optional(),
  /** perOccurrence: the number of non-compliant cases. */
  occurrences: z.number().int('次数须为整数').min(0, '次数不能为负').optional(),
  /** A metric value entered by hand when the indicator is manual but its rule needs a value (bands/linear/ratio). */
  value: Num.optional(),
  reason: z.string().max(1000, '说明过长').optional(),
});
export type IndicatorEntry = z.infer<typeof IndicatorEntrySchema>;

// ---------------------------------------------------------------------------------------------
// Endpoints: frameworks

export const FrameworkVersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  state: z.enum(['draft', 'published']),
  note: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const FrameworkSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(FRAMEWORK_KINDS),
  versions: z.array(FrameworkVersionSummary),
});
export const FrameworkListResponse = z.object({ items: z.array(FrameworkSummary) });

export const FrameworkProblemView = z.object({ key: z.string(), rule: z.string(), message: z.string() });
export const FrameworkVersionDetail = FrameworkVersionSummary.extend({
  frameworkId: z.uuid(),
  code: z.string(),
  body: z.unknown(),
  problems: z.array(FrameworkProblemView),
});

export const CreateFrameworkBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '代码须为2–40位小写字母、数字或连字符'),
  body: FrameworkBodySchema,
  note: z.string().max(200).optional(),
});
export const FrameworkVersionBody = z.object({ body: FrameworkBodySchema, note: z.string().max(200).optional() });

export const RuleTestBody = z.object({
  rule: RuleSchema,
  points: Points,
  name: z.string().max(100).default('测试指标'),
  unit: z.string().max(10).default('%'),
  entry: IndicatorEntrySchema,
});
export const RuleTestResponse = z.object({
  ok: z.boolean(),
  score: z.string().nullable(),
  explanation: z.string().nullable(),
  error: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Endpoints: evaluations

export const EVALUATION_STATES = ['draft', 'submitted', 'reviewed', 'financeReviewed', 'published'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];
export const EVALUATION_STATE_LABELS: Record<EvaluationState, string> = {
  draft: '填报中',
  submitted: '已提交',
  reviewed: '已审核',
  financeReviewed: '财政已复核',
  published: '已公开',
};

/** The narrative sections every seed report has, in their order. */
export const NARRATIVE_SECTIONS = [
  { key: 'overview', label: '部门概况' },
  { key: 'goals', label: '部门整体绩效目标' },
  { key: 'achievement', label: '绩效目标完成情况' },
  { key: 'problems', label: '存在的问题及原因' },
  { key: 'improvements', label: '改进措施及有关建议' },
  { key: 'application', label: '结果应用和公开情况' },
] as const;
export type NarrativeKey = (typeof NARRATIVE_SECTIONS)[number]['key'];

export const MetricView = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  formula: z.string(),
  ok: z.boolean(),
  /** Exact value to 4 decimals, and the display form to 2. */
  value: z.string().nullable(),
  display: z.string().nullable(),
  error: z.string().nullable(),
  inputs: z.array(z.object({ label: z.string(), value: z.string(), source: z.string() })),
});

export const IndicatorView = z.object({
  key: z.string(),
  parentKey: z.string().nullable(),
  depth: z.number().int(),
  name: z.string(),
  points: z.string(),
  guidance: z.string().nullable(),
  rule: z.unknown().nullable(),
  ruleKind: z.string().nullable(),
  metricKey: z.string().nullable(),
  /** Self-evaluated score (自评得分) — null while an input is missing. */
  score: z.string().nullable(),
  explanation: z.string().nullable(),
  error: z.string().nullable(),
  /** Finance review: the adjusted score and why, beside the self-score. */
  adjustedScore: z.string().nullable(),
  adjustmentReason: z.string().nullable(),
  entry: IndicatorEntrySchema.nullable(),
  evidenceFileIds: z.array(z.uuid()),
});

export const ScoreFindingView = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  key: z.string(),
  message: z.string(),
  stated: z.string(),
  recomputed: z.string(),
});

export const EvaluatorSchema = z.object({
  name: z.string().trim().min(1, '评价人员姓名不能为空').max(20),
  title: z.string().max(40).default(''),
  role: z.string().max(40).default(''),
});

export const SurveyGroupSchema = z
  .object({
    groupName: z.string().trim().min(1, '调查对象不能为空').max(40),
    issued: z.number().int().min(0, '发放份数不能为负'),
    valid: z.number().int().min(0, '有效份数不能为负'),
    satisfied: z.number().int().min(0),
    basicallySatisfied: z.number().int().min(0),
    dissatisfied: z.number().int().min(0),
  })
  .refine((g) => g.valid <= g.issued, { message: '有效问卷份数不能多于发放份数', path: ['valid'] })
  .refine((g) => g.satisfied + g.basicallySatisfied + g.dissatisfied === g.valid, {
    message: '满意、基本满意、不满意份数之和须等于有效问卷份数',
    path: ['dissatisfied'],
  });
export const SurveysBody = z.object({ groups: z.array(SurveyGroupSchema).max(20) });

export const EvaluationSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  frameworkName: z.string(),
  frameworkVersion: z.number().int(),
  state: z.enum(EVALUATION_STATES),
  total: z.string().nullable(),
  grade: z.string().nullable(),
  updatedAt: z.string(),
});
export const EvaluationListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.uuid().optional(),
});
export const EvaluationListResponse = z.object({ items: z.array(EvaluationSummary) });

export const EvaluationDetail = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  state: z.enum(EVALUATION_STATES),
  framework: z.object({
    versionId: z.uuid(),
    frameworkId: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    kind: z.enum(FRAMEWORK_KINDS),
    basis: z.string(),
    grades: z.array(GradeBandSchema),
  }),
  indicators: z.array(IndicatorView),
  metrics: z.array(MetricView),
  /** Self-evaluation total and grade (null while incomplete), and after finance adjustments. */
  total: z.string().nullable(),
  grade: z.string().nullable(),
  adjustedTotal: z.string().nullable(),
  adjustedGrade: z.string().nullable(),
  missing: z.array(z.object({ key: z.string(), name: z.string(), error: z.string() })),
  findings: z.array(ScoreFindingView),
  narrative: z.record(z.string(), z.string()),
  evaluators: z.array(EvaluatorSchema),
  surveys: z.array(SurveyGroupSchema.and(z.object({ rate: z.string().nullable() }))),
  staff: z
    .object({
      startDate: z.string(),
      endDate: z.string(),
      approvedEnd: z.number(),
      actualStart: z.number(),
      actualEnd: z.number(),
      offCapEnd: z.number().nullable(),
      offActualEnd: z.number().nullable(),
    })
    .nullable(),
  /** True once submitted: scores come from the facts frozen at submission. */
  frozen: z.boolean(),
  history: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      reason: z.string().nullable(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const CreateEvaluationBody = z.object({
  unitId: z.uuid({ message: '请选择部门' }),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  frameworkVersionId: z.uuid({ message: '请选择指标体系版本' }),
});
export const EntryParams = z.object({ id: z.uuid(), key: z.string().min(1).max(20) });
export const EntryBody = z.object({
  entry: IndicatorEntrySchema,
  evidenceFileIds: z.array(z.uuid()).max(20).default([]),
});
export const NarrativeBody = z.object({
  narrative: z.record(z.string(), z.string().max(20000, '说明过长')),
  evaluators: z.array(EvaluatorSchema).max(20),
});
export const AdjustmentBody = z.object({
  score: z.number().min(0, '得分不能为负'),
  reason: z.string().trim().min(2, '调整得分须说明理由').max(1000),
});
export const TransitionBody = z.object({ reason: z.string().trim().max(1000).optional() });

// ---------------------------------------------------------------------------------------------
// Endpoints: project self-evaluation (项目支出绩效自评, 财预〔2020〕10号)

/** 财预〔2020〕10号: the three indicator levels of a project table, their weights and second levels. */
export const PROJECT_LEVELS = [
  { key: 'output', label: '产出指标', points: 50, level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
  {
    key: 'outcome',
    label: '效益指标',
    points: 30,
    level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  },
  { key: 'satisfaction', label: '满意度指标', points: 10, level2: ['服务对象满意度指标'] },
] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number]['key'];
export const PROJECT_EXECUTION_POINTS = 10;

export const ProjectIndicatorSchema = z.object({
  level: z.enum(['output', 'outcome', 'satisfaction'], { message: '一级指标须为产出、效益或满意度' }),
  level2: z.string().trim().min(1, '请填写二级指标').max(40),
  name: z.string().trim().min(1, '请填写三级指标').max(100),
  points: Num.min(0).max(50),
  target: z.object({
    op: z.enum(['>=', '<=', '=', 'text'], { message: '目标方向须为 ≥、≤、= 或定性' }),
    value: Num.optional(),
    text: z.string().max(200).optional(),
    unit: z.string().max(10).optional(),
  }),
  actual: z.object({ value: Num.optional(), text: z.string().max(200).optional(), met: z.boolean().optional() }),
  deviationReason: z.string().max(500).optional(),
});
export const ProjectSheetBody = z.object({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  projectName: z.string().trim().min(1).max(200),
  annualTarget: z.string().max(2000).default(''),
  actualOutcome: z.string().max(2000).default(''),
  indicators: z.array(ProjectIndicatorSchema).max(60),
});
export const ProjectSheetQuery = z.object({ unitId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
export const ProjectSheetView = z.object({
  projectName: z.string(),
  budget: z.string().nullable(),
  executed: z.string().nullable(),
  annualTarget: z.string(),
  actualOutcome: z.string(),
  indicators: z.array(
    ProjectIndicatorSchema.extend({
      score: z.string().nullable(),
      explanation: z.string(),
      error: z.string().nullable(),
    }),
  ),
  execution: z.object({ rate: z.string().nullable(), score: z.string().nullable(), error: z.string().nullable() }),
  levels: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      points: z.string(),
      stated: z.string(),
      score: z.string().nullable(),
    }),
  ),
  total: z.string().nullable(),
  grade: z.string().nullable(),
  problems: z.array(z.string()),
  saved: z.boolean(),
});
export const ProjectSheetList = z.object({ items: z.array(ProjectSheetView) });
