import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar } from './domain/citizen-id.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let unitId: string;
let otherUnitId: string;
let seq = 100;

/** A valid, distinct citizen ID for a person born in 1990 in 西区 (510403). */
function newId(sex: 'male' | 'female' = 'male'): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104031990${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}${sex === 'male' ? 1 : 2}`;
  return body + citizenIdCheckChar(body);
}

async function registerPerson(name: string) {
  const res = await ta.call(staff, 'POST', '/api/persons', { name, citizenId: newId() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

async function applyDecision(items: unknown[], effectiveDate = '2025-01-01') {
  const d = (
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2025〕${seq++}号`,
      docDate: effectiveDate,
      effectiveDate,
      approvingBody: '区委编委',
      title: '核定编制',
      items,
    })
  ).json();
  await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
  await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
  const res = await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`);
  expect(res.statusCode, res.body).toBe(200);
}

async function approvedPlan(unit: string, count: number, type = 'administrative') {
  const p = (
    await ta.call(staff, 'POST', '/api/use-plans', { unitId: unit, type, count, channel: '公务员招录', year: 2025 })
  ).json();
  const approved = await ta.call(leader, 'POST', `/api/use-plans/${p.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

const enrol = (s: Session, body: Record<string, unknown>) =>
  ta.call(s, 'POST', '/api/roster/enrol', { type: 'administrative', reason: '录用', date: '2025-03-01', ...body });
const rules = (res: { json: () => { details?: { rule: string }[] } }) => (res.json().details ?? []).map((d) => d.rule);

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  await applyDecision([
    { kind: 'createUnit', ref: 'a', parent: null, attributes: { name: '区测试局', kind: 'organ' } },
    { kind: 'quota', target: { unitRef: 'a' }, type: 'administrative', delta: 5 },
    { kind: 'posts', target: { unitRef: 'a' }, level: 'principal', delta: 1 },
    { kind: 'createUnit', ref: 'b', parent: null, attributes: { name: '区另一局', kind: 'organ' } },
    { kind: 'quota', target: { unitRef: 'b' }, type: 'administrative', delta: 1 },
  ]);
  const tree = (await ta.call(staff, 'GET', '/api/units')).json();
  unitId = tree.roots.find((r: { name: string }) => r.name === '区测试局').id;
  otherUnitId = tree.roots.find((r: { name: string }) => r.name === '区另一局').id;
});
afterAll(() => ta.close());

