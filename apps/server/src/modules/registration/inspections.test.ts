/**
 * 双随机一公开 through the real endpoints: a campaign with an inspector pool (office users and named
 * persons), the draw with a recorded seed (same seed → same draw, reproducible by anyone with read
 * access through `verify`), a tampered draw detected, conflicts excluded, results and their rules,
 * rectification, publication, the public view and the evaluation count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { legalPerson, unit } from '../../db/schema.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { registrationCounts } from './annual-reports.counts.js';
import { randomInspection } from './annual.schema.js';
import { organizationCodeCheckChar, usccCheckChar } from './domain/uscc.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let viewer: Session;
let sponsorB = '';
const insts: { id: string; unitId: string; uscc: string; sponsor: string }[] = [];
const SEED = '5'.repeat(64);

function uscc(n: number): string {
  const body8 = `MC${String(n).padStart(6, '0')}`;
  const first17 = `12${REGION}${body8}${organizationCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}
async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown> & { id: string };
}
async function refused(res: { statusCode: number; body: string; json: () => unknown }, status: number, rule: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(
    (res.json() as { details?: { rule: string }[] }).details?.map((d) => d.rule),
    res.body,
  ).toContain(rule);
}

type Detail = {
  id: string;
  seed: string;
  drawDigest: string;
  state: string;
  results: {
    id: string;
    legalPersonId: string;
    unitId: string;
    inspectors: { key: string; name: string }[];
    stratum: string;
  }[];
  pool: { key: string; name: string }[];
  strata: { key: string; candidates: number; drawn: number }[];
};

const campaign = (over: Record<string, unknown> = {}) => ({
  year: 2025,
  title: '2025年度事业单位法人公示信息双随机抽查',
  ratio: 40,
  stratifyBy: 'sponsor',
  inspectorsPerInstitution: 2,
  inspectors: [
    { name: '周检查', unitId: null },
    { name: '吴检查', unitId: null },
    { name: '郑检查', unitId: ta.units.finance },
    { name: '王检查', unitId: null, sponsorUnitId: sponsorB },
  ],
  ...over,
});

beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  viewer = await ta.signIn(await ta.createUser('viewer'));
  sponsorB = (
    await ta.t.db
      .insert(unit)
      .values({ regionCode: REGION, name: '区卫健局', kind: 'organ', parentId: ta.units.other })
      .returning({ id: unit.id })
  )[0]!.id;
  // 6 institutions under 区财政局, 4 under 区卫健局.
  for (let i = 0; i < 10; i++) {
    const sponsor = i < 6 ? ta.units.finance : sponsorB;
    const u = (
      await ta.t.db
        .insert(unit)
        .values({ regionCode: REGION, name: `抽查测试中心${i}`, kind: 'publicInstitution', parentId: sponsor })
        .returning({ id: unit.id })
    )[0]!.id;
    const code = uscc(i + 1);
    const [lp] = await ta.t.db
      .insert(legalPerson)
      .values({
        regionCode: REGION,
        unitId: u,
        kind: 'institution',
        uscc: code,
        name: `抽查测试中心${i}`,
        legalRepresentative: '孙法人',
        sponsorUnitId: sponsor,
        fundingSource: i % 2 ? 'full' : 'partial',
        registeredOn: '2020-01-02',
      })
      .returning({ id: legalPerson.id });
    insts.push({ id: lp!.id, unitId: u, uscc: code, sponsor });
  }
}, 120_000);
afterAll(() => ta?.close());

describe('campaign and draw', () => {
  let first: Detail;
  it('draws with a recorded seed; stratified proportionally; conflicts excluded', async () => {
    expect((await ta.call(viewer, 'POST', '/api/registration/inspections', campaign())).statusCode).toBe(403);
    const c = await ok(await ta.call(staff, 'POST', '/api/registration/inspections', campaign()));
    expect(c.state).toBe('draft');
    first = (await ok(
      await ta.call(staff, 'POST', `/api/registration/inspections/${c.id}/draw`, { seed: SEED }),
    )) as unknown as Detail;
    expect(first).toMatchObject({ state: 'drawn', seed: SEED, algorithm: 'SM3-CTR-FY-v1' });
    expect(first.results).toHaveLength(4);
    // 40 % of 10 = 4, allocated 6:4 → 2.4 : 1.6 → 2 and 2 (largest remainder).
    expect(first.strata.map((s) => [s.candidates, s.drawn]).sort()).toEqual([
      [4, 2],
      [6, 2],
    ]);
    const key = (name: string) => first.pool.find((p) => p.name === name)!.key;
    for (const r of first.results) {
      const inst = insts.find((i) => i.id === r.legalPersonId)!;
      const names = r.inspectors.map((i) => i.name);
      if (inst.sponsor === ta.units.finance) expect(names).not.toContain('郑检查');
      if (inst.sponsor === sponsorB) expect(names).not.toContain('王检查');
      expect(r.inspectors).toHaveLength(2);
    }
    expect(key('周检查')).toMatch(/^p-/);
    await refused(await ta.call(staff, 'POST', `/api/registration/inspections/${c.id}/draw`, {}), 409, 'drawOnce');
  });

  it('the same seed reproduces the same draw; a different seed draws another', async () => {
    const again = await ok(await ta.call(staff, 'POST', '/api/registration/inspections', campaign()));
    const d2 = (await ok(
      await ta.call(staff, 'POST', `/api/registration/inspections/${again.id}/draw`, { seed: SEED }),
    )) as unknown as Detail;
    expect(d2.drawDigest).toBe(first.drawDigest);
    expect(d2.results.map((r) => [r.legalPersonId, r.inspectors.map((i) => i.key)])).toEqual(
      first.results.map((r) => [r.legalPersonId, r.inspectors.map((i) => i.key)]),
    );
    const other = await ok(await ta.call(staff, 'POST', '/api/registration/inspections', campaign()));
    const d3 = (await ok(
      await ta.call(staff, 'POST', `/api/registration/inspections/${other.id}/draw`, { seed: '6'.repeat(64) }),
    )) as unknown as Detail;
    expect(d3.drawDigest).not.toBe(first.drawDigest);
    // Without a seed the server chooses 32 random bytes and records them.
    const auto = await ok(
      await ta.call(
        staff,
        'POST',
        '/api/registration/inspections',
        campaign({ ratio: undefined, count: 3, stratifyBy: 'none' }),
      ),
    );
    const d4 = (await ok(
      await ta.call(staff, 'POST', `/api/registration/inspections/${auto.id}/draw`, {}),
    )) as unknown as Detail;
    expect(d4.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(d4.results).toHaveLength(3);
  });

  it('verify recomputes the draw (a leader, who cannot draw) and detects a tampered draw', async () => {
    const v = await ok(await ta.call(leader, 'GET', `/api/registration/inspections/${first.id}/verify`));
    expect(v).toMatchObject({
      ok: true,
      differences: [],
      storedDigest: first.drawDigest,
      recomputedDigest: first.drawDigest,
    });
    // Someone swaps the first drawn institution for one not drawn, in the result rows only.
    const notDrawn = insts.find((i) => !first.results.some((r) => r.legalPersonId === i.id))!;
    await ta.t.db.execute(
      sql`update random_inspection_result set legal_person_id = ${notDrawn.id}, unit_id = ${notDrawn.unitId} where id = ${first.results[0]!.id}`,
    );
    const v2 = await ok(await ta.call(leader, 'GET', `/api/registration/inspections/${first.id}/verify`));
    expect(v2.ok).toBe(false);
    expect((v2.differences as string[]).join()).toMatch(/抽查结果表第1行/);
    await ta.t.db.execute(
      sql`update random_inspection_result set legal_person_id = ${first.results[0]!.legalPersonId}, unit_id = ${first.results[0]!.unitId} where id = ${first.results[0]!.id}`,
    );
    // And in the stored draw itself (digest no longer matches).
    const row = (await ta.t.db.select().from(randomInspection).where(eq(randomInspection.id, first.id)))[0]!;
    const draw = row.draw as { legalPersonId: string; inspectors: string[] }[];
    const tampered = draw.map((x, i) => (i === 0 ? { ...x, inspectors: [...x.inspectors].reverse() } : x));
    await ta.t.db.update(randomInspection).set({ draw: tampered }).where(eq(randomInspection.id, first.id));
    const v3 = await ok(await ta.call(leader, 'GET', `/api/registration/inspections/${first.id}/verify`));
    expect(v3.ok).toBe(false);
    expect((v3.differences as string[]).join()).toMatch(/摘要不符/);
    await ta.t.db.update(randomInspection).set({ draw }).where(eq(randomInspection.id, first.id));
    expect((await ok(await ta.call(leader, 'GET', `/api/registration/inspections/${first.id}/verify`))).ok).toBe(true);
  });

  it('too few inspectors after conflicts: refused by name', async () => {
    const c = await ok(
      await ta.call(
        staff,
        'POST',
        '/api/registration/inspections',
        campaign({
          ratio: 100,
          inspectors: [
            { name: '周检查', unitId: null },
            { name: '郑检查', unitId: ta.units.finance },
          ],
        }),
      ),
    );
    await refused(
      await ta.call(staff, 'POST', `/api/registration/inspections/${c.id}/draw`, { seed: SEED }),
      409,
      'inspectorsInsufficient',
    );
    const both = await ta.call(staff, 'POST', '/api/registration/inspections', { ...campaign(), count: 2 });
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toMatch(/抽查比例和抽查数量须填且只填一项/);
  });
});

describe('results, rectification, publication', () => {
  let id = '';
  let results: Detail['results'] = [];
  it('records results with their rules; rectification; publication only when complete', async () => {
    const c = await ok(
      await ta.call(
        staff,
        'POST',
        '/api/registration/inspections',
        campaign({ ratio: undefined, count: 2, stratifyBy: 'none' }),
      ),
    );
    id = c.id;
    results = (
      (await ok(
        await ta.call(staff, 'POST', `/api/registration/inspections/${id}/draw`, { seed: SEED }),
      )) as unknown as Detail
    ).results;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const [a, b] = results;
    await refused(
      await ta.call(staff, 'POST', `/api/registration/inspections/${id}/publish`),
      409,
      'resultsIncomplete',
    );
    await refused(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${a!.id}`, {
        result: 'unqualified',
        findings: '档案管理不规范',
        inspectedOn: today,
      }),
      409,
      'rectificationDue',
    );
    await refused(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${a!.id}`, {
        result: 'basicallyQualified',
        findings: '',
        inspectedOn: today,
        rectificationDueOn: '2099-01-01',
      }),
      409,
      'findingsRequired',
    );
    await refused(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${a!.id}`, {
        result: 'qualified',
        inspectedOn: '2020-01-01',
      }),
      409,
      'inspectedBeforeDraw',
    );
    const r1 = await ok(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${a!.id}`, {
        result: 'unqualified',
        findings: '档案管理不规范，未及时变更登记',
        inspectedOn: today,
        rectificationDueOn: '2099-01-01',
      }),
    );
    expect((r1.results as { result: string }[])[0]).toMatchObject({
      result: 'unqualified',
      rectificationDueOn: '2099-01-01',
      rectificationDoneOn: null,
    });
    await refused(
      await ta.call(staff, 'POST', `/api/registration/inspections/${id}/results/${b!.id}/rectified`, {
        doneOn: today,
        note: '已整改',
      }),
      409,
      'nothingToRectify',
    );
    await ok(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${b!.id}`, {
        result: 'qualified',
        inspectedOn: today,
      }),
    );
    const rect = await ok(
      await ta.call(staff, 'POST', `/api/registration/inspections/${id}/results/${a!.id}/rectified`, {
        doneOn: today,
        note: '已补办变更登记，档案已整理',
      }),
    );
    expect((rect.results as { rectificationDoneOn: string }[])[0]!.rectificationDoneOn).toBe(today);
    const pub = await ok(await ta.call(leader, 'POST', `/api/registration/inspections/${id}/publish`));
    expect(pub).toMatchObject({ state: 'published', completed: 2 });
    await refused(
      await ta.call(staff, 'PUT', `/api/registration/inspections/${id}/results/${b!.id}`, {
        result: 'unqualified',
        inspectedOn: today,
      }),
      409,
      'resultsOnlyWhenDrawn',
    );
  });

  it('the public sees the published result without login, and no inspector names', async () => {
    const inst = insts.find((i) => i.id === results[0]!.legalPersonId)!;
    const res = await ta.call(null, 'GET', `/api/public/registration/institutions/${inst.uscc}`);
    const d = await ok(res);
    expect(d.inspections).toEqual([
      expect.objectContaining({
        result: 'unqualified',
        resultLabel: '不合格',
        findings: '档案管理不规范，未及时变更登记',
        rectificationDueOn: '2099-01-01',
      }),
    ]);
    for (const name of ['周检查', '吴检查', '郑检查', '王检查']) expect(res.body).not.toContain(name);
    // An unpublished campaign's results stay internal.
    const unpublished = insts.find((i) => !results.some((r) => r.legalPersonId === i.id))!;
    const u = await ok(await ta.call(null, 'GET', `/api/public/registration/institutions/${unpublished.uscc}`));
    expect(u.inspections).toEqual([]);
  });

  it('feeds the evaluation count of the campaign year', async () => {
    expect((await registrationCounts(ta.t.db, REGION, 2025)).inspectionsCompleted).toBe(2);
    expect((await registrationCounts(ta.t.db, REGION, 2024)).inspectionsCompleted).toBe(0);
  });
});
