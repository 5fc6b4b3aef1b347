import { beforeAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from './errors.js';
import { buildDocx, buildXlsx, buildZip, deflatedZeros } from './test-fixtures.js';
import { inspectZip } from './zip-guard.js';

async function rejection(p: Promise<unknown>): Promise<FileRejectedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileRejectedError);
  return err as FileRejectedError;
}

describe('inspectZip', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    // One entry of 200 MB of zeros, deflated to ~200 KB: a classic zip bomb.
    bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', raw: await deflatedZeros(200 * 1024 * 1024) }]);
  });

  it('lists the entries of a genuine exceljs workbook without complaint', async () => {
    const xlsx = await buildXlsx((wb) => wb.addWorksheet('收支').addRow(['项目', 100]));
    const entries = await inspectZip(xlsx);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    for (const e of entries) expect(e.uncompressedSize).toBeGreaterThanOrEqual(0);
  });

  it('lists a hand-built docx', async () => {
    const entries = await inspectZip(buildDocx());
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(entries.every((e) => !e.isDirectory && e.compressionMethod === 8)).toBe(true);
  });

  it('rejects a zip bomb by its compression ratio, without inflating it', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const err = await rejection(inspectZip(bomb, { fileName: 'bomb.xlsx' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toMatch(
      /^文件“bomb\.xlsx”：压缩包条目“xl\/worksheets\/sheet1\.xml”压缩比异常（约 1,0\d\d:1），疑似压缩炸弹$/,
    );
  });

  it('rejects total uncompressed size over the limit', async () => {
    // Same bomb with the ratio check relaxed, so the size limit is what trips.
    const err = await rejection(inspectZip(bomb, { maxCompressionRatio: 10_000 }));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.message).toBe('解压后大小超过上限：约 200 MB，上限 100 MB');
  });

  it('rejects an overall ratio over the limit even when each entry is under it', async () => {
    // Four 1.5 MB entries, each below a (raised) per-entry floor so no single
    // entry is judged; together they exceed it and the archive ratio is ~1000:1.
    const raw = await deflatedZeros(1.5 * 1024 * 1024);
    const zip = buildZip(Array.from({ length: 4 }, (_, i) => ({ name: `part${i}.xml`, raw })));
    const err = await rejection(inspectZip(zip, { ratioFloorBytes: 2 * 1024 * 1024 }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toMatch(/^压缩比异常（约 [\d,]+:1），疑似压缩炸弹$/);
  });

  it('rejects more than 1,000 entries, reporting the count', async () => {
    const zip = buildZip(
      Array.from({ length: 1204 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), method: 0 })),
    );
    const err = await rejection(inspectZip(zip));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('压缩包条目过多：1,204个，上限1,000个');
  });

  it('accepts exactly the entry limit', async () => {
    const zip = buildZip(
      Array.from({ length: 1000 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), method: 0 })),
    );
    await expect(inspectZip(zip)).resolves.toHaveLength(1000);
  });

  it.each([
    ['../evil.txt', '包含“..”上级目录'],
    ['word/../../evil.txt', '包含“..”上级目录'],
    ['..\\evil.txt', '包含“..”上级目录'],
    ['/etc/passwd', '绝对路径'],
    ['C:/Windows/win.ini', '绝对路径'],
  ])('rejects the unsafe path %j', async (name, reason) => {
    const zip = buildZip([
      { name: 'ok.txt', data: Buffer.from('ok') },
      { name, data: Buffer.from('x') },
    ]);
    const err = await rejection(inspectZip(zip));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('不安全的路径');
    expect(err.message).toContain(reason);
  });

  it('allows names that merely contain dots', async () => {
    const zip = buildZip([{ name: 'a..b/..c/file...xml', data: Buffer.from('x') }]);
    await expect(inspectZip(zip)).resolves.toHaveLength(1);
  });

  it('rejects encrypted entries', async () => {
    const zip = buildZip([{ name: 'secret.xml', data: Buffer.from('x'), flags: 0x1 }]);
    const err = await rejection(inspectZip(zip));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('已加密');
  });

  it('rejects unsupported compression methods', async () => {
    const zip = buildZip([{ name: 'a.xml', data: Buffer.from('x'), method: 12 }]);
    const err = await rejection(inspectZip(zip));
    expect(err.message).toContain('不支持的压缩方式（12）');
  });

  it('rejects overlapping entries (non-recursive bomb construction)', async () => {
    const one = buildZip([{ name: 'a.xml', data: Buffer.from('hello world') }]);
    // Duplicate the single central-directory record so two entries share one data range.
    const eocdAt = one.length - 22;
    const cdSize = one.readUInt32LE(eocdAt + 12);
    const cdAt = one.readUInt32LE(eocdAt + 16);
    const record = one.subarray(cdAt, cdAt + cdSize);
    const eocd = Buffer.from(one.subarray(eocdAt));
    eocd.writeUInt16LE(2, 8);
    eocd.writeUInt16LE(2, 10);
    eocd.writeUInt32LE(cdSize * 2, 12);
    const zip = Buffer.concat([one.subarray(0, cdAt), record, record, eocd]);
    const err = await rejection(inspectZip(zip));
    expect(err.message).toContain('重叠');
  });

  it.each([
    ['garbage', Buffer.from('this is not a zip file at all, just some text')],
    ['a truncated workbook', null],
    ['an empty buffer', Buffer.alloc(0)],
  ])('rejects %s as a malformed zip', async (_label, given) => {
    const buf = given ?? (await buildXlsx((wb) => wb.addWorksheet('S').addRow([1]))).subarray(0, 300);
    const err = await rejection(inspectZip(buf, { fileName: 'x.xlsx' }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('文件“x.xlsx”：压缩包已损坏或不完整（找不到有效的ZIP目录），无法读取');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('rejects a zip whose central directory is corrupted', async () => {
    const zip = Buffer.from(buildDocx());
    const cdAt = zip.readUInt32LE(zip.length - 22 + 16);
    zip.writeUInt32LE(0xdeadbeef, cdAt); // break the first directory record's signature
    const err = await rejection(inspectZip(zip));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('压缩包目录已损坏');
  });
});
