/**
 * Sign-in, sessions, password change and the TOTP second factor. Every outcome — success,
 * failure, lockout, logout — is audited in the transaction that records it.
 */
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import {
  permissionsOf,
  isAdminRole,
  type Permission,
  type Role,
  type SessionInfo,
  type Settings,
} from '@bianban/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { appUser, loginThrottle, passwordHistory, region, session, unit, userRole } from '../../db/schema.js';
import type { Keys } from '../../config.js';
import { appendAudit, type Actor } from '../audit/audit.service.js';
import { open, seal, sm3Hex } from '../crypto/sm.js';
import { appError } from '../http/errors.js';
import { getSettings } from '../settings/settings.service.js';
import { checkPasswordPolicy } from './domain/password-policy.js';
import { hashPassword, verifyPassword, type PasswordHash } from './domain/password-hash.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './domain/totp.js';
import { resolveScope, type DataScope } from './scope.js';
import { passwordExpiresAt, sessionState } from './session-state.js';

export interface Services {
  db: Db;
  keys: Keys;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuthContext {
  tokenHash: string;
  csrfToken: string;
  user: typeof appUser.$inferSelect;
  regionName: string;
  scopeUnitName: string | null;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
  state: SessionInfo['state'];
  passwordChangeReason: SessionInfo['passwordChangeReason'];
  idleTimeoutSeconds: number;
  passwordExpiresAt: Date | null;
  actor: Actor;
}

export const SESSION_COOKIE = 'bb_session';
const usernameKey = (u: string) => u.trim().toLowerCase();

// A hash computed once at start-up so that an unknown username costs the same PBKDF2 work as a
// known one: the answer and its timing do not reveal whether the account exists.
let dummyHash: Promise<PasswordHash> | null = null;
function dummy(keys: Keys): Promise<PasswordHash> {
  dummyHash ??= hashPassword(keys.pepper, randomBytes(16).toString('hex'));
  return dummyHash;
}

export async function rolesOf(db: DbOrTx, userId: string): Promise<Role[]> {
  const rows = await db.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, userId));
  return rows.map((r) => r.role as Role).sort();
}

function actorOf(
  user: { id: string; username: string; regionCode: string },
  roles: readonly Role[],
  meta: RequestMeta,
): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: roles.join(',') || null,
    ip: meta.ip,
    requestId: meta.requestId,
    regionCode: user.regionCode,
  };
}

function lockedMessage(until: Date): string {
  const t = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return `连续登录失败次数过多，账户已锁定，请于 ${t} 后再试，或联系安全管理员解锁`;
}

/**
 * A failed password or TOTP attempt: counted against the username, audited as `action`, and —
 * when it reaches the threshold — the lock is set and audited too. Returns the lock time, if any.
 */
async function recordFailedAttempt(
  svc: Services,
  tx: Tx,
  f: { key: string; settings: Settings; now: Date; actor: Actor; userId: string | null; action: string },
): Promise<Date | null> {
  const until = await countFailure(tx, f.key, f.settings, f.now);
  const target = { objectType: 'user', objectId: f.userId };
  await appendAudit(tx, svc.keys.audit, f.actor, { action: f.action, ...target, result: 'failed' });
  if (until)
    await appendAudit(tx, svc.keys.audit, f.actor, {
      action: 'auth.account.locked',
      ...target,
      after: { lockedUntil: until },
      result: 'locked',
    });
  return until;
}

/** Counts a failure against a username key; returns the lock time when this attempt locks it. */
async function countFailure(tx: Tx, key: string, s: Settings, now: Date): Promise<Date | null> {
  const rows = await tx
    .insert(loginThrottle)
    .values({ usernameKey: key, failedCount: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.usernameKey,
      set: { failedCount: sql`${loginThrottle.failedCount} + 1`, updatedAt: now },
    })
    .returning({ failedCount: loginThrottle.failedCount });
  if ((rows[0]?.failedCount ?? 0) < s.lockoutThreshold) return null;
  const until = new Date(now.getTime() + s.lockoutMinutes * 60_000);
  await tx.update(loginThrottle).set({ failedCount: 0, lockedUntil: until }).where(eq(loginThrottle.usernameKey, key));
  return until;
}

