import {
  BudgetImportBody,
  BudgetImportResult,
  BudgetStatusBody,
  BudgetYearDetail,
  BudgetYearDocSchema,
  BudgetYearListQuery,
  BudgetYearListResponse,
  BudgetYearParams,
  FunctionCodeListResponse,
} from '@bianban/contracts';
import { z } from 'zod';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { importBudgetYear } from './budget.import.js';
import {
  functionCodes,
  getBudgetYear,
  listBudgetYears,
  saveBudgetYear,
  setBudgetYearStatus,
} from './budget.service.js';
import { budgetTemplate } from './budget.template.js';
import { sendDownload } from '../../platform/http/download.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function budgetRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['部门预算和决算'];
  const detail = { response: { 200: BudgetYearDetail } };

  app.get(
    '/api/budget/years',
    {
      config: { access: 'budget.read' },
      schema: {
        tags,
        summary: '已填报的预算和决算年度',
        querystring: BudgetYearListQuery,
        response: { 200: BudgetYearListResponse },
      },
    },
    async (req) => listBudgetYears(svc, authOf(req), req.query.unitId),
  );
  app.get(
    '/api/budget/years/:unitId/:year',
    {
      config: { access: 'budget.read' },
      schema: { tags, summary: '一个部门一个年度的预算和决算（含勾稽提示）', params: BudgetYearParams, ...detail },
    },
    async (req) => getBudgetYear(svc, authOf(req), req.params.unitId, req.params.year),
  );
  app.put(
    '/api/budget/years/:unitId/:year',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: '保存（新建或整体替换）一个年度的预算和决算；校验失败逐表逐行说明，勾稽不符只作提示',
        params: BudgetYearParams,
        body: BudgetYearDocSchema,
        ...detail,
      },
    },
    async (req) => saveBudgetYear(svc, authOf(req), req.params.unitId, req.params.year, req.body),
  );
  app.post(
    '/api/budget/years/:unitId/:year/status',
    {
      config: { access: 'budget.edit' },
      schema: { tags, summary: '定稿或退回填报', params: BudgetYearParams, body: BudgetStatusBody, ...detail },
    },
    async (req) => setBudgetYearStatus(svc, authOf(req), req.params.unitId, req.params.year, req.body.status),
  );
  app.get(
    '/api/budget/function-codes',
    {
      config: { access: 'budget.read' },
      schema: {
        tags,
        summary: '当年的政府收支分类科目（功能分类）和部门预算支出经济分类科目',
        querystring: z.object({ year: BudgetYearParams.shape.year }),
        response: { 200: FunctionCodeListResponse },
      },
    },
    async (req) => functionCodes(req.query.year),
  );
  app.get(
    '/api/budget/template',
    { config: { access: 'budget.read' }, schema: { tags, summary: '预算和决算导入模板（XLSX）' } },
    async (_req, reply) => {
      return sendDownload(reply, {
        name: '部门预算和决算导入模板.xlsx',
        contentType: XLSX_MIME,
        content: await budgetTemplate(),
      });
    },
  );
  app.post(
    '/api/budget/import',
    {
      config: { access: 'budget.edit' },
      schema: {
        tags,
        summary: '导入预算和决算（XLSX）：整体校验，按工作表、行、列列出错误；mode=apply 且全部无误才写入',
        body: BudgetImportBody,
        response: { 200: BudgetImportResult },
      },
    },
    async (req) => importBudgetYear(svc, authOf(req), req.body),
  );
}
