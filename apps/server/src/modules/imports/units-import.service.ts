/**
 * Units import (单位及编制导入). Units and their establishment change only through establishment
 * decisions, so a units file becomes ONE draft decision (文号, 日期, 批准机关 given by the user) with a
 * `createUnit` item per unit and `quota` / `posts` items for it; it then goes through the normal
 * submit → approve → apply. The job reads the whole file, applies the column mapping, checks every
 * row (domain/unit-rows.ts), runs the decision planner over the draft's items (the preview must pass:
 * a row breaking a rule is reported on its row; a region-wide rule on row 0), and — when the mode and
 * the findings allow — records the draft in one transaction. Nothing is written in mode 'validate',
 * nor in mode 'all' when any row has an error.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  DECISION_MAX_ITEMS,
  IMPORT_MAX_ERRORS_LISTED,
  IMPORT_MODES,
  permissionsOf,
  UNITS_IMPORT_JOB_KIND,
  ColumnMapping,
  type ColumnMappingT,
  type ImportErrorT,
  type ImportMode,
  type JobInfo,
  type UnitsImportBodyT,
  type UnitsImportResultT,
} from '@bianban/contracts';
import type { Db } from '../../db/client.js';
import { appUser, storedFile, unit } from '../../db/schema.js';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.service.js';
import { rolesOf, type AuthContext } from '../../platform/auth/auth.service.js';
import { resolveScope, unitInScope } from '../../platform/auth/scope.js';
import { checkUpload } from '../../platform/files/index.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { startJob, type JobContext, type JobOutput, type JobRunner } from '../../platform/jobs/jobs.service.js';
import { assertDocNumberFree, insertDraftDecision } from '../org/decisions.service.js';
import { planDecision } from '../org/domain/plan.js';
import { latestHistoryDate, loadRegionState } from '../org/org.repository.js';
import { UNITS_COLUMN_SPECS } from './domain/columns.js';
import { applyMapping } from './domain/mapping.js';
import { checkUnitsFile, columnOfRule, sortUnitErrors, unitItems, type UnitCandidate } from './domain/unit-rows.js';
import type { ImportCaller } from './imports.service.js';
import { readImportRows } from './imports.service.js';
import { assertMapping, mappingFor } from './mapping.service.js';

const ACCEPT = { kinds: ['xlsx', 'csv'] as const, refusal: '导入只接受Excel工作簿（.xlsx）或UTF-8编码的CSV（.csv）' };
const WHOLE_FILE = '全文件';

export interface UnitsDecisionMeta {
  docNumber: string;
  docDate: string;
  effectiveDate: string;
  approvingBody: string;
  title: string;
}

const JobParams = z.object({
  fileId: z.uuid(),
  fileName: z.string(),
  mode: z.enum(IMPORT_MODES),
  docNumber: z.string(),
  docDate: z.string(),
  effectiveDate: z.string(),
  approvingBody: z.string(),
  title: z.string(),
  mapping: ColumnMapping.optional(),
});

const defaultTitle = (fileName: string) => `设立单位并核定编制（批量导入：${fileName}）`.slice(0, 200);

function metaOf(body: Omit<UnitsImportBodyT, 'fileId' | 'mode' | 'mapping'>, fileName: string): UnitsDecisionMeta {
  return {
    docNumber: body.docNumber,
    docDate: body.docDate,
    effectiveDate: body.effectiveDate ?? body.docDate,
    approvingBody: body.approvingBody,
    title: body.title ?? defaultTitle(fileName),
  };
}

// ── Request ─────────────────────────────────────────────────────────────────────────────────────

export async function startUnitsImport(
  deps: { db: Db; keys: { audit: Buffer }; jobs: JobRunner },
  a: AuthContext,
  body: UnitsImportBodyT,
): Promise<JobInfo> {
  if (body.mapping) assertMapping('units', body.mapping);
  const f = await findOwnUpload(deps.db, a, body.fileId, ACCEPT);
  // Refused at once rather than after reading the file; checked again when the draft is written.
  await assertDocNumberFree(deps.db, a.scope.regionCode, body.docNumber, null);
  return startJob(deps, a, UNITS_IMPORT_JOB_KIND, {
    fileId: f.id,
    fileName: f.name,
    mode: body.mode,
    ...metaOf(body, f.name),
    ...(body.mapping ? { mapping: body.mapping } : {}),
  });
}

// ── The import itself (used by the job and by the CLI) ──────────────────────────────────────────

export interface UnitsImportInput {
  fileName: string;
  kind: string;
  content: Buffer;
  mode: ImportMode;
  meta: UnitsDecisionMeta;
  mapping: ColumnMappingT;
  /** Audit object: the job, or the file on the CLI. */
  objectId?: string;
}

