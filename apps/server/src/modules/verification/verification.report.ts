/**
 * The verification report (XLSX): a summary sheet, then one sheet per category. Citizen IDs appear
 * masked only (first 4 + last 4); every text cell passes `neutraliseRow`, since names and unit
 * names come straight from an uploaded file and `=HYPERLINK(…)` typed there must stay text.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import {
  ESTABLISHMENT_TYPE_LABELS,
  VERIFICATION_CATEGORIES,
  VERIFICATION_CATEGORY_HINTS,
  VERIFICATION_CATEGORY_LABELS,
  type EstablishmentType,
  type VerificationCategory,
} from '@bianban/contracts';
import { neutraliseRow } from '../../platform/files/index.js';
import type { RowProblem } from './domain/payroll.js';

export interface ReportData {
  asOf: string;
  fileName: string;
  sheetName: string | null;
  scope: string;
  rows: number;
  persons: number;
  matched: number;
  rowProblems: RowProblem[];
  paidNotPlaced: { row: number; name: string; citizenId: string; unit: string; note: string }[];
  placedNotPaid: { name: string; citizenId: string; unit: string; type: string; validFrom: string }[];
  unitMismatch: { row: number; name: string; citizenId: string; listUnit: string; placedUnit: string; type: string }[];
  overEstablishment: { unit: string; type: string; approved: number; actual: number; over: number }[];
}

export function typeLabel(type: string): string {
  return ESTABLISHMENT_TYPE_LABELS[type as EstablishmentType] ?? type;
}

/** Distinct units among the over-establishment rows (one row per unit and type). */
export function overUnitCount(d: ReportData): number {
  return new Set(d.overEstablishment.map((o) => o.unit)).size;
}

export function countsOf(d: ReportData): Record<VerificationCategory, number> {
  return {
    rowProblems: d.rowProblems.length,
    paidNotPlaced: d.paidNotPlaced.length,
    placedNotPaid: d.placedNotPaid.length,
    unitMismatch: d.unitMismatch.length,
    overEstablishment: overUnitCount(d),
  };
}

type Cell = string | number;
interface Column {
  header: string;
  width: number;
}

const SHEETS: { [K in VerificationCategory]: { columns: Column[]; rows: (d: ReportData) => Cell[][] } } = {
  rowProblems: {
    columns: [
      { header: '行号', width: 8 },
      { header: '姓名', width: 12 },
      { header: '身份证号', width: 22 },
      { header: '单位', width: 28 },
      { header: '问题', width: 60 },
    ],
    rows: (d) => d.rowProblems.map((p) => [p.row, p.name, p.citizenId, p.unit, p.reason]),
  },
  paidNotPlaced: {
    columns: [
      { header: '行号', width: 8 },
      { header: '姓名', width: 12 },
      { header: '身份证号', width: 22 },
      { header: '名单单位', width: 28 },
      { header: '说明', width: 50 },
    ],
    rows: (d) => d.paidNotPlaced.map((p) => [p.row, p.name, p.citizenId, p.unit, p.note]),
  },
  placedNotPaid: {
    columns: [
      { header: '姓名', width: 12 },
      { header: '身份证号', width: 22 },
      { header: '在编单位', width: 28 },
      { header: '编制类型', width: 20 },
      { header: '上编日期', width: 12 },
    ],
    rows: (d) => d.placedNotPaid.map((p) => [p.name, p.citizenId, p.unit, typeLabel(p.type), p.validFrom]),
  },
  unitMismatch: {
    columns: [
      { header: '行号', width: 8 },
      { header: '姓名', width: 12 },
      { header: '身份证号', width: 22 },
      { header: '名单单位', width: 28 },
      { header: '在编单位', width: 28 },
      { header: '编制类型', width: 20 },
    ],
    rows: (d) => d.unitMismatch.map((p) => [p.row, p.name, p.citizenId, p.listUnit, p.placedUnit, typeLabel(p.type)]),
  },
  overEstablishment: {
    columns: [
      { header: '单位', width: 28 },
      { header: '编制类型', width: 20 },
      { header: '核定', width: 8 },
      { header: '实有', width: 8 },
      { header: '超编', width: 8 },
    ],
    rows: (d) => d.overEstablishment.map((o) => [o.unit, typeLabel(o.type), o.approved, o.actual, o.over]),
  },
};

export const SUMMARY_SHEET = '汇总';

export async function writeReport(d: ReportData): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = [
    { key: 'a', width: 26 },
    { key: 'b', width: 40 },
    { key: 'c', width: 60 },
  ];
  const counts = countsOf(d);
  const lines: Cell[][] = [
    ['机构编制核查报告（统发工资名单比对）'],
    ['核查日期', d.asOf],
    ['名单文件', d.fileName],
    ['工作表', d.sheetName ?? '（CSV文件）'],
    ['数据范围', d.scope],
    ['名单行数', d.rows],
    ['有效且不重复的身份证号', d.persons],
    ['在编且单位一致', d.matched],
    [],
    ['类别', '数量', '说明'],
    ...VERIFICATION_CATEGORIES.map((c) => [VERIFICATION_CATEGORY_LABELS[c], counts[c], VERIFICATION_CATEGORY_HINTS[c]]),
    [],
    ['身份证号均已脱敏（仅显示前4位和后4位）。'],
  ];
  for (const line of lines) {
    const row = summary.addRow(neutraliseRow(line));
    if (line === lines[0] || line[0] === '类别') row.font = { bold: true };
    row.commit();
  }
  await summary.commit();

  for (const category of VERIFICATION_CATEGORIES) {
    const spec = SHEETS[category];
    const ws = wb.addWorksheet(VERIFICATION_CATEGORY_LABELS[category], {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of spec.rows(d)) ws.addRow(neutraliseRow(r)).commit();
    await ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}
