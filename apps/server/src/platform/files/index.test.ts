import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileRejectedError, checkUpload } from './index.js';
import { PDF_BYTES, buildXlsx, buildZip, deflatedZeros, encodeGbk } from './test-fixtures.js';

async function rejection(p: Promise<unknown>): Promise<FileRejectedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileRejectedError);
  return err as FileRejectedError;
}

describe('checkUpload', () => {
  it('accepts a genuine workbook and returns kind, size and SM3', async () => {
    const buf = await buildXlsx((wb) => wb.addWorksheet('项目支出').addRow(['项目', '预算数', 1000]));
    const r = await checkUpload({ buf, name: '项目支出.xlsx', accept: ['xlsx', 'csv'] });
    expect(r.kind).toBe('xlsx');
    expect(r.size).toBe(buf.length);
    expect(r.sm3).toMatch(/^[0-9a-f]{64}$/);
  });

  it('computes the standard SM3 digest (GB/T 32905 test vector "abc")', async () => {
    const r = await checkUpload({ buf: Buffer.from('abc'), name: 'abc.txt', accept: ['txt'] });
    expect(r.sm3).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(r.sm3).toBe(createHash('sm3').update('abc').digest('hex'));
  });

  it('rejects an oversize file before looking at it, naming limit and actual size', async () => {
    const buf = Buffer.alloc(Math.round(12.3 * 1024 * 1024), 0x41);
    const err = await rejection(checkUpload({ buf, name: 'x.xlsx', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.message).toBe('文件“x.xlsx”超过10 MB上限（实际12.3 MB）');
  });

  it('honours a custom maxBytes', async () => {
    const err = await rejection(
      checkUpload({ buf: Buffer.alloc(2048, 0x41), name: 'a.txt', maxBytes: 1024, accept: ['txt'] }),
    );
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.message).toBe('文件“a.txt”超过1 KB上限（实际2 KB）');
  });

  it('rejects a renamed extension', async () => {
    const err = await rejection(checkUpload({ buf: PDF_BYTES, name: 'a.xlsx', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toBe('文件“a.xlsx”的内容不是Excel工作簿（检测为PDF）');
  });

  it('rejects a kind outside the allow-list', async () => {
    const err = await rejection(checkUpload({ buf: PDF_BYTES, name: 'a.pdf', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toContain('此处不接受');
  });

  it('runs the zip guard for zip kinds: a bomb named .xlsx', async () => {
    const raw = await deflatedZeros(200 * 1024 * 1024);
    const buf = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', raw },
    ]);
    const err = await rejection(checkUpload({ buf, name: 'bomb.xlsx', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('疑似压缩炸弹');
  });

  it('passes zipLimits through', async () => {
    const buf = await buildXlsx((wb) => wb.addWorksheet('S').addRow([1]));
    const err = await rejection(checkUpload({ buf, name: 'a.xlsx', accept: ['xlsx'], zipLimits: { maxEntries: 3 } }));
    expect(err.message).toMatch(/^文件“a\.xlsx”：压缩包条目过多：\d+个，上限3个$/);
  });

  it('converts GB18030 (GBK) text to UTF-8 when asked, keeping the digest of both', async () => {
    const text = '2022年度收、支总计141.96万元。\r\n与2021年相比，增长12.19%。';
    const gbk = encodeGbk(text);
    expect(gbk.length).toBeLessThan(Buffer.byteLength(text));
    const r = await checkUpload({ buf: gbk, name: '报告.txt', accept: ['txt'], convertLegacyText: true });
    expect(r).toMatchObject({ kind: 'txt', convertedFrom: 'gb18030', size: Buffer.byteLength(text) });
    expect(r.content.toString('utf8')).toBe(text);
    expect(r.sm3).toBe(createHash('sm3').update(text).digest('hex'));
    expect(r.originalSm3).toBe(createHash('sm3').update(gbk).digest('hex'));
    // Without the option, and for UTF-8 text, nothing changes.
    const refused = await rejection(checkUpload({ buf: gbk, name: '报告.txt', accept: ['txt'] }));
    expect(refused.message).toContain('不是UTF-8编码的文本');
    const utf8 = Buffer.from(text);
    const same = await checkUpload({ buf: utf8, name: '报告.txt', accept: ['txt'], convertLegacyText: true });
    expect(same.content).toBe(utf8);
    expect(same.convertedFrom).toBeUndefined();
  });

  it('does not convert binary content or a GBK file named as another kind', async () => {
    const bin = Buffer.from([0x41, 0x00, 0xb5, 0xa5]);
    const err = await rejection(checkUpload({ buf: bin, name: 'a.txt', accept: ['txt'], convertLegacyText: true }));
    expect(err.message).toContain('二进制');
    const gbkPdf = await rejection(
      checkUpload({ buf: encodeGbk('单位，金额'), name: 'a.pdf', accept: ['pdf'], convertLegacyText: true }),
    );
    expect(gbkPdf.code).toBe('FILE_TYPE');
  });

  it('refuses GBK text whose UTF-8 conversion exceeds the limit', async () => {
    const gbk = encodeGbk('编'.repeat(400));
    const err = await rejection(
      checkUpload({ buf: gbk, name: 'a.txt', accept: ['txt'], maxBytes: 1000, convertLegacyText: true }),
    );
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.message).toContain('转换为UTF-8编码后超过');
  });

  it('rejects a truncated workbook as malformed', async () => {
    const buf = (await buildXlsx((wb) => wb.addWorksheet('S').addRow([1]))).subarray(0, 400);
    const err = await rejection(checkUpload({ buf, name: 'cut.xlsx', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('压缩包已损坏或不完整');
  });
});
