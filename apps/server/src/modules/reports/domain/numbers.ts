/**
 * How report numbers are written and read back: amounts in 万元 and rates in %, rounded half-up to
 * two decimals and written in the report's number style (ADR 0013): "两位小数" (a non-integer always
 * with two decimals: 2.30万元, 2.20%) or "去掉末尾的零" (2.3万元, 2.2%), integers bare in both (0万元,
 * 100%); exact shares and growth rates; the numbers of a typed paragraph parsed with their units.
 * Pure; exact decimal arithmetic (performance/domain/decimal.ts), rounded half-up for display.
 */
import { DEFAULT_NUMBER_STYLE, fenToWanyuan, type DecimalStyle, type NumberStyle } from '@bianban/contracts';
import { div, isZero, mul, HUNDRED, parseDec, sub, toFixed, type Dec } from '../../performance/domain/decimal.js';
import { NUMBER_UNITS, type NumberUnit } from './claims.js';

export { DEFAULT_NUMBER_STYLE, type DecimalStyle, type NumberStyle };

/** "8.00" → "8", "6.60" → "6.6", "-0.00" → "0". */
export function trimZeros(s: string): string {
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

/**
 * A decimal as written ("2.3", "2.30", "-0.10", "8.00") in a style: "trimZeros" drops trailing
 * zeros, "twoDecimals" pads a non-integer to two decimals; an integer is bare in both ("8", "0",
 * never "-0"). Exact: it never rounds (digits past the second, as in a project's 9.123456万元, stay).
 */
export function styleDecimal(s: string, style: DecimalStyle): string {
  const t = trimZeros(s);
  const point = t.indexOf('.');
  if (style === 'trimZeros' || point < 0) return t;
  const decimals = t.length - point - 1;
  return decimals >= 2 ? t : t + '0'.repeat(2 - decimals);
}

/** An exact value rounded half-up (away from zero) to `digits` decimals, written in a style. */
export function formatDecimal(d: Dec, style: DecimalStyle, digits = 2): string {
  return styleDecimal(toFixed(d, digits), style);
}

/** Which style applies to a number of this unit: amounts (万元, 元, 亿元), rates (%), or none (counts, scores). */
export function styleFor(unit: NumberUnit, style: NumberStyle): DecimalStyle | null {
  if (unit === '万元' || unit === '元' || unit === '亿元') return style.amounts;
  if (unit === '%') return style.rates;
  return null;
}

/**
 * A number's text as the report writes it: amounts and rates in the report's style; scores (分),
 * head counts and the like unchanged (the seeds write scores without trailing zeros: 23.5分, 0.5分).
 */
export function styleNumber(text: string, unit: NumberUnit, style: NumberStyle = DEFAULT_NUMBER_STYLE): string {
  const s = styleFor(unit, style);
  return s && /^-?\d+(\.\d+)?$/.test(text) ? styleDecimal(text, s) : text;
}

/** Fen → 万元 text, two decimals at most. */
export const wan = (fen: number): string => trimZeros(fenToWanyuan(fen, 2));
/** Fen → exact Dec in 万元. */
export const wanDec = (fen: number): Dec => parseDec(`${fen}e-6`);
/** Exact Dec → text with at most `digits` decimals. */
export const decText = (d: Dec, digits = 2): string => trimZeros(toFixed(d, digits));

/** part ÷ whole × 100, or null when the whole is zero (a share of nothing is not stated). */
export function share(part: number, whole: number): Dec | null {
  if (whole === 0) return null;
  return div(mul(wanDec(part), HUNDRED), wanDec(whole));
}

/** (current − previous) ÷ previous × 100, or null when there was nothing the year before. */
export function growth(current: number, previous: number): Dec | null {
  if (previous === 0) return null;
  return div(mul(sub(wanDec(current), wanDec(previous)), HUNDRED), wanDec(previous));
}

export const isZeroDec = isZero;

const UNIT_PATTERN = [...NUMBER_UNITS]
  .filter((u) => u !== '')
  .sort((a, b) => b.length - a.length)
  .join('|');
const NUMBER_RE = new RegExp(`(?<![\\d.])(-?\\d+(?:\\.\\d+)?)\\s*(${UNIT_PATTERN})`, 'g');

/** Full-width digits, point, minus and percent to ASCII (same length, so offsets are kept). */
export function normaliseDigits(s: string): string {
  return s.replace(/[０-９．－％]/g, (c) => {
    if (c === '．') return '.';
    if (c === '－') return '-';
    if (c === '％') return '%';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

export interface ParsedNumber {
  text: string;
  value: string;
  decimals: number;
  unit: NumberUnit;
  start: number;
  end: number;
}

/**
 * The numbers of a typed sentence that carry a unit (141.96万元, 94.42%, 7人); years, dates and
 * bare numbers are not read.
 */
export function parseNumbers(textIn: string): ParsedNumber[] {
  const t = normaliseDigits(textIn);
  const out: ParsedNumber[] = [];
  for (const m of t.matchAll(NUMBER_RE)) {
    const raw = m[1]!;
    const unit = m[2] as NumberUnit;
    const start = m.index;
    out.push({
      text: textIn.slice(start, start + raw.length),
      value: raw,
      decimals: raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0,
      unit,
      start,
      end: start + raw.length,
    });
  }
  return out;
}
