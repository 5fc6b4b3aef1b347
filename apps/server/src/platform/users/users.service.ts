/**
 * Accounts (system administrator) and grants (security administrator). 三员分立: the three
 * administrator roles are mutually exclusive and exclusive of business roles — checked here with
 * a clear message, and enforced again by a unique index in the database.
 */
import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { isAdminRole, type Permission, type Role, type UserSummary } from '@bianban/contracts';
import { UNIT_SCOPED_ROLES } from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import { appUser, loginThrottle, session, unit, userRole } from '../../db/schema.js';
import { appendAudit, type Actor } from '../audit/audit.service.js';
import type { AuthContext, Services } from '../auth/auth.service.js';
import { storeNewPassword } from '../auth/auth.service.js';
import { generatePassword } from '../auth/domain/password-hash.js';
import { hashPassword } from '../auth/domain/password-hash.js';
import { appError } from '../http/errors.js';

type UserRow = typeof appUser.$inferSelect;

/** The rule of 三员分立 as a pure check; returns the Chinese reason or null. */
export function roleConflict(roles: readonly Role[]): string | null {
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return '三员分立：系统管理员、安全管理员、审计管理员不得由同一账户兼任';
  if (admins.length === 1 && roles.length > 1) return '三员分立：管理员账户不得兼任业务角色';
  return null;
}

function actionsFor(viewer: AuthContext, target: UserRow): UserSummary['actions'] {
  const can = (p: Permission) => viewer.permissions.has(p);
  const self = viewer.user.id === target.id;
  return {
    update: can('account.manage') && !self,
    resetPassword: can('account.manage') && !self,
    unlock: can('account.unlock'),
    // Nobody grants roles to themselves: a security administrator cannot widen their own rights.
    grant: can('grant.manage') && !self,
  };
}

async function present(db: DbOrTx, viewer: AuthContext, rows: UserRow[]): Promise<UserSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, throttles, units] = await Promise.all([
    db.select().from(userRole).where(inArray(userRole.userId, ids)),
    db
      .select()
      .from(loginThrottle)
      .where(
        inArray(
          loginThrottle.usernameKey,
          rows.map((r) => r.username.toLowerCase()),
        ),
      ),
    db
      .select({ id: unit.id, name: unit.name })
      .from(unit)
      .where(
        inArray(
          unit.id,
          rows
            .map((r) => r.scopeUnitId)
            .filter((x): x is string => !!x)
            .concat(['00000000-0000-0000-0000-000000000000']),
        ),
      ),
  ]);
  const now = new Date();
  return rows.map((u) => {
    const t = throttles.find((x) => x.usernameKey === u.username.toLowerCase());
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      regionCode: u.regionCode,
      roles: roles
        .filter((r) => r.userId === u.id)
        .map((r) => r.role as Role)
        .sort(),
      scopeUnitId: u.scopeUnitId,
      scopeUnitName: units.find((x) => x.id === u.scopeUnitId)?.name ?? null,
      active: u.active,
      lockedUntil: t?.lockedUntil && t.lockedUntil > now ? t.lockedUntil.toISOString() : null,
      failedLogins: t?.failedCount ?? 0,
      mfaEnabled: u.totpEnabled,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      passwordChangedAt: u.passwordChangedAt.toISOString(),
      createdAt: u.createdAt.toISOString(),
      actions: actionsFor(viewer, u),
    };
  });
}

async function loadInRegion(db: DbOrTx, viewer: AuthContext, id: string): Promise<UserRow> {
  const row = (
    await db
      .select()
      .from(appUser)
      .where(and(eq(appUser.id, id), eq(appUser.regionCode, viewer.scope.regionCode)))
  )[0];
  if (!row) throw appError('NOT_FOUND', '用户不存在');
  return row;
}

export async function listUsers(
  svc: Services,
  viewer: AuthContext,
  q: { q?: string | undefined; page: number; pageSize: number },
) {
  const conds = [eq(appUser.regionCode, viewer.scope.regionCode)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(appUser.username, like), ilike(appUser.displayName, like))!);
  }
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    svc.db
      .select()
      .from(appUser)
      .where(where)
      .orderBy(asc(appUser.username))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    svc.db.select({ n: count() }).from(appUser).where(where),
  ]);
  return { items: await present(svc.db, viewer, rows), total: totals[0]?.n ?? 0 };
}

