/**
 * Worker-thread entry point that parses an xlsx with exceljs.
 *
 * Runs only inside a `worker_threads` Worker started by parse-in-worker.ts with
 * V8 heap limits: exceljs builds the whole workbook in memory and was measured
 * taking down an entire process on a 6.6 MB xlsx that inflates to 79 MB. Here an
 * out-of-memory kills only this isolate, and the parent turns it into a
 * user-facing rejection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { cellToDisplay } from './cell-text.js';
import type { ParsedSheet, WorkerRequest, WorkerResponse } from './xlsx-types.js';

async function parse(req: WorkerRequest): Promise<ParsedSheet[]> {
  const buffer = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate @types/node's generic Buffer; the runtime accepts any Buffer.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);

  return workbook.worksheets.map((ws) => {
    const rowCount = ws.rowCount;
    const rows: string[][] = [];
    const lastRow = Math.min(rowCount, req.maxRows);
    for (let r = 1; r <= lastRow; r++) {
      const row = ws.getRow(r);
      const width = Math.min(row.cellCount, req.maxColumns);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellToDisplay(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: ws.name, rowCount, rows };
  });
}

const port = parentPort;
if (port === null) {
  // Imported on the main thread by mistake: do nothing rather than parse unguarded.
  throw new Error('xlsx-worker must be started as a worker thread');
}

parse(workerData as WorkerRequest).then(
  (sheets) => port.postMessage({ ok: true, sheets } satisfies WorkerResponse),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ ok: false, message } satisfies WorkerResponse);
  },
);
