/**
 * Starts one embedded PostgreSQL for the whole test run on a free port in a fresh temporary
 * directory (so a stale process from an earlier run can never interfere), migrates a template
 * database, and hands its URL to the test files. fsync is off here only: test data is disposable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, runMigrations } from '../db/client.js';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.js';

let server: EmbeddedServer | null = null;
let dir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL);
  } else {
    dir = mkdtempSync(join(tmpdir(), 'bianban-test-'));
    server = await startEmbedded({ dir, fsync: false });
    project.provide('pgAdminUrl', server.url('postgres'));
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? server!.url('postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('drop database if exists bianban_template');
  await admin.query('create database bianban_template');
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = '/bianban_template';
  const t = connect(templateUrl.toString(), 1);
  await runMigrations(t.db);
  await t.close();
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
