/**
 * An application on its own test database, plus helpers to act as a user through real HTTP
 * requests (fastify.inject): sign in, carry the cookie and CSRF token, pass TOTP.
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Role, SessionInfo } from '@bianban/contracts';
import { isAdminRole } from '@bianban/contracts';
import type { Config } from '../config.js';
import { appUser, region, unit } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../platform/audit/audit.service.js';
import { storeNewPassword } from '../platform/auth/auth.service.js';
import { generateTotpSecret, stepOf, totpAt } from '../platform/auth/domain/totp.js';
import { seal } from '../platform/crypto/sm.js';
import { buildApp } from '../platform/http/app.js';
import type { App } from '../platform/http/types.js';
import { JobRunner } from '../platform/jobs/jobs.service.js';
import { createAccountWithRole } from '../platform/users/users.service.js';
import { createTestDb, type TestDb } from './db.js';

export const REGION = '510403';
export const PASSWORD = 'Correct-Horse-42';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string | null;
}

export interface Session {
  cookie: string;
  csrf: string;
  info: SessionInfo;
}

export interface TestApp {
  app: App;
  t: TestDb;
  jobs: JobRunner;
  units: Record<'root' | 'office' | 'section' | 'finance' | 'financeSub' | 'other', string>;
  createUser: (
    role: Role | Role[] | null,
    opts?: { username?: string; scopeUnitId?: string | null; mustChange?: boolean; totp?: boolean },
  ) => Promise<TestUser>;
  login: (username: string, password: string) => Promise<LightMyRequestResponse>;
  /** Signs in and completes TOTP for administrators; returns a usable session. */
  signIn: (user: TestUser) => Promise<Session>;
  call: (
    s: Session | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ) => Promise<LightMyRequestResponse>;
  totpNow: (secret: string, offsetSteps?: number) => string;
  close: () => Promise<void>;
}

export function testConfig(t: TestDb): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: t.url,
    demo: false,
    region: { code: REGION, name: '攀枝花市西区' },
    trustProxy: false,
    loginRatePerMinute: 1000,
    metricsToken: null,
    logLevel: 'silent',
    keys: t.keys,
  };
}

let counter = 0;

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const t = await createTestDb();
  await t.db.insert(region).values({ regionCode: REGION, name: '攀枝花市西区', level: 3 });
  const mk = async (name: string, parentId: string | null, kind = 'organ') =>
    (await t.db.insert(unit).values({ regionCode: REGION, name, kind, parentId }).returning({ id: unit.id }))[0]!.id;
  const root = await mk('区委', null);
  const office = await mk('区委编办', root);
  const section = await mk('综合股', office, 'internalOffice');
  const gov = await mk('区政府', null);
  const finance = await mk('区财政局', gov);
  const financeSub = await mk('区财政评审中心', finance, 'publicInstitution');
  const units = { root, office, section, finance, financeSub, other: gov };
  const jobs = new JobRunner(t.db, 50);
  const config = { ...testConfig(t), ...overrides };
  const { app } = await buildApp(
    { config, db: t.db, pool: t.pool, keys: t.keys, jobs, defaultRegion: REGION, webDist: null },
    { logger: false },
  );
  await jobs.start();

  const totpNow = (secret: string, offsetSteps = 0) => totpAt(secret, stepOf(Date.now()) + offsetSteps);

  const createUser: TestApp['createUser'] = async (role, opts = {}) => {
    const username = opts.username ?? `user${++counter}`;
    const roles = role === null ? [] : Array.isArray(role) ? role : [role];
    const id = await t.db.transaction(async (tx) => {
      if (roles.length === 0) {
        const { createUserRecord } = await import('../platform/users/users.service.js');
        return (
          await createUserRecord({ db: t.db, keys: t.keys }, tx, {
            regionCode: REGION,
            username,
            displayName: username,
          })
        ).user.id;
      }
      await createAccountWithRole(
        { db: t.db, keys: t.keys },
        tx,
        { ...SYSTEM_ACTOR, regionCode: REGION },
        { regionCode: REGION, username, displayName: username, role: roles[0]!, scopeUnitId: opts.scopeUnitId ?? null },
      );
      const u = (await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, username)))[0]!;
      await storeNewPassword({ db: t.db, keys: t.keys }, tx, u.id, REGION, PASSWORD, opts.mustChange ?? false);
      return u.id;
    });
    let totpSecret: string | null = null;
    const wantsTotp = opts.totp ?? roles.some(isAdminRole);
    if (wantsTotp) {
      totpSecret = generateTotpSecret();
      await t.db
        .update(appUser)
        .set({ totpSecret: seal(t.keys.data, totpSecret), totpEnabled: true })
        .where(eq(appUser.id, id));
    }
    return { id, username, password: PASSWORD, totpSecret };
  };

  const login = (username: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'bianban' },
      payload: { username, password },
    });

  const call: TestApp['call'] = (s, method, url, body) =>
    app.inject({
      method,
      url,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  const signIn = async (user: TestUser): Promise<Session> => {
    const res = await login(user.username, user.password);
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'bb_session')!;
    let s: Session = { cookie: `bb_session=${cookie.value}`, csrf: res.json().csrfToken, info: res.json() };
    if (s.info.state === 'mfaVerify' && user.totpSecret) {
      // A code is accepted once; a second sign-in within the same 30 s uses the next step's code.
      let v = await call(s, 'POST', '/api/auth/totp/verify', { code: totpNow(user.totpSecret) });
      if (v.statusCode !== 200)
        v = await call(s, 'POST', '/api/auth/totp/verify', { code: totpNow(user.totpSecret, 1) });
      if (v.statusCode !== 200) throw new Error(`totp failed: ${v.body}`);
      s = { ...s, info: v.json() };
    }
    return s;
  };

  return {
    app,
    t,
    jobs,
    units,
    createUser,
    login,
    signIn,
    call,
    totpNow,
    close: async () => {
      await app.close();
      await jobs.stop();
      await t.close();
    },
  };
}
