import { JobInfo, RosterImportBody, ROSTER_IMPORT_JOB_KIND } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { runRosterImport, startRosterImport } from './imports.service.js';
import { rosterTemplate } from './imports.template.js';
import { unitsImportRoutes } from './units-import.routes.js';
import { sendDownload } from '../../platform/http/download.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['数据导入'];

  app.get(
    '/api/imports/roster/template',
    {
      config: { access: ['roster.edit', 'decision.approve'] },
      schema: { tags, summary: '实名制数据导入模板（XLSX）' },
    },
    async (_req, reply) => {
      return sendDownload(reply, {
        name: '实名制数据导入模板.xlsx',
        contentType: XLSX_MIME,
        content: await rosterTemplate(),
      });
    },
  );

  app.post(
    '/api/imports/roster',
    {
      config: { access: ['roster.edit', 'decision.approve'] },
      schema: {
        tags,
        summary:
          '导入实名制数据（后台任务）：整体校验后按 mode 写入——validate 仅校验；all 全部无误才导入；cleanRowsOnly 只导入无误的行（写入须编办领导）',
        body: RosterImportBody,
        response: { 200: JobInfo },
      },
    },
    async (req) => startRosterImport(deps, authOf(req), req.body),
  );

  deps.jobs.register(ROSTER_IMPORT_JOB_KIND, (ctx) => runRosterImport(svc, ctx));
  await unitsImportRoutes(app, deps);
}