export async function getUser(svc: Services, viewer: AuthContext, id: string): Promise<UserSummary> {
  return (await present(svc.db, viewer, [await loadInRegion(svc.db, viewer, id)]))[0]!;
}

/** Creates an account with a generated password the user must change at first sign-in. */
export async function createUserRecord(
  svc: Services,
  tx: Tx,
  input: { regionCode: string; username: string; displayName: string; password?: string; mustChangePassword?: boolean },
): Promise<{ user: UserRow; password: string }> {
  const taken = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, input.username.toLowerCase()));
  if (taken.length) throw appError('USERNAME_TAKEN', `用户名“${input.username}”已存在`);
  const password = input.password ?? generatePassword();
  const h = await hashPassword(svc.keys.pepper, password);
  const [user] = await tx
    .insert(appUser)
    .values({
      regionCode: input.regionCode,
      username: input.username,
      displayName: input.displayName,
      passwordHash: h.hash,
      passwordSalt: h.salt,
      passwordIterations: h.iterations,
      mustChangePassword: input.mustChangePassword ?? true,
    })
    .returning();
  return { user: user!, password };
}

/**
 * One account with one role, audited: the first-start bootstrap and `bianban users create` use
 * it. The role rules of 三员分立 hold trivially for a single role; the scope must be in the region.
 */
export async function createAccountWithRole(
  svc: Services,
  tx: Tx,
  actor: Actor,
  input: { regionCode: string; username: string; displayName: string; role: Role; scopeUnitId: string | null },
): Promise<string> {
  if (input.scopeUnitId) {
    const u = await tx
      .select({ id: unit.id })
      .from(unit)
      .where(and(eq(unit.id, input.scopeUnitId), eq(unit.regionCode, input.regionCode)));
    if (!u.length) throw appError('VALIDATION_FAILED', `数据范围单位 ${input.scopeUnitId} 不存在或不属于本地区`);
  } else if (UNIT_SCOPED_ROLES.includes(input.role)) {
    throw appError('VALIDATION_FAILED', '部门填报员须指定数据范围（所属单位）');
  }
  const { user, password } = await createUserRecord(svc, tx, input);
  await tx.insert(userRole).values({ userId: user.id, role: input.role, regionCode: input.regionCode });
  if (input.scopeUnitId)
    await tx.update(appUser).set({ scopeUnitId: input.scopeUnitId }).where(eq(appUser.id, user.id));
  await appendAudit(tx, svc.keys.audit, actor, {
    action: 'user.create',
    objectType: 'user',
    objectId: user.id,
    after: { username: input.username, roles: [input.role], scopeUnitId: input.scopeUnitId },
  });
  return password;
}

export async function createUser(svc: Services, viewer: AuthContext, input: { username: string; displayName: string }) {
  const { user, password } = await svc.db.transaction(async (tx) => {
    const created = await createUserRecord(svc, tx, { ...input, regionCode: viewer.scope.regionCode });
    await appendAudit(tx, svc.keys.audit, viewer.actor, {
      action: 'user.create',
      objectType: 'user',
      objectId: created.user.id,
      after: { username: input.username, displayName: input.displayName },
    });
    return created;
  });
  return { user: (await present(svc.db, viewer, [user]))[0]!, initialPassword: password };
}

export async function updateUser(
  svc: Services,
  viewer: AuthContext,
  id: string,
  patch: { displayName?: string | undefined; active?: boolean | undefined },
) {
  await svc.db.transaction(async (tx) => {
    const before = await loadInRegion(tx, viewer, id);
    if (!actionsFor(viewer, before).update) throw appError('FORBIDDEN', '不能修改自己的账户状态');
    const next = { displayName: patch.displayName ?? before.displayName, active: patch.active ?? before.active };
    await tx
      .update(appUser)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(appUser.id, id));
    if (!next.active && before.active) {
      await tx
        .update(session)
        .set({ endedAt: new Date(), endReason: 'disabled' })
        .where(and(eq(session.userId, id), isNull(session.endedAt)));
    }
    await appendAudit(tx, svc.keys.audit, viewer.actor, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      before: { displayName: before.displayName, active: before.active },
      after: next,
    });
  });
  return getUser(svc, viewer, id);
}

