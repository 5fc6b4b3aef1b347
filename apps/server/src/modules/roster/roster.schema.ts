/**
 * The real-name roster: persons (citizen IDs sealed with SM4, found by an HMAC-SM3 blind index),
 * their placements on the establishment over time, and use plans (用编计划) that enrolments consume.
 */
import { sql } from 'drizzle-orm';
import { boolean, char, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';
import { establishmentDecision } from '../org/org.schema.js';

export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    name: text('name').notNull(),
    /** 1 男, 2 女 (GB/T 2261.1), derived from the citizen ID and cross-checked. */
    sex: char('sex', { length: 1 }).notNull(),
    birthDate: day('birth_date').notNull(),
    citizenIdSealed: text('citizen_id_sealed').notNull(),
    citizenIdIndex: text('citizen_id_index').notNull(),
    /** First 4 and last 4 characters, for display without opening the seal. */
    citizenIdMasked: text('citizen_id_masked').notNull(),
    ethnicity: char('ethnicity', { length: 2 }),
    politicalStatus: char('political_status', { length: 2 }),
    education: char('education', { length: 2 }),
    /** Generated demo data, never a real person. */
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('person_citizen_id_uq').on(t.citizenIdIndex), index('person_name_idx').on(t.regionCode, t.name)],
);

export const usePlan = pgTable(
  'use_plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    type: text('type').notNull(),
    count: integer('count').notNull(),
    channel: text('channel').notNull(),
    year: integer('year').notNull(),
    /** draft → approved; or revoked. */
    state: text('state').notNull().default('draft'),
    noticeNumber: text('notice_number'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    approvedBy: uuid('approved_by').references(() => appUser.id),
    approvedAt: ts('approved_at'),
  },
  (t) => [
    index('use_plan_unit_idx').on(t.unitId, t.type, t.state),
    uniqueIndex('use_plan_notice_uq').on(t.regionCode, t.noticeNumber),
  ],
);

export const placement = pgTable(
  'placement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    type: text('type').notNull(),
    post: text('post'),
    leadershipLevel: text('leadership_level'),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    enrolReason: text('enrol_reason').notNull(),
    disenrolReason: text('disenrol_reason'),
    usePlanId: uuid('use_plan_id').references(() => usePlan.id),
    decisionId: uuid('decision_id').references(() => establishmentDecision.id),
    /** An enrolment outside a use plan, approved by the office leader, with the reason. */
    exceptionApprovedBy: uuid('exception_approved_by').references(() => appUser.id),
    exceptionNote: text('exception_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // 一人一编, enforced by the database: one open placement per person.
    uniqueIndex('placement_one_active_uq')
      .on(t.personId)
      .where(sql`valid_to is null`),
    index('placement_unit_idx').on(t.unitId, t.type, t.validFrom),
    index('placement_use_plan_idx').on(t.usePlanId),
  ],
);
