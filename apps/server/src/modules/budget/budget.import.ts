/**
 * XLSX import of one budget year: the whole workbook is read (in the parse worker) and checked —
 * format per cell, then the same rules as the entry form, each finding named by sheet, row and
 * column — and only a clean file is written, in one transaction with its audit row.
 */
import { eq } from 'drizzle-orm';
import { budgetIdentityWarnings, type BudgetImportResultT, type BudgetImportErrorT } from '@bianban/contracts';
import type { z } from 'zod';
import type { BudgetImportBody } from '@bianban/contracts';
import { storedFile } from '../../db/schema.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { isFileRejectedError, parseXlsxInWorker } from '../../platform/files/index.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { appError } from '../../platform/http/errors.js';
import { classification } from './classification.js';
import { findingMessages, saveDocInTx, unitForBudget } from './budget.service.js';
import { readWorkbook } from './domain/sheets.js';
import { BUDGET_TABLES, validateBudgetDoc } from './domain/validate.js';

export async function importBudgetYear(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof BudgetImportBody>,
): Promise<BudgetImportResultT> {
  const u = await unitForBudget(svc.db, a, body.unitId);
  const f = await findOwnUpload(svc.db, a, body.fileId, {
    kinds: ['xlsx'],
    refusal: '预算和决算导入只接受Excel工作簿（.xlsx），请使用下载的模板',
  });
  const content = (await svc.db.select({ c: storedFile.content }).from(storedFile).where(eq(storedFile.id, f.id)))[0]!
    .c;
  let wb;
  try {
    wb = await parseXlsxInWorker(content, { fileName: f.name, maxRows: 1000, maxColumns: 12 });
  } catch (err) {
    if (isFileRejectedError(err)) throw appError('FILE_MALFORMED', err.message);
    throw err;
  }
  const read = readWorkbook(wb.sheets);
  const errors: BudgetImportErrorT[] = [...read.errors];
  const findings = validateBudgetDoc(read.doc, classification().year(body.year));
  const messages = findingMessages(findings);
  findings.forEach((fd, i) => {
    const o = read.locate(fd);
    errors.push(
      o
        ? { sheet: o.sheet, row: o.row, column: o.column, message: fd.message }
        : { sheet: BUDGET_TABLES[fd.table], row: null, column: null, message: messages[i]! },
    );
  });
  errors.sort(
    (x, y) =>
      x.sheet.localeCompare(y.sheet) || (x.row ?? 0) - (y.row ?? 0) || (x.column ?? '').localeCompare(y.column ?? ''),
  );
  const warnings = [...read.warnings, ...budgetIdentityWarnings(read.doc)];
  if (errors.length || body.mode === 'validate') return { applied: false, errors, warnings, doc: read.doc };
  await svc.db.transaction((tx) =>
    saveDocInTx(tx, svc, a, u, body.year, read.doc, 'budget.import', { fileId: f.id, fileName: f.name }),
  );
  return { applied: true, errors: [], warnings, doc: read.doc };
}
