/**
 * 事业单位法人年度报告 through the real endpoints on the real database: the institution user files
 * (scope, staffing read from the roster and frozen at submission, typed staffing refused, required
 * fields, net assets, late filing flagged), the office reviews / returns with a reason / publishes
 * (only reviewed), statistics with the overdue list and the abnormal rule, the abnormal marking
 * (audited), the public portal without login (no personal data) and the metrics of an evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, legalPerson, unit } from '../../db/schema.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';
import { registrationCounts } from './annual-reports.counts.js';
import { filingOutcome, isAbnormalCandidate } from './annual-reports.service.js';
import { organizationCodeCheckChar, usccCheckChar } from './domain/uscc.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let editor: Session;
let reporter: Session;
let seq = 700;
const lp: Record<'sub' | 'silent' | 'prompt' | 'young', { id: string; unitId: string; uscc: string }> = {} as never;
const PERSON_NAME = '甄测试';
let personId = '';
let citizenId = '';

function uscc(body8: string): string {
  const org = body8 + organizationCodeCheckChar(body8);
  const first17 = `12${REGION}${org}`;
  return first17 + usccCheckChar(first17);
}
function newId(): string {
  const n = seq++;
  const two = (x: number) => String(x).padStart(2, '0');
  const body = `5104021988${two(1 + (n % 12))}${two(1 + (n % 28))}${two(Math.floor(n / 12) % 100)}1`;
  return body + citizenIdCheckChar(body);
}
async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown> & { id: string };
}
async function refused(res: { statusCode: number; body: string; json: () => unknown }, status: number, rule: string) {
  expect(res.statusCode, res.body).toBe(status);
  const b = res.json() as { details?: { rule: string }[]; message: string };
  expect(
    b.details?.map((d) => d.rule),
    res.body,
  ).toContain(rule);
  return b;
}
async function decision(items: unknown[], date: string) {
  const d = await ok(
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2024〕年报${seq++}号`,
      docDate: date,
      effectiveDate: date,
      approvingBody: '区委编委',
      title: '核定编制',
      items,
    }),
  );
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`));
  await ok(await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`));
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`));
}
async function enrol(unitId: string, date: string, name: string) {
  const id = newId();
  const p = await ok(await ta.call(staff, 'POST', '/api/persons', { name, citizenId: id }));
  await ok(
    await ta.call(editor, 'POST', '/api/roster/enrol', {
      personId: p.id,
      unitId,
      type: 'administrative',
      reason: '录用',
      date,
      exceptionNote: '例外核准：测试',
    }),
  );
  return { personId: p.id, citizenId: id };
}
async function register(key: keyof typeof lp, unitId: string, body8: string, registeredOn: string) {
  const code = uscc(body8);
  const [row] = await ta.t.db
    .insert(legalPerson)
    .values({
      regionCode: REGION,
      unitId,
      kind: 'institution',
      uscc: code,
      name: (await ta.t.db.select({ name: unit.name }).from(unit).where(eq(unit.id, unitId)))[0]!.name,
      legalRepresentative: '钱法人',
      address: '攀枝花市西区新街1号',
      startupCapital: 10_000_000,
      purposeAndScope: '公益服务',
      sponsorUnitId: ta.units.finance,
      fundingSource: 'full',
      registeredOn,
    })
    .returning({ id: legalPerson.id });
  lp[key] = { id: row!.id, unitId, uscc: code };
}
const institutionUnit = async (name: string) =>
  (
    await ta.t.db
      .insert(unit)
      .values({ regionCode: REGION, name, kind: 'publicInstitution', parentId: ta.units.finance })
      .returning({ id: unit.id })
  )[0]!.id;

const FULL = {
  activities: '全年完成财政投资评审项目120个，审减金额3200万元。',
  changes: '无',
  totalAssets: 500_000_00,
  netAssetsStart: 300_000_00,
  netAssetsEnd: 320_000_00,
  awardsAndPenalties: '无',
  donations: '无',
  auditOpinion: '无保留意见',
};

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  const both = await ta.createUser('officeLeader');
  await ta.t.pool.query(`insert into user_role (user_id, role, region_code) values ($1, 'officeStaff', $2)`, [
    both.id,
    REGION,
  ]);
  editor = await ta.signIn(both);
  await decision(
    [
      { kind: 'control', control: 'administrative', delta: 10 },
      { kind: 'quota', target: { unitId: ta.units.financeSub }, type: 'administrative', delta: 3 },
    ],
    '2024-01-01',
  );
  ({ personId, citizenId } = await enrol(ta.units.financeSub, '2024-03-01', PERSON_NAME));
  await register('sub', ta.units.financeSub, 'MB000001', '2020-05-06');
  await register('silent', await institutionUnit('区沉默服务中心'), 'MB000002', '2020-05-06');
  await register('prompt', await institutionUnit('区守时服务中心'), 'MB000003', '2021-03-01');
  await register('young', await institutionUnit('区新设服务中心'), 'MB000004', '2025-05-01');
  reporter = await ta.signIn(
    await ta.createUser('deptReporter', { scopeUnitId: ta.units.financeSub, username: 'inst-user' }),
  );
}, 180_000);
afterAll(() => ta?.close());

describe('pure rules', () => {
  it('due 31 March: a later filing is accepted and flagged with the days late', () => {
    expect(filingOutcome(2024, '2025-03-31', '2026-01-01')).toEqual({ late: false, lateDays: null });
    expect(filingOutcome(2024, '2025-04-10', '2026-01-01')).toEqual({ late: true, lateDays: 10 });
    expect(() => filingOutcome(2024, '2024-12-31', '2026-01-01')).toThrow(/尚未结束/);
    expect(() => filingOutcome(2024, '2026-02-01', '2026-01-01')).toThrow(/晚于今天/);
  });
  it('abnormal rule: not filed by 30 June of the next year', () => {
    expect(isAbnormalCandidate(2024, null, '2025-06-30')).toBe(false);
    expect(isAbnormalCandidate(2024, null, '2025-07-01')).toBe(true);
    expect(isAbnormalCandidate(2024, '2025-06-30', '2025-09-01')).toBe(false);
    expect(isAbnormalCandidate(2024, '2025-07-02', '2025-09-01')).toBe(true);
  });
});

describe('filing', () => {
  let id = '';
  it('the institution user drafts its report; staffing is read from the roster as of 12-31, never typed', async () => {
    const typed = await ta.call(reporter, 'POST', '/api/registration/annual-reports', {
      unitId: lp.sub.unitId,
      year: 2024,
      staffing: { approved: 99, actual: 99 },
    });
    expect(typed.statusCode, typed.body).toBe(400);
    expect(typed.json().message).toMatch(/编制数和实有人数取自实名制/);
    const list = await ok(await ta.call(reporter, 'GET', '/api/registration/annual-reports/institutions'));
    expect((list.items as { uscc: string }[]).map((x) => x.uscc)).toEqual([lp.sub.uscc]);
    const r = await ok(
      await ta.call(reporter, 'POST', '/api/registration/annual-reports', { unitId: lp.sub.unitId, year: 2024 }),
    );
    id = r.id;
    expect(r).toMatchObject({
      state: 'draft',
      dueOn: '2025-03-31',
      staffing: { asOf: '2024-12-31', approved: 3, actual: 1, frozen: false },
    });
    expect(r.actions).toMatchObject({ edit: true, submit: true, review: false, publish: false });
    await refused(
      await ta.call(reporter, 'POST', '/api/registration/annual-reports', { unitId: lp.sub.unitId, year: 2024 }),
      409,
      'oneReportPerYear',
    );
  });

  it('refuses: outside the scope, an unregistered unit, a year not yet ended, a unit registered after the year', async () => {
    const out = await ta.call(reporter, 'POST', '/api/registration/annual-reports', {
      unitId: lp.silent.unitId,
      year: 2024,
    });
    expect(out.json().code, out.body).toBe('OUT_OF_SCOPE');
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports', { unitId: ta.units.finance, year: 2024 }),
      409,
      'notRegistered',
    );
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports', { unitId: lp.silent.unitId, year: thisYear }),
      409,
      'yearNotEnded',
    );
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports', { unitId: lp.young.unitId, year: 2024 }),
      409,
      'notDue',
    );
  });

  it('submission needs the required fields and net assets within total assets', async () => {
    await refused(
      await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/submit`, { on: '2025-03-20' }),
      409,
      'requiredField',
    );
    await ok(
      await ta.call(reporter, 'PUT', `/api/registration/annual-reports/${id}`, {
        content: { ...FULL, netAssetsEnd: 600_000_00 },
      }),
    );
    await refused(
      await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/submit`, { on: '2025-03-20' }),
      409,
      'netAssetsExceedAssets',
    );
    await ok(await ta.call(reporter, 'PUT', `/api/registration/annual-reports/${id}`, { content: FULL }));
    await refused(
      await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/submit`, { on: '2024-12-30' }),
      409,
      'yearNotEnded',
    );
  });

  it('submitted on time; the roster figures are frozen at submission', async () => {
    const r = await ok(
      await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/submit`, { on: '2025-03-20' }),
    );
    expect(r).toMatchObject({ state: 'submitted', late: false, lateDays: null, submittedOn: '2025-03-20' });
    expect(r.staffing).toEqual({ asOf: '2024-12-31', approved: 3, actual: 1, frozen: true });
    await refused(
      await ta.call(reporter, 'PUT', `/api/registration/annual-reports/${id}`, { content: { changes: '改' } }),
      409,
      'editOnlyDraft',
    );
    // A later enrolment dated in 2024 moves the roster but not the submitted report.
    await enrol(ta.units.financeSub, '2024-06-01', '乙测试');
    const after = await ok(await ta.call(reporter, 'GET', `/api/registration/annual-reports/${id}`));
    expect(after.staffing).toMatchObject({ approved: 3, actual: 1, frozen: true });
    const live = await ok(
      await ta.call(reporter, 'GET', `/api/registration/annual-reports/staffing?unitId=${lp.sub.unitId}&year=2024`),
    );
    expect(live).toMatchObject({ approved: 3, actual: 2 });
  });

  it('late filing is accepted and flagged', async () => {
    const r = await ok(
      await ta.call(staff, 'POST', '/api/registration/annual-reports', {
        unitId: lp.prompt.unitId,
        year: 2024,
        content: FULL,
      }),
    );
    const s = await ok(
      await ta.call(staff, 'POST', `/api/registration/annual-reports/${r.id}/submit`, { on: '2025-04-10' }),
    );
    expect(s).toMatchObject({ state: 'submitted', late: true, lateDays: 10 });
    expect((s.history as { note: string | null }[]).at(-1)!.note).toMatch(/逾期10天/);
  });

  it('review: the institution user may not; a return needs a reason; the resubmission keeps the first date', async () => {
    expect((await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/review`, {})).statusCode).toBe(403);
    const noReason = await ta.call(staff, 'POST', `/api/registration/annual-reports/${id}/return`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/退回理由/);
    const back = await ok(
      await ta.call(staff, 'POST', `/api/registration/annual-reports/${id}/return`, {
        reason: '资产总额与决算报表不一致，请核实',
      }),
    );
    expect(back).toMatchObject({ state: 'returned', returnReason: '资产总额与决算报表不一致，请核实' });
    await ok(
      await ta.call(reporter, 'PUT', `/api/registration/annual-reports/${id}`, {
        content: { totalAssets: 510_000_00 },
      }),
    );
    const again = await ok(
      await ta.call(reporter, 'POST', `/api/registration/annual-reports/${id}/submit`, { on: '2025-04-15' }),
    );
    // Lateness is judged by the first submission; the roster is read again (the June enrolment now counts).
    expect(again).toMatchObject({
      state: 'submitted',
      late: false,
      submittedOn: '2025-04-15',
      staffing: { actual: 2, frozen: true },
    });
  });

  it('only a reviewed report is published', async () => {
    await refused(
      await ta.call(leader, 'POST', `/api/registration/annual-reports/${id}/publish`, {}),
      409,
      'publishOnlyReviewed',
    );
    const rev = await ok(await ta.call(staff, 'POST', `/api/registration/annual-reports/${id}/review`, {}));
    expect(rev.state).toBe('reviewed');
    await refused(
      await ta.call(staff, 'POST', `/api/registration/annual-reports/${id}/review`, {}),
      409,
      'reviewOnlySubmitted',
    );
    const pub = await ok(await ta.call(leader, 'POST', `/api/registration/annual-reports/${id}/publish`, {}));
    expect(pub).toMatchObject({ state: 'published' });
    await refused(
      await ta.call(staff, 'POST', `/api/registration/annual-reports/${id}/return`, { reason: '公示后退回' }),
      409,
      'returnOnlySubmitted',
    );
    const audit = await ta.t.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'registration.annualReport.create',
        'registration.annualReport.submit',
        'registration.annualReport.return',
        'registration.annualReport.review',
        'registration.annualReport.publish',
      ]),
    );
  });
});

describe('statistics and the abnormal rule', () => {
  it('counts due, submitted and published, rates, the overdue list and the abnormal candidates', async () => {
    const s = await ok(await ta.call(staff, 'GET', '/api/registration/annual-reports/stats?year=2024&asOf=2025-07-15'));
    // 区新设服务中心 registered in 2025 is not due for 2024.
    expect(s).toMatchObject({
      due: 3,
      submitted: 2,
      submittedOnTime: 1,
      published: 1,
      submissionRate: '66.67',
      publicationRate: '33.33',
    });
    expect((s.overdue as { uscc: string }[]).map((x) => x.uscc)).toEqual([lp.silent.uscc]);
    expect(s.abnormalCandidates as { uscc: string; daysOverdue: number }[]).toEqual([
      expect.objectContaining({ uscc: lp.silent.uscc, daysOverdue: 106 }),
    ]);
    const early = await ok(
      await ta.call(staff, 'GET', '/api/registration/annual-reports/stats?year=2024&asOf=2025-05-01'),
    );
    expect(early.abnormalCandidates).toEqual([]);
    expect((early.overdue as unknown[]).length).toBe(1);
    expect(String(s.rule)).toMatch(/6月30日/);
  });

  it('marking abnormal follows the rule, sets the register status and is audited', async () => {
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports/abnormal', {
        year: 2024,
        legalPersonIds: [lp.sub.id],
      }),
      409,
      'abnormalRule',
    );
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports/abnormal', {
        year: 2024,
        legalPersonIds: [lp.silent.id],
        on: '2025-06-20',
      }),
      409,
      'abnormalRule',
    );
    expect(
      (
        await ta.call(reporter, 'POST', '/api/registration/annual-reports/abnormal', {
          year: 2024,
          legalPersonIds: [lp.silent.id],
        })
      ).statusCode,
    ).toBe(403);
    const m = await ok(
      await ta.call(staff, 'POST', '/api/registration/annual-reports/abnormal', {
        year: 2024,
        legalPersonIds: [lp.silent.id],
      }),
    );
    expect(m).toMatchObject({ marked: 1 });
    const row = (await ta.t.db.select().from(legalPerson).where(eq(legalPerson.id, lp.silent.id)))[0]!;
    expect(row.status).toBe('abnormal');
    const audit = await ta.t.db.select().from(auditLog).where(eq(auditLog.objectId, lp.silent.id));
    expect(audit.map((x) => x.action)).toContain('registration.annualReport.markAbnormal');
    await refused(
      await ta.call(staff, 'POST', '/api/registration/annual-reports/abnormal', {
        year: 2024,
        legalPersonIds: [lp.silent.id],
      }),
      409,
      'alreadyAbnormal',
    );
  });
});

describe('public portal (no login)', () => {
  it('search by name or USCC, published reports only, no personal data', async () => {
    const byName = await ok(
      await ta.call(null, 'GET', `/api/public/registration/institutions?q=${encodeURIComponent('评审中心')}`),
    );
    expect((byName.items as { uscc: string }[]).map((x) => x.uscc)).toEqual([lp.sub.uscc]);
    const byCode = await ok(
      await ta.call(null, 'GET', `/api/public/registration/institutions?q=${lp.sub.uscc.toLowerCase()}`),
    );
    expect((byCode.items as { uscc: string; legalRepresentative: string }[])[0]).toMatchObject({
      uscc: lp.sub.uscc,
      legalRepresentative: '钱法人',
    });
    const res = await ta.call(null, 'GET', `/api/public/registration/institutions/${lp.sub.uscc}`);
    const d = await ok(res);
    expect(d.annualReports).toEqual([
      expect.objectContaining({
        year: 2024,
        submittedOn: '2025-03-20',
        staffing: { asOf: '2024-12-31', approved: 3, actual: 2 },
      }),
    ]);
    // The late report of 区守时服务中心 is submitted, not published: not shown.
    const other = await ok(await ta.call(null, 'GET', `/api/public/registration/institutions/${lp.prompt.uscc}`));
    expect(other.annualReports).toEqual([]);
    for (const forbidden of [PERSON_NAME, citizenId, personId, 'inst-user', lp.sub.id, lp.sub.unitId])
      expect(res.body).not.toContain(forbidden);
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('metrics of an evaluation', () => {
  it('registrationCounts reads the report year before the evaluation year', async () => {
    expect(await registrationCounts(ta.t.db, REGION, 2025)).toEqual({
      reportYear: 2024,
      reportsDue: 3,
      reportsPublished: 1,
      inspectionsCompleted: 0,
    });
  });

  it('an evaluation of 2025 shows the published count and the publication rate', async () => {
    const finance = await ta.signIn(await ta.createUser('financeReviewer'));
    const leaf = (key: string, metric: string) => ({
      key,
      name: metric,
      points: 10,
      source: { kind: 'metric', metric },
      rule: { kind: 'linear', full: { op: '>=', value: 0 }, deductPer: 1 },
    });
    const created = await ok(
      await ta.call(finance, 'POST', '/api/frameworks', {
        code: 'annual-test',
        body: {
          name: '年度报告指标测试',
          kind: 'department',
          basis: '测试',
          indicators: [
            {
              key: '1',
              name: '履职',
              points: 30,
              children: [
                leaf('1.1', 'annualReportsPublished'),
                leaf('1.2', 'annualReportPublicationRate'),
                leaf('1.3', 'inspectionsCompleted'),
              ],
            },
            { key: '2', name: '其他', points: 70, rule: { kind: 'manual' } },
          ],
        },
      }),
    );
    await ok(await ta.call(finance, 'POST', `/api/framework-versions/${created.id}/publish`));
    const e = await ok(
      await ta.call(staff, 'POST', '/api/evaluations', {
        unitId: ta.units.office,
        year: 2025,
        frameworkVersionId: created.id,
      }),
    );
    const metrics = e.metrics as { key: string; display: string; inputs: { label: string }[] }[];
    expect(metrics.find((m) => m.key === 'annualReportsPublished')).toMatchObject({ display: '1.00' });
    expect(metrics.find((m) => m.key === 'annualReportPublicationRate')).toMatchObject({ display: '33.33' });
    expect(metrics.find((m) => m.key === 'inspectionsCompleted')).toMatchObject({ display: '0.00' });
    expect(metrics.find((m) => m.key === 'annualReportPublicationRate')!.inputs.map((i) => i.label)).toEqual([
      '2024年度年度报告已公示数',
      '2024年度应报送年度报告的事业单位数',
    ]);
  });
});
