/** Routes of the units import and of the column mappings of both imports. */
import {
  IMPORT_KINDS,
  ImportHeadersBody,
  ImportHeadersResponse,
  ImportMappingBody,
  ImportMappingResponse,
  IMPORT_KIND_LABELS,
  JobInfo,
  UnitsImportBody,
  UNITS_IMPORT_JOB_KIND,
  type ImportKind,
  type RouteAccess,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { readHeaders, saveMapping, savedMapping } from './mapping.service.js';
import { runUnitsImport, startUnitsImport } from './units-import.service.js';
import { unitsTemplate } from './units-import.template.js';
import { sendDownload } from '../../platform/http/download.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who may run each import (and so read and save its column mapping). */
const ACCESS: Record<ImportKind, RouteAccess> = {
  roster: ['roster.edit', 'decision.approve'],
  units: 'decision.edit',
};

export async function unitsImportRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['数据导入'];

  app.get(
    '/api/imports/units/template',
    { config: { access: ACCESS.units }, schema: { tags, summary: '单位及编制导入模板（XLSX）' } },
    async (_req, reply) => {
      return sendDownload(reply, {
        name: '单位及编制导入模板.xlsx',
        contentType: XLSX_MIME,
        content: await unitsTemplate(),
      });
    },
  );

  app.post(
    '/api/imports/units',
    {
      config: { access: ACCESS.units },
      schema: {
        tags,
        summary:
          '导入单位及编制（后台任务）：整体校验并按机构编制规则预演后，生成一份机构编制事项草稿——validate 仅校验；all 全部无误才生成；cleanRowsOnly 只列入无误的行',
        body: UnitsImportBody,
        response: { 200: JobInfo },
      },
    },
    async (req) => startUnitsImport(deps, authOf(req), req.body),
  );

  for (const kind of IMPORT_KINDS) {
    app.post(
      `/api/imports/${kind}/headers`,
      {
        config: { access: ACCESS[kind] },
        schema: {
          tags,
          summary: `${IMPORT_KIND_LABELS[kind]}：读取上传文件的表头行，给出列对应（优先沿用本地区保存的对应）`,
          body: ImportHeadersBody,
          response: { 200: ImportHeadersResponse },
        },
      },
      async (req) => readHeaders(deps, authOf(req), kind, req.body.fileId),
    );
    app.get(
      `/api/imports/${kind}/mapping`,
      {
        config: { access: ACCESS[kind] },
        schema: {
          tags,
          summary: `${IMPORT_KIND_LABELS[kind]}：本地区保存的列对应`,
          response: { 200: ImportMappingResponse },
        },
      },
      async (req) => savedMapping(deps.db, authOf(req).scope.regionCode, kind),
    );
    app.put(
      `/api/imports/${kind}/mapping`,
      {
        config: { access: ACCESS[kind] },
        schema: {
          tags,
          summary: `${IMPORT_KIND_LABELS[kind]}：保存本地区的列对应（留痕），下次导入沿用`,
          body: ImportMappingBody,
          response: { 200: ImportMappingResponse },
        },
      },
      async (req) => saveMapping(svc, authOf(req), kind, req.body.mapping),
    );
  }

  deps.jobs.register(UNITS_IMPORT_JOB_KIND, (ctx) => runUnitsImport(svc, ctx));
}
