/**
 * Backup and restore without pg_dump: a consistent logical dump of every table of schema `public`
 * taken in one REPEATABLE READ snapshot, written as gzip'd NDJSON with an SM3 manifest, SM4-CBC
 * encrypted and HMAC-SM3 authenticated when a key is configured. The file format is described in
 * format.ts; the catalog queries and the reproducible row digest in catalog.ts.
 *
 * Restore refuses anything doubtful before changing the target: a non-empty database, a missing or
 * wrong key, a damaged or truncated file, a manifest that the rows do not match, a target migrated
 * to different migrations. Given a stream factory it verifies the whole file in a first pass and
 * restores in a second, in ONE transaction that also re-checks everything — including, at the end,
 * the digests recomputed from the restored tables — before COMMIT. Given a plain stream (which
 * cannot be read twice) it does both in that one transaction: a bad file still leaves nothing
 * behind, it is only refused after the work instead of before.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import {
  digestTable,
  DETERMINISTIC_SESSION,
  firstNonEmptyTable,
  ident,
  loadCatalog,
  loadMigrations,
  loadSequences,
  planRestoreOrder,
  qualified,
  readTableRows,
  backupTuning,
  type Catalog,
  type RestorePlan,
  type TableDigest,
  type TableInfo,
} from './catalog.js';
import {
  BackupError,
  canonicalJson,
  checkKey,
  FORMAT_MAGIC,
  FORMAT_VERSION,
  FrameReader,
  FrameWriter,
  manifestDigest,
  preambleOf,
  type BackupManifest,
  type BackupPreamble,
  type BackupTableEntry,
  type FrameHeader,
} from './format.js';

export {
  BackupError,
  type BackupErrorCode,
  type BackupManifest,
  type BackupPreamble,
  type BackupTableEntry,
  type BackupSequence,
  type BackupColumn,
  type BackupMigrations,
} from './format.js';
export { backupTuning, type TableDigest } from './catalog.js';

export type BackupProgress = (done: number, total: number, table: string) => void | Promise<void>;
/** `done`/`total` count rows; `total` is 0 when not known yet (while verifying, or restoring from a plain stream). */
export type RestorePhase = 'verify' | 'restore' | 'check';
export type RestoreProgress = (done: number, total: number, table: string, phase: RestorePhase) => void | Promise<void>;
export type BackupInput = NodeJS.ReadableStream | (() => NodeJS.ReadableStream);

const NL = Buffer.from('\n');
/** A line longer than this is treated as damage rather than buffered (V8 strings stop near 512 MiB). */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

// ───────────────────────────── backup ─────────────────────────────

export interface CreateBackupOptions {
  pool: pg.Pool;
  /** 16-byte SM4 key; null writes a plain (still digested) backup. */
  key: Buffer | null;
  /** Receives the whole file and is ended when the backup is complete. On failure it is destroyed: delete the partial file. */
  out: NodeJS.WritableStream;
  /** Rows written so far, rows in the snapshot, current table. */
  onProgress?: BackupProgress;
}

