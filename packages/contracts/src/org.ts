/**
 * Organizations, establishment (编制) and the roster: shared names, labels and the shapes of
 * establishment decisions (机构编制事项) and their items.
 */
import { z } from 'zod';

export const ESTABLISHMENT_TYPES = [
  'administrative',
  'politicalLegal',
  'civilServantManaged',
  'institutionalFull',
  'institutionalPartial',
  'institutionalSelfFunded',
  'worker',
] as const;
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES)[number];
export const ESTABLISHMENT_TYPE_LABELS: Record<EstablishmentType, string> = {
  administrative: '行政编制',
  politicalLegal: '政法专项编制',
  civilServantManaged: '参公事业编制',
  institutionalFull: '事业编制（全额拨款）',
  institutionalPartial: '事业编制（差额拨款）',
  institutionalSelfFunded: '事业编制（自收自支）',
  worker: '工勤编制',
};
export const EstablishmentTypeSchema = z.enum(ESTABLISHMENT_TYPES, { message: '编制类型不正确' });

export const UNIT_KINDS = [
  'organ',
  'massOrganization',
  'publicInstitution',
  'township',
  'street',
  'internalOffice',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  organ: '党政机关',
  massOrganization: '群团机关',
  publicInstitution: '事业单位',
  township: '乡镇',
  street: '街道',
  internalOffice: '内设机构',
};
export const UnitKindSchema = z.enum(UNIT_KINDS, { message: '机构类别不正确' });

export const UNIT_CATEGORIES = ['civilServantManaged', 'publicWelfare1', 'publicWelfare2', 'commercial'] as const;
export const UNIT_CATEGORY_LABELS: Record<(typeof UNIT_CATEGORIES)[number], string> = {
  civilServantManaged: '参照公务员法管理',
  publicWelfare1: '公益一类',
  publicWelfare2: '公益二类',
  commercial: '经营类',
};
export const FUNDING_FORMS = ['full', 'partial', 'selfFunded'] as const;
export const FUNDING_FORM_LABELS: Record<(typeof FUNDING_FORMS)[number], string> = {
  full: '全额拨款',
  partial: '差额拨款',
  selfFunded: '自收自支',
};
export const UNIT_RANKS = ['正厅', '副厅', '正处', '副处', '正科', '副科', '股级', '未定级'] as const;

export const LEADERSHIP_LEVELS = ['principal', 'deputy'] as const;
export type LeadershipLevel = (typeof LEADERSHIP_LEVELS)[number];
export const LEADERSHIP_LEVEL_LABELS: Record<LeadershipLevel, string> = { principal: '正职', deputy: '副职' };

