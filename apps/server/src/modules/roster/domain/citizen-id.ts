/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence code
 * (odd last digit = male) and a check character computed by ISO 7064 MOD 11-2.
 *
 * Pure functions only. Dates are compared as calendar dates in China (UTC+8) whatever the server's
 * time zone, because a birth date printed on an ID card is a Beijing-time calendar date.
 */
import { PROVINCES } from './codes.js';

export type Sex = 'male' | 'female';

export type CitizenIdCheck =
  { ok: true; id: string; regionCode: string; birthDate: string; sex: Sex } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Province prefixes accepted in a 公民身份号码: the GB/T 2260 provinces (incl. 71, 81, 82) plus 83,
 * which 台湾居民居住证 numbers use although it is not a GB/T 2260 code. 91 (formerly "国外") is not valid.
 */
const ID_PROVINCES: ReadonlyMap<string, string> = new Map([
  ...PROVINCES.map((p) => [p.code, p.name] as const),
  ['83', '台湾居民居住证'] as const,
]);

/** Province name for the first two digits of a 公民身份号码, or undefined when the prefix does not exist. */
export function citizenIdProvince(prefix: string): string | undefined {
  return ID_PROVINCES.get(prefix);
}

/**
 * What people actually paste: surrounding spaces, full-width digits from Chinese IMEs, lower-case x.
 * Interior spaces are kept so that the checker can point at them instead of silently guessing.
 */
export function normalizeCitizenId(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[xＸｘ]/g, 'X');
}

/** The MOD 11-2 check character for the first 17 digits. Throws if given anything but 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`计算校验码需要17位数字（实际“${first17}”）`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function checkCitizenId(raw: string, opts: { today?: Date } = {}): CitizenIdCheck {
  const id = normalizeCitizenId(raw);
  if (id === '') return { ok: false, reason: '未填写公民身份号码' };

  // Characters first: an "O" typed for "0" is the commonest slip and the most useful thing to point at.
  const chars = [...id];
  for (const [i, c] of chars.entries()) {
    if (/\s/.test(c)) return { ok: false, reason: `含空格（第${i + 1}位）` };
    if (!/^[0-9X]$/.test(c)) return { ok: false, reason: `含非法字符“${c}”（第${i + 1}位）` };
  }

  if (chars.length === 15 && /^\d{15}$/.test(id)) return { ok: false, reason: fifteenDigitReason(id, opts) };
  if (chars.length !== 18) return { ok: false, reason: `长度应为18位（实际${chars.length}位）` };

  const xAt = id.indexOf('X');
  if (xAt !== -1 && xAt < 17) return { ok: false, reason: `“X”只能出现在第18位校验码（出现在第${xAt + 1}位）` };

  const province = id.slice(0, 2);
  if (!ID_PROVINCES.has(province)) return { ok: false, reason: `前两位省级代码“${province}”不存在` };

  const birth = id.slice(6, 14);
  const birthProblem = birthDateProblem(birth, opts.today ?? new Date());
  if (birthProblem) return { ok: false, reason: birthProblem };

  // Structural checks come before the checksum: a mistyped birth date also breaks the checksum, and
  // "出生日期…不是有效日期" tells the user far more than "校验码应为…".
  const expected = citizenIdCheckChar(id.slice(0, 17));
  const actual = id.slice(17);
  if (expected !== actual) return { ok: false, reason: `第18位校验码应为${expected}，实际为${actual}` };

  return {
    ok: true,
    id,
    regionCode: id.slice(0, 6),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Upgrades a 15-digit (pre-1999) number the way the public-security system did: insert "19" before
 * the two-digit year (every 15-digit holder was born in the 1900s) and append the check character.
 */
export function upgradeFifteen(id15: string): string {
  const id = normalizeCitizenId(id15);
  if (!/^\d{15}$/.test(id)) throw new RangeError(`15位旧号码应由15位数字组成（实际“${id15}”）`);
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + citizenIdCheckChar(first17);
}

function fifteenDigitReason(id15: string, opts: { today?: Date }): string {
  const upgraded = upgradeFifteen(id15);
  const base = '15位旧号码已停止使用，须升级为18位（在第6位后补“19”并重算校验码';
  const check = checkCitizenId(upgraded, opts);
  return check.ok ? `${base}，应为${upgraded}）` : `${base}）；按此升级后仍无效：${check.reason}`;
}