export async function login(
  svc: Services,
  regionFallback: string,
  username: string,
  password: string,
  meta: RequestMeta,
): Promise<{ token: string }> {
  const key = usernameKey(username);
  const now = new Date();
  const found = await svc.db
    .select()
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, key))
    .limit(1);
  const user = found[0];
  const settings = await getSettings(svc.db, user?.regionCode ?? regionFallback);
  const anonymous: Actor = {
    userId: user?.id ?? null,
    username: username.trim().slice(0, 64),
    role: null,
    ip: meta.ip,
    requestId: meta.requestId,
    regionCode: user?.regionCode ?? null,
  };

  const throttle = (await svc.db.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key)))[0];
  const ok = await verifyPassword(
    svc.keys.pepper,
    password,
    user
      ? { hash: user.passwordHash, salt: user.passwordSalt, iterations: user.passwordIterations }
      : await dummy(svc.keys),
  );

  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await svc.db.transaction((tx) =>
      appendAudit(tx, svc.keys.audit, anonymous, {
        action: 'auth.login.locked',
        objectType: 'user',
        objectId: user?.id ?? null,
        result: 'locked',
      }),
    );
    throw appError('ACCOUNT_LOCKED', lockedMessage(throttle.lockedUntil));
  }
  if (!ok || !user) {
    const lockedUntil = await svc.db.transaction((tx) =>
      recordFailedAttempt(svc, tx, {
        key,
        settings,
        now,
        actor: anonymous,
        userId: user?.id ?? null,
        action: 'auth.login.failed',
      }),
    );
    if (lockedUntil) throw appError('ACCOUNT_LOCKED', lockedMessage(lockedUntil));
    throw appError('INVALID_CREDENTIALS');
  }
  if (!user.active) {
    await svc.db.transaction((tx) =>
      appendAudit(tx, svc.keys.audit, anonymous, {
        action: 'auth.login.disabled',
        objectType: 'user',
        objectId: user.id,
        result: 'denied',
      }),
    );
    throw appError('ACCOUNT_DISABLED');
  }

  const roles = await rolesOf(svc.db, user.id);
  const token = randomBytes(32).toString('base64url'); // a new session id at every sign-in
  const absolute = new Date(now.getTime() + settings.absoluteTimeoutHours * 3_600_000);
  await svc.db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, key));
    await tx.insert(session).values({
      tokenHash: sm3Hex(token),
      userId: user.id,
      regionCode: user.regionCode,
      csrfToken: randomBytes(24).toString('base64url'),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: absolute,
    });
    await tx.update(appUser).set({ lastLoginAt: now }).where(eq(appUser.id, user.id));
    await appendAudit(tx, svc.keys.audit, actorOf(user, roles, meta), {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
    });
  });
  return { token };
}

/**
 * Resolves the cookie token to a live session, or throws. Expired sessions (idle or absolute)
 * are ended on the server with the reason recorded.
 */
