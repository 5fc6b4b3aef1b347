import { createReadStream, existsSync, statSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { IdParams, JobInfo, JobListResponse } from '@bianban/contracts';
import { storedFile } from '../../db/schema.js';
import { appendAudit } from '../audit/audit.service.js';
import type { AuthContext } from '../auth/auth.service.js';
import { appError } from '../http/errors.js';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { presentJob } from './jobs.service.js';
import { sendDownload } from '../http/download.js';

export async function jobRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['后台任务'];

  /** A job is visible to the account that started it, and to nobody else. */
  async function ownJob(a: AuthContext, id: string) {
    const row = await deps.jobs.get(id);
    if (!row || row.createdBy !== a.user.id) throw appError('NOT_FOUND', '任务不存在');
    return row;
  }

  app.get(
    '/api/jobs',
    { config: { access: 'job.read' }, schema: { tags, summary: '我的后台任务', response: { 200: JobListResponse } } },
    async (req) => ({
      items: (await deps.jobs.listFor(authOf(req).user.id)).map(presentJob),
    }),
  );

  app.get(
    '/api/jobs/:id',
    {
      config: { access: 'job.read' },
      schema: { tags, summary: '任务状态', params: IdParams, response: { 200: JobInfo } },
    },
    async (req) => presentJob(await ownJob(authOf(req), req.params.id)),
  );

  // Server-Sent Events: the current state at once, then every change, closing when the job ends.
  app.get(
    '/api/jobs/:id/events',
    { config: { access: 'job.read' }, schema: { tags, summary: '任务进度（SSE）', params: IdParams } },
    async (req, reply) => {
      const row = await ownJob(authOf(req), req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (info: JobInfo) => {
        res.write(`data: ${JSON.stringify(info)}\n\n`);
        if (info.state === 'succeeded' || info.state === 'failed') close();
      };
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const unsubscribe = deps.jobs.subscribe(row.id, send);
      function close() {
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      }
      req.raw.on('close', close);
      // Re-read after subscribing so that a change between the first read and the subscription is not lost.
      const fresh = await deps.jobs.get(row.id);
      send(presentJob(fresh ?? row));
    },
  );

  app.get(
    '/api/jobs/:id/file',
    { config: { access: 'job.read' }, schema: { tags, summary: '下载任务结果文件', params: IdParams } },
    async (req, reply) => {
      const a = authOf(req);
      const row = await ownJob(a, req.params.id);
      if (row.filePath && row.fileName) {
        if (!existsSync(row.filePath))
          throw appError('NOT_FOUND', '结果文件已不在服务器上（可能已过保留期被清理），请重新运行该任务');
        const size = statSync(row.filePath).size;
        await deps.db.transaction((tx) =>
          appendAudit(tx, deps.keys.audit, a.actor, {
            action: 'export.download',
            objectType: 'job',
            objectId: row.id,
            after: { name: row.fileName, size, job: row.kind },
          }),
        );
        return sendDownload(reply, {
          name: row.fileName,
          contentType: 'application/octet-stream',
          content: createReadStream(row.filePath),
          size,
        });
      }
      if (!row.fileId) throw appError('NOT_FOUND', '该任务没有结果文件');
      const file = (await deps.db.select().from(storedFile).where(eq(storedFile.id, row.fileId)))[0];
      if (!file) throw appError('NOT_FOUND', '结果文件不存在');
      await deps.db.transaction((tx) =>
        appendAudit(tx, deps.keys.audit, a.actor, {
          action: 'export.download',
          objectType: 'file',
          objectId: file.id,
          after: { name: file.name, size: file.size, sm3: file.sm3, job: row.kind },
        }),
      );
      return sendDownload(reply, { name: file.name, contentType: 'application/octet-stream', content: file.content });
    },
  );
}
