/**
 * 赋码: unified social credit codes for organs (机关, prefix 11) and mass organizations (群团, 13),
 * issued by the staffing office from the organization-code range reserved for its region
 * (`code_range`), and the pure check of lists of codes.
 *
 * Where the code lives. A unit's `uscc` attribute belongs to the org module and changes only by an
 * applied establishment decision (effective-dated, approved by the office leader; the demo data even
 * asserts that every history row names its decision). Issuing a code is a registration act, not an
 * establishment decision, so it does not write the unit's history: the code is recorded in the
 * register (`legal_person`, kind organ / massOrganization) with its `registration_act` (assignCode,
 * approved on issue), and the unit page shows it from there. The office carries it into the unit's
 * attributes with its next decision for the unit (the decision editor's 统一社会信用代码 field); a
 * unit whose attributes already hold a code cannot be given another.
 *
 * Concurrency. The range row is locked (`select … for update`) for the whole transaction, so two
 * requests never read the same "last issued" body; the unit's register row is unique (legal_person
 * unit and uscc unique indexes), so two requests for the same unit cannot both succeed either.
 */
import { and, eq, sql } from 'drizzle-orm';
import { CODE_PREFIX_LABELS, type CodeAssignmentT, type CodePrefix, type UsccReportT } from '@bianban/contracts';
import type { Tx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { todayInChina } from '../org/figures.service.js';
import { assembleUscc, explainUscc, nextOrganizationBody, rangeProblem, reportUscc } from './domain/uscc.js';
import { codeRange, legalPerson, registrationAct } from './registration.schema.js';

/** Pure: each code's verdict, explanation and what normalisation changed. */
export function checkUsccList(codes: readonly string[]): { items: UsccReportT[]; valid: number; invalid: number } {
  const items = codes.map(reportUscc);
  const valid = items.filter((i) => i.valid).length;
  return { items, valid, invalid: items.length - valid };
}

/** The register kind and code prefix a unit kind is given a code under, or why it is not. */
function codeKindOf(kind: string): { kind: 'organ' | 'massOrganization'; prefix: CodePrefix } | { refusal: string } {
  switch (kind) {
    case 'organ':
    case 'township':
    case 'street':
      // 乡镇人民政府 and 街道办事处 are organs too.
      return { kind: 'organ', prefix: '11' };
    case 'massOrganization':
      return { kind: 'massOrganization', prefix: '13' };
    case 'publicInstitution':
      return { refusal: '事业单位的统一社会信用代码在事业单位法人设立登记时赋予，不走机关群团赋码流程' };
    case 'internalOffice':
      return { refusal: '内设机构不是独立的机关或群团，不单独赋码' };
    default:
      return { refusal: `单位类型“${kind}”不属于机关或群团，不能赋码` };
  }
}

export interface IssuedCode {
  uscc: string;
  body: string;
  /** Bodies of the range passed over because some unit or register entry already carries them. */
  skipped: string[];
}

/**
 * Issues the next code of the region's range for `prefix` inside the caller's transaction: locks
 * the range row, skips organization codes already in use in the region, advances the range and
 * audits the issue. Also for 事业单位 (prefix 12) at establishment registration.
 */
export async function issueNextCode(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  regionCode: string,
  prefix: CodePrefix,
): Promise<IssuedCode> {
  const [range] = await tx
    .select()
    .from(codeRange)
    .where(and(eq(codeRange.regionCode, regionCode), eq(codeRange.prefix, prefix)))
    .for('update');
  const label = `${CODE_PREFIX_LABELS[prefix]}（前缀${prefix}）`;
  if (!range)
    throw appError('RULE_VIOLATION', `本地区尚未设置${label}的组织机构代码号段，不能赋码；请先录入上级分配的号段`);
  const problem = rangeProblem(range);
  if (problem) throw appError('RULE_VIOLATION', `${label}号段无效：${problem}`);

  // Organization codes (positions 9–16) already carried in this region, whatever their prefix: a
  // subject keeps one organization code, so a body someone already has is never issued again.
  const inUse = await tx.execute<{ body: string }>(sql`
    select substr(uscc, 9, 8) as body from ${unit}
     where ${unit.regionCode} = ${regionCode} and ${unit.uscc} is not null
       and substr(uscc, 9, 8) collate "C" between ${range.first} and ${range.last}
    union
    select substr(uscc, 9, 8) from ${legalPerson}
     where ${legalPerson.regionCode} = ${regionCode}
       and substr(uscc, 9, 8) collate "C" between ${range.first} and ${range.last}`);
  const taken = new Set(inUse.rows.map((r) => r.body));
  const next = nextOrganizationBody(range, (b) => taken.has(b));
  if (!next) {
    throw appError(
      'RULE_VIOLATION',
      `${label}号段 ${range.first}–${range.last} 已用完（已赋码${range.issuedCount}个），请向上级申请新的号段`,
    );
  }
  const uscc = assembleUscc(prefix, regionCode, next.body);
  await tx
    .update(codeRange)
    .set({ issued: next.body, issuedCount: range.issuedCount + 1 })
    .where(and(eq(codeRange.regionCode, regionCode), eq(codeRange.prefix, prefix)));
  await appendAudit(tx, auditKey, actor, {
    action: 'codeRange.issue',
    objectType: 'codeRange',
    objectId: `${regionCode}:${prefix}`,
    before: { issued: range.issued, issuedCount: range.issuedCount },
    after: { issued: next.body, issuedCount: range.issuedCount + 1, uscc, skipped: next.skipped },
  });
  return { uscc, body: next.body, skipped: next.skipped };
}

type UnitRow = typeof unit.$inferSelect;
type LegalPersonRow = typeof legalPerson.$inferSelect;

async function loadUnit(tx: Tx | Services['db'], a: AuthContext, unitId: string, lock = false): Promise<UnitRow> {
  assertUnitInScope(a.scope, unitId);
  const q = tx
    .select()
    .from(unit)
    .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)));
  const [u] = await (lock ? q.for('update') : q);
  if (!u) throw appError('NOT_FOUND', '单位不存在');
  return u;
}

