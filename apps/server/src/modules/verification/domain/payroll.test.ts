import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../roster/domain/citizen-id.js';
import { comparePayroll, type IndexedEntry, type PlacedPerson } from './compare.js';
import { parseCsv } from './csv.js';
import { analysePayroll, findHeader, normaliseName, PayrollFormatError, redactReason } from './payroll.js';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);
const A = id('51040219900101001');
const B = id('51040219900202002');

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, line breaks inside quotes, CRLF, a BOM and a final line break', () => {
    const text = '\uFEFF姓名,单位\r\n"张,三","区""审计""局"\r\n"多\n行",x\n';
    expect(parseCsv(text)).toEqual([
      ['姓名', '单位'],
      ['张,三', '区"审计"局'],
      ['多\n行', 'x'],
    ]);
  });

  it('keeps empty fields and empty lines, and bounds the number of rows', () => {
    expect(parseCsv('a,,b\n\nc')).toEqual([['a', '', 'b'], [''], ['c']]);
    expect(() => parseCsv('1\n2\n3\n', 2)).toThrow(/超过2行/);
  });
});

describe('normaliseName', () => {
  it('folds full-width forms and the ideographic space, drops whitespace and ignores case', () => {
    expect(normaliseName(' 区统计局\u3000（普查中心） ')).toBe(normaliseName('区统计局(普查中心)'));
    expect(normaliseName('ＡＢＣ 局')).toBe('abc局');
  });
});

describe('findHeader', () => {
  it('finds the header below a title, with aliases and required-field marks', () => {
    const h = findHeader([['2025年6月统发工资名单'], [], ['序号', '*姓 名', '公民身份号码', '单位名称：']]);
    expect(h).toEqual({ row: 3, columns: { name: 1, citizenId: 2, unit: 3 } });
  });

  it('says which column is missing from the row that looks like a header', () => {
    const run = () => findHeader([['标题'], ['姓名', '身份证号', '工资']]);
    expect(run).toThrow(PayrollFormatError);
    expect(run).toThrow(/第2行像是表头，但缺少“单位”（或“单位名称”）列/);
  });
});

describe('analysePayroll', () => {
  it('checks every row: invalid and missing IDs with the reason, duplicates naming both rows, blank and total rows skipped', () => {
    const bad = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');
    const rows = [
      ['姓名', '身份证号', '单位'],
      ['张三', A, '区审计局'],
      ['李四', bad, '区审计局'],
      [],
      ['王五', '', '区审计局'],
      ['赵六', B.toLowerCase(), ''],
      ['张三', ` ${A} `, '区审计局'],
      ['', '', '', '合计'],
    ];
    const r = analysePayroll(rows);
    expect(r.headerRow).toBe(1);
    expect(r.rows).toBe(5);
    expect(r.entries.map((e) => [e.row, e.name, e.citizenId])).toEqual([
      [2, '张三', A],
      [6, '赵六', B],
    ]);
    expect(r.problems.map((p) => [p.row, p.reason])).toEqual([
      [3, `身份证号无效：第18位校验码应为${A[17]}，实际为${bad[17]}`],
      [5, '未填写公民身份号码'],
      [6, '未填写单位，无法核对单位'],
      [7, '身份证号重复：第2行与第7行为同一号码，按第2行核查'],
    ]);
    expect(r.problems[0]!.citizenId).toBe(`${bad.slice(0, 4)}**********${bad.slice(-4)}`);
  });

  it('never quotes a whole ID in a reason (a 15-digit number is told its 18-digit upgrade)', () => {
    const r = analysePayroll([
      ['姓名', '身份证号', '单位'],
      ['钱七', '510402900101001', '区审计局'],
    ]);
    expect(r.problems[0]!.reason).toMatch(/15位旧号码/);
    expect(r.problems[0]!.reason).not.toMatch(/\d{15}/);
    expect(redactReason('应为510402199001010012）')).toBe('应为5104**********0012）');
  });
});

describe('comparePayroll', () => {
  const placed = (index: string, unitId: string, name: string): PlacedPerson => ({
    personId: index,
    name,
    citizenIdMasked: '',
    index,
    unitId,
    unitName: unitId === 'u1' ? '区审计局' : '区统计局',
    type: 'administrative',
    validFrom: '2025-01-01',
  });
  const entry = (index: string, name: string, unit: string): IndexedEntry => ({
    row: 0,
    name,
    citizenId: '',
    index,
    unit,
  });
  it('sorts persons into matched, paid-not-placed, placed-not-paid, unit mismatch and name mismatch', () => {
    const units = new Map([
      ['u1', new Set([normaliseName('区审计局')])],
      ['u2', new Set([normaliseName('区统计局'), normaliseName('统计局')])],
    ]);
    const c = comparePayroll(
      [
        entry('a', '张三', '区审计局'),
        entry('b', '李四', '区审计局'),
        entry('x', '某', '区审计局'),
        entry('d', '赵 六', ' 统计局 '),
      ],
      [placed('a', 'u1', '张三'), placed('b', 'u2', '李四'), placed('c', 'u1', '王五'), placed('d', 'u2', '赵六')],
      units,
    );
    expect(c.matched).toBe(2);
    expect(c.paidNotPlaced.map((e) => e.index)).toEqual(['x']);
    expect(c.placedNotPaid.map((p) => p.name)).toEqual(['王五']);
    expect(c.unitMismatch.map((m) => m.placed.name)).toEqual(['李四']);
    expect(c.nameMismatch).toEqual([]);
    const renamed = comparePayroll([entry('a', '张山', '区审计局')], [placed('a', 'u1', '张三')], units);
    expect(renamed.nameMismatch.map((m) => m.entry.name)).toEqual(['张山']);
  });
});
