/**
 * Public portal routes (`config.access: 'public'`, no session): offices, their published reports,
 * the files, the signing key and verification. Verification is a POST without a session, so the
 * access hook requires `X-Requested-With: bianban`; it is rate-limited per IP.
 */
import {
  PublicFileParams,
  PublicOfficeListResponse,
  PublicRegionParams,
  PublicReportListResponse,
  SigningKeyResponse,
  VerifyDigestBody,
  VerifyResponse,
  type PublicationFormat,
} from '@bianban/contracts';
import { SM2_DEFAULT_ID, sm2PublicKeyOf } from '../../platform/crypto/sm2.js';
import { appError } from '../../platform/http/errors.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { publicFile, publicOffices, publicReports, verifyPublished } from './public.service.js';
import { sendDownload } from '../../platform/http/download.js';

export async function publicRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['公开（无需登录）'];
  const config = { access: 'public' as const };

  app.get(
    '/api/public/offices',
    { config, schema: { tags, summary: '有公开报告的编办', response: { 200: PublicOfficeListResponse } } },
    async () => publicOffices(deps.db),
  );

  app.get(
    '/api/public/offices/:regionCode/reports',
    {
      config,
      schema: {
        tags,
        summary: '编办的公开报告',
        params: PublicRegionParams,
        response: { 200: PublicReportListResponse },
      },
    },
    async (req) => publicReports(deps.db, req.params.regionCode),
  );

  app.get(
    '/api/public/reports/:file',
    {
      config,
      schema: { tags, summary: '公开报告文件（<编号>.html / .pdf / .docx）', params: PublicFileParams },
    },
    async (req, reply) => {
      const [id, ext] = req.params.file.split('.') as [string, PublicationFormat];
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
        throw appError('NOT_FOUND', '公开报告不存在或已撤回');
      const f = await publicFile(deps.db, id, ext);
      reply.header('x-content-sm3', f.sm3);
      reply.header('cache-control', 'public, max-age=300');
      return sendDownload(reply, f, ext === 'docx' ? 'attachment' : 'inline');
    },
  );

  app.get(
    '/api/public/signing-key',
    { config, schema: { tags, summary: '报告签名公钥（SM2）', response: { 200: SigningKeyResponse } } },
    async () => ({
      publicKey: deps.keys.signing ? sm2PublicKeyOf(deps.keys.signing) : null,
      algorithm: 'SM2 签名（GB/T 32918.2），签名对象为 PDF 文件的 SM3 摘要（32字节），DER 编码',
      userId: SM2_DEFAULT_ID,
    }),
  );

  // A PDF (or DOCX / HTML) as multipart field `file`, or JSON `{ sm3 }`.
  app.post(
    '/api/public/verify',
    {
      config: { ...config, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '核验公开报告（上传文件或提交 SM3 摘要）', response: { 200: VerifyResponse } },
    },
    async (req) => {
      if (req.isMultipart()) {
        const part = await req.file();
        if (!part || part.fieldname !== 'file') throw appError('BAD_REQUEST', '缺少文件字段 file');
        const content = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw appError('FILE_TOO_LARGE', '文件超过10 MB上限');
          throw err;
        });
        if (!content.length) throw appError('BAD_REQUEST', '上传的文件为空');
        return verifyPublished(deps.db, { content });
      }
      const body = VerifyDigestBody.safeParse(req.body);
      if (!body.success)
        throw appError('VALIDATION_FAILED', body.error.issues[0]?.message ?? '请上传文件或提交 SM3 摘要');
      return verifyPublished(deps.db, { sm3: body.data.sm3 });
    },
  );
}
