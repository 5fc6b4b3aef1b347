/**
 * Hand-made test documents: for each statement pattern a correct version (no finding) and a
 * broken one (the named finding), and builders of real DOCX (docx) and PDF (pdfkit + Noto CJK)
 * files carrying them, to test the readers end to end.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { DEFAULT_FONT_DIR } from '../../../platform/documents/index.js';
import { fontBytes } from '../../../platform/documents/fonts.js';

export interface PatternCase {
  name: string;
  ok: string;
  broken: string;
  /** What the broken version must produce. */
  finding: { severity: 'error' | 'warning'; check: string; stated: string; recomputed: string };
}

const title = '中共示例县委机构编制委员会办公室2022年度部门整体支出绩效自评报告\n';

export const PATTERN_CASES: PatternCase[] = [
  {
    name: 'total and parts with shares',
    ok: `${title}2022年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%。`,
    broken: `${title}2022年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.72万元，占5.58%。`,
    finding: { severity: 'error', check: 'sum', stated: '141.96', recomputed: '141.76' },
  },
  {
    name: 'share of a named whole',
    ok: `${title}2022年本年支出合计141.96万元。2022年一般公共预算财政拨款支出134.04万元，占本年支出合计的94.42%。`,
    broken: `${title}2022年本年支出合计141.96万元。2022年一般公共预算财政拨款支出134.04万元，占本年支出合计的92.42%。`,
    finding: { severity: 'error', check: 'share', stated: '92.42', recomputed: '94.42' },
  },
  {
    name: 'growth against the previous year (与…相比)',
    ok: `${title}2022年度收、支总计141.96万元。与2021年相比，收、支总计增加15.42万元，增长12.19%。`,
    broken: `${title}2022年度收、支总计141.96万元。与2021年相比，收、支总计增加15.42万元，增长10.86%。`,
    finding: { severity: 'error', check: 'growth', stated: '10.86', recomputed: '12.19' },
  },
  {
    name: 'growth against the budget (较年初预算数)',
    ok: `${title}2022年度决算收入合计333.11万元，较年初预算数增加75.75万元，增长29.43%。`,
    broken: `${title}2022年度决算收入合计333.11万元，较年初预算数增加75.75万元，增长22.74%。`,
    finding: { severity: 'error', check: 'growth', stated: '22.74', recomputed: '29.43' },
  },
  {
    name: 'decrease of a count (减少…减幅)',
    ok: `${title}全县共设乡镇142个，比改革前减少97个，减幅达40.59%。`,
    broken: `${title}全县共设乡镇142个，比改革前减少97个，减幅达40.8%。`,
    finding: { severity: 'error', check: 'growth', stated: '-40.8', recomputed: '-40.59' },
  },
  {
    name: 'execution rate with its amounts',
    ok: `${title}基本支出预算执行率（5分）：基本支出预算164.20077万元，决算156.958448万元。执行率96%，得分4分。`,
    broken: `${title}基本支出预算执行率（5分）：基本支出预算164.20077万元，决算156.958448万元。执行率90%，得分4分。`,
    finding: { severity: 'error', check: 'ratio', stated: '90', recomputed: '95.59' },
  },
  {
    name: 'counts with parts (总编制…其中)',
    ok: `${title}县委编办总编制27名，其中行政编制15名，其他事业编制10名，工勤编制2名。`,
    broken: `${title}县委编办总编制28名，其中行政编制15名，其他事业编制10名，工勤编制2名。`,
    finding: { severity: 'error', check: 'sum', stated: '28', recomputed: '27' },
  },
  {
    name: 'scored headings (分值…自评得分)',
    ok: `${title}二、绩效实现情况（分值20分，自评得分19分）\n1.数据维护（分值12分，自评得分12分）\n2.年报公示（分值8分，自评得分7分）`,
    broken: `${title}二、绩效实现情况（分值20分，自评得分20分）\n1.数据维护（分值12分，自评得分12分）\n2.年报公示（分值8分，自评得分7分）`,
    finding: { severity: 'error', check: 'sum', stated: '20', recomputed: '19' },
  },
  {
    name: 'scored list with the stated total',
    ok: `${title}1.部门管理（50分）\n财务制度健全性（50分）：制度健全，得分45分。\n2.履职效果（50分）\n工作运转效率（50分）：效率提升，得分46分。\n我单位2022年度整体支出绩效自评得分91分，评价结果为优。`,
    broken: `${title}1.部门管理（50分）\n财务制度健全性（50分）：制度健全，得分45分。\n2.履职效果（50分）\n工作运转效率（50分）：效率提升，得分50分。\n我单位2022年度整体支出绩效自评得分91分，评价结果为优。`,
    finding: { severity: 'error', check: 'sum', stated: '91', recomputed: '95' },
  },
  {
    name: 'score above its points',
    ok: `${title}1.部门管理（5分）\n财务制度健全性（5分）：制度健全，得分5分。`,
    broken: `${title}1.部门管理（5分）\n财务制度健全性（5分）：制度健全，得分6分。`,
    finding: { severity: 'error', check: 'scoreCap', stated: '6', recomputed: '5' },
  },
  {
    name: 'grade against the total',
    ok: `${title}投入绩效为5分，过程绩效为20分，产出绩效为40分，效果绩效为20分，总绩效为85分。评价结果等次为“良”。`,
    broken: `${title}投入绩效为5分，过程绩效为20分，产出绩效为40分，效果绩效为20分，总绩效为85分。评价结果等次为“优”。`,
    finding: { severity: 'error', check: 'grade', stated: '优', recomputed: '良' },
  },
  {
    name: 'the same figure stated twice',
    ok: `${title}2022年本年支出合计421.85万元，其中：基本支出349.34万元，占82.81%；项目支出72.51万元，占17.19%。\n六、基本支出情况\n2022年基本支出349.34万元。`,
    broken: `${title}2022年本年支出合计421.85万元，其中：基本支出349.34万元，占82.81%；项目支出72.51万元，占17.19%。\n六、基本支出情况\n2022年基本支出349.33万元。`,
    finding: { severity: 'error', check: 'equal', stated: '349.33', recomputed: '349.34' },
  },
  {
    name: 'unit off by 10⁴ (元 written as 万元)',
    ok: `${title}年度预算执行情况：编办预算经费应拨付资金175.20077万元。基本支出预算164.20077万元，决算156.958448万元。项目支出预算11万元，决算11万元。`,
    broken: `${title}年度预算执行情况：编办预算经费应拨付资金1752007.7万元。基本支出预算164.20077万元，决算156.958448万元。项目支出预算11万元，决算11万元。`,
    finding: { severity: 'error', check: 'sum', stated: '1752007.7', recomputed: '175.20077' },
  },
  {
    name: 'reasons of a change (no 等)',
    ok: `${title}一般公共服务支出270.77万元，较年初预算数增加63.2万元，主要原因是追加考核奖39.76万元，追加年休假资金8.44万元以及追加编外用工经费15万元。`,
    broken: `${title}一般公共服务支出270.77万元，较年初预算数增加63.2万元，主要原因是追加考核奖39.76万元，追加年休假资金10.87万元以及追加编外用工经费15万元。`,
    finding: { severity: 'error', check: 'sum', stated: '63.2', recomputed: '65.63' },
  },
  {
    name: 'net change of units',
    ok: `${title}调整组建区公路事务中心等15个处级事业单位，不再保留区道路运输管理处等事业单位29个。通过改革，净减少事业机构14个。`,
    broken: `${title}调整组建区公路事务中心等15个处级事业单位，不再保留区道路运输管理处等事业单位29个。通过改革，净减少事业机构10个。`,
    finding: { severity: 'error', check: 'identity', stated: '10', recomputed: '14' },
  },
  {
    name: 'satisfaction of a questionnaire count',
    ok: `${title}发放问卷调查50份（服务对象30份、社会群众20份），满意度分别为：服务对象为96.67%、社会群众95%。`,
    broken: `${title}发放问卷调查50份（服务对象30份、社会群众20份），满意度分别为：服务对象为98%、社会群众95%。`,
    finding: { severity: 'error', check: 'share', stated: '98', recomputed: '29.4' },
  },
  {
    name: 'a date of another year',
    ok: `${title}核定行政编制4名，截至2022年12月31日，实有4人。`,
    broken: `${title}核定行政编制4名，截止2018年12月31日，实有4人。`,
    finding: { severity: 'warning', check: 'expected', stated: '2018年', recomputed: '2022年' },
  },
  {
    name: 'another department’s name',
    ok: `${title}固定资产管理情况：本单位资产管理采取统一建账，统一核算管理。`,
    broken: `${title}固定资产管理情况：县信访局资产管理采取统一建账，统一核算管理。`,
    finding: {
      severity: 'warning',
      check: 'expected',
      stated: '县信访局',
      recomputed: '中共示例县委机构编制委员会办公室',
    },
  },
];

