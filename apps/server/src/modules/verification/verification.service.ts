/**
 * Payroll verification (机构编制核查). The request checks the file and starts a background job; the
 * job reads the whole list (xlsx in the sandboxed parse worker, or UTF-8 csv), checks every row,
 * finds persons through the citizen-ID blind index — never by opening anyone's sealed ID — and
 * compares with the placements in force on the date within the data scope of the account that
 * started it (resolved again when the job runs, so a narrowed scope or a withdrawn permission
 * applies at once).
 */
import { inForce, inForceOn } from '../../db/as-of.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  permissionsOf,
  VERIFICATION_JOB_KIND,
  type JobInfo,
  type VerificationBody,
  type VerificationResultT,
} from '@bianban/contracts';
import { appUser, storedFile, unit } from '../../db/schema.js';
import { readAll, type Db, type DbOrTx } from '../../db/client.js';
import { rolesOf, type AuthContext, type Services } from '../../platform/auth/auth.service.js';
import { resolveScope, unitInScope, type DataScope } from '../../platform/auth/scope.js';
import { blindIndex } from '../../platform/crypto/sm.js';
import { parseXlsxInWorker, type FileKind } from '../../platform/files/index.js';
import { displayName } from '../../platform/files/errors.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { startJob, type JobContext, type JobOutput, type JobRunner } from '../../platform/jobs/jobs.service.js';
import { figureRow, todayInChina } from '../org/figures.service.js';
import { unitVersion } from '../org/org.schema.js';
import { maskCitizenId } from '../roster/domain/citizen-id.js';
import { person, placement } from '../roster/roster.schema.js';
import { comparePayroll, type IndexedEntry, type PlacedPerson } from './domain/compare.js';
import { CsvTooManyRowsError, parseCsv } from './domain/csv.js';
import { analysePayroll, normaliseName, PayrollFormatError, type RowProblem } from './domain/payroll.js';
import { countsOf, writeReport, type ReportData } from './verification.report.js';

/** Sheet rows read at most (header and blank rows included). */
export const MAX_PAYROLL_ROWS = 100_000;
/** A full 100 000-row workbook takes a few seconds; the default 15 s preview limit is too tight. */
const PARSE_TIMEOUT_MS = 60_000;
const ACCEPTED: readonly FileKind[] = ['xlsx', 'csv'];
const LOOKUP_CHUNK = 1000;

const VerificationParams = z.object({ fileId: z.uuid(), fileName: z.string(), asOf: z.iso.date() });
type VerificationParams = z.infer<typeof VerificationParams>;

// ── Request ─────────────────────────────────────────────────────────────────────────────────────

export async function startVerification(
  deps: { db: Db; keys: { audit: Buffer }; jobs: JobRunner },
  a: AuthContext,
  body: z.infer<typeof VerificationBody>,
): Promise<JobInfo> {
  // Somebody else's upload answers exactly like a missing one.
  const f = await findOwnUpload(deps.db, a, body.fileId, {
    kinds: ACCEPTED,
    refusal: '核查只接受Excel工作簿（.xlsx）或UTF-8编码的CSV（.csv）',
  });
  const params: VerificationParams = { fileId: f.id, fileName: f.name, asOf: body.asOf ?? todayInChina() };
  return startJob(deps, a, VERIFICATION_JOB_KIND, { ...params });
}

// ── Job ─────────────────────────────────────────────────────────────────────────────────────────

/** The scope of the account that started the job, as it stands now. */
async function ownerScope(
  db: DbOrTx,
  userId: string | null,
): Promise<{ userId: string; scope: DataScope; label: string }> {
  const u = userId ? (await db.select().from(appUser).where(eq(appUser.id, userId)))[0] : undefined;
  if (!u || !u.active) throw new Error('发起核查的账户不存在或已停用');
  if (!permissionsOf(await rolesOf(db, u.id)).includes('roster.read'))
    throw new Error('发起核查的账户已没有查看实名制人员的权限');
  const scope = await resolveScope(db, u.regionCode, u.scopeUnitId);
  if (!scope.rootUnitId) return { userId: u.id, scope, label: '全区' };
  const name = (await db.select({ name: unit.name }).from(unit).where(eq(unit.id, scope.rootUnitId)))[0]?.name;
  return { userId: u.id, scope, label: `${name ?? '（单位已不存在）'}及下属单位` };
}

async function readRows(file: {
  name: string;
  kind: string;
  content: Buffer;
}): Promise<{ sheetName: string | null; rows: string[][] }> {
  const shown = displayName(file.name);
  const tooMany = () =>
    new PayrollFormatError(
      `名单“${shown}”超过${MAX_PAYROLL_ROWS.toLocaleString('en-US')}行的核查上限，请按单位拆分后分别核查`,
    );
  if (file.kind === 'xlsx') {
    const wb = await parseXlsxInWorker(file.content, {
      fileName: file.name,
      maxRows: MAX_PAYROLL_ROWS,
      timeoutMs: PARSE_TIMEOUT_MS,
    });
    const sheet = wb.sheets[0];
    if (!sheet) throw new PayrollFormatError(`工作簿“${shown}”中没有工作表`);
    if (sheet.rowCount > MAX_PAYROLL_ROWS) throw tooMany();
    return { sheetName: sheet.name, rows: sheet.rows };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
  } catch {
    throw new PayrollFormatError(`文件“${shown}”不是UTF-8编码的CSV，请另存为“CSV UTF-8（逗号分隔）”后重新上传`);
  }
  try {
    return { sheetName: null, rows: parseCsv(text, MAX_PAYROLL_ROWS) };
  } catch (err) {
    if (err instanceof CsvTooManyRowsError) throw tooMany();
    throw err;
  }
}

