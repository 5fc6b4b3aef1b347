/**
 * `/api/codes/…`: unified social credit codes — checking lists of codes, the region's reserved
 * organization-code ranges, and 赋码 for organs and mass organizations. Handlers are thin: scope,
 * rules, locking and audit live in code-assignment.service.ts.
 */
import { z } from 'zod';
import {
  CodeAssignmentBody,
  CodeAssignmentSchema,
  CodePrefixParams,
  CodeRangeBody,
  CodeRangesResponse,
  UnitCodeStatus,
  UsccCheckBody,
  UsccCheckResponse,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { assignCode, checkUsccList, listCodeRanges, setCodeRange, unitCodeStatus } from './code-assignment.service.js';

const UnitParams = z.object({ unitId: z.uuid({ message: '单位编号格式不正确' }) });

export async function codeRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['统一社会信用代码'];

  app.post(
    '/api/codes/uscc/check',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '批量校验统一社会信用代码（最多1000个）：逐个给出是否有效、原因和逐位解释',
        body: UsccCheckBody,
        response: { 200: UsccCheckResponse },
      },
    },
    async (req) => checkUsccList(req.body.codes),
  );
  app.get(
    '/api/codes/ranges',
    {
      config: { access: 'registration.read' },
      schema: { tags, summary: '本地区组织机构代码号段及赋码进度', response: { 200: CodeRangesResponse } },
    },
    async (req) => listCodeRanges(svc, authOf(req)),
  );
  app.put(
    '/api/codes/ranges/:prefix',
    {
      config: { access: 'registration.approve' },
      schema: {
        tags,
        summary: '录入或调整上级分配的号段（机关11、事业单位12、群团13、其他19）',
        params: CodePrefixParams,
        body: CodeRangeBody,
        response: { 200: CodeRangesResponse },
      },
    },
    async (req) => setCodeRange(svc, authOf(req), req.params.prefix, req.body),
  );
  app.get(
    '/api/codes/assignments/:unitId',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '单位的赋码情况（已赋代码及解释，或不能赋码的原因）',
        params: UnitParams,
        response: { 200: UnitCodeStatus },
      },
    },
    async (req) => unitCodeStatus(svc, authOf(req), req.params.unitId),
  );
  app.post(
    '/api/codes/assignments',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '机关、群团赋码：从本地区号段取下一个代码（留痕）',
        body: CodeAssignmentBody,
        response: { 200: CodeAssignmentSchema },
      },
    },
    async (req) => assignCode(svc, authOf(req), req.body.unitId),
  );
}
