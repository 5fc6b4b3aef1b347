/**
 * `GET /api/units/:id/certificate?format=pdf|docx&asOf=YYYY-MM-DD`: the unit's 机构编制管理证 as a
 * download. Scope is checked by the service; every download is audited (`unit.certificate`).
 */
import { z } from 'zod';
import { IdParams } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { downloadCertificate } from './certificate.service.js';
import { sendDownload } from '../../platform/http/download.js';

const CertificateQuery = z.object({
  format: z.enum(['pdf', 'docx'], { message: '格式须为 pdf 或 docx' }),
  asOf: z.iso.date({ message: '截至日期须为 YYYY-MM-DD 格式' }).optional(),
});

export function certificateRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/units/:id/certificate',
    {
      config: { access: 'unit.certificate' },
      schema: {
        tags: ['机构编制'],
        summary: '下载机构编制管理证（PDF 或 DOCX，任一日期；下载留痕）',
        params: IdParams,
        querystring: CertificateQuery,
      },
    },
    async (req, reply) => {
      const f = await downloadCertificate({ db: deps.db, keys: deps.keys }, authOf(req), req.params.id, req.query);
      return sendDownload(reply, { name: f.fileName, contentType: f.contentType, content: f.content });
    },
  );
}
