/**
 * What a backup needs from the PostgreSQL catalog: the tables of schema `public` with their
 * columns and primary keys, the foreign keys between them (for the restore order), the sequences
 * and the migration state; plus the reproducible per-table row query and digest.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { BackupColumn, BackupMigrations, BackupSequence } from './format.js';

export const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const qualified = (table: string): string => `public.${ident(table)}`;

/** Tunables; tests shrink them to exercise batching. */
export const backupTuning = {
  /** Aim for this many characters of row text per FETCH (the row count adapts to row width). */
  fetchChars: 4 * 1024 * 1024,
  maxFetchRows: 10_000,
  /** Flush an INSERT batch on restore at this many characters of row text or rows. */
  insertChars: 4 * 1024 * 1024,
  insertRows: 5_000,
};

/**
 * Session settings that fix the text of `row_to_json`: time zone for timestamptz, interval and
 * float output, bytea as hex, and a search_path so that regclass-like values print the same.
 * (DateStyle does not affect JSON, which always uses ISO 8601; set anyway for other output.)
 * SET LOCAL: they end with the transaction and never leak to a pooled connection.
 */
export const DETERMINISTIC_SESSION = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
  `SET LOCAL search_path = pg_catalog, public`,
  `SET LOCAL statement_timeout = 0`,
  `SET LOCAL idle_in_transaction_session_timeout = 0`,
].join('; ');

export interface TableInfo {
  name: string;
  columns: (BackupColumn & { generated: boolean })[];
  /** Primary-key columns in key order; `collatable` ones are ordered with COLLATE "C". */
  pk: { name: string; collatable: boolean }[];
}

