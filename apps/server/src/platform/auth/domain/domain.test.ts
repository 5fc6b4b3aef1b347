import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionState } from '../session-state.js';
import { checkPasswordPolicy, isCommonPassword } from './password-policy.js';
import { generatePassword, hashPassword, verifyPassword, PBKDF2_ITERATIONS } from './password-hash.js';
import { base32Decode, base32Encode, totpAt, verifyTotp } from './totp.js';

describe('TOTP (RFC 6238 test vectors, SHA-1)', () => {
  // Secret "12345678901234567890" in base32; RFC 6238 Appendix B, truncated to 6 digits.
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (t, code) => {
    expect(totpAt(secret, Math.floor(t / 30))).toBe(code);
  });

  it('accepts ±1 step, refuses replays and far codes', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(secret, totpAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, step), now, step)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, step - 3), now, null)).toBeNull();
  });

  it('base32 round-trips', () => {
    const b = randomBytes(20);
    expect(base32Decode(base32Encode(b))).toEqual(b);
    expect(() => base32Decode('abc1')).toThrow(/base32/);
  });
});

describe('password hashing', () => {
  it('PBKDF2-HMAC-SM3 with salt and pepper: same password, different hashes; wrong pepper fails', async () => {
    const pepper = randomBytes(32);
    const a = await hashPassword(pepper, 'Correct-Horse-42');
    const b = await hashPassword(pepper, 'Correct-Horse-42');
    expect(a.iterations).toBeGreaterThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword(pepper, 'Correct-Horse-42', a)).toBe(true);
    expect(await verifyPassword(pepper, 'Correct-Horse-43', a)).toBe(false);
    expect(await verifyPassword(randomBytes(32), 'Correct-Horse-42', a)).toBe(false);
  });

  it('generated passwords pass the policy', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(checkPasswordPolicy({ password: p, username: 'someone', reused: false, historySize: 5 })).toEqual([]);
    }
  });
});

describe('password policy', () => {
  const check = (password: string, username = 'lisi') =>
    checkPasswordPolicy({ password, username, reused: false, historySize: 5 });
  it('accepts a strong password', () => expect(check('Tea-Garden-1987')).toEqual([]));
  it('length counts characters, not bytes', () => expect(check('编办通编办通Aa1!')[0]).toMatch(/长度不足.*10位/));
  it('3 of 4 classes suffice', () => expect(check('lowercase-and-123')).toEqual([]));
  it('refuses 2 classes', () => expect(check('onlylowercaseletters')[0]).toMatch(/1类/));
  it('refuses the username in any case', () => expect(check('LiSi-Garden-2024').join()).toMatch(/用户名/));
  it('catches decorated common passwords', () => {
    expect(isCommonPassword('P@ssw0rd2024!')).toBe(true);
    expect(isCommonPassword('Qwerty123456!')).toBe(true);
    expect(isCommonPassword('Tea-Garden-1987')).toBe(false);
  });
  it('reports reuse', () =>
    expect(checkPasswordPolicy({ password: 'Tea-Garden-1987', username: 'x', reused: true, historySize: 5 })).toEqual([
      '不得与最近5次使用过的密码相同',
    ]));
});

describe('session state', () => {
  const base = {
    roles: ['viewer'] as const,
    mustChangePassword: false,
    passwordChangedAt: new Date('2026-11-01'),
    passwordExpiryDays: 90,
    totpEnabled: false,
    mfaPassed: false,
    now: new Date('2026-11-22'),
  };
  it('a business user with a fresh password is active', () =>
    expect(sessionState({ ...base, roles: ['viewer'] }).state).toBe('active'));
  it('an expired password must change', () =>
    expect(sessionState({ ...base, roles: ['viewer'], now: new Date('2027-03-01') })).toEqual({
      state: 'passwordChange',
      passwordChangeReason: 'expired',
    }));
  it('expiry 0 never expires', () =>
    expect(sessionState({ ...base, roles: ['viewer'], passwordExpiryDays: 0, now: new Date('2030-01-01') }).state).toBe(
      'active',
    ));
  it('an administrator verifies TOTP before changing an expired password', () =>
    expect(sessionState({ ...base, roles: ['sysAdmin'], totpEnabled: true, now: new Date('2027-03-01') }).state).toBe(
      'mfaVerify',
    ));
  it('an administrator without TOTP enrols after the initial password change', () => {
    expect(sessionState({ ...base, roles: ['secAdmin'], mustChangePassword: true }).state).toBe('passwordChange');
    expect(sessionState({ ...base, roles: ['secAdmin'] }).state).toBe('mfaEnroll');
  });
});
