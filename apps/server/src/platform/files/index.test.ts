import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileRejectedError, checkUpload } from './index.js';
import { PDF_BYTES, buildXlsx, buildZip, deflatedZeros } from './test-fixtures.js';

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

  it('rejects a truncated workbook as malformed', async () => {
    const buf = (await buildXlsx((wb) => wb.addWorksheet('S').addRow([1]))).subarray(0, 400);
    const err = await rejection(checkUpload({ buf, name: 'cut.xlsx', accept: ['xlsx'] }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('压缩包已损坏或不完整');
  });
});
