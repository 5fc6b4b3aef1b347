import { describe, expect, it } from 'vitest';
import gb2260 from './data/gb2260.json' with { type: 'json' };
import { lookupRegion, regionCount } from './regions.js';
import {
  assembleUscc,
  checkUscc,
  explainUscc,
  nextOrganizationBody,
  organizationCodeCheckChar,
  rangeProblem,
  reportUscc,
  USCC_ALPHABET,
  USCC_AUTHORITIES,
  usccCheckChar,
} from './uscc.js';

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
      regionName: '福建省 福州市',
      regionHistorical: false,
      organizationCode: 'M000100Y4',
      notes: [],
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

  it('normalises case, full-width characters and spaces, and says so', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toMatchObject({
      ok: true,
      code: SAMPLE,
      notes: ['空格已去除', '小写字母已转为大写'],
    });
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({
      ok: true,
      code: SAMPLE,
      notes: ['全角字符已转为半角'],
    });
    // Grouped for reading, with an ideographic space and a zero-width space from a web page.
    expect(checkUscc('913501\u3000 00M0 001\u200B00Y43')).toMatchObject({
      ok: true,
      code: SAMPLE,
      notes: ['空格已去除'],
    });
    expect(checkUscc('９１３５０１００ｍ０００１００ｙ４３')).toMatchObject({
      ok: true,
      notes: ['全角字符已转为半角', '小写字母已转为大写'],
    });
    expect(checkUscc(SAMPLE)).toMatchObject({ ok: true, notes: [] });
  });

  it('does not normalise what is not safe: a hyphen or a look-alike letter stays an error', () => {
    expect(reason('91350100M000100Y-43')).toBe('含非法字符“-”（第17位）');
    expect(reason('9135O100M000100Y43')).toMatch(/^含非法字符“O”（第5位）/);
  });
});

