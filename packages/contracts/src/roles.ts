import type { Permission } from './permissions.js';

/**
 * Roles. The three administrator roles (三员分立) are mutually exclusive — the database refuses an
 * account holding two of them — and none of them holds business permissions.
 */
export const ADMIN_ROLES = ['sysAdmin', 'secAdmin', 'auditAdmin'] as const;
export const BUSINESS_ROLES = ['officeStaff', 'officeLeader', 'deptReporter', 'financeReviewer', 'viewer'] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;

export type AdminRole = (typeof ADMIN_ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysAdmin: '系统管理员',
  secAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  officeStaff: '编办业务员',
  officeLeader: '编办领导',
  deptReporter: '部门填报员',
  financeReviewer: '财政审核员',
  viewer: '只读查看',
};

const businessBase: Permission[] = [
  'workbench.read',
  'unit.read',
  'job.read',
  'decision.read',
  'roster.read',
  'budget.read',
  'framework.read',
  'evaluation.read',
  'report.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysAdmin: [
    'account.read',
    'account.manage',
    'settings.read',
    'settings.manage',
    'backup.run',
    'job.read',
    'file.upload',
  ],
  secAdmin: ['grant.read', 'grant.manage', 'account.read', 'account.unlock', 'audit.readSysAdmin', 'job.read'],
  auditAdmin: ['audit.read', 'audit.verify', 'job.read'],
  officeStaff: [
    ...businessBase,
    'file.upload',
    'decision.edit',
    'roster.edit',
    'usePlan.edit',
    'offEstablishment.report',
    'unit.certificate',
    'budget.edit',
    'evaluation.edit',
    'evaluation.submit',
    'report.edit',
    'registration.read',
    'registration.edit',
    'annualReport.file',
    'annualReport.review',
    'annualReport.publish',
    'randomInspection.manage',
    'randomInspection.publish',
    'reportCheck.use',
  ],
  officeLeader: [
    ...businessBase,
    'file.upload',
    'decision.approve',
    'usePlan.approve',
    'roster.revealId',
    'unit.certificate',
    'evaluation.review',
    'evaluation.publish',
    'evaluation.reopen',
    'report.publish',
    'registration.read',
    'registration.approve',
    'annualReport.publish',
    'randomInspection.publish',
    'reportCheck.use',
  ],
  // Decisions are region-wide documents; a department reporter's scope is one unit subtree.
  deptReporter: [
    ...businessBase.filter((p) => p !== 'decision.read'),
    'file.upload',
    'offEstablishment.report',
    'budget.edit',
    'evaluation.edit',
    'evaluation.submit',
    'report.edit',
    'annualReport.file',
  ],
  // The finance bureau keeps the indicator frameworks and has the last word on scores.
  financeReviewer: [...businessBase, 'framework.edit', 'evaluation.financeReview', 'evaluation.reopen', 'file.upload', 'reportCheck.use'],
  viewer: [...businessBase],
};

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

/** Roles whose data scope is limited to a unit subtree unless told otherwise. */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['deptReporter'];

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return [...set].sort();
}
