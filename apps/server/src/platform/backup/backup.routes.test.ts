import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, runMigrations } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createEmptyDb } from '../../test/db.js';
import { digestDatabase, restoreBackup } from './backup.js';

let ta: TestApp;
const dataDir = mkdtempSync(join(tmpdir(), 'bianban-backup-route-'));
beforeAll(async () => {
  ta = await createTestApp({ dataDir });
});
afterAll(async () => {
  await ta.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('backup from the web', () => {
  it('the system administrator runs a backup job, downloads the file, and it restores to the same digests', async () => {
    const sys = await ta.signIn(await ta.createUser('sysAdmin'));
    const started = await ta.call(sys, 'POST', '/api/backups');
    expect(started.statusCode).toBe(200);
    const id = started.json().id;
    await ta.call(sys, 'GET', `/api/jobs/${id}/events`); // returns when the job has ended
    const info = (await ta.call(sys, 'GET', `/api/jobs/${id}`)).json();
    expect(info).toMatchObject({ state: 'succeeded', hasFile: true });
    const file = await ta.call(sys, 'GET', `/api/jobs/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/bianban-backup-.*\.bbk/);
    expect(file.rawPayload.subarray(0, 14).toString()).toBe('BIANBAN-BACKUP');
    const downloadAudit = await ta.t.pool.query(
      `select count(*)::int n from audit_log where action = 'export.download' and object_id = $1`,
      [id],
    );
    expect(downloadAudit.rows[0].n).toBe(1);

    const target = await createEmptyDb();
    const d = connect(target.url, 2);
    try {
      await runMigrations(d.db);
      const manifest = await restoreBackup({ pool: d.pool, key: null, input: () => Readable.from([file.rawPayload]) });
      const restored = await digestDatabase(d.pool);
      for (const t of manifest.tables) expect(restored[t.name], t.name).toEqual({ rows: t.rows, sm3: t.sm3 });
      // The backup file itself is not inside the database, so backups do not nest.
      expect((await d.pool.query(`select count(*)::int n from stored_file`)).rows[0].n).toBe(0);
    } finally {
      await d.close();
      await target.drop();
    }
  });

  it('only the system administrator may back up', async () => {
    const staff = await ta.signIn(await ta.createUser('officeStaff'));
    expect((await ta.call(staff, 'POST', '/api/backups')).statusCode).toBe(403);
  });
});