export interface Catalog {
  /** Sorted by name. */
  tables: TableInfo[];
  /** child → parent edges between public tables (self-references included). */
  foreignKeys: { child: string; parent: string }[];
  sequences: string[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Base tables of `public`: ordinary and partitioned tables, but not partitions (their rows are
 * read and written through the partitioned parent).
 */
export async function loadCatalog(client: pg.ClientBase): Promise<Catalog> {
  const rels = await client.query<{ oid: string; name: string; kind: string }>(
    `SELECT c.oid::text AS oid, c.relname AS name, c.relkind::text AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND (c.relkind = 'S' OR (c.relkind IN ('r', 'p') AND NOT c.relispartition))`,
  );
  const tableRels = rels.rows.filter((r) => r.kind !== 'S');
  const oids = tableRels.map((r) => r.oid);
  const nameOf = new Map(tableRels.map((r) => [r.oid, r.name]));
  const cols = await client.query<{ rel: string; name: string; type: string; generated: boolean }>(
    `SELECT attrelid::text AS rel, attname AS name, format_type(atttypid, atttypmod) AS type, attgenerated <> '' AS generated
       FROM pg_attribute WHERE attrelid = ANY($1::oid[]) AND attnum > 0 AND NOT attisdropped
      ORDER BY attrelid, attnum`,
    [oids],
  );
  const pks = await client.query<{ rel: string; name: string; collatable: boolean }>(
    `SELECT i.indrelid::text AS rel, a.attname AS name, a.attcollation <> 0 AS collatable
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND i.indrelid = ANY($1::oid[])
      ORDER BY i.indrelid, k.ord`,
    [oids],
  );
  const fks = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT conrelid::text AS child, confrelid::text AS parent
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::oid[]) AND confrelid = ANY($1::oid[])`,
    [oids],
  );
  const tables = new Map<string, TableInfo>(tableRels.map((r) => [r.oid, { name: r.name, columns: [], pk: [] }]));
  for (const c of cols.rows) tables.get(c.rel)!.columns.push({ name: c.name, type: c.type, generated: c.generated });
  for (const p of pks.rows) tables.get(p.rel)!.pk.push({ name: p.name, collatable: p.collatable });
  return {
    tables: [...tables.values()].sort((a, b) => byName(a.name, b.name)),
    foreignKeys: fks.rows.map((f) => ({ child: nameOf.get(f.child)!, parent: nameOf.get(f.parent)! })),
    sequences: rels.rows
      .filter((r) => r.kind === 'S')
      .map((r) => r.name)
      .sort(byName),
  };
}

export interface RestorePlan {
  /** Every table, parents before children; ties broken by name, so the order is deterministic. */
  order: string[];
  /**
   * Groups of tables that reference themselves or each other (a foreign-key cycle, such as
   * `unit.parent_id → unit.id`). Their rows cannot be inserted batch by batch in any table order,
   * because a child may come in an earlier batch than its parent. See restore: they are loaded into
   * temporary tables and inserted in ONE statement, as PostgreSQL checks non-deferrable foreign keys
   * at the end of the statement, not per row. Each group is contiguous in `order`.
   */
  cyclicGroups: string[][];
}

/** Tarjan's strongly connected components, then a topological order of the components. */
export function planRestoreOrder(tables: string[], foreignKeys: { child: string; parent: string }[]): RestorePlan {
  const names = [...tables].sort(byName);
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const { child, parent } of foreignKeys) parents.get(child)?.add(parent);

  // Tarjan (iterative enough for a schema's size: recursion depth ≤ number of tables).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comps: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of [...parents.get(v)!].sort(byName)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      comps.push(comp.sort(byName));
    }
  };
  for (const n of names) if (!idx.has(n)) strong(n);

  const compOf = new Map<string, number>();
  comps.forEach((c, i) => c.forEach((n) => compOf.set(n, i)));
  // Kahn's algorithm on the condensation, always taking the ready component with the smallest name.
  const pending = comps.map(() => 0);
  const children = comps.map(() => new Set<number>());
  comps.forEach((c, i) => {
    const ps = new Set<number>();
    for (const n of c) for (const p of parents.get(n)!) if (compOf.get(p) !== i) ps.add(compOf.get(p)!);
    pending[i] = ps.size;
    for (const p of ps) children[p]!.add(i);
  });
  const ready = comps.map((_, i) => i).filter((i) => pending[i] === 0);
  const order: string[] = [];
  const cyclicGroups: string[][] = [];
  while (ready.length) {
    ready.sort((a, b) => byName(comps[a]![0]!, comps[b]![0]!));
    const i = ready.shift()!;
    const comp = comps[i]!;
    order.push(...comp);
    if (comp.length > 1 || parents.get(comp[0]!)!.has(comp[0]!)) cyclicGroups.push(comp);
    for (const c of children[i]!) if (--pending[c]! === 0) ready.push(c);
  }
  return { order, cyclicGroups };
}

/**
 * Rows as `row_to_json(t)::text` in primary-key order. Collatable key columns (text, char) sort
 * with COLLATE "C" (byte order), so the order — and hence the digest — does not depend on the
 * database's locale. A table without a primary key is ordered by its row text; identical rows
 * then have identical text, so their relative order does not matter.
 */
export function rowQuery(t: TableInfo): string {
  const from = `${qualified(t.name)} AS t`;
  if (t.pk.length === 0)
    return `SELECT j FROM (SELECT row_to_json(t)::text AS j FROM ${from}) s ORDER BY j COLLATE "C"`;
  const order = t.pk.map((c) => `t.${ident(c.name)}${c.collatable ? ' COLLATE "C"' : ''}`).join(', ');
  return `SELECT row_to_json(t)::text AS j FROM ${from} ORDER BY ${order}`;
}

let cursorSeq = 0;

/**
 * Streams a table's rows in batches through a cursor (inside the caller's transaction). The batch
 * size adapts to the row width: one row first, then as many as fit in `backupTuning.fetchChars`,
 * so a table of large files never loads more than a few rows at once.
 */
export async function* readTableRows(client: pg.ClientBase, t: TableInfo): AsyncGenerator<string[]> {
  const cursor = `bianban_backup_${++cursorSeq}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${rowQuery(t)}`);
  try {
    let n = 1;
    for (;;) {
      const res = await client.query<[string]>({ text: `FETCH ${n} FROM ${cursor}`, rowMode: 'array' });
      if (res.rows.length === 0) break;
      const lines = res.rows.map((r) => r[0]);
      yield lines;
      if (lines.length < n) break;
      let chars = 0;
      for (const l of lines) chars += l.length;
      n = Math.max(
        1,
        Math.min(backupTuning.maxFetchRows, Math.floor((backupTuning.fetchChars * lines.length) / Math.max(1, chars))),
      );
    }
  } finally {
    await client.query(`CLOSE ${cursor}`).catch(() => {});
  }
}

export interface TableDigest {
  rows: number;
  sm3: string;
}

export async function digestTable(client: pg.ClientBase, t: TableInfo): Promise<TableDigest> {
  const h = createHash('sm3');
  let rows = 0;
  for await (const batch of readTableRows(client, t)) {
    for (const line of batch) {
      h.update(line);
      h.update('\n');
    }
    rows += batch.length;
  }
  return { rows, sm3: h.digest('hex') };
}

export async function loadSequences(client: pg.ClientBase, names: string[]): Promise<BackupSequence[]> {
  const out: BackupSequence[] = [];
  for (const name of names) {
    const r = await client.query<{ v: string; c: boolean }>(
      `SELECT last_value::text AS v, is_called AS c FROM ${qualified(name)}`,
    );
    out.push({ name, lastValue: r.rows[0]!.v, isCalled: r.rows[0]!.c });
  }
  return out;
}

export async function loadMigrations(client: pg.ClientBase): Promise<BackupMigrations> {
  const present = await client.query<{ ok: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`,
  );
  if (!present.rows[0]!.ok) return { count: 0, lastHash: null };
  const r = await client.query<{ n: number; h: string | null }>(
    `SELECT (SELECT count(*)::int FROM drizzle.__drizzle_migrations) AS n,
            (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS h`,
  );
  return { count: r.rows[0]!.n, lastHash: r.rows[0]!.h };
}

/** The first table (by name) that holds a row, or null when every public table is empty. */
export async function firstNonEmptyTable(client: pg.ClientBase, tables: TableInfo[]): Promise<string | null> {
  for (const t of tables) {
    const r = await client.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${qualified(t.name)}) AS x`);
    if (r.rows[0]!.x) return t.name;
  }
  return null;
}
