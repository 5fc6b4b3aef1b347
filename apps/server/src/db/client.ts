import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; services take `Tx` so that their audit row joins the caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Independent reads: at once on the pool (each on its own connection), one after another inside
 * a transaction, whose single connection cannot run two queries at a time (node-postgres queues
 * them and deprecates doing so). Drizzle queries are lazy, so the sequential path really runs
 * them in turn.
 */
export async function readAll<T extends readonly unknown[] | []>(
  db: DbOrTx,
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  type Out = { -readonly [K in keyof T]: Awaited<T[K]> };
  if (!(db instanceof PgTransaction)) return (await Promise.all(queries)) as Out;
  const out: unknown[] = [];
  for (const q of queries) out.push(await q);
  return out as Out;
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  close: () => Promise<void>;
}

// bigint (int8) as JS string by default; numeric as string. We read counts with ::int.
export function connect(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'bianban' });
  pool.on('error', () => {}); // an idle client's error must not crash the process; the next query reports it
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
