import { describe, expect, it } from 'vitest';
import { checkUscc, explainUscc, organizationCodeCheckChar, USCC_ALPHABET, usccCheckChar } from './uscc.js';

// Widely cited valid 工商 code (福州市, 企业); anchors both check algorithms to the outside world.
const SAMPLE = '91350100M000100Y43';

/** A valid code from the first 8 characters (authority, type, region) and an 8-character org-code body. */
function build(head8: string, org8: string): string {
  const first17 = head8 + org8 + organizationCodeCheckChar(org8);
  return first17 + usccCheckChar(first17);
}

const reason = (raw: string): string => {
  const r = checkUscc(raw);
  return r.ok ? 'ok' : r.reason;
};

describe('check characters', () => {
  it('reproduce the published sample', () => {
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('GB 11714 maps 10 to X and 11 to 0', () => {
    // Weighted sums worked by hand: "00000001" → 2 → 11−2 = 9; "00000005" → 10 → 11−10 = 1.
    expect(organizationCodeCheckChar('00000001')).toBe('9');
    expect(organizationCodeCheckChar('00000005')).toBe('1');
    // sum ≡ 1 (mod 11) → 10 → X: "00000006" gives 12 ≡ 1.
    expect(organizationCodeCheckChar('00000006')).toBe('X');
    // sum ≡ 0 (mod 11) → 11 → 0.
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    // Letters count A=10 … Z=35: "0000000A" gives 20 ≡ 9 → 2.
    expect(organizationCodeCheckChar('0000000A')).toBe('2');
  });

  it('GB 32100 maps 31 back to 0', () => {
    expect(usccCheckChar('00000000000000000')).toBe('0');
    // Sum 1 (a "1" weighted 1 in position 1) → 31 − 1 = 30 → "Y", the last alphabet character.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });

  it('refuse malformed input', () => {
    expect(() => usccCheckChar('9135010')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('m000100y')).toThrow(RangeError);
  });
});

describe('checkUscc: valid codes', () => {
  it('accepts the published sample', () => {
    expect(checkUscc(SAMPLE)).toEqual({
      ok: true,
      code: SAMPLE,
      authority: { code: '9', name: '工商（市场监管）' },
      type: { code: '1', name: '企业' },
      regionCode: '350100',
      organizationCode: 'M000100Y4',
    });
  });

  it.each([
    ['12510800', '00000001', '机构编制', '事业单位'], // a 事业单位 registered by a city 编办
    ['11110000', 'MB1234AB', '机构编制', '机关'],
    ['13100000', '40000123', '机构编制', '中央编办直接管理机构编制的群众团体'], // national level 100000
    ['53100000', '50000123', '民政', '基金会'],
    ['52440300', 'MJL00001', '民政', '民办非企业单位'],
    ['93650102', 'MA0000XY', '工商（市场监管）', '农民专业合作社'],
    ['31330100', '12345678', '司法行政', '律师执业机构'],
    ['A1110000', 'MA000001', '中央军委改革和编制办公室', '军队事业单位'],
    ['N2510800', 'MH000001', '农业', '村级集体经济组织'],
    ['Y1110000', 'MC000001', '其他', '其他（不再细分）'],
  ])('accepts %s%s…', (head8, org8, authority, type) => {
    const code = build(head8, org8);
    const r = checkUscc(code);
    expect(r).toMatchObject({ ok: true, code, authority: { name: authority }, type: { name: type } });
  });

  it('normalises case, full-width characters and surrounding spaces', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toMatchObject({ ok: true, code: SAMPLE });
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true, code: SAMPLE });
  });

  it('catches every single-character substitution at every position', () => {
    const codes = [SAMPLE, build('12510800', '00000001'), build('53100000', '50000123')];
    for (const code of codes) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_ALPHABET) {
          if (c === code[i]) continue;
          const mutated = code.slice(0, i) + c + code.slice(i + 1);
          expect(checkUscc(mutated).ok, mutated).toBe(false);
        }
      }
    }
  });
});

