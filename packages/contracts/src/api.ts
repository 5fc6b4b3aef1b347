/**
 * One zod schema per endpoint, shared by server (validation, OpenAPI) and web (types, forms).
 * Names follow docs/glossary.md; labels shown to users are Chinese, identifiers English.
 */
import { z } from 'zod';
import { PERMISSION_LIST } from './permissions.js';
import { ROLES } from './roles.js';

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSION_LIST as [string, ...string[]]);
export const UuidSchema = z.uuid({ message: '编号格式不正确' });
export const IdParams = z.object({ id: UuidSchema });
/** GB/T 2260 administrative division code: six digits. */
export const RegionCodeSchema = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

export const ErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export const OkSchema = z.object({ ok: z.literal(true) });

// ── Auth ────────────────────────────────────────────────────────────────────────────────────────
export const SessionStateSchema = z.enum(['active', 'passwordChange', 'mfaEnroll', 'mfaVerify']);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});

export const SessionInfo = z.object({
  user: z.object({
    id: UuidSchema,
    username: z.string(),
    displayName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    roles: z.array(RoleSchema),
    scopeUnitId: UuidSchema.nullable(),
    scopeUnitName: z.string().nullable(),
  }),
  permissions: z.array(PermissionSchema),
  state: SessionStateSchema,
  /** Why the password must change: the initial one, or it expired. */
  passwordChangeReason: z.enum(['initial', 'expired']).nullable(),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  passwordExpiresAt: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256, '密码过长'),
});

export const TotpEnrollResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const TotpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '动态口令为6位数字'),
});

// ── Accounts and grants ───────────────────────────────────────────────────────────────────────
export const UserActions = z.object({
  update: z.boolean(),
  resetPassword: z.boolean(),
  unlock: z.boolean(),
  grant: z.boolean(),
});

export const UserSummary = z.object({
  id: UuidSchema,
  username: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  roles: z.array(RoleSchema),
  scopeUnitId: UuidSchema.nullable(),
  scopeUnitName: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the current user may do with this record; the server checks again. */
  actions: UserActions,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const UserListResponse = z.object({ items: z.array(UserSummary), total: z.number().int() });

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名须以字母开头，3–32位，只含字母、数字、下划线、点或连字符');

export const CreateUserBody = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, '请输入姓名').max(64, '姓名过长'),
});
export const CreateUserResponse = z.object({ user: UserSummary, initialPassword: z.string() });

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1, '请输入姓名').max(64, '姓名过长').optional(),
  active: z.boolean().optional(),
});
export const ResetPasswordResponse = z.object({ initialPassword: z.string() });

export const GrantBody = z.object({
  roles: z.array(RoleSchema).max(8),
  scopeUnitId: UuidSchema.nullable(),
});

export const RoleInfo = z.object({
  role: RoleSchema,
  label: z.string(),
  permissions: z.array(PermissionSchema),
  admin: z.boolean(),
});
export const RoleListResponse = z.object({ items: z.array(RoleInfo) });

// ── Settings ────────────────────────────────────────────────────────────────────────────────────
export const SettingsSchema = z.object({
  passwordExpiryDays: z.number().int().min(0, '密码有效期不得为负').max(365, '密码有效期最长365天'),
  lockoutThreshold: z.number().int().min(3, '锁定阈值不得少于3次').max(10, '锁定阈值不得多于10次'),
  lockoutMinutes: z.number().int().min(5, '锁定时长不得少于5分钟').max(1440, '锁定时长不得超过1440分钟'),
  idleTimeoutMinutes: z.number().int().min(5).max(30, '普通用户空闲超时不得超过30分钟'),
  adminIdleTimeoutMinutes: z.number().int().min(5).max(15, '管理员空闲超时不得超过15分钟'),
  absoluteTimeoutHours: z.number().int().min(1).max(12, '会话最长不得超过12小时'),
  passwordHistory: z.number().int().min(5, '至少不得重复最近5次密码').max(24),
});
export type Settings = z.infer<typeof SettingsSchema>;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────
export const AuditRow = z.object({
  seq: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  result: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditQuery = z.object({
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(128).optional(),
  from: z.iso.datetime({ offset: true, message: '起始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '截止时间格式不正确' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** Export of the filtered audit rows to XLSX, as a background job. */
export const AuditExportBody = AuditQuery.omit({ page: true, pageSize: true });
export const AuditListResponse = z.object({ items: z.array(AuditRow), total: z.number().int() });

// ── Jobs ────────────────────────────────────────────────────────────────────────────────────────
export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export const JobInfo = z.object({
  id: UuidSchema,
  kind: z.string(),
  state: JobStateSchema,
  progress: z.number().int().min(0).max(100),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  hasFile: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobInfo = z.infer<typeof JobInfo>;
export const JobListResponse = z.object({ items: z.array(JobInfo) });

// ── Files ───────────────────────────────────────────────────────────────────────────────────────
export const FileInfo = z.object({
  id: UuidSchema,
  name: z.string(),
  kind: z.string(),
  size: z.number().int(),
  sm3: z.string(),
  createdAt: z.string(),
});
export const SheetPreview = z.object({
  sheets: z.array(z.object({ name: z.string(), rowCount: z.number().int(), rows: z.array(z.array(z.string())) })),
});

// ── Units (the scope anchor; the org module extends it) ─────────────────────────────────────────
export const UnitNode: z.ZodType<UnitNodeT> = z.lazy(() =>
  z.object({ id: UuidSchema, name: z.string(), kind: z.string(), initials: z.string(), children: z.array(UnitNode) }),
);
export interface UnitNodeT {
  id: string;
  name: string;
  kind: string;
  /** Pinyin initials of the name (攀枝花市西区财政局 → pzhsxqczj), for search by initials. */
  initials: string;
  children: UnitNodeT[];
}
export const UnitTreeResponse = z.object({ regionCode: z.string(), regionName: z.string(), roots: z.array(UnitNode) });

/** Background job kinds and their labels. */
export const JOB_KIND_LABELS: Record<string, string> = {
  backup: '数据备份',
  'audit.verify': '审计链校验',
  'audit.export': '审计日志导出',
  'verification.payroll': '统发工资名单核查',
  'ledger.units': '单位及编制台账导出',
  'ledger.roster': '花名册导出',
  'ledger.monthly': '编制月报导出',
  'import.roster': '实名制数据导入',
  'import.units': '单位及编制导入',
  'report.batch': '年度报告批量生成',
};
