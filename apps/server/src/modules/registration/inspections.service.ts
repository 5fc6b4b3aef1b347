/**
 * 双随机一公开: a campaign draws institutions from the register and inspectors from a pool with a
 * recorded seed (domain/draw.ts documents the algorithm), so that anyone can recompute and verify
 * the draw; then results per institution (合格 / 基本合格 / 不合格 with findings), rectification
 * (due date, done) and publication of the results.
 *
 * The candidate list and the pool are frozen in the campaign at the draw; `verify` recomputes the
 * draw from them and the seed and compares it with the stored draw and with the result rows.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import {
  CAMPAIGN_STATE_LABELS,
  FUNDING_FORM_LABELS,
  STRATIFY_BY,
  type CampaignDetail,
  type CampaignSummary,
  type CreateCampaignBody,
  type InspectionResult,
  type RectifyBody,
  type ResultBody,
  type VerifyDrawResponse,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { appUser, unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { appError } from '../../platform/http/errors.js';
import { todayInChina } from './annual-reports.service.js';
import { randomInspection, randomInspectionResult } from './annual.schema.js';
import {
  candidatesDigest,
  digestOf,
  drawCampaign,
  DrawError,
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_TEXT,
  sortCandidates,
  type Candidate,
  type DrawnItem,
  type PoolMember,
  type StratifyBy,
} from './domain/draw.js';
import { legalPerson } from './registration.schema.js';

type CampaignRow = typeof randomInspection.$inferSelect;
type ResultRow = typeof randomInspectionResult.$inferSelect;
type Detail = z.infer<typeof CampaignDetail>;
type Summary = z.infer<typeof CampaignSummary>;

function rule(code: 'RULE_VIOLATION' | 'STATE_CONFLICT', r: string, message: string): never {
  throw appError(code, message, [{ rule: r, message }]);
}

async function loadCampaign(db: DbOrTx, a: AuthContext, id: string, lock = false): Promise<CampaignRow> {
  const q = db
    .select()
    .from(randomInspection)
    .where(and(eq(randomInspection.id, id), eq(randomInspection.regionCode, a.scope.regionCode)));
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw appError('NOT_FOUND', '抽查活动不存在');
  return row;
}

/** An inspector's sponsor: that of the institution they work in (registered, or its parent unit). */
async function sponsorOfUnit(db: DbOrTx, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const lp = (
    await db.select({ s: legalPerson.sponsorUnitId }).from(legalPerson).where(eq(legalPerson.unitId, unitId))
  )[0];
  if (lp?.s) return lp.s;
  const u = (await db.select({ kind: unit.kind, parentId: unit.parentId }).from(unit).where(eq(unit.id, unitId)))[0];
  return u?.kind === 'publicInstitution' ? u.parentId : null;
}

async function resolvePool(
  db: DbOrTx,
  a: AuthContext,
  input: z.infer<typeof CreateCampaignBody>['inspectors'],
): Promise<PoolMember[]> {
  const out: PoolMember[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (const m of input) {
    if ('userId' in m) {
      const u = (
        await db
          .select({
            id: appUser.id,
            name: appUser.displayName,
            scopeUnitId: appUser.scopeUnitId,
            active: appUser.active,
          })
          .from(appUser)
          .where(and(eq(appUser.id, m.userId), eq(appUser.regionCode, a.scope.regionCode)))
      )[0];
      if (!u || !u.active) rule('RULE_VIOLATION', 'inspectorUnknown', '检查人员库中有不存在或已停用的账户');
      const key = `u-${u.id}`;
      if (seen.has(key)) rule('RULE_VIOLATION', 'duplicateInspector', `检查人员「${u.name}」重复`);
      seen.add(key);
      out.push({ key, name: u.name, unitId: u.scopeUnitId, sponsorUnitId: await sponsorOfUnit(db, u.scopeUnitId) });
    } else {
      const unitId = m.unitId ?? null;
      if (unitId) {
        const u = (
          await db
            .select({ id: unit.id })
            .from(unit)
            .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)))
        )[0];
        if (!u) rule('RULE_VIOLATION', 'inspectorUnknown', `检查人员「${m.name}」的工作单位不存在`);
      }
      const dup = `${m.name}|${unitId ?? ''}`;
      if (seen.has(dup)) rule('RULE_VIOLATION', 'duplicateInspector', `检查人员「${m.name}」重复`);
      seen.add(dup);
      n++;
      out.push({
        key: `p-${String(n).padStart(3, '0')}`,
        name: m.name,
        unitId,
        sponsorUnitId: m.sponsorUnitId ?? (await sponsorOfUnit(db, unitId)),
      });
    }
  }
  return out;
}

