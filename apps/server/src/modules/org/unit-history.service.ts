/**
 * A unit's history (沿革): its current attributes and a timeline of what each decision changed for
 * it on its effective date. Built from the effective-dated history rows (each row compared with
 * the previous row of the same key), not from the decisions' items, so it shows what was actually
 * written — including what a decision did to the unit indirectly (划转, 撤销 taking back quotas).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  FUNDING_FORM_LABELS,
  LEADERSHIP_LEVELS,
  LEADERSHIP_LEVEL_LABELS,
  UNIT_CATEGORY_LABELS,
  UNIT_KIND_LABELS,
  type UnitHistoryResponse,
} from '@bianban/contracts';
import type { z } from 'zod';
import { readAll, type DbOrTx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import {
  establishmentDecision,
  establishmentQuota,
  leadershipPostQuota,
  offEstablishmentCap,
  unitVersion,
} from './org.schema.js';

type History = z.infer<typeof UnitHistoryResponse>;
type Version = typeof unitVersion.$inferSelect;
type DecisionRow = typeof establishmentDecision.$inferSelect;

/** One change sentence, with where it sorts within its event. */
interface Change {
  date: string;
  decisionId: string | null;
  /** Set when the row does not name its decision (a closed row): resolved afterwards. */
  unresolved?: true;
  order: number;
  text: string;
}

const ORDER = { quota: 100, posts: 200, offCap: 300, persons: 400 } as const;

const label = (labels: Record<string, string>, v: string | null) => (v === null ? '无' : (labels[v] ?? v));

/** An amount over time (one key of one table): each row against the row before it. */
function amountChanges(
  rows: { amount: number; validFrom: string; validTo: string | null; decisionId: string | null }[],
  name: string,
  order: number,
): Change[] {
  const out: Change[] = [];
  let prev: (typeof rows)[number] | null = null;
  for (const r of rows) {
    const contiguous = prev !== null && prev.validTo === r.validFrom;
    // A gap: the previous row was closed without a successor (the amount went to 0).
    if (prev && !contiguous && prev.validTo)
      out.push({ date: prev.validTo, decisionId: null, unresolved: true, order, text: `${name} ${prev.amount} → 0` });
    const before = contiguous ? prev!.amount : 0;
    if (before !== r.amount)
      out.push({ date: r.validFrom, decisionId: r.decisionId, order, text: `${name} ${before} → ${r.amount}` });
    prev = r;
  }
  if (prev?.validTo)
    out.push({ date: prev.validTo, decisionId: null, unresolved: true, order, text: `${name} ${prev.amount} → 0` });
  return out;
}

/** The name of unit `id` on `date`, from its history, else its current name. */
function nameOn(id: string | null, date: string, versions: Map<string, Version[]>, current: Map<string, string>) {
  if (id === null) return '（顶层）';
  const v = (versions.get(id) ?? []).find((r) => r.validFrom <= date && (r.validTo === null || r.validTo > date));
  return v?.name ?? current.get(id) ?? '（未知单位）';
}