export async function createBackup(opts: CreateBackupOptions): Promise<BackupManifest> {
  checkKey(opts.key);
  const client = await opts.pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(DETERMINISTIC_SESSION);
    // The first query fixes the snapshot: catalog, rows and migration state all come from it.
    const info = await client.query<{ now: Date; version: string }>(
      `SELECT now() AS now, current_setting('server_version') AS version`,
    );
    const catalog = await loadCatalog(client);
    if (catalog.tables.length) {
      // Like pg_dump: keep concurrent DDL from dropping or rewriting a table while it is read.
      await client.query(`LOCK TABLE ${catalog.tables.map((t) => qualified(t.name)).join(', ')} IN ACCESS SHARE MODE`);
    }
    const plan = planRestoreOrder(
      catalog.tables.map((t) => t.name),
      catalog.foreignKeys,
    );
    const byName = new Map(catalog.tables.map((t) => [t.name, t]));
    const ordered = plan.order.map((n) => byName.get(n)!);
    const preamble: BackupPreamble = {
      format: FORMAT_MAGIC,
      version: FORMAT_VERSION,
      createdAt: info.rows[0]!.now.toISOString(),
      encrypted: opts.key !== null,
      postgres: info.rows[0]!.version,
      migrations: await loadMigrations(client),
      tables: ordered.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    };
    let total = 0;
    if (opts.onProgress) {
      for (const t of ordered)
        total += (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(t.name)}`)).rows[0]!.n;
    }

    const entries: BackupTableEntry[] = [];
    const result: { manifest: BackupManifest | null } = { manifest: null };
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${JSON.stringify({ backup: preamble })}\n`);
      let done = 0;
      for (const t of ordered) {
        yield Buffer.from(`${JSON.stringify({ t: t.name })}\n`);
        const h = createHash('sm3');
        let rows = 0;
        for await (const batch of readTableRows(client, t)) {
          let s = '';
          for (const line of batch) {
            h.update(line);
            h.update('\n');
            s += line.includes('\n') ? `${JSON.stringify({ s: line })}\n` : `{"r":${line}}\n`;
          }
          rows += batch.length;
          done += batch.length;
          yield Buffer.from(s);
          await opts.onProgress?.(done, total, t.name);
        }
        entries.push({
          name: t.name,
          columns: preamble.tables.find((x) => x.name === t.name)!.columns,
          rows,
          sm3: h.digest('hex'),
        });
      }
      // Sequences are not transactional: read after the rows, their values are at least those the
      // snapshot used (a gap after restore is harmless; a value reused would not be).
      const sequences = await loadSequences(client, catalog.sequences);
      const m: Omit<BackupManifest, 'sm3'> = { ...preamble, tables: entries, sequences, totalRows: done };
      const manifest: BackupManifest = { ...m, sm3: manifestDigest(m) };
      result.manifest = manifest;
      yield Buffer.from(`${JSON.stringify({ manifest })}\n`);
    }

    await pipeline(Readable.from(body()), createGzip(), new FrameWriter(opts.key), opts.out);
    await client.query('COMMIT');
    return result.manifest!;
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // On failure the generator may still have a query in flight: drop the connection instead of
    // returning it to the pool.
    client.release(failed);
  }
}

// ───────────────────────────── reading ─────────────────────────────

interface ReadHandlers {
  /** Called with the first line, before any row. */
  preamble?: (p: BackupPreamble) => void | Promise<void>;
  tableStart?: (name: string) => void | Promise<void>;
  /** Row texts in batches; when absent, rows are only digested, not decoded. */
  rows?: (table: string, rows: string[]) => void | Promise<void>;
  tableEnd?: (name: string) => void | Promise<void>;
  /** Rows read so far. */
  progress?: (done: number, table: string) => void | Promise<void>;
}

/**
 * Reads and verifies a whole backup: header, MAC (encrypted), gzip, every line, the manifest's own
 * digest, its agreement with the preamble and, per table, the row count and SM3. Returns the
 * manifest only when everything holds; handlers see the data as it streams (before that verdict).
 */
