/**
 * 报告核查: the uploaded files of the user read and checked one by one (a file that cannot be read
 * gets its message and the batch goes on), the findings as XLSX, and a budget-year proposal.
 * Reading files and checking them is pure (domain/); nothing is written here: importing into a
 * budget year is the budget service's save, after the user confirmed the proposal.
 */
import type { ReportCheckBudgetProposal, ReportCheckFileResult } from '@bianban/contracts';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { storedFile } from '../../db/schema.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { neutraliseRow } from '../../platform/files/index.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { appError } from '../../platform/http/errors.js';
import { budgetProposal } from './domain/budget-proposal.js';
import { checkDocument, type CheckedDocument } from './domain/check.js';
import { readAny, UnreadableError } from './domain/read/index.js';

export interface Services {
  db: Db;
}

const ACCEPT = { kinds: ['txt', 'csv', 'docx', 'pdf'] as const, refusal: '报告核查只接受纯文本、DOCX 和 PDF 文件' };

/** Reads and checks one document's bytes; an unreadable file becomes its message. */
export async function checkBytes(
  buf: Uint8Array,
  name: string,
): Promise<{ ok: true; result: CheckedDocument; format: string } | { ok: false; error: string }> {
  try {
    const doc = await readAny(buf, name);
    return { ok: true, result: checkDocument(doc), format: doc.format };
  } catch (e) {
    if (e instanceof UnreadableError) return { ok: false, error: e.message };
    throw e;
  }
}

export function toFileResult(
  fileId: string,
  name: string,
  r: Awaited<ReturnType<typeof checkBytes>>,
): ReportCheckFileResult {
  if (!r.ok) {
    return {
      fileId,
      name,
      error: r.error,
      meta: null,
      format: null,
      blocks: [],
      numbers: [],
      findings: [],
      counts: { statements: 0, numbers: 0, errors: 0, warnings: 0 },
    };
  }
  const c = r.result;
  return {
    fileId,
    name,
    error: null,
    meta: c.meta,
    format: r.format,
    blocks: c.blocks,
    numbers: c.numbers.map((n) => ({
      id: n.id,
      text: n.text,
      value: n.value,
      unit: n.unit,
      ...(n.label !== undefined ? { label: n.label } : {}),
      sentence: n.sentence,
      location: clean(n.location),
    })),
    findings: c.findings.map((f) => ({
      severity: f.severity,
      source: f.source,
      check: f.check,
      label: f.label,
      message: f.message,
      stated: f.stated,
      recomputed: f.recomputed,
      how: f.how,
      numberId: f.at.id,
      sentence: f.at.sentence,
      location: clean(f.at.location),
    })),
    counts: {
      statements: c.statements.length,
      numbers: c.numbers.length,
      errors: c.findings.filter((f) => f.severity === 'error').length,
      warnings: c.findings.filter((f) => f.severity === 'warning').length,
    },
  };
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function bytesOf(svc: Services, a: AuthContext, fileId: string): Promise<{ name: string; content: Buffer }> {
  const f = await findOwnUpload(svc.db, a, fileId, ACCEPT);
  const row = (
    await svc.db.select({ content: storedFile.content }).from(storedFile).where(eq(storedFile.id, f.id))
  )[0]!;
  return { name: f.name, content: row.content };
}

/** Each file in turn; one that cannot be read is reported and the others are still checked. */
export async function checkFiles(
  svc: Services,
  a: AuthContext,
  fileIds: readonly string[],
): Promise<ReportCheckFileResult[]> {
  const out: ReportCheckFileResult[] = [];
  for (const id of fileIds) {
    const f = await bytesOf(svc, a, id);
    out.push(toFileResult(id, f.name, await checkBytes(f.content, f.name)));
  }
  return out;
}

const SEVERITY = { error: '错误', warning: '提示' } as const;

/** The findings of the files as one workbook: a summary sheet and a findings sheet. */
export async function findingsWorkbook(results: readonly ReportCheckFileResult[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('汇总');
  sum.addRow(['文件', '年度', '部门', '状态', '提取数字', '提取表述', '错误', '提示']);
  for (const r of results) {
    sum.addRow(
      neutraliseRow([
        r.name,
        r.meta?.year ?? '',
        r.meta?.department ?? '',
        r.error ?? '已读取',
        r.counts.numbers,
        r.counts.statements,
        r.counts.errors,
        r.counts.warnings,
      ]),
    );
  }
  const ws = wb.addWorksheet('发现');
  ws.addRow(['文件', '行', '级别', '检查', '表述值', '重算值', '计算过程', '说明', '原句']);
  for (const r of results) {
    for (const f of r.findings) {
      ws.addRow(
        neutraliseRow([
          r.name,
          f.location.line ?? '',
          SEVERITY[f.severity],
          f.label,
          f.stated,
          f.recomputed,
          f.how,
          f.message,
          f.sentence,
        ]),
      );
    }
  }
  for (const sheet of [sum, ws]) {
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => (c.width = 18));
  }
  ws.getColumn(8).width = 60;
  ws.getColumn(9).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportFindings(svc: Services, a: AuthContext, fileIds: readonly string[]): Promise<Buffer> {
  return findingsWorkbook(await checkFiles(svc, a, fileIds));
}

/** The budget year the report's facts make, for confirmation before saving. */
export async function budgetFromFile(
  svc: Services,
  a: AuthContext,
  fileId: string,
): Promise<ReportCheckBudgetProposal> {
  const f = await bytesOf(svc, a, fileId);
  const r = await checkBytes(f.content, f.name);
  if (!r.ok) throw appError('FILE_MALFORMED', `文件“${f.name}”无法读取：${r.error}`);
  return budgetProposal(r.result);
}
