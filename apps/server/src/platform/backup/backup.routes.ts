import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JobInfo } from '@bianban/contracts';
import { startJob } from '../jobs/jobs.service.js';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { createBackup } from './backup.js';

export async function backupRoutes(app: App, deps: AppDeps): Promise<void> {
  app.post(
    '/api/backups',
    {
      config: { access: 'backup.run' },
      schema: { tags: ['备份'], summary: '立即备份（后台任务，完成后可下载）', response: { 200: JobInfo } },
    },
    async (req) => {
      return startJob(deps, authOf(req), 'backup');
    },
  );

  deps.jobs.register('backup', async (ctx) => {
    // Written to disk (0600) under the data directory, streamed: never held in memory, and never
    // stored in the database where the next backup would include it.
    const dir = join(deps.config.dataDir, 'backups');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '');
    const name = `bianban-backup-${stamp}-${ctx.job.id.slice(0, 8)}.bbk`;
    const path = join(dir, name);
    const partial = `${path}.partial`;
    const out = createWriteStream(partial, { mode: 0o600 });
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    try {
      const manifest = await createBackup({
        pool: deps.pool,
        key: deps.keys.backup,
        out,
        onProgress: (done, total, table) =>
          ctx.progress(total ? (done / total) * 100 : 100, `正在导出 ${table}（${done}/${total} 行）`),
      });
      await closed;
      renameSync(partial, path);
      return {
        result: {
          tables: manifest.tables.length,
          rows: manifest.totalRows,
          encrypted: deps.keys.backup !== null,
          manifestSm3: manifest.sm3,
        },
        diskFile: { name, path },
      };
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    }
  });
}