/** Region-wide ceilings: one per establishment type, and the cap on the number of organs. */
export const CONTROL_KINDS = [...ESTABLISHMENT_TYPES, 'organCap'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

const UnitRef = z
  .object({
    unitId: z.uuid({ message: '单位编号格式不正确' }).optional(),
    unitRef: z.string().min(1).max(40).optional(),
  })
  .refine((v) => !!v.unitId !== !!v.unitRef, {
    message: '须且只能指定已有单位（unitId）或本文件新设单位（unitRef）之一',
  });

/** Longest functions text (主要职责) accepted. */
export const UNIT_FUNCTIONS_MAX = 10_000;

export const UnitAttributes = z.object({
  name: z.string().trim().min(2, '单位名称至少2个字').max(100, '单位名称过长'),
  shortName: z.string().trim().max(40, '简称过长').optional(),
  kind: UnitKindSchema,
  category: z.enum(UNIT_CATEGORIES).optional(),
  rank: z.enum(UNIT_RANKS).optional(),
  fundingForm: z.enum(FUNDING_FORMS).optional(),
  uscc: z.string().trim().optional(),
  /** 主要职责 (from the 三定 provisions); later changed only by a `functions` item. */
  functions: z.string().trim().max(UNIT_FUNCTIONS_MAX, `主要职责不超过${UNIT_FUNCTIONS_MAX}字`).optional(),
});

export const DecisionItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('createUnit'),
    ref: z.string().min(1).max(40),
    parent: UnitRef.nullable(),
    attributes: UnitAttributes,
  }),
  z.object({
    kind: z.literal('rename'),
    target: UnitRef,
    name: z.string().trim().min(2).max(100),
    shortName: z.string().trim().max(40).optional(),
  }),
  z.object({
    kind: z.literal('changeAttributes'),
    target: UnitRef,
    attributes: UnitAttributes.omit({ name: true, shortName: true, functions: true }).partial(),
  }),
  /** 主要职责 (三定): the unit's functions text from the effective date on, replacing the former text. */
  z.object({
    kind: z.literal('functions'),
    target: UnitRef,
    text: z.string().trim().min(2, '请填写主要职责').max(UNIT_FUNCTIONS_MAX, `主要职责不超过${UNIT_FUNCTIONS_MAX}字`),
  }),
  z.object({ kind: z.literal('move'), target: UnitRef, parent: UnitRef.nullable() }),
  z.object({ kind: z.literal('merge'), sources: z.array(UnitRef).min(1, '至少指定一个被合并单位'), into: UnitRef }),
  z.object({ kind: z.literal('revoke'), target: UnitRef, reassignTo: UnitRef.nullable() }),
  z.object({
    kind: z.literal('quota'),
    target: UnitRef,
    type: EstablishmentTypeSchema,
    delta: z
      .number()
      .int()
      .refine((n) => n !== 0, '增减数不能为0'),
  }),
  z.object({
    kind: z.literal('posts'),
    target: UnitRef,
    level: z.enum(LEADERSHIP_LEVELS),
    delta: z
      .number()
      .int()
      .refine((n) => n !== 0, '增减数不能为0'),
  }),
  z.object({
    kind: z.literal('nameplate'),
    target: UnitRef,
    name: z.string().trim().min(2).max(100),
    action: z.enum(['add', 'remove']),
  }),
  z.object({
    kind: z.literal('control'),
    control: z.enum(CONTROL_KINDS),
    delta: z
      .number()
      .int()
      .refine((n) => n !== 0, '增减数不能为0'),
  }),
  /** 编外用工控制数: the approved cap of off-establishment staff of a unit (absolute). */
  z.object({
    kind: z.literal('offCap'),
    target: UnitRef,
    cap: z.number().int().min(0, '编外用工控制数不能为负').max(100_000),
  }),
]);
export type DecisionItem = z.infer<typeof DecisionItemSchema>;

export const DECISION_STATES = ['draft', 'submitted', 'approved', 'applied', 'rejected'] as const;
export const DECISION_STATE_LABELS: Record<(typeof DECISION_STATES)[number], string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已批准',
  applied: '已执行',
  rejected: '已退回',
};

/**
 * Items in one decision. A units import drafts one decision for a whole county's units (a
 * createUnit and its quota/posts items per unit: ~3 per unit), which the editor must still save.
 */
export const DECISION_MAX_ITEMS = 5000;

export const DecisionBody = z.object({
  docNumber: z.string().trim().min(2, '请填写文号').max(60, '文号过长'),
  docDate: z.iso.date({ message: '发文日期格式应为 YYYY-MM-DD' }),
  effectiveDate: z.iso.date({ message: '生效日期格式应为 YYYY-MM-DD' }),
  approvingBody: z.string().trim().min(2, '请填写批准机关').max(60),
  title: z.string().trim().min(2, '请填写标题').max(200),
  items: z
    .array(DecisionItemSchema)
    .min(1, '至少包含一项机构编制事项')
    .max(DECISION_MAX_ITEMS, `一份文件最多${DECISION_MAX_ITEMS}项机构编制事项，请分为几份文件`),
});
export type DecisionBodyT = z.infer<typeof DecisionBody>;