describe('checkUscc: each rule broken once', () => {
  it('empty', () => expect(reason('  ')).toBe('未填写统一社会信用代码'));

  it('characters outside the alphabet, with the excluded letters explained', () => {
    expect(reason('91350100M0001OOY43')).toBe('含非法字符“O”（第14位）：统一社会信用代码不使用字母I、O、Z、S、V');
    for (const c of 'IZSV') expect(reason(`9135010${c}M000100Y43`)).toMatch(`含非法字符“${c}”（第8位）：`);
    expect(reason('91350100-M000100Y43')).toBe('含非法字符“-”（第9位）');
    expect(reason('91350100 M000100Y43')).toBe('含空格（第9位）');
  });

  it('wrong length, recognising the identifiers it replaced', () => {
    expect(reason('91350100M000100Y4')).toBe('长度应为18位（实际17位）');
    expect(reason('91350100M000100Y433')).toBe('长度应为18位（实际19位）');
    expect(reason('350100000012345')).toBe(
      '长度应为18位（实际15位）；15位数字是旧的工商注册号，请填写18位统一社会信用代码',
    );
    expect(reason('M000100Y4')).toBe('长度应为18位（实际9位）；9位是组织机构代码，请填写18位统一社会信用代码');
  });

  it('unknown registration authority', () => {
    expect(reason(build('B1350100', 'M000100Y'))).toBe('第1位登记管理部门代码“B”不存在');
    expect(reason(build('01350100', 'M000100Y'))).toBe('第1位登记管理部门代码“0”不存在');
  });

  it('type not defined for the authority, listing the allowed ones', () => {
    expect(reason(build('14350100', 'M000100Y'))).toBe(
      '第2位机构类别代码“4”不属于登记管理部门“机构编制”（可为：1 机关、2 事业单位、3 中央编办直接管理机构编制的群众团体、9 其他）',
    );
    expect(reason(build('99350100', 'M000100Y'))).toBe(
      '第2位机构类别代码“9”不属于登记管理部门“工商（市场监管）”（可为：1 企业、2 个体工商户、3 农民专业合作社）',
    );
    expect(reason(build('Y2350100', 'M000100Y'))).toMatch(/^第2位机构类别代码“2”不属于登记管理部门“其他”/);
  });

  it('region code that is not six digits or has no such province', () => {
    expect(reason(build('9135A100', 'M000100Y'))).toBe('第3–8位登记管理机关行政区划码“35A100”应为6位数字');
    expect(reason(build('91990100', 'M000100Y'))).toBe('第3–8位登记管理机关行政区划码“990100”的省级代码“99”不存在');
    // 83 is only for 台湾居民居住证 numbers, never an organisation's registration region.
    expect(reason(build('91830000', 'M000100Y'))).toBe('第3–8位登记管理机关行政区划码“830000”的省级代码“83”不存在');
    // 10 is only valid as the national level 100000.
    expect(reason(build('91100100', 'M000100Y'))).toBe('第3–8位登记管理机关行政区划码“100100”的省级代码“10”不存在');
  });

  it('organization code check (position 17)', () => {
    expect(reason('91350100M000100Y53')).toBe('第9–17位组织机构代码校验不通过：第17位应为4，实际为5');
  });

  it('final check character (position 18)', () => {
    expect(reason('91350100M000100Y44')).toBe('第18位校验码应为3，实际为4');
    expect(reason('91350100M000100Y4X')).toBe('第18位校验码应为3，实际为X');
  });
});

describe('explainUscc', () => {
  it('explains each part of a valid code', () => {
    expect(explainUscc(SAMPLE)).toEqual([
      '第1位“9”：登记管理部门——工商（市场监管）',
      '第2位“1”：机构类别——企业',
      '第3–8位“350100”：登记管理机关行政区划码——福建省',
      '第9–17位“M000100Y4”：主体标识码（组织机构代码），其中第17位“4”是按GB 11714计算的校验码',
      '第18位“3”：校验码（按GB 32100对前17位计算）',
      '校验通过：代码结构有效（不代表该主体已登记或仍然存续）',
    ]);
  });

  it('names the national level', () => {
    expect(explainUscc(build('13100000', '40000123'))[2]).toBe(
      '第3–8位“100000”：登记管理机关行政区划码——全国（国家级登记管理机关）',
    );
  });

  it('still explains a readable but invalid code, ending with the problem', () => {
    const lines = explainUscc('B1990100M000100Y44');
    expect(lines[0]).toBe('第1位“B”：登记管理部门——（未知代码）');
    expect(lines[1]).toBe('第2位“1”：机构类别——（该登记管理部门下无此类别）');
    expect(lines[2]).toBe('第3–8位“990100”：登记管理机关行政区划码——（无法识别）');
    expect(lines.at(-1)).toBe('校验未通过：第1位登记管理部门代码“B”不存在');
  });

  it('gives a single line when the code cannot be read at all', () => {
    expect(explainUscc('91350100M0001')).toEqual(['不是有效的统一社会信用代码：长度应为18位（实际13位）']);
  });
});
