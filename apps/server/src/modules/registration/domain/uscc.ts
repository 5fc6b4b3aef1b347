/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet —
 *   1      登记管理部门代码
 *   2      机构类别代码
 *   3–8    登记管理机关行政区划码 (GB/T 2260, checked against the full list in data/gb2260.json)
 *   9–17   主体标识码（组织机构代码, GB 11714, with its own check character at position 17)
 *   18     校验码 (MOD 31 over positions 1–17)
 * Validation, explanation, and the pure half of issuing a code (the next organization-code body of
 * a reserved range, both check characters). Pure: no I/O.
 *
 * Why the final check catches every single-character substitution and every adjacent transposition:
 * the weights are 3^(i−1) mod 31 (1, 3, 9, 27, 19, …), 31 is prime and 3 is a primitive root of 31,
 * so every weight is non-zero mod 31. Substituting a for b at position i ≤ 17 moves the weighted
 * sum by w_i·(b−a), with 0 < |b−a| ≤ 30: non-zero mod 31, so the expected check character changes.
 * Swapping neighbours a, b at positions i, i+1 ≤ 17 moves it by (w_i − w_{i+1})(b−a) = −2·w_i·(b−a):
 * non-zero again. Swapping position 17 (x) with the check character c itself leaves a valid code only
 * if (1 − w_17)(x − c) ≡ 0; w_17 = 28, 1 − 28 = −27 ≢ 0, so only when x = c (no change). Changing the
 * check character alone is always caught. There are no exceptions; uscc.test.ts asserts it for every
 * position, character and neighbour pair of a set of codes. (GB 11714's mod 11 at position 17 has
 * blind spots of its own — a substitution worth 11 — which the final mod-31 check then covers.)
 */
import { lookupRegion } from './regions.js';

export interface UsccPart {
  code: string;
  name: string;
}

/** The standard's character set: digits and upper-case letters except I, O, Z, S, V (too easily misread). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门 and the 机构类别 each may register, as listed in GB 32100-2015 and its later
 * assignments A (中央军委改革和编制办公室) and N (农业). Codes handed out by other notices since (seen
 * in the wild but not in the standard's table) are deliberately absent until verified against the
 * source documents; such codes are reported as "不存在" rather than guessed at.
 */
