/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet —
 *   1      登记管理部门代码
 *   2      机构类别代码
 *   3–8    登记管理机关行政区划码 (GB/T 2260)
 *   9–17   主体标识码（组织机构代码, GB 11714, with its own check character at position 17)
 *   18     校验码 (MOD 31 over positions 1–17)
 * Validation and explanation only; issuing codes is a separate concern.
 */
import { PROVINCES } from '../../roster/domain/codes.js';

export interface UsccPart {
  code: string;
  name: string;
}

export type UsccCheck =
  | {
      ok: true;
      code: string;
      authority: UsccPart;
      type: UsccPart;
      regionCode: string;
      organizationCode: string;
    }
  | { ok: false; reason: string };

/** The standard's character set: digits and upper-case letters except I, O, Z, S, V (too easily misread). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const NATIONAL_REGION = '100000';

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

const PROVINCE_NAMES: ReadonlyMap<string, string> = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** Trim, full-width → half-width (Chinese IMEs), upper-case: what a clerk means when pasting a code. */
export function normalizeUscc(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
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

/** Chinese name of a region code's province, "全国" for the national 100000, else undefined. */
function regionName(region: string): string | undefined {
  if (region === NATIONAL_REGION) return '全国（国家级登记管理机关）';
  return PROVINCE_NAMES.get(region.slice(0, 2));
}

export function checkUscc(raw: string): UsccCheck {
  const code = normalizeUscc(raw);
  if (code === '') return { ok: false, reason: '未填写统一社会信用代码' };

  const chars = [...code];
  for (const [i, c] of chars.entries()) {
    if (/\s/.test(c)) return { ok: false, reason: `含空格（第${i + 1}位）` };
    if (!USCC_ALPHABET.includes(c)) {
      const hint = 'IOZSV'.includes(c) ? '：统一社会信用代码不使用字母I、O、Z、S、V' : '';
      return { ok: false, reason: `含非法字符“${c}”（第${i + 1}位）${hint}` };
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
    return { ok: false, reason: `长度应为18位（实际${chars.length}位）${hint}` };
  }

  const authority = USCC_AUTHORITIES.find((a) => a.code === code[0]);
  if (!authority) return { ok: false, reason: `第1位登记管理部门代码“${code[0]}”不存在` };

  const type = authority.types.find((t) => t.code === code[1]);
  if (!type) {
    const allowed = authority.types.map((t) => `${t.code} ${t.name}`).join('、');
    return {
      ok: false,
      reason: `第2位机构类别代码“${code[1]}”不属于登记管理部门“${authority.name}”（可为：${allowed}）`,
    };
  }

  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) {
    return { ok: false, reason: `第3–8位登记管理机关行政区划码“${region}”应为6位数字` };
  }
  // Only the province prefix is checked: a full GB/T 2260 list is a later piece of work. 100000 is
  // the national level (国家级登记管理机关, e.g. central departments and national associations).
  if (regionName(region) === undefined) {
    return {
      ok: false,
      reason: `第3–8位登记管理机关行政区划码“${region}”的省级代码“${region.slice(0, 2)}”不存在`,
    };
  }

  const organizationCode = code.slice(8, 17);
  const expectedOrg = organizationCodeCheckChar(organizationCode.slice(0, 8));
  if (expectedOrg !== organizationCode[8]) {
    return {
      ok: false,
      reason: `第9–17位组织机构代码校验不通过：第17位应为${expectedOrg}，实际为${organizationCode[8]}`,
    };
  }

  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, reason: `第18位校验码应为${expected}，实际为${code[17]}` };

  return {
    ok: true,
    code,
    authority: { code: authority.code, name: authority.name },
    type: { code: type.code, name: type.name },
    regionCode: region,
    organizationCode,
  };
}

/**
 * The code part by part in words, for a help panel or an import-error report. Parts that can be read
 * are explained even when the code is invalid (that is when an explanation helps most); the last line
 * then says what is wrong.
 */
export function explainUscc(raw: string): string[] {
  const code = normalizeUscc(raw);
  const check = checkUscc(code);
  const readable = [...code].length === 18 && [...code].every((c) => USCC_ALPHABET.includes(c));
  if (!check.ok && !readable) return [`不是有效的统一社会信用代码：${check.reason}`];

  const authority = USCC_AUTHORITIES.find((a) => a.code === code[0]);
  const type = authority?.types.find((t) => t.code === code[1]);
  const region = code.slice(2, 8);
  const province = /^\d{6}$/.test(region) ? regionName(region) : undefined;
  const lines = [
    `第1位“${code[0]}”：登记管理部门——${authority ? authority.name : '（未知代码）'}`,
    `第2位“${code[1]}”：机构类别——${type ? type.name : '（该登记管理部门下无此类别）'}`,
    `第3–8位“${region}”：登记管理机关行政区划码——${province ?? '（无法识别）'}`,
    `第9–17位“${code.slice(8, 17)}”：主体标识码（组织机构代码），其中第17位“${code[16]}”是按GB 11714计算的校验码`,
    `第18位“${code[17]}”：校验码（按GB 32100对前17位计算）`,
  ];
  lines.push(check.ok ? '校验通过：代码结构有效（不代表该主体已登记或仍然存续）' : `校验未通过：${check.reason}`);
  return lines;
}
