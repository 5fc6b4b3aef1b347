/**
 * The readers end to end on real files: a DOCX built with `docx` (paragraphs and a table kept as a
 * table), a PDF built with pdfkit and Noto CJK (text per page, running header and page numbers
 * removed), GB18030 text, and the bad inputs (scan, encrypted or corrupt DOCX, empty, too large).
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocx, buildPdf, buildScannedPdf } from '../../test/fixtures.js';
import { checkDocument } from '../check.js';
import { decodeText, readAny, readPlainText, stripRunningLines, UnreadableError } from './index.js';

const unreadable = async (p: Promise<unknown>, code: string, message: RegExp) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UnreadableError);
  expect((e as UnreadableError).code).toBe(code);
  expect((e as UnreadableError).message).toMatch(message);
};

describe('DOCX', () => {
  it('reads paragraphs and keeps the table as a table; the checks run over both', async () => {
    const buf = await buildDocx(
      ['中共示例县委机构编制委员会办公室', '2022年部门整体支出绩效评价报告'],
      [
        ['人员编制', '６', '实有人数', '4'],
        ['联系人', '张三', '联络电话', '0730-8171247'],
      ],
      ['核定行政编制4名，事业编制2名，截至2022年12月31日，实有7人。'],
    );
    const doc = await readAny(buf, '报告.docx');
    expect(doc.format).toBe('docx');
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['人员编制', '6', '实有人数', '4'],
      ['联系人', '张三', '联络电话', '0730-8171247'],
    ]);
    const r = checkDocument(doc);
    expect(r.meta).toMatchObject({ year: 2022, region: '示例县' });
    const f = r.findings.find((x) => x.check === 'equal');
    expect(f).toMatchObject({ severity: 'error', stated: '7', recomputed: '4' });
  });

  it('says an encrypted DOCX (an OLE compound file) is encrypted', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await unreadable(readAny(ole, '加密.docx'), 'ENCRYPTED', /已加密/);
  });

  it('says a corrupt DOCX is corrupt, and one without a body has no body', async () => {
    await unreadable(readAny(Buffer.from('PK\u0003\u0004 not really a zip'), '坏.docx'), 'CORRUPT', /损坏/);
    const zip = new JSZip();
    zip.file('other.xml', '<x/>');
    await unreadable(readAny(await zip.generateAsync({ type: 'nodebuffer' }), '空壳.docx'), 'CORRUPT', /缺少正文/);
  });
});

describe('PDF', () => {
  it('reads the text layer per page and removes the running header and page numbers', async () => {
    const buf = await buildPdf([
      ['2022年度收、支总计141.96万元。与2021年相比，收、支总计增加15.42万元，增长5.43%。'],
      [
        '2022年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%。',
      ],
      ['我单位2022年度部门整体支出绩效自评得分91分，评价结果为优。'],
    ]);
    const doc = await readAny(buf, '报告.pdf');
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(3);
    const text = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
    expect(text).not.toContain('示例县委编办 2022年度绩效自评报告');
    expect(text).not.toMatch(/- \d -/);
    const r = checkDocument(doc);
    const growth = r.findings.find((f) => f.check === 'growth');
    expect(growth).toMatchObject({ severity: 'error', stated: '5.43', recomputed: '12.19' });
    expect(r.findings.filter((f) => f.severity === 'error')).toHaveLength(1);
  });

  it('says a PDF without a text layer is a scan', async () => {
    await unreadable(readAny(await buildScannedPdf(), '扫描.pdf'), 'NO_TEXT_LAYER', /^扫描件，无文字层，无法读取$/);
  });

  it('says a damaged PDF is damaged', async () => {
    await unreadable(readAny(Buffer.from('%PDF-1.7\nnothing else'), '坏.pdf'), 'CORRUPT', /损坏/);
  });

  it('removes lines repeated at the edges of most pages', () => {
    const pages = [1, 2, 3, 4].map((i) => ['某某编办报告', `正文${i}`, `第 ${i} 页`]);
    const { pages: out, removed } = stripRunningLines(pages);
    expect(out).toEqual([['正文1'], ['正文2'], ['正文3'], ['正文4']]);
    expect(removed).toContain('某某编办报告');
  });
});

describe('text', () => {
  it('decodes UTF-8 and, when the bytes are not UTF-8, GB18030', () => {
    const gb = new Uint8Array([0xca, 0xd5, 0xc8, 0xeb, 0xba, 0xcf, 0xbc, 0xc6, 0x31, 0x30, 0xcd, 0xf2, 0xd4, 0xaa]); // 收入合计10万元
    expect(decodeText(gb)).toEqual({ text: '收入合计10万元', encoding: 'gb18030' });
    expect(decodeText(new TextEncoder().encode('\uFEFF收入合计'))).toEqual({ text: '收入合计', encoding: 'utf-8' });
  });

  it('refuses empty and oversized files with a clear message', async () => {
    await unreadable(readAny(Buffer.alloc(0), '空.txt'), 'EMPTY', /为空/);
    await unreadable(readAny(Buffer.from('   \n\n  '), '空白.txt'), 'EMPTY', /没有文字/);
    await unreadable(readAny(Buffer.alloc(11 * 1024 * 1024, 0x41), '大.txt'), 'TOO_LARGE', /超过10 MB/);
    await unreadable(readAny(Buffer.from([0x00, 0x01, 0x02, 0x03]), 'x.bin'), 'UNSUPPORTED', /不支持/);
  });

  it('strips bookmark markers and joins a sentence broken by an image', () => {
    const doc = readPlainText(
      '[bookmark: _Toc1][bookmark: _Toc2]一、收入\n公务接待费0.26万元，占[image: image7.png]E7: garbage\n 8.18%。',
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', line: 1, text: '一、收入' },
      { kind: 'paragraph', line: 2, text: '公务接待费0.26万元，占8.18%。' },
    ]);
  });
});
