/**
 * Exact rational numbers on bigint. Scores and rates are compared against band limits such as
 * "80%（含）" and deductions of 0.2 points per percentage point; binary floating point gets
 * 0.1 × 3 ≠ 0.3 and turns a boundary case into the wrong band. Every value stays exact until it
 * is displayed, and display rounds half-up (四舍五入) as the published tables do.
 */
export interface Dec {
  readonly n: bigint;
  /** Always > 0; n/d is in lowest terms. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function dec(n: bigint, d: bigint = 1n): Dec {
  if (d === 0n) throw new RangeError('分母为零');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ZERO = dec(0n);
export const ONE = dec(1n);
export const HUNDRED = dec(100n);

/** From a decimal string ("12.5", "-0.005", "1e-3") — exactly what is written, no float detour. */
export function parseDec(text: string): Dec {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`“${text}”不是数字`);
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp > 0) n *= 10n ** BigInt(exp);
  if (exp < 0) d *= 10n ** BigInt(-exp);
  return dec(m[1] === '-' ? -n : n, d);
}

/** From a JS number, through its shortest decimal representation (0.1 → 1/10, not the binary float). */
export function fromNumber(x: number): Dec {
  if (!Number.isFinite(x)) throw new RangeError('不是有限数字');
  return parseDec(String(x));
}

export function fromInt(x: number | bigint): Dec {
  return dec(BigInt(x));
}

export const add = (a: Dec, b: Dec): Dec => dec(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Dec, b: Dec): Dec => dec(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Dec, b: Dec): Dec => dec(a.n * b.n, a.d * b.d);
export const neg = (a: Dec): Dec => dec(-a.n, a.d);
export const abs = (a: Dec): Dec => (a.n < 0n ? neg(a) : a);

export class DivisionByZero extends Error {}
export function div(a: Dec, b: Dec): Dec {
  if (b.n === 0n) throw new DivisionByZero('分母为零');
  return dec(a.n * b.d, a.d * b.n);
}

export function cmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export const eq = (a: Dec, b: Dec) => cmp(a, b) === 0;
export const lt = (a: Dec, b: Dec) => cmp(a, b) < 0;
export const le = (a: Dec, b: Dec) => cmp(a, b) <= 0;
export const gt = (a: Dec, b: Dec) => cmp(a, b) > 0;
export const ge = (a: Dec, b: Dec) => cmp(a, b) >= 0;
export const min = (a: Dec, b: Dec) => (le(a, b) ? a : b);
export const max = (a: Dec, b: Dec) => (ge(a, b) ? a : b);
export const isZero = (a: Dec) => a.n === 0n;

export function sum(values: readonly Dec[]): Dec {
  return values.reduce(add, ZERO);
}

/** Largest integer ≤ a. */
export function floor(a: Dec): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}
/** Smallest integer ≥ a. */
export function ceil(a: Dec): bigint {
  return -floor(neg(a));
}

/** Rounded half away from zero to `digits` decimals, as the published tables round (四舍五入). */
export function round(a: Dec, digits: number): Dec {
  const scale = 10n ** BigInt(digits);
  const scaled = abs(mul(a, dec(scale)));
  const r = floor(add(scaled, dec(1n, 2n)));
  return dec(a.n < 0n ? -r : r, scale);
}

/** Fixed-point text, rounded half-up: toFixed(1/3, 2) = "0.33". */
export function toFixed(a: Dec, digits: number): string {
  const r = round(a, digits);
  const scale = 10n ** BigInt(digits);
  const units = (r.n * scale) / r.d; // exact after rounding
  const negative = units < 0n;
  const u = negative ? -units : units;
  const whole = u / scale;
  const frac = (u % scale).toString().padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${frac}` : ''}`;
}

/** Shortest text for a value that is a short decimal (scores like 4.5, 0.25); else 4 decimals. */
export function toText(a: Dec, maxDigits = 4): string {
  for (let digits = 0; digits <= maxDigits; digits++) {
    if (eq(round(a, digits), a)) return toFixed(a, digits);
  }
  return toFixed(a, maxDigits);
}

export function toNumber(a: Dec): number {
  return Number(a.n) / Number(a.d);
}

/** Percentage of part in whole, exact: 100 × part ÷ whole. */
export function percent(part: Dec, whole: Dec): Dec {
  return div(mul(part, HUNDRED), whole);
}