type Progress = (percent: number, message?: string) => Promise<void>;

export async function importUnits(
  svc: { db: Db; keys: { audit: Buffer } },
  caller: ImportCaller,
  input: UnitsImportInput,
  progress: Progress = async () => {},
): Promise<UnitsImportResultT> {
  const { scope } = caller;
  const { mode, meta } = input;
  await progress(5, '正在读取文件');
  const read = await readImportRows({ name: input.fileName, kind: input.kind, content: input.content });
  const rows = applyMapping(read.rows, UNITS_COLUMN_SPECS, input.mapping);

  await progress(30, '正在逐行校验');
  const existing = await svc.db
    .select({
      id: unit.id,
      name: unit.name,
      shortName: unit.shortName,
      nameplates: unit.nameplates,
      uscc: unit.uscc,
      parentId: unit.parentId,
      status: unit.status,
    })
    .from(unit)
    .where(eq(unit.regionCode, scope.regionCode));
  const file = checkUnitsFile(rows, {
    units: existing,
    inScope: (id) => unitInScope(scope, id),
    wholeRegion: scope.unitIds === null,
  });

  return svc.db.transaction(async (tx) => {
    // The same lock applying a decision takes: the state planned against is the state written to.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org:${scope.regionCode}`}))`);
    await progress(55, '正在按机构编制规则预演');
    const errors: ImportErrorT[] = [...file.errors];
    const failed = new Set(errors.map((e) => e.row));
    const state = await loadRegionState(tx, scope.regionCode);
    const latest = await latestHistoryDate(tx, scope.regionCode);

    // The planner's preview of the draft: a row breaking a rule is dropped with its descendants and
    // the rest planned again; a rule over the whole region (total control, organ cap) blocks the file.
    let clean: UnitCandidate[] = file.candidates;
    let draft = unitItems(clean);
    let regionWide: string[] = [];
    while (draft.items.length) {
      const plan = planDecision(state, draft.items, randomUUID);
      regionWide = plan.violations.filter((v) => v.item === null).map((v) => v.message);
      const rowRules = plan.violations.filter((v) => v.item !== null);
      if (!rowRules.length) break;
      for (const v of rowRules) {
        const row = draft.rowOf[v.item! - 1]!;
        errors.push({
          row,
          column: columnOfRule(v.rule, draft.items[v.item! - 1]),
          message: v.message.replace(/^第\d+项：/, ''),
        });
        failed.add(row);
      }
      // Children of a dropped row go with it (parents come first, so one pass suffices).
      for (const c of clean) {
        if (failed.has(c.row) || !c.parent || !('row' in c.parent) || !failed.has(c.parent.row)) continue;
        errors.push({
          row: c.row,
          column: '上级单位',
          message: `上级单位“${c.parent.name}”（第${c.parent.row}行）有误未能设立，本行无法导入`,
        });
        failed.add(c.row);
      }
      clean = clean.filter((c) => !failed.has(c.row));
      draft = unitItems(clean);
      regionWide = [];
    }
    for (const m of regionWide) errors.push({ row: 0, column: WHOLE_FILE, message: `违反机构编制规则：${m}` });
    // The draft must stay editable and savable as one decision.
    if (draft.items.length > DECISION_MAX_ITEMS)
      errors.push({
        row: 0,
        column: WHOLE_FILE,
        message: `本文件生成${draft.items.length}项机构编制事项，超过一份文件的上限${DECISION_MAX_ITEMS}项，请分为几个文件导入`,
      });
    if (latest && meta.effectiveDate < latest)
      errors.push({
        row: 0,
        column: WHOLE_FILE,
        message: `生效日期${meta.effectiveDate}早于已执行的最近变动日期${latest}；机构编制事项须按日期顺序执行`,
      });

    sortUnitErrors(errors);
    const wholeFile = errors.filter((e) => e.row === 0);
    const errorRows = new Set(errors.filter((e) => e.row > 0).map((e) => e.row)).size;
    const base = {
      mode,
      fileName: input.fileName,
      sheetName: read.sheetName,
      headerRow: file.headerRow,
      rows: file.rows,
      cleanRows: clean.length,
      errorRows,
      errorCount: errors.length,
      errors: errors.slice(0, IMPORT_MAX_ERRORS_LISTED),
      docNumber: meta.docNumber,
    };
    const notApplied = (note: string): UnitsImportResultT => ({
      ...base,
      applied: false,
      decisionId: null,
      unitsCreated: 0,
      items: 0,
      note,
    });
    if (mode === 'validate')
      return notApplied(
        errors.length
          ? `校验发现${errorRows}行有误${wholeFile.length ? '，且有违反机构编制规则的问题' : ''}；仅校验，未创建机构编制事项`
          : `校验通过：可设立${clean.length}个单位；仅校验，未创建机构编制事项`,
      );
    if (wholeFile.length) return notApplied(`${wholeFile.map((e) => e.message).join('；')}。未创建机构编制事项`);
    if (mode === 'all' && errors.length)
      return notApplied(
        `有${errorRows}行有误，按“全部无误才导入”未创建机构编制事项；请修改后重新导入，或选择只导入无误的行`,
      );
    if (!clean.length) return notApplied('没有可导入的行');

    await progress(85, '正在创建机构编制事项草稿');
    const decisionId = await insertDraftDecision(
      tx,
      svc.keys.audit,
      caller.actor,
      { regionCode: scope.regionCode, userId: caller.userId },
      { ...meta, items: draft.items },
    );
    await appendAudit(tx, svc.keys.audit, caller.actor, {
      action: 'units.import',
      objectType: input.objectId ? 'job' : 'file',
      objectId: input.objectId ?? input.fileName,
      after: {
        fileName: input.fileName,
        mode,
        rows: file.rows,
        decisionId,
        docNumber: meta.docNumber,
        unitsCreated: clean.length,
        items: draft.items.length,
        rowsSkipped: errorRows,
      },
    });
    return {
      ...base,
      applied: true,
      decisionId,
      unitsCreated: clean.length,
      items: draft.items.length,
      note: errors.length
        ? `已创建机构编制事项草稿（${clean.length}个单位），${errorRows}行有误未列入`
        : `已创建机构编制事项草稿（${clean.length}个单位），请提交审批后执行`,
    };
  });
}

