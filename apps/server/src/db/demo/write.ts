/**
 * Writing demo data through the real history model: every unit, quota, leadership post and region
 * control comes from an establishment decision that is recorded as applied and then applied with
 * the same planner and writer the decisions service uses; persons and placements are bulk-inserted
 * (1,000 rows a statement).
 */
import { randomUUID } from 'node:crypto';
import type { ControlKind, DecisionItem, EstablishmentType, LeadershipLevel, UnitKind } from '@bianban/contracts';
import { sql } from 'drizzle-orm';
import type { Keys } from '../../config.js';
import { planDecision } from '../../modules/org/domain/plan.js';
import { decisionItem, establishmentDecision } from '../../modules/org/org.schema.js';
import { loadRegionState, writePlan } from '../../modules/org/org.repository.js';
import { maskCitizenId } from '../../modules/roster/domain/citizen-id.js';
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
  functions?: string;
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
    if (a.functions) attributes.functions = a.functions;
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

/** One column of a bulk insert: name, PostgreSQL type, one value per row. */
type Column = [name: string, type: 'uuid' | 'text' | 'date' | 'boolean', values: unknown[]];

/**
 * A multi-row insert with one array parameter per column (`insert … select * from unnest(…)`):
 * 1,000 rows a statement cost a dozen parameters instead of 12,000, which is several times faster
 * to build and to parse than `values (…), (…)`.
 */
async function insertColumns(tx: Tx, table: string, columns: Column[]): Promise<void> {
  const names = sql.join(
    columns.map(([n]) => sql.identifier(n)),
    sql`, `,
  );
  const arrays = sql.join(
    columns.map(([, type, values]) => sql`${sql.param(values)}::${sql.raw(type)}[]`),
    sql`, `,
  );
  await tx.execute(sql`insert into ${sql.identifier(table)} (${names}) select * from unnest(${arrays})`);
}

/** Inserts persons and their placements, 1,000 rows a statement. Returns the number of persons. */
export async function insertPersons(
  tx: Tx,
  keys: Keys,
  regionCode: string,
  persons: PersonSpec[],
  ids: ReadonlyMap<string, string>,
): Promise<number> {
  const personIds = persons.map(() => randomUUID());
  for (let i = 0; i < persons.length; i += BATCH) {
    const batch = persons.slice(i, i + BATCH);
    const of = <T>(f: (p: PersonSpec) => T) => batch.map(f);
    await insertColumns(tx, 'person', [
      ['id', 'uuid', personIds.slice(i, i + BATCH)],
      ['region_code', 'text', of(() => regionCode)],
      ['name', 'text', of((p) => p.name)],
      ['sex', 'text', of((p) => p.sex)],
      ['birth_date', 'date', of((p) => p.birthDate)],
      ['citizen_id_sealed', 'text', of((p) => seal(keys.data, p.citizenId))],
      ['citizen_id_index', 'text', of((p) => blindIndex(keys.data, p.citizenId))],
      ['citizen_id_masked', 'text', of((p) => maskCitizenId(p.citizenId))],
      ['ethnicity', 'text', of((p) => p.ethnicity)],
      ['political_status', 'text', of((p) => p.politicalStatus)],
      ['education', 'text', of((p) => p.education)],
      ['synthetic', 'boolean', of(() => true)],
    ]);
  }
  const placements = persons.flatMap((p, i) => p.placements.map((pl) => ({ personId: personIds[i]!, ...pl })));
  for (let i = 0; i < placements.length; i += BATCH) {
    const batch = placements.slice(i, i + BATCH);
    const of = <T>(f: (p: (typeof batch)[number]) => T) => batch.map(f);
    await insertColumns(tx, 'placement', [
      ['region_code', 'text', of(() => regionCode)],
      ['person_id', 'uuid', of((p) => p.personId)],
      [
        'unit_id',
        'uuid',
        of((p) => {
          const id = ids.get(p.unit);
          if (!id) throw new Error(`演示数据：人员所在单位“${p.unit}”不存在`);
          return id;
        }),
      ],
      ['type', 'text', of((p) => p.type)],
      ['post', 'text', of((p) => p.post)],
      ['leadership_level', 'text', of((p) => p.leadershipLevel)],
      ['valid_from', 'date', of((p) => p.validFrom)],
      ['valid_to', 'date', of((p) => p.validTo)],
      ['enrol_reason', 'text', of((p) => p.enrolReason)],
      ['disenrol_reason', 'text', of((p) => p.disenrolReason)],
      ['exception_note', 'text', of(() => HISTORICAL_NOTE)],
    ]);
  }
  return persons.length;
}
