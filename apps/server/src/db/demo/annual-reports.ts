/**
 * Demo 事业单位法人年度报告 and one 双随机 campaign for the tenant county: reports for the two
 * previous years in every state (most published, some reviewed or submitted, a few filed late, one
 * returned with a reason, some drafts), a handful not filed at all (the overdue list; two already
 * marked abnormal), and a published inspection campaign drawn with a recorded seed, its results
 * and a rectification. The demo institution user's institution has its older report published
 * and none for last year, so that it has something to file.
 *
 * Staffing figures come from the roster as of 31 December, as in the application. When the
 * register is empty (registration demo not loaded), the institutions needed are registered here
 * with generated particulars marked `synthetic`, guarded by unit id.
 * Its own seeded PRNG, so the rest of the demo data does not move when this changes.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { staffingFromRoster } from '../../modules/registration/annual-reports.service.js';
import { annualReport, randomInspection, randomInspectionResult } from '../../modules/registration/annual.schema.js';
import {
  drawCampaign,
  DRAW_ALGORITHM,
  sortCandidates,
  type Candidate,
  type PoolMember,
} from '../../modules/registration/domain/draw.js';
import { organizationCodeCheckChar, usccCheckChar } from '../../modules/registration/domain/uscc.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import type { Tx } from '../client.js';
import { legalPerson, unit } from '../schema.js';
import { Random } from './random.js';

const SEED = 20_260_331;
/** The demo key (xiqu.ts) of the institution the demo `institution` account files for. */
export const DEMO_INSTITUTION_KEY = 'review';
/** The campaign's seed, chosen in public: SM3 of a sentence anyone can recompute. */
export const DEMO_CAMPAIGN_SEED = sm3Hex('攀枝花市西区2025年度事业单位法人公示信息双随机抽查（演示）');

const ACTIVITIES = [
  '按照宗旨和业务范围开展公益服务，全年完成主要业务工作任务，服务对象满意度较高。',
  '认真履行职责，完成年度工作目标；加强内部管理，健全财务和资产管理制度。',
  '围绕中心工作开展业务活动，完成主管部门交办的各项任务，未发生违法违规行为。',
];
const INSPECTORS = ['何建华', '罗晓燕', '高志明', '林春梅', '郭永平', '马丽娟'];

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const min = (a: string, b: string) => (a < b ? a : b);

/** Register the tenant's public institutions when nobody has (synthetic particulars). */
async function ensureRegister(tx: Tx, regionCode: string): Promise<void> {
  const have = await tx
    .select({ unitId: legalPerson.unitId })
    .from(legalPerson)
    .where(eq(legalPerson.regionCode, regionCode));
  if (have.length) return;
  const units = await tx
    .select({ id: unit.id, name: unit.name, parentId: unit.parentId, fundingForm: unit.fundingForm })
    .from(unit)
    .where(
      and(
        eq(unit.regionCode, regionCode),
        eq(unit.kind, 'publicInstitution'),
        eq(unit.status, 'active'),
        isNotNull(unit.parentId),
      ),
    )
    .orderBy(asc(unit.name), asc(unit.id));
  let serial = 1;
  for (const u of units) {
    const body = `MB28${String(serial++).padStart(4, '0')}`;
    const first17 = `12${regionCode}${body}${organizationCodeCheckChar(body)}`;
    await tx
      .insert(legalPerson)
      .values({
        regionCode,
        unitId: u.id,
        kind: 'institution',
        uscc: first17 + usccCheckChar(first17),
        name: u.name,
        legalRepresentative: '（演示）',
        address: '（演示数据）',
        sponsorUnitId: u.parentId,
        fundingSource: u.fundingForm ?? 'full',
        registeredOn: '2020-01-02',
        synthetic: true,
      })
      .onConflictDoNothing();
  }
}

export interface AnnualDemoResult {
  reports: number;
  campaignDrawn: number;
}

