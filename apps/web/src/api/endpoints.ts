/** Typed wrappers for each API endpoint; every call goes through the one client in ./client. */
import { api } from './client';
import type {
  AuditListResponseT,
  AuditQueryT,
  CreateUserResponseT,
  DecisionBodyT,
  DecisionDetailT,
  DecisionListResponseT,
  DecisionPreviewT,
  DisenrolBodyT,
  EnrolBodyT,
  FileInfoT,
  FiguresQueryT,
  FiguresResponseT,
  JobInfo,
  JobListResponseT,
  Ok,
  PersonBodyT,
  PersonDetailT,
  PersonListQueryT,
  PersonListResponseT,
  ResetPasswordResponseT,
  RevealResponseT,
  Role,
  RoleListResponseT,
  SessionInfo,
  Settings,
  SheetPreviewT,
  TotpEnrollResponseT,
  TransferBodyT,
  UnitTreeResponseT,
  UpdateUserBodyT,
  UsePlanBodyT,
  UsePlanListResponseT,
  UsePlanSummaryT,
  UserListResponseT,
  UserSummary,
} from './types';

const id = (value: string) => encodeURIComponent(value);

export const authApi = {
  session: () => api.get<SessionInfo>('/api/auth/session'),
  login: (username: string, password: string) => api.post<SessionInfo>('/api/auth/login', { username, password }),
  logout: () => api.post<Ok>('/api/auth/logout'),
  changePassword: (oldPassword: string, newPassword: string) =>
    api.post<SessionInfo>('/api/auth/password', { oldPassword, newPassword }),
  totpEnroll: () => api.post<TotpEnrollResponseT>('/api/auth/totp/enroll'),
  totpConfirm: (code: string) => api.post<SessionInfo>('/api/auth/totp/confirm', { code }),
  totpVerify: (code: string) => api.post<SessionInfo>('/api/auth/totp/verify', { code }),
};

export const usersApi = {
  list: (query: { q?: string; page: number; pageSize: number }) => api.get<UserListResponseT>('/api/users', query),
  create: (username: string, displayName: string) =>
    api.post<CreateUserResponseT>('/api/users', { username, displayName }),
  update: (userId: string, body: UpdateUserBodyT) => api.patch<unknown>(`/api/users/${id(userId)}`, body),
  resetPassword: (userId: string) => api.post<ResetPasswordResponseT>(`/api/users/${id(userId)}/reset-password`),
  unlock: (userId: string) => api.post<Ok>(`/api/users/${id(userId)}/unlock`),
  grant: (userId: string, roles: Role[], scopeUnitId: string | null) =>
    api.put<UserSummary>(`/api/users/${id(userId)}/grants`, { roles, scopeUnitId }),
};

export const rolesApi = { list: () => api.get<RoleListResponseT>('/api/roles') };

export const unitsApi = { tree: (signal?: AbortSignal) => api.get<UnitTreeResponseT>('/api/units', undefined, signal) };

export const settingsApi = {
  get: () => api.get<Settings>('/api/settings'),
  save: (settings: Settings) => api.put<Settings>('/api/settings', settings),
};

export const auditApi = {
  list: (query: AuditQueryT) => api.get<AuditListResponseT>('/api/audit', { ...query }),
  verify: () => api.post<JobInfo>('/api/audit/verify'),
  exportXlsx: (filters: Omit<AuditQueryT, 'page' | 'pageSize'>) => api.post<JobInfo>('/api/audit/export', filters),
};

export const jobsApi = {
  list: () => api.get<JobListResponseT>('/api/jobs'),
  get: (jobId: string) => api.get<JobInfo>(`/api/jobs/${id(jobId)}`),
  eventsUrl: (jobId: string) => `/api/jobs/${id(jobId)}/events`,
  fileUrl: (jobId: string) => `/api/jobs/${id(jobId)}/file`,
};

export const backupApi = { run: () => api.post<JobInfo>('/api/backups') };

export const filesApi = {
  upload: (file: File) => api.upload<FileInfoT>('/api/files', file),
  preview: (fileId: string) => api.get<SheetPreviewT>(`/api/files/${id(fileId)}/preview`),
};

export const decisionsApi = {
  list: () => api.get<DecisionListResponseT>('/api/decisions'),
  get: (decisionId: string) => api.get<DecisionDetailT>(`/api/decisions/${id(decisionId)}`),
  create: (body: DecisionBodyT) => api.post<DecisionDetailT>('/api/decisions', body),
  update: (decisionId: string, body: DecisionBodyT) =>
    api.put<DecisionDetailT>(`/api/decisions/${id(decisionId)}`, body),
  preview: (decisionId: string) => api.get<DecisionPreviewT>(`/api/decisions/${id(decisionId)}/preview`),
  submit: (decisionId: string) => api.post<DecisionDetailT>(`/api/decisions/${id(decisionId)}/submit`),
  approve: (decisionId: string) => api.post<DecisionDetailT>(`/api/decisions/${id(decisionId)}/approve`),
  reject: (decisionId: string, reason: string) =>
    api.post<DecisionDetailT>(`/api/decisions/${id(decisionId)}/reject`, { reason }),
  apply: (decisionId: string) => api.post<DecisionDetailT>(`/api/decisions/${id(decisionId)}/apply`),
};

export const figuresApi = {
  get: (query: FiguresQueryT, signal?: AbortSignal) => api.get<FiguresResponseT>('/api/figures', { ...query }, signal),
};

export const personsApi = {
  list: (query: PersonListQueryT, signal?: AbortSignal) =>
    api.get<PersonListResponseT>('/api/persons', { ...query }, signal),
  create: (body: PersonBodyT) => api.post<PersonDetailT>('/api/persons', body),
  get: (personId: string) => api.get<PersonDetailT>(`/api/persons/${id(personId)}`),
  revealCitizenId: (personId: string) => api.post<RevealResponseT>(`/api/persons/${id(personId)}/reveal-citizen-id`),
};

export const rosterApi = {
  enrol: (body: EnrolBodyT) => api.post<PersonDetailT>('/api/roster/enrol', body),
  disenrol: (body: DisenrolBodyT) => api.post<PersonDetailT>('/api/roster/disenrol', body),
  transfer: (body: TransferBodyT) => api.post<PersonDetailT>('/api/roster/transfer', body),
};

export const usePlansApi = {
  list: (unitId?: string, signal?: AbortSignal) => api.get<UsePlanListResponseT>('/api/use-plans', { unitId }, signal),
  create: (body: UsePlanBodyT) => api.post<UsePlanSummaryT>('/api/use-plans', body),
  approve: (planId: string) => api.post<UsePlanSummaryT>(`/api/use-plans/${id(planId)}/approve`),
};