/** yyyymmdd of the calendar date in China at the given instant. */
function chinaYmd(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; Date.UTC handles leap years (incl. 1900, 2000).
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

function birthDateProblem(ymd: string, today: Date): string | undefined {
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(4, 6));
  const day = Number(ymd.slice(6, 8));
  if (!isCalendarDate(year, month, day)) return `出生日期${ymd}不是有效日期`;
  if (year < 1900) return `出生日期${ymd}早于1900年`;
  const todayYmd = chinaYmd(today);
  if (ymd > todayYmd) return `出生日期${ymd}晚于今天（${todayYmd}）`;
  return undefined;
}

const SEX_NAMES: Record<Sex, string> = { male: '男', female: '女' };

/** Accepts 1990-01-02, 1990/1/2, 1990.01.02, 19900102 and 1990年1月2日; returns yyyy-mm-dd or undefined. */
function parseEnteredDate(text: string): string | undefined {
  const s = text.trim();
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(year, month, day)) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Compares what was entered on a form with what the 公民身份号码 says. Returns one Chinese sentence per
 * mismatch (empty when consistent). An invalid number yields a single entry explaining why, since
 * nothing can be compared against it.
 */
export function crossCheck(
  id: string,
  entered: { birthDate?: string; sex?: Sex },
  opts: { today?: Date } = {},
): string[] {
  const check = checkCitizenId(id, opts);
  if (!check.ok) return [`公民身份号码无效，无法核对：${check.reason}`];
  const problems: string[] = [];
  if (entered.birthDate !== undefined && entered.birthDate.trim() !== '') {
    const date = parseEnteredDate(entered.birthDate);
    if (date === undefined) {
      problems.push(`出生日期“${entered.birthDate}”无法识别，应为yyyy-mm-dd格式的有效日期`);
    } else if (date !== check.birthDate) {
      problems.push(`出生日期填写为${date}，与公民身份号码中的${check.birthDate}不一致`);
    }
  }
  if (entered.sex !== undefined && entered.sex !== check.sex) {
    const digit = check.id[16] ?? '';
    problems.push(
      `性别填写为${SEX_NAMES[entered.sex]}，与公民身份号码不一致（第17位为${digit}，` +
        `${check.sex === 'male' ? '奇数为男' : '偶数为女'}）`,
    );
  }
  return problems;
}

/** 5108**********1234: keeps the first 4 (province + city) and last 4; short input is masked entirely. */
export function maskCitizenId(id: string): string {
  const chars = [...normalizeCitizenId(id)];
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/**
 * A valid-looking 公民身份号码 for generated demo data. Deterministic for a given rng (same rng
 * sequence → same number), so seeded fixtures are reproducible. The birth date is drawn uniformly
 * from the China-local calendar days between birthFrom and birthTo inclusive; the sequence code from
 * 001–999 with the parity the requested sex needs. It is the caller's business not to ask for future
 * birth dates (checkCitizenId would reject them).
 */
export function syntheticCitizenId(
  rng: () => number,
  opts: { regionCode: string; birthFrom: Date; birthTo: Date; sex?: Sex },
): string {
  const { regionCode, birthFrom, birthTo, sex } = opts;
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`地区代码“${regionCode}”应为6位数字`);
  if (!ID_PROVINCES.has(regionCode.slice(0, 2))) {
    throw new RangeError(`地区代码“${regionCode}”的省级代码“${regionCode.slice(0, 2)}”不存在`);
  }
  const fromDay = chinaDayNumber(birthFrom);
  const toDay = chinaDayNumber(birthTo);
  if (Number.isNaN(fromDay) || Number.isNaN(toDay)) throw new RangeError('出生日期范围无效');
  if (fromDay > toDay) throw new RangeError('出生日期范围的起始日期晚于结束日期');
  if (fromDay < chinaDayNumber(new Date('1900-01-01T00:00:00+08:00'))) {
    throw new RangeError('出生日期范围不能早于1900-01-01');
  }

  const pick = (n: number): number => {
    const x = rng();
    if (!Number.isFinite(x)) throw new RangeError('随机数生成器返回了非有限数');
    return Math.min(n - 1, Math.max(0, Math.floor(x * n)));
  };

  const day = fromDay + pick(toDay - fromDay + 1);
  const birth = new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  // 000 is never issued; odd = male, even = female.
  const seq = sex === 'male' ? 2 * pick(500) + 1 : sex === 'female' ? 2 * (pick(499) + 1) : pick(999) + 1;
  const first17 = `${regionCode}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

/** Days since 1970-01-01 of the China-local calendar date at the given instant. */
function chinaDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}
