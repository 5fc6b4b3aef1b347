/**
 * `/api/registration/inspections/…`: 双随机一公开 — campaigns, the draw with its recorded seed,
 * verification (anyone with read access recomputes the draw), results, rectification, publication.
 */
import {
  CampaignDetail,
  CampaignList,
  CampaignListQuery,
  CampaignResultParams,
  CreateCampaignBody,
  DrawBody,
  IdParams,
  RectifyBody,
  ResultBody,
  VerifyDrawResponse,
  type Permission,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import {
  createCampaign,
  drawInspection,
  getCampaign,
  listCampaigns,
  publishCampaign,
  recordRectification,
  recordResult,
  verifyDraw,
} from './inspections.service.js';

const READ: readonly Permission[] = ['registration.read', 'randomInspection.manage'];

export async function inspectionRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['双随机抽查'];
  const base = '/api/registration/inspections';

  app.get(
    base,
    {
      config: { access: READ },
      schema: { tags, summary: '抽查活动列表', querystring: CampaignListQuery, response: { 200: CampaignList } },
    },
    async (req) => listCampaigns(svc, authOf(req), req.query),
  );
  app.post(
    base,
    {
      config: { access: 'randomInspection.manage' },
      schema: {
        tags,
        summary: '建立抽查活动（比例或数量、分层、检查人员库）',
        body: CreateCampaignBody,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => createCampaign(svc, authOf(req), req.body),
  );
  app.get(
    `${base}/:id`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '抽查活动详情（种子、抽取结果、检查结果）',
        params: IdParams,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => getCampaign(svc, authOf(req), req.params.id),
  );
  app.post(
    `${base}/:id/draw`,
    {
      config: { access: 'randomInspection.manage' },
      schema: {
        tags,
        summary: '抽取单位和检查人员（记录随机种子）',
        params: IdParams,
        body: DrawBody,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => drawInspection(svc, authOf(req), req.params.id, req.body),
  );
  app.get(
    `${base}/:id/verify`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '验证抽取：按记录的种子、备选名单和人员库重新计算并比对',
        params: IdParams,
        response: { 200: VerifyDrawResponse },
      },
    },
    async (req) => verifyDraw(svc, authOf(req), req.params.id),
  );
  app.put(
    `${base}/:id/results/:resultId`,
    {
      config: { access: 'randomInspection.manage' },
      schema: {
        tags,
        summary: '录入抽查结果（合格、基本合格、不合格；问题和整改期限）',
        params: CampaignResultParams,
        body: ResultBody,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => recordResult(svc, authOf(req), req.params.id, req.params.resultId, req.body),
  );
  app.post(
    `${base}/:id/results/:resultId/rectified`,
    {
      config: { access: 'randomInspection.manage' },
      schema: {
        tags,
        summary: '登记整改完成',
        params: CampaignResultParams,
        body: RectifyBody,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => recordRectification(svc, authOf(req), req.params.id, req.params.resultId, req.body),
  );
  app.post(
    `${base}/:id/publish`,
    {
      config: { access: 'randomInspection.publish' },
      schema: { tags, summary: '公示抽查结果（须全部录入）', params: IdParams, response: { 200: CampaignDetail } },
    },
    async (req) => publishCampaign(svc, authOf(req), req.params.id),
  );
}
