import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionBodyT } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
});
afterAll(() => ta.close());

let docSeq = 0;
/** Drafts, submits, approves and applies a decision; returns its id and 文号. */
async function pass(items: DecisionBodyT['items'], effectiveDate: string, title: string) {
  const docNumber = `西编〔2024〕沿${++docSeq}号`;
  const d = await ta.call(staff, 'POST', '/api/decisions', {
    docNumber,
    docDate: effectiveDate,
    effectiveDate,
    approvingBody: '区委编委',
    title,
    items,
  });
  expect(d.statusCode, d.body).toBe(200);
  const id: string = d.json().id;
  expect((await ta.call(staff, 'POST', `/api/decisions/${id}/submit`)).statusCode).toBe(200);
  expect((await ta.call(leader, 'POST', `/api/decisions/${id}/approve`)).statusCode).toBe(200);
  const applied = await ta.call(staff, 'POST', `/api/decisions/${id}/apply`);
  expect(applied.statusCode, applied.body).toBe(200);
  return { id, docNumber, title, approvingBody: '区委编委' };
}

const history = async (s: Session, unitId: string) => ta.call(s, 'GET', `/api/units/${unitId}/history`);

describe('unit history (沿革)', () => {
  let centreId = '';
  let d1: Awaited<ReturnType<typeof pass>>;
  let d2: Awaited<ReturnType<typeof pass>>;
  let d3: Awaited<ReturnType<typeof pass>>;

  it('groups what each decision changed for the unit on its effective date, newest first', async () => {
    d1 = await pass(
      [
        {
          kind: 'createUnit',
          ref: 'centre',
          parent: { unitId: ta.units.office },
          attributes: { name: '区机构编制电子政务中心', kind: 'publicInstitution', fundingForm: 'full' },
        },
        { kind: 'quota', target: { unitRef: 'centre' }, type: 'institutionalFull', delta: 5 },
        { kind: 'posts', target: { unitRef: 'centre' }, level: 'principal', delta: 1 },
      ],
      '2024-01-01',
      '设立区机构编制电子政务中心',
    );
    const tree = (await ta.call(staff, 'GET', '/api/units')).json();
    const office = tree.roots
      .find((r: { name: string }) => r.name === '区委')
      .children.find((c: { name: string }) => c.name === '区委编办');
    centreId = office.children.find((c: { name: string }) => c.name === '区机构编制电子政务中心').id;

    d2 = await pass(
      [
        { kind: 'quota', target: { unitId: centreId }, type: 'institutionalFull', delta: 2 },
        { kind: 'rename', target: { unitId: centreId }, name: '区机构编制信息中心' },
        { kind: 'posts', target: { unitId: centreId }, level: 'principal', delta: 1 },
        { kind: 'offCap', target: { unitId: centreId }, cap: 3 },
      ],
      '2024-07-01',
      '调整区机构编制电子政务中心',
    );
    d3 = await pass(
      [{ kind: 'nameplate', target: { unitId: centreId }, name: '区数据服务中心', action: 'add' }],
      '2024-09-01',
      '加挂牌子',
    );

    const res = await history(staff, centreId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({
      id: centreId,
      name: '区机构编制信息中心',
      kind: 'publicInstitution',
      fundingForm: 'full',
      nameplates: ['区数据服务中心'],
      status: 'active',
      parentId: ta.units.office,
      parentName: '区委编办',
    });
    expect(body.events).toEqual([
      { date: '2024-09-01', decision: d3, changes: ['加挂牌子“区数据服务中心”'] },
      {
        date: '2024-07-01',
        decision: d2,
        changes: [
          '更名 区机构编制电子政务中心 → 区机构编制信息中心',
          '事业编制（全额拨款） 5 → 7',
          '正职领导职数 1 → 2',
          '编外用工控制数 0 → 3',
        ],
      },
      {
        date: '2024-01-01',
        decision: d1,
        changes: ['设立（隶属 区委编办）', '事业编制（全额拨款） 0 → 5', '正职领导职数 0 → 1'],
      },
    ]);
  });

  it('a revocation takes back the establishment, attributed to the revoking decision', async () => {
    const d4 = await pass(
      [{ kind: 'revoke', target: { unitId: centreId }, reassignTo: null }],
      '2024-12-01',
      '撤销区机构编制信息中心',
    );
    const body = (await history(staff, centreId)).json();
    expect(body.unit.status).toBe('revoked');
    expect(body.events[0]).toEqual({
      date: '2024-12-01',
      decision: d4,
      changes: ['撤销', '事业编制（全额拨款） 7 → 0', '正职领导职数 2 → 0', '编外用工控制数 3 → 0'],
    });
    expect(body.events).toHaveLength(4);
  });

  it('checks the data scope', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    const out = await history(reporter, centreId);
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('OUT_OF_SCOPE');
    const own = await history(reporter, ta.units.finance);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ unit: { name: '区财政局', parentName: '区政府' }, events: [] });
    expect((await history(staff, '00000000-0000-4000-8000-000000000000')).json().code).toBe('NOT_FOUND');
  });
});
