/**
 * Reading one stated number as written in a report: full-width digits and punctuation, thousands
 * separators, signs (−, －, 负), a unit suffix (万元, 元, 亿元, %, 人 …; "18万" in a money cell is
 * 万元) and Chinese numerals where they carry a figure (二十七名, 二〇二三). The value stays the
 * exact decimal as written, in the unit as written; conversion between 元, 万元 and 亿元 is exact
 * (decimal.ts). Pure.
 */
import { dec, div, mul, ONE, parseDec, type Dec } from '../../performance/domain/decimal.js';
import { NUMBER_UNITS, type NumberUnit } from './claims.js';

export type MoneyUnit = '元' | '万元' | '亿元';

/** Money units in 万元 (the unit the reports state amounts in). */
export const MONEY_SCALE: Readonly<Record<MoneyUnit, Dec>> = {
  元: dec(1n, 10000n),
  万元: ONE,
  亿元: dec(10000n),
};

export function isMoneyUnit(u: string): u is MoneyUnit {
  return u === '元' || u === '万元' || u === '亿元';
}

/** Exact conversion of an amount between 元, 万元 and 亿元. */
export function convertMoney(value: Dec, from: MoneyUnit, to: MoneyUnit): Dec {
  return div(mul(value, MONEY_SCALE[from]), MONEY_SCALE[to]);
}

/** The unit one step (10⁴) smaller or larger, for "单位疑为元而非万元". */
export function moneyUnitStep(u: MoneyUnit, step: -1 | 1): MoneyUnit | null {
  const order: MoneyUnit[] = ['元', '万元', '亿元'];
  return order[order.indexOf(u) + step] ?? null;
}

/** Half a unit in the last stated place: 0.005 for two decimals. */
export function halfUnit(decimals: number): Dec {
  return decimals >= 0 ? dec(1n, 2n * 10n ** BigInt(decimals)) : dec(10n ** BigInt(-decimals), 2n);
}

/** Full-width digits and number punctuation to ASCII; the minus signs (−, －, –) to "-". */
export function normaliseNumberText(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(/[－−–]/g, '-')
    .replace(/＋/g, '+')
    .replace(/％/g, '%');
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL: Record<string, bigint> = { 十: 10n, 百: 100n, 千: 1000n };

/**
 * A Chinese numeral as an integer: 二十七 → 27, 一千零五 → 1005, 十二万三千 → 123000, 二〇二三 → 2023
 * (digits without place words are read digit by digit). null when it is not one.
 */
export function parseChineseNumeral(s: string): bigint | null {
  const t = s.trim();
  if (t === '' || ![...t].every((c) => c in CN_DIGITS || c in CN_SMALL || c === '万' || c === '亿')) return null;
  if ([...t].every((c) => c in CN_DIGITS)) {
    return BigInt([...t].map((c) => CN_DIGITS[c]).join(''));
  }
  let total = 0n;
  let section = 0n;
  let number = 0n;
  for (const c of t) {
    if (c in CN_DIGITS) number = BigInt(CN_DIGITS[c]!);
    else if (c in CN_SMALL) {
      section += (number === 0n ? 1n : number) * CN_SMALL[c]!;
      number = 0n;
    } else if (c === '万') {
      total += (section + number) * 10000n;
      section = 0n;
      number = 0n;
    } else {
      total = (total + section + number) * 100000000n;
      section = 0n;
      number = 0n;
    }
  }
  return total + section + number;
}

export interface ParsedStatedNumber {
  /** Exact decimal string as written (separators removed, leading zeros dropped: "00" → "0"). */
  value: string;
  /** Decimals as written: "94.42" → 2, "1,566.40" → 2, "97" → 0. */
  decimals: number;
  unit: NumberUnit;
}

const UNIT_SUFFIXES = [...NUMBER_UNITS].filter((u) => u !== '').sort((a, b) => b.length - a.length);

/**
 * One number as written ("１４１．９６万元", "1,566.40%", "-0.1", "负0.1万元", "二十七名", "18万").
 * `unit` is the unit the context gives (a table header, the sentence) when the text carries none;
 * a unit written in the text wins. Throws a RangeError with a Chinese message when it is not a number.
 */
export function parseStatedNumber(text: string, unit: NumberUnit = ''): ParsedStatedNumber {
  let t = normaliseNumberText(text).replace(/\s+/g, '');
  let found: NumberUnit | null = null;
  for (const u of UNIT_SUFFIXES) {
    if (t.endsWith(u)) {
      found = u;
      t = t.slice(0, -u.length);
      break;
    }
  }
  if (found === null && t.endsWith('万') && (unit === '' || isMoneyUnit(unit))) {
    found = '万元';
    t = t.slice(0, -1);
  }
  let sign = '';
  const s = /^(负|-|\+)/.exec(t);
  if (s) {
    sign = s[1] === '+' ? '' : '-';
    t = t.slice(s[1]!.length);
  }
  let value: string;
  let decimals: number;
  const plain = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(t);
  if (plain) {
    const whole = plain[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
    const frac = plain[2] ?? '';
    decimals = frac.length;
    value = frac ? `${whole}.${frac}` : whole;
  } else {
    const cn = parseChineseNumeral(t);
    if (cn === null) throw new RangeError(`“${text}”不是数字`);
    value = cn.toString();
    decimals = 0;
  }
  if (sign && /[1-9]/.test(value)) value = `-${value}`;
  parseDec(value); // sanity: the result is a decimal parseDec reads
  return { value, decimals, unit: found ?? unit };
}
