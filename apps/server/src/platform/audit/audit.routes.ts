import { AuditExportBody, AuditListResponse, AuditQuery, JobInfo } from '@bianban/contracts';
import { exportAuditXlsx } from './audit.export.js';
import { z } from 'zod';
import { listAudit, verifyAuditChain } from './audit.service.js';
import { startJob } from '../jobs/jobs.service.js';
import { authOf, type App, type AppDeps } from '../http/types.js';

export async function auditRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['审计'];

  // Two permissions reach this list: the audit administrator reads everything, the security
  // administrator only the system administrator's rows (三员分立: each watches another).
  app.get(
    '/api/audit',
    {
      config: { access: ['audit.read', 'audit.readSysAdmin'] },
      schema: { tags, summary: '审计日志查询', querystring: AuditQuery, response: { 200: AuditListResponse } },
    },
    async (req) => {
      const a = authOf(req);
      if (a.permissions.has('audit.read')) return listAudit(deps.db, req.query);
      return listAudit(deps.db, { ...req.query, onlyRole: 'sysAdmin' });
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { access: 'audit.verify' },
      schema: { tags, summary: '校验审计链（后台任务）', response: { 200: JobInfo } },
    },
    async (req) => {
      return startJob(deps, authOf(req), 'audit.verify');
    },
  );

  app.post(
    '/api/audit/export',
    {
      config: { access: ['audit.read', 'audit.readSysAdmin'] },
      schema: { tags, summary: '导出审计日志（XLSX，后台任务）', body: AuditExportBody, response: { 200: JobInfo } },
    },
    async (req) => {
      const a = authOf(req);
      // The export is limited exactly like the list: a security administrator gets the system administrator's rows only.
      const filter = { ...req.body, ...(a.permissions.has('audit.read') ? {} : { onlyRole: 'sysAdmin' }) };
      return startJob(deps, a, 'audit.export', filter);
    },
  );

  deps.jobs.register('audit.export', async (ctx) => {
    const filter = AuditExportBody.extend({ onlyRole: z.string().optional() }).parse(ctx.job.params);
    const res = await exportAuditXlsx(deps.db, filter, (done, total) =>
      ctx.progress(total ? (done / total) * 100 : 100, `已导出 ${done} / ${total} 条`),
    );
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '');
    return {
      result: { rows: res.rows, truncated: res.truncated },
      file: { name: `审计日志-${stamp}.xlsx`, kind: 'xlsx', content: res.content },
    };
  });

  deps.jobs.register('audit.verify', async (ctx) => {
    const res = await verifyAuditChain(deps.db, deps.keys.audit, (done, total) =>
      ctx.progress(total ? (done / total) * 100 : 100, `已校验 ${done} / ${total} 条`),
    );
    return { result: res };
  });
}
