/**
 * Performance evaluation: metrics, indicator frameworks (指标体系) and their scoring rules.
 *
 * A framework is data: a tree of indicators (一级/二级/三级指标) with points (分值), the published
 * scoring standard (评分标准) as text, and for each leaf a rule the engine applies to a metric
 * value or to a manual entry. Numbers in rules are plain JSON numbers in the metric's own unit
 * (percent for rates: 90 means 90 %); the engine turns them into exact decimals before use.
 */
import { z } from 'zod';

/** Metrics the platform computes from facts. Labels are the names the seeds use. */
export const METRICS = {
  budgetExecutionRate: { label: '预算执行率', unit: '%', formula: '支出决算数 ÷ 支出调整预算数 × 100%' },
  basicExecutionRate: { label: '基本支出预算执行率', unit: '%', formula: '基本支出决算数 ÷ 基本支出调整预算数 × 100%' },
  projectExecutionRate: { label: '项目支出预算执行率', unit: '%', formula: '项目支出决算数 ÷ 项目支出调整预算数 × 100%' },
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
    formula: '本年度办理的上编、下编、调动人次（取自实名制）',
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
