/**
 * Column mappings of the imports, saved per region (tenant) and import kind: read the header row of
 * an uploaded file and propose a mapping (the saved one where the file has those titles, else exact
 * titles and aliases), save the mapping the user confirmed (audited), and resolve the mapping an
 * import runs with (the one sent with the request, else the saved one).
 */
import { and, eq } from 'drizzle-orm';
import type { ColumnMappingT, ImportHeadersResponseT, ImportKind, ImportMappingResponseT } from '@bianban/contracts';
import type { Db, DbOrTx } from '../../db/client.js';
import { storedFile } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { parseXlsxInWorker } from '../../platform/files/index.js';
import { displayName } from '../../platform/files/errors.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { appError } from '../../platform/http/errors.js';
import { parseCsv } from '../verification/domain/csv.js';
import { COLUMN_SPECS } from './domain/columns.js';
import { findHeaderIndex, guessMapping, MAPPING_SCAN_ROWS, mappingProblems } from './domain/mapping.js';
import { importColumnMapping } from './imports.schema.js';

const ACCEPT = { kinds: ['xlsx', 'csv'] as const, refusal: '导入只接受Excel工作簿（.xlsx）或UTF-8编码的CSV（.csv）' };

export async function savedMapping(db: DbOrTx, regionCode: string, kind: ImportKind): Promise<ImportMappingResponseT> {
  const row = (
    await db
      .select()
      .from(importColumnMapping)
      .where(and(eq(importColumnMapping.regionCode, regionCode), eq(importColumnMapping.kind, kind)))
  )[0];
  return {
    kind,
    mapping: (row?.mapping ?? {}) as ColumnMappingT,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Throws VALIDATION_FAILED naming each problem of a mapping for `kind`. */
export function assertMapping(kind: ImportKind, mapping: ColumnMappingT): void {
  const problems = mappingProblems(mapping, COLUMN_SPECS[kind]);
  if (problems.length) throw appError('VALIDATION_FAILED', `列对应有误：${problems.join('；')}`);
}

export async function saveMapping(
  svc: { db: Db; keys: { audit: Buffer } },
  a: AuthContext,
  kind: ImportKind,
  mapping: ColumnMappingT,
): Promise<ImportMappingResponseT> {
  assertMapping(kind, mapping);
  const regionCode = a.scope.regionCode;
  await svc.db.transaction(async (tx) => {
    const before = await savedMapping(tx, regionCode, kind);
    await tx
      .insert(importColumnMapping)
      .values({ regionCode, kind, mapping, updatedBy: a.user.id, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [importColumnMapping.regionCode, importColumnMapping.kind],
        set: { mapping, updatedBy: a.user.id, updatedAt: new Date() },
      });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'import.mapping.save',
      objectType: 'import_mapping',
      objectId: kind,
      before: before.updatedAt ? before.mapping : null,
      after: mapping,
    });
  });
  return savedMapping(svc.db, regionCode, kind);
}

/** The mapping an import runs with: the one confirmed with the request, else the region's saved one. */
export async function mappingFor(
  db: DbOrTx,
  regionCode: string,
  kind: ImportKind,
  given: ColumnMappingT | undefined,
): Promise<ColumnMappingT> {
  if (given) return given;
  return (await savedMapping(db, regionCode, kind)).mapping;
}

/** The first rows of a file: enough to find the header. */
async function headRows(file: { name: string; kind: string; content: Buffer }): Promise<string[][]> {
  const shown = displayName(file.name);
  if (file.kind === 'xlsx') {
    const wb = await parseXlsxInWorker(file.content, {
      fileName: file.name,
      maxRows: MAPPING_SCAN_ROWS,
      maxColumns: 50,
    });
    const sheet = wb.sheets[0];
    if (!sheet) throw appError('FILE_MALFORMED', `工作簿“${shown}”中没有工作表`);
    return sheet.rows;
  }
  let text: string;
  try {
    // The header is within the first rows: 256 KB is plenty, cut at the last whole line.
    const head = file.content.subarray(0, 256 * 1024);
    const cut = file.content.length > head.length ? head.lastIndexOf(0x0a) + 1 || head.length : head.length;
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, cut));
  } catch {
    throw appError('FILE_MALFORMED', `文件“${shown}”不是UTF-8编码的CSV，请另存为“CSV UTF-8（逗号分隔）”后重新上传`);
  }
  return parseCsv(text).slice(0, MAPPING_SCAN_ROWS);
}

export async function readHeaders(
  svc: { db: Db },
  a: AuthContext,
  kind: ImportKind,
  fileId: string,
): Promise<ImportHeadersResponseT> {
  const f = await findOwnUpload(svc.db, a, fileId, ACCEPT);
  const content = (
    await svc.db.select({ content: storedFile.content }).from(storedFile).where(eq(storedFile.id, f.id))
  )[0]!.content;
  const rows = await headRows({ name: f.name, kind: f.kind, content });
  const specs = COLUMN_SPECS[kind];
  const saved = (await savedMapping(svc.db, a.scope.regionCode, kind)).mapping;
  const at = findHeaderIndex(rows, specs, saved);
  if (at < 0) throw appError('FILE_MALFORMED', `文件“${displayName(f.name)}”的前${MAPPING_SCAN_ROWS}行中没有表头`);
  const headers = (rows[at] ?? []).map((h) => h.trim());
  const guess = guessMapping(headers, specs, saved);
  return {
    kind,
    fileName: f.name,
    headerRow: at + 1,
    headers,
    columns: specs.map((s) => ({ name: s.name, required: s.required, aliases: [...s.aliases] })),
    ...guess,
  };
}
