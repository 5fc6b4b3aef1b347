/**
 * Roster import (实名制数据导入). The request checks the file and the permission and starts a
 * background job; the job reads the whole file (xlsx in the sandboxed parse worker, UTF-8 csv
 * in-process), checks every row, then — in ONE transaction with the units concerned locked — checks
 * what needs the database (一人一编, earlier placements, vacancies and leadership posts per unit) and,
 * when the mode and the findings allow, writes persons and placements with bulk statements.
 * Nothing is written in mode 'validate', nor in mode 'all' when any row has an error.
 */
import { inForce } from '../../db/as-of.js';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ESTABLISHMENT_TYPE_LABELS,
  IMPORT_MAX_ERRORS_LISTED,
  IMPORT_MODES,
  LEADERSHIP_LEVEL_LABELS,
  permissionsOf,
  ROSTER_IMPORT_JOB_KIND,
  type ImportErrorT,
  type ImportMode,
  type JobInfo,
  type RosterImportBodyT,
  type RosterImportResultT,
  ColumnMapping,
  type ColumnMappingT,
} from '@bianban/contracts';
import { readAll, type Db, type Tx } from '../../db/client.js';
import { appUser, storedFile, unit } from '../../db/schema.js';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.service.js';
import { rolesOf, type AuthContext } from '../../platform/auth/auth.service.js';
import { resolveScope, unitInScope, type DataScope } from '../../platform/auth/scope.js';
import { checkUpload, parseXlsxInWorker, type FileKind } from '../../platform/files/index.js';
import { displayName } from '../../platform/files/errors.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { appError } from '../../platform/http/errors.js';
import { startJob, type JobContext, type JobOutput, type JobRunner } from '../../platform/jobs/jobs.service.js';
import { todayInChina } from '../org/figures.service.js';
import { establishmentQuota, leadershipPostQuota } from '../org/org.schema.js';
import { person, placement } from '../roster/roster.schema.js';
import { CsvTooManyRowsError, parseCsv } from '../verification/domain/csv.js';
import { sealAhead, writeRosterRows } from './roster-apply.js';
import { cryptoAll, IN_PROCESS_BELOW, warmCryptoPool } from './seal-pool.js';
import {
  checkRosterFile,
  HEADER_SCAN_ROWS,
  ImportFormatError,
  sortErrors,
  type RosterCandidate,
} from './domain/roster-rows.js';
import { ROSTER_COLUMN_SPECS } from './domain/columns.js';
import { applyMapping } from './domain/mapping.js';
import { assertMapping, mappingFor } from './mapping.service.js';

/** Data rows accepted at most in one file. */
export const MAX_IMPORT_ROWS = 100_000;
/** Sheet rows read at most: the data rows plus title, notes and header rows above them. */
const MAX_SHEET_ROWS = MAX_IMPORT_ROWS + HEADER_SCAN_ROWS;
/** Measured: a 100 000-row roster workbook parses in well under this (see imports.test.ts). */
const PARSE_TIMEOUT_MS = 120_000;
const PARSE_HEAP_MB = 512;
const ACCEPTED: readonly FileKind[] = ['xlsx', 'csv'];
const CHUNK = 1000;

/** What an imported historical placement says instead of a use plan. */
export const IMPORT_NOTE = '批量导入（历史数据）';

const LEADER_ONLY = '导入历史在编数据须由编办领导（具有审批权限的账户）执行；可先以“仅校验”方式检查文件';

const ImportParams = z.object({
  fileId: z.uuid(),
  fileName: z.string(),
  mode: z.enum(IMPORT_MODES),
  mapping: ColumnMapping.optional(),
});

// ── Request ─────────────────────────────────────────────────────────────────────────────────────

