/**
 * Benchmarks of the platform foundation, each against a reference measured in the same run.
 * Starts its own embedded PostgreSQL (fsync on, as in production) in a temporary directory.
 * Usage: npm run bench [-- --quick]. Prints Markdown for docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { connect, runMigrations } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { region } from '../apps/server/src/db/schema.js';
import { appendAudit, verifyAuditChain, SYSTEM_ACTOR } from '../apps/server/src/platform/audit/audit.service.js';
import { chainHash, type ChainRow } from '../apps/server/src/platform/audit/domain/chain.js';
import { login } from '../apps/server/src/platform/auth/auth.service.js';
import { createAccountWithRole } from '../apps/server/src/platform/users/users.service.js';
import { createBackup } from '../apps/server/src/platform/backup/backup.js';
import { AppError } from '../apps/server/src/platform/http/errors.js';

const quick = process.argv.includes('--quick');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const dir = mkdtempSync(join(tmpdir(), 'bianban-bench-'));
const server = await startEmbedded({ dir, fsync: true });
const d = connect(server.url(), 10);
const rows: string[] = [];
try {
  await runMigrations(d.db);
  const keys = { pepper: randomBytes(32), audit: randomBytes(32), data: randomBytes(32), backup: randomBytes(16) };
  await d.db.insert(region).values({ regionCode: '510403', name: '攀枝花市西区', level: 3 });
  const pgVersion = (await d.pool.query('show server_version')).rows[0].server_version;

  // 1. Sign-in: a wrong password for a known account vs an unknown account (same work, same answer).
  await d.db.transaction((tx) =>
    createAccountWithRole(
      { db: d.db, keys },
      tx,
      { ...SYSTEM_ACTOR, regionCode: '510403' },
      { regionCode: '510403', username: 'known', displayName: 'k', role: 'viewer', scopeUnitId: null },
    ),
  );
  const attempt = async (u: string) => {
    try {
      await login({ db: d.db, keys }, '510403', u, 'Wrong-Password-1', { ip: null, userAgent: null, requestId: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
    await d.pool.query('delete from login_throttle'); // keep lockout out of the measurement
  };
  const n1 = quick ? 10 : 40;
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < n1; i++) {
    known.push(await time(() => attempt('known')));
    unknown.push(await time(() => attempt(`ghost${i}`)));
  }
  rows.push(
    `| failed sign-in, existing account (n=${n1}) | ${ms(median(known))} | failed sign-in, unknown account: ${ms(median(unknown))} | ${(median(known) / median(unknown)).toFixed(2)}× |`,
  );

  // 2. Audit append (chained, own transaction each) vs a plain INSERT of the same rows, own transaction each.
  const n2 = quick ? 500 : 3000;
  await d.pool.query(
    'create table bench_plain (seq bigserial primary key, at_ms bigint, action text, object_id text, after jsonb)',
  );
  const chained = await time(async () => {
    for (let i = 0; i < n2; i++)
      await d.db.transaction((tx) =>
        appendAudit(tx, keys.audit, SYSTEM_ACTOR, {
          action: 'bench.write',
          objectType: 'thing',
          objectId: String(i),
          after: { i },
        }),
      );
  });
  const plain = await time(async () => {
    for (let i = 0; i < n2; i++)
      await d.db.transaction((tx) =>
        tx.execute(
          sql`insert into bench_plain (at_ms, action, object_id, after) values (${Date.now()}, 'bench.write', ${String(i)}, ${JSON.stringify({ i })}::jsonb)`,
        ),
      );
  });
  rows.push(
    `| audit append, one transaction each (n=${n2}) | ${(n2 / (chained / 1000)).toFixed(0)} rows/s | plain INSERT, one transaction each: ${(n2 / (plain / 1000)).toFixed(0)} rows/s | ${(chained / plain).toFixed(2)}× |`,
  );

  // 3. Concurrent audited writers (4 connections) — the advisory lock serialises them.
  const n3 = quick ? 200 : 1000;
  const conc = await time(() =>
    Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = 0; i < n3 / 4; i++)
          await d.db.transaction((tx) =>
            appendAudit(tx, keys.audit, SYSTEM_ACTOR, { action: 'bench.concurrent', objectId: `${w}-${i}` }),
          );
      }),
    ),
  );
  rows.push(
    `| audit append, 4 concurrent writers (n=${n3}) | ${(n3 / (conc / 1000)).toFixed(0)} rows/s | (same as above, serial) | — |`,
  );

  // 4. Bulk-load a valid chain (as a busy year would leave it), computed here and inserted in batches.
  const bulk = quick ? 10_000 : 100_000;
  {
    const last = (await d.pool.query('select seq, hash from audit_log order by seq desc limit 1')).rows[0];
    let prev: string = last.hash;
    let seq = BigInt(last.seq);
    for (let done = 0; done < bulk; done += 5000) {
      const batch: ChainRow[] = [];
      const hashes: string[] = [];
      const prevs: string[] = [];
      for (let i = 0; i < 5000 && done + i < bulk; i++) {
        seq += 1n;
        const row: ChainRow = {
          seq: seq.toString(),
          regionCode: '510403',
          atMs: Date.now(),
          userId: null,
          username: `user${i % 50}`,
          role: 'officeStaff',
          ip: '127.0.0.1',
          requestId: null,
          action: 'bench.bulk',
          objectType: 'unit',
          objectId: String(i),
          before: null,
          after: { n: i },
          result: 'ok',
        };
        prevs.push(prev);
        prev = chainHash(keys.audit, prev, row);
        hashes.push(prev);
        batch.push(row);
      }
      await d.pool.query(
        `insert into audit_log (seq, region_code, at_ms, username, role, ip, action, object_type, object_id, after, result, prev_hash, hash)
         select * from unnest($1::bigint[], $2::char(6)[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::text[], $13::text[])`,
        [
          batch.map((r) => r.seq),
          batch.map((r) => r.regionCode),
          batch.map((r) => r.atMs),
          batch.map((r) => r.username),
          batch.map((r) => r.role),
          batch.map((r) => r.ip),
          batch.map((r) => r.action),
          batch.map((r) => r.objectType),
          batch.map((r) => r.objectId),
          batch.map((r) => JSON.stringify(r.after)),
          batch.map((r) => r.result),
          prevs,
          hashes,
        ],
      );
    }
    await d.pool.query(`select setval('audit_log_seq', $1)`, [seq.toString()]);
    await d.pool.query('vacuum analyze audit_log');
  }

  // 5. Verify the whole chain vs reading the same rows.
  const total = Number((await d.pool.query('select count(*) from audit_log')).rows[0].count);
  const verifyRuns: number[] = [];
  const readRuns: number[] = [];
  for (let r = 0; r < 5; r++) {
    verifyRuns.push(
      await time(async () => {
        const res = await verifyAuditChain(d.db, keys.audit);
        if (!res.ok) throw new Error('chain broken in benchmark');
      }),
    );
    readRuns.push(await time(() => d.pool.query('select * from audit_log order by seq')));
  }
  rows.push(
    `| verify audit chain (${total} rows, 5 runs) | ${ms(median(verifyRuns))} | SELECT * of the same rows: ${ms(median(readRuns))} | ${(median(verifyRuns) / median(readRuns)).toFixed(1)}× |`,
  );

  // 6. Backup (encrypted) vs COPY of the same rows to nowhere.
  const backupRuns: number[] = [];
  const copyRuns: number[] = [];
  for (let r = 0; r < 3; r++) {
    backupRuns.push(
      await time(async () => {
        const out = new PassThrough();
        out.resume();
        await createBackup({ pool: d.pool, key: keys.backup, out });
      }),
    );
    copyRuns.push(
      await time(async () => {
        const tables = (await d.pool.query(`select tablename from pg_tables where schemaname = 'public'`)).rows.map(
          (x) => x.tablename as string,
        );
        for (const t of tables) await d.pool.query(`select row_to_json(x)::text from public."${t}" x`);
      }),
    );
  }
  rows.push(
    `| backup, SM4-encrypted, all tables (${total} audit rows) | ${ms(median(backupRuns))} | row_to_json of every table: ${ms(median(copyRuns))} | ${(median(backupRuns) / median(copyRuns)).toFixed(1)}× |`,
  );

  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL ${pgVersion} (embedded, fsync on); ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick)' : ''}\n`,
  );
  console.log('| what | median / rate | reference (same run) | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  await d.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
