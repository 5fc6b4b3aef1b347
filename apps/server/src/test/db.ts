/**
 * Per-test-file database: a clone of the migrated template, dropped afterwards.
 * Usage: `const t = await createTestDb(); afterAll(() => t.close());`
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Keys } from '../config.js';
import { connect, type Database } from '../db/client.js';

export interface TestDb extends Database {
  url: string;
  keys: Keys;
}

export function testKeys(): Keys {
  return { pepper: randomBytes(32), audit: randomBytes(32), data: randomBytes(32), backup: null };
}

export async function createTestDb(): Promise<TestDb> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template bianban_template`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), 5);
  return {
    ...database,
    url: url.toString(),
    keys: testKeys(),
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Creates an empty database (not from the template) — for restore tests that migrate themselves. */
export async function createEmptyDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
