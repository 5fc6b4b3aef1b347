import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, open, seal, sm3Hex } from './sm.js';
import { maskCitizenId, maskForAudit } from '../audit/mask.js';
import { canonicalJson } from '../audit/domain/chain.js';

describe('SM3 / SM4', () => {
  it('SM3 gives the GB/T 32905 test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('seal/open round-trips and detects tampering or a wrong key', () => {
    const key = randomBytes(32);
    const boxed = seal(key, '510402199001011234');
    expect(open(key, boxed).toString()).toBe('510402199001011234');
    expect(seal(key, 'same')).not.toBe(seal(key, 'same'));
    const raw = Buffer.from(boxed, 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(() => open(key, raw.toString('base64url'))).toThrow(/篡改/);
    expect(() => open(randomBytes(32), boxed)).toThrow(/密钥不符/);
  });

  it('blind index is stable per key and differs across keys', () => {
    const k = randomBytes(32);
    expect(blindIndex(k, 'x')).toBe(blindIndex(k, 'x'));
    expect(blindIndex(k, 'x')).not.toBe(blindIndex(randomBytes(32), 'x'));
  });
});

describe('audit masking and canonical form', () => {
  it('masks citizen IDs and drops secrets', () => {
    expect(maskCitizenId('510402199001011234')).toBe('5104**********1234');
    expect(
      maskForAudit({ citizenId: '510402199001011234', passwordHash: 'x', nested: { phone: '13812345678' } }),
    ).toEqual({ citizenId: '5104**********1234', nested: { phone: '138****5678' } });
  });
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });
});