interface UnitInfo {
  /** The name on the date (from the unit's history), else the current one. */
  name: string;
  /** Every name the unit is known by, normalised. */
  keys: Set<string>;
}

async function unitsOn(db: DbOrTx, regionCode: string, date: string): Promise<Map<string, UnitInfo>> {
  const [current, versions] = await readAll(db, [
    db
      .select({ id: unit.id, name: unit.name, shortName: unit.shortName, nameplates: unit.nameplates })
      .from(unit)
      .where(eq(unit.regionCode, regionCode)),
    db
      .select({
        id: unitVersion.unitId,
        name: unitVersion.name,
        shortName: unitVersion.shortName,
        nameplates: unitVersion.nameplates,
      })
      .from(unitVersion)
      .where(and(eq(unitVersion.regionCode, regionCode), inForce(unitVersion, date))),
  ]);
  const out = new Map<string, UnitInfo>();
  const add = (r: (typeof current)[number], asOfName: boolean) => {
    const info = out.get(r.id) ?? { name: r.name, keys: new Set<string>() };
    if (asOfName) info.name = r.name;
    for (const n of [r.name, r.shortName, ...r.nameplates]) if (n) info.keys.add(normaliseName(n));
    out.set(r.id, info);
  };
  for (const r of current) add(r, false);
  for (const r of versions) add(r, true);
  return out;
}

async function placedOn(
  db: DbOrTx,
  scope: DataScope,
  date: string,
  units: Map<string, UnitInfo>,
): Promise<PlacedPerson[]> {
  const rows = await db
    .select({
      personId: person.id,
      name: person.name,
      citizenIdMasked: person.citizenIdMasked,
      index: person.citizenIdIndex,
      unitId: placement.unitId,
      type: placement.type,
      validFrom: placement.validFrom,
    })
    .from(placement)
    .innerJoin(person, eq(person.id, placement.personId))
    .where(and(eq(placement.regionCode, scope.regionCode), inForce(placement, date)));
  return rows
    .filter((r) => unitInScope(scope, r.unitId))
    .map((r) => ({ ...r, unitName: units.get(r.unitId)?.name ?? '' }));
}

