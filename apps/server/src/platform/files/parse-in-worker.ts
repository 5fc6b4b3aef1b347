/**
 * Parse an xlsx in an isolated, resource-limited worker thread.
 *
 * A hostile (or merely huge) workbook can exhaust memory or CPU inside exceljs.
 * Running it in a Worker with V8 `resourceLimits` and a wall-clock timeout means
 * the worst case is a rejected upload, never a dead server process.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { startModuleWorker } from '../workers/start-worker.js';
import { FileRejectedError, displayName } from './errors.js';
import type { ParsedWorkbook, WorkerRequest, WorkerResponse } from './xlsx-types.js';

export type { ParsedSheet, ParsedWorkbook } from './xlsx-types.js';

export interface ParseXlsxOptions {
  /** Rows returned per sheet (from the top). Default 50. */
  maxRows?: number;
  /** Cells returned per row; bounds output for sheets with a stray cell in column XFD. Default 200. */
  maxColumns?: number;
  /** Wall-clock limit, after which the worker is terminated. Default 15 000 ms. */
  timeoutMs?: number;
  /** V8 old-generation heap limit of the worker. Default 256 MB. */
  maxOldGenerationSizeMb?: number;
  /** V8 young-generation heap limit of the worker. Default 32 MB. */
  maxYoungGenerationSizeMb?: number;
  /** Original file name, used only in error messages. */
  fileName?: string;
}

export const XLSX_PARSE_DEFAULTS = Object.freeze({
  maxRows: 50,
  maxColumns: 200,
  timeoutMs: 15_000,
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
});

/**
 * At most this many parse workers run at once; further requests queue. Each
 * worker may legitimately use up to its heap limit, so unbounded concurrency
 * would just move the out-of-memory from one isolate to the whole machine.
 * The timeout clock starts when a worker starts, not while a request is queued.
 */
export const XLSX_PARSE_MAX_CONCURRENCY = 2;

// The worker script: xlsx-worker.ts from source (vitest, tsx), xlsx-worker.js from the build
// (platform/workers/start-worker.ts).
const createXlsxWorker = (options: WorkerOptions): Worker =>
  startModuleWorker(import.meta.url, './xlsx-worker', options);

// ---------------------------------------------------------------------------
// Concurrency limit.
// ---------------------------------------------------------------------------

let running = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= XLSX_PARSE_MAX_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

// ---------------------------------------------------------------------------

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function runWorker(
  buf: Buffer,
  o: Required<Omit<ParseXlsxOptions, 'fileName'>>,
  shown: string,
): Promise<ParsedWorkbook> {
  return new Promise<ParsedWorkbook>((resolve, reject) => {
    const request: WorkerRequest = {
      // A copy: the caller's Buffer may be a view into a shared pool.
      data: new Uint8Array(buf),
      maxRows: o.maxRows,
      maxColumns: o.maxColumns,
    };
    const worker = createXlsxWorker({
      workerData: request,
      resourceLimits: {
        maxOldGenerationSizeMb: o.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: o.maxYoungGenerationSizeMb,
      },
    });

    let settled = false;
    const finish = (outcome: { ok: true; value: ParsedWorkbook } | { ok: false; error: FileRejectedError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Always reap the isolate, whatever the outcome; terminate() on an already
      // exited worker is a no-op.
      void worker.terminate();
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    };
    const malformed = (detail: string, cause?: unknown): void =>
      finish({
        ok: false,
        error: new FileRejectedError('FILE_MALFORMED', `文件“${shown}”的工作簿无法解析：${detail}`, { cause }),
      });

    const timer = setTimeout(() => {
      finish({
        ok: false,
        error: new FileRejectedError(
          'FILE_MALFORMED',
          `文件“${shown}”解析超时（超过${formatSeconds(o.timeoutMs)}），工作簿过大或结构异常`,
        ),
      });
    }, o.timeoutMs);

    worker.on('message', (msg: WorkerResponse) => {
      if (msg.ok) finish({ ok: true, value: { sheets: msg.sheets } });
      // exceljs/JSZip messages are English internals ("Cannot read properties of
      // undefined…"): useless to the user, so they go to `cause` for the logs.
      else malformed('文件已损坏或不是有效的Excel工作簿', new Error(truncate(msg.message, 1000)));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({
          ok: false,
          error: new FileRejectedError(
            'FILE_MALFORMED',
            `文件“${shown}”解析占用内存超过上限（${o.maxOldGenerationSizeMb} MB），工作簿过大或结构异常`,
            { cause: err },
          ),
        });
      } else {
        malformed('文件已损坏或结构异常，解析过程出错', err);
      }
    });
    worker.on('exit', (code) => {
      // Reached only if the worker died without reporting (hard crash).
      malformed(`解析进程异常退出（退出码${code}）`);
    });
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))}秒` : `${ms}毫秒`;
}

/**
 * Parse an xlsx buffer in a resource-limited worker and return up to `maxRows`
 * display-string rows per sheet. Any failure — corrupt file, out of memory,
 * timeout, crash — becomes FileRejectedError('FILE_MALFORMED').
 *
 * Run `checkUpload` (type sniffing + zip guard) first; this function is the
 * second line of defence, not a replacement.
 */
export async function parseXlsxInWorker(buf: Buffer, options: ParseXlsxOptions = {}): Promise<ParsedWorkbook> {
  const o = {
    maxRows: options.maxRows ?? XLSX_PARSE_DEFAULTS.maxRows,
    maxColumns: options.maxColumns ?? XLSX_PARSE_DEFAULTS.maxColumns,
    timeoutMs: options.timeoutMs ?? XLSX_PARSE_DEFAULTS.timeoutMs,
    maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? XLSX_PARSE_DEFAULTS.maxOldGenerationSizeMb,
    maxYoungGenerationSizeMb: options.maxYoungGenerationSizeMb ?? XLSX_PARSE_DEFAULTS.maxYoungGenerationSizeMb,
  };
  const shown = displayName(options.fileName ?? 'workbook.xlsx');
  return withSlot(() => runWorker(buf, o, shown));
}
