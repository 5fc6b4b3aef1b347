import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { DEFAULT_SETTINGS } from './settings.service.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

describe('settings', () => {
  it('the system administrator changes the lockout threshold, audited, and it applies', async () => {
    const sys = await ta.signIn(await ta.createUser('sysAdmin'));
    expect((await ta.call(sys, 'GET', '/api/settings')).json()).toEqual(DEFAULT_SETTINGS);
    const res = await ta.call(sys, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS, lockoutThreshold: 3 });
    expect(res.statusCode).toBe(200);
    const row = (await ta.t.pool.query(`select before, after from audit_log where action = 'settings.update'`)).rows[0];
    expect(row.before.lockoutThreshold).toBe(5);
    expect(row.after.lockoutThreshold).toBe(3);
    const u = await ta.createUser('viewer');
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await ta.login(u.username, 'Wrong-Password-9')).statusCode);
    expect(codes).toEqual([401, 401, 423]);
  });

  it('refuses values outside the 等保 limits, naming the field', async () => {
    const sys = await ta.signIn(await ta.createUser('sysAdmin'));
    const res = await ta.call(sys, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS, adminIdleTimeoutMinutes: 60 });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/adminIdleTimeoutMinutes.*15分钟/);
  });
});
