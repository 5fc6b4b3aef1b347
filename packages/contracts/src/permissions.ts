/**
 * Every permission the platform knows. A route declares exactly one of these (or `public` /
 * `authenticated`), and the server refuses the request when the session's roles do not grant it.
 * The web app reads the same list to hide what a user cannot do; the server still checks.
 */
export const PERMISSIONS = {
  // System administrator (系统管理员): accounts, settings, backup.
  'account.read': '查看账户',
  'account.manage': '管理账户（新建、停用、重置密码）',
  'settings.read': '查看系统设置',
  'settings.manage': '修改系统设置',
  'backup.run': '执行备份',
  // Security administrator (安全管理员): roles, grants, unlocking, the system administrator's audit rows.
  'grant.read': '查看授权',
  'grant.manage': '分配角色与数据范围',
  'account.unlock': '解锁账户',
  'audit.readSysAdmin': '查看系统管理员的审计记录',
  // Audit administrator (审计管理员): reads audit only.
  'audit.read': '查看全部审计记录',
  'audit.verify': '校验审计链',
  // Business.
  'workbench.read': '进入工作台',
  'unit.read': '查看单位',
  'unit.certificate': '下载机构编制管理证（留痕）',
  'decision.read': '查看机构编制事项',
  'decision.edit': '起草和执行机构编制事项',
  'decision.approve': '审批机构编制事项',
  'roster.read': '查看实名制人员',
  'roster.edit': '办理上编、下编、调动',
  'roster.revealId': '查看完整身份证号（留痕）',
  'usePlan.edit': '编报用编计划',
  'usePlan.approve': '核准用编计划',
  'offEstablishment.report': '填报编外用工人数',
  'budget.read': '查看部门预算和决算',
  'budget.edit': '填报和导入部门预算和决算',
  'framework.read': '查看绩效评价指标体系',
  'framework.edit': '编辑绩效评价指标体系',
  'evaluation.read': '查看绩效自评',
  'evaluation.edit': '填报绩效自评（手工指标、说明、问卷）',
  'evaluation.submit': '提交绩效自评',
  'evaluation.review': '审核绩效自评（编办或主管部门）',
  'evaluation.financeReview': '财政复核绩效自评（可调整得分并说明理由）',
  'evaluation.publish': '公开绩效自评',
  'evaluation.reopen': '退回已提交的绩效自评',
  'report.read': '查看报告（部门整体自评报告、项目自评表、部门决算说明）',
  'report.edit': '生成和编辑报告',
  'report.publish': '公开报告（生成并固化 DOCX/PDF/HTML、签名、撤回）',
  'registration.read': '查看事业单位法人登记（登记簿、登记事项、档案）',
  'registration.edit': '办理事业单位法人登记（起草、提交、受理、上传材料、证书）',
  'registration.approve': '核准或驳回事业单位法人登记',
  'annualReport.file': '填报事业单位法人年度报告',
  'annualReport.review': '审查事业单位法人年度报告（通过或退回）、标记异常',
  'annualReport.publish': '公示事业单位法人年度报告',
  'randomInspection.manage': '双随机抽查：建立抽查活动、抽取、录入结果和整改',
  'randomInspection.publish': '公示双随机抽查结果',
  'reportCheck.use': '核查报告（读取自评报告、决算说明，提取数字并检查）',
  'file.upload': '上传文件',
  'job.read': '查看自己的后台任务',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_LIST = Object.keys(PERMISSIONS) as Permission[];

/**
 * What a route declares: one permission, any of several (the handler then narrows what it
 * returns by which one the user holds), or `public` / `authenticated`.
 */
export type RouteAccess = Permission | readonly Permission[] | 'public' | 'authenticated';