export async function createCampaign(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof CreateCampaignBody>,
): Promise<Detail> {
  const id = await svc.db.transaction(async (tx) => {
    const pool = await resolvePool(tx, a, body.inspectors);
    const [row] = await tx
      .insert(randomInspection)
      .values({
        regionCode: a.scope.regionCode,
        year: body.year,
        title: body.title,
        ratio: body.ratio ?? null,
        count: body.count ?? null,
        stratifyBy: body.stratifyBy,
        inspectorsPerInstitution: body.inspectorsPerInstitution,
        pool,
        createdBy: a.user.id,
      })
      .returning({ id: randomInspection.id });
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.inspection.create',
      objectType: 'randomInspection',
      objectId: row!.id,
      after: { ...body, inspectors: pool.map((p) => ({ key: p.key, unitId: p.unitId })) },
    });
    return row!.id;
  });
  return getCampaign(svc, a, id);
}

/** The register's institutions a draw picks from: active or abnormal, registered by the draw day. */
async function candidatesOf(db: DbOrTx, regionCode: string, on: string): Promise<Candidate[]> {
  const rows = await db
    .select({
      legalPersonId: legalPerson.id,
      unitId: legalPerson.unitId,
      uscc: legalPerson.uscc,
      name: legalPerson.name,
      sponsorUnitId: legalPerson.sponsorUnitId,
      fundingSource: legalPerson.fundingSource,
    })
    .from(legalPerson)
    .where(
      and(
        eq(legalPerson.regionCode, regionCode),
        eq(legalPerson.kind, 'institution'),
        inArray(legalPerson.status, ['active', 'abnormal']),
        lte(legalPerson.registeredOn, on),
      ),
    );
  return sortCandidates(rows);
}

function paramsOf(c: CampaignRow, seed: string) {
  return {
    seed,
    ratio: c.ratio,
    count: c.count,
    stratifyBy: c.stratifyBy as StratifyBy,
    inspectorsPerInstitution: c.inspectorsPerInstitution,
  };
}

export async function drawInspection(
  svc: Services,
  a: AuthContext,
  id: string,
  body: { seed?: string | undefined },
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, a, id, true);
    if (c.state !== 'draft') rule('STATE_CONFLICT', 'drawOnce', '该抽查活动已抽取，抽取结果不能重抽（可用“验证”复核）');
    const seed = (body.seed ?? randomBytes(32).toString('hex')).toLowerCase();
    const candidates = await candidatesOf(tx, c.regionCode, todayInChina());
    let outcome;
    try {
      outcome = drawCampaign(candidates, c.pool as PoolMember[], paramsOf(c, seed));
    } catch (err) {
      if (err instanceof DrawError) rule('RULE_VIOLATION', err.rule, err.message);
      throw err;
    }
    const now = new Date();
    await tx
      .update(randomInspection)
      .set({
        state: 'drawn',
        algorithm: DRAW_ALGORITHM,
        seed,
        candidates,
        draw: outcome.items,
        drawDigest: outcome.digest,
        drawnAt: now,
        drawnBy: a.user.id,
        updatedAt: now,
      })
      .where(eq(randomInspection.id, id));
    const byId = new Map(candidates.map((x) => [x.legalPersonId, x]));
    if (outcome.items.length)
      await tx.insert(randomInspectionResult).values(
        outcome.items.map((it, i) => ({
          regionCode: c.regionCode,
          campaignId: id,
          legalPersonId: it.legalPersonId,
          unitId: byId.get(it.legalPersonId)!.unitId,
          drawOrder: i + 1,
          stratum: it.stratum,
          inspectorKeys: it.inspectors,
        })),
      );
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.inspection.draw',
      objectType: 'randomInspection',
      objectId: id,
      after: {
        algorithm: DRAW_ALGORITHM,
        seed,
        candidates: candidates.length,
        candidatesDigest: candidatesDigest(candidates),
        drawn: outcome.items.length,
        drawDigest: outcome.digest,
      },
    });
  });
  return getCampaign(svc, a, id);
}

