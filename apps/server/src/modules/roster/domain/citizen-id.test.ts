import { describe, expect, it } from 'vitest';
import {
  checkCitizenId,
  citizenIdCheckChar,
  crossCheck,
  maskCitizenId,
  syntheticCitizenId,
  upgradeFifteen,
} from './citizen-id.js';

// A fixed "today" (Beijing time) so that the future-date rule does not drift.
const TODAY = new Date('2025-06-01T12:00:00+08:00');
const opts = { today: TODAY };

/**
 * Independent MOD 11-2 (the recursive form of ISO 7064, not the weight table the implementation
 * uses), so a wrong weight or mapping in the code cannot hide behind the same mistake here.
 */
function withCheck(first17: string): string {
  let p = 0;
  for (const d of first17) p = ((p + Number(d)) * 2) % 11;
  const c = (12 - p) % 11;
  return first17 + (c === 10 ? 'X' : String(c));
}

/** Small seeded PRNG (mulberry32) so synthetic-ID tests are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('checkCitizenId: valid numbers', () => {
  it('accepts the widely published sample 11010519491231002X', () => {
    expect(checkCitizenId('11010519491231002X', opts)).toEqual({
      ok: true,
      id: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('agrees with the independent check computation', () => {
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    for (const first17 of ['51080219900101123', '44030420000229001', '65010219850715456', '83000019951010002']) {
      expect(citizenIdCheckChar(first17)).toBe(withCheck(first17).slice(17));
    }
  });

  it.each([
    ['51080219900101123', 'male', '1990-01-01'],
    ['44030420000229002', 'female', '2000-02-29'], // 2000 is a leap year
    ['65010219000101001', 'male', '1900-01-01'], // earliest accepted date
    ['81000019800808004', 'female', '1980-08-08'], // 港澳居民居住证
    ['83000019951010007', 'male', '1995-10-10'], // 台湾居民居住证 use 83
    ['71000019700101002', 'female', '1970-01-01'],
  ] as const)('accepts %s…', (first17, sex, birthDate) => {
    const id = withCheck(first17);
    expect(checkCitizenId(id, opts)).toEqual({ ok: true, id, regionCode: first17.slice(0, 6), birthDate, sex });
  });

  it('normalises spaces around it, full-width digits and lower-case x', () => {
    expect(checkCitizenId('  11010519491231002x ', opts)).toMatchObject({ ok: true, id: '11010519491231002X' });
    expect(checkCitizenId('１１０１０５１９４９１２３１００２Ｘ', opts)).toMatchObject({
      ok: true,
      id: '11010519491231002X',
    });
    expect(checkCitizenId('11010519491231002ｘ', opts)).toMatchObject({ ok: true });
  });

  it('accepts a birth date of today in China even when UTC is still on the previous day', () => {
    const id = withCheck('11010520250601001');
    // 2025-05-31 16:30 UTC is 2025-06-01 00:30 in Beijing.
    expect(checkCitizenId(id, { today: new Date('2025-05-31T16:30:00Z') }).ok).toBe(true);
    expect(checkCitizenId(id, { today: new Date('2025-05-31T15:30:00Z') })).toEqual({
      ok: false,
      reason: '出生日期20250601晚于今天（20250531）',
    });
  });
});

describe('checkCitizenId: each rule broken once', () => {
  const reason = (raw: string) => {
    const r = checkCitizenId(raw, opts);
    return r.ok ? 'ok' : r.reason;
  };

  it('empty', () => expect(reason('   ')).toBe('未填写公民身份号码'));

  it('wrong check character', () => {
    expect(reason('110105194912310023')).toBe('第18位校验码应为X，实际为3');
    expect(reason(`${withCheck('51080219900101123').slice(0, 17)}X`)).toMatch(/^第18位校验码应为\d，实际为X$/);
  });

  it('impossible calendar dates', () => {
    expect(reason(withCheck('51080219900230123'))).toBe('出生日期19900230不是有效日期');
    expect(reason(withCheck('51080219000229123'))).toBe('出生日期19000229不是有效日期'); // 1900 not leap
    expect(reason(withCheck('51080219901301123'))).toBe('出生日期19901301不是有效日期');
    expect(reason(withCheck('51080219900100123'))).toBe('出生日期19900100不是有效日期');
  });

  it('birth before 1900 or in the future', () => {
    expect(reason(withCheck('51080218991231123'))).toBe('出生日期18991231早于1900年');
    expect(reason(withCheck('51080220250602123'))).toBe('出生日期20250602晚于今天（20250601）');
    expect(reason(withCheck('51080220250601123'))).toBe('ok');
  });

  it('wrong length', () => {
    expect(reason('11010519491231002')).toBe('长度应为18位（实际17位）');
    expect(reason('11010519491231002X1')).toBe('长度应为18位（实际19位）');
    expect(reason('1101051949123')).toBe('长度应为18位（实际13位）');
  });

  it('illegal characters, named with their position', () => {
    expect(reason('1101O519491231002X')).toBe('含非法字符“O”（第5位）');
    expect(reason('110105-19491231002X')).toBe('含非法字符“-”（第7位）');
    expect(reason('110105 19491231002X')).toBe('含空格（第7位）');
  });

  it('X anywhere but the check position', () => {
    expect(reason('1101051949X231002X')).toBe('“X”只能出现在第18位校验码（出现在第11位）');
  });

  it('province codes that do not exist', () => {
    expect(reason(withCheck('99010519491231002'))).toBe('前两位省级代码“99”不存在');
    expect(reason(withCheck('91010519491231002'))).toBe('前两位省级代码“91”不存在');
    expect(reason(withCheck('16010519491231002'))).toBe('前两位省级代码“16”不存在');
    expect(reason(withCheck('00010519491231002'))).toBe('前两位省级代码“00”不存在');
  });

  it('15-digit numbers must be upgraded, and the reason says to what', () => {
    expect(reason('110105491231002')).toBe(
      '15位旧号码已停止使用，须升级为18位（在第6位后补“19”并重算校验码，应为11010519491231002X）',
    );
    expect(reason('110105490230002')).toBe(
      '15位旧号码已停止使用，须升级为18位（在第6位后补“19”并重算校验码）；按此升级后仍无效：出生日期19490230不是有效日期',
    );
  });

  it('catches every single-digit substitution in the first 17 positions', () => {
    const valid = withCheck('51080219900101123');
    for (let i = 0; i < 17; i++) {
      for (const d of '0123456789') {
        if (d === valid[i]) continue;
        const mutated = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(checkCitizenId(mutated, opts).ok, mutated).toBe(false);
      }
    }
  });
});

describe('upgradeFifteen', () => {
  it('inserts 19 and appends the check character', () => {
    expect(upgradeFifteen('110105491231002')).toBe('11010519491231002X');
    const up = upgradeFifteen('510802900101123');
    expect(up).toBe(withCheck('51080219900101123'));
    expect(checkCitizenId(up, opts).ok).toBe(true);
  });

  it('refuses anything but 15 digits', () => {
    expect(() => upgradeFifteen('11010549123100')).toThrow('15位旧号码应由15位数字组成');
    expect(() => upgradeFifteen('11010549123100X')).toThrow(RangeError);
  });
});

describe('crossCheck', () => {
  const id = '11010519491231002X'; // 1949-12-31, female

  it('finds nothing when the form agrees, in any common date notation', () => {
    expect(crossCheck(id, { birthDate: '1949-12-31', sex: 'female' }, opts)).toEqual([]);
    for (const d of ['19491231', '1949/12/31', '1949.12.31', '1949年12月31日', ' 1949-12-31 ']) {
      expect(crossCheck(id, { birthDate: d }, opts), d).toEqual([]);
    }
    expect(crossCheck(withCheck('51080219900101123'), { birthDate: '1990-1-1', sex: 'male' }, opts)).toEqual([]);
    expect(crossCheck(id, {}, opts)).toEqual([]);
    expect(crossCheck(id, { birthDate: '' }, opts)).toEqual([]);
  });

  it('reports a different birth date', () => {
    expect(crossCheck(id, { birthDate: '1949-12-30' }, opts)).toEqual([
      '出生日期填写为1949-12-30，与公民身份号码中的1949-12-31不一致',
    ]);
  });

  it('reports a different sex, explaining the 17th digit', () => {
    expect(crossCheck(id, { sex: 'male' }, opts)).toEqual([
      '性别填写为男，与公民身份号码不一致（第17位为2，偶数为女）',
    ]);
    expect(crossCheck(withCheck('51080219900101123'), { sex: 'female' }, opts)).toEqual([
      '性别填写为女，与公民身份号码不一致（第17位为3，奇数为男）',
    ]);
  });

  it('reports both mismatches at once', () => {
    expect(crossCheck(id, { birthDate: '1950-01-01', sex: 'male' }, opts)).toHaveLength(2);
  });

  it('reports an unreadable date and an invalid number', () => {
    expect(crossCheck(id, { birthDate: '1949-02-30' }, opts)).toEqual([
      '出生日期“1949-02-30”无法识别，应为yyyy-mm-dd格式的有效日期',
    ]);
    expect(crossCheck('110105194912310023', { sex: 'male' }, opts)).toEqual([
      '公民身份号码无效，无法核对：第18位校验码应为X，实际为3',
    ]);
  });
});

describe('maskCitizenId', () => {
  it('keeps the first 4 and last 4', () => {
    expect(maskCitizenId('510802199001011234')).toBe('5108**********1234');
    expect(maskCitizenId('11010519491231002x')).toBe('1101**********002X');
  });

  it('masks short input entirely rather than reveal most of it', () => {
    expect(maskCitizenId('12345678')).toBe('********');
    expect(maskCitizenId('')).toBe('');
  });
});

describe('syntheticCitizenId', () => {
  const base = {
    regionCode: '510802',
    birthFrom: new Date('1960-01-01T00:00:00+08:00'),
    birthTo: new Date('2004-12-31T00:00:00+08:00'),
  };

  it('is deterministic for the same rng sequence', () => {
    const a = Array.from({ length: 5 }, (_, i) => syntheticCitizenId(seeded(i), base));
    const b = Array.from({ length: 5 }, (_, i) => syntheticCitizenId(seeded(i), base));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(5);
  });

  it('always produces valid numbers in range, with the requested sex', () => {
    const rng = seeded(42);
    for (let i = 0; i < 300; i++) {
      const sex = i % 3 === 0 ? 'male' : i % 3 === 1 ? 'female' : undefined;
      const id = syntheticCitizenId(rng, { ...base, sex });
      const r = checkCitizenId(id, opts);
      expect(r.ok, id).toBe(true);
      if (!r.ok) continue;
      expect(r.regionCode).toBe('510802');
      expect(r.birthDate >= '1960-01-01' && r.birthDate <= '2004-12-31', r.birthDate).toBe(true);
      if (sex) expect(r.sex).toBe(sex);
      expect(id.slice(14, 17)).not.toBe('000');
    }
  });

  it('covers both ends of the range and copes with an rng returning 0 or almost 1', () => {
    const low = syntheticCitizenId(() => 0, { ...base, sex: 'female' });
    expect(low.slice(6, 17)).toBe('19600101002');
    const high = syntheticCitizenId(() => 0.999999999, { ...base, sex: 'male' });
    expect(high.slice(6, 17)).toBe('20041231999');
    expect(syntheticCitizenId(() => 1, base).slice(6, 14)).toBe('20041231');
    const oneDay = { ...base, birthTo: base.birthFrom };
    expect(syntheticCitizenId(Math.random, oneDay).slice(6, 14)).toBe('19600101');
  });

  it('refuses bad input', () => {
    expect(() => syntheticCitizenId(Math.random, { ...base, regionCode: '51080' })).toThrow('应为6位数字');
    expect(() => syntheticCitizenId(Math.random, { ...base, regionCode: '910000' })).toThrow('省级代码“91”不存在');
    expect(() =>
      syntheticCitizenId(Math.random, { ...base, birthFrom: base.birthTo, birthTo: base.birthFrom }),
    ).toThrow('起始日期晚于结束日期');
    expect(() =>
      syntheticCitizenId(Math.random, { ...base, birthFrom: new Date('1899-12-31T00:00:00+08:00') }),
    ).toThrow('不能早于1900-01-01');
    expect(() => syntheticCitizenId(() => NaN, base)).toThrow('非有限数');
  });
});
