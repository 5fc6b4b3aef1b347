/**
 * Ledger workbooks: exceljs streaming writer, one layout for every sheet — a title row merged
 * across the table, one or two bold header rows (frozen), bordered data rows, numbers as numbers,
 * dates as real dates. Every row passes `neutraliseRow`: unit and person names are typed by users,
 * and `=HYPERLINK(…)` typed there must stay text in the reader's spreadsheet.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { neutraliseRow } from '../../platform/files/index.js';

export interface LedgerColumn {
  header: string;
  /** Columns with the same group side by side share a merged header above their own. */
  group?: string;
  width: number;
  /** 'date' cells take `YYYY-MM-DD` strings and are written as dates. */
  kind?: 'text' | 'number' | 'date';
}

export type CellValue = string | number | null;

export interface SheetSpec {
  name: string;
  title: string;
  columns: LedgerColumn[];
  /** Columns kept in view when scrolling right (e.g. 序号 and 单位名称). */
  freezeColumns?: number;
}

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** `2025-12-31` → `2025年12月31日`. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export class LedgerWorkbook {
  private readonly chunks: Buffer[] = [];
  private readonly out = new PassThrough();
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor() {
    this.out.on('data', (c: Buffer) => this.chunks.push(c));
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true });
    this.wb.creator = '编办通';
  }

  sheet(spec: SheetSpec): LedgerSheet {
    const grouped = spec.columns.some((c) => c.group);
    const headerRows = grouped ? 2 : 1;
    const ws = this.wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: spec.freezeColumns ?? 0, ySplit: 1 + headerRows }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    return new LedgerSheet(ws, spec, headerRows);
  }

  async finish(): Promise<Buffer> {
    await this.wb.commit();
    return Buffer.concat(this.chunks);
  }
}

export class LedgerSheet {
  private next: number;
  rows = 0;

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly spec: SheetSpec,
    headerRows: number,
  ) {
    const n = spec.columns.length;
    ws.columns = spec.columns.map((c) => ({ width: c.width }));

    const title = ws.getRow(1);
    title.getCell(1).value = neutraliseRow([spec.title])[0]!;
    title.getCell(1).font = { bold: true, size: 14 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 28;
    if (n > 1) ws.mergeCells(1, 1, 1, n);

    const top = ws.getRow(2);
    const sub = headerRows === 2 ? ws.getRow(3) : null;
    spec.columns.forEach((c, i) => {
      const col = i + 1;
      if (sub && c.group) {
        top.getCell(col).value = c.group;
        sub.getCell(col).value = c.header;
      } else {
        top.getCell(col).value = c.header;
      }
    });
    if (sub) {
      // Ungrouped columns span both header rows; a run of one group spans its columns.
      for (let i = 0; i < n;) {
        const g = spec.columns[i]!.group;
        if (!g) {
          ws.mergeCells(2, i + 1, 3, i + 1);
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < n && spec.columns[j + 1]!.group === g) j++;
        if (j > i) ws.mergeCells(2, i + 1, 2, j + 1);
        i = j + 1;
      }
    }
    for (const row of sub ? [top, sub] : [top]) {
      for (let col = 1; col <= n; col++) {
        const cell = row.getCell(col);
        cell.font = { bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = border;
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
    }
    title.commit();
    top.commit();
    sub?.commit();
    this.next = 2 + headerRows;
  }

  /** One table row; `indent` indents the given column (tree depth), `bold` for total rows. */
  add(values: CellValue[], opts: { indent?: { column: number; level: number }; bold?: boolean } = {}): void {
    const row = this.ws.getRow(this.next++);
    const safe = neutraliseRow(values);
    this.spec.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = safe[i] ?? null;
      if (v === null || v === '') cell.value = null;
      else if (c.kind === 'date' && typeof v === 'string') {
        cell.value = excelDate(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else cell.value = v;
      cell.border = border;
      if (c.kind === 'number') cell.alignment = { horizontal: 'right' };
      else if (c.kind === 'date') cell.alignment = { horizontal: 'center' };
      if (opts.indent && opts.indent.column === i + 1 && opts.indent.level > 0)
        cell.alignment = { indent: Math.min(opts.indent.level, 15) };
      if (opts.bold) cell.font = { bold: true };
    });
    row.commit();
    this.rows++;
  }

  /** A line of text under the table (scope, time of making). */
  note(text: string): void {
    const row = this.ws.getRow(this.next++);
    row.getCell(1).value = neutraliseRow([text])[0]!;
    row.getCell(1).font = { color: { argb: 'FF666666' }, size: 9 };
    row.commit();
  }

  finish(): void {
    this.ws.commit();
  }
}
