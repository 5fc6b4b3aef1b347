import { z } from 'zod';
import {
  OffEstablishmentReport,
  OffEstablishmentReportBody,
  OffEstablishmentReportList,
  DecisionBody,
  DecisionDetail,
  DecisionListResponse,
  DecisionPreview,
  FiguresQuery,
  FiguresResponse,
  IdParams,
  RejectBody,
  UnitHistoryResponse,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import {
  applyDecision,
  approveDecision,
  createDecision,
  getDecision,
  listDecisions,
  previewDecision,
  rejectDecision,
  submitDecision,
  updateDecision,
} from './decisions.service.js';
import { certificateRoutes } from './certificate.routes.js';
import { figures } from './figures.service.js';
import { listOffEstablishmentReports, reportOffEstablishment } from './off-establishment.service.js';
import { unitHistory } from './unit-history.service.js';

export async function orgRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['机构编制'];
  const one = { params: IdParams, response: { 200: DecisionDetail } };
  // A decision of DECISION_MAX_ITEMS items (a units import's draft) is a few MB of JSON.
  const DECISION_BODY_LIMIT = 8 * 1024 * 1024;
  certificateRoutes(app, deps);

  app.get(
    '/api/decisions',
    {
      config: { access: 'decision.read' },
      schema: { tags, summary: '机构编制事项列表', response: { 200: DecisionListResponse } },
    },
    async (req) => listDecisions(svc, authOf(req)),
  );
  app.get(
    '/api/decisions/:id',
    { config: { access: 'decision.read' }, schema: { tags, summary: '机构编制事项详情', ...one } },
    async (req) => getDecision(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/decisions',
    {
      config: { access: 'decision.edit' },
      bodyLimit: DECISION_BODY_LIMIT,
      schema: { tags, summary: '起草机构编制事项', body: DecisionBody, response: { 200: DecisionDetail } },
    },
    async (req) => createDecision(svc, authOf(req), req.body),
  );
  app.put(
    '/api/decisions/:id',
    {
      config: { access: 'decision.edit' },
      bodyLimit: DECISION_BODY_LIMIT,
      schema: { tags, summary: '修改草稿', body: DecisionBody, ...one },
    },
    async (req) => updateDecision(svc, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/decisions/:id/preview',
    {
      config: { access: 'decision.read' },
      schema: {
        tags,
        summary: '执行效果预览（前 → 后）与规则检查',
        params: IdParams,
        response: { 200: DecisionPreview },
      },
    },
    async (req) => previewDecision(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/:id/submit',
    { config: { access: 'decision.edit' }, schema: { tags, summary: '提交审批', ...one } },
    async (req) => submitDecision(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/:id/approve',
    { config: { access: 'decision.approve' }, schema: { tags, summary: '批准（编办领导）', ...one } },
    async (req) => approveDecision(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/:id/reject',
    { config: { access: 'decision.approve' }, schema: { tags, summary: '退回（编办领导）', body: RejectBody, ...one } },
    async (req) => rejectDecision(svc, authOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/decisions/:id/apply',
    {
      config: { access: ['decision.edit', 'decision.approve'] },
      schema: { tags, summary: '执行（原子地写入机构与编制）', ...one },
    },
    async (req) => applyDecision(svc, authOf(req), req.params.id),
  );
  app.get(
    '/api/figures',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: '编制数据（任一单位或下属全部、任一日期，可同比）',
        querystring: FiguresQuery,
        response: { 200: FiguresResponse },
      },
    },
    async (req) => figures(deps.db, authOf(req).scope, req.query),
  );
  app.get(
    '/api/off-establishment/reports',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: '编外用工人数填报记录',
        querystring: z.object({ unitId: z.uuid() }),
        response: { 200: OffEstablishmentReportList },
      },
    },
    async (req) => listOffEstablishmentReports(svc, authOf(req), req.query.unitId),
  );
  app.post(
    '/api/off-establishment/reports',
    {
      config: { access: 'offEstablishment.report' },
      schema: {
        tags,
        summary: '填报编外用工人数（超过控制数时标出）',
        body: OffEstablishmentReportBody,
        response: { 200: OffEstablishmentReport },
      },
    },
    async (req) => reportOffEstablishment(svc, authOf(req), req.body),
  );
  app.get(
    '/api/units/:id/history',
    {
      config: { access: 'unit.read' },
      schema: {
        tags,
        summary: '单位沿革（现状与历次机构编制事项带来的变化）',
        params: IdParams,
        response: { 200: UnitHistoryResponse },
      },
    },
    async (req) => unitHistory(deps.db, authOf(req), req.params.id),
  );
}
