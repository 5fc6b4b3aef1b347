/**
 * The three renderers on one sample document: DOCX (a real zip whose document.xml has the text,
 * the office font names and the GB/T 9704 page in twips), PDF (embedded Noto CJK, the Chinese
 * text decoded back from the content streams, a long table split across pages without losing a
 * row, header repeated), HTML (escaped, standalone). Pure: no database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import {
  bound,
  boundValues,
  cell,
  chineseDate,
  GBT9704,
  gridOf,
  heading,
  inspectPdf,
  para,
  renderDocx,
  renderHtml,
  renderPdf,
  text,
  type Document,
  type Table,
} from './index.js';

/** A 1×1 transparent PNG. */
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const sample: Document = {
  title: '攀枝花市西区机构编制委员会办公室2021年度部门整体支出绩效自评报告',
  subtitle: [text('西编办〔2022〕3号')],
  meta: { author: '编办通测试', subject: '样例', keywords: ['自评', '绩效'] },
  blocks: [
    heading(1, '一、部门概况'),
    heading(2, '（一）机构设置'),
    para([
      text('本部门核定'),
      bound('4', 'figures:office:2021-12-31:administrative.approved'),
      text('名行政编制，实有'),
      bound('3', 'figures:office:2021-12-31:administrative.actual', true),
      text('人。<script>alert(1)</script> & “引号”'),
    ]),
    heading(3, '1.收入情况'),
    heading(4, '（1）财政拨款'),
    {
      kind: 'table',
      caption: '表1 收入支出决算总表',
      columns: [{ width: 3 }, { width: 2, align: 'right' }, { width: 2, align: 'right' }],
      header: [
        [cell('项目', { rowSpan: 2 }), cell('金额（万元）', { colSpan: 2 })],
        [cell('本年'), cell('上年')],
      ],
      rows: [
        [cell('一般公共预算财政拨款收入'), cell([bound('134.04', 'fact:income.general')]), cell('120.00')],
        [cell('合计', { bold: true }), cell('141.96'), cell('130.00')],
      ],
    },
    { kind: 'image', format: 'png', data: PNG_1x1, widthMm: 20, heightMm: 20, alt: '图1 收支决算总计变动' },
    { kind: 'pageBreak' },
    para('第二页正文。'),
    {
      kind: 'signature',
      entries: [
        { label: '评价人', value: [] },
        { label: '单位', value: [text('攀枝花市西区机构编制委员会办公室')] },
      ],
      seal: '（印章）',
      date: [text(chineseDate('2022-03-05'))],
    },
  ],
};

function unzipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error('zip'));
      z.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return z.readEntry();
        z.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2 ?? new Error('stream'));
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            z.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      z.on('end', () => reject(new Error(`${name} 不在压缩包中`)));
      z.readEntry();
    });
  });
}

/** The PDF's text per page: poppler's pdftotext when installed, else our own reader. */
function pdfPages(pdf: Buffer): string[] {
  const own = inspectPdf(pdf).pages;
  if (existsSync('/usr/bin/pdftotext')) {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const out = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-']).toString('utf8');
    return out.split('\f').slice(0, own.length);
  }
  return own;
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('model', () => {
  it('lists bound values with their sources, in reading order', () => {
    expect(boundValues(sample)).toEqual([
      { value: '4', source: 'figures:office:2021-12-31:administrative.approved' },
      { value: '3', source: 'figures:office:2021-12-31:administrative.actual' },
      { value: '134.04', source: 'fact:income.general' },
    ]);
  });

  it('formats dates the GB/T 9704 way and refuses what is not a date', () => {
    expect(chineseDate('2025-01-05')).toBe('2025年1月5日');
    expect(() => chineseDate('2025/1/5')).toThrow('日期格式不正确');
  });

  it('refuses a table whose row is wider than its columns, naming the row', async () => {
    const bad: Table = {
      kind: 'table',
      columns: [{ width: 1 }, { width: 1 }],
      header: [],
      rows: [
        [cell('a'), cell('b')],
        [cell('a', { colSpan: 2 }), cell('c')],
      ],
    };
    await expect(renderDocx({ title: 't', blocks: [bad] })).rejects.toThrow('表格第2行的单元格超出2列');
    expect(() => renderHtml({ title: 't', blocks: [bad] })).toThrow('表格第2行');
  });

  it('puts 22 lines of 28 characters on the GB/T 9704 type area', () => {
    // 225 mm / 22 = 28.99 pt → 580 twips; 156 mm / 28 = 15.79 pt, 0.21 pt under 3号 → −848/4096 pt.
    expect(gridOf(GBT9704)).toEqual({ linePitch: 580, charSpace: -848 });
  });
});

describe('DOCX', () => {
  it('is a zip whose document.xml has the text, the fonts and the A4 page with GB/T 9704 margins', async () => {
    const docx = await renderDocx(sample);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await unzipEntry(docx, 'word/document.xml');
    expect(xml).toContain('攀枝花市西区机构编制委员会办公室2021年度部门整体支出绩效自评报告');
    expect(xml).toContain('一般公共预算财政拨款收入');
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(xml).toContain(`w:eastAsia="${f}"`);
    // A4 = 11906 × 16838 twips; 37 / 35 / 28 / 26 mm = 2098 / 1984 / 1587 / 1474 twips.
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid[^>]*w:type="linesAndChars"[^>]*w:linePitch="580"[^>]*w:charSpace="-848"/);
    // Title 二号 (44 half-points), body 三号 (32), the merged header cells, the repeated header row.
    expect(xml).toMatch(/<w:sz w:val="44"\/>/);
    expect(xml).toMatch(/<w:sz w:val="32"\/>/);
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:tblHeader/>');
    // Escaped, not markup.
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
  });
});

