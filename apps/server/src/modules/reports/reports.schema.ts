/**
 * Reports (报告): one row per generated document — a department's overall self-evaluation report,
 * its project self-evaluation tables or its 部门决算 disclosure explanation — for a unit and year.
 * The document itself is never stored: it is rebuilt from the facts on every view, with the
 * user's per-paragraph text overrides (`edits`) applied. `state` and `published_at` are the hooks
 * the publication step builds on (draft → checked → published). `amount_style` / `rate_style` are
 * the report's number style (数字格式, ADR 0013); `report_number_style` holds each region's default
 * for new reports. `score_layout` is the self-evaluation's 评分版式 (ADR 0012 amendment; the
 * default comes from the framework version's body).
 */
import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, region, unit } from '../../db/schema.js';
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
    /** twoDecimals | trimZeros: how amounts (万元) are written. */
    amountStyle: text('amount_style').notNull().default('trimZeros'),
    /** twoDecimals | trimZeros: how rates (%) are written. */
    rateStyle: text('rate_style').notNull().default('trimZeros'),
    /** scoreTable | scoredSections | indicatorParagraphs: how a self-evaluation report lays out its scores. */
    scoreLayout: text('score_layout').notNull().default('scoreTable'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
  },
  (t) => [
    index('report_unit_year_idx').on(t.regionCode, t.unitId, t.year),
    check('report_amount_style_check', sql`${t.amountStyle} in ('twoDecimals', 'trimZeros')`),
    check('report_rate_style_check', sql`${t.rateStyle} in ('twoDecimals', 'trimZeros')`),
    check(
      'report_score_layout_check',
      sql`${t.scoreLayout} in ('scoreTable', 'scoredSections', 'indicatorParagraphs')`,
    ),
  ],
);

/** A region's house style for report numbers: the default a new report takes (one row per region). */
export const reportNumberStyle = pgTable(
  'report_number_style',
  {
    regionCode: char('region_code', { length: 6 })
      .primaryKey()
      .references(() => region.regionCode),
    amountStyle: text('amount_style').notNull(),
    rateStyle: text('rate_style').notNull(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('report_number_style_amount_check', sql`${t.amountStyle} in ('twoDecimals', 'trimZeros')`),
    check('report_number_style_rate_check', sql`${t.rateStyle} in ('twoDecimals', 'trimZeros')`),
  ],
);