/** Recompute the draw from the stored seed, candidates and pool; compare with the stored draw and the result rows. */
export async function verifyDraw(
  svc: Services,
  a: AuthContext,
  id: string,
): Promise<z.infer<typeof VerifyDrawResponse>> {
  const c = await loadCampaign(svc.db, a, id);
  if (!c.seed || !c.candidates || !c.draw || !c.drawDigest) rule('STATE_CONFLICT', 'notDrawn', '该抽查活动尚未抽取');
  const candidates = c.candidates as Candidate[];
  const stored = c.draw as DrawnItem[];
  const differences: string[] = [];
  let recomputed: DrawnItem[] = [];
  let recomputedDigest = '';
  try {
    const o = drawCampaign(candidates, c.pool as PoolMember[], paramsOf(c, c.seed));
    recomputed = o.items;
    recomputedDigest = o.digest;
  } catch (err) {
    if (!(err instanceof DrawError)) throw err;
    differences.push(`按记录的参数无法重新抽取：${err.message}`);
  }
  const names = new Map(candidates.map((x) => [x.legalPersonId, x.name]));
  const nameOf = (lp: string | undefined) => (lp ? (names.get(lp) ?? `未知单位 ${lp}`) : '（无）');
  if (digestOf(stored) !== c.drawDigest) differences.push('记录的抽取结果与其摘要不符（抽取结果被改动）');
  if (recomputedDigest && recomputedDigest !== c.drawDigest) differences.push('重新计算的抽取结果摘要与记录的摘要不符');
  const n = Math.max(recomputed.length, stored.length);
  for (let i = 0; i < n && recomputedDigest; i++) {
    const r = recomputed[i];
    const s = stored[i];
    if (!r || !s || r.legalPersonId !== s.legalPersonId)
      differences.push(
        `第${i + 1}个：重新计算为「${nameOf(r?.legalPersonId)}」，记录为「${nameOf(s?.legalPersonId)}」`,
      );
    else if (r.inspectors.join(',') !== s.inspectors.join(','))
      differences.push(
        `第${i + 1}个「${nameOf(r.legalPersonId)}」的检查人员：重新计算为 ${r.inspectors.join('、')}，记录为 ${s.inspectors.join('、')}`,
      );
  }
  // The rows inspectors work from must be the draw too.
  const rows = await svc.db
    .select()
    .from(randomInspectionResult)
    .where(eq(randomInspectionResult.campaignId, id))
    .orderBy(asc(randomInspectionResult.drawOrder));
  const truth = recomputed.length ? recomputed : stored;
  if (rows.length !== truth.length) differences.push(`抽查结果表有${rows.length}个单位，抽取结果为${truth.length}个`);
  for (const row of rows) {
    const t = truth[row.drawOrder - 1];
    if (!t || t.legalPersonId !== row.legalPersonId || t.inspectors.join(',') !== row.inspectorKeys.join(','))
      differences.push(`抽查结果表第${row.drawOrder}行（${nameOf(row.legalPersonId)}）与抽取结果不符`);
  }
  return {
    ok: differences.length === 0,
    algorithm: c.algorithm ?? DRAW_ALGORITHM,
    seed: c.seed,
    storedDigest: c.drawDigest,
    recomputedDigest,
    candidatesDigest: candidatesDigest(candidates),
    differences,
  };
}

async function loadResult(db: DbOrTx, campaignId: string, resultId: string, lock = false): Promise<ResultRow> {
  const q = db
    .select()
    .from(randomInspectionResult)
    .where(and(eq(randomInspectionResult.id, resultId), eq(randomInspectionResult.campaignId, campaignId)));
  const r = (lock ? await q.for('update') : await q)[0];
  if (!r) throw appError('NOT_FOUND', '抽查单位不存在');
  return r;
}

export async function recordResult(
  svc: Services,
  a: AuthContext,
  id: string,
  resultId: string,
  body: z.infer<typeof ResultBody>,
  today = todayInChina(),
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, a, id, true);
    if (c.state !== 'drawn')
      rule('STATE_CONFLICT', 'resultsOnlyWhenDrawn', c.state === 'draft' ? '尚未抽取' : '抽查结果已公示，不能再修改');
    const r = await loadResult(tx, id, resultId, true);
    const drawnOn = c.drawnAt ? todayInChina(c.drawnAt) : today;
    if (body.inspectedOn > today) rule('RULE_VIOLATION', 'inspectedOnFuture', `检查日期 ${body.inspectedOn} 晚于今天`);
    if (body.inspectedOn < drawnOn)
      rule('RULE_VIOLATION', 'inspectedBeforeDraw', `检查日期 ${body.inspectedOn} 早于抽取日期 ${drawnOn}`);
    const needsRectification = body.result !== 'qualified';
    if (needsRectification && !body.rectificationDueOn)
      rule('RULE_VIOLATION', 'rectificationDue', '基本合格或不合格的单位须确定整改期限');
    if (needsRectification && body.findings.trim().length < 4)
      rule('RULE_VIOLATION', 'findingsRequired', '基本合格或不合格的单位须写明检查发现的问题');
    if (body.rectificationDueOn && body.rectificationDueOn < body.inspectedOn)
      rule(
        'RULE_VIOLATION',
        'rectificationDue',
        `整改期限 ${body.rectificationDueOn} 早于检查日期 ${body.inspectedOn}`,
      );
    const after = {
      result: body.result,
      findings: body.findings,
      inspectedOn: body.inspectedOn,
      rectificationDueOn: needsRectification ? (body.rectificationDueOn ?? null) : null,
      rectificationDoneOn: needsRectification ? r.rectificationDoneOn : null,
      rectificationNote: needsRectification ? r.rectificationNote : null,
    };
    await tx
      .update(randomInspectionResult)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(randomInspectionResult.id, resultId));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.inspection.result',
      objectType: 'randomInspectionResult',
      objectId: resultId,
      before: {
        result: r.result,
        findings: r.findings,
        inspectedOn: r.inspectedOn,
        rectificationDueOn: r.rectificationDueOn,
      },
      after,
    });
  });
  return getCampaign(svc, a, id);
}

