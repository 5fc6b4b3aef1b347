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

export const UNIT_KINDS = ['organ', 'massOrganization', 'publicInstitution', 'township', 'street', 'internalOffice'] as const;
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
export const FUNDING_FORM_LABELS: Record<(typeof FUNDING_FORMS)[number], string> = { full: '全额拨款', partial: '差额拨款', selfFunded: '自收自支' };
export const UNIT_RANKS = ['正厅', '副厅', '正处', '副处', '正科', '副科', '股级', '未定级'] as const;

export const LEADERSHIP_LEVELS = ['principal', 'deputy'] as const;
export type LeadershipLevel = (typeof LEADERSHIP_LEVELS)[number];
export const LEADERSHIP_LEVEL_LABELS: Record<LeadershipLevel, string> = { principal: '正职', deputy: '副职' };

/** Region-wide ceilings: one per establishment type, and the cap on the number of organs. */
export const CONTROL_KINDS = [...ESTABLISHMENT_TYPES, 'organCap'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

const UnitRef = z.object({ unitId: z.uuid({ message: '单位编号格式不正确' }).optional(), unitRef: z.string().min(1).max(40).optional() }).refine((v) => !!v.unitId !== !!v.unitRef, {
  message: '须且只能指定已有单位（unitId）或本文件新设单位（unitRef）之一',
});

export const UnitAttributes = z.object({
  name: z.string().trim().min(2, '单位名称至少2个字').max(100, '单位名称过长'),
  shortName: z.string().trim().max(40, '简称过长').optional(),
  kind: UnitKindSchema,
  category: z.enum(UNIT_CATEGORIES).optional(),
  rank: z.enum(UNIT_RANKS).optional(),
  fundingForm: z.enum(FUNDING_FORMS).optional(),
  uscc: z.string().trim().optional(),
});

export const DecisionItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('createUnit'), ref: z.string().min(1).max(40), parent: UnitRef.nullable(), attributes: UnitAttributes }),
  z.object({ kind: z.literal('rename'), target: UnitRef, name: z.string().trim().min(2).max(100), shortName: z.string().trim().max(40).optional() }),
  z.object({ kind: z.literal('changeAttributes'), target: UnitRef, attributes: UnitAttributes.omit({ name: true, shortName: true }).partial() }),
  z.object({ kind: z.literal('move'), target: UnitRef, parent: UnitRef.nullable() }),
  z.object({ kind: z.literal('merge'), sources: z.array(UnitRef).min(1, '至少指定一个被合并单位'), into: UnitRef }),
  z.object({ kind: z.literal('revoke'), target: UnitRef, reassignTo: UnitRef.nullable() }),
  z.object({ kind: z.literal('quota'), target: UnitRef, type: EstablishmentTypeSchema, delta: z.number().int().refine((n) => n !== 0, '增减数不能为0') }),
  z.object({ kind: z.literal('posts'), target: UnitRef, level: z.enum(LEADERSHIP_LEVELS), delta: z.number().int().refine((n) => n !== 0, '增减数不能为0') }),
  z.object({ kind: z.literal('nameplate'), target: UnitRef, name: z.string().trim().min(2).max(100), action: z.enum(['add', 'remove']) }),
  z.object({ kind: z.literal('control'), control: z.enum(CONTROL_KINDS), delta: z.number().int().refine((n) => n !== 0, '增减数不能为0') }),
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

export const DecisionBody = z.object({
  docNumber: z.string().trim().min(2, '请填写文号').max(60, '文号过长'),
  docDate: z.iso.date({ message: '发文日期格式应为 YYYY-MM-DD' }),
  effectiveDate: z.iso.date({ message: '生效日期格式应为 YYYY-MM-DD' }),
  approvingBody: z.string().trim().min(2, '请填写批准机关').max(60),
  title: z.string().trim().min(2, '请填写标题').max(200),
  items: z.array(DecisionItemSchema).min(1, '至少包含一项机构编制事项').max(500),
});
export type DecisionBodyT = z.infer<typeof DecisionBody>;
