/**
 * Reports: create / list / read / update (title and paragraph prose), run the checks, render
 * (`GET /api/reports/:id/render?format=docx|pdf|html`, an audited download) and the HTML preview
 * for the editor's sandboxed iframe; the region's default number style for new reports
 * (`GET|PUT /api/reports/number-style`, ADR 0013).
 */
import {
  CreateReportBody,
  IdParams,
  ReportCheckResponse,
  ReportDetail,
  ReportListQuery,
  ReportListResponse,
  ReportNumberStyleBody,
  ReportNumberStyleResponse,
  ReportRenderQuery,
  UpdateReportBody,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import {
  checkReport,
  createReport,
  getRegionNumberStyle,
  getReport,
  listReports,
  renderReport,
  setRegionNumberStyle,
  updateReport,
} from './reports.service.js';
import { sendDownload } from '../../platform/http/download.js';

export async function reportRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['报告'];
  const detail = { response: { 200: ReportDetail } };

  app.get(
    '/api/reports',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '报告列表（按年度、部门、类型）',
        querystring: ReportListQuery,
        response: { 200: ReportListResponse },
      },
    },
    async (req) => listReports(svc, authOf(req), req.query),
  );
  app.post(
    '/api/reports',
    {
      config: { access: 'report.edit' },
      schema: { tags, summary: '新建报告（部门整体自评报告须选择绩效自评）', body: CreateReportBody, ...detail },
    },
    async (req) => createReport(svc, authOf(req), req.body),
  );
  app.get(
    '/api/reports/number-style',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '本地区报告的默认数字格式（新建报告采用）',
        response: { 200: ReportNumberStyleResponse },
      },
    },
    async (req) => getRegionNumberStyle(svc, authOf(req)),
  );
  app.put(
    '/api/reports/number-style',
    {
      // The house style of every report the office publishes: set by whoever may publish them.
      config: { access: 'report.publish' },
      schema: {
        tags,
        summary: '设置本地区报告的默认数字格式（已有报告不变）',
        body: ReportNumberStyleBody,
        response: { 200: ReportNumberStyleResponse },
      },
    },
    async (req) => setRegionNumberStyle(svc, authOf(req), req.body),
  );
  app.get(
    '/api/reports/:id',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '报告（段落、绑定数字及来源、未能表述的事实）', params: IdParams, ...detail },
    },
    async (req) => getReport(svc, authOf(req), req.params.id),
  );
  app.patch(
    '/api/reports/:id',
    {
      config: { access: 'report.edit' },
      schema: {
        tags,
        summary: '修改报告标题、段落文字或数字格式（改动的数字不再绑定，照常检查）',
        params: IdParams,
        body: UpdateReportBody,
        ...detail,
      },
    },
    async (req) => updateReport(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/reports/:id/check',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '检查报告中的每个数字（合计、占比、增长率、评分、与实名制一致）',
        params: IdParams,
        response: { 200: ReportCheckResponse },
      },
    },
    async (req) => checkReport(svc, authOf(req), req.params.id),
  );
  app.get(
    '/api/reports/:id/render',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '下载报告（DOCX、PDF 或 HTML；下载留痕）',
        params: IdParams,
        querystring: ReportRenderQuery,
      },
    },
    async (req, reply) => {
      const f = await renderReport(svc, authOf(req), req.params.id, req.query.format);
      return sendDownload(reply, { name: f.fileName, contentType: f.contentType, content: f.content });
    },
  );
  app.get(
    '/api/reports/:id/preview',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '报告预览（HTML，供沙箱框架显示）', params: IdParams },
    },
    async (req, reply) => {
      const f = await renderReport(svc, authOf(req), req.params.id, 'html', false);
      reply.header('content-disposition', 'inline');
      reply.header('cache-control', 'no-store');
      // The editor shows it in a sandboxed frame of our own pages; the page runs no script.
      reply.header(
        'content-security-policy',
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'self'; sandbox",
      );
      reply.header('x-frame-options', 'SAMEORIGIN');
      reply.type(f.contentType);
      return reply.send(f.content);
    },
  );
}
