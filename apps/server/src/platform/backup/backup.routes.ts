import { PassThrough } from 'node:stream';
import { JobInfo } from '@bianban/contracts';
import { appendAudit } from '../audit/audit.service.js';
import { enqueueJob, presentJob } from '../jobs/jobs.service.js';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { createBackup } from './backup.js';

export async function backupRoutes(app: App, deps: AppDeps): Promise<void> {
  app.post('/api/backups', { config: { access: 'backup.run' }, schema: { tags: ['备份'], summary: '立即备份（后台任务，完成后可下载）', response: { 200: JobInfo } } }, async (req) => {
    const a = authOf(req);
    const job = await deps.db.transaction(async (tx) => {
      const j = await enqueueJob(tx, { regionCode: a.user.regionCode, kind: 'backup', createdBy: a.user.id });
      await appendAudit(tx, deps.keys.audit, a.actor, { action: 'backup.start', objectType: 'job', objectId: j.id });
      return j;
    });
    deps.jobs.kick();
    return presentJob(job);
  });

  deps.jobs.register('backup', async (ctx) => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const manifest = await createBackup({
      pool: deps.pool,
      key: deps.keys.backup,
      out,
      onProgress: (done, total, table) => ctx.progress(total ? (done / total) * 100 : 100, `正在导出 ${table}（${done}/${total}）`),
    });
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '');
    return {
      result: { tables: Object.keys(manifest.tables).length, encrypted: deps.keys.backup !== null },
      file: { name: `bianban-backup-${stamp}.bbk`, kind: 'backup', content: Buffer.concat(chunks) },
    };
  });
}