export const DecisionActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  apply: z.boolean(),
});
export const DecisionSummary = z.object({
  id: z.uuid(),
  docNumber: z.string(),
  docDate: z.string(),
  effectiveDate: z.string(),
  approvingBody: z.string(),
  title: z.string(),
  state: z.enum(DECISION_STATES),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  actions: DecisionActions,
});
export const DecisionDetail = DecisionSummary.extend({ items: z.array(DecisionItemSchema) });
export const DecisionListResponse = z.object({ items: z.array(DecisionSummary) });
export const RuleViolation = z.object({ rule: z.string(), item: z.number().int().nullable(), message: z.string() });
export const DecisionPreview = z.object({
  effectiveDate: z.string(),
  created: z.array(z.object({ ref: z.string(), name: z.string() })),
  unitChanges: z.array(z.object({ unitId: z.string(), name: z.string(), change: z.string() })),
  quotaEffects: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      type: z.string(),
      label: z.string(),
      before: z.number().int(),
      after: z.number().int(),
    }),
  ),
  controlEffects: z.array(
    z.object({ control: z.string(), before: z.number().int().nullable(), after: z.number().int() }),
  ),
  reassignments: z.array(z.object({ from: z.string(), to: z.string(), persons: z.number().int() })),
  violations: z.array(RuleViolation),
});
export const RejectBody = z.object({ reason: z.string().trim().min(2, '请填写退回原因').max(500) });

/** Figures of one unit or a subtree on a date (核定、实有、空编、超编 per type; leadership posts). */
export const FigureRow = z.object({
  type: z.string(),
  label: z.string(),
  approved: z.number().int(),
  actual: z.number().int(),
  vacancy: z.number().int(),
  over: z.number().int(),
});
export const FiguresQuery = z.object({
  unitId: z.uuid().optional(),
  asOf: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  compareTo: z.iso.date({ message: '对比日期格式应为 YYYY-MM-DD' }).optional(),
});
/** Off-establishment staff (编外用工): cap from decisions, actual from the units' latest reports. */
export const OffEstablishmentFigures = z.object({
  cap: z.number().int(),
  actual: z.number().int(),
  over: z.number().int(),
  unitsOverCap: z.number().int(),
});
export const OffEstablishmentReportBody = z.object({
  unitId: z.uuid(),
  asOf: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
  count: z.number().int().min(0, '人数不能为负').max(100_000),
});
export const OffEstablishmentReport = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  asOf: z.string(),
  count: z.number().int(),
  cap: z.number().int(),
  over: z.number().int(),
  reportedAt: z.string(),
});
export const OffEstablishmentReportList = z.object({ items: z.array(OffEstablishmentReport) });

export const FiguresResponse = z.object({
  unitId: z.uuid().nullable(),
  unitName: z.string(),
  asOf: z.string(),
  establishment: z.array(FigureRow),
  posts: z.array(FigureRow),
  total: FigureRow,
  offEstablishment: OffEstablishmentFigures,
  compare: z.object({ asOf: z.string(), establishment: z.array(FigureRow), total: FigureRow }).nullable(),
});

// ── Roster ─────────────────────────────────────────────────────────────────────────────────────
export const ENROL_REASONS = ['录用', '招聘', '调入', '转任', '选调', '军转安置', '人才引进', '遴选', '其他'] as const;
export const DISENROL_REASONS = ['调出', '退休', '辞职', '辞退', '解聘', '死亡', '其他'] as const;
export const USE_PLAN_CHANNELS = [
  '公务员招录',
  '事业单位招聘',
  '选调',
  '军转安置',
  '人才引进',
  '遴选',
  '调任',
] as const;

