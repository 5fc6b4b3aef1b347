/**
 * Publication through the report module's real pipeline (facts → template → checks → renderers)
 * on the demo data: 西区编办's 2021 部门决算情况说明 (seed 001). An edited number is judged by the
 * checks and blocks publication, naming the sentence; restored, the report publishes; a year
 * without facts is refused naming the missing fact; and every published file's text is free of
 * citizen IDs.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../db/demo/index.js';
import { unit } from '../../db/schema.js';
import { generateSm2KeyPair } from '../../platform/crypto/sm2.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { inspectPdf } from '../../platform/documents/index.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { todayInChina } from '../org/figures.service.js';
import { addDays, findCitizenIds, htmlText } from './publication.rules.js';

let ta: TestApp;
let leader: Session;
let staff: Session;
let officeId: string;
const approvedOn = () => addDays(todayInChina(), -2);

beforeAll(async () => {
  ta = await createTestApp();
  ta.t.keys.signing = generateSm2KeyPair().privateKey;
  // The demo's 西区 replaces the test app's small unit tree (its 机构限额 counts every organ).
  await ta.t.pool.query(`delete from unit where region_code = $1`, [REGION]);
  await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  officeId = (
    await ta.t.db
      .select({ id: unit.id })
      .from(unit)
      .where(and(eq(unit.regionCode, REGION), eq(unit.name, '中共攀枝花市西区区委机构编制委员会办公室')))
  )[0]!.id;
}, 300_000);
afterAll(() => ta?.close());

async function create(year: number): Promise<string> {
  const res = await ta.call(staff, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: officeId, year });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

interface Paragraph {
  key: string;
  runs: { text: string; source: string | null; numberId: string | null }[];
}

describe('publication of a generated report', () => {
  it('an edited number blocks publication, named; restored, the report publishes signed', async () => {
    const id = await create(2021);
    const detail = (await ta.call(staff, 'GET', `/api/reports/${id}`)).json();
    // The first paragraph stating a bound number: change that number in the prose.
    const p = (detail.paragraphs as Paragraph[]).find((x) =>
      x.runs.some((r) => r.source && /^\d+\.\d\d$/.test(r.text)),
    )!;
    const run = p.runs.find((r) => r.source && /^\d+\.\d\d$/.test(r.text))!;
    const wrong = (Number(run.text) + 5).toFixed(2);
    const original = p.runs.map((r) => r.text).join('');
    const edited = original.replace(run.text, wrong);
    const upd = await ta.call(staff, 'PATCH', `/api/reports/${id}`, { edits: { [p.key]: edited } });
    expect(upd.statusCode, upd.body).toBe(200);

    const pre = (await ta.call(leader, 'GET', `/api/reports/${id}/publication/preflight`)).json();
    expect(pre.errors).toBeGreaterThan(0);
    const blocked = await ta.call(leader, 'POST', `/api/reports/${id}/publish`, { approvedOn: approvedOn() });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toMatch(/项错误，不能公开：“/);
    // The finding names the relation the edited number broke, with the edited value in its computation.
    expect(
      blocked.json().details.some((f: { how: string; sentence: string }) => `${f.how}${f.sentence}`.includes(wrong)),
    ).toBe(true);

    await ta.call(staff, 'PATCH', `/api/reports/${id}`, { edits: { [p.key]: null } });
    const pub = await ta.call(leader, 'POST', `/api/reports/${id}/publish`, { approvedOn: approvedOn() });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().signature).toMatch(/^30/);
    // Published: the report can no longer be edited.
    const locked = await ta.call(staff, 'PATCH', `/api/reports/${id}`, { edits: { [p.key]: edited } });
    expect(locked.statusCode).toBe(409);

    const pdf = (await ta.app.inject({ method: 'GET', url: `/api/public/reports/${pub.json().id}.pdf` })).rawPayload;
    expect(sm3Hex(pdf)).toBe(pub.json().pdfSm3);
    const text = inspectPdf(pdf).pages.join('\n');
    expect(text.replace(/\s/g, '')).toContain('部门决算情况说明');
    expect(text).toContain(run.text);
  }, 120_000);

  it('a year without facts is refused naming the missing fact; nothing is published', async () => {
    const id = await create(2022);
    const res = await ta.call(leader, 'POST', `/api/reports/${id}/publish`, { approvedOn: approvedOn() });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/2022年度的部门预算和决算尚未填报/);
    expect((await ta.call(leader, 'GET', `/api/publications?reportId=${id}`)).json().items).toEqual([]);
  });

  it('no published file, HTML or PDF, carries an 18-character citizen ID', async () => {
    const offices = (await ta.app.inject({ method: 'GET', url: '/api/public/offices' })).json().items;
    let files = 0;
    for (const o of offices as { regionCode: string }[]) {
      const list = (await ta.app.inject({ method: 'GET', url: `/api/public/offices/${o.regionCode}/reports` })).json();
      for (const r of list.items as { id: string }[]) {
        const html = (await ta.app.inject({ method: 'GET', url: `/api/public/reports/${r.id}.html` })).body;
        const pdf = (await ta.app.inject({ method: 'GET', url: `/api/public/reports/${r.id}.pdf` })).rawPayload;
        expect(findCitizenIds(htmlText(html))).toEqual([]);
        for (const page of inspectPdf(pdf).pages) expect(findCitizenIds(page)).toEqual([]);
        files += 2;
      }
    }
    expect(files).toBeGreaterThanOrEqual(2);
    // The scan itself finds what it must.
    expect(findCitizenIds('身份证号510402199001011234。')).toEqual(['510402**********34']);
    expect(findCitizenIds('金额1752007.70元，编号20210000000000000000')).toEqual([]);
  });
});
