/** Shapes shared between parse-in-worker.ts and xlsx-worker.ts. */

export interface ParsedSheet {
  name: string;
  /** Total rows in the sheet (last used row), not just the rows returned. */
  rowCount: number;
  /** At most `maxRows` rows from the top; `rows[i]` is sheet row i+1. */
  rows: string[][];
}

export interface ParsedWorkbook {
  sheets: ParsedSheet[];
}

export interface WorkerRequest {
  data: Uint8Array;
  maxRows: number;
  maxColumns: number;
}

export type WorkerResponse = { ok: true; sheets: ParsedSheet[] } | { ok: false; message: string };
