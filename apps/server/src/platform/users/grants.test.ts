import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { roleConflict } from './users.service.js';

let ta: TestApp;
let sec: Session;
let sys: Session;
let audit: Session;
beforeAll(async () => {
  ta = await createTestApp();
  sec = await ta.signIn(await ta.createUser('secAdmin'));
  sys = await ta.signIn(await ta.createUser('sysAdmin'));
  audit = await ta.signIn(await ta.createUser('auditAdmin'));
});
afterAll(() => ta.close());

describe('三员分立', () => {
  it('the pure rule names each conflict', () => {
    expect(roleConflict(['sysAdmin', 'secAdmin'])).toMatch(/不得由同一账户兼任/);
    expect(roleConflict(['auditAdmin', 'viewer'])).toMatch(/不得兼任业务角色/);
    expect(roleConflict(['officeStaff', 'officeLeader'])).toBeNull();
  });

  it('refuses to grant two administrator roles, or an administrator role with a business role', async () => {
    const u = await ta.createUser(null);
    const two = await ta.call(sec, 'PUT', `/api/users/${u.id}/grants`, {
      roles: ['sysAdmin', 'auditAdmin'],
      scopeUnitId: null,
    });
    expect(two.statusCode).toBe(409);
    expect(two.json().code).toBe('ROLE_CONFLICT');
    const mixed = await ta.call(sec, 'PUT', `/api/users/${u.id}/grants`, {
      roles: ['secAdmin', 'officeStaff'],
      scopeUnitId: null,
    });
    expect(mixed.json().code).toBe('ROLE_CONFLICT');
    const roles = await ta.t.pool.query('select role from user_role where user_id = $1', [u.id]);
    expect(roles.rowCount).toBe(0);
  });

  it('the database itself refuses a second administrator role', async () => {
    const u = await ta.createUser('sysAdmin');
    await expect(
      ta.t.pool.query(`insert into user_role (user_id, role, region_code) values ($1, 'auditAdmin', '510403')`, [u.id]),
    ).rejects.toThrow(/user_role_one_admin_role_uq/);
  });

  it('a security administrator cannot grant to themselves', async () => {
    const res = await ta.call(sec, 'PUT', `/api/users/${sec.info.user.id}/grants`, {
      roles: ['secAdmin'],
      scopeUnitId: ta.units.office,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/不能为自己授权/);
  });

  it('grants take effect at once: the target’s sessions end, and the change is audited with before/after', async () => {
    const u = await ta.createUser('viewer');
    const s = await ta.signIn(u);
    const res = await ta.call(sec, 'PUT', `/api/users/${u.id}/grants`, { roles: ['officeStaff'], scopeUnitId: null });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['officeStaff']);
    expect((await ta.call(s, 'GET', '/api/auth/session')).json().code).toBe('SESSION_EXPIRED');
    const row = (
      await ta.t.pool.query(`select before, after from audit_log where action = 'grant.update' and object_id = $1`, [
        u.id,
      ])
    ).rows[0];
    expect(row.before.roles).toEqual(['viewer']);
    expect(row.after.roles).toEqual(['officeStaff']);
  });

  it('a department reporter needs a scope unit in the region', async () => {
    const u = await ta.createUser(null);
    const none = await ta.call(sec, 'PUT', `/api/users/${u.id}/grants`, { roles: ['deptReporter'], scopeUnitId: null });
    expect(none.json().message).toMatch(/数据范围/);
    const bogus = await ta.call(sec, 'PUT', `/api/users/${u.id}/grants`, {
      roles: ['deptReporter'],
      scopeUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bogus.json().code).toBe('VALIDATION_FAILED');
  });

  it('the system administrator manages accounts but reads no business data, grants or audit', async () => {
    expect((await ta.call(sys, 'GET', '/api/users')).statusCode).toBe(200);
    for (const url of ['/api/units', '/api/audit', '/api/roles']) {
      const res = await ta.call(sys, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const u = await ta.createUser('viewer');
    expect(
      (await ta.call(sys, 'PUT', `/api/users/${u.id}/grants`, { roles: ['officeLeader'], scopeUnitId: null }))
        .statusCode,
    ).toBe(403);
  });

  it('the security administrator reads only the system administrator’s audit rows; the audit administrator reads all, and only audit', async () => {
    await ta.call(sys, 'POST', '/api/users', { username: 'madebysys', displayName: '系统建' });
    const secRows = (await ta.call(sec, 'GET', '/api/audit?pageSize=200')).json().items as {
      role: string;
      action: string;
    }[];
    expect(secRows.length).toBeGreaterThan(0);
    expect(secRows.every((r) => r.role === 'sysAdmin')).toBe(true);
    expect(secRows.some((r) => r.action === 'user.create')).toBe(true);
    const all = (await ta.call(audit, 'GET', '/api/audit?pageSize=200')).json().items as { role: string | null }[];
    expect(new Set(all.map((r) => r.role)).size).toBeGreaterThan(1);
    expect((await ta.call(audit, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await ta.call(audit, 'GET', '/api/units')).statusCode).toBe(403);
  });

  it('denied access is audited', async () => {
    await ta.call(audit, 'GET', '/api/settings');
    const rows = await ta.t.pool.query(
      `select result, object_id from audit_log where action = 'access.denied' and object_id = 'GET /api/settings'`,
    );
    expect(rows.rows[0]?.result).toBe('denied');
  });
});

describe('accounts', () => {
  it('creates an account with a generated policy-compliant password that must be changed', async () => {
    const res = await ta.call(sys, 'POST', '/api/users', { username: 'newcomer', displayName: '新同事' });
    expect(res.statusCode).toBe(200);
    const { initialPassword, user } = res.json();
    expect(initialPassword).toMatch(/^.{16}$/);
    expect(user.actions).toEqual({ update: true, resetPassword: true, unlock: false, grant: false });
    const login = await ta.login('newcomer', initialPassword);
    expect(login.json().state).toBe('passwordChange');
    const dup = await ta.call(sys, 'POST', '/api/users', { username: 'NewComer', displayName: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toMatch(/已存在/);
  });

  it('rejects a malformed username naming the field, and keeps injection strings as data', async () => {
    const bad = await ta.call(sys, 'POST', '/api/users', { username: "x'; drop table app_user;--", displayName: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/username/);
    const search = await ta.call(sys, 'GET', `/api/users?q=${encodeURIComponent("%' or 1=1 --")}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
  });

  it('disabling an account ends its sessions; resetting a password forces a change', async () => {
    const u = await ta.createUser('viewer');
    const s = await ta.signIn(u);
    expect((await ta.call(sys, 'PATCH', `/api/users/${u.id}`, { active: false })).json().active).toBe(false);
    expect((await ta.call(s, 'GET', '/api/auth/session')).statusCode).toBe(401);
    await ta.call(sys, 'PATCH', `/api/users/${u.id}`, { active: true });
    const reset = await ta.call(sys, 'POST', `/api/users/${u.id}/reset-password`);
    expect((await ta.login(u.username, reset.json().initialPassword)).json().state).toBe('passwordChange');
  });

  it('an administrator cannot disable or reset themselves', async () => {
    expect((await ta.call(sys, 'PATCH', `/api/users/${sys.info.user.id}`, { active: false })).statusCode).toBe(403);
  });
});

describe('data scope', () => {
  it('a department reporter sees only its unit subtree; office staff see the region', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    const tree = (await ta.call(reporter, 'GET', '/api/units')).json();
    expect(tree.roots.map((r: { name: string }) => r.name)).toEqual(['区财政局']);
    expect(tree.roots[0].initials).toBe('qczj'); // searchable by pinyin initials
    expect(tree.roots[0].children.map((r: { name: string }) => r.name)).toEqual(['区财政评审中心']);
    const staff = await ta.signIn(await ta.createUser('officeStaff'));
    const all = (await ta.call(staff, 'GET', '/api/units')).json();
    expect(all.roots.map((r: { name: string }) => r.name).sort()).toEqual(['区委', '区政府'].sort());
  });
});