async function readBackup(
  input: NodeJS.ReadableStream,
  key: Buffer | null,
  h: ReadHandlers = {},
): Promise<BackupManifest> {
  // Held in an object: TypeScript does not see assignments made inside the callbacks below.
  const st: { header: FrameHeader | null; preamble: BackupPreamble | null; manifest: BackupManifest | null } = {
    header: null,
    preamble: null,
    manifest: null,
  };
  const seen: { name: string; rows: number; sm3: string }[] = [];
  let cur: { name: string; hash: Hash; rows: number } | null = null;
  let batch: string[] = [];
  let batchChars = 0;
  let done = 0;
  let lineNo = 0;

  const flush = async (): Promise<void> => {
    if (!cur) return;
    if (batch.length && h.rows) await h.rows(cur.name, batch);
    batch = [];
    batchChars = 0;
    await h.progress?.(done, cur.name);
  };
  const endTable = async (): Promise<void> => {
    if (!cur) return;
    await flush();
    seen.push({ name: cur.name, rows: cur.rows, sm3: cur.hash.digest('hex') });
    await h.tableEnd?.(cur.name);
    cur = null;
  };
  const bad = (what: string): BackupError =>
    new BackupError('CORRUPT', `备份文件已损坏或格式错误：第 ${lineNo} 行${what}。`);
  const parse = (line: Buffer): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(line.toString('utf8'));
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* fall through */
    }
    throw bad('不是合法的 JSON');
  };

  const onLine = async (line: Buffer): Promise<void> => {
    lineNo++;
    if (st.manifest) throw bad('出现在清单之后');
    const preamble = st.preamble;
    if (!preamble) {
      const v = parse(line);
      const p = v.backup as BackupPreamble | undefined;
      if (!p || p.format !== FORMAT_MAGIC || !Array.isArray(p.tables) || !p.migrations)
        throw bad('应为备份说明（{"backup":…}）');
      if (p.version !== FORMAT_VERSION)
        throw new BackupError('CORRUPT', `不支持的备份格式版本：${String(p.version)}。`);
      st.preamble = p;
      await h.preamble?.(p);
      return;
    }
    // Rows first: by far the most frequent line. `{"r":<row>}` is digested without decoding.
    if (
      line[0] === 0x7b &&
      line[1] === 0x22 &&
      line[3] === 0x22 &&
      line[4] === 0x3a &&
      (line[2] === 0x72 || line[2] === 0x73)
    ) {
      if (!cur) throw bad('的数据行不属于任何表');
      let text: string | null = null;
      if (line[2] === 0x72) {
        if (line[line.length - 1] !== 0x7d) throw bad('的数据行不完整');
        const raw = line.subarray(5, line.length - 1);
        cur.hash.update(raw);
        if (h.rows) text = raw.toString('utf8');
      } else {
        const s = parse(line).s;
        if (typeof s !== 'string') throw bad('的数据行格式错误');
        cur.hash.update(s);
        text = s;
      }
      cur.hash.update(NL);
      cur.rows++;
      done++;
      if (h.rows) {
        batch.push(text!);
        batchChars += text!.length;
        if (batchChars >= backupTuning.insertChars || batch.length >= backupTuning.insertRows) await flush();
      } else if (done % 10_000 === 0) {
        await h.progress?.(done, cur.name);
      }
      return;
    }
    const v = parse(line);
    if (typeof v.t === 'string') {
      await endTable();
      const expected = preamble.tables[seen.length]?.name;
      if (v.t !== expected) throw bad(`的表 ${v.t} 与备份说明中的表顺序不符（应为 ${expected ?? '无'}）`);
      cur = { name: v.t, hash: createHash('sm3'), rows: 0 };
      await h.tableStart?.(v.t);
      return;
    }
    if (v.manifest && typeof v.manifest === 'object') {
      await endTable();
      st.manifest = v.manifest as BackupManifest;
      return;
    }
    throw bad('无法识别');
  };

  // The consumer's promise is awaited even when the pipeline fails first, so that no handler (a
  // database write) is still running when this function settles.
  let consumer: Promise<void> | undefined;
  let consumerError: unknown;
  const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    let parts: Buffer[] = [];
    let partLen = 0;
    for await (const chunk of source) {
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) break;
        let line = chunk.subarray(pos, nl);
        if (partLen) {
          line = Buffer.concat([...parts, line]);
          parts = [];
          partLen = 0;
        }
        await onLine(line);
        pos = nl + 1;
      }
      if (pos < chunk.length) {
        parts.push(chunk.subarray(pos));
        partLen += chunk.length - pos;
        if (partLen > MAX_LINE_BYTES) throw bad('过长');
      }
    }
    if (partLen) throw new BackupError('CORRUPT', '备份文件不完整：最后一行没有结束，文件可能被截断。');
  };
  try {
    await pipeline(
      input,
      new FrameReader(key, (hd) => (st.header = hd)),
      createGunzip(),
      (source: AsyncIterable<Buffer>) =>
        (consumer = consume(source).catch((e: unknown) => {
          consumerError = e;
          throw e;
        })),
    );
  } catch (err) {
    await consumer?.catch(() => {});
    // The pipeline reports whichever error came first — possibly only the AbortError of tearing
    // the streams down after our own refusal. Report the refusal, or the damage, instead.
    const found = [consumerError, err].filter((e) => e !== undefined).map(asBackupError);
    throw found.find((e) => e instanceof BackupError) ?? err;
  }

  const { preamble, manifest: m, header } = st;
  if (!preamble || !m) throw new BackupError('CORRUPT', '备份文件不完整：缺少清单（最后一行），文件可能被截断。');
  if (!Array.isArray(m.tables) || !Array.isArray(m.sequences) || typeof m.sm3 !== 'string')
    throw new BackupError('CORRUPT', '备份清单格式错误。');
  const recomputed = manifestDigest(m);
  if (recomputed !== m.sm3) {
    throw new BackupError(
      'MANIFEST_MISMATCH',
      `备份清单自身的 SM3 校验值不符：清单记录为 ${m.sm3}，重新计算为 ${recomputed}。清单已被改动，拒绝使用该备份。`,
    );
  }
  if (canonicalJson(preambleOf(m)) !== canonicalJson(preambleOf(preamble))) {
    throw new BackupError(
      'MANIFEST_MISMATCH',
      '备份清单与文件开头的备份说明不一致（表、列、迁移状态或时间不同），拒绝使用该备份。',
    );
  }
  if (m.encrypted !== header?.encrypted) {
    throw new BackupError('MANIFEST_MISMATCH', '备份清单记录的加密方式与文件头不符，拒绝使用该备份。');
  }
  for (let i = 0; i < Math.max(m.tables.length, seen.length); i++) {
    const want = m.tables[i];
    const got = seen[i];
    if (!want || !got || want.name !== got.name) {
      throw new BackupError(
        'MANIFEST_MISMATCH',
        `备份内容与清单不符：清单第 ${i + 1} 张表为 ${want?.name ?? '（无）'}，文件中为 ${got?.name ?? '（无）'}。`,
      );
    }
    if (want.rows !== got.rows) {
      throw new BackupError(
        'MANIFEST_MISMATCH',
        `备份内容与清单不符：表 ${want.name} 实有 ${got.rows} 行，清单记录为 ${want.rows} 行。`,
      );
    }
    if (want.sm3 !== got.sm3) {
      throw new BackupError(
        'MANIFEST_MISMATCH',
        `备份内容与清单不符：表 ${want.name} 的 SM3 摘要为 ${got.sm3}，清单记录为 ${want.sm3}。`,
      );
    }
  }
  const total = seen.reduce((a, t) => a + t.rows, 0);
  if (m.totalRows !== total)
    throw new BackupError('MANIFEST_MISMATCH', `备份内容与清单不符：共 ${total} 行，清单记录为 ${m.totalRows} 行。`);
  return m;
}

