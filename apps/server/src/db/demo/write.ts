/**
 * Writing demo data through the real history model: every unit, quota, leadership post and region
 * control comes from an establishment decision that is recorded as applied and then applied with
 * the same planner and writer the decisions service uses; persons and placements are bulk-inserted
 * (1,000 rows a statement).
 */
import { randomUUID } from 'node:crypto';
import type { ControlKind, DecisionItem, EstablishmentType, LeadershipLevel, UnitKind } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import { planDecision } from '../../modules/org/domain/plan.js';
import { decisionItem, establishmentDecision } from '../../modules/org/org.schema.js';
import { loadRegionState, writePlan } from '../../modules/org/org.repository.js';
import { maskCitizenId } from '../../modules/roster/domain/citizen-id.js';
import { person, placement } from '../../modules/roster/roster.schema.js';
import { blindIndex, seal } from '../../platform/crypto/sm.js';
import type { Tx } from '../client.js';
import type { PersonSpec } from './people.js';

/** What an imported historical placement says instead of a use plan. */
export const HISTORICAL_NOTE = '演示数据初始化（历史在编人员）';

type Attributes = Extract<DecisionItem, { kind: 'createUnit' }>['attributes'];
type Ref = { unitId: string } | { unitRef: string };

export interface UnitAttrs {
  name: string;
  kind: UnitKind;
  shortName?: string;
  category?: Attributes['category'];
  rank?: Attributes['rank'];
  fundingForm?: Attributes['fundingForm'];
}

/**
 * Builds the items of one decision. Units are named by demo keys: a key created earlier in the same
 * decision is referred to by `unitRef`, one created by an earlier decision by its id.
 */
export class DecisionBuilder {
  readonly items: DecisionItem[] = [];
  private readonly created = new Set<string>();

  constructor(private readonly ids: ReadonlyMap<string, string>) {}

  ref(key: string): Ref {
    if (this.created.has(key)) return { unitRef: key };
    const id = this.ids.get(key);
    if (!id) throw new Error(`演示数据：单位“${key}”尚未设立`);
    return { unitId: id };
  }

  create(key: string, parent: string | null, a: UnitAttrs): this {
    if (key.length > 40) throw new Error(`演示数据：单位代号“${key}”过长`);
    const attributes: Attributes = { name: a.name, kind: a.kind };
    if (a.shortName) attributes.shortName = a.shortName;
    if (a.category) attributes.category = a.category;
    if (a.rank) attributes.rank = a.rank;
    if (a.fundingForm) attributes.fundingForm = a.fundingForm;
    this.items.push({ kind: 'createUnit', ref: key, parent: parent ? this.ref(parent) : null, attributes });
    this.created.add(key);
    return this;
  }

  quota(key: string, type: EstablishmentType, delta: number): this {
    if (delta) this.items.push({ kind: 'quota', target: this.ref(key), type, delta });
    return this;
  }

  posts(key: string, level: LeadershipLevel, delta: number): this {
    if (delta) this.items.push({ kind: 'posts', target: this.ref(key), level, delta });
    return this;
  }

  nameplate(key: string, name: string, action: 'add' | 'remove' = 'add'): this {
    this.items.push({ kind: 'nameplate', target: this.ref(key), name, action });
    return this;
  }

  control(control: ControlKind, delta: number): this {
    if (delta) this.items.push({ kind: 'control', control, delta });
    return this;
  }

  rename(key: string, name: string, shortName?: string): this {
    this.items.push({ kind: 'rename', target: this.ref(key), name, ...(shortName ? { shortName } : {}) });
    return this;
  }

  move(key: string, parent: string | null): this {
    this.items.push({ kind: 'move', target: this.ref(key), parent: parent ? this.ref(parent) : null });
    return this;
  }

  merge(sources: string[], into: string): this {
    this.items.push({ kind: 'merge', sources: sources.map((s) => this.ref(s)), into: this.ref(into) });
    return this;
  }