export async function resetPassword(
  svc: Services,
  viewer: AuthContext,
  id: string,
): Promise<{ initialPassword: string }> {
  const password = generatePassword();
  await svc.db.transaction(async (tx) => {
    const target = await loadInRegion(tx, viewer, id);
    if (!actionsFor(viewer, target).resetPassword) throw appError('FORBIDDEN', '不能重置自己的密码，请使用“修改密码”');
    await storeNewPassword(svc, tx, id, target.regionCode, password, true);
    await tx
      .update(session)
      .set({ endedAt: new Date(), endReason: 'passwordReset' })
      .where(and(eq(session.userId, id), isNull(session.endedAt)));
    await appendAudit(tx, svc.keys.audit, viewer.actor, {
      action: 'user.resetPassword',
      objectType: 'user',
      objectId: id,
    });
  });
  return { initialPassword: password };
}

export async function unlockUser(svc: Services, viewer: AuthContext, id: string): Promise<void> {
  await svc.db.transaction(async (tx) => {
    const target = await loadInRegion(tx, viewer, id);
    const removed = await tx
      .delete(loginThrottle)
      .where(eq(loginThrottle.usernameKey, target.username.toLowerCase()))
      .returning();
    await appendAudit(tx, svc.keys.audit, viewer.actor, {
      action: 'user.unlock',
      objectType: 'user',
      objectId: id,
      before: removed[0] ? { failedCount: removed[0].failedCount, lockedUntil: removed[0].lockedUntil } : null,
    });
  });
}

export async function setGrants(
  svc: Services,
  viewer: AuthContext,
  id: string,
  input: { roles: Role[]; scopeUnitId: string | null },
) {
  const roles = [...new Set(input.roles)].sort();
  const conflict = roleConflict(roles);
  if (conflict) throw appError('ROLE_CONFLICT', conflict);
  if (roles.some((r) => UNIT_SCOPED_ROLES.includes(r)) && !input.scopeUnitId) {
    throw appError('VALIDATION_FAILED', '部门填报员须指定数据范围（所属单位）', [
      { field: 'scopeUnitId', message: '请选择数据范围单位' },
    ]);
  }
  await svc.db.transaction(async (tx) => {
    const target = await loadInRegion(tx, viewer, id);
    if (!actionsFor(viewer, target).grant) throw appError('FORBIDDEN', '不能为自己授权');
    if (input.scopeUnitId) {
      const u = await tx
        .select({ id: unit.id })
        .from(unit)
        .where(and(eq(unit.id, input.scopeUnitId), eq(unit.regionCode, target.regionCode)));
      if (!u.length)
        throw appError('VALIDATION_FAILED', '数据范围单位不存在或不属于本地区', [
          { field: 'scopeUnitId', message: '单位不存在' },
        ]);
    }
    const before = {
      roles: (await tx.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, id)))
        .map((r) => r.role)
        .sort(),
      scopeUnitId: target.scopeUnitId,
    };
    await tx.delete(userRole).where(eq(userRole.userId, id));
    if (roles.length)
      await tx
        .insert(userRole)
        .values(roles.map((role) => ({ userId: id, role, regionCode: target.regionCode, grantedBy: viewer.user.id })));
    await tx.update(appUser).set({ scopeUnitId: input.scopeUnitId, updatedAt: new Date() }).where(eq(appUser.id, id));
    // A change of rights takes effect now: the target's open sessions end.
    await tx
      .update(session)
      .set({ endedAt: new Date(), endReason: 'grantsChanged' })
      .where(and(eq(session.userId, id), isNull(session.endedAt)));
    await appendAudit(tx, svc.keys.audit, viewer.actor, {
      action: 'grant.update',
      objectType: 'user',
      objectId: id,
      before,
      after: { roles, scopeUnitId: input.scopeUnitId },
    });
  });
  return getUser(svc, viewer, id);
}