function asBackupError(err: unknown): unknown {
  if (err instanceof BackupError) return err;
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && (e.code.startsWith('Z_') || e.code === 'ERR_OSSL_BAD_DECRYPT')) {
    const why = /unexpected end/i.test(e.message) ? '文件被截断' : '数据损坏或被篡改';
    return new BackupError('CORRUPT', `备份文件已损坏：解压失败，${why}（${e.message}）。`);
  }
  return err;
}

const open = (input: BackupInput): NodeJS.ReadableStream => (typeof input === 'function' ? input() : input);

export interface ReadBackupManifestOptions {
  input: BackupInput;
  /** Needed for an encrypted file. */
  key: Buffer | null;
  /** Rows read so far, current table. */
  onProgress?: (done: number, table: string) => void | Promise<void>;
}

/**
 * Reads and verifies a whole backup without restoring it (to show what a restore would bring
 * back): the same checks as a restore's first pass, except those against a target database.
 */
export async function readBackupManifest(opts: ReadBackupManifestOptions): Promise<BackupManifest>;
export async function readBackupManifest(input: BackupInput, key?: Buffer | null): Promise<BackupManifest>;
export async function readBackupManifest(
  a: ReadBackupManifestOptions | BackupInput,
  key: Buffer | null = null,
): Promise<BackupManifest> {
  const opts: ReadBackupManifestOptions = typeof a === 'object' && 'input' in a ? a : { input: a, key };
  checkKey(opts.key);
  const progress = opts.onProgress;
  return readBackup(open(opts.input), opts.key, progress ? { progress } : {});
}

// ───────────────────────────── restore ─────────────────────────────

export interface RestoreBackupOptions {
  /** The target: migrated (by `runMigrations`, same migrations as the source) and empty. */
  pool: pg.Pool;
  key: Buffer | null;
  /** A factory is preferred: it lets restore verify the whole file before touching the target. */
  input: BackupInput;
  onProgress?: RestoreProgress;
}

interface Target {
  catalog: Catalog;
  plan: RestorePlan;
  tables: Map<string, TableInfo>;
  migrations: BackupPreamble['migrations'];
}