export const USCC_AUTHORITIES: readonly { code: string; name: string; types: readonly UsccPart[] }[] = [
  {
    code: '1',
    name: '机构编制',
    types: [
      { code: '1', name: '机关' },
      { code: '2', name: '事业单位' },
      { code: '3', name: '中央编办直接管理机构编制的群众团体' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '2',
    name: '外交',
    types: [
      { code: '1', name: '外国常驻新闻机构' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '3',
    name: '司法行政',
    types: [
      { code: '1', name: '律师执业机构' },
      { code: '2', name: '公证处' },
      { code: '3', name: '基层法律服务所' },
      { code: '4', name: '司法鉴定机构' },
      { code: '5', name: '仲裁委员会' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '4',
    name: '文化',
    types: [
      { code: '1', name: '外国在华文化中心' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '5',
    name: '民政',
    types: [
      { code: '1', name: '社会团体' },
      { code: '2', name: '民办非企业单位' },
      { code: '3', name: '基金会' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '6',
    name: '旅游',
    types: [
      { code: '1', name: '外国旅游部门常驻代表机构' },
      { code: '2', name: '港澳台地区旅游部门常驻内地（大陆）代表机构' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '7',
    name: '宗教',
    types: [
      { code: '1', name: '宗教活动场所' },
      { code: '2', name: '宗教院校' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '8',
    name: '工会',
    types: [
      { code: '1', name: '基层工会' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: '9',
    name: '工商（市场监管）',
    // The standard gives 工商 no "9 其他".
    types: [
      { code: '1', name: '企业' },
      { code: '2', name: '个体工商户' },
      { code: '3', name: '农民专业合作社' },
    ],
  },
  {
    code: 'A',
    name: '中央军委改革和编制办公室',
    types: [
      { code: '1', name: '军队事业单位' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: 'N',
    name: '农业',
    types: [
      { code: '1', name: '组级集体经济组织' },
      { code: '2', name: '村级集体经济组织' },
      { code: '3', name: '乡镇级集体经济组织' },
      { code: '9', name: '其他' },
    ],
  },
  {
    code: 'Y',
    name: '其他',
    // "其他" registration authorities do not subdivide; the standard fixes the type digit at 1.
    types: [{ code: '1', name: '其他（不再细分）' }],
  },
];

/** What normalisation did to the input, in words (empty when the input was already canonical). */
export interface Normalised {
  code: string;
  notes: string[];
}

/**
 * What a clerk means when pasting a code, changed only where it is safe: full-width characters
 * (Chinese IMEs) → half-width, lower-case → upper-case, spaces anywhere (also the ideographic space
 * and zero-width characters) removed — none of these can turn one valid code into another. Anything
 * else (hyphens, the letters I O Z S V) is left for the check to report rather than guessed at.
 */
export function normaliseUsccWithNotes(raw: string): Normalised {
  const notes: string[] = [];
  let code = raw;
  const halfWidth = code.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (halfWidth !== code) notes.push('全角字符已转为半角');
  code = halfWidth;
  const noSpaces = code.replace(/[\s\u200B-\u200D\uFEFF]/g, '');
  if (noSpaces !== code) notes.push('空格已去除');
  code = noSpaces;
  const upper = code.toUpperCase();
  if (upper !== code) notes.push('小写字母已转为大写');
  return { code: upper, notes };
}

export function normalizeUscc(raw: string): string {
  return normaliseUsccWithNotes(raw).code;
}

/** GB 32100 check character for the first 17 characters (all from USCC_ALPHABET). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !USCC_ALPHABET.includes(c))) {
    throw new RangeError(`计算校验码需要17位合法字符（实际“${first17}”）`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  // 31 − (sum mod 31), with 31 folding back to 0.
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * GB 11714 check character for the first 8 characters of an organization code. Here letters carry
 * their own value A=10 … Z=35 — not their index in the USCC alphabet, which skips letters.
 */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8))
    throw new RangeError(`计算组织机构代码校验码需要8位数字或大写字母（实际“${first8}”）`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i] ?? '', 36) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const value = 11 - (sum % 11);
  return value === 10 ? 'X' : value === 11 ? '0' : String(value);
}

export type UsccCheck =
  | {
      ok: true;
      code: string;
      authority: UsccPart;
      type: UsccPart;
      regionCode: string;
      /** "广东省 深圳市 南山区"; "全国（国家级登记管理机关）" for 100000. */
      regionName: string;
      /** The region code is no longer in the current GB/T 2260 list (valid in codes issued before). */
      regionHistorical: boolean;
      organizationCode: string;
      /** What normalisation changed, in words. */
      notes: string[];
    }
  | { ok: false; reason: string; code: string; notes: string[] };

export function checkUscc(raw: string): UsccCheck {
  const { code, notes } = normaliseUsccWithNotes(raw);
  const fail = (reason: string): UsccCheck => ({ ok: false, reason, code, notes });
  if (code === '') return fail('未填写统一社会信用代码');

  const chars = [...code];
  for (const [i, c] of chars.entries()) {
    if (!USCC_ALPHABET.includes(c)) {
      const hint = 'IOZSV'.includes(c) ? '：统一社会信用代码不使用字母I、O、Z、S、V' : '';
      return fail(`含非法字符“${c}”（第${i + 1}位）${hint}`);
    }
  }

  if (chars.length !== 18) {
    // The two identifiers it replaced are what people most often paste by mistake.
    const hint =
      chars.length === 15 && /^\d{15}$/.test(code)
        ? '；15位数字是旧的工商注册号，请填写18位统一社会信用代码'
        : chars.length === 9
          ? '；9位是组织机构代码，请填写18位统一社会信用代码'
          : '';
    return fail(`长度应为18位（实际${chars.length}位）${hint}`);
  }

  const authority = USCC_AUTHORITIES.find((a) => a.code === code[0]);
  if (!authority) return fail(`第1位登记管理部门代码“${code[0]}”不存在`);

  const type = authority.types.find((t) => t.code === code[1]);
  if (!type) {
    const allowed = authority.types.map((t) => `${t.code} ${t.name}`).join('、');
    return fail(`第2位机构类别代码“${code[1]}”不属于登记管理部门“${authority.name}”（可为：${allowed}）`);
  }

  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return fail(`第3–8位登记管理机关行政区划码“${regionCode}”应为6位数字`);
  const region = lookupRegion(regionCode);
  if (!region) {
    return fail(
      `第3–8位登记管理机关行政区划码“${regionCode}”不是GB/T 2260行政区划代码（已含2002年以来撤销的历史代码）`,
    );
  }

  const organizationCode = code.slice(8, 17);
  const expectedOrg = organizationCodeCheckChar(organizationCode.slice(0, 8));
  if (expectedOrg !== organizationCode[8]) {
    return fail(`第9–17位组织机构代码校验不通过：第17位应为${expectedOrg}，实际为${organizationCode[8]}`);
  }

  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return fail(`第18位校验码应为${expected}，实际为${code[17]}`);

  return {
    ok: true,
    code,
    authority: { code: authority.code, name: authority.name },
    type: { code: type.code, name: type.name },
    regionCode,
    regionName: region.fullName,
    regionHistorical: region.lastSeen !== 'current',
    organizationCode,
    notes,
  };
}

function regionWords(regionCode: string): string {
  const region = /^\d{6}$/.test(regionCode) ? lookupRegion(regionCode) : undefined;
  if (!region) return '（不是GB/T 2260行政区划代码）';
  if (region.lastSeen === 'current') return region.fullName;
  const y = region.lastSeen.slice(0, 4);
  const m = Number(region.lastSeen.slice(4));
  return `${region.fullName}（历史代码，最后见于GB/T 2260 ${y}年${m}月版；当时赋予的代码仍然有效）`;
}

/**
 * The code part by part in words, for a help panel or an import-error report. Parts that can be read
 * are explained even when the code is invalid (that is when an explanation helps most); the last line
 * then says what is wrong. A first line says what normalisation changed, when it changed anything.
 */
export function explainUscc(raw: string): string[] {
  const check = checkUscc(raw);
  const code = check.code;
  const pre = check.notes.length ? [`已规范化输入：${check.notes.join('，')}（按“${code}”校验）`] : [];
  const readable = [...code].length === 18 && [...code].every((c) => USCC_ALPHABET.includes(c));
  if (!check.ok && !readable) return [...pre, `不是有效的统一社会信用代码：${check.reason}`];

  const authority = USCC_AUTHORITIES.find((a) => a.code === code[0]);
  const type = authority?.types.find((t) => t.code === code[1]);
  const lines = [
    ...pre,
    `第1位“${code[0]}”：登记管理部门——${authority ? authority.name : '（未知代码）'}`,
    `第2位“${code[1]}”：机构类别——${type ? type.name : '（该登记管理部门下无此类别）'}`,
    `第3–8位“${code.slice(2, 8)}”：登记管理机关行政区划码——${regionWords(code.slice(2, 8))}`,
    `第9–17位“${code.slice(8, 17)}”：主体标识码（组织机构代码），其中第17位“${code[16]}”是按GB 11714计算的校验码`,
    `第18位“${code[17]}”：校验码（按GB 32100对前17位计算）`,
  ];
  lines.push(check.ok ? '校验通过：代码结构有效（不代表该主体已登记或仍然存续）' : `校验未通过：${check.reason}`);
  return lines;
}

/** One code's result as the CLI and the API give it. */
export interface UsccReport {
  input: string;
  code: string;
  valid: boolean;
  reason: string | null;
  notes: string[];
  explanation: string[];
}

export function reportUscc(raw: string): UsccReport {
  const check = checkUscc(raw);
  return {
    input: raw,
    code: check.code,
    valid: check.ok,
    reason: check.ok ? null : check.reason,
    notes: check.notes,
    explanation: explainUscc(raw),
  };
}

// ---------------------------------------------------------------------------------------------
// Issuing: the next organization-code body of a reserved range.

/** A tenant's reserved range of 8-character organization-code bodies (without the GB 11714 check). */
export interface BodyRange {
  first: string;
  last: string;
  /** The last body issued, or null when none yet. */
  issued: string | null;
}

const DIGITS = '0123456789';

/**
 * The characters a range counts in: digits only when both ends are all digits (the usual case:
 * "00000001"–"00099999" counts 00000009 → 00000010), otherwise the USCC alphabet (base 31, in which
 * the order of the alphabet is also the order of the strings, so "first ≤ body ≤ last" is string order).
 */
function rangeAlphabet(r: Pick<BodyRange, 'first' | 'last'>): string {
  return /^\d{8}$/.test(r.first) && /^\d{8}$/.test(r.last) ? DIGITS : USCC_ALPHABET;
}

/** Why a range is unusable, or null. */
export function rangeProblem(r: Pick<BodyRange, 'first' | 'last'>): string | null {
  for (const [label, v] of [
    ['起始', r.first],
    ['终止', r.last],
  ] as const) {
    if (v.length !== 8 || [...v].some((c) => !USCC_ALPHABET.includes(c)))
      return `号段${label}“${v}”应为8位，且只用统一社会信用代码字符（数字和除I、O、Z、S、V外的大写字母）`;
  }
  if (r.first > r.last) return `号段起始“${r.first}”大于终止“${r.last}”`;
  return null;
}

/** The body after `body` in the range's alphabet, or null past the end of 8 characters. */
function increment(body: string, alphabet: string): string | null {
  const chars = [...body];
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = alphabet.indexOf(chars[i] ?? '');
    if (at < alphabet.length - 1) {
      chars[i] = alphabet[at + 1] ?? '';
      return chars.join('');
    }
    chars[i] = alphabet[0] ?? '';
  }
  return null;
}

/**
 * The next free body of the range: the one after `issued` (or `first`), skipping bodies for which
 * `taken` says yes (organization codes already carried by some unit or register entry). Null when
 * the range is exhausted. `skipped` lists what was passed over, for the audit row.
 */
export function nextOrganizationBody(
  r: BodyRange,
  taken: (body: string) => boolean = () => false,
): { body: string; skipped: string[] } | null {
  const problem = rangeProblem(r);
  if (problem) throw new RangeError(problem);
  const alphabet = rangeAlphabet(r);
  const skipped: string[] = [];
  let candidate: string | null = r.issued === null ? r.first : increment(r.issued, alphabet);
  while (candidate !== null && candidate <= r.last) {
    if (!taken(candidate)) return { body: candidate, skipped };
    skipped.push(candidate);
    candidate = increment(candidate, alphabet);
  }
  return null;
}

/** The full code from authority + type, region and body, with both check characters. */
export function assembleUscc(prefix: string, regionCode: string, body: string): string {
  const first17 = prefix + regionCode + body + organizationCodeCheckChar(body);
  return first17 + usccCheckChar(first17);
}