/** A flattened table as the seeds' text exports carry it (one cell per line, rows by empty lines). */
export function flattenedTable(rows: string[][]): string {
  return rows.map((r) => r.map((c) => `\t${c}`).join('\n')).join('\n\n');
}

/** A DOCX with paragraphs and one table (rows of cells). */
export async function buildDocx(paragraphs: string[], table: string[][], after: string[] = []): Promise<Buffer> {
  const p = (t: string) => new Paragraph({ children: [new TextRun(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          ...paragraphs.map(p),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: table.map(
              (r) =>
                new TableRow({
                  children: r.map(
                    (c) =>
                      new TableCell({
                        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(c)] })],
                      }),
                  ),
                }),
            ),
          }),
          ...after.map(p),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A PDF with a text layer (Noto Sans CJK), one page per entry, each page headed by the same running header. */
export async function buildPdf(pages: string[][], header = '示例县委编办 2022年度绩效自评报告'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', fontBytes(DEFAULT_FONT_DIR, 'NotoSansCJK-Bold.ttc'), 'NotoSansCJKsc-Bold');
  doc.font('cjk').fontSize(11);
  pages.forEach((lines, i) => {
    if (i > 0) doc.addPage();
    doc.text(header);
    for (const l of lines) doc.text(l, { width: 480 });
    doc.text(`- ${i + 1} -`);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A "scan": a PDF whose pages carry only drawings, no text. */
export async function buildScannedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.rect(50, 50, 400, 600).fill('#cccccc');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
