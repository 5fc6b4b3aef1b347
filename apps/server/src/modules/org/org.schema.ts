/**
 * Establishment history. Every row is effective-dated: valid from `valid_from` (inclusive) to
 * `valid_to` (exclusive; null = still in force), and names the decision that caused it. A figure
 * "as of D" reads the rows with valid_from ≤ D < valid_to.
 */
import { sql } from 'drizzle-orm';
import { char, index, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';

/** 机构编制事项: an approval document with items; the only way quotas and the tree change. */
export const establishmentDecision = pgTable(
  'establishment_decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    docNumber: text('doc_number').notNull(),
    docDate: day('doc_date').notNull(),
    effectiveDate: day('effective_date').notNull(),
    approvingBody: text('approving_body').notNull(),
    title: text('title').notNull(),
    /** draft → submitted → approved → applied; or rejected back to the author. */
    state: text('state').notNull().default('draft'),
    rejectReason: text('reject_reason'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by').references(() => appUser.id),
    approvedAt: ts('approved_at'),
    appliedAt: ts('applied_at'),
  },
  (t) => [
    uniqueIndex('establishment_decision_doc_uq').on(t.regionCode, t.docNumber),
    index('establishment_decision_state_idx').on(t.regionCode, t.state),
  ],
);

export const decisionItem = pgTable(
  'decision_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => establishmentDecision.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [uniqueIndex('decision_item_seq_uq').on(t.decisionId, t.seq)],
);

/** A unit's attributes and place in the tree over time. */
export const unitVersion = pgTable(
  'unit_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    category: text('category'),
    rank: text('rank'),
    fundingForm: text('funding_form'),
    uscc: text('uscc'),
    nameplates: text('nameplates')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 主要职责 (三定), changed only by a decision (createUnit or a `functions` item). */
    functionsText: text('functions_text'),
    status: text('status').notNull(),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
  },
  (t) => [
    index('unit_version_unit_idx').on(t.unitId, t.validFrom),
    // Walking a subtree down the tree as of a date.
    index('unit_version_parent_idx').on(t.parentId, t.validFrom),
    uniqueIndex('unit_version_open_uq')
      .on(t.unitId)
      .where(sql`valid_to is null`),
  ],
);

/** Approved establishment (核定编制) per unit and type over time. */
export const establishmentQuota = pgTable(
  'establishment_quota',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    type: text('type').notNull(),
    amount: integer('amount').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
  },
  (t) => [
    index('establishment_quota_unit_idx').on(t.unitId, t.type, t.validFrom),
    uniqueIndex('establishment_quota_open_uq')
      .on(t.unitId, t.type)
      .where(sql`valid_to is null`),
  ],
);

/** Leadership posts (领导职数) per unit and level over time. */
export const leadershipPostQuota = pgTable(
  'leadership_post_quota',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    level: text('level').notNull(),
    amount: integer('amount').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
  },
  (t) => [
    uniqueIndex('leadership_post_quota_open_uq')
      .on(t.unitId, t.level)
      .where(sql`valid_to is null`),
    index('leadership_post_quota_unit_idx').on(t.unitId, t.level, t.validFrom),
  ],
);

/** Region-wide total control (总量控制) per type, and the organ cap (机构限额), over time. */
export const regionControl = pgTable(
  'region_control',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    control: text('control').notNull(),
    amount: integer('amount').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
  },
  (t) => [
    uniqueIndex('region_control_open_uq')
      .on(t.regionCode, t.control)
      .where(sql`valid_to is null`),
  ],
);

/** 编外用工控制数: the cap of off-establishment staff per unit over time, set by decisions. */
export const offEstablishmentCap = pgTable(
  'off_establishment_cap',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    amount: integer('amount').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
  },
  (t) => [
    uniqueIndex('off_establishment_cap_open_uq')
      .on(t.unitId)
      .where(sql`valid_to is null`),
    index('off_establishment_cap_unit_idx').on(t.unitId, t.validFrom),
  ],
);

/**
 * Off-establishment staff actually employed, as reported by the unit on a date. These people are
 * not on the establishment, so they are counted, not named; the latest report on or before a date
 * is the actual count on that date.
 */
export const offEstablishmentReport = pgTable(
  'off_establishment_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    asOf: day('as_of').notNull(),
    count: integer('count').notNull(),
    reportedBy: uuid('reported_by').references(() => appUser.id),
    reportedAt: ts('reported_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('off_establishment_report_uq').on(t.unitId, t.asOf)],
);