export const PersonBody = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(40, '姓名过长'),
  citizenId: z.string().trim().min(1, '请填写公民身份号码').max(40),
  /** Optional: when given, cross-checked against what the ID says. */
  sex: z.enum(['1', '2']).optional(),
  birthDate: z.iso.date().optional(),
  ethnicity: z
    .string()
    .regex(/^\d{2}$/, '民族代码为2位数字')
    .optional(),
  politicalStatus: z
    .string()
    .regex(/^\d{2}$/, '政治面貌代码为2位数字')
    .optional(),
  education: z
    .string()
    .regex(/^\d{2}$/, '学历代码为2位数字')
    .optional(),
});
export const PlacementInfo = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  type: z.string(),
  post: z.string().nullable(),
  leadershipLevel: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  enrolReason: z.string(),
  disenrolReason: z.string().nullable(),
  usePlanNotice: z.string().nullable(),
  exceptionNote: z.string().nullable(),
});
export const PersonSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  /** Masked unless the reader may see it in clear (and then only via the audited reveal). */
  citizenId: z.string(),
  ethnicity: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  education: z.string().nullable(),
  synthetic: z.boolean(),
  current: PlacementInfo.nullable(),
});
export const PersonDetail = PersonSummary.extend({
  history: z.array(PlacementInfo),
  actions: z.object({ enrol: z.boolean(), disenrol: z.boolean(), transfer: z.boolean(), revealId: z.boolean() }),
});
export const PersonListQuery = z.object({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const PersonListResponse = z.object({ items: z.array(PersonSummary), total: z.number().int() });
export const RevealResponse = z.object({ citizenId: z.string() });

export const EnrolBody = z.object({
  personId: z.uuid(),
  unitId: z.uuid(),
  type: EstablishmentTypeSchema,
  post: z.string().trim().max(60).optional(),
  leadershipLevel: z.enum(LEADERSHIP_LEVELS).optional(),
  reason: z.enum(ENROL_REASONS, { message: '上编原因不正确' }),
  date: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
  usePlanId: z.uuid().optional(),
  /** Enrolment outside a use plan: only an office leader may record it, with a reason. */
  exceptionNote: z.string().trim().min(4, '例外说明至少4个字').max(500).optional(),
});
export const DisenrolBody = z.object({
  personId: z.uuid(),
  reason: z.enum(DISENROL_REASONS, { message: '下编原因不正确' }),
  date: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
});
export const TransferBody = EnrolBody.omit({ reason: true }).extend({
  outReason: z.literal('调出').default('调出'),
  inReason: z.enum(ENROL_REASONS).default('调入'),
});

export const UsePlanBody = z.object({
  unitId: z.uuid(),
  type: EstablishmentTypeSchema,
  count: z.number().int().min(1, '用编数至少1名').max(10_000),
  channel: z.enum(USE_PLAN_CHANNELS, { message: '补充渠道不正确' }),
  year: z.number().int().min(2000).max(2100),
});
export const UsePlanSummary = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  type: z.string(),
  count: z.number().int(),
  consumed: z.number().int(),
  channel: z.string(),
  year: z.number().int(),
  state: z.string(),
  noticeNumber: z.string().nullable(),
  approvedAt: z.string().nullable(),
  actions: z.object({ approve: z.boolean(), revoke: z.boolean() }),
});
export const UsePlanListResponse = z.object({ items: z.array(UsePlanSummary) });

// ── Unit history (沿革) ───────────────────────────────────────────────────────────────────────────
export const UnitHistoryDecision = z.object({
  id: z.uuid(),
  docNumber: z.string(),
  title: z.string(),
  approvingBody: z.string(),
});
/** Everything one decision changed for one unit on its effective date, in Chinese sentences. */
export const UnitHistoryEvent = z.object({
  date: z.string(),
  decision: UnitHistoryDecision.nullable(),
  changes: z.array(z.string()),
});
export const UnitHistoryResponse = z.object({
  unit: z.object({
    id: z.uuid(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.string(),
    category: z.string().nullable(),
    rank: z.string().nullable(),
    fundingForm: z.string().nullable(),
    uscc: z.string().nullable(),
    nameplates: z.array(z.string()),
    /** 主要职责 (三定) in force today, or null. */
    functionsText: z.string().nullable(),
    status: z.string(),
    parentId: z.uuid().nullable(),
    parentName: z.string().nullable(),
  }),
  /** Newest first. */
  events: z.array(UnitHistoryEvent),
});
