/**
 * Starting a worker thread whose entry is a module of this server, both from the compiled output
 * and from the TypeScript sources (vitest, `tsx`): the xlsx parser (platform/files), the roster
 * import's crypto pool (modules/imports) and the report batch's render pool (modules/reports).
 *
 * From compiled output the caller is `dist/…/x.js` and the worker is its sibling `x-worker.js`,
 * started directly by plain Node. From source the caller is `x.ts` and the worker `x-worker.ts`,
 * which Node cannot run by itself. Passing `execArgv: ['--import', 'tsx']` is not enough on Node
 * 20: the worker's own module loads bypass the hooks that flag registers (ERR_UNKNOWN_FILE_EXTENSION
 * for the entry and for its imports alike — tsx issue #354, verified on Node 20.20). tsx's
 * `tsImport()` API does work inside a worker, so the entry is a one-line eval'd bootstrap that loads
 * the .ts worker through it; the worker is given the `source` export condition so that workspace
 * packages (`@bianban/contracts`) resolve to their sources, as vitest's alias does for the caller.
 * tsx is a root devDependency, so this path exists only in development.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when `callerUrl` (an `import.meta.url`) is a TypeScript source file. */
export const fromSource = (callerUrl: string): boolean => callerUrl.endsWith('.ts');

/**
 * The ESM build of tsx's `tsx/esm/api` (its CJS build resolves its own chunks wrongly when used
 * this way), looked up via the package's export map from this file, whatever the process's cwd.
 */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = pkg.exports?.['./esm/api'];
  const rel = typeof entry === 'object' ? entry.import?.default : undefined;
  if (rel === undefined) throw new Error('tsx/esm/api ESM entry not found; cannot run a worker from source');
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/**
 * Starts the worker module `name` (without extension, e.g. `./seal-worker`) next to the caller
 * `callerUrl` (its `import.meta.url`). A failure to load the worker's module surfaces as the
 * Worker's 'error' event.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const source = fromSource(callerUrl);
  const url = new URL(`${name}${source ? '.ts' : '.js'}`, callerUrl);
  if (!source) return new Worker(url, options);
  // A rejected import becomes an unhandled rejection, i.e. the Worker's 'error' event.
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())}).then((api) => api.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(callerUrl)}));`;
  const execArgv = [...(options.execArgv ?? process.execArgv), '--conditions=source'];
  return new Worker(bootstrap, { ...options, execArgv, eval: true });
}
