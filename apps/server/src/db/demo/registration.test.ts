/**
 * The demo registrations on a fresh database: the county's public institutions on the register
 * with valid 12-prefixed codes and synthetic particulars, three left unregistered, acts in
 * progress with working-day deadlines (one decision overdue, one amendment filed late), and
 * the persons rule standing in the way of the drafted deregistration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUscc } from '../../modules/registration/domain/uscc.js';
import { actDeadline, personsOnEstablishment, todayInChina } from '../../modules/registration/registrations.service.js';
import { registrationAct } from '../schema.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import { loadDemoData } from './index.js';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.transaction((tx) => loadDemoData(tx, t.keys));
}, 180_000);
afterAll(() => t?.close());

describe('演示登记数据', () => {
  it('事业单位已登记，代码有效且为事业单位代码，登记事项标为演示数据', async () => {
    const lp = await t.pool.query<{ uscc: string; synthetic: boolean; certificate_no: string }>(
      `select uscc, synthetic, certificate_no from legal_person where region_code = '510403' and kind = 'institution'`,
    );
    expect(lp.rowCount).toBeGreaterThan(20);
    for (const r of lp.rows) {
      const c = checkUscc(r.uscc);
      expect(c.ok, r.uscc).toBe(true);
      expect(r.uscc.slice(0, 2)).toBe('12');
      expect(r.synthetic).toBe(true);
      expect(r.certificate_no).toMatch(/^事证第510403/);
    }
    const ann = await t.pool.query(
      `select 1 from registration_announcement where region_code = '510403' and kind = 'establish'`,
    );
    expect(ann.rowCount).toBe(lp.rowCount);
    const unregistered = await t.pool.query(
      `select 1 from unit u where u.region_code = '510403' and u.kind = 'publicInstitution' and u.status = 'active'
         and u.parent_id is not null and not exists (select 1 from legal_person l where l.unit_id = u.id)`,
    );
    expect(unregistered.rowCount).toBe(3);
  });

  it('进行中的事项带期限：一件决定逾期，一件逾期申请，一件设立待受理', async () => {
    const acts = await t.db.select().from(registrationAct);
    const open = acts.filter((a) => ['draft', 'submitted', 'accepted'].includes(a.state));
    expect(open).toHaveLength(6);
    const today = todayInChina();
    const deadlines = open.map((a) => actDeadline(a, today));
    expect(deadlines.filter((d) => d?.overdue && d.label === '核准决定期限')).toHaveLength(1);
    expect(open.filter((a) => (a.lateWorkingDays ?? 0) > 0)).toHaveLength(1);
    expect(open.filter((a) => a.kind === 'establish' && a.state === 'submitted')).toHaveLength(1);
    const dereg = open.find((a) => a.kind === 'deregister')!;
    expect(await personsOnEstablishment(t.db, dereg.unitId)).toBeGreaterThan(0);
  });
});