function present(u: UnitRow, lp: LegalPersonRow, actId: string): CodeAssignmentT {
  return {
    legalPersonId: lp.id,
    actId,
    unitId: u.id,
    unitName: u.name,
    kind: lp.kind,
    uscc: lp.uscc,
    assignedOn: lp.registeredOn,
    explanation: explainUscc(lp.uscc),
  };
}

async function assignmentOf(db: Tx | Services['db'], u: UnitRow): Promise<CodeAssignmentT | null> {
  const [lp] = await db.select().from(legalPerson).where(eq(legalPerson.unitId, u.id));
  if (!lp || (lp.kind !== 'organ' && lp.kind !== 'massOrganization')) return null;
  const [act] = await db
    .select({ id: registrationAct.id })
    .from(registrationAct)
    .where(and(eq(registrationAct.legalPersonId, lp.id), eq(registrationAct.kind, 'assignCode')));
  return present(u, lp, act?.id ?? '');
}

/** Why `u` cannot be given a code now (existing code, revoked, wrong kind), or null. */
function refusalFor(u: UnitRow, lp: LegalPersonRow | undefined): string | null {
  if (lp) {
    const how = lp.kind === 'institution' ? '事业单位法人登记' : '赋码';
    return `“${u.name}”已于${lp.registeredOn}经${how}取得统一社会信用代码${lp.uscc}，不能重复赋码`;
  }
  if (u.uscc) return `“${u.name}”已有统一社会信用代码${u.uscc}（见单位属性），不能重复赋码`;
  if (u.status !== 'active') return `“${u.name}”已撤销，不能赋码`;
  const k = codeKindOf(u.kind);
  return 'refusal' in k ? k.refusal : null;
}

export async function unitCodeStatus(svc: Services, a: AuthContext, unitId: string) {
  const u = await loadUnit(svc.db, a, unitId);
  const [lp] = await svc.db.select().from(legalPerson).where(eq(legalPerson.unitId, u.id));
  const k = codeKindOf(u.kind);
  const refusal = refusalFor(u, lp);
  return {
    unitId: u.id,
    unitName: u.name,
    unitUscc: u.uscc,
    assignment: await assignmentOf(svc.db, u),
    canAssign: refusal === null && a.permissions.has('registration.edit'),
    refusal,
    prefix: 'prefix' in k ? k.prefix : null,
  };
}

