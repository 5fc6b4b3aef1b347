/**
 * The demo's published report: on first start with demo data, the office's 2021 部门决算情况说明
 * is regenerated from the demo facts and published through the real pipeline, so the public
 * portal lists the office, its files and their verification; a draft self-evaluation report stays
 * with the office.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSm2KeyPair } from '../../platform/crypto/sm2.js';
import { createTestApp, REGION, type TestApp } from '../../test/app.js';
import { loadDemoData } from './index.js';
import { loadDemoReports } from './publications.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
  ta.t.keys.signing = generateSm2KeyPair().privateKey;
  // The demo's 西区 replaces the test app's small unit tree.
  await ta.t.pool.query(`delete from unit where region_code = $1`, [REGION]);
  await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys));
}, 300_000);
afterAll(() => ta?.close());

describe('demo reports', () => {
  it('without the demo leader account nothing is published', async () => {
    expect(await loadDemoReports(ta.t.db, ta.t.keys, REGION)).toEqual([]);
    expect((await ta.app.inject({ method: 'GET', url: '/api/public/offices' })).json().items).toEqual([]);
  });

  it('publishes the office’s 2021 决算说明, signed, on the public portal; drafts the self-evaluation report', async () => {
    await ta.createUser('officeLeader', { username: 'leader' });
    const titles = await loadDemoReports(ta.t.db, ta.t.keys, REGION);
    expect(titles).toEqual(['中共攀枝花市西区区委机构编制委员会办公室2021年度部门决算情况说明']);

    const offices = (await ta.app.inject({ method: 'GET', url: '/api/public/offices' })).json().items;
    expect(offices).toEqual([expect.objectContaining({ regionCode: REGION, reports: 1 })]);
    const list = (await ta.app.inject({ method: 'GET', url: `/api/public/offices/${REGION}/reports` })).json();
    expect(list.items).toHaveLength(1);
    const r = list.items[0];
    expect(r).toMatchObject({ title: titles[0], year: 2021, signed: true });
    const pdf = await ta.app.inject({ method: 'GET', url: `/api/public/reports/${r.id}.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const verified = (
      await ta.app.inject({
        method: 'POST',
        url: '/api/public/verify',
        headers: { 'x-requested-with': 'bianban' },
        payload: { sm3: r.pdfSm3 },
      })
    ).json();
    expect(verified).toMatchObject({ match: true, signatureValid: true, withdrawn: false });

    const audit = await ta.t.pool.query(
      `select action from audit_log where action in ('report.create', 'report.publish') order by seq`,
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['report.create', 'report.publish', 'report.create']);
    const drafts = await ta.t.pool.query(`select kind, state from report where state <> 'published'`);
    expect(drafts.rows).toEqual([{ kind: 'selfEvaluation', state: 'draft' }]);
  }, 120_000);
});
