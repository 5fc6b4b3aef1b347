/**
 * Performance evaluation tables: indicator frameworks (versioned, the body is validated JSON),
 * evaluations (department × year × frozen framework version), the evaluator's entries per
 * indicator, finance-review adjustments kept beside the self-scores, the workflow history,
 * satisfaction surveys. Scores are never stored as the truth: they are recomputed from the facts
 * and entries until submission, when the computed metrics are frozen into the evaluation.
 */
import { sql } from 'drizzle-orm';
import {
  char,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';

export const framework = pgTable(
  'framework',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    /** Stable short code within the region, e.g. "yueyang-dept". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** department | project */
    kind: text('kind').notNull(),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('framework_code_uq').on(t.regionCode, t.code)],
);

/**
 * One version of a framework. A draft may be edited; publishing freezes it (an evaluation can
 * only use a published version, and keeps it whatever later versions say).
 */
export const frameworkVersion = pgTable(
  'framework_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => framework.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    /** draft | published */
    state: text('state').notNull().default('draft'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
  },
  (t) => [uniqueIndex('framework_version_uq').on(t.frameworkId, t.version)],
);

export const evaluation = pgTable(
  'evaluation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    year: smallint('year').notNull(),
    frameworkVersionId: uuid('framework_version_id')
      .notNull()
      .references(() => frameworkVersion.id),
    /** draft → submitted → reviewed → financeReviewed → published; reopen returns to draft. */
    state: text('state').notNull().default('draft'),
    /** Narrative sections (概况, 目标, 完成情况, 问题及原因, 改进措施, 结果应用和公开): { key: text }. */
    narrative: jsonb('narrative').notNull().default({}),
    /** 评价人员: [{ name, title, role }]. */
    evaluators: jsonb('evaluators').notNull().default([]),
    /** At submission: the metric results and staff figures the scores were computed from. */
    frozenFacts: jsonb('frozen_facts'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    publishedAt: ts('published_at'),
  },
  (t) => [
    uniqueIndex('evaluation_unit_year_version_uq').on(t.unitId, t.year, t.frameworkVersionId),
    index('evaluation_region_year_idx').on(t.regionCode, t.year),
  ],
);

/** The evaluator's entry for one indicator (manual score, checklist, occurrences, value, reason). */
export const evaluationEntry = pgTable(
  'evaluation_entry',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluation.id, { onDelete: 'cascade' }),
    indicatorKey: text('indicator_key').notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    entry: jsonb('entry').notNull(),
    evidenceFileIds: uuid('evidence_file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.indicatorKey] })],
);

/** Finance review: an adjusted score with its reason, kept beside the self-score. */
export const evaluationAdjustment = pgTable(
  'evaluation_adjustment',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluation.id, { onDelete: 'cascade' }),
    indicatorKey: text('indicator_key').notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    score: numeric('score', { precision: 7, scale: 3 }).notNull(),
    reason: text('reason').notNull(),
    adjustedBy: uuid('adjusted_by').references(() => appUser.id),
    adjustedAt: ts('adjusted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.indicatorKey] })],
);

/** Workflow history: every transition with who, when and why. */
export const evaluationEvent = pgTable(
  'evaluation_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluation.id, { onDelete: 'cascade' }),
    regionCode: char('region_code', { length: 6 }).notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => appUser.id),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('evaluation_event_idx').on(t.evaluationId, t.at)],
);

/** 满意度调查: one row per respondent group. */
export const surveyGroup = pgTable(
  'survey_group',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluation.id, { onDelete: 'cascade' }),
    regionCode: char('region_code', { length: 6 }).notNull(),
    groupName: text('group_name').notNull(),
    issued: integer('issued').notNull(),
    valid: integer('valid').notNull(),
    satisfied: integer('satisfied').notNull(),
    basicallySatisfied: integer('basically_satisfied').notNull(),
    dissatisfied: integer('dissatisfied').notNull(),
  },
  (t) => [uniqueIndex('survey_group_uq').on(t.evaluationId, t.groupName)],
);

/**
 * 项目绩效目标完成情况表: one sheet per department, year and project (projects are named by the
 * budget year; the budget and executed amounts are read from it, never typed here).
 */
export const projectSheet = pgTable(
  'project_sheet',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    year: smallint('year').notNull(),
    projectName: text('project_name').notNull(),
    annualTarget: text('annual_target').notNull().default(''),
    actualOutcome: text('actual_outcome').notNull().default(''),
    indicators: jsonb('indicators').notNull().default([]),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_sheet_uq').on(t.unitId, t.year, t.projectName)],
);