export async function recordRectification(
  svc: Services,
  a: AuthContext,
  id: string,
  resultId: string,
  body: z.infer<typeof RectifyBody>,
  today = todayInChina(),
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    await loadCampaign(tx, a, id, true);
    const r = await loadResult(tx, id, resultId, true);
    if (r.result === null || r.result === 'qualified')
      rule('RULE_VIOLATION', 'nothingToRectify', r.result === null ? '尚未录入抽查结果' : '抽查结果为合格，无需整改');
    if (body.doneOn > today) rule('RULE_VIOLATION', 'rectifiedOnFuture', `整改完成日期 ${body.doneOn} 晚于今天`);
    if (r.inspectedOn && body.doneOn < r.inspectedOn)
      rule('RULE_VIOLATION', 'rectifiedBeforeInspection', `整改完成日期 ${body.doneOn} 早于检查日期 ${r.inspectedOn}`);
    await tx
      .update(randomInspectionResult)
      .set({ rectificationDoneOn: body.doneOn, rectificationNote: body.note, updatedAt: new Date() })
      .where(eq(randomInspectionResult.id, resultId));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.inspection.rectified',
      objectType: 'randomInspectionResult',
      objectId: resultId,
      before: { rectificationDoneOn: r.rectificationDoneOn },
      after: {
        rectificationDoneOn: body.doneOn,
        note: body.note,
        late: r.rectificationDueOn !== null && body.doneOn > r.rectificationDueOn,
      },
    });
  });
  return getCampaign(svc, a, id);
}

export async function publishCampaign(
  svc: Services,
  a: AuthContext,
  id: string,
  today = todayInChina(),
): Promise<Detail> {
  await svc.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, a, id, true);
    if (c.state !== 'drawn')
      rule('STATE_CONFLICT', 'publishOnlyDrawn', c.state === 'draft' ? '尚未抽取' : '抽查结果已公示');
    const rows = await tx
      .select({ result: randomInspectionResult.result })
      .from(randomInspectionResult)
      .where(eq(randomInspectionResult.campaignId, id));
    const missing = rows.filter((r) => r.result === null).length;
    if (missing) rule('RULE_VIOLATION', 'resultsIncomplete', `还有${missing}个抽查单位未录入结果，不能公示`);
    await tx
      .update(randomInspection)
      .set({ state: 'published', publishedOn: today, publishedBy: a.user.id, updatedAt: new Date() })
      .where(eq(randomInspection.id, id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.inspection.publish',
      objectType: 'randomInspection',
      objectId: id,
      before: { state: c.state },
      after: { state: 'published', publishedOn: today, institutions: rows.length },
    });
  });
  return getCampaign(svc, a, id);
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

async function summaryOf(db: DbOrTx, c: CampaignRow): Promise<Summary> {
  const rows = await db
    .select({ result: randomInspectionResult.result })
    .from(randomInspectionResult)
    .where(eq(randomInspectionResult.campaignId, c.id));
  return {
    id: c.id,
    year: c.year,
    title: c.title,
    state: c.state as Summary['state'],
    stateLabel: CAMPAIGN_STATE_LABELS[c.state as Summary['state']] ?? c.state,
    ratio: c.ratio,
    count: c.count,
    stratifyBy: (STRATIFY_BY as readonly string[]).includes(c.stratifyBy)
      ? (c.stratifyBy as Summary['stratifyBy'])
      : 'none',
    candidates: Array.isArray(c.candidates) ? c.candidates.length : 0,
    drawn: rows.length,
    completed: rows.filter((r) => r.result !== null).length,
    publishedOn: c.publishedOn,
  };
}

