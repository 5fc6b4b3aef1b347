import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../test/db.js';
import { appendAudit, verifyAuditChain, type Actor } from './audit.service.js';

const actor: Actor = {
  userId: null,
  username: 'tester',
  role: 'sysAdmin',
  ip: '127.0.0.1',
  requestId: 'r1',
  regionCode: '510403',
};
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('chains rows and verifies', async () => {
    for (let i = 0; i < 5; i++) {
      await t.db.transaction((tx) =>
        appendAudit(tx, t.keys.audit, actor, {
          action: 'test.write',
          objectType: 'thing',
          objectId: String(i),
          after: { i, citizenId: '510402199001011234' },
        }),
      );
    }
    const res = await verifyAuditChain(t.db, t.keys.audit);
    expect(res).toMatchObject({ ok: true, checked: 5, firstBadSeq: null });
    const rows = await t.pool.query('select after from audit_log order by seq');
    expect(rows.rows[0].after.citizenId).toBe('5104**********1234');
  });

  it('concurrent writers still form one valid chain', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++)
            await t.db.transaction((tx) =>
              appendAudit(tx, t.keys.audit, actor, { action: 'test.concurrent', objectId: `${w}-${i}` }),
            );
        })(),
      ),
    );
    const res = await verifyAuditChain(t.db, t.keys.audit);
    expect(res).toMatchObject({ ok: true, checked: 85 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.pool.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.pool.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.pool.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
  });

  it('a failing audit write fails the change it records', async () => {
    await t.pool.query(`create table if not exists thing (id int primary key)`);
    const before = await verifyAuditChain(t.db, t.keys.audit);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`insert into thing values (1)`);
        // an action longer than nothing is fine; force a failure with an invalid region code (char(6) overflow)
        await appendAudit(tx, t.keys.audit, { ...actor, regionCode: 'TOO-LONG-REGION' }, { action: 'thing.create' });
      }),
    ).rejects.toThrow();
    expect((await t.pool.query('select count(*)::int n from thing')).rows[0].n).toBe(0);
    expect((await verifyAuditChain(t.db, t.keys.audit)).checked).toBe(before.checked);
  });

  it('names the first tampered row', async () => {
    // Tamper as a superuser would: disable the trigger, rewrite row 3, re-enable.
    await t.pool.query(`alter table audit_log disable trigger audit_log_no_update_delete`);
    await t.pool.query(`update audit_log set object_id = 'forged' where seq = 3`);
    await t.pool.query(`alter table audit_log enable trigger audit_log_no_update_delete`);
    const res = await verifyAuditChain(t.db, t.keys.audit);
    expect(res.ok).toBe(false);
    expect(res.firstBadSeq).toBe('3');
    expect(res.reason).toMatch(/篡改/);
  });

  it('detects a deleted row', async () => {
    await t.pool.query(`alter table audit_log disable trigger audit_log_no_update_delete`);
    await t.pool.query(`update audit_log set object_id = '2' where seq = 3`); // undo the forgery first
    await t.pool.query(`delete from audit_log where seq = 2`);
    await t.pool.query(`alter table audit_log enable trigger audit_log_no_update_delete`);
    const res = await verifyAuditChain(t.db, t.keys.audit);
    expect(res.firstBadSeq).toBe('3');
    expect(res.reason).toMatch(/删除/);
  });

  it('a wrong key fails verification at the first row', async () => {
    const res = await verifyAuditChain(t.db, Buffer.alloc(32, 7));
    expect(res.firstBadSeq).toBe('1');
  });
});
