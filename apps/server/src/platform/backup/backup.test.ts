import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { connect, runMigrations, type Database } from '../../db/client.js';
import { createEmptyDb, createTestDb, type TestDb } from '../../test/db.js';
import { appendAudit, verifyAuditChain, type Actor } from '../audit/audit.service.js';
import { sm3Hex } from '../crypto/sm.js';
import {
  BackupError,
  backupTuning,
  createBackup,
  digestDatabase,
  readBackupManifest,
  restoreBackup,
  type BackupManifest,
} from './backup.js';
import { planRestoreOrder } from './catalog.js';
import { manifestDigest } from './format.js';

const actor: Actor = {
  userId: null,
  username: 'tester',
  role: 'sysAdmin',
  ip: '127.0.0.1',
  requestId: 'r1',
  regionCode: '510403',
};
const KEY = randomBytes(16);
const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
// Primary-key order is grandchild < child < parent: rows come out children first.
const UNIT_GRANDCHILD = '00000000-0000-4000-8000-000000000000';
const UNIT_CHILD = '00000000-0000-4000-8000-000000000001';
const UNIT_PARENT = '00000000-0000-4000-8000-000000000002';
const FILE_ID = '33333333-3333-4333-8333-333333333333';
const CONTENT = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(5000)]);
const PARAMS = { a: [1, 2.5, '中文"引号"\n换行'], n: null, nested: { z: true, big: 9007199254740991 } };

let src: TestDb;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];
let plainFile: string;
let encFile: string;
let plainManifest: BackupManifest;

interface Target extends Database {
  url: string;
}

async function freshTarget(settings: string[] = []): Promise<Target> {
  const e = await createEmptyDb();
  if (settings.length) {
    const c = new pg.Client({ connectionString: e.url });
    await c.connect();
    const name = (await c.query<{ d: string }>('select current_database() as d')).rows[0]!.d;
    for (const s of settings) await c.query(`alter database "${name}" set ${s}`);
    await c.end();
  }
  const d = connect(e.url, 3);
  await runMigrations(d.db);
  cleanups.push(async () => {
    await d.close();
    await e.drop();
  });
  return { ...d, url: e.url };
}

async function populate(t: TestDb): Promise<void> {
  const q = (s: string, p: unknown[] = []) => t.pool.query(s, p);
  await q(`insert into region values ('510403', '西区', 3, '2024-01-02T03:04:05.678Z')`);
  await q(
    `insert into unit (id, region_code, parent_id, name, kind, created_at) values
    ($1, '510403', null, '西区人民政府', 'organ', '2024-01-01T00:00:00.001Z'),
    ($2, '510403', $1, '办公室', 'internalOffice', '2024-01-01T00:00:00.002Z'),
    ($3, '510403', $2, '秘书科', 'internalOffice', '2024-01-01T00:00:00.003Z')`,
    [UNIT_PARENT, UNIT_CHILD, UNIT_GRANDCHILD],
  );
  await q(
    `insert into app_user (id, region_code, username, display_name, password_hash, password_salt, password_iterations, totp_last_step, scope_unit_id, last_login_at)
    values ($1, '510403', 'sysadmin', '张三', 'h1', 's1', 600000, 9007199254740993, null, '2024-05-06T07:08:09.123Z'),
           ($2, '510403', 'staff', '李四', 'h2', 's2', 600000, null, $3, null)`,
    [U1, U2, UNIT_CHILD],
  );
  await q(
    `insert into user_role (user_id, role, region_code, granted_by) values ($1, 'sysAdmin', '510403', null), ($2, 'staff', '510403', $1)`,
    [U1, U2],
  );
  await q(
    `insert into password_history (user_id, region_code, password_hash, password_salt, password_iterations) values ($1, '510403', 'old1', 's', 1), ($1, '510403', 'old2', 's', 1), ($2, '510403', 'old3', 's', 1)`,
    [U1, U2],
  );
  await q(
    `insert into session (token_hash, user_id, region_code, csrf_token, expires_at) values ('tok', $1, '510403', 'csrf', '2030-01-01T00:00:00.999Z')`,
    [U1],
  );
  await q(`insert into setting (region_code, value, updated_by) values ('510403', $1, $2)`, [
    { sessionMinutes: 30, banner: '内部系统' },
    U1,
  ]);
  await q(
    `insert into stored_file (id, region_code, name, kind, size, sm3, content, created_by) values ($1, '510403', '附件.bin', 'upload', $2, $3, $4, $5)`,
    [FILE_ID, CONTENT.length, sm3Hex(CONTENT), CONTENT, U2],
  );
  await q(
    `insert into job (region_code, kind, state, params, result, file_id, created_by) values ('510403', 'export', 'done', $1, $2, $3, $4)`,
    [PARAMS, { rows: 3 }, FILE_ID, U2],
  );
  // Many small rows with text keys whose byte order differs from most locales' order.
  await q(
    `insert into login_throttle (username_key, failed_count) select (array['a','B','_','Z','é'])[1 + i % 5] || i, i % 7 from generate_series(1, 1000) i`,
  );
  for (let i = 0; i < 5; i++) {
    await t.db.transaction((tx) =>
      appendAudit(tx, t.keys.audit, actor, {
        action: 'test.write',
        objectType: 'thing',
        objectId: String(i),
        before: i ? { i: i - 1 } : null,
        after: { i, 名称: '测试', list: [1, 2] },
      }),
    );
  }
}

