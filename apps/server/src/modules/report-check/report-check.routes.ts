/**
 * 报告核查 routes: check uploaded files (platform upload first), export the findings as XLSX, and
 * propose a budget year from a report's facts (saved afterwards through PUT /api/budget/years).
 */
import {
  ReportCheckBody,
  ReportCheckBudgetBody,
  ReportCheckBudgetProposal,
  ReportCheckExportQuery,
  CheckedReportsResponse,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { budgetFromFile, checkFiles, exportFindings } from './report-check.service.js';
import { sendDownload } from '../../platform/http/download.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportCheckRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db };
  const tags = ['报告核查'];
  app.post(
    '/api/report-check/check',
    {
      config: { access: 'reportCheck.use' },
      schema: {
        tags,
        summary:
          '核查已上传的报告（纯文本、DOCX、带文字层的 PDF）：逐个文件给出文字块、提取的数字及位置、发现；无法读取的文件说明原因，其余照常核查',
        body: ReportCheckBody,
        response: { 200: CheckedReportsResponse },
      },
    },
    async (req) => ({ items: await checkFiles(svc, authOf(req), req.body.fileIds) }),
  );
  app.get(
    '/api/report-check/export',
    {
      config: { access: 'reportCheck.use' },
      schema: { tags, summary: '导出核查发现（XLSX，单元格已防公式注入）', querystring: ReportCheckExportQuery },
    },
    async (req, reply) => {
      const buf = await exportFindings(svc, authOf(req), req.query.fileIds);
      return sendDownload(reply, { name: '报告核查发现.xlsx', contentType: XLSX_MIME, content: buf });
    },
  );
  app.post(
    '/api/report-check/budget-proposal',
    {
      config: { access: 'reportCheck.use' },
      schema: {
        tags,
        summary: '由报告提取的收入、支出合计及分项生成预算和决算年度草案，供确认后通过预算模块保存',
        body: ReportCheckBudgetBody,
        response: { 200: ReportCheckBudgetProposal },
      },
    },
    async (req) => budgetFromFile(svc, authOf(req), req.body.fileId),
  );
}
