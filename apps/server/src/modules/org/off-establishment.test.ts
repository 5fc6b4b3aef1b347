import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let seq = 1;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
});
afterAll(() => ta.close());

async function apply(items: unknown[], date: string) {
  const d = (
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2025〕外${seq++}号`,
      docDate: date,
      effectiveDate: date,
      approvingBody: '区委编委',
      title: '核定编外用工控制数',
      items,
    })
  ).json();
  await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
  await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
  return ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`);
}

describe('off-establishment staff (编外用工)', () => {
  it('caps come from decisions; reports over the cap are accepted and flagged; figures roll up cap, actual and over', async () => {
    const d = await apply(
      [
        { kind: 'offCap', target: { unitId: ta.units.finance }, cap: 3 },
        { kind: 'offCap', target: { unitId: ta.units.financeSub }, cap: 2 },
      ],
      '2025-01-01',
    );
    expect(d.statusCode, d.body).toBe(200);
    const ok = await ta.call(staff, 'POST', '/api/off-establishment/reports', {
      unitId: ta.units.finance,
      asOf: '2025-03-31',
      count: 2,
    });
    expect(ok.json()).toMatchObject({ count: 2, cap: 3, over: 0 });
    const over = await ta.call(staff, 'POST', '/api/off-establishment/reports', {
      unitId: ta.units.financeSub,
      asOf: '2025-03-31',
      count: 5,
    });
    expect(over.json()).toMatchObject({ count: 5, cap: 2, over: 3 });
    const f = (await ta.call(staff, 'GET', `/api/figures?unitId=${ta.units.finance}&asOf=2025-06-30`)).json();
    expect(f.offEstablishment).toEqual({ cap: 5, actual: 7, over: 3, unitsOverCap: 1 });
    // Before the reports, the actual is unknown (0); before the decision, there is no cap.
    expect(
      (await ta.call(staff, 'GET', `/api/figures?unitId=${ta.units.finance}&asOf=2024-12-31`)).json().offEstablishment,
    ).toEqual({ cap: 0, actual: 0, over: 0, unitsOverCap: 0 });
    // A later report for the same date replaces the earlier one, audited with before/after.
    await ta.call(staff, 'POST', '/api/off-establishment/reports', {
      unitId: ta.units.financeSub,
      asOf: '2025-03-31',
      count: 2,
    });
    expect(
      (await ta.call(staff, 'GET', `/api/figures?unitId=${ta.units.finance}&asOf=2025-06-30`)).json().offEstablishment
        .over,
    ).toBe(0);
    const audit = await ta.t.pool.query(
      `select before, after from audit_log where action = 'offEstablishment.report' order by seq desc limit 1`,
    );
    expect(audit.rows[0]).toMatchObject({ before: { count: 5 }, after: { count: 2, cap: 2 } });
    const list = (await ta.call(staff, 'GET', `/api/off-establishment/reports?unitId=${ta.units.financeSub}`)).json();
    expect(list.items).toHaveLength(1);
  });

  it('the decision preview shows the cap before → after', async () => {
    const d = (
      await ta.call(staff, 'POST', '/api/decisions', {
        docNumber: `西编〔2025〕外${seq++}号`,
        docDate: '2025-07-01',
        effectiveDate: '2025-07-01',
        approvingBody: '区委编委',
        title: '调整',
        items: [{ kind: 'offCap', target: { unitId: ta.units.finance }, cap: 6 }],
      })
    ).json();
    const p = (await ta.call(staff, 'GET', `/api/decisions/${d.id}/preview`)).json();
    expect(p.quotaEffects).toEqual([
      { unitId: ta.units.finance, unitName: '区财政局', type: 'offCap', label: '编外用工控制数', before: 3, after: 6 },
    ]);
  });

  it('a department reporter reports for its own units only; a negative count names the field', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    expect(
      (
        await ta.call(reporter, 'POST', '/api/off-establishment/reports', {
          unitId: ta.units.financeSub,
          asOf: '2025-09-30',
          count: 1,
        })
      ).statusCode,
    ).toBe(200);
    const out = await ta.call(reporter, 'POST', '/api/off-establishment/reports', {
      unitId: ta.units.office,
      asOf: '2025-09-30',
      count: 1,
    });
    expect(out.json().code).toBe('OUT_OF_SCOPE');
    const neg = await ta.call(reporter, 'POST', '/api/off-establishment/reports', {
      unitId: ta.units.financeSub,
      asOf: '2025-09-30',
      count: -1,
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().message).toMatch(/count.*人数不能为负/);
    const viewer = await ta.signIn(await ta.createUser('viewer'));
    expect(
      (
        await ta.call(viewer, 'POST', '/api/off-establishment/reports', {
          unitId: ta.units.finance,
          asOf: '2025-09-30',
          count: 1,
        })
      ).statusCode,
    ).toBe(403);
  });
});
