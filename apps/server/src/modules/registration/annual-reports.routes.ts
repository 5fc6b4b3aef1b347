/**
 * `/api/registration/annual-reports/…`: 事业单位法人年度报告 — filing (institution users and the
 * office), review / return / publish, statistics with the overdue list and the abnormal marking;
 * and the public portal's search, published reports and inspection results (no session).
 */
import {
  AnnualReportDetail,
  AnnualReportList,
  AnnualReportListQuery,
  AnnualReportReturnBody,
  AnnualReportStepBody,
  AnnualReportSubmitBody,
  AnnualStats,
  AnnualStatsQuery,
  CreateAnnualReportBody,
  FilableList,
  IdParams,
  MarkAbnormalBody,
  MarkAbnormalResponse,
  PublicInstitutionDetail,
  PublicInstitutionList,
  PublicInstitutionQuery,
  PublicUsccParams,
  StaffingFromRoster,
  StaffingQuery,
  UpdateAnnualReportBody,
  type Permission,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { publicInstitution, publicSearch } from './annual-reports.public.js';
import {
  annualStats,
  createAnnualReport,
  filableInstitutions,
  getAnnualReport,
  listAnnualReports,
  markAbnormal,
  publishAnnualReport,
  returnAnnualReport,
  reviewAnnualReport,
  staffingPreview,
  submitAnnualReport,
  updateAnnualReport,
} from './annual-reports.service.js';

const READ: readonly Permission[] = [
  'annualReport.file',
  'annualReport.review',
  'annualReport.publish',
  'registration.read',
];

export async function annualReportRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['事业单位年度报告'];
  const base = '/api/registration/annual-reports';

  app.get(
    base,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '年度报告列表（数据范围内；待审查的在前）',
        querystring: AnnualReportListQuery,
        response: { 200: AnnualReportList },
      },
    },
    async (req) => listAnnualReports(svc, authOf(req), req.query),
  );
  app.get(
    `${base}/institutions`,
    {
      config: { access: 'annualReport.file' },
      schema: { tags, summary: '可填报年度报告的事业单位（数据范围内、登记存续）', response: { 200: FilableList } },
    },
    async (req) => filableInstitutions(svc, authOf(req)),
  );
  app.get(
    `${base}/staffing`,
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '报告年度12月31日的编制数和实有人数（取自实名制）',
        querystring: StaffingQuery,
        response: { 200: StaffingFromRoster },
      },
    },
    async (req) => staffingPreview(svc, authOf(req), req.query.unitId, req.query.year),
  );
  app.get(
    `${base}/stats`,
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '年度报告统计：应报、已报、已公示、报送率和公示率、逾期名单、异常名录候选',
        querystring: AnnualStatsQuery,
        response: { 200: AnnualStats },
      },
    },
    async (req) => annualStats(svc, authOf(req), req.query),
  );
  app.post(
    `${base}/abnormal`,
    {
      config: { access: 'annualReport.review' },
      schema: {
        tags,
        summary: '列入异常名录（截至次年6月30日未报送年度报告）',
        body: MarkAbnormalBody,
        response: { 200: MarkAbnormalResponse },
      },
    },
    async (req) => markAbnormal(svc, authOf(req), req.body),
  );
  app.post(
    base,
    {
      config: { access: 'annualReport.file' },
      schema: {
        tags,
        summary: '起草年度报告（编制数和实有人数取自实名制，不能填报）',
        body: CreateAnnualReportBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => createAnnualReport(svc, authOf(req), req.body),
  );
  app.get(
    `${base}/:id`,
    {
      config: { access: READ },
      schema: { tags, summary: '年度报告详情', params: IdParams, response: { 200: AnnualReportDetail } },
    },
    async (req) => getAnnualReport(svc, authOf(req), req.params.id),
  );
  app.put(
    `${base}/:id`,
    {
      config: { access: 'annualReport.file' },
      schema: {
        tags,
        summary: '修改草稿或已退回的年度报告',
        params: IdParams,
        body: UpdateAnnualReportBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => updateAnnualReport(svc, authOf(req), req.params.id, req.body.content),
  );
  app.post(
    `${base}/:id/submit`,
    {
      config: { access: 'annualReport.file' },
      schema: {
        tags,
        summary: '报送（3月31日以后报送的标记为逾期）',
        params: IdParams,
        body: AnnualReportSubmitBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => submitAnnualReport(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/review`,
    {
      config: { access: 'annualReport.review' },
      schema: {
        tags,
        summary: '审查通过',
        params: IdParams,
        body: AnnualReportStepBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => reviewAnnualReport(svc, authOf(req), req.params.id, req.body.note),
  );
  app.post(
    `${base}/:id/return`,
    {
      config: { access: 'annualReport.review' },
      schema: {
        tags,
        summary: '退回补正（须写明理由）',
        params: IdParams,
        body: AnnualReportReturnBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => returnAnnualReport(svc, authOf(req), req.params.id, req.body.reason),
  );
  app.post(
    `${base}/:id/publish`,
    {
      config: { access: 'annualReport.publish' },
      schema: {
        tags,
        summary: '公示（只有审查通过的报告）',
        params: IdParams,
        body: AnnualReportStepBody,
        response: { 200: AnnualReportDetail },
      },
    },
    async (req) => publishAnnualReport(svc, authOf(req), req.params.id),
  );

  // ── Public portal (no session) ──
  const pub = { access: 'public' as const };
  const pubTags = ['公开（无需登录）'];
  app.get(
    '/api/public/registration/institutions',
    {
      config: pub,
      schema: {
        tags: pubTags,
        summary: '按名称或统一社会信用代码查询事业单位法人',
        querystring: PublicInstitutionQuery,
        response: { 200: PublicInstitutionList },
      },
    },
    async (req) => publicSearch(deps.db, req.query),
  );
  app.get(
    '/api/public/registration/institutions/:uscc',
    {
      config: pub,
      schema: {
        tags: pubTags,
        summary: '事业单位法人的登记信息、已公示的年度报告和抽查结果',
        params: PublicUsccParams,
        response: { 200: PublicInstitutionDetail },
      },
    },
    async (req) => publicInstitution(deps.db, req.params.uscc),
  );
}
