/**
 * Password hashing: PBKDF2-HMAC-SM3 with a per-user salt and a pepper kept outside the database.
 * The pepper keys an HMAC-SM3 over the password before stretching, so the stored hash is useless
 * without it. Iterations are stored per row so that they can be raised later.
 */
import { createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
export const PBKDF2_ITERATIONS = 100_000;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(pepper: Buffer, password: string, salt: string, iterations: number): Promise<Buffer> {
  const peppered = createHmac('sm3', pepper).update(password.normalize('NFC')).digest();
  return pbkdf2Async(peppered, Buffer.from(salt, 'hex'), iterations, 32, 'sm3');
}

export async function hashPassword(
  pepper: Buffer,
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('hex');
  const hash = (await derive(pepper, password, salt, iterations)).toString('hex');
  return { hash, salt, iterations };
}

export async function verifyPassword(pepper: Buffer, password: string, stored: PasswordHash): Promise<boolean> {
  const got = await derive(pepper, password, stored.salt, stored.iterations);
  const want = Buffer.from(stored.hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A generated password that satisfies the policy: 16 characters from all four classes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%*+-=?'];
  const all = sets.join('');
  const pick = (s: string) => s[randomBytes(1)[0]! % s.length]!;
  const chars = sets.map(pick);
  while (chars.length < 16) chars.push(pick(all));
  // Fisher–Yates with crypto randomness so that the class positions are not predictable.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
