/** Types inferred from the shared zod schemas in @bianban/contracts (type-only; nothing is bundled here). */
import type { z } from 'zod';
import type {
  AuditListResponse,
  CreateUserResponse,
  FileInfo,
  JobListResponse,
  ResetPasswordResponse,
  RoleInfo,
  RoleListResponse,
  SheetPreview,
  TotpEnrollResponse,
  UnitTreeResponse,
  UpdateUserBody,
  UserActions,
  UserListResponse,
} from '@bianban/contracts';

export type {
  AuditRow,
  JobInfo,
  Permission,
  Role,
  SessionInfo,
  SessionState,
  Settings,
  UnitNodeT,
  UserSummary,
} from '@bianban/contracts';

export type UserActionsT = z.infer<typeof UserActions>;
export type UserListResponseT = z.infer<typeof UserListResponse>;
export type CreateUserResponseT = z.infer<typeof CreateUserResponse>;
export type UpdateUserBodyT = z.infer<typeof UpdateUserBody>;
export type ResetPasswordResponseT = z.infer<typeof ResetPasswordResponse>;
export type RoleInfoT = z.infer<typeof RoleInfo>;
export type RoleListResponseT = z.infer<typeof RoleListResponse>;
export type UnitTreeResponseT = z.infer<typeof UnitTreeResponse>;
/** Query of GET /api/audit (see AuditQuery in contracts); times are ISO 8601 with offset. */
export interface AuditQueryT {
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}
export type AuditListResponseT = z.infer<typeof AuditListResponse>;
export type JobListResponseT = z.infer<typeof JobListResponse>;
export type TotpEnrollResponseT = z.infer<typeof TotpEnrollResponse>;
export type FileInfoT = z.infer<typeof FileInfo>;
export type SheetPreviewT = z.infer<typeof SheetPreview>;
export type Ok = { ok: true };
