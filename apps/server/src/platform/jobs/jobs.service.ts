/**
 * Background jobs: a `job` table run by an in-process worker. Handlers report progress (0–100)
 * and a message; subscribers (the SSE endpoint) receive every change. A job that was running
 * when the process stopped is marked failed at the next start, with a message saying so —
 * never left "running" forever. One worker per database: see docs/adr/0006-background-jobs.md.
 */
import { EventEmitter } from 'node:events';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { JobInfo } from '@bianban/contracts';
import type { Db, Tx } from '../../db/client.js';
import { job, storedFile } from '../../db/schema.js';
import { sm3Hex } from '../crypto/sm.js';
import { appendAudit } from '../audit/audit.service.js';
import type { AuthContext } from '../auth/auth.service.js';

type JobRow = typeof job.$inferSelect;

export interface JobOutput {
  result?: unknown;
  /** A result file kept in the database (small exports). */
  file?: { name: string; kind: string; content: Buffer };
  /** A result file already written to disk (backups: they must not end up inside the next backup). */
  diskFile?: { name: string; path: string };
}

export interface JobContext {
  job: JobRow;
  progress: (percent: number, message?: string) => Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutput>;

export const INTERRUPTED_MESSAGE = '服务重启，任务被中断，请重新发起';

export function presentJob(r: JobRow): JobInfo {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state as JobInfo['state'],
    progress: r.progress,
    message: r.message,
    result: r.result ?? null,
    error: r.error,
    hasFile: r.fileId !== null || r.filePath !== null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function enqueueJob(
  tx: Tx,
  input: { regionCode: string; kind: string; params?: unknown; createdBy: string | null },
): Promise<JobRow> {
  const [row] = await tx
    .insert(job)
    .values({ regionCode: input.regionCode, kind: input.kind, params: input.params ?? {}, createdBy: input.createdBy })
    .returning();
  return row!;
}

/**
 * The one way a request starts a job: enqueued and audited (`<kind>.start`) in one transaction,
 * then the runner is woken. Returns what the client polls or streams.
 */
export async function startJob(
  deps: { db: Db; keys: { audit: Buffer }; jobs: JobRunner },
  a: AuthContext,
  kind: string,
  params: Record<string, unknown> = {},
): Promise<JobInfo> {
  const row = await deps.db.transaction(async (tx) => {
    const j = await enqueueJob(tx, { regionCode: a.user.regionCode, kind, params, createdBy: a.user.id });
    await appendAudit(tx, deps.keys.audit, a.actor, {
      action: `${kind}.start`,
      objectType: 'job',
      objectId: j.id,
      after: Object.keys(params).length ? params : null,
    });
    return j;
  });
  deps.jobs.kick();
  return presentJob(row);
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly events = new EventEmitter();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 1000,
  ) {
    this.events.setMaxListeners(0);
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Marks jobs cut by a previous stop as failed, then starts polling. */
  async start(): Promise<number> {
    const cut = await this.db
      .update(job)
      .set({ state: 'failed', error: INTERRUPTED_MESSAGE, finishedAt: new Date() })
      .where(eq(job.state, 'running'))
      .returning({ id: job.id });
    this.stopped = false;
    this.schedule(0);
    return cut.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Run queued work now instead of at the next poll (called after enqueueing). */
  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  subscribe(jobId: string, listener: (info: JobInfo) => void): () => void {
    this.events.on(jobId, listener);
    return () => this.events.off(jobId, listener);
  }

  async get(jobId: string): Promise<JobRow | null> {
    return (await this.db.select().from(job).where(eq(job.id, jobId)))[0] ?? null;
  }

  async listFor(userId: string, limit = 50): Promise<JobRow[]> {
    return this.db.select().from(job).where(eq(job.createdBy, userId)).orderBy(desc(job.createdAt)).limit(limit);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async claim(): Promise<JobRow | null> {
    const res = await this.db.execute<{ id: string }>(sql`
      update job set state = 'running', started_at = now(), progress = 0
      where id = (select id from job where state = 'queued' order by created_at for update skip locked limit 1)
      returning id`);
    const id = res.rows[0]?.id;
    return id ? this.get(id) : null;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const row = await this.claim().catch(() => null);
      if (!row) return;
      await this.runOne(row);
    }
  }

  private async emit(jobId: string): Promise<void> {
    const row = await this.get(jobId);
    if (row) this.events.emit(jobId, presentJob(row));
  }

  private async runOne(row: JobRow): Promise<void> {
    await this.emit(row.id);
    const handler = this.handlers.get(row.kind);
    let lastWrite = 0;
    const ctx: JobContext = {
      job: row,
      progress: async (percent, message) => {
        const p = Math.max(0, Math.min(99, Math.round(percent)));
        // Progress is written at most 5 times a second: enough for a progress bar.
        const now = Date.now();
        if (now - lastWrite < 200) return;
        lastWrite = now;
        await this.db
          .update(job)
          .set({ progress: p, message: message ?? null })
          .where(eq(job.id, row.id));
        await this.emit(row.id);
      },
    };
    try {
      if (!handler) throw new Error(`未知的任务类型：${row.kind}`);
      const out = await handler(ctx);
      await this.db.transaction(async (tx) => {
        let fileId: string | null = null;
        if (out.file) {
          const [f] = await tx
            .insert(storedFile)
            .values({
              regionCode: row.regionCode,
              name: out.file.name,
              kind: out.file.kind,
              size: out.file.content.length,
              sm3: sm3Hex(out.file.content),
              content: out.file.content,
              createdBy: row.createdBy,
            })
            .returning({ id: storedFile.id });
          fileId = f!.id;
        }
        await tx
          .update(job)
          .set({
            state: 'succeeded',
            progress: 100,
            result: out.result ?? null,
            fileId,
            filePath: out.diskFile?.path ?? null,
            fileName: out.diskFile?.name ?? null,
            finishedAt: new Date(),
          })
          .where(and(eq(job.id, row.id)));
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.db
        .update(job)
        .set({ state: 'failed', error: message, finishedAt: new Date() })
        .where(eq(job.id, row.id));
    }
    await this.emit(row.id);
  }
}
