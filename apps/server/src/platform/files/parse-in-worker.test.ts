import { describe, expect, it } from 'vitest';
import { FileRejectedError } from './errors.js';
import { parseXlsxInWorker } from './parse-in-worker.js';
import { buildXlsx, buildZip } from './test-fixtures.js';

async function rejection(p: Promise<unknown>): Promise<FileRejectedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileRejectedError);
  return err as FileRejectedError;
}

// Big enough that exceljs needs well over 16 MB of heap to load it (~20k rows),
// yet only ~0.5 MB on disk and quick to build.
const heavy = await buildXlsx((wb) => {
  const ws = wb.addWorksheet('明细');
  for (let i = 0; i < 20_000; i++) ws.addRow([i, `第${i}行 项目名称`, i * 1.5, 'x'.repeat(20)]);
});

describe('parseXlsxInWorker', () => {
  it('parses a workbook into display strings, capped at maxRows', async () => {
    const buf = await buildXlsx((wb) => {
      const ws = wb.addWorksheet('收支预算');
      ws.addRow(['单位', '金额', '日期', '公式', '富文本', '布尔']);
      ws.addRow([
        '教育局',
        1234.5,
        new Date(Date.UTC(2024, 2, 31)),
        { formula: 'B2*2', result: 2469 },
        { richText: [{ text: '重点' }, { text: '项目', font: { bold: true } }] },
        true,
      ]);
      for (let i = 0; i < 100; i++) ws.addRow([`行${i}`]);
      wb.addWorksheet('空表');
    });
    const r = await parseXlsxInWorker(buf, { maxRows: 3 });
    expect(r.sheets).toHaveLength(2);
    const [first, empty] = r.sheets;
    expect(first).toEqual({
      name: '收支预算',
      rowCount: 102,
      rows: [
        ['单位', '金额', '日期', '公式', '富文本', '布尔'],
        ['教育局', '1234.5', '2024-03-31', '2469', '重点项目', 'TRUE'],
        ['行0'],
      ],
    });
    expect(empty).toEqual({ name: '空表', rowCount: 0, rows: [] });
  });

  it('defaults to 50 rows per sheet', async () => {
    const r = await parseXlsxInWorker(heavy, { fileName: 'heavy.xlsx' });
    expect(r.sheets[0]?.rowCount).toBe(20_000);
    expect(r.sheets[0]?.rows).toHaveLength(50);
    expect(r.sheets[0]?.rows[49]).toEqual(['49', '第49行 项目名称', '73.5', 'x'.repeat(20)]);
  });

  it('turns out-of-memory into FILE_MALFORMED and the process carries on', async () => {
    const err = await rejection(
      parseXlsxInWorker(heavy, { fileName: '明细.xlsx', maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 }),
    );
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('文件“明细.xlsx”解析占用内存超过上限（16 MB），工作簿过大或结构异常');
    // Still alive and able to parse afterwards.
    const again = await parseXlsxInWorker(heavy, { maxRows: 1 });
    expect(again.sheets[0]?.rows).toEqual([['0', '第0行 项目名称', '0', 'x'.repeat(20)]]);
  });

  it('terminates on timeout', async () => {
    const started = Date.now();
    const err = await rejection(parseXlsxInWorker(heavy, { fileName: 'slow.xlsx', timeoutMs: 1 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('文件“slow.xlsx”解析超时（超过1毫秒），工作簿过大或结构异常');
  });

  it('reports a corrupt workbook as unparseable', async () => {
    const notAWorkbook = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<not-xml') }]);
    const err = await rejection(parseXlsxInWorker(notAWorkbook, { fileName: 'bad.xlsx' }));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('文件“bad.xlsx”的工作簿无法解析：文件已损坏或不是有效的Excel工作簿');
    expect(err.cause).toBeInstanceOf(Error); // English library detail kept for logs
  });

  it('reports garbage bytes as unparseable', async () => {
    const err = await rejection(parseXlsxInWorker(Buffer.from('definitely not a zip')));
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toContain('工作簿无法解析');
  });
});
