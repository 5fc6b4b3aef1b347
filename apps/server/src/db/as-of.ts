/**
 * "In force on a date" for effective-dated rows: valid_from ≤ date < valid_to, where a null
 * valid_to means still in force. One definition for every as-of query.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** For raw SQL, by table alias: `inForceOn('q', date)` → `"q".valid_from <= … and (…)`. */
export function inForceOn(alias: string, date: string): SQL {
  const t = sql.identifier(alias);
  return sql`${t}.valid_from <= ${date}::date and (${t}.valid_to is null or ${t}.valid_to > ${date}::date)`;
}

/** For Drizzle tables: `inForce(establishmentQuota, date)`. */
export function inForce(t: { validFrom: AnyColumn; validTo: AnyColumn }, date: string): SQL {
  return sql`${t.validFrom} <= ${date}::date and (${t.validTo} is null or ${t.validTo} > ${date}::date)`;
}
