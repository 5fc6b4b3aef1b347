/**
 * The real start-up path on an embedded PostgreSQL of its own: first start creates the accounts
 * and the credentials file; a second server on the same data directory is refused while the first
 * keeps working; a restart reuses the data.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/embedded.js';
import { startServer } from './server.js';

const dir = mkdtempSync(join(tmpdir(), 'bianban-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('server start-up', () => {
  it('bootstraps once, refuses a second server on the same data directory, and reuses the data on restart', async () => {
    const config = loadConfig({ BIANBAN_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const first = await startServer(config, { logger: false, webDist: null });
    try {
      expect(first.initialAccounts.map((a) => a.username)).toEqual([
        'sysadmin',
        'secadmin',
        'auditadmin',
        'staff',
        'leader',
        'reporter',
        'institution',
        'finance',
        'viewer',
      ]);
      const file = join(dir, 'initial-credentials.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
      const staff = first.initialAccounts.find((a) => a.username === 'staff')!;
      expect(readFileSync(file, 'utf8')).toContain(staff.password);

      await expect(startServer(config, { logger: false, webDist: null })).rejects.toThrow(DataDirLockedError);
      // The first server is untouched by the refused second one.
      const login = await first.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-requested-with': 'bianban' },
        payload: { username: 'staff', password: staff.password },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().state).toBe('passwordChange');
    } finally {
      await first.stop();
    }
    const again = await startServer(config, { logger: false, webDist: null });
    try {
      expect(again.initialAccounts).toEqual([]);
      const ready = await again.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
    } finally {
      await again.stop();
    }
  }, 90_000);
});
