/**
 * Reports (报告): one row per generated document — a department's overall self-evaluation report,
 * its project self-evaluation tables or its 部门决算 disclosure explanation — for a unit and year.
 * The document itself is never stored: it is rebuilt from the facts on every view, with the
 * user's per-paragraph text overrides (`edits`) applied. `state` and `published_at` are the hooks
 * the publication step builds on (draft → checked → published).
 */
import { char, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';
import { evaluation } from '../performance/performance.schema.js';

export const report = pgTable(
  'report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    /** selfEvaluation | projectTable | finalAccounts */
    kind: text('kind').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    year: integer('year').notNull(),
    /** The evaluation the self-evaluation report is written from (null for the other kinds). */
    evaluationId: uuid('evaluation_id').references(() => evaluation.id),
    /** draft | checked | published */
    state: text('state').notNull().default('draft'),
    title: text('title').notNull(),
    /** Paragraph key → the user's text for that paragraph (replaces the template's prose). */
    edits: jsonb('edits').notNull().default({}),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
  },
  (t) => [index('report_unit_year_idx').on(t.regionCode, t.unitId, t.year)],
);
