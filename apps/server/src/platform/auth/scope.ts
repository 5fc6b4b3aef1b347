/**
 * Data scope: a user sees its tenant (region) and, where limited, one unit subtree. Computed once
 * per request from the session and checked by every read, write and export on the server.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { appError } from '../http/errors.js';

export interface DataScope {
  regionCode: string;
  /** Root of the visible subtree, or null for the whole region. */
  rootUnitId: string | null;
  /** Ids of the root and all its descendants; null when unrestricted within the region. */
  unitIds: ReadonlySet<string> | null;
}

export async function resolveScope(db: DbOrTx, regionCode: string, rootUnitId: string | null): Promise<DataScope> {
  if (!rootUnitId) return { regionCode, rootUnitId: null, unitIds: null };
  const res = await db.execute<{ id: string }>(sql`
    with recursive sub as (
      select id from unit where id = ${rootUnitId} and region_code = ${regionCode}
      union all
      select u.id from unit u join sub on u.parent_id = sub.id
    ) select id from sub`);
  return { regionCode, rootUnitId, unitIds: new Set(res.rows.map((r) => r.id)) };
}

export function unitInScope(scope: DataScope, unitId: string): boolean {
  return scope.unitIds === null || scope.unitIds.has(unitId);
}

/** Throws OUT_OF_SCOPE naming the object; used by every service that takes a unit id. */
export function assertUnitInScope(scope: DataScope, unitId: string, what = '该单位'): void {
  if (!unitInScope(scope, unitId)) throw appError('OUT_OF_SCOPE', `${what}不在您的数据范围内`);
}
