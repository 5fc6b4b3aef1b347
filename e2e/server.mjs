// Starts the real server (`bianban start`, as built by `npm run build`) on a fresh data directory
// and a free port, waits for /readyz, reads the generated initial credentials, and stops it again.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
// The built server's own helpers (CI builds before the browser tests run).
import { freePort } from '../apps/server/dist/db/embedded.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
/** Keep the last lines the server wrote; printed when something goes wrong. */
const LOG_LINES = 200;

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `<dataDir>/initial-credentials.txt`: a header line, a blank line, then one line per account:
 * `username password role-label display-name`.
 * @param {string} file
 * @returns {Map<string, string>} username → initial password
 */
export function readCredentials(file) {
  /** @type {Map<string, string>} */
  const creds = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [username, password] = line.trim().split(/\s+/);
    if (username && password && /^[a-z][a-z0-9_.-]*$/.test(username)) creds.set(username, password);
  }
  return creds;
}

/**
 * @typedef {object} ServerHandle
 * @property {string} baseURL
 * @property {string} dataDir
 * @property {Map<string, string>} credentials
 * @property {() => string} log the server's recent output
 * @property {() => Promise<void>} stop SIGTERM, wait for exit (SIGKILL after a timeout), remove the data dir
 */

/**
 * @param {{ root: string }} opts repository root (where packages/cli/dist lives)
 * @returns {Promise<ServerHandle>}
 */
export async function startServer({ root }) {
  const main = join(root, 'packages/cli/dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} 不存在：请先运行 npm run build`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bianban-e2e-'));
  const port = await freePort();
  const host = '127.0.0.1';

  // A hermetic environment: the embedded database in the fresh directory, demo data on, and none
  // of the caller's bianban settings (an inherited DATABASE_URL would point at a non-fresh database).
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'DATABASE_URL' || k.startsWith('BIANBAN_')) continue;
    env[k] = v;
  }
  Object.assign(env, {
    BIANBAN_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: 'warn',
    // The flows sign in many times from one address; the production limit is tested in http.test.ts.
    BIANBAN_LOGIN_RATE_PER_MINUTE: '600',
    BIANBAN_DEMO: '1',
  });

  // detached: the server leads its own process group, so a last-resort kill also reaches the
  // embedded postgres it started.
  const child = spawn(process.execPath, [main, 'start'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const lines = [];
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > LOG_LINES) lines.shift();
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
  let exited = null;
  /** @type {Promise<void>} */
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const log = () => lines.join('\n');

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited && child.pid) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exitPromise.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
      if (timedOut) {
        console.error(`服务器 ${STOP_TIMEOUT_MS / 1000}s 内未退出，强制结束（进程组 ${child.pid}）`);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await exitPromise;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseURL = `http://${host}:${port}`;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exited) {
        const { code, signal } = exited;
        throw new Error(`服务器启动失败（退出码 ${code ?? '—'}，信号 ${signal ?? '—'}）`);
      }
      if (Date.now() > deadline)
        throw new Error(`服务器 ${READY_TIMEOUT_MS / 1000}s 内未就绪：GET ${baseURL}/readyz 未返回 200`);
      try {
        const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(5000) });
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    const credFile = join(dataDir, 'initial-credentials.txt');
    if (!existsSync(credFile)) throw new Error(`服务器已就绪，但没有生成 ${credFile}`);
    const credentials = readCredentials(credFile);
    return { baseURL, dataDir, credentials, log, stop };
  } catch (err) {
    await stop();
    const e = err instanceof Error ? err : new Error(String(err));
    e.message += `\n--- 服务器输出（最后 ${lines.length} 行）---\n${log()}`;
    throw e;
  }
}
