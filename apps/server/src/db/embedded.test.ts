import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireLock } from './embedded.js';

const dir = mkdtempSync(join(tmpdir(), 'bianban-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data directory lock', () => {
  it('a second server on the same data directory is refused, naming the holder', () => {
    const release = acquireLock(dir);
    try {
      expect(() => acquireLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireLock(dir)).toThrow(new RegExp(`PID ${process.pid}`));
    } finally {
      release();
    }
    acquireLock(dir)(); // released: can be taken again
  });

  it('a lock left by a dead process is taken over', () => {
    writeFileSync(join(dir, 'bianban.lock'), '999999999');
    const release = acquireLock(dir);
    release();
  });
});