export async function listCampaigns(svc: Services, a: AuthContext, q: { year?: number | undefined }) {
  const conds = [eq(randomInspection.regionCode, a.scope.regionCode)];
  if (q.year) conds.push(eq(randomInspection.year, q.year));
  const rows = await svc.db
    .select()
    .from(randomInspection)
    .where(and(...conds))
    .orderBy(desc(randomInspection.year), desc(randomInspection.createdAt));
  return { items: await Promise.all(rows.map((c) => summaryOf(svc.db, c))) };
}

export async function getCampaign(svc: Services, a: AuthContext, id: string, today = todayInChina()): Promise<Detail> {
  const c = await loadCampaign(svc.db, a, id);
  const pool = c.pool as PoolMember[];
  const rows = await svc.db
    .select({ r: randomInspectionResult, uscc: legalPerson.uscc, name: legalPerson.name })
    .from(randomInspectionResult)
    .innerJoin(legalPerson, eq(legalPerson.id, randomInspectionResult.legalPersonId))
    .where(eq(randomInspectionResult.campaignId, id))
    .orderBy(asc(randomInspectionResult.drawOrder));
  const unitIds = new Set<string>();
  for (const p of pool) {
    if (p.unitId) unitIds.add(p.unitId);
    if (p.sponsorUnitId) unitIds.add(p.sponsorUnitId);
  }
  const candidates = (c.candidates as Candidate[] | null) ?? [];
  if (c.stratifyBy === 'sponsor') for (const x of candidates) if (x.sponsorUnitId) unitIds.add(x.sponsorUnitId);
  const names = new Map(
    unitIds.size
      ? (
          await svc.db
            .select({ id: unit.id, name: unit.name })
            .from(unit)
            .where(inArray(unit.id, [...unitIds]))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const poolName = new Map(pool.map((p) => [p.key, p.name]));
  const stratumLabel = (k: string) =>
    k === 'all'
      ? '全部'
      : k === 'unknown'
        ? '未填'
        : c.stratifyBy === 'sponsor'
          ? (names.get(k) ?? k)
          : (FUNDING_FORM_LABELS[k as keyof typeof FUNDING_FORM_LABELS] ?? k);
  const strataCount = new Map<string, { candidates: number; drawn: number }>();
  for (const x of candidates) {
    const k =
      c.stratifyBy === 'sponsor'
        ? (x.sponsorUnitId ?? 'unknown')
        : c.stratifyBy === 'fundingSource'
          ? (x.fundingSource ?? 'unknown')
          : 'all';
    const s = strataCount.get(k) ?? { candidates: 0, drawn: 0 };
    s.candidates++;
    strataCount.set(k, s);
  }
  for (const { r } of rows) {
    const s = strataCount.get(r.stratum);
    if (s) s.drawn++;
  }
  return {
    ...(await summaryOf(svc.db, c)),
    inspectorsPerInstitution: c.inspectorsPerInstitution,
    algorithm: c.algorithm ?? DRAW_ALGORITHM,
    algorithmText: DRAW_ALGORITHM_TEXT,
    seed: c.seed,
    drawDigest: c.drawDigest,
    drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
    pool: pool.map((p) => ({
      key: p.key,
      name: p.name,
      unitName: p.unitId ? (names.get(p.unitId) ?? null) : null,
      sponsorName: p.sponsorUnitId ? (names.get(p.sponsorUnitId) ?? null) : null,
    })),
    strata: [...strataCount.entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, v]) => ({ key, label: stratumLabel(key), ...v })),
    results: rows.map(({ r, uscc, name }) => ({
      id: r.id,
      order: r.drawOrder,
      legalPersonId: r.legalPersonId,
      unitId: r.unitId,
      uscc,
      name,
      stratum: r.stratum,
      stratumLabel: stratumLabel(r.stratum),
      inspectors: r.inspectorKeys.map((k) => ({ key: k, name: poolName.get(k) ?? k })),
      result: r.result as InspectionResult | null,
      findings: r.findings,
      inspectedOn: r.inspectedOn,
      rectificationDueOn: r.rectificationDueOn,
      rectificationDoneOn: r.rectificationDoneOn,
      rectificationNote: r.rectificationNote,
      rectificationOverdue:
        r.rectificationDueOn !== null && r.rectificationDoneOn === null && r.rectificationDueOn < today,
    })),
  };
}
