import {
  AdjustmentBody,
  CreateEvaluationBody,
  CreateFrameworkBody,
  EntryBody,
  EntryParams,
  EvaluationDetail,
  EvaluationListQuery,
  EvaluationListResponse,
  FileInfo,
  FrameworkListResponse,
  FrameworkVersionBody,
  FrameworkVersionDetail,
  IdParams,
  NarrativeBody,
  RuleTestBody,
  RuleTestResponse,
  ProjectSheetBody,
  ProjectSheetList,
  ProjectSheetQuery,
  ProjectSheetView,
  SurveysBody,
  TransitionBody,
} from '@bianban/contracts';
import { listProjectSheets, saveProjectSheet } from './projects.service.js';
import { evidenceContent, evidenceInfo } from './evidence.service.js';
import type { Permission } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import {
  createFramework,
  createFrameworkVersion,
  getFrameworkVersion,
  listFrameworks,
  publishFrameworkVersion,
  testRule,
  updateFrameworkVersion,
} from './frameworks.service.js';
import {
  createEvaluation,
  getEvaluation,
  listEvaluations,
  saveAdjustment,
  saveEntry,
  saveNarrative,
  saveSurveys,
  transition,
  type Transition,
} from './evaluations.service.js';
import { sendDownload } from '../../platform/http/download.js';

