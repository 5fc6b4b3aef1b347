import {
  ApartmentOutlined,
  BankOutlined,
  ContainerOutlined,
  AccountBookOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundOutlined,
  GlobalOutlined,
  NodeIndexOutlined,
  ReconciliationOutlined,
  IdcardOutlined,
  ImportOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SolutionOutlined,
  TableOutlined,
  CloudDownloadOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/types';

/** Side-menu groups (submenus). */
export const MODULE_GROUPS = {
  org: { label: '机构编制', icon: <ApartmentOutlined /> },
  roster: { label: '实名制', icon: <IdcardOutlined /> },
  performance: { label: '绩效评价', icon: <FundOutlined /> },
  registration: { label: '事业单位登记', icon: <BankOutlined /> },
} as const satisfies Record<string, { label: string; icon: ReactNode }>;
export type ModuleGroup = keyof typeof MODULE_GROUPS;

export interface AppModule {
  path: string;
  label: string;
  icon: ReactNode;
  /** The user needs any one of these permissions. */
  anyOf: readonly Permission[];
  /** Shown inside this submenu. */
  group?: ModuleGroup;
}

/** The side menu, in display order. The first module the user may open is the landing page. */
export const MODULES: readonly AppModule[] = [
  { path: '/workbench', label: '工作台', icon: <DashboardOutlined />, anyOf: ['workbench.read'] },
  { path: '/dashboard', label: '统计看板', icon: <BarChartOutlined />, anyOf: ['unit.read'], group: 'org' },
  { path: '/org/units', label: '单位与编制', icon: <TableOutlined />, anyOf: ['unit.read'], group: 'org' },
  { path: '/org/decisions', label: '机构编制事项', icon: <FileDoneOutlined />, anyOf: ['decision.read'], group: 'org' },
  { path: '/org/import', label: '单位及编制导入', icon: <ImportOutlined />, anyOf: ['decision.edit'], group: 'org' },
  {
    path: '/codes/uscc-check',
    label: '统一社会信用代码校验',
    icon: <SafetyCertificateOutlined />,
    anyOf: ['registration.read'],
    group: 'org',
  },
  { path: '/roster/persons', label: '人员名册', icon: <SolutionOutlined />, anyOf: ['roster.read'], group: 'roster' },
  { path: '/roster/use-plans', label: '用编计划', icon: <ProfileOutlined />, anyOf: ['roster.read'], group: 'roster' },
  {
    path: '/roster/import',
    label: '实名制数据导入',
    icon: <ImportOutlined />,
    anyOf: ['roster.edit', 'decision.approve'],
    group: 'roster',
  },
  { path: '/budget', label: '部门预算和决算', icon: <AccountBookOutlined />, anyOf: ['budget.read'] },
  {
    path: '/performance/frameworks',
    label: '指标体系',
    icon: <NodeIndexOutlined />,
    anyOf: ['framework.read'],
    group: 'performance',
  },
  {
    path: '/performance/evaluations',
    label: '绩效自评',
    icon: <ReconciliationOutlined />,
    anyOf: ['evaluation.read'],
    group: 'performance',
  },
  {
    path: '/performance/project-sheets',
    label: '项目自评表',
    icon: <ProjectOutlined />,
    anyOf: ['evaluation.read'],
    group: 'performance',
  },
  { path: '/reports', label: '报告', icon: <FileTextOutlined />, anyOf: ['report.read'] },
  { path: '/publication', label: '报告公开', icon: <GlobalOutlined />, anyOf: ['report.read'] },
  { path: '/report-check', label: '报告核查', icon: <FileSearchOutlined />, anyOf: ['reportCheck.use'] },
  {
    path: '/registration/acts',
    label: '登记事项',
    icon: <ContainerOutlined />,
    anyOf: ['registration.read'],
    group: 'registration',
  },
  {
    path: '/registration/register',
    label: '登记簿',
    icon: <BankOutlined />,
    anyOf: ['registration.read'],
    group: 'registration',
  },
  {
    path: '/registration/annual-reports',
    label: '年度报告',
    icon: <FileDoneOutlined />,
    anyOf: ['annualReport.file', 'annualReport.review', 'annualReport.publish', 'registration.read'],
    group: 'registration',
  },
  {
    path: '/registration/annual-stats',
    label: '年报统计',
    icon: <BarChartOutlined />,
    anyOf: ['registration.read'],
    group: 'registration',
  },
  {
    path: '/registration/inspections',
    label: '双随机抽查',
    icon: <AuditOutlined />,
    anyOf: ['registration.read', 'randomInspection.manage'],
    group: 'registration',
  },
  { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, anyOf: ['account.read'] },
  { path: '/admin/grants', label: '授权管理', icon: <SafetyCertificateOutlined />, anyOf: ['grant.read'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, anyOf: ['audit.read', 'audit.readSysAdmin'] },
  { path: '/admin/settings', label: '系统设置', icon: <SettingOutlined />, anyOf: ['settings.read'] },
  { path: '/admin/backup', label: '数据备份', icon: <CloudDownloadOutlined />, anyOf: ['backup.run'] },
  { path: '/jobs', label: '后台任务', icon: <ScheduleOutlined />, anyOf: ['job.read'] },
];

export function moduleFor(path: string): AppModule | undefined {
  return MODULES.find((m) => path === m.path || path.startsWith(m.path + '/'));
}
