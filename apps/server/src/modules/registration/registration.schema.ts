/**
 * Public-institution registration (事业单位法人登记) and code assignment (赋码): the register of
 * legal persons with their current particulars, and the history of every registration act.
 * The register row is the current state; `registration_act` keeps each establish / amend /
 * deregister / certificate act with its documents, deadlines and decision, so any past state can
 * be read back and every change is traceable to its act.
 */
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  bigint,
} from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, storedFile, unit } from '../../db/schema.js';

/** The register: one row per legal person (事业单位法人), or per organ / mass organization given a code. */
export const legalPerson = pgTable(
  'legal_person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    /** The unit of the org module it registers (a public institution, or an organ for 赋码). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    /** institution (事业单位法人登记) | organ (机关赋码) | massOrganization (群团赋码) */
    kind: text('kind').notNull(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    legalRepresentative: text('legal_representative'),
    address: text('address'),
    /** 开办资金, in fen. */
    startupCapital: bigint('startup_capital', { mode: 'number' }),
    purposeAndScope: text('purpose_and_scope'),
    /** 举办单位: the sponsor unit. */
    sponsorUnitId: uuid('sponsor_unit_id').references(() => unit.id),
    /** 经费来源: full | partial | selfFunded */
    fundingSource: text('funding_source'),
    /** active | deregistered | abnormal (列入异常名录) */
    status: text('status').notNull().default('active'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    deregisteredOn: date('deregistered_on', { mode: 'string' }),
    /** Legal-person certificate (法人证书): number and validity (5 years). */
    certificateNo: text('certificate_no'),
    certificateValidFrom: date('certificate_valid_from', { mode: 'string' }),
    certificateValidTo: date('certificate_valid_to', { mode: 'string' }),
    /** How many certificates have been issued (1 at establishment; each reissue or loss replacement adds one). */
    certificateEdition: integer('certificate_edition').notNull().default(0),
    /** Generated demo particulars (not a real institution's registration). */
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('legal_person_uscc_uq').on(t.uscc),
    uniqueIndex('legal_person_unit_uq').on(t.unitId),
    index('legal_person_region_idx').on(t.regionCode, t.status),
  ],
);

/**
 * A registration act (登记事项): establish, amend, deregister (regular or simplified),
 * certificate reissue / loss, code assignment. Draft → submitted → accepted → approved / refused,
 * with the statutory deadlines in working days.
 */
export const registrationAct = pgTable(
  'registration_act',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    legalPersonId: uuid('legal_person_id').references(() => legalPerson.id),
    /** For an establishment, the unit being registered (no legal person yet). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    /** establish | amend | deregister | deregisterSimplified | certificateReissue | certificateLoss | assignCode */
    kind: text('kind').notNull(),
    state: text('state').notNull().default('draft'),
    /** The particulars asked for (new values for an amendment), as validated JSON. */
    particulars: jsonb('particulars').notNull().default({}),
    /** Date of the change being registered (an amendment is due within 30 working days of it). */
    changeDate: date('change_date', { mode: 'string' }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    /** The office must decide within 30 working days of acceptance. */
    decisionDueOn: date('decision_due_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    refusalReason: text('refusal_reason'),
    /** Uploaded documents: [{ kind, fileId, name }]. */
    documents: jsonb('documents').notNull().default([]),
    /** An amendment's register values before approval (the changed fields only), kept for the record. */
    before: jsonb('before'),
    /** Working days by which an amendment was filed after its 30-working-day deadline (0 when on time). */
    lateWorkingDays: integer('late_working_days'),
    /** Who decided (approved or refused). */
    decidedBy: uuid('decided_by').references(() => appUser.id),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('registration_act_region_idx').on(t.regionCode, t.state),
    index('registration_act_lp_idx').on(t.legalPersonId),
  ],
);

/** The organization codes reserved for a region (the tenant's range), and the last one issued. */
export const codeRange = pgTable(
  'code_range',
  {
    regionCode: char('region_code', { length: 6 }).notNull(),
    /** 登记管理部门代码 + 机构类别代码, e.g. "12" (机构编制 · 事业单位). */
    prefix: char('prefix', { length: 2 }).notNull(),
    /** First and last 8-character organization-code bodies of the range (without the GB 11714 check char). */
    first: char('first', { length: 8 }).notNull(),
    last: char('last', { length: 8 }).notNull(),
    /** The last body issued, or null when none yet. */
    issued: char('issued', { length: 8 }),
    issuedCount: integer('issued_count').notNull().default(0),
  },
  (t) => [uniqueIndex('code_range_uq').on(t.regionCode, t.prefix)],
);

/**
 * 一户一档: every document of an institution — those filed with an act and scans added to the
 * archive on their own — in the order they were received. The file itself is a `stored_file`.
 */
export const registrationDocument = pgTable(
  'registration_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    actId: uuid('act_id').references(() => registrationAct.id),
    /** application | approvalDocument | addressProof | capitalProof | … | scan */
    kind: text('kind').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFile.id),
    name: text('name').notNull(),
    note: text('note'),
    uploadedBy: uuid('uploaded_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('registration_document_unit_idx').on(t.unitId, t.createdAt),
    index('registration_document_act_idx').on(t.actId),
  ],
);

/** 公告: the public announcement of an approved establishment, amendment, deregistration or certificate loss. */
export const registrationAnnouncement = pgTable(
  'registration_announcement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    actId: uuid('act_id')
      .notNull()
      .references(() => registrationAct.id),
    legalPersonId: uuid('legal_person_id')
      .notNull()
      .references(() => legalPerson.id),
    /** establish | amend | deregister | certificateLoss */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registration_announcement_act_uq').on(t.actId),
    index('registration_announcement_region_idx').on(t.regionCode, t.publishedOn),
  ],
);
