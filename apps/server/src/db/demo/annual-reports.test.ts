/**
 * The demo annual reports and inspection campaign on a fresh database: both previous years in
 * every state, staffing frozen from the roster, non-filers on the overdue list (two marked
 * abnormal), the demo institution with something to file, and a campaign whose draw recomputes
 * from its recorded seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { annualReport, randomInspection, randomInspectionResult, legalPerson } from '../schema.js';
import { drawCampaign, type Candidate, type PoolMember } from '../../modules/registration/domain/draw.js';
import { staffingFromRoster } from '../../modules/registration/annual-reports.service.js';
import { createTestDb, type TestDb } from '../../test/db.js';
import { DEMO_CAMPAIGN_SEED, DEMO_INSTITUTION_KEY } from './annual-reports.js';
import { loadDemoData, type DemoResult } from './index.js';

let t: TestDb;
let demo: DemoResult;
const thisYear = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

beforeAll(async () => {
  t = await createTestDb();
  demo = await t.db.transaction((tx) => loadDemoData(tx, t.keys));
}, 240_000);
afterAll(() => t?.close());

describe('演示年度报告和双随机抽查', () => {
  it('两个年度的报告处于各种状态，已报送的人员数取自实名制', async () => {
    const rows = await t.db.select().from(annualReport);
    const states = (y: number) => new Set(rows.filter((r) => r.year === y).map((r) => r.state));
    expect([...states(thisYear - 2)].sort()).toEqual(['published', 'reviewed', 'submitted']);
    expect([...states(thisYear - 1)].sort()).toEqual(['draft', 'published', 'returned', 'reviewed', 'submitted']);
    expect(rows.some((r) => r.late)).toBe(true);
    const submitted = rows.filter((r) => r.state !== 'draft');
    for (const r of submitted.slice(0, 5)) {
      const s = await staffingFromRoster(t.db, '510403', r.unitId, r.year);
      expect({ approved: r.staffApproved, actual: r.staffActual, asOf: r.staffAsOf }).toEqual(s);
    }
    const abnormal = await t.db.select().from(legalPerson).where(eq(legalPerson.status, 'abnormal'));
    expect(abnormal).toHaveLength(2);
  });

  it('演示事业单位账户的单位已登记：上年度之前的报告已公示，上年度尚待填报', async () => {
    const unitId = demo.units.get(DEMO_INSTITUTION_KEY)!;
    const lp = (await t.db.select().from(legalPerson).where(eq(legalPerson.unitId, unitId)))[0];
    expect(lp?.kind).toBe('institution');
    const reports = await t.db.select().from(annualReport).where(eq(annualReport.unitId, unitId));
    // Due for last year (registered by its end), nothing filed yet; the year before published when it was due.
    expect(lp!.registeredOn <= `${thisYear - 1}-12-31`, lp!.registeredOn).toBe(true);
    const older = lp!.registeredOn <= `${thisYear - 2}-12-31` ? [[thisYear - 2, 'published']] : [];
    expect(reports.map((r) => [r.year, r.state])).toEqual(older);
    expect(lp!.status).toBe('active');
  });

  it('抽查活动按记录的种子可以复算', async () => {
    const [c] = await t.db.select().from(randomInspection);
    expect(c).toMatchObject({ state: 'published', seed: DEMO_CAMPAIGN_SEED, year: thisYear - 1 });
    const again = drawCampaign(c!.candidates as Candidate[], c!.pool as PoolMember[], {
      seed: c!.seed!,
      ratio: c!.ratio,
      count: c!.count,
      stratifyBy: 'sponsor',
      inspectorsPerInstitution: c!.inspectorsPerInstitution,
    });
    expect(again.digest).toBe(c!.drawDigest);
    const results = await t.db.select().from(randomInspectionResult).where(eq(randomInspectionResult.campaignId, c!.id));
    expect(results.length).toBe(Math.ceil((c!.candidates as unknown[]).length * 0.2));
    expect(results.every((r) => r.result !== null)).toBe(true);
  });
});