export async function loadAnnualReportDemo(
  tx: Tx,
  regionCode: string,
  units: ReadonlyMap<string, string>,
  today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()),
): Promise<AnnualDemoResult> {
  await ensureRegister(tx, regionCode);
  const rng = new Random(SEED);
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1];
  const demoInstitution = units.get(DEMO_INSTITUTION_KEY) ?? null;
  const lps = await tx
    .select()
    .from(legalPerson)
    .where(
      and(
        eq(legalPerson.regionCode, regionCode),
        eq(legalPerson.kind, 'institution'),
        inArray(legalPerson.status, ['active']),
      ),
    )
    .orderBy(asc(legalPerson.uscc));
  if (!lps.length) return { reports: 0, campaignDrawn: 0 };
  const by = '演示数据';
  let reports = 0;
  const unfiled: string[] = [];
  for (const [yi, year] of years.entries()) {
    const due = `${year + 1}-03-31`;
    const older = yi === 0;
    for (const lp of lps) {
      if (lp.registeredOn > `${year}-12-31`) continue;
      // The institution user's institution: the older year published, last year left to file.
      const demo = lp.unitId === demoInstitution;
      if (demo && !older) continue;
      const roll = rng.int(1, 100);
      // The older year: ~5 % never filed; last year: ~10 % not filed, ~10 % drafts.
      if (!demo && roll <= (older ? 5 : 10)) {
        if (older) unfiled.push(lp.id);
        continue;
      }
      const draft = !demo && !older && roll <= 20;
      const late = !demo && rng.chance(0.08);
      const submittedOn = min(
        late ? addDays(due, rng.int(3, 40)) : addDays(`${year + 1}-01-05`, rng.int(0, 84)),
        today,
      );
      const state = demo
        ? 'published'
        : draft
          ? 'draft'
          : older
            ? rng.weighted([
                ['published', 90],
                ['reviewed', 6],
                ['submitted', 4],
              ] as const)
            : rng.weighted([
                ['published', 60],
                ['reviewed', 15],
                ['submitted', 20],
                ['returned', 5],
              ] as const);
      const staff = draft ? null : await staffingFromRoster(tx, regionCode, lp.unitId, year);
      const total = rng.int(50, 5000) * 10_000_00;
      const netStart = Math.round(total * (0.4 + rng.int(0, 40) / 100));
      const netEnd = Math.min(total, Math.round(netStart * (0.9 + rng.int(0, 20) / 100)));
      const reviewedOn = ['reviewed', 'published'].includes(state)
        ? min(addDays(submittedOn, rng.int(3, 20)), today)
        : null;
      const publishedOn = state === 'published' ? min(addDays(reviewedOn!, rng.int(1, 10)), today) : null;
      const history = [
        { at: `${submittedOn}T01:00:00.000Z`, action: '起草', by, note: null },
        ...(draft
          ? []
          : [
              {
                at: `${submittedOn}T02:00:00.000Z`,
                action: '报送',
                by,
                note: late ? `逾期报送（截止日期 ${due}）` : null,
              },
            ]),
        ...(state === 'returned'
          ? [
              {
                at: `${min(addDays(submittedOn, 5), today)}T02:00:00.000Z`,
                action: '退回补正',
                by,
                note: '年末净资产与决算报表不一致，请核实后重新报送',
              },
            ]
          : []),
        ...(reviewedOn ? [{ at: `${reviewedOn}T02:00:00.000Z`, action: '审查通过', by, note: null }] : []),
        ...(publishedOn ? [{ at: `${publishedOn}T02:00:00.000Z`, action: '公示', by, note: null }] : []),
      ];
      await tx.insert(annualReport).values({
        regionCode,
        legalPersonId: lp.id,
        unitId: lp.unitId,
        year,
        state,
        activities: `${year}年度，${rng.pick(ACTIVITIES)}（演示数据）`,
        changes: rng.chance(0.2) ? '法定代表人变更，已办理变更登记。' : '无',
        totalAssets: draft && rng.chance(0.5) ? null : total,
        netAssetsStart: draft ? null : netStart,
        netAssetsEnd: draft ? null : netEnd,
        awardsAndPenalties: rng.chance(0.15) ? '获评区级文明单位。' : '无',
        donations: '无',
        auditOpinion: draft ? '' : '无保留意见',
        staffApproved: staff?.approved ?? null,
        staffActual: staff?.actual ?? null,
        staffAsOf: staff?.asOf ?? null,
        firstSubmittedOn: draft ? null : submittedOn,
        submittedOn: draft ? null : submittedOn,
        late: !draft && submittedOn > due,
        lateDays:
          !draft && submittedOn > due ? Math.round((Date.parse(submittedOn) - Date.parse(due)) / 86_400_000) : null,
        returnReason: state === 'returned' ? '年末净资产与决算报表不一致，请核实后重新报送' : null,
        reviewedOn,
        publishedOn,
        history,
      });
      reports++;
    }
  }
  // Two of the older year's non-filers are already marked abnormal (past 30 June); the rest wait on the list.
  if (unfiled.length && today > `${years[0]! + 1}-06-30`)
    await tx
      .update(legalPerson)
      .set({ status: 'abnormal', updatedAt: new Date() })
      .where(inArray(legalPerson.id, unfiled.slice(0, 2)));

  // One published campaign for last year's inspections, drawn with the public seed.
  const campaignYear = thisYear - 1;
  const candidates: Candidate[] = sortCandidates(
    (
      await tx
        .select()
        .from(legalPerson)
        .where(
          and(
            eq(legalPerson.regionCode, regionCode),
            eq(legalPerson.kind, 'institution'),
            inArray(legalPerson.status, ['active', 'abnormal']),
          ),
        )
    )
      .filter((lp) => lp.registeredOn <= `${campaignYear}-09-01`)
      .map((lp) => ({
        legalPersonId: lp.id,
        unitId: lp.unitId,
        uscc: lp.uscc,
        name: lp.name,
        sponsorUnitId: lp.sponsorUnitId,
        fundingSource: lp.fundingSource,
      })),
  );
  const office = units.get('office') ?? null;
  const pool: PoolMember[] = INSPECTORS.map((name, i) => ({
    key: `p-${String(i + 1).padStart(3, '0')}`,
    name: `${name}（演示）`,
    unitId: i < 4 ? office : (units.get(i === 4 ? 'finance' : 'health') ?? null),
    sponsorUnitId: null,
  }));
  if (!candidates.length) return { reports, campaignDrawn: 0 };
  const params = {
    seed: DEMO_CAMPAIGN_SEED,
    ratio: 20,
    count: null,
    stratifyBy: 'sponsor' as const,
    inspectorsPerInstitution: 2,
  };
  const outcome = drawCampaign(candidates, pool, params);
  const drawnOn = `${campaignYear}-09-01`;
  const [campaign] = await tx
    .insert(randomInspection)
    .values({
      regionCode,
      year: campaignYear,
      title: `${campaignYear}年度事业单位法人公示信息“双随机”抽查（演示）`,
      ratio: 20,
      stratifyBy: 'sponsor',
      inspectorsPerInstitution: 2,
      pool,
      state: 'published',
      algorithm: DRAW_ALGORITHM,
      seed: DEMO_CAMPAIGN_SEED,
      candidates,
      draw: outcome.items,
      drawDigest: outcome.digest,
      drawnAt: new Date(`${drawnOn}T10:00:00+08:00`),
      publishedOn: `${campaignYear}-12-20`,
    })
    .returning({ id: randomInspection.id });
  const byId = new Map(candidates.map((c) => [c.legalPersonId, c]));
  for (const [i, it] of outcome.items.entries()) {
    const roll = rng.int(1, 100);
    const result = roll <= 80 ? 'qualified' : roll <= 95 ? 'basicallyQualified' : 'unqualified';
    const inspectedOn = addDays(drawnOn, rng.int(10, 80));
    const needs = result !== 'qualified';
    await tx.insert(randomInspectionResult).values({
      regionCode,
      campaignId: campaign!.id,
      legalPersonId: it.legalPersonId,
      unitId: byId.get(it.legalPersonId)!.unitId,
      drawOrder: i + 1,
      stratum: it.stratum,
      inspectorKeys: it.inspectors,
      result,
      findings: needs
        ? rng.pick(['档案管理不规范。', '未及时办理法定代表人变更登记。', '年度报告所列资产数据与决算报表不一致。'])
        : '',
      inspectedOn,
      rectificationDueOn: needs ? addDays(inspectedOn, 30) : null,
      ...(needs && rng.chance(0.7)
        ? { rectificationDoneOn: addDays(inspectedOn, rng.int(5, 28)), rectificationNote: '已按要求整改（演示数据）' }
        : {}),
    });
  }
  return { reports, campaignDrawn: outcome.items.length };
}