async function writeBackup(pool: pg.Pool, key: Buffer | null, file: string): Promise<BackupManifest> {
  return createBackup({ pool, key, out: createWriteStream(file) });
}

async function totalRows(pool: pg.Pool): Promise<number> {
  return Object.values(await digestDatabase(pool)).reduce((n, d) => n + d.rows, 0);
}

async function expectRefusal(p: Promise<unknown>, code: string | string[], message: RegExp): Promise<BackupError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  const be = err as BackupError;
  expect(typeof code === 'string' ? [code] : code).toContain(be.code);
  expect(be.message).toMatch(message);
  return be;
}

/** Rewrites the NDJSON inside a plain backup. */
function rewritePlain(file: string, out: string, edit: (lines: string[]) => string[]): void {
  const buf = readFileSync(file);
  const nl = buf.indexOf(10);
  const lines = gunzipSync(buf.subarray(nl + 1))
    .toString('utf8')
    .split('\n');
  writeFileSync(out, Buffer.concat([buf.subarray(0, nl + 1), gzipSync(edit(lines).join('\n'))]));
}

const saved = { ...backupTuning };
beforeAll(async () => {
  // Tiny batches: several FETCHes and INSERTs per table, and the unit tree split across batches.
  Object.assign(backupTuning, { fetchChars: 1000, insertRows: 2, insertChars: 4000 });
  src = await createTestDb();
  await populate(src);
  dir = mkdtempSync(join(tmpdir(), 'bianban-backup-test-'));
  plainFile = join(dir, 'plain.bbk');
  encFile = join(dir, 'enc.bbk');
  plainManifest = await writeBackup(src.pool, null, plainFile);
  await writeBackup(src.pool, KEY, encFile);
});