export async function authenticate(svc: Services, token: string | undefined, meta: RequestMeta): Promise<AuthContext> {
  if (!token) throw appError('UNAUTHENTICATED');
  const tokenHash = sm3Hex(token);
  const rows = await svc.db
    .select({ s: session, u: appUser, regionName: region.name })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .innerJoin(region, eq(region.regionCode, appUser.regionCode))
    .where(eq(session.tokenHash, tokenHash));
  const row = rows[0];
  if (!row || row.s.endedAt) throw appError(row ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  const now = new Date();
  const settings = await getSettings(svc.db, row.u.regionCode);
  const roles = await rolesOf(svc.db, row.u.id);
  const admin = roles.some(isAdminRole);
  const idleSeconds = (admin ? settings.adminIdleTimeoutMinutes : settings.idleTimeoutMinutes) * 60;
  const endReason = !row.u.active
    ? 'disabled'
    : row.s.expiresAt <= now
      ? 'absolute'
      : now.getTime() - row.s.lastSeenAt.getTime() > idleSeconds * 1000
        ? 'idle'
        : null;
  const actor = actorOf(row.u, roles, meta);
  if (endReason) {
    await svc.db.transaction(async (tx) => {
      const ended = await tx
        .update(session)
        .set({ endedAt: now, endReason })
        .where(and(eq(session.tokenHash, tokenHash), isNull(session.endedAt)))
        .returning({ t: session.tokenHash });
      if (ended.length)
        await appendAudit(tx, svc.keys.audit, actor, {
          action: 'auth.session.expired',
          objectType: 'session',
          objectId: tokenHash.slice(0, 16),
          after: { reason: endReason },
        });
    });
    throw appError('SESSION_EXPIRED', endReason === 'disabled' ? '账户已停用，会话已结束' : undefined);
  }
  // Touch at most every 10 s: enough precision for a 15-minute idle limit, far fewer writes.
  if (now.getTime() - row.s.lastSeenAt.getTime() > 10_000) {
    await svc.db.update(session).set({ lastSeenAt: now }).where(eq(session.tokenHash, tokenHash));
  }
  const { state, passwordChangeReason } = sessionState({
    roles,
    mustChangePassword: row.u.mustChangePassword,
    passwordChangedAt: row.u.passwordChangedAt,
    passwordExpiryDays: settings.passwordExpiryDays,
    totpEnabled: row.u.totpEnabled,
    mfaPassed: row.s.mfaPassed,
    now,
  });
  let scopeUnitName: string | null = null;
  if (row.u.scopeUnitId)
    scopeUnitName =
      (await svc.db.select({ name: unit.name }).from(unit).where(eq(unit.id, row.u.scopeUnitId)))[0]?.name ?? null;
  return {
    tokenHash,
    csrfToken: row.s.csrfToken,
    user: row.u,
    regionName: row.regionName,
    scopeUnitName,
    roles,
    // Permissions apply only once the session is fully established.
    permissions: new Set(state === 'active' ? permissionsOf(roles) : []),
    scope: await resolveScope(svc.db, row.u.regionCode, row.u.scopeUnitId),
    state,
    passwordChangeReason,
    idleTimeoutSeconds: idleSeconds,
    passwordExpiresAt: passwordExpiresAt(row.u.passwordChangedAt, settings.passwordExpiryDays),
    actor,
  };
}

export function sessionInfo(a: AuthContext): SessionInfo {
  return {
    user: {
      id: a.user.id,
      username: a.user.username,
      displayName: a.user.displayName,
      regionCode: a.user.regionCode,
      regionName: a.regionName,
      roles: a.roles,
      scopeUnitId: a.user.scopeUnitId,
      scopeUnitName: a.scopeUnitName,
    },
    permissions: [...a.permissions].sort(),
    state: a.state,
    passwordChangeReason: a.passwordChangeReason,
    csrfToken: a.csrfToken,
    idleTimeoutSeconds: a.idleTimeoutSeconds,
    passwordExpiresAt: a.passwordExpiresAt?.toISOString() ?? null,
  };
}

export async function logout(svc: Services, a: AuthContext): Promise<void> {
  await svc.db.transaction(async (tx) => {
    await tx
      .update(session)
      .set({ endedAt: new Date(), endReason: 'logout' })
      .where(eq(session.tokenHash, a.tokenHash));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'auth.logout',
      objectType: 'session',
      objectId: a.tokenHash.slice(0, 16),
    });
  });
}

/** Is `candidate` one of the user's current or last N passwords? */
async function reusesRecent(
  svc: Services,
  tx: DbOrTx,
  userId: string,
  current: PasswordHash,
  candidate: string,
  n: number,
): Promise<boolean> {
  const recent = await tx
    .select()
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(n);
  const hashes: PasswordHash[] = [
    current,
    ...recent.map((r) => ({ hash: r.passwordHash, salt: r.passwordSalt, iterations: r.passwordIterations })),
  ];
  for (const h of hashes.slice(0, n)) if (await verifyPassword(svc.keys.pepper, candidate, h)) return true;
  return false;
}

/** Sets a new password after the policy check; used by the user themselves and by resets. */
export async function storeNewPassword(
  svc: Services,
  tx: Tx,
  userId: string,
  regionCode: string,
  password: string,
  mustChange: boolean,
): Promise<void> {
  const h = await hashPassword(svc.keys.pepper, password);
  await tx
    .update(appUser)
    .set({
      passwordHash: h.hash,
      passwordSalt: h.salt,
      passwordIterations: h.iterations,
      passwordChangedAt: new Date(),
      mustChangePassword: mustChange,
      updatedAt: new Date(),
    })
    .where(eq(appUser.id, userId));
  await tx
    .insert(passwordHistory)
    .values({ userId, regionCode, passwordHash: h.hash, passwordSalt: h.salt, passwordIterations: h.iterations });
}