async function inspectTarget(client: pg.ClientBase): Promise<Target> {
  const catalog = await loadCatalog(client);
  const nonEmpty = await firstNonEmptyTable(client, catalog.tables);
  if (nonEmpty) {
    throw new BackupError(
      'NOT_EMPTY',
      `目标数据库不是空库：表 ${nonEmpty} 中已有数据。还原只能写入空库——请新建数据库、执行迁移后再还原。`,
    );
  }
  return {
    catalog,
    plan: planRestoreOrder(
      catalog.tables.map((t) => t.name),
      catalog.foreignKeys,
    ),
    tables: new Map(catalog.tables.map((t) => [t.name, t])),
    migrations: await loadMigrations(client),
  };
}

function short(hash: string | null): string {
  return hash ? hash.slice(0, 12) : '无';
}

/** The target must be the schema the backup was taken from: same migrations, tables, columns, order. */
function checkCompatible(p: BackupPreamble, target: Target): void {
  const a = p.migrations;
  const b = target.migrations;
  if (a.count !== b.count || a.lastHash !== b.lastHash) {
    throw new BackupError(
      'SCHEMA_MISMATCH',
      `目标数据库的迁移状态与备份不一致：备份时已执行 ${a.count} 个迁移（最后一个 ${short(a.lastHash)}），目标库为 ${b.count} 个（最后一个 ${short(b.lastHash)}）。请先用生成该备份的同一版本编办通对目标库执行迁移。`,
    );
  }
  const backupNames = new Set(p.tables.map((t) => t.name));
  for (const t of p.tables) {
    const mine = target.tables.get(t.name);
    if (!mine) throw new BackupError('SCHEMA_MISMATCH', `目标数据库缺少备份中的表 ${t.name}。`);
    const want = t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const have = mine.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (want !== have)
      throw new BackupError(
        'SCHEMA_MISMATCH',
        `表 ${t.name} 的列与备份不一致：备份为（${want}），目标库为（${have}）。`,
      );
  }
  for (const t of target.catalog.tables) {
    if (!backupNames.has(t.name)) throw new BackupError('SCHEMA_MISMATCH', `目标数据库中的表 ${t.name} 不在备份中。`);
  }
  if (p.tables.map((t) => t.name).join(',') !== target.plan.order.join(',')) {
    throw new BackupError('SCHEMA_MISMATCH', '目标数据库的外键依赖关系与备份时不同，无法按备份顺序还原。');
  }
}

function checkSequences(m: BackupManifest, target: Target): void {
  const want = m.sequences.map((s) => s.name).join(', ');
  const have = target.catalog.sequences.join(', ');
  if (want !== have)
    throw new BackupError(
      'SCHEMA_MISMATCH',
      `目标数据库的序列与备份不一致：备份为（${want || '无'}），目标库为（${have || '无'}）。`,
    );
}

