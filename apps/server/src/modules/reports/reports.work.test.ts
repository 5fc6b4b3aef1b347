/**
 * The year's work in the staffing office's reports: the counts the org, registration and roster
 * modules record (decisions applied, annual reports of the year before filed and published, codes
 * issued, enrolments), each bound to its fact with its checks; a year without such facts leaves
 * the sentences out; another department's report states none of them.
 */
import { emptyBudgetYearDoc } from '@bianban/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unit } from '../../db/schema.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { runsText } from '../../platform/documents/index.js';
import { todayInChina } from '../org/figures.service.js';
import { legalPerson } from '../registration/registration.schema.js';
import { organizationCodeCheckChar, usccCheckChar } from '../registration/domain/uscc.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';
import { REGION, createTestApp, type Session, type TestApp } from '../../test/app.js';
import { buildReport, checkBuilt } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let editor: Session;
/** The current year: decisions are applied today. */
const Y = Number(todayInChina().slice(0, 4));
const OFFICE = '中共攀枝花市西区区委机构编制委员会办公室';
let seq = 1;

async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown> & { id: string };
}

async function decision(items: unknown[]) {
  const d = await ok(
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔${Y}〕${seq++}号`,
      docDate: `${Y}-01-01`,
      effectiveDate: `${Y}-01-01`,
      approvingBody: '区委编委',
      title: '核定编制',
      items,
    }),
  );
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`));
  await ok(await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`));
  await ok(await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`));
}

async function facts(kind: 'finalAccounts' | 'selfEvaluation', unitId: string, year: number) {
  const scope = await resolveScope(ta.t.db, REGION, null);
  return loadReportFacts(ta.t.db, scope, { kind, unitId, year, evaluationId: null });
}

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
  await ta.t.db.update(unit).set({ name: OFFICE }).where(eq(unit.id, ta.units.office));

  // Two decisions applied this year.
  await decision([
    { kind: 'control', control: 'administrative', delta: 10 },
    { kind: 'quota', target: { unitId: ta.units.financeSub }, type: 'administrative', delta: 3 },
  ]);
  await decision([{ kind: 'control', control: 'administrative', delta: 2 }]);
  // One person enrolled this year.
  const body = `5104021990010112${seq++}`.slice(0, 17);
  const p = await ok(
    await ta.call(staff, 'POST', '/api/persons', { name: '甄工作', citizenId: body + citizenIdCheckChar(body) }),
  );
  await ok(
    await ta.call(editor, 'POST', '/api/roster/enrol', {
      personId: p.id,
      unitId: ta.units.financeSub,
      type: 'administrative',
      reason: '录用',
      date: `${Y}-01-01`,
      exceptionNote: '例外核准：测试',
    }),
  );
  // An institution registered two years ago files its report for last year this year; it is published.
  const body8 = 'MW000001';
  const first17 = `12${REGION}${body8}${organizationCodeCheckChar(body8)}`;
  await ta.t.db.insert(legalPerson).values({
    regionCode: REGION,
    unitId: ta.units.financeSub,
    kind: 'institution',
    uscc: first17 + usccCheckChar(first17),
    name: '区财政评审中心',
    legalRepresentative: '钱法人',
    address: '攀枝花市西区新街1号',
    startupCapital: 10_000_000,
    purposeAndScope: '公益服务',
    sponsorUnitId: ta.units.finance,
    fundingSource: 'full',
    registeredOn: `${Y - 2}-05-06`,
  });
  const r = await ok(
    await ta.call(staff, 'POST', '/api/registration/annual-reports', { unitId: ta.units.financeSub, year: Y - 1 }),
  );
  await ok(
    await ta.call(staff, 'PUT', `/api/registration/annual-reports/${r.id}`, {
      content: {
        activities: '全年完成评审项目120个。',
        changes: '无',
        totalAssets: 500_000_00,
        netAssetsStart: 300_000_00,
        netAssetsEnd: 320_000_00,
        awardsAndPenalties: '无',
        donations: '无',
        auditOpinion: '无保留意见',
      },
    }),
  );
  await ok(await ta.call(staff, 'POST', `/api/registration/annual-reports/${r.id}/submit`, { on: `${Y}-01-01` }));
  await ok(await ta.call(staff, 'POST', `/api/registration/annual-reports/${r.id}/review`, {}));
  await ok(await ta.call(leader, 'POST', `/api/registration/annual-reports/${r.id}/publish`, {}));
  // The office's 决算 of the years (the 决算说明 needs one).
  for (const year of [Y, Y - 1]) {
    const doc = emptyBudgetYearDoc();
    doc.totals.expenditureTotal = { initial: null, adjusted: null, final: 100_000_00 };
    await ok(await ta.call(staff, 'PUT', `/api/budget/years/${ta.units.office}/${year}`, doc));
  }
}, 180_000);
afterAll(() => ta?.close());

