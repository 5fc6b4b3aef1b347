/**
 * Publication routes: preflight, publish, withdraw, the 批复日期, the publication list and files,
 * the 预决算 deadline list and the year's batch (a job). Registers the public portal too.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  ApprovalBody,
  DeadlineQuery,
  DeadlineResponse,
  IdParams,
  JobInfo,
  PublicationFileParams,
  PublicationInfo,
  PublicationListResponse,
  PublicationPreflight,
  PublishBody,
  REPORT_BATCH_JOB_KIND,
  REPORT_KINDS,
  PUBLICATION_FORMATS,
  ReportBatchBody,
  WithdrawBody,
} from '@bianban/contracts';
import { startJob } from '../../platform/jobs/jobs.service.js';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { accessForJob } from '../ledgers/ledgers.access.js';
import { runBatch } from './batch.service.js';
import { publicRoutes } from './public.routes.js';
import {
  deadlines,
  internalFile,
  listPublications,
  preflight,
  publishReport,
  recordApproval,
  withdrawPublication,
} from './publication.service.js';
import { sendDownload } from '../../platform/http/download.js';

const PublicationListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  reportId: z.uuid().optional(),
});
const BatchParams = z.object({
  year: z.number().int(),
  kind: z.enum(REPORT_KINDS),
  format: z.enum(PUBLICATION_FORMATS),
});

export async function publicationRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['报告公开'];
  const svc = { db: deps.db, keys: deps.keys };

  app.get(
    '/api/reports/:id/publication/preflight',
    {
      config: { access: 'report.publish' },
      schema: {
        tags,
        summary: '公开前检查（错误阻止公开；警告须逐项说明理由）',
        params: IdParams,
        response: { 200: PublicationPreflight },
      },
    },
    async (req) => preflight(svc, authOf(req), req.params.id),
  );

  app.post(
    '/api/reports/:id/publish',
    {
      config: { access: 'report.publish' },
      schema: {
        tags,
        summary: '公开报告：生成并固化 DOCX、PDF、HTML，记录 SM3 摘要与 SM2 签名',
        params: IdParams,
        body: PublishBody,
        response: { 200: PublicationInfo },
      },
    },
    async (req) => publishReport(svc, authOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/reports/:id/approval',
    {
      config: { access: 'report.publish' },
      schema: {
        tags,
        summary: '录入预决算批复日期（批复后20日内公开）',
        params: IdParams,
        body: ApprovalBody,
        response: { 200: z.object({ reportId: z.uuid(), approvedOn: z.string() }) },
      },
    },
    async (req) => recordApproval(svc, authOf(req), req.params.id, req.body.approvedOn),
  );

  app.post(
    '/api/publications/:id/withdraw',
    {
      config: { access: 'report.publish' },
      schema: {
        tags,
        summary: '撤回公开（保留记录与文件）',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: PublicationInfo },
      },
    },
    async (req) => withdrawPublication(svc, authOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/publications',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '公开记录（含已撤回）',
        querystring: PublicationListQuery,
        response: { 200: PublicationListResponse },
      },
    },
    async (req) => ({ items: await listPublications(deps.db, authOf(req), req.query) }),
  );

  app.get(
    '/api/publications/deadlines',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '预决算公开时限（批复后20日内）',
        querystring: DeadlineQuery,
        response: { 200: DeadlineResponse },
      },
    },
    async (req) => deadlines(deps.db, authOf(req), req.query.year),
  );

  app.get(
    '/api/publications/:id/files/:format',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '下载已公开（或已撤回）的文件', params: PublicationFileParams },
    },
    async (req, reply) => {
      const f = await internalFile(deps.db, authOf(req), req.params.id, req.params.format);
      reply.header('x-content-sm3', f.sm3);
      return sendDownload(reply, f);
    },
  );

  app.post(
    '/api/reports/batch',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '批量生成全部部门的年度报告（后台任务，ZIP）',
        body: ReportBatchBody,
        response: { 200: JobInfo },
      },
    },
    async (req) => startJob(deps, authOf(req), REPORT_BATCH_JOB_KIND, { ...req.body }),
  );

  deps.jobs.register(REPORT_BATCH_JOB_KIND, async (ctx) => {
    const p = BatchParams.parse(ctx.job.params);
    const acc = await accessForJob(deps.db, ctx.job, 'report.read', undefined);
    return runBatch(deps.db, acc.scope, p, ctx.progress, {
      dir: join(deps.config.dataDir, 'exports'),
      id: ctx.job.id,
      workers: deps.config.reportWorkers,
    });
  });

  await publicRoutes(app, deps);
}