afterAll(async () => {
  Object.assign(backupTuning, saved);
  for (const c of cleanups) await c();
  await src?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('backup', () => {
  it('writes a manifest of every table with counts and SM3 digests in foreign-key order', async () => {
    const head = readFileSync(plainFile).subarray(0, 40).toString('latin1');
    expect(head.startsWith('BIANBAN-BACKUP 1 plain\n')).toBe(true);
    const names = plainManifest.tables.map((t) => t.name);
    // Every base table of the schema, whatever later migrations add.
    const tables = (
      await src.pool.query(`select tablename from pg_tables where schemaname = 'public' order by tablename`)
    ).rows.map((r) => r.tablename as string);
    expect([...names].sort()).toEqual(tables);
    expect(names).toContain('audit_log');
    expect(names.indexOf('region')).toBeLessThan(names.indexOf('unit'));
    expect(names.indexOf('unit')).toBeLessThan(names.indexOf('app_user'));
    expect(names.indexOf('app_user')).toBeLessThan(names.indexOf('user_role'));
    expect(plainManifest.tables.find((t) => t.name === 'login_throttle')!.rows).toBe(1000);
    expect(plainManifest.sequences.map((s) => s.name)).toEqual(['audit_log_seq', 'password_history_id_seq']);
    expect(plainManifest.sequences[0]).toMatchObject({ lastValue: '5', isCalled: true });
    expect(plainManifest.migrations.count).toBeGreaterThanOrEqual(2);
    expect(plainManifest.migrations.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plainManifest.sm3).toBe(manifestDigest(plainManifest));
    expect(plainManifest.totalRows).toBe(plainManifest.tables.reduce((n, t) => n + t.rows, 0));
    // The manifest equals the source's digests, computed independently.
    const digests = await digestDatabase(src.pool);
    for (const t of plainManifest.tables)
      expect({ name: t.name, ...digests[t.name] }).toEqual({ name: t.name, rows: t.rows, sm3: t.sm3 });
    // Reproducible: a second backup of the unchanged database has the same digests.
    const again = await writeBackup(src.pool, null, join(dir, 'again.bbk'));
    expect(again.tables).toEqual(plainManifest.tables);
    expect(await readBackupManifest({ input: createReadStream(plainFile), key: null })).toEqual(plainManifest);
  });

  it('plain backup round-trips into a fresh migrated database (with other session defaults)', async () => {
    // Digests must not depend on the target's session defaults.
    const target = await freshTarget([
      `timezone = 'Asia/Shanghai'`,
      `datestyle = 'SQL, DMY'`,
      `extra_float_digits = 0`,
      `bytea_output = 'escape'`,
    ]);
    const phases = new Set<string>();
    const m = await restoreBackup({
      pool: target.pool,
      key: null,
      input: () => createReadStream(plainFile),
      onProgress: (_d, _t, _n, phase) => void phases.add(phase),
    });
    expect(m).toEqual(plainManifest);
    expect([...phases].sort()).toEqual(['check', 'restore', 'verify']);
    expect(await digestDatabase(target.pool)).toEqual(await digestDatabase(src.pool));

    // Values survive with their types: bytea, jsonb, bigint beyond 2^53, millisecond timestamps.
    const file = await target.pool.query(`select content from stored_file where id = $1`, [FILE_ID]);
    expect(Buffer.compare(file.rows[0].content, CONTENT)).toBe(0);
    const job = await target.pool.query(`select params, result from job`);
    expect(job.rows[0].params).toEqual(JSON.parse(JSON.stringify(PARAMS)));
    const user = await target.pool.query(
      `select totp_last_step::text s, extract(milliseconds from last_login_at)::int ms from app_user where id = $1`,
      [U1],
    );
    expect(user.rows[0]).toEqual({ s: '9007199254740993', ms: 9123 });
    const audit = await target.pool.query(`select before from audit_log where seq = 2`);
    expect(audit.rows[0].before).toEqual({ i: 0 });
    const units = await target.pool.query(`select id, parent_id from unit order by id`);
    expect(units.rows).toEqual([
      { id: UNIT_GRANDCHILD, parent_id: UNIT_CHILD },
      { id: UNIT_CHILD, parent_id: UNIT_PARENT },
      { id: UNIT_PARENT, parent_id: null },
    ]);

    // The audit chain verifies with the same key; sequences continue where the source stood.
    expect(await verifyAuditChain(target.db, src.keys.audit)).toMatchObject({ ok: true, checked: 5 });
    expect((await target.pool.query(`select nextval('audit_log_seq')::text v`)).rows[0].v).toBe('6');
    const ph = await target.pool.query(
      `insert into password_history (user_id, region_code, password_hash, password_salt, password_iterations) values ($1, '510403', 'x', 'y', 1) returning id::text`,
      [U1],
    );
    expect(ph.rows[0].id).toBe('4');
  });

  it('encrypted backup round-trips, restoring from a stream in a single pass', async () => {
    const raw = readFileSync(encFile);
    const header = raw.subarray(0, raw.indexOf(10)).toString('latin1');
    expect(header).toMatch(/^BIANBAN-BACKUP 1 sm4-cbc iv=[0-9a-f]{32} kcv=[0-9a-f]{16}$/);
    // The body is not a gzip stream in the clear.
    expect(raw.subarray(header.length + 1, header.length + 3).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
    const target = await freshTarget();
    const m = await restoreBackup({ pool: target.pool, key: KEY, input: createReadStream(encFile) });
    expect(m.encrypted).toBe(true);
    expect(m.tables).toEqual(plainManifest.tables);
    expect(await digestDatabase(target.pool)).toEqual(await digestDatabase(src.pool));
    expect(await verifyAuditChain(target.db, src.keys.audit)).toMatchObject({ ok: true, checked: 5 });
    expect((await readBackupManifest(createReadStream(encFile), KEY)).sm3).toBe(m.sm3);
  });

  it('handles foreign-key cycles, tables without primary key, identity and generated columns, json with newlines', async () => {
    const ddl = `
      create table cyc_a (id int primary key, b_id int not null);
      create table cyc_b (id int primary key, a_id int not null references cyc_a(id));
      alter table cyc_a add foreign key (b_id) references cyc_b(id);
      create table nopk (k text, v int);
      create table ident (id int generated always as identity primary key, x int, twice int generated always as (x * 2) stored, doc json, f float8, iv interval);`;
    const s = await createTestDb();
    const t = await createTestDb();
    cleanups.push(s.close, t.close);
    await s.pool.query(ddl);
    await t.pool.query(ddl);
    // A cycle can only be written in one statement (the foreign keys are checked at its end).
    await s.pool.query(
      `with a as (insert into cyc_a select i, 1001 - i from generate_series(1, 20) i) insert into cyc_b select 1001 - i, i from generate_series(1, 20) i`,
    );
    await s.pool.query(`insert into nopk values ('x', 1), ('x', 1), ('Y', null), ('a', 2)`);
    await s.pool.query(
      `insert into ident (x, doc, f, iv) values (1, '{"a":\n  1}', 0.1, '1 day 02:03:04.5'), (2, null, 1e300, null), (3, '[]', 'NaN', '-3 mons')`,
    );
    const file = join(dir, 'exotic.bbk');
    await writeBackup(s.pool, KEY, file);
    await restoreBackup({ pool: t.pool, key: KEY, input: () => createReadStream(file) });
    expect(await digestDatabase(t.pool)).toEqual(await digestDatabase(s.pool));
    expect((await t.pool.query(`insert into ident (x) values (4) returning id, twice`)).rows[0]).toEqual({
      id: 4,
      twice: 8,
    });
  });
});

describe('restore order', () => {
  it('orders parents first and groups foreign-key cycles', () => {
    const plan = planRestoreOrder(
      ['unit', 'region', 'app_user', 'a', 'b', 'c', 'user_role'],
      [
        { child: 'unit', parent: 'region' },
        { child: 'unit', parent: 'unit' },
        { child: 'app_user', parent: 'unit' },
        { child: 'user_role', parent: 'app_user' },
        { child: 'a', parent: 'b' },
        { child: 'b', parent: 'a' },
        { child: 'c', parent: 'b' },
      ],
    );
    expect(plan.order).toEqual(['a', 'b', 'c', 'region', 'unit', 'app_user', 'user_role']);
    expect(plan.cyclicGroups).toEqual([['a', 'b'], ['unit']]);
  });
});

describe('restore refuses', () => {
  let empty: Target;
  beforeAll(async () => {
    empty = await freshTarget();
  });
  const expectEmpty = async (pool: pg.Pool = empty.pool) => expect(await totalRows(pool)).toBe(0);
  const restore = (input: string | (() => NodeJS.ReadableStream), key: Buffer | null, pool: pg.Pool = empty.pool) =>
    restoreBackup({ pool, key, input: typeof input === 'string' ? () => createReadStream(input) : input });

  it('a database that is not empty, naming the table', async () => {
    const t = await createTestDb();
    cleanups.push(t.close);
    await t.pool.query(`insert into region values ('510403', '东区', 3)`);
    await expectRefusal(restore(plainFile, null, t.pool), 'NOT_EMPTY', /不是空库.*region/);
    expect(await totalRows(t.pool)).toBe(1);
  });

  it('an encrypted file without a key, or with the wrong key', async () => {
    await expectRefusal(restore(encFile, null), 'KEY_REQUIRED', /需要提供备份密钥/);
    await expectRefusal(restore(encFile, randomBytes(16)), 'KEY_WRONG', /密钥不正确/);
    await expectRefusal(restore(encFile, randomBytes(32)), 'KEY_INVALID', /16 字节/);
    await expectRefusal(readBackupManifest({ input: createReadStream(encFile), key: null }), 'KEY_REQUIRED', /密钥/);
    await expectEmpty();
  });

  it('a flipped byte in the middle of the file (encrypted and plain)', async () => {
    for (const [file, key] of [
      [encFile, KEY],
      [plainFile, null],
    ] as const) {
      const raw = Buffer.from(readFileSync(file));
      raw[Math.floor(raw.length / 2)]! ^= 0x01;
      const bad = join(dir, 'flipped.bbk');
      writeFileSync(bad, raw);
      await expectRefusal(restore(bad, key), 'CORRUPT', /损坏|篡改/);
      // Also when restoring straight from a stream: rows may be inserted, then all rolled back.
      // In one pass over a plain file the database may reject a garbled row before the digest
      // check sees the damage: either way the restore is refused and nothing is left behind.
      await expectRefusal(
        restoreBackup({ pool: empty.pool, key, input: createReadStream(bad) }),
        key ? 'CORRUPT' : ['CORRUPT', 'RESTORE_FAILED'],
        /损坏|篡改/,
      );
    }
    await expectEmpty();
  });

  it('a truncated file (encrypted and plain)', async () => {
    for (const [file, key] of [
      [encFile, KEY],
      [plainFile, null],
    ] as const) {
      const raw = readFileSync(file);
      for (const len of [raw.length - 7, Math.floor(raw.length * 0.8), 30]) {
        const bad = join(dir, 'truncated.bbk');
        writeFileSync(bad, raw.subarray(0, len));
        await expectRefusal(restore(bad, key), 'CORRUPT', /截断|损坏|不完整/);
        await expectRefusal(
          restoreBackup({ pool: empty.pool, key, input: createReadStream(bad) }),
          'CORRUPT',
          /截断|损坏|不完整/,
        );
      }
    }
    await expectEmpty();
  });

  it('a manifest whose digest for a table was altered, naming the table and both values', async () => {
    const bad = join(dir, 'manifest.bbk');
    const forged = 'f'.repeat(64);
    let real = '';
    rewritePlain(plainFile, bad, (lines) =>
      lines.map((l) => {
        if (!l.startsWith('{"manifest":')) return l;
        const { manifest } = JSON.parse(l) as { manifest: BackupManifest };
        const entry = manifest.tables.find((t) => t.name === 'app_user')!;
        real = entry.sm3;
        entry.sm3 = forged;
        manifest.sm3 = manifestDigest(manifest); // a forger who knows the format
        return JSON.stringify({ manifest });
      }),
    );
    const err = await expectRefusal(restore(bad, null), 'MANIFEST_MISMATCH', /app_user/);
    expect(err.message).toContain(real);
    expect(err.message).toContain(forged);
    await expectRefusal(
      readBackupManifest({ input: createReadStream(bad), key: null }),
      'MANIFEST_MISMATCH',
      /app_user/,
    );

    // Without recomputing the manifest's own digest, that one fails first.
    rewritePlain(plainFile, bad, (lines) =>
      lines.map((l) => (l.startsWith('{"manifest":') ? l.replace(/"rows":1000/, '"rows":999') : l)),
    );
    await expectRefusal(restore(bad, null), 'MANIFEST_MISMATCH', /清单自身.*SM3/);
    await expectEmpty();
  });

  it('a tampered row under an intact manifest, also when restoring from a stream in one pass', async () => {
    const bad = join(dir, 'row.bbk');
    rewritePlain(plainFile, bad, (lines) =>
      lines.map((l) => l.replace('"display_name":"李四"', '"display_name":"王五"')),
    );
    expect(readFileSync(bad).equals(readFileSync(plainFile))).toBe(false);
    await expectRefusal(
      restore(bad, null),
      'MANIFEST_MISMATCH',
      /表 app_user 的 SM3 摘要为 [0-9a-f]{64}，清单记录为 [0-9a-f]{64}/,
    );
    await expectRefusal(
      restoreBackup({ pool: empty.pool, key: null, input: createReadStream(bad) }),
      'MANIFEST_MISMATCH',
      /app_user/,
    );
    // A tampered row that the database itself rejects (a dangling reference): rolled back as well.
    rewritePlain(plainFile, bad, (lines) =>
      lines.map((l) => l.replace(`"scope_unit_id":"${UNIT_CHILD}"`, `"scope_unit_id":"${FILE_ID}"`)),
    );
    await expectRefusal(restore(bad, null), 'MANIFEST_MISMATCH', /app_user/);
    await expectRefusal(
      restoreBackup({ pool: empty.pool, key: null, input: createReadStream(bad) }),
      'RESTORE_FAILED',
      /还原表 app_user 时数据库拒绝写入.*已全部回滚/,
    );
    await expectEmpty();
  });

  it('a file without a manifest, or that is not a backup', async () => {
    const bad = join(dir, 'nomanifest.bbk');
    rewritePlain(plainFile, bad, (lines) => lines.filter((l) => !l.startsWith('{"manifest":')));
    await expectRefusal(restore(bad, null), 'CORRUPT', /缺少清单/);
    writeFileSync(bad, 'PGDMP not ours\n');
    await expectRefusal(restore(bad, null), 'CORRUPT', /不是编办通备份文件/);
    await expectEmpty();
  });

  it('a target migrated to different migrations', async () => {
    const t = await freshTarget();
    await t.pool.query(
      `delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    await expectRefusal(restore(plainFile, null, t.pool), 'SCHEMA_MISMATCH', /迁移状态与备份不一致/);
    await expectRefusal(
      restoreBackup({ pool: t.pool, key: null, input: createReadStream(plainFile) }),
      'SCHEMA_MISMATCH',
      /迁移/,
    );
    await expectEmpty(t.pool);
  });
});
