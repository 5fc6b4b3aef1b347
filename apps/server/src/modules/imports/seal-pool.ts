/**
 * The per-row crypto of a roster import (sealing citizen IDs and their blind indexes) on worker
 * threads, so that it runs beside the database writes instead of before them: measured alone,
 * seal + blind index take ~18 µs a person on one core, i.e. ~1.8 s for a 100,000-row file.
 * Small batches are done in-process (starting a worker costs more than it saves).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { blindIndex, seal } from '../../platform/crypto/sm.js';
import { startModuleWorker } from '../../platform/workers/start-worker.js';

export interface SealRequest {
  id: number;
  op: 'seal' | 'index';
  key: Uint8Array;
  values: string[];
}
export interface SealResponse {
  id: number;
  values: string[];
}

/** Below this many values the work is done in-process. */
export const IN_PROCESS_BELOW = 5_000;
/** Values per message. */
export const CHUNK = 5_000;

// The worker is seal-worker.ts from source (vitest, tsx) and seal-worker.js from the build
// (platform/workers/start-worker.ts).
const startWorker = (): Worker => startModuleWorker(import.meta.url, './seal-worker');

type Pending = { resolve: (v: string[]) => void; reject: (e: Error) => void };

/**
 * The workers, started at the first large import and kept (unref'd: they never hold the process
 * open) — starting one costs more than sealing 20,000 IDs when running from source. A worker that
 * fails takes the pool with it; the next call starts a new one.
 */
let pool: { workers: Worker[]; busy: number[]; pending: Map<number, Pending>; next: number } | null = null;

function workerPool() {
  if (pool) return pool;
  const n = Math.max(1, Math.min(4, availableParallelism()));
  const p = { workers: [] as Worker[], busy: [] as number[], pending: new Map<number, Pending>(), next: 0 };
  const fail = (e: Error) => {
    if (pool === p) pool = null;
    for (const x of p.pending.values()) x.reject(e);
    p.pending.clear();
    for (const w of p.workers) void w.terminate();
  };
  for (let i = 0; i < n; i++) {
    const w = startWorker();
    w.unref();
    w.on('message', (res: SealResponse) => {
      p.pending.get(res.id)?.resolve(res.values);
      p.pending.delete(res.id);
      // Idle workers do not keep the process alive; busy ones do (see the postMessage below).
      if (--p.busy[i]! === 0) w.unref();
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`加密工作线程意外退出（${code}）`)));
    p.workers.push(w);
    p.busy.push(0);
  }
  pool = p;
  return p;
}

/** Starts the workers ahead of need (e.g. while a file is read and checked). */
export function warmCryptoPool(): void {
  workerPool();
}

/**
 * Seals (`op` 'seal') or blind-indexes (`op` 'index') `values` in chunks of CHUNK; returns one
 * promise per chunk, in order, so that the caller can write chunk i while chunk i+1 is computed.
 * `beside`: the database is working at the same time, so one core is left to it.
 */
export function cryptoChunks(
  key: Buffer,
  op: 'seal' | 'index',
  values: readonly string[],
  opts: { beside?: boolean } = {},
): Promise<string[]>[] {
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
  if (values.length < IN_PROCESS_BELOW) {
    const f = op === 'seal' ? seal : blindIndex;
    return chunks.map((c) => Promise.resolve(c.map((v) => f(key, v))));
  }
  const p = workerPool();
  const n = Math.max(1, p.workers.length - (opts.beside && p.workers.length > 1 ? 1 : 0));
  const k = new Uint8Array(key);
  return chunks.map((values, i) => {
    const id = p.next++;
    const promise = new Promise<string[]>((resolve, reject) => {
      p.pending.set(id, { resolve, reject });
      const w = p.workers[i % n]!;
      if (p.busy[i % n]!++ === 0) w.ref();
      w.postMessage({ id, op, key: k, values } satisfies SealRequest);
    });
    promise.catch(() => {}); // a caller that stops at an earlier failure never awaits the later chunks
    return promise;
  });
}

/** All of `values`, sealed or blind-indexed, in order. */
export async function cryptoAll(key: Buffer, op: 'seal' | 'index', values: readonly string[]): Promise<string[]> {
  return (await Promise.all(cryptoChunks(key, op, values))).flat();
}
