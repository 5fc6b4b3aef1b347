/**
 * 事业单位法人年度报告 and 双随机一公开: one report per legal person and year, and inspection
 * campaigns whose draw is stored with its seed, candidate list and inspector pool so that anyone
 * can recompute it (domain/draw.ts).
 */
import {
  bigint,
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';
import { legalPerson } from './registration.schema.js';

/** 年度报告: draft → submitted → (returned → submitted …) → reviewed → published. */
export const annualReport = pgTable(
  'annual_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    legalPersonId: uuid('legal_person_id')
      .notNull()
      .references(() => legalPerson.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    /** The year reported on (filed in the next year, due 31 March). */
    year: integer('year').notNull(),
    /** draft | submitted | returned | reviewed | published */
    state: text('state').notNull().default('draft'),
    activities: text('activities').notNull().default(''),
    changes: text('changes').notNull().default(''),
    /** Fen. */
    totalAssets: bigint('total_assets', { mode: 'number' }),
    netAssetsStart: bigint('net_assets_start', { mode: 'number' }),
    netAssetsEnd: bigint('net_assets_end', { mode: 'number' }),
    awardsAndPenalties: text('awards_and_penalties').notNull().default(''),
    donations: text('donations').notNull().default(''),
    auditOpinion: text('audit_opinion').notNull().default(''),
    /** 编制数 and 实有人数 read from the roster as of 31 December, frozen at submission. */
    staffApproved: integer('staff_approved'),
    staffActual: integer('staff_actual'),
    staffAsOf: date('staff_as_of', { mode: 'string' }),
    /** The first submission decides whether the report was filed on time and before the abnormal cutoff. */
    firstSubmittedOn: date('first_submitted_on', { mode: 'string' }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    /** Filed after 31 March: accepted, flagged with the days late. */
    late: boolean('late').notNull().default(false),
    lateDays: integer('late_days'),
    returnReason: text('return_reason'),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    reviewedBy: uuid('reviewed_by').references(() => appUser.id),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedBy: uuid('published_by').references(() => appUser.id),
    /** [{ at, action, by, note }]: every transition, for the report page. */
    history: jsonb('history').notNull().default([]),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('annual_report_lp_year_uq').on(t.legalPersonId, t.year),
    index('annual_report_region_idx').on(t.regionCode, t.year, t.state),
  ],
);

/** 双随机抽查活动: parameters, the frozen candidate list and inspector pool, the seed and the draw. */
export const randomInspection = pgTable(
  'random_inspection',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** Percent of candidates (rounded up), or a fixed count: exactly one is set. */
    ratio: real('ratio'),
    count: integer('count'),
    /** none | sponsor | fundingSource */
    stratifyBy: text('stratify_by').notNull().default('none'),
    inspectorsPerInstitution: integer('inspectors_per_institution').notNull().default(2),
    /** The pool as given: [{ key, name, userId?, unitId, sponsorUnitId }]. */
    pool: jsonb('pool').notNull().default([]),
    /** draft | drawn | published */
    state: text('state').notNull().default('draft'),
    algorithm: text('algorithm'),
    seed: text('seed'),
    /** The candidates as drawn from (sorted), frozen at the draw. */
    candidates: jsonb('candidates'),
    /** The draw: [{ legalPersonId, stratum, inspectors: [key] }] in draw order. */
    draw: jsonb('draw'),
    drawDigest: text('draw_digest'),
    drawnAt: ts('drawn_at'),
    drawnBy: uuid('drawn_by').references(() => appUser.id),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedBy: uuid('published_by').references(() => appUser.id),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('random_inspection_region_idx').on(t.regionCode, t.year)],
);

/** One drawn institution of a campaign: its inspectors, result, findings and rectification. */
export const randomInspectionResult = pgTable(
  'random_inspection_result',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => randomInspection.id),
    legalPersonId: uuid('legal_person_id')
      .notNull()
      .references(() => legalPerson.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    /** Position in the draw. */
    drawOrder: integer('draw_order').notNull(),
    stratum: text('stratum').notNull(),
    inspectorKeys: text('inspector_keys').array().notNull(),
    /** qualified | basicallyQualified | unqualified; null until inspected. */
    result: text('result'),
    findings: text('findings').notNull().default(''),
    inspectedOn: date('inspected_on', { mode: 'string' }),
    rectificationDueOn: date('rectification_due_on', { mode: 'string' }),
    rectificationDoneOn: date('rectification_done_on', { mode: 'string' }),
    rectificationNote: text('rectification_note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('random_inspection_result_campaign_lp_uq').on(t.campaignId, t.legalPersonId),
    index('random_inspection_result_lp_idx').on(t.legalPersonId),
  ],
);
