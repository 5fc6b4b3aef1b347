import {
  AuditOutlined,
  CloudDownloadOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/types';

export interface AppModule {
  path: string;
  label: string;
  icon: ReactNode;
  /** The user needs any one of these permissions. */
  anyOf: readonly Permission[];
}

/** The side menu, in display order. The first module the user may open is the landing page. */
export const MODULES: readonly AppModule[] = [
  { path: '/workbench', label: '工作台', icon: <DashboardOutlined />, anyOf: ['workbench.read'] },
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
