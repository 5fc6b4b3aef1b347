/** The signing key of published reports: generated into the key file, given, or switched off. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { generateSm2KeyPair, isSm2PrivateKey } from '../../platform/crypto/sm2.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'bianban-signing-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('BIANBAN_SIGNING_KEY', () => {
  it('absent: an SM2 key is generated once into keys.json (0600) and reused', () => {
    const dir = fresh();
    const a = loadConfig({ BIANBAN_DATA_DIR: dir });
    expect(isSm2PrivateKey(a.keys.signing!)).toBe(true);
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ BIANBAN_DATA_DIR: dir }).keys.signing).toBe(a.keys.signing);
  });

  it('a key file from before signing gets a key added, the other keys untouched', () => {
    const dir = fresh();
    const old = { pepper: 'a'.repeat(64), audit: 'b'.repeat(64), data: 'c'.repeat(64) };
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(old), { mode: 0o600 });
    const c = loadConfig({ BIANBAN_DATA_DIR: dir });
    expect(isSm2PrivateKey(c.keys.signing!)).toBe(true);
    const stored = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
    expect(stored).toEqual({ ...old, signing: c.keys.signing });
    expect(c.keys.pepper.toString('hex')).toBe(old.pepper);
  });

  it('given: used as is; off: no signing; anything else: a named configuration error', () => {
    const dir = fresh();
    const k = generateSm2KeyPair().privateKey;
    expect(loadConfig({ BIANBAN_DATA_DIR: dir, BIANBAN_SIGNING_KEY: k }).keys.signing).toBe(k);
    expect(loadConfig({ BIANBAN_DATA_DIR: dir, BIANBAN_SIGNING_KEY: 'off' }).keys.signing).toBeNull();
    expect(() => loadConfig({ BIANBAN_DATA_DIR: dir, BIANBAN_SIGNING_KEY: '0'.repeat(64) })).toThrow(ConfigError);
    expect(() => loadConfig({ BIANBAN_DATA_DIR: dir, BIANBAN_SIGNING_KEY: 'xyz' })).toThrow(
      /BIANBAN_SIGNING_KEY 应为 SM2 私钥/,
    );
  });
});
