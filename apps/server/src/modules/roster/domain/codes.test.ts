import { describe, expect, it } from 'vitest';
import {
  codeName,
  EDUCATION_LEVELS,
  educationCategory,
  ETHNICITIES,
  POLITICAL_STATUSES,
  PROVINCES,
  SEXES,
  type CodeEntry,
} from './codes.js';

const lists: [string, readonly CodeEntry[]][] = [
  ['ETHNICITIES', ETHNICITIES],
  ['POLITICAL_STATUSES', POLITICAL_STATUSES],
  ['EDUCATION_LEVELS', EDUCATION_LEVELS],
  ['SEXES', SEXES],
  ['PROVINCES', PROVINCES],
];

describe('code lists', () => {
  it.each(lists)('%s has unique codes and unique, non-empty names', (_, list) => {
    expect(new Set(list.map((e) => e.code)).size).toBe(list.length);
    expect(new Set(list.map((e) => e.name)).size).toBe(list.length);
    for (const e of list) expect(e.name.trim()).not.toBe('');
  });

  it.each(lists.filter(([n]) => n !== 'SEXES'))('%s uses two-digit codes in ascending order', (_, list) => {
    for (const e of list) expect(e.code).toMatch(/^\d{2}$/);
    const codes = list.map((e) => e.code);
    expect([...codes].sort()).toEqual(codes);
  });

  it('ethnicities: the 56 groups numbered 01–56, plus 97 and 98', () => {
    const codes = ETHNICITIES.map((e) => e.code);
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98']);
    for (const e of ETHNICITIES.slice(0, 56)) expect(e.name).toMatch(/族$/);
    expect(codeName(ETHNICITIES, '01')).toBe('汉族');
    expect(codeName(ETHNICITIES, '02')).toBe('蒙古族');
    expect(codeName(ETHNICITIES, '10')).toBe('朝鲜族');
    expect(codeName(ETHNICITIES, '56')).toBe('基诺族');
    expect(codeName(ETHNICITIES, '97')).toBe('其他');
    expect(codeName(ETHNICITIES, '98')).toBe('外国血统中国籍人士');
  });

  it('political statuses: 01–13 in the standard order', () => {
    expect(POLITICAL_STATUSES.map((e) => e.code)).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(codeName(POLITICAL_STATUSES, '01')).toBe('中共党员');
    expect(codeName(POLITICAL_STATUSES, '03')).toBe('共青团员');
    expect(codeName(POLITICAL_STATUSES, '10')).toBe('九三学社社员');
    expect(codeName(POLITICAL_STATUSES, '13')).toBe('群众');
  });

  it('education levels: every detailed code sits under a category that exists', () => {
    const categories = EDUCATION_LEVELS.filter((e) => e.code.endsWith('0')).map((e) => e.code);
    expect(categories).toEqual(['10', '20', '30', '40', '60', '70', '80', '90']);
    for (const e of EDUCATION_LEVELS) {
      expect(categories, e.code).toContain(educationCategory(e.code));
    }
    expect(codeName(EDUCATION_LEVELS, '11')).toBe('博士研究生毕业');
    expect(codeName(EDUCATION_LEVELS, '14')).toBe('硕士研究生毕业');
    expect(codeName(EDUCATION_LEVELS, '21')).toBe('大学本科毕业');
    expect(codeName(EDUCATION_LEVELS, '31')).toBe('大学专科毕业');
    expect(educationCategory('14')).toBe('10');
    expect(educationCategory('47')).toBe('40');
    expect(educationCategory('50')).toBeUndefined();
  });

  it('sex: GB/T 2261.1 1 男, 2 女', () => {
    expect(SEXES).toEqual([
      { code: '1', name: '男' },
      { code: '2', name: '女' },
    ]);
  });

  it('provinces: 31 mainland divisions plus 71, 81, 82; no 83 or 91', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(codeName(PROVINCES, '51')).toBe('四川省');
    expect(codeName(PROVINCES, '83')).toBeUndefined();
    expect(codeName(PROVINCES, '91')).toBeUndefined();
  });

  it('codeName is undefined for unknown codes and does not trim or pad', () => {
    expect(codeName(ETHNICITIES, '57')).toBeUndefined();
    expect(codeName(ETHNICITIES, '1')).toBeUndefined();
    expect(codeName(ETHNICITIES, '')).toBeUndefined();
  });
});
