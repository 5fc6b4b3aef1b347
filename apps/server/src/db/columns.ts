// Column kinds every schema file uses, defined once so that all timestamps and dates are alike.
import { customType, date, timestamp } from 'drizzle-orm/pg-core';

/** UTC instant with millisecond precision, as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
/** A calendar day (effective dates), as 'YYYY-MM-DD'. */
export const day = (name: string) => date(name, { mode: 'string' });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