// ── Job ─────────────────────────────────────────────────────────────────────────────────────────

/** The account that started the job, as it stands now: a withdrawn permission applies at once. */
async function ownerOf(db: Db, userId: string | null): Promise<ImportCaller & { id: string }> {
  const u = userId ? (await db.select().from(appUser).where(eq(appUser.id, userId)))[0] : undefined;
  if (!u || !u.active) throw new Error('发起导入的账户不存在或已停用');
  const roles = await rolesOf(db, u.id);
  if (!permissionsOf(roles).includes('decision.edit')) throw new Error('发起导入的账户已没有起草机构编制事项的权限');
  return {
    id: u.id,
    userId: u.id,
    scope: await resolveScope(db, u.regionCode, u.scopeUnitId),
    canApply: true,
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

export async function runUnitsImport(svc: { db: Db; keys: { audit: Buffer } }, ctx: JobContext): Promise<JobOutput> {
  const p = JobParams.parse(ctx.job.params);
  const caller = await ownerOf(svc.db, ctx.job.createdBy);
  const f = (await svc.db.select().from(storedFile).where(eq(storedFile.id, p.fileId)))[0];
  if (!f || f.createdBy !== caller.id || f.regionCode !== caller.scope.regionCode)
    throw new Error('导入文件不存在或已删除');
  const result = await importUnits(
    svc,
    caller,
    {
      fileName: f.name,
      kind: f.kind,
      content: f.content,
      mode: p.mode,
      meta: {
        docNumber: p.docNumber,
        docDate: p.docDate,
        effectiveDate: p.effectiveDate,
        approvingBody: p.approvingBody,
        title: p.title,
      },
      mapping: await mappingFor(svc.db, caller.scope.regionCode, 'units', p.mapping),
      objectId: ctx.job.id,
    },
    ctx.progress,
  );
  return { result };
}

// ── CLI ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * `bianban import units FILE --doc-number … --date … --approver …`: the server operator, whole
 * region, recorded as `cli`; the region's saved column mapping applies. Creates the draft decision
 * (mode all / cleanRowsOnly) for the office to submit, approve and apply as usual.
 */
export async function importUnitsFile(
  svc: { db: Db; keys: { audit: Buffer } },
  regionCode: string,
  input: {
    fileName: string;
    content: Buffer;
    mode: ImportMode;
    docNumber: string;
    docDate: string;
    effectiveDate?: string | undefined;
    approvingBody: string;
    title?: string | undefined;
  },
): Promise<UnitsImportResultT> {
  const { kind } = await checkUpload({ buf: input.content, name: input.fileName, accept: ['xlsx', 'csv'] });
  await assertDocNumberFree(svc.db, regionCode, input.docNumber, null);
  return importUnits(
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
      meta: metaOf(input, input.fileName),
      mapping: await mappingFor(svc.db, regionCode, 'units', undefined),
    },
  );
}