export async function restoreBackup(opts: RestoreBackupOptions): Promise<BackupManifest> {
  checkKey(opts.key);
  const progress = opts.onProgress;

  // Cheap refusals first, outside any transaction.
  const first = await opts.pool.connect();
  let target: Target;
  try {
    target = await inspectTarget(first);
  } finally {
    first.release();
  }

  // Pass 1: verify the whole file (only possible when it can be reopened).
  let verified: BackupManifest | null = null;
  if (typeof opts.input === 'function') {
    verified = await readBackup(opts.input(), opts.key, {
      preamble: (p) => checkCompatible(p, target),
      ...(progress ? { progress: (done, table) => progress(done, 0, table, 'verify') } : {}),
    });
    checkSequences(verified, target);
  }

  // Pass 2: restore in one transaction.
  const client = await opts.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(DETERMINISTIC_SESSION);
    target = await inspectTarget(client); // again, now under this transaction
    if (target.catalog.tables.length) {
      // Keep writers out until COMMIT (readers may proceed); then the emptiness check above holds.
      await client.query(
        `LOCK TABLE ${target.catalog.tables.map((t) => qualified(t.name)).join(', ')} IN EXCLUSIVE MODE`,
      );
      const nonEmpty = await firstNonEmptyTable(client, target.catalog.tables);
      if (nonEmpty)
        throw new BackupError('NOT_EMPTY', `目标数据库不是空库：表 ${nonEmpty} 中已有数据。还原只能写入空库。`);
    }
    const t = target;
    const groupOf = new Map<string, string[]>();
    for (const g of t.plan.cyclicGroups) for (const n of g) groupOf.set(n, g);
    const staged = new Map<string, string>(); // table → temp table holding its rows
    const total = verified?.totalRows ?? 0;
    let done = 0;

    /** A database error while writing is reported in Chinese, naming the table; the restore rolls back. */
    const write = async (table: string, text: string, params: unknown[] = []): Promise<void> => {
      try {
        await client.query(text, params);
      } catch (err) {
        const why = verified ? '' : '（该文件尚未完整校验，可能已损坏或被篡改）';
        throw new BackupError(
          'RESTORE_FAILED',
          `还原表 ${table} 时数据库拒绝写入${why}：${(err as Error).message}。已全部回滚，目标库未作任何改动。`,
          { cause: err },
        );
      }
    };
    const insertCols = (info: TableInfo): string =>
      info.columns
        .filter((c) => !c.generated)
        .map((c) => ident(c.name))
        .join(', ');

    const manifest = await readBackup(open(opts.input), opts.key, {
      preamble: (p) => checkCompatible(p, t),
      tableStart: async (name) => {
        if (!groupOf.has(name)) return;
        const temp = `bianban_restore_${staged.size + 1}`;
        await client.query(`CREATE TEMP TABLE ${temp} (LIKE ${qualified(name)}) ON COMMIT DROP`);
        staged.set(name, temp);
      },
      rows: async (name, rows) => {
        const json = `[${rows.join(',')}]`;
        const info = t.tables.get(name)!;
        const temp = staged.get(name);
        if (temp) {
          await write(
            name,
            `INSERT INTO pg_temp.${temp} SELECT * FROM json_populate_recordset(NULL::${qualified(name)}, $1::json)`,
            [json],
          );
        } else {
          const cols = insertCols(info);
          await write(
            name,
            `INSERT INTO ${qualified(name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${qualified(name)}, $1::json)`,
            [json],
          );
        }
        done += rows.length;
        await progress?.(done, total, name, 'restore');
      },
      tableEnd: async (name) => {
        const group = groupOf.get(name);
        if (!group || group[group.length - 1] !== name) return;
        // The whole cycle in one statement: PostgreSQL checks (non-deferrable) foreign keys at the
        // end of the statement, so rows may reference rows inserted later in the same statement.
        const inserts = group.map((n) => {
          const cols = insertCols(t.tables.get(n)!);
          return `INSERT INTO ${qualified(n)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM pg_temp.${staged.get(n)!}`;
        });
        await write(
          group.join('、'),
          inserts.length === 1 ? inserts[0]! : `WITH ${inserts.map((s, i) => `i${i} AS (${s})`).join(', ')} SELECT 1`,
        );
      },
    });
    if (verified && manifest.sm3 !== verified.sm3) {
      throw new BackupError('CORRUPT', '备份文件在校验之后被改动（两次读取的清单不同），已放弃还原。');
    }
    checkSequences(manifest, t);
    for (const s of manifest.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [
        qualified(s.name),
        s.lastValue,
        s.isCalled,
      ]);
    }

    // Self-check: the restored tables must digest exactly as the manifest says.
    let checked = 0;
    for (const entry of manifest.tables) {
      const d = await digestTable(client, t.tables.get(entry.name)!);
      if (d.rows !== entry.rows || d.sm3 !== entry.sm3) {
        throw new BackupError(
          'MANIFEST_MISMATCH',
          `还原后自检失败：表 ${entry.name} 还原后为 ${d.rows} 行、SM3 ${d.sm3}，清单记录为 ${entry.rows} 行、SM3 ${entry.sm3}。已全部回滚。`,
        );
      }
      checked += d.rows;
      await progress?.(checked, manifest.totalRows, entry.name, 'check');
    }
    await client.query('COMMIT');
    return manifest;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      broken = rollbackErr as Error;
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

// ───────────────────────────── digests ─────────────────────────────

/**
 * Row count and SM3 of every public table, in one snapshot, computed exactly as a backup does:
 * compare a source with its restored copy, or a database with a backup's manifest.
 */
export async function digestDatabase(pool: pg.Pool): Promise<Record<string, TableDigest>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(DETERMINISTIC_SESSION);
    const catalog = await loadCatalog(client);
    const out: Record<string, TableDigest> = {};
    for (const t of catalog.tables) out[t.name] = await digestTable(client, t);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