/** Units within scope whose actual exceeds approved for some type on the date: one row per unit and type. */
async function overOn(db: DbOrTx, scope: DataScope, date: string, units: Map<string, UnitInfo>) {
  const res = await db.execute<{ unit_id: string; type: string; approved: number; actual: number }>(sql`
    select unit_id, type, sum(approved)::int as approved, sum(actual)::int as actual from (
      select q.unit_id, q.type, q.amount as approved, 0 as actual from establishment_quota q
        where q.region_code = ${scope.regionCode} and ${inForceOn('q', date)}
      union all
      select p.unit_id, p.type, 0, 1 from placement p
        where p.region_code = ${scope.regionCode} and ${inForceOn('p', date)}
    ) x group by unit_id, type having sum(actual) > sum(approved)`);
  return res.rows
    .filter((r) => unitInScope(scope, r.unit_id))
    .map((r) => {
      const f = figureRow(r.type, r.type, r.approved, r.actual);
      return {
        unit: units.get(r.unit_id)?.name ?? '',
        type: r.type,
        approved: f.approved,
        actual: f.actual,
        over: f.over,
      };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || a.type.localeCompare(b.type));
}

const OUT_OF_SIGHT = '核查日在您的数据范围内无在编记录';

/**
 * Why a paid person has no placement in force. Only what the reader may see is said: a placement in
 * a unit outside the scope is told as “no record within your scope”, like no record at all.
 */
async function paidNotPlacedNotes(
  db: DbOrTx,
  scope: DataScope,
  date: string,
  units: Map<string, UnitInfo>,
  entries: IndexedEntry[],
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const restricted = scope.unitIds !== null;
  for (let i = 0; i < entries.length; i += LOOKUP_CHUNK) {
    const chunk = entries.slice(i, i + LOOKUP_CHUNK);
    const persons = await db
      .select({ id: person.id, index: person.citizenIdIndex })
      .from(person)
      .where(
        and(
          eq(person.regionCode, scope.regionCode),
          inArray(
            person.citizenIdIndex,
            chunk.map((e) => e.index),
          ),
        ),
      );
    const history = persons.length
      ? await db
          .select({
            personId: placement.personId,
            unitId: placement.unitId,
            validFrom: placement.validFrom,
            validTo: placement.validTo,
            disenrolReason: placement.disenrolReason,
          })
          .from(placement)
          .where(
            inArray(
              placement.personId,
              persons.map((p) => p.id),
            ),
          )
      : [];
    const byIndex = new Map(persons.map((p) => [p.index, p.id]));
    for (const e of chunk) {
      const personId = byIndex.get(e.index);
      if (!personId) {
        notes.set(e.index, restricted ? OUT_OF_SIGHT : '未在实名制名册中登记');
        continue;
      }
      const mine = history.filter((h) => h.personId === personId);
      if (!mine.length) {
        notes.set(e.index, '已登记，但从未上编');
        continue;
      }
      const past = mine.filter((h) => h.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
      const future = mine.filter((h) => h.validFrom > date).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
      const seen = (h: { unitId: string }) => unitInScope(scope, h.unitId);
      const unitName = (h: { unitId: string }) => units.get(h.unitId)?.name ?? '';
      // In force on the date but not among the placements compared: it is outside the scope.
      if (past && (past.validTo === null || past.validTo > date)) notes.set(e.index, OUT_OF_SIGHT);
      else if (future && seen(future))
        notes.set(e.index, `${future.validFrom}起在“${unitName(future)}”在编，晚于核查日`);
      else if (past && seen(past))
        notes.set(
          e.index,
          `已于${past.validTo}从“${unitName(past)}”下编${past.disenrolReason ? `（${past.disenrolReason}）` : ''}`,
        );
      else notes.set(e.index, OUT_OF_SIGHT);
    }
  }
  return notes;
}

export async function runVerification(svc: Services, ctx: JobContext): Promise<JobOutput> {
  const params = VerificationParams.parse(ctx.job.params);
  const { userId, scope, label } = await ownerScope(svc.db, ctx.job.createdBy);
  const asOf = params.asOf;
  await ctx.progress(5, '正在读取名单');
  const file = (
    await svc.db
      .select()
      .from(storedFile)
      .where(
        and(
          eq(storedFile.id, params.fileId),
          eq(storedFile.createdBy, userId),
          eq(storedFile.regionCode, scope.regionCode),
        ),
      )
  )[0];
  if (!file) throw new Error('名单文件不存在或已删除');
  const { sheetName, rows } = await readRows(file);

  await ctx.progress(30, '正在校验身份证号');
  const list = analysePayroll(rows);
  const entries: IndexedEntry[] = list.entries.map((e) => ({ ...e, index: blindIndex(svc.keys.data, e.citizenId) }));

  await ctx.progress(50, '正在比对在编人员');
  const units = await unitsOn(svc.db, scope.regionCode, asOf);
  const placed = await placedOn(svc.db, scope, asOf, units);
  const cmp = comparePayroll(entries, placed, new Map([...units].map(([id, u]) => [id, u.keys])));
  const notes = await paidNotPlacedNotes(svc.db, scope, asOf, units, cmp.paidNotPlaced);
  const over = await overOn(svc.db, scope, asOf, units);

  await ctx.progress(80, '正在生成核查报告');
  const masked = (id: string) => maskCitizenId(id);
  const rowProblems: RowProblem[] = [
    ...list.problems,
    ...cmp.nameMismatch.map(({ entry, placed: p }) => ({
      row: entry.row,
      name: entry.name,
      citizenId: masked(entry.citizenId),
      unit: entry.unit,
      reason: `姓名与在编人员“${p.name}”（${p.unitName}）不一致，请核实身份证号或姓名`,
    })),
  ].sort((a, b) => a.row - b.row);
  const data: ReportData = {
    asOf,
    fileName: file.name,
    sheetName,
    scope: label,
    rows: list.rows,
    persons: entries.length,
    matched: cmp.matched,
    rowProblems,
    paidNotPlaced: cmp.paidNotPlaced.map((e) => ({
      row: e.row,
      name: e.name,
      citizenId: masked(e.citizenId),
      unit: e.unit,
      note: notes.get(e.index) ?? OUT_OF_SIGHT,
    })),
    placedNotPaid: cmp.placedNotPaid.map((p) => ({
      name: p.name,
      citizenId: p.citizenIdMasked,
      unit: p.unitName,
      type: p.type,
      validFrom: p.validFrom,
    })),
    unitMismatch: cmp.unitMismatch.map(({ entry, placed: p }) => ({
      row: entry.row,
      name: entry.name,
      citizenId: masked(entry.citizenId),
      listUnit: entry.unit,
      placedUnit: p.unitName,
      type: p.type,
    })),
    overEstablishment: over,
  };
  const content = await writeReport(data);
  const result: VerificationResultT = {
    asOf,
    fileName: file.name,
    sheetName,
    headerRow: list.headerRow,
    rows: list.rows,
    persons: entries.length,
    matched: cmp.matched,
    scope: label,
    counts: countsOf(data),
  };
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '');
  return { result, file: { name: `编制核查报告-${asOf}-${stamp}.xlsx`, kind: 'xlsx', content } };
}