describe('checkUscc: each rule broken once', () => {
  it('empty', () => expect(reason('  ')).toBe('未填写统一社会信用代码'));

  it('characters outside the alphabet, with the excluded letters explained', () => {
    expect(reason('91350100M0001OOY43')).toBe('含非法字符“O”（第14位）：统一社会信用代码不使用字母I、O、Z、S、V');
    for (const c of 'IZSV') expect(reason(`9135010${c}M000100Y43`)).toMatch(`含非法字符“${c}”（第8位）：`);
    expect(reason('91350100-M000100Y43')).toBe('含非法字符“-”（第9位）');
    expect(reason('91350100\tM000100Y43')).toBe('ok'); // whitespace is removed, not an error
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

  it('region code that is not six digits or not in GB/T 2260', () => {
    const notInList = (r: string) =>
      `第3–8位登记管理机关行政区划码“${r}”不是GB/T 2260行政区划代码（已含2002年以来撤销的历史代码）`;
    expect(reason(build('9135A100', 'M000100Y'))).toBe('第3–8位登记管理机关行政区划码“35A100”应为6位数字');
    expect(reason(build('91990100', 'M000100Y'))).toBe(notInList('990100'));
    // 83 is only for 台湾居民居住证 numbers, never an organisation's registration region.
    expect(reason(build('91830000', 'M000100Y'))).toBe(notInList('830000'));
    // 10 is only valid as the national level 100000.
    expect(reason(build('91100100', 'M000100Y'))).toBe(notInList('100100'));
    // A real province with a county number that never existed: the whole code is checked, not the prefix.
    expect(reason(build('91350199', 'M000100Y'))).toBe(notInList('350199'));
    expect(reason(build('91110199', 'M000100Y'))).toBe(notInList('110199'));
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
      '第3–8位“350100”：登记管理机关行政区划码——福建省 福州市',
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
    expect(lines[2]).toBe('第3–8位“990100”：登记管理机关行政区划码——（不是GB/T 2260行政区划代码）');
    expect(lines.at(-1)).toBe('校验未通过：第1位登记管理部门代码“B”不存在');
  });

  it('gives a single line when the code cannot be read at all', () => {
    expect(explainUscc('91350100M0001')).toEqual(['不是有效的统一社会信用代码：长度应为18位（实际13位）']);
  });
});

describe('check characters at every position', () => {
  // GB 32100-2015 table of weights: 3^(i−1) mod 31.
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  it('the weights are the powers of 3 mod 31', () => {
    expect(W.map((_, i) => Number(3n ** BigInt(i) % 31n))).toEqual(W);
  });

  it('GB 32100: every character at every one of positions 1–17 moves the check by its weight', () => {
    for (let i = 0; i < 17; i++) {
      for (const [v, c] of [...USCC_ALPHABET].entries()) {
        const first17 = '0'.repeat(i) + c + '0'.repeat(16 - i);
        expect(usccCheckChar(first17), first17).toBe(USCC_ALPHABET[(31 - ((v * W[i]!) % 31)) % 31]);
      }
    }
  });

  it('GB 11714: every character at every one of positions 1–8, letters worth A=10 … Z=35', () => {
    const w = [3, 7, 9, 10, 5, 8, 4, 2];
    for (let i = 0; i < 8; i++) {
      for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        const body = '0'.repeat(i) + c + '0'.repeat(7 - i);
        const r = 11 - ((parseInt(c, 36) * w[i]!) % 11);
        expect(organizationCodeCheckChar(body), body).toBe(r === 10 ? 'X' : r === 11 ? '0' : String(r));
      }
    }
  });
});

describe('every registration authority and type', () => {
  it.each(USCC_AUTHORITIES.flatMap((a) => a.types.map((t) => [a.code + t.code, a.name, t.name] as const)))(
    'prefix %s is %s · %s',
    (prefix, authority, type) => {
      const code = assembleUscc(prefix, '510800', '0000123A');
      expect(checkUscc(code)).toMatchObject({ ok: true, authority: { name: authority }, type: { name: type } });
    },
  );

  it('机构编制 names the four types the staffing office registers', () => {
    const names = (p: string) =>
      (checkUscc(assembleUscc(p, '510800', '00000001')) as { type: { name: string } }).type.name;
    expect(['11', '12', '13', '19'].map(names)).toEqual([
      '机关',
      '事业单位',
      '中央编办直接管理机构编制的群众团体',
      '其他',
    ]);
  });
});

describe('every single-character substitution and adjacent transposition is rejected', () => {
  const codes = [
    SAMPLE,
    build('11510800', '00000001'),
    build('12510800', '00000001'),
    build('13100000', '40000123'),
    build('53100000', '50000123'),
    build('93650102', 'MA0000XY'),
    build('N2510800', 'MH000001'),
    assembleUscc('11', '110105', '0000000X'),
  ];
  /** Whether the GB 32100 check alone (position 18) rejects a mutated code. */
  const finalCheckRejects = (m: string) => usccCheckChar(m.slice(0, 17)) !== m[17];

  it('substitutions: all 30 other characters at all 18 positions', () => {
    let n = 0;
    for (const code of codes) {
      expect(checkUscc(code).ok, code).toBe(true);
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_ALPHABET) {
          if (c === code[i]) continue;
          const m = code.slice(0, i) + c + code.slice(i + 1);
          expect(checkUscc(m).ok, m).toBe(false);
          // The reason given may be an earlier rule (region, authority …), but the final check alone
          // would have caught it too: the claim made in uscc.ts.
          expect(finalCheckRejects(m), m).toBe(true);
          n++;
        }
      }
    }
    expect(n).toBe(codes.length * 18 * 30);
  });

  it('transpositions: every pair of unequal neighbours, including the check character itself', () => {
    let n = 0;
    for (const code of codes) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const m = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(checkUscc(m).ok, m).toBe(false);
        expect(finalCheckRejects(m), m).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(codes.length * 8);
  });

  it('also for random codes of every position (a seeded sweep over 300 codes)', () => {
    let seed = 20151001;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    for (let k = 0; k < 300; k++) {
      const first16 = Array.from({ length: 16 }, () => USCC_ALPHABET[rnd(31)]).join('');
      const first17 = first16 + USCC_ALPHABET[rnd(31)];
      const code = first17 + usccCheckChar(first17);
      for (let i = 0; i < 18; i++) {
        const c = USCC_ALPHABET[(USCC_ALPHABET.indexOf(code[i]!) + 1 + rnd(30)) % 31]!;
        expect(finalCheckRejects(code.slice(0, i) + c + code.slice(i + 1))).toBe(true);
        if (i < 17 && code[i] !== code[i + 1])
          expect(finalCheckRejects(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(true);
      }
    }
  });
});

describe('region codes (GB/T 2260, shipped as data)', () => {
  it('ships the county-level list with its historical codes', () => {
    const { current, historical } = regionCount();
    expect(current).toBeGreaterThan(3000);
    expect(historical).toBeGreaterThan(300);
  });

  it('names province, prefecture and county', () => {
    expect(lookupRegion('440305')).toMatchObject({
      name: '南山区',
      fullName: '广东省 深圳市 南山区',
      lastSeen: 'current',
    });
    expect(lookupRegion('110105')?.fullName).toBe('北京市 朝阳区'); // 110100 "市辖区" is a grouping, not a name
    expect(lookupRegion('510800')?.fullName).toBe('四川省 广元市');
    expect(lookupRegion('100000')?.fullName).toBe('全国（国家级登记管理机关）');
    expect(lookupRegion('999999')).toBeUndefined();
    expect(lookupRegion('11010')).toBeUndefined();
  });

  it('accepts a code abolished since (崇文区, merged into 东城区 in 2010) and says it is historical', () => {
    expect(lookupRegion('110103')).toMatchObject({ name: '崇文区', lastSeen: '200912' });
    const code = build('12110103', '40000001');
    expect(checkUscc(code)).toMatchObject({ ok: true, regionName: '北京市 崇文区', regionHistorical: true });
    expect(explainUscc(code)[2]).toBe(
      '第3–8位“110103”：登记管理机关行政区划码——北京市 崇文区（历史代码，最后见于GB/T 2260 2009年12月版；当时赋予的代码仍然有效）',
    );
  });

  it('accepts every code of the shipped list in position 3–8, and the known counties of 广元市', () => {
    for (const r of Object.keys(gb2260.codes)) expect(checkUscc(assembleUscc('12', r, '00000001')).ok, r).toBe(true);
    for (const r of ['510802', '510811', '510812', '510821', '510822', '510823', '510824'])
      expect(lookupRegion(r)?.fullName, r).toMatch(/^四川省 广元市 /);
  });
});

describe('explanations and reports', () => {
  it('says first what normalisation changed', () => {
    expect(explainUscc(' 91350100m000100y43')[0]).toBe(
      `已规范化输入：空格已去除，小写字母已转为大写（按“${SAMPLE}”校验）`,
    );
  });

  it('reports one code as the CLI and API give it', () => {
    expect(reportUscc('91350100M000100Y44')).toEqual({
      input: '91350100M000100Y44',
      code: '91350100M000100Y44',
      valid: false,
      reason: '第18位校验码应为3，实际为4',
      notes: [],
      explanation: explainUscc('91350100M000100Y44'),
    });
    expect(reportUscc(SAMPLE)).toMatchObject({ valid: true, reason: null });
  });
});

describe('issuing: the next organization code of a range', () => {
  it('starts at the first body, then counts on from the last issued', () => {
    expect(nextOrganizationBody({ first: '00000001', last: '00000100', issued: null })).toEqual({
      body: '00000001',
      skipped: [],
    });
    expect(nextOrganizationBody({ first: '00000001', last: '00000100', issued: '00000009' })?.body).toBe('00000010');
    expect(nextOrganizationBody({ first: '00000001', last: '00000100', issued: '00000099' })?.body).toBe('00000100');
  });

  it('a numeric range counts in digits; a range with letters counts in the USCC alphabet', () => {
    expect(nextOrganizationBody({ first: '0000000A', last: '000000YY', issued: '0000000H' })?.body).toBe('0000000J');
    expect(nextOrganizationBody({ first: '0000000A', last: '000000YY', issued: '0000000Y' })?.body).toBe('00000010');
    expect(nextOrganizationBody({ first: 'MB000000', last: 'MB00YYYY', issued: 'MB000009' })?.body).toBe('MB00000A');
  });

  it('skips bodies already carried by another unit, and lists them', () => {
    const taken = new Set(['00000002', '00000003']);
    expect(
      nextOrganizationBody({ first: '00000001', last: '00000009', issued: '00000001' }, (b) => taken.has(b)),
    ).toEqual({
      body: '00000004',
      skipped: ['00000002', '00000003'],
    });
  });

  it('is null when the range is exhausted (also when every remaining body is taken)', () => {
    expect(nextOrganizationBody({ first: '00000001', last: '00000005', issued: '00000005' })).toBeNull();
    expect(nextOrganizationBody({ first: '00000001', last: '00000005', issued: '00000003' }, () => true)).toBeNull();
    expect(nextOrganizationBody({ first: 'YYYYYYYX', last: 'YYYYYYYY', issued: 'YYYYYYYY' })).toBeNull();
  });

  it('refuses a malformed range', () => {
    expect(rangeProblem({ first: '00000010', last: '00000001' })).toBe('号段起始“00000010”大于终止“00000001”');
    expect(rangeProblem({ first: '0000001', last: '00000009' })).toMatch(/^号段起始“0000001”应为8位/);
    expect(rangeProblem({ first: '0000000I', last: '00000009' })).toMatch(/^号段起始“0000000I”应为8位/);
    expect(() => nextOrganizationBody({ first: '9', last: '1', issued: null })).toThrow(RangeError);
  });

  it('assembles a valid code with both check characters', () => {
    const code = assembleUscc('11', '510800', '00000001');
    expect(code).toBe(`11510800000000019${usccCheckChar('11510800000000019')}`);
    expect(checkUscc(code)).toMatchObject({ ok: true, type: { name: '机关' }, organizationCode: '000000019' });
    // Every body of a small range gives a valid code.
    let r = nextOrganizationBody({ first: '0000000A', last: '000000YY', issued: null });
    let issued = 0;
    while (r) {
      expect(checkUscc(assembleUscc('13', '510800', r.body)).ok, r.body).toBe(true);
      issued++;
      r = nextOrganizationBody({ first: '0000000A', last: '000000YY', issued: r.body });
    }
    expect(issued).toBe(31 * 31 - 10);
  });
});
