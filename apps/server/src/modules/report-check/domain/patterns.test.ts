/**
 * Hand-made documents, one per statement pattern: the correct version produces no finding, the
 * broken one the named finding with its stated and recomputed value.
 */
import { describe, expect, it } from 'vitest';
import { flattenedTable, PATTERN_CASES } from '../test/fixtures.js';
import { checkDocument } from './check.js';
import { readPlainText } from './read/index.js';

const run = (text: string) => checkDocument(readPlainText(text));

describe.each(PATTERN_CASES)('$name', (c) => {
  it('a correct statement produces no finding', () => {
    const r = run(c.ok);
    expect(r.findings.map((f) => f.message)).toEqual([]);
    if (c.finding.severity === 'error')
      expect(r.statements.filter((s) => s.kind !== 'figure').length).toBeGreaterThan(0);
  });
  it('a broken statement produces the named finding', () => {
    const r = run(c.broken);
    const hit = r.findings.find(
      (f) =>
        f.severity === c.finding.severity &&
        f.check === c.finding.check &&
        f.stated === c.finding.stated &&
        f.recomputed === c.finding.recomputed,
    );
    expect(
      hit,
      r.findings.map((f) => `${f.severity} ${f.check} ${f.stated}→${f.recomputed} ${f.message}`).join('\n'),
    ).toBeDefined();
    expect(hit!.at.location.line).toBeGreaterThan(1);
    expect(hit!.at.sentence).toBeTruthy();
  });
});

describe('statements and locations', () => {
  it('extracts a comparison without a check ("较上年减少1人") and gives spans and lines', () => {
    const r = run('2022年度部门决算\n2022年末实有在职人员11人，较上年减少1人。');
    const change = r.numbers.find((n) => n.text === '1' && n.unit === '人')!;
    expect(change.location.line).toBe(2);
    const para = r.blocks[change.location.block]!;
    expect(para.kind === 'paragraph' && para.text.slice(change.location.start, change.location.end)).toBe('1人');
    expect(r.statements.some((s) => s.kind === 'comparison' && s.ids.includes(change.id))).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it('normalises full-width digits, thousands separators and Chinese numerals', () => {
    const r = run(
      '2022年度部门决算\n流动资产0.11万元，较上年增长1,566.40%。本年收入合计１４１．９６万元，其中：财政拨款收入１３４．０４万元，其他收入７．９２万元。编办核定编制二十七名。',
    );
    expect(r.numbers.find((n) => n.text === '1,566.40')?.value).toBe('1566.40');
    expect(r.numbers.find((n) => n.value === '141.96')?.unit).toBe('万元');
    expect(r.numbers.find((n) => n.text === '二十七')?.value).toBe('27');
    expect(r.findings).toEqual([]);
  });

  it('does not take dates, document numbers or list markers for figures', () => {
    const r = run(
      '2022年度部门决算\n1.根据《关于印发办法的通知》（示编发〔2020〕30号），截至2022年12月31日，（1）全县共有单位5个。',
    );
    expect(r.numbers.map((n) => n.text)).toEqual(['5']);
  });

  it('rebuilds a flattened scoring table and checks its total and each score', () => {
    const table = flattenedTable([
      ['一级指标', '三级指标', '分值', '自评得分', '说明'],
      ['投入\n（20分）', '预算编制', '10', '10', ''],
      ['', '预算执行', '10', '9', '支付进度'],
      ['产出', '履职', '80', '80', ''],
      ['总 分', '', '100', '98'],
    ]);
    const r = run(`2022年度部门整体支出绩效评价评分表\n${table}\n`);
    const t = r.blocks.find((b) => b.kind === 'table');
    expect(t?.kind === 'table' && t.rows.length).toBe(5);
    expect(t?.kind === 'table' && t.rows[1]!.cells[0]!.text).toBe('投入\n（20分）');
    const f = r.findings.find((x) => x.check === 'sum' && x.stated === '98');
    expect(f?.recomputed).toBe('99');
  });

  it('rebuilds a header table and compares its figure with the text (实有人数)', () => {
    const table = flattenedTable([['人员编制', '6', '实有人数', '4']]);
    const r = run(
      `2022年度部门整体支出绩效评价报告\n${table}\n\n核定行政编制4名，事业编制2名，截至2022年12月31日，实有7人。`,
    );
    const f = r.findings.find((x) => x.check === 'equal');
    expect(f).toMatchObject({ severity: 'error', stated: '7', recomputed: '4' });
  });

  it('reports mixed numbering of scored headings and scores them as siblings', () => {
    const r = run(
      '2022年度部门整体支出绩效自评报告\n（二）履职效果情况（分值19分，自评得分19分）\n1.经济效益方面（分值6分，自评得分6分）\n2.社会效益方面（分值8分，自评得分8分）\n（3） 社会满意度（分值5分，自评得分5分）',
    );
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.find((f) => f.source === 'numbering')?.message).toContain('层级不一致');
  });
});
