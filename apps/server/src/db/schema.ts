/**
 * The platform's tables. Every tenant table carries `region_code` (GB/T 2260) so that a
 * distributed PostgreSQL can later shard by it. Business modules add their own schema files and
 * re-export them here so that drizzle-kit sees one schema.
 */
import { sql } from 'drizzle-orm';
import { bytea, ts } from './columns.js';
import {
  bigint,
  bigserial,
  boolean,
  char,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A tenant: the staffing office of one administrative region. */
export const region = pgTable('region', {
  regionCode: char('region_code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  /** 1 province, 2 city, 3 county. */
  level: smallint('level').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * Units (机构/单位): the anchor of data scope. The org module (issue 3) extends units with
 * effective-dated attributes and decisions; the platform only needs the tree.
 */
export const unit = pgTable(
  'unit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 })
      .notNull()
      .references(() => region.regionCode),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    /** organ | massOrganization | publicInstitution | township | street | internalOffice */
    kind: text('kind').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    // The current state, kept in step with the open row of `unit_version` by the org module
    // (which owns history): the tree, scope checks and search read only this table.
    shortName: text('short_name'),
    category: text('category'),
    rank: text('rank'),
    fundingForm: text('funding_form'),
    uscc: text('uscc'),
    nameplates: text('nameplates')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    functionsText: text('functions_text'),
    status: text('status').notNull().default('active'),
  },
  (t) => [
    index('unit_region_parent_idx').on(t.regionCode, t.parentId),
    foreignKey({ name: 'unit_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 })
      .notNull()
      .references(() => region.regionCode),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** PBKDF2-HMAC-SM3 digest (hex) of pepper-keyed password; see platform/crypto/password.ts. */
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    passwordIterations: integer('password_iterations').notNull(),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    /** Set for generated (initial or reset) passwords: the user must choose their own. */
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    /** TOTP secret, SM4-encrypted (platform/crypto/sealed.ts); null until enrolled. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step, so that a code is never accepted twice. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    scopeUnitId: uuid('scope_unit_id').references(() => unit.id),
    active: boolean('active').notNull().default(true),
    lastLoginAt: ts('last_login_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('app_user_username_uq').on(sql`lower(${t.username})`)],
);

export const userRole = pgTable(
  'user_role',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    grantedAt: ts('granted_at').notNull().defaultNow(),
    grantedBy: uuid('granted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    // 三员分立 enforced by the database: at most one of the three administrator roles per account.
    uniqueIndex('user_role_one_admin_role_uq')
      .on(t.userId)
      .where(sql`role in ('sysAdmin', 'secAdmin', 'auditAdmin')`),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    regionCode: char('region_code', { length: 6 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    passwordIterations: integer('password_iterations').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Login failures per username, whether or not the account exists, so that an unknown username
 * is locked out exactly like a known one and the answer never tells them apart.
 */
export const loginThrottle = pgTable('login_throttle', {
  usernameKey: text('username_key').primaryKey(),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const session = pgTable(
  'session',
  {
    /** SM3 of the cookie token: a leaked table does not yield usable session ids. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    regionCode: char('region_code', { length: 6 }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    mfaPassed: boolean('mfa_passed').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Runtime settings the system administrator may change; one row per region. */
export const setting = pgTable('setting', {
  regionCode: char('region_code', { length: 6 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained:
 * hash = HMAC-SM3(key, prev_hash ‖ canonical row). Rows are written in the transaction of the
 * change they record.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey(),
    regionCode: char('region_code', { length: 6 }),
    atMs: bigint('at_ms', { mode: 'number' }).notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    role: text('role'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    result: text('result').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.atMs),
    index('audit_log_user_idx').on(t.username, t.atMs),
    index('audit_log_action_idx').on(t.action, t.atMs),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
  ],
);

export const job = pgTable(
  'job',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    kind: text('kind').notNull(),
    state: text('state').notNull().default('queued'),
    progress: smallint('progress').notNull().default(0),
    message: text('message'),
    params: jsonb('params').notNull().default({}),
    result: jsonb('result'),
    error: text('error'),
    fileId: uuid('file_id'),
    /** A result too large for the database (backups) lives on disk under the data directory. */
    filePath: text('file_path'),
    fileName: text('file_name'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('job_state_idx').on(t.state, t.createdAt), index('job_owner_idx').on(t.createdBy, t.createdAt)],
);

/** Uploaded and generated files, kept in the database so that one backup holds everything. */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('stored_file_owner_idx').on(t.createdBy)],
);

export * from '../modules/org/org.schema.js';
export * from '../modules/roster/roster.schema.js';
export * from '../modules/imports/imports.schema.js';
export * from '../modules/budget/budget.schema.js';
export * from '../modules/performance/performance.schema.js';
export * from '../modules/reports/reports.schema.js';
export * from '../modules/reports/publication.schema.js';
export * from '../modules/registration/registration.schema.js';
export * from '../modules/registration/annual.schema.js';