export async function startRosterImport(
  deps: { db: Db; keys: { audit: Buffer }; jobs: JobRunner },
  a: AuthContext,
  body: RosterImportBodyT,
): Promise<JobInfo> {
  if (body.mode !== 'validate' && !a.permissions.has('decision.approve')) throw appError('FORBIDDEN', LEADER_ONLY);
  if (body.mapping) assertMapping('roster', body.mapping);
  const f = await findOwnUpload(deps.db, a, body.fileId, {
    kinds: ACCEPTED,
    refusal: '导入只接受Excel工作簿（.xlsx）或UTF-8编码的CSV（.csv）',
  });
  return startJob(deps, a, ROSTER_IMPORT_JOB_KIND, {
    fileId: f.id,
    fileName: f.name,
    mode: body.mode,
    ...(body.mapping ? { mapping: body.mapping } : {}),
  });
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

/**
 * xlsx: the first sheet, in the resource-limited parse worker. csv: decoded and parsed in-process
 * (a linear scan of at most 10 MB of text: cheaper than a worker, and bounded by the row limit).
 */
export async function readImportRows(file: {
  name: string;
  kind: string;
  content: Buffer;
}): Promise<{ sheetName: string | null; rows: string[][] }> {
  const shown = displayName(file.name);
  const tooMany = () =>
    new ImportFormatError(
      `文件“${shown}”超过${MAX_IMPORT_ROWS.toLocaleString('en-US')}行的导入上限，请按单位拆分后分别导入`,
    );
  if (file.kind === 'xlsx') {
    const wb = await parseXlsxInWorker(file.content, {
      fileName: file.name,
      maxRows: MAX_SHEET_ROWS,
      maxColumns: 50,
      timeoutMs: PARSE_TIMEOUT_MS,
      maxOldGenerationSizeMb: PARSE_HEAP_MB,
    });
    const sheet = wb.sheets[0];
    if (!sheet) throw new ImportFormatError(`工作簿“${shown}”中没有工作表`);
    if (sheet.rowCount > MAX_SHEET_ROWS) throw tooMany();
    return { sheetName: sheet.name, rows: sheet.rows };
  }
  if (file.kind !== 'csv') throw new ImportFormatError(`文件“${shown}”不是Excel工作簿或CSV`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
  } catch {
    throw new ImportFormatError(`文件“${shown}”不是UTF-8编码的CSV，请另存为“CSV UTF-8（逗号分隔）”后重新上传`);
  }
  try {
    return { sheetName: null, rows: parseCsv(text, MAX_SHEET_ROWS) };
  } catch (err) {
    if (err instanceof CsvTooManyRowsError) throw tooMany();
    throw err;
  }
}

// ── The import itself (used by the job and by the CLI) ──────────────────────────────────────────

export interface ImportCaller {
  scope: DataScope;
  /** Recorded as exception_approved_by on the placements; null from the CLI. */
  userId: string | null;
  actor: Actor;
  /** May write (holds decision.approve, or is the server operator on the CLI). */
  canApply: boolean;
}

export interface RosterImportInput {
  fileName: string;
  kind: string;
  content: Buffer;
  mode: ImportMode;
  /** Column mapping applied to the header row before the rows are checked. */
  mapping?: ColumnMappingT;
  /** Audit object: the job, or the file on the CLI. */
  objectId?: string;
}

type Progress = (percent: number, message?: string) => Promise<void>;

interface Known {
  personId: string;
  name: string;
  regionCode: string;
  openUnitId: string | null;
  openUnitName: string | null;
  /** Latest end of an earlier placement. */
  lastEnd: string | null;
}

async function knownPersons(tx: Tx, indexes: string[], progress: Progress): Promise<Map<string, Known>> {
  const out = new Map<string, Known>();
  for (let i = 0; i < indexes.length; i += CHUNK) {
    const chunk = indexes.slice(i, i + CHUNK);
    const persons = await tx
      .select({ id: person.id, name: person.name, regionCode: person.regionCode, index: person.citizenIdIndex })
      .from(person)
      .where(inArray(person.citizenIdIndex, chunk));
    if (persons.length) {
      const history = await tx
        .select({
          personId: placement.personId,
          unitId: placement.unitId,
          unitName: unit.name,
          validTo: placement.validTo,
        })
        .from(placement)
        .innerJoin(unit, eq(unit.id, placement.unitId))
        .where(
          inArray(
            placement.personId,
            persons.map((p) => p.id),
          ),
        );
      for (const p of persons) {
        const mine = history.filter((h) => h.personId === p.id);
        const open = mine.find((h) => h.validTo === null);
        const ends = mine.map((h) => h.validTo).filter((d): d is string => d !== null);
        out.set(p.index, {
          personId: p.id,
          name: p.name,
          regionCode: p.regionCode,
          openUnitId: open?.unitId ?? null,
          openUnitName: open?.unitName ?? null,
          lastEnd: ends.length ? ends.sort().at(-1)! : null,
        });
      }
    }
    await progress(30 + (20 * (i + chunk.length)) / Math.max(1, indexes.length), '正在核对已登记人员');
  }
  return out;
}

/** Approved (in force today) and actual (open placements) per `unit|key`, for the units given. */
async function capacities(tx: Tx, unitIds: string[], today: string) {
  const inForceToday = (t: typeof establishmentQuota | typeof leadershipPostQuota) => inForce(t, today);
  const [quota, posts, placed, leaders] = await readAll(tx, [
    tx
      .select({
        unitId: establishmentQuota.unitId,
        key: establishmentQuota.type,
        n: sql<number>`sum(${establishmentQuota.amount})::int`,
      })
      .from(establishmentQuota)
      .where(and(inArray(establishmentQuota.unitId, unitIds), inForceToday(establishmentQuota)))
      .groupBy(establishmentQuota.unitId, establishmentQuota.type),
    tx
      .select({
        unitId: leadershipPostQuota.unitId,
        key: leadershipPostQuota.level,
        n: sql<number>`sum(${leadershipPostQuota.amount})::int`,
      })
      .from(leadershipPostQuota)
      .where(and(inArray(leadershipPostQuota.unitId, unitIds), inForceToday(leadershipPostQuota)))
      .groupBy(leadershipPostQuota.unitId, leadershipPostQuota.level),
    tx
      .select({ unitId: placement.unitId, key: placement.type, n: sql<number>`count(*)::int` })
      .from(placement)
      .where(and(inArray(placement.unitId, unitIds), isNull(placement.validTo)))
      .groupBy(placement.unitId, placement.type),
    tx
      .select({ unitId: placement.unitId, key: placement.leadershipLevel, n: sql<number>`count(*)::int` })
      .from(placement)
      .where(
        and(
          inArray(placement.unitId, unitIds),
          isNull(placement.validTo),
          sql`${placement.leadershipLevel} is not null`,
        ),
      )
      .groupBy(placement.unitId, placement.leadershipLevel),
  ]);
  const map = (rows: { unitId: string; key: string | null; n: number }[]) =>
    new Map(rows.map((r) => [`${r.unitId}|${r.key}`, r.n]));
  return { approved: map(quota), posts: map(posts), actual: map(placed), holding: map(leaders) };
}

export async function importRoster(
  svc: { db: Db; keys: { audit: Buffer; data: Buffer } },
  caller: ImportCaller,
  input: RosterImportInput,
  progress: Progress = async () => {},
): Promise<RosterImportResultT> {
  const { scope } = caller;
  const mode = input.mode;
  if (mode !== 'validate' && !caller.canApply) throw new Error(LEADER_ONLY);
  await progress(5, '正在读取文件');
  const read = await readImportRows({ name: input.fileName, kind: input.kind, content: input.content });
  const { sheetName } = read;
  const rows = applyMapping(read.rows, ROSTER_COLUMN_SPECS, input.mapping ?? {});

  await progress(20, '正在逐行校验');
  // The crypto workers start while the rows are checked (seal-pool.ts).
  if (rows.length > IN_PROCESS_BELOW) warmCryptoPool();
  const today = todayInChina();
  const units = await svc.db
    .select({
      id: unit.id,
      name: unit.name,
      shortName: unit.shortName,
      nameplates: unit.nameplates,
      uscc: unit.uscc,
      status: unit.status,
    })
    .from(unit)
    .where(eq(unit.regionCode, scope.regionCode));
  const file = checkRosterFile(rows, { units, inScope: (id) => unitInScope(scope, id), today });
  const blind = await cryptoAll(
    svc.keys.data,
    'index',
    file.candidates.map((c) => c.citizenId),
  );
  const indexes = new Map(file.candidates.map((c, i) => [c.row, blind[i]!]));
  // Sealing starts now, on the worker threads, while the rows are checked against the database.
  const sealed = mode === 'validate' ? undefined : sealAhead(svc.keys.data, file.candidates);

  return svc.db.transaction(async (tx) => {
    const errors: ImportErrorT[] = [...file.errors];
    const failed = new Set(errors.map((e) => e.row));
    const err = (c: RosterCandidate, column: string, message: string) => {
      errors.push({ row: c.row, column, message });
      failed.add(c.row);
    };
    const unitIds = [...new Set(file.candidates.map((c) => c.unitId))].sort();
    // The same lock enrolment takes: no vacancy is taken twice by an import and a concurrent enrolment.
    if (mode !== 'validate' && unitIds.length)
      await tx.execute(sql`select id from unit where id = any(${sql.param(unitIds)}::uuid[]) order by id for update`);

    // 一人一编 and earlier records, through the blind index only.
    const known = await knownPersons(tx, [...new Set(indexes.values())], progress);
    for (const c of file.candidates) {
      const k = known.get(indexes.get(c.row)!);
      if (!k) continue;
      if (k.regionCode !== scope.regionCode) err(c, '公民身份号码', '该公民身份号码已在其他地区登记');
      else if (k.openUnitId)
        err(
          c,
          '公民身份号码',
          unitInScope(scope, k.openUnitId)
            ? `一人一编：${k.name}已在“${k.openUnitName}”在编`
            : `一人一编：${k.name}已在您数据范围以外的单位在编`,
        );
      else if (k.name !== c.name) err(c, '姓名', `该公民身份号码已登记为“${k.name}”，与所填姓名不一致`);
      else if (k.lastEnd && c.validFrom < k.lastEnd)
        err(c, '上编时间', `上编时间${c.validFrom}早于该人员上一段在编经历的下编时间${k.lastEnd}`);
    }

    // Vacancies and leadership posts per unit, in file order: the rows beyond them are over.
    await progress(55, '正在核对空编');
    const cap = unitIds.length
      ? await capacities(tx, unitIds, today)
      : { approved: new Map(), posts: new Map(), actual: new Map(), holding: new Map() };
    const used = new Map<string, number>();
    const usedPosts = new Map<string, number>();
    for (const c of file.candidates) {
      if (failed.has(c.row)) continue;
      const key = `${c.unitId}|${c.type}`;
      const approved = cap.approved.get(key) ?? 0;
      const actual = cap.actual.get(key) ?? 0;
      const n = (used.get(key) ?? 0) + 1;
      if (actual + n > approved) {
        err(
          c,
          '编制类型',
          `超编：“${c.unitName}”${ESTABLISHMENT_TYPE_LABELS[c.type]}核定${approved}名、已在编${actual}名，只余${Math.max(0, approved - actual)}名空编，本行超出`,
        );
        continue;
      }
      if (c.leadershipLevel) {
        const pk = `${c.unitId}|${c.leadershipLevel}`;
        const posts = cap.posts.get(pk) ?? 0;
        const holding = cap.holding.get(pk) ?? 0;
        const m = (usedPosts.get(pk) ?? 0) + 1;
        if (holding + m > posts) {
          err(
            c,
            '领导职务',
            `超职数：“${c.unitName}”${LEADERSHIP_LEVEL_LABELS[c.leadershipLevel]}领导职数核定${posts}名、现任${holding}名，只余${Math.max(0, posts - holding)}名，本行超出`,
          );
          continue;
        }
        usedPosts.set(pk, m);
      }
      used.set(key, n);
    }

    sortErrors(errors);
    const clean = file.candidates.filter((c) => !failed.has(c.row));
    const errorRows = new Set(errors.map((e) => e.row)).size;
    const base = {
      mode,
      fileName: input.fileName,
      sheetName,
      headerRow: file.headerRow,
      rows: file.rows,
      cleanRows: clean.length,
      errorRows,
      errorCount: errors.length,
      errors: errors.slice(0, IMPORT_MAX_ERRORS_LISTED),
    };
    const notApplied = (note: string): RosterImportResultT => ({
      ...base,
      applied: false,
      personsCreated: 0,
      placementsCreated: 0,
      note,
    });
    if (mode === 'validate')
      return notApplied(
        errors.length ? `校验发现${errorRows}行有误；仅校验，未写入任何数据` : '校验通过；仅校验，未写入任何数据',
      );
    if (mode === 'all' && errors.length)
      return notApplied(
        `有${errorRows}行有误，按“全部无误才导入”未写入任何数据；请修改后重新导入，或选择只导入无误的行`,
      );
    if (!clean.length) return notApplied('没有可导入的行');

    // ── Write: persons (new ones), then placements, streamed with COPY (roster-apply.ts) ──
    await progress(65, '正在写入人员');
    const fresh = clean.filter((c) => !known.has(indexes.get(c.row)!));
    const personIdOf = new Map<number, string>();
    for (const c of clean) {
      const k = known.get(indexes.get(c.row)!);
      personIdOf.set(c.row, k ? k.personId : randomUUID());
    }
    await writeRosterRows(
      tx,
      svc.keys.data,
      {
        regionCode: scope.regionCode,
        userId: caller.userId,
        note: IMPORT_NOTE,
        fresh: fresh.map((c) => ({ c, id: personIdOf.get(c.row)!, index: indexes.get(c.row)! })),
        placements: clean.map((c) => ({ c, personId: personIdOf.get(c.row)! })),
        ...(sealed ? { sealed } : {}),
      },
      progress,
    );
    await appendAudit(tx, svc.keys.audit, caller.actor, {
      action: 'roster.import',
      objectType: input.objectId ? 'job' : 'file',
      objectId: input.objectId ?? input.fileName,
      after: {
        fileName: input.fileName,
        mode,
        rows: file.rows,
        personsCreated: fresh.length,
        placementsCreated: clean.length,
        rowsSkipped: errorRows,
        units: unitIds.length,
      },
    });
    return {
      ...base,
      applied: true,
      personsCreated: fresh.length,
      placementsCreated: clean.length,
      note: errors.length ? `已导入${clean.length}行，${errorRows}行有误未导入` : null,
    };
  });
}

// ── Job ─────────────────────────────────────────────────────────────────────────────────────────

/** The account that started the job, as it stands now: a withdrawn permission applies at once. */
async function ownerOf(db: Db, userId: string | null, mode: ImportMode): Promise<ImportCaller & { id: string }> {
  const u = userId ? (await db.select().from(appUser).where(eq(appUser.id, userId)))[0] : undefined;
  if (!u || !u.active) throw new Error('发起导入的账户不存在或已停用');
  const roles = await rolesOf(db, u.id);
  const perms = permissionsOf(roles);
  const canApply = perms.includes('decision.approve');
  if (!canApply && !perms.includes('roster.edit')) throw new Error('发起导入的账户已没有维护实名制人员的权限');
  if (mode !== 'validate' && !canApply) throw new Error(LEADER_ONLY);
  return {
    id: u.id,
    userId: u.id,
    scope: await resolveScope(db, u.regionCode, u.scopeUnitId),
    canApply,
    actor: {
      userId: u.id,
      username: u.username,
      role: roles.join(',') || null,
      ip: null,
      requestId: null,
      regionCode: u.regionCode,
    },
  };
}

export async function runRosterImport(
  svc: { db: Db; keys: { audit: Buffer; data: Buffer } },
  ctx: JobContext,
): Promise<JobOutput> {
  const params = ImportParams.parse(ctx.job.params);
  const caller = await ownerOf(svc.db, ctx.job.createdBy, params.mode);
  const f = (
    await svc.db
      .select()
      .from(storedFile)
      .where(
        and(
          eq(storedFile.id, params.fileId),
          eq(storedFile.createdBy, caller.id),
          eq(storedFile.regionCode, caller.scope.regionCode),
        ),
      )
  )[0];
  if (!f) throw new Error('导入文件不存在或已删除');
  const result = await importRoster(
    svc,
    caller,
    {
      fileName: f.name,
      kind: f.kind,
      content: f.content,
      mode: params.mode,
      mapping: await mappingFor(svc.db, caller.scope.regionCode, 'roster', params.mapping),
      objectId: ctx.job.id,
    },
    ctx.progress,
  );
  return { result };
}

// ── CLI ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * `bianban import roster FILE [MODE]`: the server operator, whole region, recorded in the audit log as
 * `cli`. The file passes the same upload checks (content type, zip guard) as one sent to the API.
 */
export async function importRosterFile(
  svc: { db: Db; keys: { audit: Buffer; data: Buffer } },
  regionCode: string,
  input: { fileName: string; content: Buffer; mode: ImportMode },
): Promise<RosterImportResultT> {
  const { kind } = await checkUpload({ buf: input.content, name: input.fileName, accept: ACCEPTED });
  return importRoster(
    svc,
    {
      scope: await resolveScope(svc.db, regionCode, null),
      userId: null,
      actor: { ...SYSTEM_ACTOR, username: 'cli', regionCode },
      canApply: true,
    },
    {
      fileName: input.fileName,
      kind,
      content: input.content,
      mode: input.mode,
      mapping: await mappingFor(svc.db, regionCode, 'roster', undefined),
    },
  );
}
