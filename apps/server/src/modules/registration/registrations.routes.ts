/**
 * `/api/registration/…`: 事业单位法人登记 — acts (worklist, drafting, documents, submit / accept /
 * approve / refuse), the register, the institution page, the certificate, the archive and the
 * announcements. Handlers are thin: scope, rules and audit live in the services.
 */
import { z } from 'zod';
import {
  ActDetail,
  ActFileParams,
  ActList,
  ActListQuery,
  AnnouncementList,
  AnnouncementQuery,
  ApproveBody,
  Archive,
  ArchiveUploadBody,
  AttachDocumentBody,
  CertificateQuery,
  CreateActBody,
  ExpiringList,
  ExpiringQuery,
  IdParams,
  InstitutionDetail,
  InstitutionList,
  InstitutionListQuery,
  RefuseBody,
  StepBody,
  UpdateActBody,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { addToArchive, archive, archiveFile } from './registration.archive.js';
import { downloadRegistrationCertificate } from './registration.documents.js';
import {
  acceptAct,
  approveAct,
  attachDocument,
  createAct,
  expiringCertificates,
  getAct,
  institutionDetail,
  listActs,
  listAnnouncements,
  listInstitutions,
  refuseAct,
  removeDocument,
  submitAct,
  updateAct,
} from './registrations.service.js';
import { sendDownload } from '../../platform/http/download.js';

const UnitParams = z.object({ unitId: z.uuid({ message: '单位编号格式不正确' }) });

export async function registrationRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['事业单位登记'];

  app.get(
    '/api/registration/acts',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '登记事项工作列表（含办理期限）',
        querystring: ActListQuery,
        response: { 200: ActList },
      },
    },
    async (req) => listActs(svc, authOf(req), req.query),
  );
  app.post(
    '/api/registration/acts',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '起草登记事项（设立、变更、注销、简易注销、证书换发、遗失补领）',
        body: CreateActBody,
        response: { 200: ActDetail },
      },
    },
    async (req) => createAct(svc, authOf(req), req.body),
  );
  app.get(
    '/api/registration/acts/:id',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '登记事项详情（材料、期限、可办理的操作）',
        params: IdParams,
        response: { 200: ActDetail },
      },
    },
    async (req) => getAct(svc, authOf(req), req.params.id),
  );
  app.put(
    '/api/registration/acts/:id',
    {
      config: { access: 'registration.edit' },
      schema: { tags, summary: '修改草稿', params: IdParams, body: UpdateActBody, response: { 200: ActDetail } },
    },
    async (req) => updateAct(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/registration/acts/:id/documents',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '添加申请材料（先上传文件）',
        params: IdParams,
        body: AttachDocumentBody,
        response: { 200: ActDetail },
      },
    },
    async (req) => attachDocument(svc, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/registration/acts/:id/documents/:fileId',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '从草稿中移除申请材料（按材料编号）',
        params: ActFileParams,
        response: { 200: ActDetail },
      },
    },
    async (req) => removeDocument(svc, authOf(req), req.params.id, req.params.fileId),
  );
  app.post(
    '/api/registration/acts/:id/submit',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '提交（检查材料和登记事项；变更登记计算申请期限）',
        params: IdParams,
        body: StepBody,
        response: { 200: ActDetail },
      },
    },
    async (req) => submitAct(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/registration/acts/:id/accept',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '受理（工作日；起算30个工作日的决定期限）',
        params: IdParams,
        body: StepBody,
        response: { 200: ActDetail },
      },
    },
    async (req) => acceptAct(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/registration/acts/:id/approve',
    {
      config: { access: 'registration.approve' },
      schema: {
        tags,
        summary: '核准（更新登记簿、颁发证书、发布公告）',
        params: IdParams,
        body: ApproveBody,
        response: { 200: ActDetail },
      },
    },
    async (req) => approveAct(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/registration/acts/:id/refuse',
    {
      config: { access: 'registration.approve' },
      schema: { tags, summary: '驳回（须说明理由）', params: IdParams, body: RefuseBody, response: { 200: ActDetail } },
    },
    async (req) => refuseAct(svc, authOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/registration/institutions',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '登记簿（按名称或统一社会信用代码查询）；未登记的事业单位',
        querystring: InstitutionListQuery,
        response: { 200: InstitutionList },
      },
    },
    async (req) => listInstitutions(svc, authOf(req), req.query),
  );
  app.get(
    '/api/registration/institutions/:unitId',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '事业单位登记信息（登记事项、证书、在编人数、登记事项记录）',
        params: UnitParams,
        response: { 200: InstitutionDetail },
      },
    },
    async (req) => institutionDetail(svc, authOf(req), req.params.unitId),
  );
  app.get(
    '/api/registration/institutions/:unitId/certificate',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '下载事业单位法人证书（PDF 或 DOCX；下载留痕）',
        params: UnitParams,
        querystring: CertificateQuery,
      },
    },
    async (req, reply) => {
      const f = await downloadRegistrationCertificate(svc, authOf(req), req.params.unitId, req.query.format);
      return sendDownload(reply, { name: f.fileName, contentType: f.contentType, content: f.content });
    },
  );
  app.get(
    '/api/registration/institutions/:unitId/archive',
    {
      config: { access: 'registration.read' },
      schema: { tags, summary: '一户一档：登记事项和材料，按时间排列', params: UnitParams, response: { 200: Archive } },
    },
    async (req) => archive(svc, authOf(req), req.params.unitId),
  );
  app.post(
    '/api/registration/institutions/:unitId/archive',
    {
      config: { access: 'registration.edit' },
      schema: {
        tags,
        summary: '向档案添加扫描件（先上传文件）',
        params: UnitParams,
        body: ArchiveUploadBody,
        response: { 200: Archive },
      },
    },
    async (req) => addToArchive(svc, authOf(req), req.params.unitId, req.body),
  );
  app.get(
    '/api/registration/documents/:id/content',
    { config: { access: 'registration.read' }, schema: { tags, summary: '下载档案材料（留痕）', params: IdParams } },
    async (req, reply) => {
      const f = await archiveFile(svc, authOf(req), req.params.id);
      return sendDownload(reply, { name: f.name, contentType: 'application/octet-stream', content: f.content });
    },
  );
  app.get(
    '/api/registration/certificates/expiring',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '即将到期或已过期的法人证书',
        querystring: ExpiringQuery,
        response: { 200: ExpiringList },
      },
    },
    async (req) => expiringCertificates(svc, authOf(req), req.query.withinDays),
  );
  app.get(
    '/api/registration/announcements',
    {
      config: { access: 'registration.read' },
      schema: {
        tags,
        summary: '登记公告（设立、变更、注销、证书遗失）',
        querystring: AnnouncementQuery,
        response: { 200: AnnouncementList },
      },
    },
    async (req) => listAnnouncements(deps.db, authOf(req).scope.regionCode, req.query),
  );
}
