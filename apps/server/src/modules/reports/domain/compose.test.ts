/**
 * The composer and number reading, without a database: bound numbers carry their fact key and
 * location; an edited paragraph's numbers are read back, a changed one loses its source and the
 * template's checks still judge it; numbers the template did not write get their own ids.
 */
import { describe, expect, it } from 'vitest';
import { runsText } from '../../../platform/documents/index.js';
import { runChecks } from './checks.js';
import { Composer } from './compose.js';
import { decText, growth, parseNumbers, share, trimZeros, wan } from './numbers.js';

/** 002's income sentence, as the finalAccounts template writes it. */
function income(edits: Record<string, string> = {}) {
  const c = new Composer(edits);
  const total = c.num('income.total', '141.96', '万元', '本年收入合计', 'budget:u:2021:income.total');
  const gb = c.num('income.gb', '134.04', '万元', '一般公共预算财政拨款收入', 'budget:u:2021:income.generalBudget');
  const gbShare = c.num('income.gb.share', '94.42', '%', '占比', 'calc:income.gb÷income.total');
  const gf = c.num('income.gf', '7.92', '万元', '政府性基金', 'budget:u:2021:income.governmentFund');
  const gfShare = c.num('income.gf.share', '5.58', '%', '占比', 'calc');
  c.check({ kind: 'sum', label: '收入合计', total: total.id, parts: [gb.id, gf.id] });
  c.check({ kind: 'share', label: '一般公共预算占比', share: gbShare.id, part: gb.id, whole: total.id });
  c.check({ kind: 'share', label: '政府性基金占比', share: gfShare.id, part: gf.id, whole: total.id });
  c.heading(1, '二、收入决算情况说明');
  c.para('income', [
    '2021年本年收入合计',
    total,
    '，其中：一般公共预算财政拨款收入',
    gb,
    '，占',
    gbShare,
    '；政府性基金预算财政拨款收入',
    gf,
    '，占',
    gfShare,
    '。',
  ]);
  return c.build('测试');
}

describe('numbers', () => {
  it('formats amounts and rates with two decimals at most, shares and growth exactly', () => {
    expect(wan(141_960_000)).toBe('141.96');
    expect(wan(8_000_000)).toBe('8');
    expect(trimZeros('6.60')).toBe('6.6');
    expect(decText(share(134_040_000, 141_960_000)!)).toBe('94.42');
    expect(decText(share(7_920_000, 141_960_000)!)).toBe('5.58');
    // 002: up 15.42 on 126.54 is 12.19%, not the published 5.43%.
    expect(decText(growth(141_960_000, 126_540_000)!)).toBe('12.19');
    expect(share(1, 0)).toBeNull();
    expect(growth(1, 0)).toBeNull();
  });
  it('reads the numbers of a typed sentence with their units, not the years', () => {
    const p = parseNumbers('2021年本年收入合计１４１.９６万元，占94.42%，实有7人，1752007.7万元');
    expect(p.map((x) => `${x.value}${x.unit}`)).toEqual(['141.96万元', '94.42%', '7人', '1752007.7万元']);
    expect(p[0]!.text).toBe('１４１.９６');
    expect(p[1]!.decimals).toBe(2);
  });
});

describe('composer', () => {
  it('states every bound number with its source, location and sentence; the checks hold', () => {
    const b = income();
    expect(b.numbers.map((n) => [n.id, n.text, n.unit, n.source !== undefined])).toEqual([
      ['income.total', '141.96', '万元', true],
      ['income.gb', '134.04', '万元', true],
      ['income.gb.share', '94.42', '%', true],
      ['income.gf', '7.92', '万元', true],
      ['income.gf.share', '5.58', '%', true],
    ]);
    const t = b.numbers[0]!;
    expect(t.location).toMatchObject({ block: 1, kind: 'paragraph', start: 11, end: 17 });
    expect(t.sentence.startsWith('2021年本年收入合计141.96万元')).toBe(true);
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
    expect(b.originals.income).toContain('占94.42%');
  });

  it('an edit that keeps the numbers keeps them bound', () => {
    const b = income({
      income:
        '全年收入合计141.96万元，主要是一般公共预算财政拨款收入134.04万元（占94.42%），另有政府性基金7.92万元（占5.58%）。',
    });
    expect(b.numbers.every((n) => n.source !== undefined)).toBe(true);
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
  });

  it('an edited wrong number is no longer bound and the template’s check catches it', () => {
    const b = income({
      income:
        '2021年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占96.5%；政府性基金预算财政拨款收入7.92万元，占5.58%。',
    });
    const edited = b.numbers.find((n) => n.id === 'income.gb.share')!;
    expect(edited.source).toBeUndefined();
    expect(edited.text).toBe('96.5');
    const findings = runChecks(b.numbers, b.checks);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', check: 'share', stated: '96.5' });
    expect(findings[0]!.recomputed).toContain('94.42');
    expect(findings[0]!.at.location).toMatchObject({ block: 1, kind: 'paragraph' });
    // The paragraph now holds the typed text, the unchanged numbers still bound.
    const p = b.document.blocks[1]!;
    expect(p.kind === 'paragraph' && runsText(p.runs)).toContain('占96.5%');
    expect(p.kind === 'paragraph' && p.runs.filter((r) => r.kind === 'bound').length).toBe(4);
  });

  it('a deleted number drops the checks that need it; an added number gets its own id', () => {
    const b = income({
      income: '2021年本年收入合计141.96万元，其中一般公共预算财政拨款收入134.04万元，占94.42%，另有3个项目。',
    });
    expect(b.numbers.map((n) => n.id)).toEqual(['income.total', 'income.gb', 'income.gb.share', 'b1.n1']);
    expect(b.checks.map((c) => c.label)).toEqual(['一般公共预算占比']);
    expect(runChecks(b.numbers, b.checks)).toEqual([]);
  });

  it('the same fact stated twice is bound by an equal check', () => {
    const c = new Composer({ b: '合计139.5万元。' });
    c.para('a', ['合计', c.num('t', '141.96', '万元', '合计', 'f')]);
    c.para('b', ['合计', c.num('t', '141.96', '万元', '合计', 'f')]);
    const b = c.build('x');
    expect(b.numbers.map((n) => n.id)).toEqual(['t', 't~2']);
    const f = runChecks(b.numbers, b.checks);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'equal', stated: '139.5' });
  });

  it('refuses a paragraph key used twice', () => {
    const c = new Composer();
    c.para('a', ['x']);
    expect(() => c.para('a', ['y'])).toThrow('段落编号重复：a');
  });
});