describe('HTML', () => {
  it('is a standalone printable page with every text escaped and bound values traceable', () => {
    const html = renderHtml(sample);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”');
    expect(html).toContain(
      '<span class="bound" data-source="figures:office:2021-12-31:administrative.approved">4</span>',
    );
    expect(html).toContain('@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('<th rowspan="2"');
    expect(html).toContain('<th colspan="2"');
    expect(html).toMatch(/src="data:image\/png;base64,/);
    expect(html).not.toMatch(/src="(?!data:)/);
  });

  it('escapes a hostile title and source key too', () => {
    const html = renderHtml({
      title: '</title><script>x()</script>',
      blocks: [para([bound('1', '"><img src=x onerror=alert(1)>')])],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;');
  });
});

describe('PDF', () => {
  it('starts with %PDF, embeds the Noto CJK faces and carries the Chinese text', async () => {
    const pdf = await renderPdf(sample);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { fonts } = inspectPdf(pdf);
    const names = fonts.map((f) => f.baseFont);
    expect(names.some((n) => n.endsWith('+NotoSerifCJKsc-Regular'))).toBe(true);
    expect(names.some((n) => n.endsWith('+NotoSerifCJKsc-Bold'))).toBe(true);
    expect(names.some((n) => n.endsWith('+NotoSansCJKsc-Bold'))).toBe(true);
    for (const f of fonts) expect(f, f.baseFont).toMatchObject({ embedded: true });
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(2);
    const first = squash(pages[0]!);
    expect(first).toContain(squash(sample.title));
    expect(first).toContain('本部门核定4名行政编制，实有3人。');
    expect(first).toContain('一般公共预算财政拨款收入');
    expect(first).toContain('—1—');
    expect(squash(pages[1]!)).toContain('第二页正文。');
    expect(squash(pages[1]!)).toContain('2022年3月5日');
    expect(squash(pages[1]!)).toContain('—2—');
    expect(pages.join('')).not.toContain('\uFFFD');
  });

  it('splits a long table across pages without losing a row, repeating the header', async () => {
    const n = 120;
    const t: Table = {
      kind: 'table',
      columns: [{ width: 1 }, { width: 4 }, { width: 2, align: 'right' }],
      header: [[cell('序号'), cell('单位名称'), cell('核定编制')]],
      rows: Array.from({ length: n }, (_, i) => [
        cell(String(i + 1)),
        cell(`第${i + 1}号单位`),
        cell([bound(String(i * 2), `u${i}`)]),
      ]),
    };
    // A merged group in the middle stays on one page.
    t.rows[60] = [cell('61', { rowSpan: 2 }), cell('第61号单位'), cell('120')];
    t.rows[61] = [cell('第62号单位'), cell('122')];
    const pdf = await renderPdf({ title: '长表', blocks: [para('前文。'), t] });
    const pages = pdfPages(pdf).map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const all = pages.join('|');
    for (let i = 1; i <= n; i++) {
      const hits = all.split(`第${i}号单位`).length - 1;
      expect(hits, `第${i}号单位`).toBe(1);
    }
    for (const p of pages) expect(p).toContain('序号单位名称核定编制');
    const onPage = (s: string) => pages.findIndex((p) => p.includes(s));
    expect(onPage('第61号单位')).toBe(onPage('第62号单位'));
  });

  it('refuses a character the embedded font lacks, naming it', async () => {
    const err = await renderPdf({ title: '生僻字', blocks: [para('\u{2A6D6}')] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('U+2A6D6');
  });

  it('says in Chinese which package to install when the font file is absent', async () => {
    const err = await renderPdf(sample, { fontDir: '/nonexistent/fonts' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NOT_READY');
    expect((err as AppError).message).toContain('fonts-noto-cjk');
    expect((err as AppError).message).toContain('/nonexistent/fonts/NotoSerifCJK-Bold.ttc');
  });
});