export async function changePassword(
  svc: Services,
  a: AuthContext,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const u = a.user;
  const current = { hash: u.passwordHash, salt: u.passwordSalt, iterations: u.passwordIterations };
  if (!(await verifyPassword(svc.keys.pepper, oldPassword, current))) {
    await svc.db.transaction((tx) =>
      appendAudit(tx, svc.keys.audit, a.actor, {
        action: 'auth.password.change',
        objectType: 'user',
        objectId: u.id,
        result: 'failed',
      }),
    );
    throw appError('PASSWORD_WRONG');
  }
  const settings = await getSettings(svc.db, u.regionCode);
  const reused = await reusesRecent(svc, svc.db, u.id, current, newPassword, settings.passwordHistory);
  const problems = checkPasswordPolicy({
    password: newPassword,
    username: u.username,
    reused,
    historySize: settings.passwordHistory,
  });
  if (problems.length) throw appError('PASSWORD_POLICY', `密码不符合安全策略：${problems.join('；')}`, problems);
  await svc.db.transaction(async (tx) => {
    await storeNewPassword(svc, tx, u.id, u.regionCode, newPassword, false);
    // Other sessions of this user end: whoever knew the old password is signed out.
    await tx
      .update(session)
      .set({ endedAt: new Date(), endReason: 'passwordChanged' })
      .where(and(eq(session.userId, u.id), ne(session.tokenHash, a.tokenHash), isNull(session.endedAt)));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'auth.password.change',
      objectType: 'user',
      objectId: u.id,
    });
  });
}

export async function enrollTotp(
  svc: Services,
  a: AuthContext,
): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
  if (a.state !== 'mfaEnroll') throw appError('CONFLICT', '当前账户无需绑定动态口令或已绑定');
  const secret = generateTotpSecret();
  await svc.db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ totpSecret: seal(svc.keys.data, secret), totpEnabled: false })
      .where(eq(appUser.id, a.user.id));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'auth.totp.enrollStart',
      objectType: 'user',
      objectId: a.user.id,
    });
  });
  const uri = otpauthUri(secret, a.user.username);
  return { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 }) };
}

/** Confirms enrolment (`confirm`) or verifies at sign-in; failures count towards the lockout. */
export async function checkTotp(
  svc: Services,
  a: AuthContext,
  code: string,
  mode: 'confirm' | 'verify',
): Promise<void> {
  const expected = mode === 'confirm' ? 'mfaEnroll' : 'mfaVerify';
  if (a.state !== expected)
    throw appError('CONFLICT', mode === 'confirm' ? '当前无待确认的动态口令绑定' : '当前会话无需动态口令验证');
  if (!a.user.totpSecret) throw appError('CONFLICT', '请先获取动态口令密钥');
  const secret = open(svc.keys.data, a.user.totpSecret).toString();
  const step = verifyTotp(secret, code, Date.now(), a.user.totpLastStep ?? null);
  const now = new Date();
  if (step === null) {
    const settings = await getSettings(svc.db, a.user.regionCode);
    const until = await svc.db.transaction(async (tx) => {
      const lockedUntil = await recordFailedAttempt(svc, tx, {
        key: usernameKey(a.user.username),
        settings,
        now,
        actor: a.actor,
        userId: a.user.id,
        action: 'auth.totp.failed',
      });
      // A lock ends the half-signed-in session too.
      if (lockedUntil)
        await tx.update(session).set({ endedAt: now, endReason: 'locked' }).where(eq(session.tokenHash, a.tokenHash));
      return lockedUntil;
    });
    if (until) throw appError('ACCOUNT_LOCKED', lockedMessage(until));
    throw appError('MFA_INVALID');
  }
  await svc.db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ totpLastStep: step, ...(mode === 'confirm' ? { totpEnabled: true } : {}) })
      .where(eq(appUser.id, a.user.id));
    await tx.update(session).set({ mfaPassed: true }).where(eq(session.tokenHash, a.tokenHash));
    await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, usernameKey(a.user.username)));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: mode === 'confirm' ? 'auth.totp.enrolled' : 'auth.totp.verified',
      objectType: 'user',
      objectId: a.user.id,
    });
  });
}
