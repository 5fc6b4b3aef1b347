/**
 * Unified social credit codes (统一社会信用代码): checking lists of codes, the region's reserved
 * organization-code ranges, and code assignment (赋码) for organs and mass organizations.
 */
import { z } from 'zod';
import { UuidSchema } from './api.js';

export const USCC_CHECK_MAX = 1000;

/** `POST /api/codes/uscc/check` */
export const UsccCheckBody = z.object({
  codes: z
    .array(z.string({ message: '每个代码应为文本' }).max(100, '单个代码不得超过100个字符'), {
      message: '请提供代码列表 codes',
    })
    .min(1, '请至少提供一个代码')
    .max(USCC_CHECK_MAX, `一次最多校验${USCC_CHECK_MAX}个代码`),
});
export type UsccCheckBodyT = z.infer<typeof UsccCheckBody>;

export const UsccReportSchema = z.object({
  /** As given. */
  input: z.string(),
  /** After the safe normalisation (full-width → half-width, spaces removed, upper-case). */
  code: z.string(),
  valid: z.boolean(),
  /** The first rule broken, null when valid. */
  reason: z.string().nullable(),
  /** What the normalisation changed, in words. */
  notes: z.array(z.string()),
  /** Each part of the code in words, ending with the verdict. */
  explanation: z.array(z.string()),
});
export type UsccReportT = z.infer<typeof UsccReportSchema>;

export const UsccCheckResponse = z.object({
  items: z.array(UsccReportSchema),
  valid: z.number().int(),
  invalid: z.number().int(),
});

/** 登记管理部门 + 机构类别 a staffing office issues codes under. */
export const CODE_PREFIXES = ['11', '12', '13', '19'] as const;
export type CodePrefix = (typeof CODE_PREFIXES)[number];
export const CODE_PREFIX_LABELS: Record<CodePrefix, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '群团组织',
  '19': '其他',
};

export const CodeRangeSchema = z.object({
  prefix: z.string(),
  label: z.string(),
  first: z.string(),
  last: z.string(),
  /** The last body issued, null when none yet. */
  issued: z.string().nullable(),
  issuedCount: z.number().int(),
  /** The next body that would be issued (before skipping bodies already in use), null when exhausted. */
  next: z.string().nullable(),
});
export const CodeRangesResponse = z.object({ regionCode: z.string(), items: z.array(CodeRangeSchema) });

/** `PUT /api/codes/ranges/:prefix`: record the range the upper authority reserved for this region. */
export const CodeRangeBody = z.object({
  first: z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{8}$/, '号段起始应为8位，只用数字和除I、O、Z、S、V外的大写字母'),
  last: z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{8}$/, '号段终止应为8位，只用数字和除I、O、Z、S、V外的大写字母'),
});
export const CodePrefixParams = z.object({
  prefix: z.enum(CODE_PREFIXES, { message: `代码前缀应为 ${CODE_PREFIXES.join('、')} 之一` }),
});

/** `POST /api/codes/assignments`: 赋码 for an organ or a mass organization. */
export const CodeAssignmentBody = z.object({ unitId: UuidSchema });

export const CodeAssignmentSchema = z.object({
  legalPersonId: z.string(),
  actId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** organ | massOrganization */
  kind: z.string(),
  uscc: z.string(),
  assignedOn: z.string(),
  explanation: z.array(z.string()),
});
export type CodeAssignmentT = z.infer<typeof CodeAssignmentSchema>;

/** `GET /api/codes/assignments/:unitId`: the unit's code, or why it cannot (yet) be given one. */
export const UnitCodeStatus = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** The code the unit carries (from its decisions or an import), if any. */
  unitUscc: z.string().nullable(),
  assignment: CodeAssignmentSchema.nullable(),
  /** Whether a code can be requested now; otherwise `refusal` says why. */
  canAssign: z.boolean(),
  refusal: z.string().nullable(),
  /** The prefix a code would be issued under (11 机关, 13 群团), null for other kinds. */
  prefix: z.string().nullable(),
});
