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
function decision(items: DecisionBodyT['items'], effectiveDate = '2024-01-01'): DecisionBodyT {
  return {
    docNumber: `西编〔2024〕${++docSeq}号`,
    docDate: effectiveDate,
    effectiveDate,
    approvingBody: '区委编委',
    title: '测试事项',
    items,
  };
}

/** Drafts, submits, approves and applies; returns the applied decision (or the failing response). */
async function pass(body: DecisionBodyT) {
  const d = await ta.call(staff, 'POST', '/api/decisions', body);
  expect(d.statusCode, d.body).toBe(200);
  const id = d.json().id;
  const sub = await ta.call(staff, 'POST', `/api/decisions/${id}/submit`);
  if (sub.statusCode !== 200) return sub;
  const app = await ta.call(leader, 'POST', `/api/decisions/${id}/approve`);
  if (app.statusCode !== 200) return app;
  return ta.call(staff, 'POST', `/api/decisions/${id}/apply`);
}

const figures = async (unitId: string | null, asOf: string) =>
  (await ta.call(staff, 'GET', `/api/figures?asOf=${asOf}${unitId ? `&unitId=${unitId}` : ''}`)).json();

describe('establishment decisions', () => {
  it('creates a unit with establishment, then changes it; figures are exact for every date', async () => {
    const created = await pass(
      decision([
        {
          kind: 'createUnit',
          ref: 'centre',
          parent: { unitId: ta.units.office },
          attributes: {
            name: '区机构编制电子政务中心',
            kind: 'publicInstitution',
            category: 'publicWelfare1',
            fundingForm: 'full',
          },
        },
        { kind: 'quota', target: { unitRef: 'centre' }, type: 'institutionalFull', delta: 5 },
        { kind: 'posts', target: { unitRef: 'centre' }, level: 'principal', delta: 1 },
        { kind: 'quota', target: { unitId: ta.units.office }, type: 'administrative', delta: 4 },
      ]),
    );
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().state).toBe('applied');
    const tree = (await ta.call(staff, 'GET', '/api/units')).json();
    const office = tree.roots
      .find((r: { name: string }) => r.name === '区委')
      .children.find((c: { name: string }) => c.name === '区委编办');
    const centre = office.children.find((c: { name: string }) => c.name === '区机构编制电子政务中心');
    expect(centre).toBeTruthy();

    // A later decision adds 2 and renames.
    const more = await pass(
      decision(
        [
          { kind: 'quota', target: { unitId: centre.id }, type: 'institutionalFull', delta: 2 },
          { kind: 'rename', target: { unitId: centre.id }, name: '区机构编制信息中心' },
        ],
        '2024-07-01',
      ),
    );
    expect(more.statusCode, more.body).toBe(200);

    expect((await figures(centre.id, '2023-12-31')).total.approved).toBe(0);
    expect((await figures(centre.id, '2024-03-01')).establishment).toEqual([
      { type: 'institutionalFull', label: '事业编制（全额拨款）', approved: 5, actual: 0, vacancy: 5, over: 0 },
    ]);
    expect((await figures(centre.id, '2024-07-01')).total.approved).toBe(7);
    // The office's subtree adds its own 4 行政 to the centre's 7 事业.
    const sub = await figures(ta.units.office, '2024-12-31');
    expect(sub.total).toMatchObject({ approved: 11, actual: 0, vacancy: 11 });
    const yoy = (
      await ta.call(staff, 'GET', `/api/figures?unitId=${centre.id}&asOf=2024-12-31&compareTo=2024-03-01`)
    ).json();
    expect(yoy.compare.total.approved).toBe(5);
    expect(yoy.total.approved).toBe(7);
  });

  it('refuses a decision effective before history already applied', async () => {
    const res = await pass(
      decision(
        [{ kind: 'quota', target: { unitId: ta.units.finance }, type: 'administrative', delta: 1 }],
        '2023-06-01',
      ),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RULE_VIOLATION');
    expect(res.json().message).toMatch(/按日期顺序/);
  });

  it('refuses a negative quota and a cut of posts below the leaders in office, naming the rule', async () => {
    const neg = await pass(
      decision([{ kind: 'quota', target: { unitId: ta.units.finance }, type: 'worker', delta: -1 }], '2024-08-01'),
    );
    expect(neg.json().details.map((v: { rule: string }) => v.rule)).toEqual(['QUOTA_NEGATIVE']);
  });

  it('keeps region totals within the control unless the decision raises it', async () => {
    expect(
      (await pass(decision([{ kind: 'control', control: 'administrative', delta: 10 }], '2024-08-01'))).statusCode,
    ).toBe(200);
    // 4 行政 already approved (office); +7 would make 11 > 10.
    const over = await pass(
      decision(
        [{ kind: 'quota', target: { unitId: ta.units.finance }, type: 'administrative', delta: 7 }],
        '2024-08-01',
      ),
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().details[0]).toMatchObject({ rule: 'CONTROL_EXCEEDED' });
    expect(over.json().message).toMatch(/超过总量控制数10名/);
    const raised = await pass(
      decision(
        [
          { kind: 'control', control: 'administrative', delta: 1 },
          { kind: 'quota', target: { unitId: ta.units.finance }, type: 'administrative', delta: 7 },
        ],
        '2024-08-01',
      ),
    );
    expect(raised.statusCode, raised.body).toBe(200);
  });

  it('caps the number of organs', async () => {
    expect((await pass(decision([{ kind: 'control', control: 'organCap', delta: 4 }], '2024-08-02'))).statusCode).toBe(
      200,
    );
    const res = await pass(
      decision(
        [{ kind: 'createUnit', ref: 'x', parent: null, attributes: { name: '区新设机关', kind: 'organ' } }],
        '2024-08-02',
      ),
    );
    expect(res.json().details[0].rule).toBe('ORGAN_CAP_EXCEEDED');
  });

  it('refuses moving a unit under its own descendant', async () => {
    const res = await pass(
      decision(
        [{ kind: 'move', target: { unitId: ta.units.office }, parent: { unitId: ta.units.section } }],
        '2024-08-02',
      ),
    );
    expect(res.json().details[0].rule).toBe('MOVE_CYCLE');
  });

  it('only the office leader approves; an applied decision cannot be edited or applied twice', async () => {
    const d = (
      await ta.call(
        staff,
        'POST',
        '/api/decisions',
        decision(
          [{ kind: 'nameplate', target: { unitId: ta.units.finance }, name: '区国资办', action: 'add' }],
          '2024-08-03',
        ),
      )
    ).json();
    await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
    expect((await ta.call(staff, 'POST', `/api/decisions/${d.id}/approve`)).statusCode).toBe(403);
    expect((await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`)).json().code).toBe('STATE_CONFLICT');
    await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
    const preview = (await ta.call(staff, 'GET', `/api/decisions/${d.id}/preview`)).json();
    expect(preview.unitChanges[0].change).toMatch(/区国资办/);
    expect((await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`)).statusCode).toBe(200);
    expect((await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`)).json().code).toBe('STATE_CONFLICT');
    expect(
      (
        await ta.call(
          staff,
          'PUT',
          `/api/decisions/${d.id}`,
          decision([{ kind: 'control', control: 'worker', delta: 1 }]),
        )
      ).json().code,
    ).toBe('STATE_CONFLICT');
    const dupPlate = await pass(
      decision(
        [{ kind: 'nameplate', target: { unitId: ta.units.finance }, name: '区国资办', action: 'add' }],
        '2024-08-03',
      ),
    );
    expect(dupPlate.json().details[0].rule).toBe('NAMEPLATE_DUPLICATE');
  });

  it('a department reporter, limited to one subtree, cannot read the region-wide decisions', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    expect((await ta.call(reporter, 'GET', '/api/decisions')).statusCode).toBe(403);
    // …but reads the figures of its own subtree, and no other.
    expect((await ta.call(reporter, 'GET', '/api/figures')).json().unitName).toBe('区财政局');
    expect((await ta.call(reporter, 'GET', `/api/figures?unitId=${ta.units.office}`)).json().code).toBe('OUT_OF_SCOPE');
  });

  it('rejects a malformed item naming the field', async () => {
    const res = await ta.call(
      staff,
      'POST',
      '/api/decisions',
      decision([{ kind: 'quota', target: { unitId: ta.units.finance }, type: 'nonsense' as never, delta: 1 }]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/编制类型不正确/);
  });
});
