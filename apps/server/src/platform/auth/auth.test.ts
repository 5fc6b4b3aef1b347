import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/app.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

const auditActions = async (username: string) =>
  (await ta.t.pool.query(`select action, result from audit_log where username = $1 order by seq`, [username])).rows as {
    action: string;
    result: string;
  }[];

describe('sign-in', () => {
  it('signs in with a new HttpOnly, SameSite=Strict session cookie each time', async () => {
    const u = await ta.createUser('officeStaff');
    const a = await ta.login(u.username, PASSWORD);
    const b = await ta.login(u.username, PASSWORD);
    expect(a.statusCode).toBe(200);
    const ca = a.cookies.find((c) => c.name === 'bb_session')!;
    const cb = b.cookies.find((c) => c.name === 'bb_session')!;
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe('Strict');
    expect(ca.value).not.toBe(cb.value);
    expect(a.json().state).toBe('active');
    expect(a.json().permissions).toContain('workbench.read');
    expect((await auditActions(u.username)).map((r) => r.action)).toContain('auth.login');
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const u = await ta.createUser('viewer');
    const wrong = await ta.login(u.username, 'Wrong-Password-1');
    const unknown = await ta.login('nobody-here', 'Wrong-Password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks after 5 consecutive failures, refuses even the right password, and audits it', async () => {
    const u = await ta.createUser('viewer');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await ta.login(u.username, `Wrong-${i}-Password`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await ta.login(u.username, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(right.json().message).toMatch(/锁定/);
    const actions = (await auditActions(u.username)).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(5);
    expect(actions).toContain('auth.account.locked');
    expect(actions).toContain('auth.login.locked');
  });

  it('locks an unknown username exactly like a known one', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await ta.login('ghost-user', `Wrong-${i}-Password`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('lets the security administrator unlock, after which the right password works', async () => {
    const u = await ta.createUser('viewer');
    for (let i = 0; i < 5; i++) await ta.login(u.username, 'Wrong-Password-x1');
    expect((await ta.login(u.username, PASSWORD)).statusCode).toBe(423);
    const sec = await ta.signIn(await ta.createUser('secAdmin'));
    const res = await ta.call(sec, 'POST', `/api/users/${u.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect((await ta.login(u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const u = await ta.createUser('viewer');
    await ta.t.pool.query('update app_user set active = false where id = $1', [u.id]);
    const res = await ta.login(u.username, PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('treats SQL-injection strings as plain data', async () => {
    for (const evil of [`' or '1'='1`, `admin'--`, `x'; drop table app_user; --`]) {
      const res = await ta.login(evil, evil);
      expect([401, 423]).toContain(res.statusCode);
    }
    expect((await ta.t.pool.query('select count(*)::int n from app_user')).rows[0].n).toBeGreaterThan(0);
  });

  it('rejects a login without the anti-CSRF header', async () => {
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('names the field in a validation error', async () => {
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'bianban' },
      payload: { username: '', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().message).toMatch(/username.*请输入用户名/);
  });
});

describe('sessions', () => {
  it('requires the CSRF token on state-changing requests, and refuses a forged one', async () => {
    const s = await ta.signIn(await ta.createUser('viewer'));
    const none = await ta.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_FAILED');
    const forged = await ta.call({ ...s, csrf: 'forged-token-value-000000000000' }, 'POST', '/api/auth/logout');
    expect(forged.json().code).toBe('CSRF_FAILED');
    expect((await ta.call(s, 'GET', '/api/auth/session')).statusCode).toBe(200);
  });

  it('ends the session on the server at logout', async () => {
    const s = await ta.signIn(await ta.createUser('viewer'));
    expect((await ta.call(s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    const after = await ta.call(s, 'GET', '/api/auth/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_EXPIRED');
  });

  it('expires after 30 idle minutes for users and 15 for administrators', async () => {
    const user = await ta.signIn(await ta.createUser('viewer'));
    const admin = await ta.signIn(await ta.createUser('sysAdmin'));
    await ta.t.pool.query(`update session set last_seen_at = now() - interval '16 minutes'`);
    expect((await ta.call(user, 'GET', '/api/auth/session')).statusCode).toBe(200);
    const a = await ta.call(admin, 'GET', '/api/auth/session');
    expect(a.statusCode).toBe(401);
    expect(a.json().code).toBe('SESSION_EXPIRED');
    await ta.t.pool.query(`update session set last_seen_at = now() - interval '31 minutes'`);
    expect((await ta.call(user, 'GET', '/api/auth/session')).json().code).toBe('SESSION_EXPIRED');
    const ended = await ta.t.pool.query(
      `select end_reason from session where ended_at is not null and end_reason = 'idle'`,
    );
    expect(ended.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('expires 12 hours after sign-in however active', async () => {
    const s = await ta.signIn(await ta.createUser('viewer'));
    await ta.t.pool.query(`update session set expires_at = now() - interval '1 second' where ended_at is null`);
    expect((await ta.call(s, 'GET', '/api/auth/session')).json().code).toBe('SESSION_EXPIRED');
  });

  it('answers an unknown cookie with UNAUTHENTICATED', async () => {
    const res = await ta.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'bb_session=not-a-real-token' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('passwords', () => {
  it('forces an initial password to be changed before anything else', async () => {
    const u = await ta.createUser('viewer', { mustChange: true });
    const s = await ta.signIn(u);
    expect(s.info.state).toBe('passwordChange');
    expect(s.info.passwordChangeReason).toBe('initial');
    const blocked = await ta.call(s, 'GET', '/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const ok = await ta.call(s, 'POST', '/api/auth/password', {
      oldPassword: PASSWORD,
      newPassword: 'Fresh-Start-2026',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('active');
    expect((await ta.call(s, 'GET', '/api/units')).statusCode).toBe(200);
  });

  it('applies every rule of the policy and names each failure', async () => {
    const u = await ta.createUser('viewer', { username: 'zhangsan' });
    const s = await ta.signIn(u);
    const cases: [string, RegExp][] = [
      ['Short-1a', /长度不足/],
      ['alllowercaseletters', /字符种类不足/],
      ['Zhangsan-2026-x', /用户名/],
      ['Password123!', /常见弱密码/],
      [PASSWORD, /最近5次/],
    ];
    for (const [pw, rule] of cases) {
      const res = await ta.call(s, 'POST', '/api/auth/password', { oldPassword: PASSWORD, newPassword: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(res.json().code).toBe('PASSWORD_POLICY');
      expect(res.json().message).toMatch(rule);
      expect(Array.isArray(res.json().details)).toBe(true);
    }
    const wrongOld = await ta.call(s, 'POST', '/api/auth/password', {
      oldPassword: 'not-it',
      newPassword: 'Fresh-Start-2026',
    });
    expect(wrongOld.json().code).toBe('PASSWORD_WRONG');
  });

  it('refuses any of the last 5 passwords', async () => {
    const u = await ta.createUser('viewer');
    const s = await ta.signIn(u);
    const seq = ['Rotation-One-11', 'Rotation-Two-22', 'Rotation-Three-33', 'Rotation-Four-44', 'Rotation-Five-55'];
    let current = PASSWORD;
    for (const next of seq) {
      const r = await ta.call(s, 'POST', '/api/auth/password', { oldPassword: current, newPassword: next });
      expect(r.statusCode, next).toBe(200);
      current = next;
    }
    // PASSWORD was 6 changes ago... it is the 6th most recent now, so it is allowed; the 2nd is not.
    const reuse = await ta.call(s, 'POST', '/api/auth/password', {
      oldPassword: current,
      newPassword: 'Rotation-Two-22',
    });
    expect(reuse.json().message).toMatch(/最近5次/);
    const old = await ta.call(s, 'POST', '/api/auth/password', { oldPassword: current, newPassword: PASSWORD });
    expect(old.statusCode).toBe(200);
  });

  it('expires a password after 90 days', async () => {
    const u = await ta.createUser('viewer');
    await ta.t.pool.query(`update app_user set password_changed_at = now() - interval '91 days' where id = $1`, [u.id]);
    const s = await ta.signIn(u);
    expect(s.info.state).toBe('passwordChange');
    expect(s.info.passwordChangeReason).toBe('expired');
  });

  it('ends the user’s other sessions when the password changes', async () => {
    const u = await ta.createUser('viewer');
    const first = await ta.signIn(u);
    const second = await ta.signIn(u);
    await ta.call(second, 'POST', '/api/auth/password', { oldPassword: PASSWORD, newPassword: 'Another-Secret-77' });
    expect((await ta.call(first, 'GET', '/api/auth/session')).json().code).toBe('SESSION_EXPIRED');
    expect((await ta.call(second, 'GET', '/api/auth/session')).statusCode).toBe(200);
  });
});

describe('TOTP for administrators', () => {
  it('requires enrolment, then verification at every sign-in, and refuses a replayed code', async () => {
    const admin = await ta.createUser('auditAdmin', { totp: false });
    const s = await ta.signIn(admin);
    expect(s.info.state).toBe('mfaEnroll');
    expect((await ta.call(s, 'GET', '/api/audit')).json().code).toBe('MFA_ENROLL_REQUIRED');
    const enrol = await ta.call(s, 'POST', '/api/auth/totp/enroll');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = enrol.json();
    expect(otpauthUri).toContain(secret);
    expect(qrSvg).toMatch(/^<svg/);
    const bad = await ta.call(s, 'POST', '/api/auth/totp/confirm', {
      code: '000000' === ta.totpNow(secret) ? '111111' : '000000',
    });
    expect(bad.json().code).toBe('MFA_INVALID');
    const code = ta.totpNow(secret);
    const ok = await ta.call(s, 'POST', '/api/auth/totp/confirm', { code });
    expect(ok.json().state).toBe('active');
    expect((await ta.call(s, 'GET', '/api/audit')).statusCode).toBe(200);

    const again = await ta.login(admin.username, PASSWORD);
    expect(again.json().state).toBe('mfaVerify');
    const s2 = {
      cookie: `bb_session=${again.cookies.find((c) => c.name === 'bb_session')!.value}`,
      csrf: again.json().csrfToken,
      info: again.json(),
    };
    expect((await ta.call(s2, 'GET', '/api/audit')).json().code).toBe('MFA_REQUIRED');
    const replay = await ta.call(s2, 'POST', '/api/auth/totp/verify', { code });
    expect(replay.json().code).toBe('MFA_INVALID');
    const next = await ta.call(s2, 'POST', '/api/auth/totp/verify', { code: ta.totpNow(secret, 1) });
    expect(next.json().state).toBe('active');
  });

  it('counts wrong codes towards the lockout', async () => {
    const admin = await ta.createUser('secAdmin');
    const s = await ta.signIn({ ...admin, totpSecret: null });
    expect(s.info.state).toBe('mfaVerify');
    const wrong = ta.totpNow(admin.totpSecret!) === '123456' ? '654321' : '123456';
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await ta.call(s, 'POST', '/api/auth/totp/verify', { code: wrong })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    expect((await ta.login(admin.username, PASSWORD)).statusCode).toBe(423);
  });
});
