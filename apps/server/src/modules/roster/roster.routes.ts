import { z } from 'zod';
import {
  DisenrolBody,
  EnrolBody,
  IdParams,
  PersonBody,
  PersonDetail,
  PersonListQuery,
  PersonListResponse,
  RevealResponse,
  TransferBody,
  UsePlanBody,
  UsePlanListResponse,
  UsePlanSummary,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import {
  approveUsePlan,
  createPerson,
  createUsePlan,
  disenrol,
  enrol,
  getPerson,
  listPersons,
  listUsePlans,
  revealCitizenId,
  transfer,
} from './roster.service.js';

export async function rosterRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['实名制'];
  const detail = { response: { 200: PersonDetail } };

  app.get(
    '/api/persons',
    {
      config: { access: 'roster.read' },
      schema: {
        tags,
        summary: '人员名册（身份证号脱敏）',
        querystring: PersonListQuery,
        response: { 200: PersonListResponse },
      },
    },
    async (req) => listPersons(svc, authOf(req), req.query),
  );
  app.post(
    '/api/persons',
    {
      config: { access: 'roster.edit' },
      schema: { tags, summary: '登记人员（校验公民身份号码）', body: PersonBody, ...detail },
    },
    async (req) => createPerson(svc, authOf(req), req.body),
  );
  app.get(
    '/api/persons/:id',
    { config: { access: 'roster.read' }, schema: { tags, summary: '人员详情与在编经历', params: IdParams, ...detail } },
    async (req) => getPerson(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/persons/:id/reveal-citizen-id',
    {
      config: { access: 'roster.revealId' },
      schema: { tags, summary: '查看完整身份证号（留痕）', params: IdParams, response: { 200: RevealResponse } },
    },
    async (req) => revealCitizenId(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/roster/enrol',
    { config: { access: 'roster.edit' }, schema: { tags, summary: '上编', body: EnrolBody, ...detail } },
    async (req) => enrol(svc, authOf(req), req.body),
  );
  app.post(
    '/api/roster/disenrol',
    { config: { access: 'roster.edit' }, schema: { tags, summary: '下编', body: DisenrolBody, ...detail } },
    async (req) => disenrol(svc, authOf(req), req.body),
  );
  app.post(
    '/api/roster/transfer',
    {
      config: { access: 'roster.edit' },
      schema: { tags, summary: '调动（下编与上编在同一事务中）', body: TransferBody, ...detail },
    },
    async (req) => transfer(svc, authOf(req), req.body),
  );

  app.get(
    '/api/use-plans',
    {
      config: { access: 'roster.read' },
      schema: {
        tags,
        summary: '用编计划',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: UsePlanListResponse },
      },
    },
    async (req) => listUsePlans(svc, authOf(req), req.query.unitId),
  );
  app.post(
    '/api/use-plans',
    {
      config: { access: 'usePlan.edit' },
      schema: { tags, summary: '编报用编计划', body: UsePlanBody, response: { 200: UsePlanSummary } },
    },
    async (req) => createUsePlan(svc, authOf(req), req.body),
  );
  app.post(
    '/api/use-plans/:id/approve',
    {
      config: { access: 'usePlan.approve' },
      schema: {
        tags,
        summary: '核准用编计划（出具核准使用编制通知单号）',
        params: IdParams,
        response: { 200: UsePlanSummary },
      },
    },
    async (req) => approveUsePlan(svc, authOf(req), req.params.id),
  );
}
