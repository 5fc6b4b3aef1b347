/** Types inferred from the shared zod schemas in @bianban/contracts (type-only; nothing is bundled here). */
import type { z } from 'zod';
import type {
  AuditListResponse,
  DecisionBody,
  DecisionDetail,
  DecisionListResponse,
  DecisionPreview,
  DecisionSummary,
  DisenrolBody,
  EnrolBody,
  FigureRow,
  FiguresResponse,
  PersonBody,
  PersonDetail,
  PersonListResponse,
  PersonSummary,
  PlacementInfo,
  RevealResponse,
  RuleViolation,
  TransferBody,
  UsePlanBody,
  UsePlanListResponse,
  UsePlanSummary,
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
  ControlKind,
  DecisionItem,
  EstablishmentType,
  LeadershipLevel,
  UnitKind,
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

// ── Org: decisions (机构编制事项) and figures ───────────────────────────────────────────────────
export type DecisionBodyT = z.infer<typeof DecisionBody>;
export type DecisionSummaryT = z.infer<typeof DecisionSummary>;
export type DecisionDetailT = z.infer<typeof DecisionDetail>;
export type DecisionListResponseT = z.infer<typeof DecisionListResponse>;
export type DecisionPreviewT = z.infer<typeof DecisionPreview>;
export type DecisionStateT = DecisionSummaryT['state'];
/** One broken rule; decision rules carry the 1-based item number, roster rules none. */
export type RuleViolationT = Omit<z.infer<typeof RuleViolation>, 'item'> & { item?: number | null };
export type FigureRowT = z.infer<typeof FigureRow>;
export type FiguresResponseT = z.infer<typeof FiguresResponse>;
export interface FiguresQueryT {
  unitId?: string;
  asOf?: string;
  compareTo?: string;
}

// ── Roster (实名制) and use plans (用编计划) ─────────────────────────────────────────────────────
export type PersonBodyT = z.infer<typeof PersonBody>;
export type PersonSummaryT = z.infer<typeof PersonSummary>;
export type PersonDetailT = z.infer<typeof PersonDetail>;
export type PersonListResponseT = z.infer<typeof PersonListResponse>;
export type PlacementInfoT = z.infer<typeof PlacementInfo>;
export type RevealResponseT = z.infer<typeof RevealResponse>;
export interface PersonListQueryT {
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}
export type EnrolBodyT = z.infer<typeof EnrolBody>;
export type DisenrolBodyT = z.infer<typeof DisenrolBody>;
/** outReason / inReason have server defaults, so the client may leave them out. */
export type TransferBodyT = z.input<typeof TransferBody>;
export type UsePlanBodyT = z.infer<typeof UsePlanBody>;
export type UsePlanSummaryT = z.infer<typeof UsePlanSummary>;
export type UsePlanListResponseT = z.infer<typeof UsePlanListResponse>;