export async function performanceRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['绩效评价'];
  const version = { params: IdParams, response: { 200: FrameworkVersionDetail } };
  const detail = { params: IdParams, response: { 200: EvaluationDetail } };

  app.get(
    '/api/frameworks',
    {
      config: { access: 'framework.read' },
      schema: { tags, summary: '指标体系库', response: { 200: FrameworkListResponse } },
    },
    async (req) => listFrameworks(svc, authOf(req)),
  );
  app.post(
    '/api/frameworks',
    {
      config: { access: 'framework.edit' },
      schema: {
        tags,
        summary: '新建指标体系（草稿版本1）',
        body: CreateFrameworkBody,
        response: { 200: FrameworkVersionDetail },
      },
    },
    async (req) => createFramework(svc, authOf(req), req.body),
  );
  app.post(
    '/api/frameworks/:id/versions',
    {
      config: { access: 'framework.edit' },
      schema: { tags, summary: '新建指标体系版本', body: FrameworkVersionBody, ...version },
    },
    async (req) => createFrameworkVersion(svc, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/framework-versions/:id',
    { config: { access: 'framework.read' }, schema: { tags, summary: '指标体系版本（含结构检查）', ...version } },
    async (req) => getFrameworkVersion(svc, authOf(req), req.params.id),
  );
  app.put(
    '/api/framework-versions/:id',
    {
      config: { access: 'framework.edit' },
      schema: { tags, summary: '修改草稿版本', body: FrameworkVersionBody, ...version },
    },
    async (req) => updateFrameworkVersion(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/framework-versions/:id/publish',
    { config: { access: 'framework.edit' }, schema: { tags, summary: '发布版本（结构检查通过后）', ...version } },
    async (req) => publishFrameworkVersion(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/rules/test',
    {
      config: { access: 'framework.read' },
      schema: { tags, summary: '试算评分规则', body: RuleTestBody, response: { 200: RuleTestResponse } },
    },
    async (req) => testRule(req.body),
  );

  app.get(
    '/api/evaluations',
    {
      config: { access: 'evaluation.read' },
      schema: {
        tags,
        summary: '绩效自评列表',
        querystring: EvaluationListQuery,
        response: { 200: EvaluationListResponse },
      },
    },
    async (req) => listEvaluations(svc, authOf(req), req.query),
  );
  app.post(
    '/api/evaluations',
    {
      config: { access: 'evaluation.edit' },
      schema: { tags, summary: '新建绩效自评', body: CreateEvaluationBody, response: { 200: EvaluationDetail } },
    },
    async (req) => createEvaluation(svc, authOf(req), req.body),
  );
  app.get(
    '/api/evaluations/:id',
    {
      config: { access: 'evaluation.read' },
      schema: { tags, summary: '绩效自评详情（计分、公式、数据来源）', ...detail },
    },
    async (req) => getEvaluation(svc, authOf(req), req.params.id),
  );
  app.put(
    '/api/evaluations/:id/entries/:key',
    {
      config: { access: 'evaluation.edit' },
      schema: {
        tags,
        summary: '填报指标（人工评分、逐项、次数、数值）',
        params: EntryParams,
        body: EntryBody,
        response: { 200: EvaluationDetail },
      },
    },
    async (req) => saveEntry(svc, authOf(req), req.params.id, req.params.key, req.body),
  );
  app.put(
    '/api/evaluations/:id/narrative',
    {
      config: { access: 'evaluation.edit' },
      schema: { tags, summary: '保存说明章节和评价人员', body: NarrativeBody, ...detail },
    },
    async (req) => saveNarrative(svc, authOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/evaluations/:id/surveys',
    {
      config: { access: 'evaluation.edit' },
      schema: { tags, summary: '保存满意度调查', body: SurveysBody, ...detail },
    },
    async (req) => saveSurveys(svc, authOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/evaluations/:id/adjustments/:key',
    {
      config: { access: 'evaluation.financeReview' },
      schema: {
        tags,
        summary: '财政复核调整得分',
        params: EntryParams,
        body: AdjustmentBody,
        response: { 200: EvaluationDetail },
      },
    },
    async (req) => saveAdjustment(svc, authOf(req), req.params.id, req.params.key, req.body),
  );

  app.get(
    '/api/project-sheets',
    {
      config: { access: 'evaluation.read' },
      schema: {
        tags,
        summary: '项目绩效目标完成情况表（按部门、年度）',
        querystring: ProjectSheetQuery,
        response: { 200: ProjectSheetList },
      },
    },
    async (req) => listProjectSheets(svc, authOf(req), req.query),
  );
  app.put(
    '/api/project-sheets',
    {
      config: { access: 'evaluation.edit' },
      schema: {
        tags,
        summary: '保存项目绩效目标完成情况表',
        body: ProjectSheetBody,
        response: { 200: ProjectSheetView },
      },
    },
    async (req) => saveProjectSheet(svc, authOf(req), req.body),
  );

  // 佐证材料: an entry's evidence file (or the reader's own fresh upload), by id.
  app.get(
    '/api/evidence/:id',
    {
      config: { access: 'evaluation.read' },
      schema: { tags, summary: '佐证材料信息', params: IdParams, response: { 200: FileInfo } },
    },
    async (req) => evidenceInfo(svc, authOf(req), req.params.id),
  );
  app.get(
    '/api/evidence/:id/content',
    { config: { access: 'evaluation.read' }, schema: { tags, summary: '下载佐证材料', params: IdParams } },
    async (req, reply) => {
      const f = await evidenceContent(svc, authOf(req), req.params.id);
      return sendDownload(reply, { name: f.name, contentType: 'application/octet-stream', content: f.content });
    },
  );

  const steps: { path: string; name: Transition; access: Permission; summary: string }[] = [
    { path: 'submit', name: 'submit', access: 'evaluation.submit', summary: '提交（冻结数据）' },
    { path: 'review', name: 'review', access: 'evaluation.review', summary: '审核通过' },
    { path: 'finance-review', name: 'financeReview', access: 'evaluation.financeReview', summary: '财政复核完成' },
    { path: 'publish', name: 'publish', access: 'evaluation.publish', summary: '公开' },
    { path: 'reopen', name: 'reopen', access: 'evaluation.reopen', summary: '退回修改（须说明理由）' },
  ];
  for (const s of steps) {
    app.post(
      `/api/evaluations/:id/${s.path}`,
      {
        config: { access: s.access },
        schema: { tags, summary: s.summary, body: TransitionBody.optional(), ...detail },
      },
      async (req) => transition(svc, authOf(req), req.params.id, s.name, req.body?.reason),
    );
  }
}