  revoke(key: string, reassignTo: string | null = null): this {
    this.items.push({ kind: 'revoke', target: this.ref(key), reassignTo: reassignTo ? this.ref(reassignTo) : null });
    return this;
  }
}

export interface DecisionMeta {
  docNumber: string;
  docDate: string;
  effectiveDate: string;
  approvingBody: string;
  title: string;
}

const at = (date: string, time = '09:30:00') => new Date(`${date}T${time}+08:00`);

/**
 * Records a decision as drafted, approved and applied on its dates, and applies it: the planner
 * on the region's state, then the plan written at the effective date. Units the decision creates
 * are added to `ids` under their keys. A decision that breaks a rule is a bug in the demo data.
 */
export async function applyDecision(
  tx: Tx,
  regionCode: string,
  meta: DecisionMeta,
  items: DecisionItem[],
  ids: Map<string, string>,
): Promise<string> {
  const [row] = await tx
    .insert(establishmentDecision)
    .values({
      regionCode,
      ...meta,
      state: 'applied',
      createdAt: at(meta.docDate, '09:00:00'),
      submittedAt: at(meta.docDate, '09:10:00'),
      approvedAt: at(meta.docDate, '16:00:00'),
      appliedAt: at(meta.effectiveDate < meta.docDate ? meta.docDate : meta.effectiveDate, '17:00:00'),
    })
    .returning({ id: establishmentDecision.id });
  const decisionId = row!.id;
  for (let i = 0; i < items.length; i += 1000) {
    await tx.insert(decisionItem).values(
      items.slice(i, i + 1000).map((payload, j) => ({
        regionCode,
        decisionId,
        seq: i + j + 1,
        kind: payload.kind,
        payload,
      })),
    );
  }
  const plan = planDecision(await loadRegionState(tx, regionCode), items, randomUUID);
  if (plan.violations.length)
    throw new Error(`演示数据：${meta.docNumber} 违反规则：${plan.violations.map((v) => v.message).join('；')}`);
  await writePlan(tx, regionCode, plan, meta.effectiveDate, decisionId);
  for (const [ref, id] of plan.created) ids.set(ref, id);
  return decisionId;
}

const BATCH = 1000;

/** Inserts persons and their placements, 1,000 rows a statement. Returns the number of persons. */
export async function insertPersons(
  tx: Tx,
  keys: Keys,
  regionCode: string,
  persons: PersonSpec[],
  ids: ReadonlyMap<string, string>,
): Promise<number> {
  const personRows: (typeof person.$inferInsert)[] = [];
  const placementRows: (typeof placement.$inferInsert)[] = [];
  for (const p of persons) {
    const personId = randomUUID();
    personRows.push({
      id: personId,
      regionCode,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      citizenIdSealed: seal(keys.data, p.citizenId),
      citizenIdIndex: blindIndex(keys.data, p.citizenId),
      citizenIdMasked: maskCitizenId(p.citizenId),
      ethnicity: p.ethnicity,
      politicalStatus: p.politicalStatus,
      education: p.education,
      synthetic: true,
    });
    for (const pl of p.placements) {
      const unitId = ids.get(pl.unit);
      if (!unitId) throw new Error(`演示数据：人员所在单位“${pl.unit}”不存在`);
      placementRows.push({
        regionCode,
        personId,
        unitId,
        type: pl.type,
        post: pl.post,
        leadershipLevel: pl.leadershipLevel,
        validFrom: pl.validFrom,
        validTo: pl.validTo,
        enrolReason: pl.enrolReason,
        disenrolReason: pl.disenrolReason,
        exceptionNote: HISTORICAL_NOTE,
      });
    }
  }
  for (let i = 0; i < personRows.length; i += BATCH) await tx.insert(person).values(personRows.slice(i, i + BATCH));
  for (let i = 0; i < placementRows.length; i += BATCH)
    await tx.insert(placement).values(placementRows.slice(i, i + BATCH));
  return personRows.length;
}