describe('the year’s work in the staffing office’s reports', () => {
  it('reads the counts the modules record, for the year and the region', async () => {
    const f = await facts('finalAccounts', ta.units.office, Y);
    expect(f.work).toEqual({
      regionCode: REGION,
      decisionsApplied: 2,
      annualReports: { reportYear: Y - 1, due: 1, filed: 1, published: 1 },
      codesIssued: 0,
      inspected: 0,
      enrolled: 1,
      disenrolled: 0,
    });
  });

  it('the 决算说明 states them in the seeds’ sentences, each bound to its fact, the relations checked', async () => {
    const built = buildReport('finalAccounts', await facts('finalAccounts', ta.units.office, Y));
    const texts = built.document.blocks.map((b) => ('runs' in b ? runsText(b.runs) : ''));
    const at = texts.indexOf(`（二）${Y}年重点工作完成情况`);
    expect(at).toBeGreaterThan(0);
    expect(texts[at + 1]).toBe(
      `${Y}年，全年办理机构编制事项2项；事业单位法人${Y - 1}年度报告应报1个，已报1个，公示1个；办理人员上编1人。`,
    );
    expect(texts[at + 2]).toBe('（三）机构设置');
    const src = Object.fromEntries(built.numbers.filter((n) => n.id.startsWith('work.')).map((n) => [n.id, n.source]));
    expect(src).toEqual({
      'work.decisions': `work:${REGION}:${Y}:decisionsApplied`,
      'work.annual.due': `work:${REGION}:${Y - 1}:annualReports.due`,
      'work.annual.filed': `work:${REGION}:${Y - 1}:annualReports.filed`,
      'work.annual.published': `work:${REGION}:${Y - 1}:annualReports.published`,
      'work.enrolled': `work:${REGION}:${Y}:enrolled`,
    });
    expect(built.checks.filter((c) => c.kind === 'atMost').map((c) => c.label)).toEqual([
      '年度报告已报数不超过应报数',
      '年度报告公示数不超过已报数',
    ]);
    expect(checkBuilt(built).filter((x) => x.at.id.startsWith('work.'))).toEqual([]);
    // Omitted sentences are noted with the fact they would read.
    expect(built.notes).toContain(`未写赋码：平台没有${Y}年的记录（work:${REGION}:${Y}:codesIssued）`);
  });

  it('an edited count is caught: against the fact, and 公示 beyond 已报', async () => {
    const f = await facts('finalAccounts', ta.units.office, Y);
    const built = buildReport('finalAccounts', f);
    const original = built.originals['work']!;
    const edited = buildReport('finalAccounts', f, {
      edits: { work: original.replace('公示1个', '公示3个').replace('事项2项', '事项5项') },
    });
    const findings = checkBuilt(edited).filter((x) => x.at.id.startsWith('work.'));
    expect(findings.map((x) => [x.check, x.at.id]).sort()).toEqual(
      [
        ['atMost', 'work.annual.published'],
        ['expected', 'work.annual.published'],
        ['expected', 'work.decisions'],
      ].sort(),
    );
    expect(findings.find((x) => x.check === 'atMost')!.message).toContain('超过1');
  });

  it('a year without such facts leaves the sentences out (no zeros), and the heading with them', async () => {
    const f = await facts('finalAccounts', ta.units.office, Y - 1);
    // Last year: no decision applied, no enrolment, the reports of two years ago not filed.
    expect(f.work).toMatchObject({ decisionsApplied: 0, enrolled: 0, annualReports: { due: 1, filed: 0 } });
    const built = buildReport('finalAccounts', f);
    const texts = built.document.blocks.map((b) => ('runs' in b ? runsText(b.runs) : ''));
    expect(texts.some((t) => t.includes('重点工作完成情况'))).toBe(false);
    expect(texts).toContain('（二）机构设置');
    expect(built.keys).not.toContain('work');
    expect(built.numbers.some((n) => n.id.startsWith('work.'))).toBe(false);
    // Two years ago only the registration (a code issued) is recorded: that sentence alone.
    const two = buildReport('finalAccounts', {
      ...(await facts('finalAccounts', ta.units.office, Y - 2)),
      budget: f.budget,
    });
    const work = two.document.blocks.find((b, i) => two.keys[i] === 'work');
    expect(work && 'runs' in work ? runsText(work.runs) : '').toBe(`${Y - 2}年，赋予统一社会信用代码1个。`);
  });

  it('another department’s report states none of the region’s work', async () => {
    const f = await facts('finalAccounts', ta.units.finance, Y);
    expect(f.work).toBeUndefined();
  });
});
