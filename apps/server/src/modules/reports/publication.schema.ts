/**
 * Publication (公开) of reports. Publishing renders a report once to DOCX, PDF and HTML and keeps
 * the three files as they were published: `publication_file` refuses UPDATE and DELETE (a trigger,
 * migration `publication_immutable`), and `publication` accepts no change but the one withdrawal
 * (state, when, who, why). The PDF's SM3 digest and, with a signing key, its SM2 signature are
 * kept on the publication, so that a downloaded copy can be verified against them.
 *
 * `report_approval` holds the 批复日期 of a 预决算 report, known before publication: the 20-day
 * publication deadline (《地方预决算公开操作规程》) runs from it.
 */
import { sql } from 'drizzle-orm';
import { char, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, day, ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';
import { report } from './reports.schema.js';

/** A warning the publisher accepted, with the reason given (shown beside the publication). */
export interface AcceptedWarning {
  key: string;
  label: string;
  message: string;
  reason: string;
}

export const publication = pgTable(
  'publication',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => report.id),
    // What the report was when published (the report itself may change or be renamed later).
    kind: text('kind').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    unitName: text('unit_name').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** 批复日期 for 预决算 reports (the deadline is 20 days after it). */
    approvedOn: day('approved_on'),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => appUser.id),
    /** SM3 of the published PDF (hex). */
    pdfSm3: text('pdf_sm3').notNull(),
    /** SM2 signature (DER hex) of the PDF's SM3 digest; null when no signing key was configured. */
    signature: text('signature'),
    /** The public key the signature verifies under (04‖x‖y hex). */
    signerPublicKey: text('signer_public_key'),
    acceptedWarnings: jsonb('accepted_warnings').$type<AcceptedWarning[]>().notNull().default([]),
    /** published | withdrawn */
    state: text('state').notNull().default('published'),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => appUser.id),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    // At most one current publication per report; withdrawn ones stay as records.
    uniqueIndex('publication_report_current_uq')
      .on(t.reportId)
      .where(sql`state = 'published'`),
    index('publication_region_idx').on(t.regionCode, t.state, t.publishedAt),
    index('publication_pdf_sm3_idx').on(t.pdfSm3),
  ],
);

export const publicationFile = pgTable(
  'publication_file',
  {
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publication.id),
    /** docx | pdf | html */
    format: text('format').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.format] }), index('publication_file_sm3_idx').on(t.sm3)],
);

export const reportApproval = pgTable('report_approval', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => report.id),
  regionCode: char('region_code', { length: 6 }).notNull(),
  approvedOn: day('approved_on').notNull(),
  recordedBy: uuid('recorded_by').references(() => appUser.id),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});
