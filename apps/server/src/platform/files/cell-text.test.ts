import { describe, expect, it } from 'vitest';
import { cellToDisplay, formatExcelDate } from './cell-text.js';

describe('cellToDisplay', () => {
  it('converts each exceljs value shape to its display string', () => {
    expect(cellToDisplay(null)).toBe('');
    expect(cellToDisplay(undefined)).toBe('');
    expect(cellToDisplay('预算')).toBe('预算');
    expect(cellToDisplay(1234.5)).toBe('1234.5');
    expect(cellToDisplay(true)).toBe('TRUE');
    expect(cellToDisplay(new Date(Date.UTC(2024, 2, 9)))).toBe('2024-03-09');
    expect(cellToDisplay({ formula: 'A1*2', result: 42 })).toBe('42');
    expect(cellToDisplay({ sharedFormula: 'A1', result: new Date(Date.UTC(2023, 11, 31)) })).toBe('2023-12-31');
    expect(cellToDisplay({ formula: 'NOW()' })).toBe('');
    expect(cellToDisplay({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(cellToDisplay({ richText: [{ text: '部门' }, { text: '整体', font: { bold: true } }] })).toBe('部门整体');
    expect(cellToDisplay({ text: '链接', hyperlink: 'https://example.gov.cn' })).toBe('链接');
    expect(cellToDisplay({ text: { richText: [{ text: '富' }, { text: '文本' }] }, hyperlink: 'x' })).toBe('富文本');
    expect(cellToDisplay({ error: '#N/A' })).toBe('#N/A');
  });

  it('keeps a time of day instead of silently dropping it', () => {
    expect(formatExcelDate(new Date(Date.UTC(2024, 0, 5, 8, 30)))).toBe('2024-01-05 08:30');
    expect(formatExcelDate(new Date(Date.UTC(2024, 0, 5, 8, 30, 15)))).toBe('2024-01-05 08:30:15');
    expect(formatExcelDate(new Date(Number.NaN))).toBe('');
  });

  it('does not recurse without bound on crafted nesting', () => {
    let v: unknown = 'deep';
    for (let i = 0; i < 100; i++) v = { formula: 'x', result: v };
    expect(cellToDisplay(v)).toBe('');
  });
});
