/**
 * The year's batch renders on worker threads (render-worker.ts): the main thread reads the facts
 * from the database and hands each report's plain input to a worker, which builds and renders it
 * while the next facts are read. One report at a time per worker; each worker keeps its parsed fonts
 * and caches for the whole batch. Size: the available cores, at most 2 by default (config
 * `BIANBAN_REPORT_WORKERS`): the database and the HTTP server share the machine.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { PublicationFormat } from '@bianban/contracts';
import { startModuleWorker } from '../../platform/workers/start-worker.js';
import type { RenderSource } from './report-render.js';

export interface RenderRequest {
  id: number;
  source: RenderSource;
  format: PublicationFormat;
}
export type RenderResponse =
  { id: number; ok: true; content: Uint8Array; ms: number } | { id: number; ok: false; message: string };

/** A rendered report and the time its worker took to build and render it. */
export interface Rendered {
  content: Buffer;
  ms: number;
}

/** Workers when none is configured: the available cores, at most 2. */
export const defaultRenderWorkers = (): number => Math.max(1, Math.min(2, availableParallelism()));

interface Task {
  req: RenderRequest;
  resolve: (r: Rendered) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** Reports finished by this worker: a worker that dies before its first is a broken pool. */
  finished: number;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private next = 0;
  private closed = false;
  private broken: Error | null = null;

  constructor(readonly size: number = defaultRenderWorkers()) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.start());
  }

  /** Builds and renders one report on a worker; rejects with the report's error message. */
  render(source: RenderSource, format: PublicationFormat): Promise<Rendered> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('报告生成线程已关闭'));
    return new Promise<Rendered>((resolve, reject) => {
      this.queue.push({ req: { id: this.next++, source, format }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const e = new Error('报告生成线程已关闭');
    for (const t of this.queue.splice(0)) t.reject(e);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private start(): Slot {
    const slot: Slot = { worker: startModuleWorker(import.meta.url, './render-worker'), task: null, finished: 0 };
    slot.worker.on('message', (res: RenderResponse) => {
      const t = slot.task;
      slot.task = null;
      slot.finished++;
      if (t && t.req.id === res.id) {
        if (res.ok)
          t.resolve({
            content: Buffer.from(res.content.buffer, res.content.byteOffset, res.content.byteLength),
            ms: res.ms,
          });
        else t.reject(new Error(res.message));
      }
      this.dispatch();
    });
    const died = (reason: string) => {
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      const e = new Error(`报告生成线程异常退出（${reason}）`);
      slot.task?.reject(e);
      slot.task = null;
      void slot.worker.terminate();
      if (slot.finished === 0) {
        // It never rendered a report (the module did not load): the next one would die the same way.
        this.broken = e;
        for (const t of this.queue.splice(0)) t.reject(e);
        return;
      }
      this.slots[i] = this.start();
      this.dispatch();
    };
    slot.worker.on('error', (err) => died(err.message));
    slot.worker.on('exit', (code) => died(`退出码${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || !this.queue.length) continue;
      const t = this.queue.shift()!;
      slot.task = t;
      slot.worker.postMessage(t.req);
    }
  }
}
