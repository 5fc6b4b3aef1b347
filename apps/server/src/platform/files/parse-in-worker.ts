/**
 * Parse an xlsx in an isolated, resource-limited worker thread.
 *
 * A hostile (or merely huge) workbook can exhaust memory or CPU inside exceljs.
 * Running it in a Worker with V8 `resourceLimits` and a wall-clock timeout means
 * the worst case is a rejected upload, never a dead server process.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// ---------------------------------------------------------------------------
// Locating the worker script.
//
// From compiled output this module is `dist/.../parse-in-worker.js` and the
// worker is the sibling `xlsx-worker.js`, started directly by plain Node.
//
// From source (vitest, `node --import tsx`) this module is `parse-in-worker.ts`
// and the worker is `xlsx-worker.ts`, which Node can't run by itself. Passing
// `execArgv: ['--import', 'tsx']` is not enough on Node 20: the worker's own
// module loads bypass the hooks that flag registers (ERR_UNKNOWN_FILE_EXTENSION
// for the entry and for its imports alike — tsx issue #354, verified here on
// Node 20.20). tsx's `tsImport()` API does work inside a worker, so the entry is
// a one-line eval'd bootstrap that loads the .ts worker through it. tsx is a
// root devDependency, so this path exists only in development.
// ---------------------------------------------------------------------------

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

const WORKER_URL = new URL(RUNNING_FROM_SOURCE ? './xlsx-worker.ts' : './xlsx-worker.js', import.meta.url);

/**
 * The ESM build of tsx's `tsx/esm/api` (its CJS build resolves its own chunks
 * wrongly when used this way). Looked up via the package's export map, from this
 * file, so it works whatever cwd the process was started in.
 */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = pkg.exports?.['./esm/api'];
  const rel = typeof entry === 'object' ? entry.import?.default : undefined;
  if (rel === undefined) throw new Error('tsx/esm/api ESM entry not found; cannot run the xlsx worker from source');
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

function sourceBootstrap(): string {
  // A rejected import becomes an unhandled rejection, i.e. the Worker's 'error' event.
  return `import(${JSON.stringify(tsxEsmApiUrl())}).then((api) => api.tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(import.meta.url)}));`;
}

function createXlsxWorker(options: WorkerOptions): Worker {
  if (RUNNING_FROM_SOURCE) return new Worker(sourceBootstrap(), { ...options, eval: true });
  // Compiled: plain Node runs the .js sibling; execArgv is inherited as usual.
  return new Worker(WORKER_URL, options);
}

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