/** 赋码: the next code of the range for an active organ or mass organization that has none. */
export async function assignCode(svc: Services, a: AuthContext, unitId: string): Promise<CodeAssignmentT> {
  return svc.db.transaction(async (tx) => {
    const u = await loadUnit(tx, a, unitId, true);
    const [existing] = await tx.select().from(legalPerson).where(eq(legalPerson.unitId, u.id));
    const refusal = refusalFor(u, existing);
    if (refusal) throw appError('RULE_VIOLATION', refusal);
    const k = codeKindOf(u.kind);
    if ('refusal' in k) throw appError('RULE_VIOLATION', k.refusal);

    const issued = await issueNextCode(tx, svc.keys.audit, a.actor, a.scope.regionCode, k.prefix);
    const today = todayInChina();
    const [lp] = await tx
      .insert(legalPerson)
      .values({
        regionCode: a.scope.regionCode,
        unitId: u.id,
        kind: k.kind,
        uscc: issued.uscc,
        name: u.name,
        status: 'active',
        registeredOn: today,
      })
      .returning();
    const [act] = await tx
      .insert(registrationAct)
      .values({
        regionCode: a.scope.regionCode,
        legalPersonId: lp!.id,
        unitId: u.id,
        kind: 'assignCode',
        state: 'approved',
        particulars: { uscc: issued.uscc, prefix: k.prefix, body: issued.body, skipped: issued.skipped },
        submittedOn: today,
        acceptedOn: today,
        decidedOn: today,
        createdBy: a.user.id,
      })
      .returning({ id: registrationAct.id });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.assignCode',
      objectType: 'unit',
      objectId: u.id,
      after: { unitName: u.name, kind: k.kind, uscc: issued.uscc, legalPersonId: lp!.id, actId: act!.id },
    });
    return present(u, lp!, act!.id);
  });
}

/** The region's ranges, with what would be issued next. */
export async function listCodeRanges(svc: Services, a: AuthContext) {
  const rows = await svc.db.select().from(codeRange).where(eq(codeRange.regionCode, a.scope.regionCode));
  return {
    regionCode: a.scope.regionCode,
    items: rows
      .sort((x, y) => x.prefix.localeCompare(y.prefix))
      .map((r) => ({
        prefix: r.prefix,
        label: CODE_PREFIX_LABELS[r.prefix as CodePrefix] ?? r.prefix,
        first: r.first,
        last: r.last,
        issued: r.issued,
        issuedCount: r.issuedCount,
        next: rangeProblem(r) ? null : (nextOrganizationBody(r)?.body ?? null),
      })),
  };
}

/** Records (or corrects) the range the upper authority reserved for a prefix. */
export async function setCodeRange(
  svc: Services,
  a: AuthContext,
  prefix: CodePrefix,
  body: { first: string; last: string },
) {
  await svc.db.transaction(async (tx) => {
    const problem = rangeProblem(body);
    if (problem) throw appError('VALIDATION_FAILED', problem);
    const [before] = await tx
      .select()
      .from(codeRange)
      .where(and(eq(codeRange.regionCode, a.scope.regionCode), eq(codeRange.prefix, prefix)))
      .for('update');
    // A range that no longer contains the last issued body is a new allotment: issuing starts at its
    // first body. Bodies in it that some unit already carries are skipped when issuing.
    const last = before?.issued ?? null;
    const keep = last !== null && last >= body.first && last <= body.last;
    const issued = keep ? last : null;
    const values = {
      first: body.first,
      last: body.last,
      issued,
      issuedCount: keep && before ? before.issuedCount : 0,
    };
    if (before) {
      await tx
        .update(codeRange)
        .set(values)
        .where(and(eq(codeRange.regionCode, a.scope.regionCode), eq(codeRange.prefix, prefix)));
    } else {
      await tx.insert(codeRange).values({ regionCode: a.scope.regionCode, prefix, ...values });
    }
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'codeRange.set',
      objectType: 'codeRange',
      objectId: `${a.scope.regionCode}:${prefix}`,
      before: before ? { first: before.first, last: before.last, issued: before.issued } : null,
      after: values,
    });
  });
  return listCodeRanges(svc, a);
}
