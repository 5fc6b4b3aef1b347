/**
 * Who a ledger is for. A job runs after the request has ended, without a session: the handler
 * re-derives the requester's permissions and data scope from the account that started it, so a
 * ledger never shows more than that account may see at the moment it is built (a role withdrawn
 * or a scope narrowed in between is honoured).
 */
import { eq, sql } from 'drizzle-orm';
import { permissionsOf, type Permission } from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import { appUser, region } from '../../db/schema.js';
import { rolesOf } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, resolveScope, type DataScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';

export interface LedgerAccess {
  scope: DataScope;
  permissions: ReadonlySet<Permission>;
  regionName: string;
  /** Root of the ledger: the requested unit, else the scope's root, else null (whole region). */
  root: string | null;
  /** `攀枝花市西区` or `攀枝花市西区 区财政局`: what titles start with. */
  heading: string;
  /** Human description of the scope, for the note under each table. */
  scopeText: string;
}

/** The requested unit must exist in the region and lie in the scope. */
export async function checkRoot(db: DbOrTx, scope: DataScope, unitId: string | undefined): Promise<string | null> {
  const root = unitId ?? scope.rootUnitId;
  if (!root) return null;
  assertUnitInScope(scope, root);
  const r = await db.execute<{ name: string }>(
    sql`select name from unit where id = ${root} and region_code = ${scope.regionCode}`,
  );
  if (!r.rows[0]) throw appError('NOT_FOUND', '单位不存在');
  return r.rows[0].name;
}

export async function accessForJob(
  db: DbOrTx,
  job: { createdBy: string | null; regionCode: string },
  need: Permission,
  unitId: string | undefined,
): Promise<LedgerAccess> {
  const user = job.createdBy ? (await db.select().from(appUser).where(eq(appUser.id, job.createdBy)))[0] : undefined;
  if (!user || !user.active || user.regionCode !== job.regionCode)
    throw appError('FORBIDDEN', '发起任务的账户不存在或已停用');
  const permissions = new Set(permissionsOf(await rolesOf(db, user.id)));
  if (!permissions.has(need)) throw appError('FORBIDDEN', '发起任务的账户已无相应权限');
  const scope = await resolveScope(db, user.regionCode, user.scopeUnitId);
  const rootName = await checkRoot(db, scope, unitId);
  const regionName =
    (await db.select({ name: region.name }).from(region).where(eq(region.regionCode, user.regionCode)))[0]?.name ??
    user.regionCode;
  return {
    scope,
    permissions,
    regionName,
    root: unitId ?? scope.rootUnitId,
    heading: rootName ? `${regionName} ${rootName}` : regionName,
    scopeText: rootName ? `${rootName}及所属单位` : '全区',
  };
}