describe('persons', () => {
  it('validates the citizen ID, derives birth date and sex, stores it sealed and shows it masked', async () => {
    const id = newId('female');
    const res = await ta.call(staff, 'POST', '/api/persons', { name: '王芳', citizenId: id });
    expect(res.json()).toMatchObject({
      name: '王芳',
      sex: '2',
      birthDate: `1990-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      citizenId: `${id.slice(0, 4)}**********${id.slice(-4)}`,
    });
    const stored = (
      await ta.t.pool.query('select citizen_id_sealed, citizen_id_index from person where id = $1', [res.json().id])
    ).rows[0];
    expect(stored.citizen_id_sealed).not.toContain(id);
    expect(
      JSON.stringify(await ta.t.pool.query('select before, after from audit_log where action = $1', ['person.create'])),
    ).not.toContain(id);
    const bad = await ta.call(staff, 'POST', '/api/persons', {
      name: '李四',
      citizenId: id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/第18位校验码/);
    const dup = await ta.call(staff, 'POST', '/api/persons', { name: '王芳二', citizenId: id });
    expect(dup.statusCode).toBe(409);
    const mismatch = await ta.call(staff, 'POST', '/api/persons', { name: '赵五', citizenId: newId(), sex: '2' });
    expect(mismatch.json().message).toMatch(/性别/);
  });

  it('reveals the full ID only to the office leader, and audits it', async () => {
    const pid = await registerPerson('钱六');
    expect((await ta.call(staff, 'POST', `/api/persons/${pid}/reveal-citizen-id`)).statusCode).toBe(403);
    const res = await ta.call(leader, 'POST', `/api/persons/${pid}/reveal-citizen-id`);
    expect(res.json().citizenId).toMatch(/^510403\d{11}[\dX]$/);
    const audit = await ta.t.pool.query(
      `select count(*)::int n from audit_log where action = 'person.revealCitizenId' and object_id = $1`,
      [pid],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('enrolment rules', () => {
  it('create 5 行政编制, approve a use plan for 2, enrol 2, see vacancy 3; a third without a plan is refused', async () => {
    const plan = await approvedPlan(unitId, 2);
    expect(plan.noticeNumber).toMatch(/^编核〔2025〕\d+号$/);
    for (const name of ['孙一', '孙二']) {
      const res = await enrol(staff, { personId: await registerPerson(name), unitId, usePlanId: plan.id });
      expect(res.statusCode, res.body).toBe(200);
    }
    const fig = (await ta.call(staff, 'GET', `/api/figures?unitId=${unitId}&asOf=2025-03-01`)).json();
    expect(fig.establishment[0]).toMatchObject({ approved: 5, actual: 2, vacancy: 3 });
    const third = await enrol(staff, { personId: await registerPerson('孙三'), unitId });
    expect(third.statusCode).toBe(409);
    expect(rules(third)).toEqual(['USE_PLAN_REQUIRED']);
    const exhausted = await enrol(staff, { personId: await registerPerson('孙四'), unitId, usePlanId: plan.id });
    expect(rules(exhausted)).toEqual(['USE_PLAN_EXHAUSTED']);
    expect((await ta.call(staff, 'GET', `/api/use-plans?unitId=${unitId}`)).json().items[0]).toMatchObject({
      count: 2,
      consumed: 2,
    });
  });

  it('一人一编: a placed person cannot be enrolled again — and the database refuses it too', async () => {
    const plan = await approvedPlan(unitId, 2);
    const pid = await registerPerson('周一');
    expect((await enrol(staff, { personId: pid, unitId, usePlanId: plan.id })).statusCode).toBe(200);
    const again = await enrol(staff, { personId: pid, unitId, usePlanId: plan.id });
    expect(rules(again)).toContain('ONE_PLACEMENT');
    await expect(
      ta.t.pool.query(
        `insert into placement (region_code, person_id, unit_id, type, valid_from, enrol_reason) values ('510403', $1, $2, 'administrative', '2025-03-02', '录用')`,
        [pid, otherUnitId],
      ),
    ).rejects.toThrow(/placement_one_active_uq/);
  });

  it('no vacancy, wrong plan, unapproved plan', async () => {
    const planB = await approvedPlan(otherUnitId, 3);
    expect(
      (await enrol(staff, { personId: await registerPerson('吴一'), unitId: otherUnitId, usePlanId: planB.id }))
        .statusCode,
    ).toBe(200);
    const full = await enrol(staff, {
      personId: await registerPerson('吴二'),
      unitId: otherUnitId,
      usePlanId: planB.id,
    });
    expect(rules(full)).toEqual(['NO_VACANCY']);
    const wrongUnit = await enrol(staff, { personId: await registerPerson('吴三'), unitId, usePlanId: planB.id });
    expect(rules(wrongUnit)).toContain('USE_PLAN_MISMATCH');
    const draft = (
      await ta.call(staff, 'POST', '/api/use-plans', {
        unitId,
        type: 'administrative',
        count: 1,
        channel: '选调',
        year: 2025,
      })
    ).json();
    const unapproved = await enrol(staff, { personId: await registerPerson('吴四'), unitId, usePlanId: draft.id });
    expect(rules(unapproved)).toContain('USE_PLAN_NOT_APPROVED');
  });

  it('an exception outside any plan needs the office leader, and is recorded', async () => {
    const pid = await registerPerson('郑一');
    const byStaff = await enrol(staff, { personId: pid, unitId, exceptionNote: '军转干部指令性安置' });
    expect(rules(byStaff)).toEqual(['EXCEPTION_NOT_AUTHORISED']);
    const leaderWithEdit = await ta.signIn(await ta.createUser('officeLeader'));
    // The leader records the exception; the enrolment itself is still done through the roster permission.
    await ta.t.pool.query(`insert into user_role (user_id, role, region_code) values ($1, 'officeStaff', '510403')`, [
      leaderWithEdit.info.user.id,
    ]);
    const both = await ta.signIn({
      id: leaderWithEdit.info.user.id,
      username: leaderWithEdit.info.user.username,
      password: 'Correct-Horse-42',
      totpSecret: null,
    });
    const ok = await enrol(both, { personId: pid, unitId, exceptionNote: '军转干部指令性安置' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().current.exceptionNote).toBe('军转干部指令性安置');
  });

  it('leaders never above approved posts', async () => {
    const plan = await approvedPlan(unitId, 1);
    const first = await enrol(staff, {
      personId: await registerPerson('冯局长'),
      unitId,
      usePlanId: plan.id,
      leadershipLevel: 'principal',
    });
    expect(first.statusCode, first.body).toBe(200);
    const plan2 = await approvedPlan(unitId, 1);
    const second = await enrol(staff, {
      personId: await registerPerson('冯二'),
      unitId,
      usePlanId: plan2.id,
      leadershipLevel: 'principal',
    });
    expect(rules(second)).toContain('LEADERS_OVER_POSTS');
    // And a decision may not cut the posts below the leader holding them.
    const d = (
      await ta.call(staff, 'POST', '/api/decisions', {
        docNumber: `西编〔2025〕${seq++}号`,
        docDate: '2025-04-01',
        effectiveDate: '2025-04-01',
        approvingBody: '区委编委',
        title: '核减职数',
        items: [{ kind: 'posts', target: { unitId }, level: 'principal', delta: -1 }],
      })
    ).json();
    const sub = await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
    expect(rules(sub)).toEqual(['POSTS_BELOW_LEADERS']);
  });

  it('disenrol frees the slot; a transfer moves the person in one transaction or not at all', async () => {
    const list = (await ta.call(staff, 'GET', `/api/persons?unitId=${unitId}`)).json();
    const someone = list.items.find((p: { name: string }) => p.name === '孙一');
    const out = await ta.call(staff, 'POST', '/api/roster/disenrol', {
      personId: someone.id,
      reason: '退休',
      date: '2025-06-30',
    });
    expect(out.json().current).toBeNull();
    expect(out.json().history[0]).toMatchObject({ disenrolReason: '退休', validTo: '2025-06-30' });
    // Transfer into a unit without vacancy fails: the person stays where they were.
    const mover = list.items.find((p: { name: string }) => p.name === '孙二');
    const refused = await ta.call(staff, 'POST', '/api/roster/transfer', {
      personId: mover.id,
      unitId: otherUnitId,
      type: 'administrative',
      date: '2025-07-01',
      exceptionNote: '工作需要调动',
    });
    expect(refused.statusCode).toBe(409);
    const still = (await ta.call(staff, 'GET', `/api/persons/${mover.id}`)).json();
    expect(still.current.unitId).toBe(unitId);
    expect(still.history).toHaveLength(1);
  });

  it('revoking a unit with persons needs a reassignment, which moves persons and establishment together', async () => {
    await applyDecision(
      [{ kind: 'createUnit', ref: 'c', parent: null, attributes: { name: '区合并后局', kind: 'organ' } }],
      '2025-08-01',
    );
    const target = (await ta.call(staff, 'GET', '/api/units'))
      .json()
      .roots.find((r: { name: string }) => r.name === '区合并后局').id;
    const bare = (
      await ta.call(staff, 'POST', '/api/decisions', {
        docNumber: `西编〔2025〕${seq++}号`,
        docDate: '2025-09-01',
        effectiveDate: '2025-09-01',
        approvingBody: '区委编委',
        title: '撤销',
        items: [{ kind: 'revoke', target: { unitId: otherUnitId }, reassignTo: null }],
      })
    ).json();
    expect(rules(await ta.call(staff, 'POST', `/api/decisions/${bare.id}/submit`))).toEqual([
      'REVOKED_WITH_PLACEMENTS',
    ]);
    await applyDecision(
      [{ kind: 'revoke', target: { unitId: otherUnitId }, reassignTo: { unitId: target } }],
      '2025-09-01',
    );
    const fig = (await ta.call(staff, 'GET', `/api/figures?unitId=${target}&asOf=2025-09-01`)).json();
    expect(fig.establishment[0]).toMatchObject({ approved: 1, actual: 1 });
    const before = (await ta.call(staff, 'GET', `/api/figures?unitId=${otherUnitId}&asOf=2025-08-31`)).json();
    expect(before.establishment[0]).toMatchObject({ approved: 1, actual: 1 });
    const person = (await ta.call(staff, 'GET', `/api/persons?unitId=${target}`)).json().items[0];
    expect(person.current.enrolReason).toBe('划转');
  });

  it('a department reporter sees only persons of its subtree', async () => {
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.finance }));
    const res = await ta.call(reporter, 'GET', `/api/persons?unitId=${unitId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect((await ta.call(reporter, 'GET', '/api/persons')).json().total).toBe(0);
  });
});