export async function unitHistory(db: DbOrTx, a: AuthContext, unitId: string): Promise<History> {
  const region = a.scope.regionCode;
  assertUnitInScope(a.scope, unitId);
  const [u] = await db
    .select()
    .from(unit)
    .where(and(eq(unit.id, unitId), eq(unit.regionCode, region)));
  if (!u) throw appError('NOT_FOUND', '单位不存在');

  const [versions, quotas, posts, caps, moves] = await readAll(db, [
    // Same-day versions (two decisions on one date) in the order they were applied.
    db
      .select({ v: unitVersion, approvedAt: establishmentDecision.approvedAt })
      .from(unitVersion)
      .leftJoin(establishmentDecision, eq(establishmentDecision.id, unitVersion.decisionId))
      .where(eq(unitVersion.unitId, unitId))
      .orderBy(
        asc(unitVersion.validFrom),
        sql`${establishmentDecision.appliedAt} asc nulls first`,
        sql`${unitVersion.validTo} asc nulls last`,
      ),
    db
      .select()
      .from(establishmentQuota)
      .where(eq(establishmentQuota.unitId, unitId))
      .orderBy(asc(establishmentQuota.validFrom), sql`${establishmentQuota.validTo} asc nulls last`),
    db
      .select()
      .from(leadershipPostQuota)
      .where(eq(leadershipPostQuota.unitId, unitId))
      .orderBy(asc(leadershipPostQuota.validFrom), sql`${leadershipPostQuota.validTo} asc nulls last`),
    db
      .select()
      .from(offEstablishmentCap)
      .where(eq(offEstablishmentCap.unitId, unitId))
      .orderBy(asc(offEstablishmentCap.validFrom), sql`${offEstablishmentCap.validTo} asc nulls last`),
    // 划转: a placement closed in one unit and opened in another on the same day by a decision.
    db.execute<{ dir: 'in' | 'out'; date: string; decision_id: string; other: string; n: number }>(sql`
      select case when n.unit_id = ${unitId} then 'in' else 'out' end as dir, n.valid_from::text as date,
             n.decision_id, case when n.unit_id = ${unitId} then p.unit_id else n.unit_id end as other,
             count(*)::int as n
      from placement n
      join placement p on p.person_id = n.person_id and p.valid_to = n.valid_from and p.disenrol_reason = '划转'
      where n.enrol_reason = '划转' and n.decision_id is not null and n.region_code = ${region}
        and (n.unit_id = ${unitId} or p.unit_id = ${unitId}) and n.unit_id <> p.unit_id
      group by 1, 2, 3, 4`),
  ]);
  const rows = versions.map((r) => r.v);

  // Names of the parents and of the other sides of 划转, as they were on the date.
  const others = new Set<string>();
  for (const r of rows) if (r.parentId) others.add(r.parentId);
  for (const m of moves.rows) others.add(m.other);
  if (u.parentId) others.add(u.parentId);
  const ids = [...others];
  const [otherVersions, otherUnits] = ids.length
    ? await readAll(db, [
        db.select().from(unitVersion).where(inArray(unitVersion.unitId, ids)),
        db.select({ id: unit.id, name: unit.name }).from(unit).where(inArray(unit.id, ids)),
      ])
    : [[], []];
  const byUnit = new Map<string, Version[]>();
  for (const v of otherVersions) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v]);
  const current = new Map(otherUnits.map((x) => [x.id, x.name]));
  const name = (id: string | null, date: string) => nameOn(id, date, byUnit, current);

  const changes: Change[] = [];

  // Attributes and place in the tree.
  let prev: Version | null = null;
  for (const [i, r] of rows.entries()) {
    const at = (text: string, k = 0) => changes.push({ date: r.validFrom, decisionId: r.decisionId, order: k, text });
    if (!prev) {
      // The unit was set up by this decision if it came into being after the decision was approved
      // (a decision can only change units that existed when it was drafted).
      const approvedAt = versions[i]!.approvedAt;
      if (approvedAt && u.createdAt >= approvedAt)
        at(r.parentId ? `设立（隶属 ${name(r.parentId, r.validFrom)}）` : '设立');
      else at('建立沿革记录（此前情况未登记）');
      if (r.nameplates.length) r.nameplates.forEach((p) => at(`加挂牌子“${p}”`, 5));
      if (r.functionsText) at('核定主要职责（三定）', 7);
      prev = r;
      continue;
    }
    if (prev.name !== r.name) at(`更名 ${prev.name} → ${r.name}`, 1);
    if ((prev.shortName ?? null) !== (r.shortName ?? null))
      at(`简称 ${prev.shortName ?? '无'} → ${r.shortName ?? '无'}`, 2);
    if (prev.parentId !== r.parentId)
      at(`调整隶属 ${name(prev.parentId, prev.validFrom)} → ${name(r.parentId, r.validFrom)}`, 3);
    const attrs: string[] = [];
    if (prev.kind !== r.kind)
      attrs.push(`机构类别 ${label(UNIT_KIND_LABELS, prev.kind)} → ${label(UNIT_KIND_LABELS, r.kind)}`);
    if (prev.category !== r.category)
      attrs.push(
        `事业单位类别 ${label(UNIT_CATEGORY_LABELS, prev.category)} → ${label(UNIT_CATEGORY_LABELS, r.category)}`,
      );
    if (prev.rank !== r.rank) attrs.push(`机构规格 ${prev.rank ?? '无'} → ${r.rank ?? '无'}`);
    if (prev.fundingForm !== r.fundingForm)
      attrs.push(
        `经费形式 ${label(FUNDING_FORM_LABELS, prev.fundingForm)} → ${label(FUNDING_FORM_LABELS, r.fundingForm)}`,
      );
    if (prev.uscc !== r.uscc) attrs.push(`统一社会信用代码 ${prev.uscc ?? '无'} → ${r.uscc ?? '无'}`);
    if (attrs.length) at(`机构属性变化：${attrs.join('；')}`, 4);
    for (const p of r.nameplates) if (!prev.nameplates.includes(p)) at(`加挂牌子“${p}”`, 5);
    for (const p of prev.nameplates) if (!r.nameplates.includes(p)) at(`摘除牌子“${p}”`, 5);
    if (prev.status !== r.status) at(r.status === 'revoked' ? '撤销' : '恢复', 6);
    if ((prev.functionsText ?? null) !== (r.functionsText ?? null))
      at(r.functionsText ? (prev.functionsText ? '修订主要职责（三定）' : '核定主要职责（三定）') : '删除主要职责', 7);
    prev = r;
  }

  // Amounts: establishment per type, leadership posts per level, the off-establishment cap.
  for (const [i, t] of ESTABLISHMENT_TYPES.entries())
    changes.push(
      ...amountChanges(
        quotas.filter((q) => q.type === t),
        ESTABLISHMENT_TYPE_LABELS[t],
        ORDER.quota + i,
      ),
    );
  for (const [i, l] of LEADERSHIP_LEVELS.entries())
    changes.push(
      ...amountChanges(
        posts.filter((p) => p.level === l),
        `${LEADERSHIP_LEVEL_LABELS[l]}领导职数`,
        ORDER.posts + i,
      ),
    );
  changes.push(...amountChanges(caps, '编外用工控制数', ORDER.offCap));

  for (const m of moves.rows)
    changes.push({
      date: m.date,
      decisionId: m.decision_id,
      order: ORDER.persons + (m.dir === 'in' ? 0 : 1),
      text:
        m.dir === 'in'
          ? `划入人员 ${m.n} 名（自 ${name(m.other, m.date)}）`
          : `划出人员 ${m.n} 名（至 ${name(m.other, m.date)}）`,
    });

  // A closed row names no decision: the one decision that changed this unit on that date, else the
  // one applied decision of that date naming this unit, else the one applied decision of that date.
  const unresolvedDates = [...new Set(changes.filter((c) => c.unresolved).map((c) => c.date))];
  const sameDay = unresolvedDates.length
    ? await db
        .select({ id: establishmentDecision.id, date: establishmentDecision.effectiveDate })
        .from(establishmentDecision)
        .where(
          and(
            eq(establishmentDecision.regionCode, region),
            eq(establishmentDecision.state, 'applied'),
            inArray(establishmentDecision.effectiveDate, unresolvedDates),
          ),
        )
    : [];
  const naming = sameDay.length
    ? new Set(
        (
          await db.execute<{ id: string }>(sql`
            select distinct decision_id as id from decision_item
            where decision_id in (${sql.join(
              sameDay.map((d) => sql`${d.id}`),
              sql`, `,
            )}) and payload::text like ${`%${unitId}%`}`)
        ).rows.map((r) => r.id),
      )
    : new Set<string>();
  for (const c of changes) {
    if (!c.unresolved) continue;
    const own = [...new Set(changes.filter((x) => x.date === c.date && x.decisionId).map((x) => x.decisionId!))];
    const day = sameDay.filter((d) => d.date === c.date).map((d) => d.id);
    const named = day.filter((id) => naming.has(id));
    c.decisionId = own.length === 1 ? own[0]! : named.length === 1 ? named[0]! : day.length === 1 ? day[0]! : null;
  }

  // Group by (date, decision); newest first, same-day decisions by when they were applied.
  const decisionIds = [...new Set(changes.flatMap((c) => (c.decisionId ? [c.decisionId] : [])))];
  const decisions = new Map<string, DecisionRow>(
    decisionIds.length
      ? (
          await db
            .select()
            .from(establishmentDecision)
            .where(and(eq(establishmentDecision.regionCode, region), inArray(establishmentDecision.id, decisionIds)))
        ).map((d) => [d.id, d])
      : [],
  );
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const k = `${c.date}|${c.decisionId ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const appliedAt = (id: string | null) => (id ? (decisions.get(id)?.appliedAt?.getTime() ?? 0) : 0);
  const events = [...groups.values()]
    .map((cs) => ({ date: cs[0]!.date, decisionId: cs[0]!.decisionId, cs }))
    .sort((x, y) => (x.date === y.date ? appliedAt(y.decisionId) - appliedAt(x.decisionId) : x.date < y.date ? 1 : -1))
    .map(({ date, decisionId, cs }) => {
      const d = decisionId ? decisions.get(decisionId) : undefined;
      return {
        date,
        decision: d ? { id: d.id, docNumber: d.docNumber, title: d.title, approvingBody: d.approvingBody } : null,
        changes: [...cs].sort((x, y) => x.order - y.order).map((c) => c.text),
      };
    });

  return {
    unit: {
      id: u.id,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      category: u.category,
      rank: u.rank,
      fundingForm: u.fundingForm,
      uscc: u.uscc,
      nameplates: u.nameplates,
      functionsText: u.functionsText,
      status: u.status,
      parentId: u.parentId,
      parentName: u.parentId ? (current.get(u.parentId) ?? null) : null,
    },
    events,
  };
}
