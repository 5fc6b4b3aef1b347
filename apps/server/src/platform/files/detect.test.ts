import { describe, expect, it } from 'vitest';
import { detectFileKind, sniffFile, sniffFileDetailed, type FileKind } from './detect.js';
import { FileRejectedError } from './errors.js';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, buildDocx, buildXlsx, buildZip } from './test-fixtures.js';

const ALL: FileKind[] = ['xlsx', 'docx', 'pdf', 'png', 'jpeg', 'csv', 'txt'];

function syncRejection(fn: () => unknown): FileRejectedError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FileRejectedError);
    return err as FileRejectedError;
  }
  throw new Error('expected a FileRejectedError');
}

async function rejection(p: Promise<unknown>): Promise<FileRejectedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileRejectedError);
  return err as FileRejectedError;
}

const xlsx = await buildXlsx((wb) => wb.addWorksheet('Sheet1').addRow(['单位', '金额', 12.5]));
const docx = buildDocx();
const csv = Buffer.from('\ufeff单位,金额\n教育局,100\n', 'utf8');
const txt = Buffer.from('部门整体支出绩效自评\r\n第二行\t制表符\n', 'utf8');

describe('detectFileKind / sniffFile: genuine files', () => {
  it.each([
    ['预算.xlsx', xlsx, 'xlsx'],
    ['报告.DOCX', docx, 'docx'],
    ['scan.pdf', PDF_BYTES, 'pdf'],
    ['logo.png', PNG_BYTES, 'png'],
    ['photo.jpg', JPEG_BYTES, 'jpeg'],
    ['photo.jpeg', JPEG_BYTES, 'jpeg'],
    ['data.csv', csv, 'csv'],
    ['readme.txt', txt, 'txt'],
  ] as const)('%s → %s', async (name, buf, kind) => {
    expect(detectFileKind(buf, name, ALL)).toBe(kind);
    expect(await sniffFile(buf, name, { accept: ALL })).toBe(kind);
  });

  it('returns the validated zip listing for zip kinds', async () => {
    const r = await sniffFileDetailed(xlsx, 'a.xlsx', { accept: ['xlsx'] });
    expect(r.kind).toBe('xlsx');
    expect(r.zipEntries?.some((e) => e.name === 'xl/workbook.xml')).toBe(true);
  });
});

describe('extension must agree with content', () => {
  it('rejects a PDF renamed to .xlsx, naming both', () => {
    const err = syncRejection(() => detectFileKind(PDF_BYTES, 'a.xlsx', ALL));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toBe('文件“a.xlsx”的内容不是Excel工作簿（检测为PDF）');
  });

  it('rejects a docx renamed to .xlsx (needs the zip listing)', async () => {
    expect(detectFileKind(docx, 'a.xlsx', ALL)).toBe('xlsx'); // provisional only
    const err = await rejection(sniffFile(docx, 'a.xlsx', { accept: ALL }));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toBe('文件“a.xlsx”的内容不是Excel工作簿（检测为Word文档）');
  });

  it('rejects an xlsx renamed to .docx', async () => {
    const err = await rejection(sniffFile(xlsx, 'r.docx', { accept: ALL }));
    expect(err.message).toBe('文件“r.docx”的内容不是Word文档（检测为Excel工作簿）');
  });

  it('rejects an arbitrary zip named .xlsx', async () => {
    const zip = buildZip([{ name: 'hello.txt', data: Buffer.from('hi') }]);
    const err = await rejection(sniffFile(zip, 'a.xlsx', { accept: ALL }));
    expect(err.message).toBe('文件“a.xlsx”的内容不是Excel工作簿（检测为ZIP压缩包）');
  });

  it('rejects an xlsx renamed to .pdf and to .csv', () => {
    expect(syncRejection(() => detectFileKind(xlsx, 'a.pdf', ALL)).message).toBe(
      '文件“a.pdf”的内容不是PDF（检测为ZIP压缩包）',
    );
    expect(syncRejection(() => detectFileKind(xlsx, 'a.csv', ALL)).message).toBe(
      '文件“a.csv”的内容不是CSV文本（检测为ZIP压缩包）',
    );
  });

  it('rejects text renamed to .png, and a PNG renamed to .jpg', () => {
    expect(syncRejection(() => detectFileKind(txt, 'x.png', ALL)).message).toBe(
      '文件“x.png”的内容不是PNG图片（检测为文本）',
    );
    expect(syncRejection(() => detectFileKind(PNG_BYTES, 'x.jpg', ALL)).message).toBe(
      '文件“x.jpg”的内容不是JPEG图片（检测为PNG图片）',
    );
  });

  it('explains a legacy .xls / password-protected workbook (OLE compound file)', () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const err = syncRejection(() => detectFileKind(cfb, '2023决算.xlsx', ALL));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toContain('加密的Office文档或旧版Excel 97-2003（.xls）格式');
    expect(err.message).toContain('另存为.xlsx');
  });
});

describe('text files', () => {
  it('rejects a UTF-16 BOM with advice to save as UTF-8', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('单位,金额\n', 'utf16le')]);
    const err = syncRejection(() => detectFileKind(utf16, 'data.csv', ALL));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toContain('UTF-16编码');
    expect(err.message).toContain('UTF-8');
  });

  it('rejects GBK text with a hint about the encoding', () => {
    const gbk = Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]); // 单位,金额 in GBK
    const err = syncRejection(() => detectFileKind(gbk, 'data.csv', ALL));
    expect(err.message).toContain('不是UTF-8编码的文本（可能是GBK编码）');
  });

  it('rejects binary content (NUL bytes) named .txt', () => {
    const err = syncRejection(() => detectFileKind(Buffer.from([0x41, 0x00, 0x42, 0x0a]), 'a.txt', ALL));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toBe('文件“a.txt”的内容不是文本（含有二进制数据），不是有效的文本文件');
  });

  it('rejects other control bytes and invalid UTF-8', () => {
    expect(syncRejection(() => detectFileKind(Buffer.from([0x41, 0x07, 0x42]), 'a.txt', ALL)).message).toContain(
      '二进制',
    );
    expect(syncRejection(() => detectFileKind(Buffer.from([0x41, 0xc0, 0x00]), 'a.csv', ALL)).message).toContain(
      '二进制',
    );
  });
});

describe('allow-list and extension checks', () => {
  it('rejects a kind the endpoint does not accept, listing what it does', () => {
    const err = syncRejection(() => detectFileKind(PDF_BYTES, 'scan.pdf', ['xlsx', 'csv']));
    expect(err.code).toBe('FILE_TYPE');
    expect(err.message).toBe('文件“scan.pdf”是PDF，此处不接受；仅接受Excel工作簿（.xlsx）、CSV文本（.csv）');
  });

  it('rejects unknown or missing extensions', () => {
    expect(syncRejection(() => detectFileKind(PDF_BYTES, 'run.exe', ['pdf'])).message).toBe(
      '文件“run.exe”的类型不受支持（扩展名.exe），此处仅接受PDF（.pdf）',
    );
    expect(syncRejection(() => detectFileKind(PDF_BYTES, 'README', ['pdf'])).message).toContain('没有扩展名');
    expect(syncRejection(() => detectFileKind(xlsx, 'macro.xlsm', ['xlsx'])).message).toContain('扩展名.xlsm');
  });

  it('rejects an empty file', () => {
    const err = syncRejection(() => detectFileKind(Buffer.alloc(0), 'empty.csv', ALL));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('文件“empty.csv”是空文件');
  });
});
