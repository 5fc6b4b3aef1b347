/** Saved column mappings of the imports: per region (tenant) and import kind, reused next time. */
import { char, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser } from '../../db/schema.js';

export const importColumnMapping = pgTable(
  'import_column_mapping',
  {
    regionCode: char('region_code', { length: 6 }).notNull(),
    /** roster | units */
    kind: text('kind').notNull(),
    /** Column of the template → the title of the file's header cell it is read from. */
    mapping: jsonb('mapping').notNull(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.kind] })],
);
