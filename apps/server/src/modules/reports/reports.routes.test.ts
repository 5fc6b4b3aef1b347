/**
 * The report routes on the demo tenant (西区): permissions (read for business roles, edit for
 * office staff and department reporters), data scope, create / list / get / edit / check /
 * render (audited) / preview, and the named errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../db/demo/index.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let units: Map<string, string>;
let reportId: string;

beforeAll(async () => {
  ta = await createTestApp();
  await ta.t.pool.query(`delete from unit where region_code = '510403'`);
  units = (await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys))).units;
  staff = await ta.signIn(await ta.createUser('officeStaff'));
}, 300_000);
afterAll(() => ta?.close());

const office = () => units.get('office')!;

describe('reports', () => {
  it('office staff create a 部门决算情况说明 and read it with its bound numbers', async () => {
    const res = await ta.call(staff, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office(), year: 2021 });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    reportId = r.id;
    expect(r.title).toBe('中共攀枝花市西区区委机构编制委员会办公室2021年度部门决算情况说明');
    expect(r.state).toBe('draft');
    expect(r.error).toBeNull();
    const income = r.paragraphs.find((p: { key: string }) => p.key === 'income');
    const bound = income.runs.filter((x: { source: string | null }) => x.source);
    expect(bound.map((x: { text: string }) => x.text).slice(0, 3)).toEqual(['141.96', '134.04', '94.42']);
    expect(bound[0].source).toMatch(/^budget:.+:2021:stated\.incomeTotal\.final$/);
    const audit = await ta.t.pool.query(
      `select count(*)::int n from audit_log where action = 'report.create' and object_id = $1`,
      [reportId],
    );
    expect(audit.rows[0].n).toBe(1);
    const list = (await ta.call(staff, 'GET', '/api/reports?year=2021')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(reportId);
  });

  it('an edited wrong number is found by the checks; an unknown paragraph is refused', async () => {
    const detail = (await ta.call(staff, 'GET', `/api/reports/${reportId}`)).json();
    const original: string = detail.paragraphs.find((p: { key: string }) => p.key === 'income').original;
    const res = await ta.call(staff, 'PATCH', `/api/reports/${reportId}`, {
      edits: { income: original.replace('占94.42%', '占96.5%') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json().paragraphs.find((x: { key: string }) => x.key === 'income');
    expect(p.edited).toBe(true);
    expect(p.runs.find((x: { text: string }) => x.text === '96.5')).toMatchObject({
      source: null,
      numberId: 'income.generalBudget.share',
    });
    const check = (await ta.call(staff, 'POST', `/api/reports/${reportId}/check`)).json();
    expect(check.errors).toBe(1);
    expect(check.findings[0]).toMatchObject({
      check: 'share',
      stated: '96.5',
      bound: false,
      numberId: 'income.generalBudget.share',
    });
    expect(check.findings[0].recomputed).toContain('94.42');
    const bad = await ta.call(staff, 'PATCH', `/api/reports/${reportId}`, { edits: { nosuch: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('报告中没有编号为“nosuch”的段落');
    // Restoring the template text clears the edit.
    const restored = (await ta.call(staff, 'PATCH', `/api/reports/${reportId}`, { edits: { income: null } })).json();
    expect(restored.edited).toBe(0);
    expect((await ta.call(staff, 'POST', `/api/reports/${reportId}/check`)).json().errors).toBe(0);
  });

  it('renders DOCX, PDF and HTML as audited downloads; the preview is HTML', async () => {
    for (const [format, magic] of [
      ['docx', 'PK'],
      ['pdf', '%PDF'],
      ['html', '<!DOCTYPE html>'],
    ] as const) {
      const res = await ta.call(staff, 'GET', `/api/reports/${reportId}/render?format=${format}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.rawPayload.subarray(0, magic.length).toString('latin1').toUpperCase()).toBe(magic.toUpperCase());
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('部门决算情况说明'));
    }
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'report.render' and object_id = $1 order by seq`,
      [reportId],
    );
    expect(audit.rows.map((r) => r.after.format)).toEqual(['docx', 'pdf', 'html']);
    expect(audit.rows[1].after.sm3).toMatch(/^[0-9a-f]{64}$/);
    const preview = await ta.call(staff, 'GET', `/api/reports/${reportId}/preview`);
    expect(preview.headers['content-type']).toContain('text/html');
    expect(preview.body).toContain('data:image/svg+xml');
    const bad = await ta.call(staff, 'GET', `/api/reports/${reportId}/render?format=xls`);
    expect(bad.statusCode).toBe(400);
  }, 120_000);

  it('a self-evaluation report needs an evaluation of that department and year', async () => {
    const res = await ta.call(staff, 'POST', '/api/reports', { kind: 'selfEvaluation', unitId: office(), year: 2021 });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('须选择一份绩效自评');
    const evs = (await ta.call(staff, 'GET', `/api/evaluations?unitId=${office()}&year=2021`)).json();
    const ok = await ta.call(staff, 'POST', '/api/reports', {
      kind: 'selfEvaluation',
      unitId: office(),
      year: 2021,
      evaluationId: evs.items[0].id,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().paragraphs.some((p: { key: string }) => p.key === 'staff')).toBe(true);
    const wrongYear = await ta.call(staff, 'POST', '/api/reports', {
      kind: 'selfEvaluation',
      unitId: office(),
      year: 2020,
      evaluationId: evs.items[0].id,
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.body).toContain('不是中共攀枝花市西区区委机构编制委员会办公室2020年度的自评');
  });

  it('a year without budget facts: the report says which fact is missing, the render refuses with it', async () => {
    const created = (
      await ta.call(staff, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office(), year: 2019 })
    ).json();
    expect(created.error).toContain('2019年度的部门预算和决算尚未填报');
    const res = await ta.call(staff, 'GET', `/api/reports/${created.id}/render?format=docx`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('2019年度的部门预算和决算尚未填报');
    expect(res.json().details.fact).toMatch(/^budget:.+:2019$/);
  });

  it('permissions: viewers read but do not edit; finance reviewers do not edit; a reporter stays in scope', async () => {
    const viewer = await ta.signIn(await ta.createUser('viewer'));
    expect((await ta.call(viewer, 'GET', `/api/reports/${reportId}`)).statusCode).toBe(200);
    expect(
      (await ta.call(viewer, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office(), year: 2021 }))
        .statusCode,
    ).toBe(403);
    expect((await ta.call(viewer, 'PATCH', `/api/reports/${reportId}`, { title: '改个标题试试' })).statusCode).toBe(
      403,
    );
    const finance = await ta.signIn(await ta.createUser('financeReviewer'));
    expect((await ta.call(finance, 'PATCH', `/api/reports/${reportId}`, { title: '改个标题试试' })).statusCode).toBe(
      403,
    );
    const other = units.get('finance') ?? [...units.values()].find((u) => u !== office())!;
    const reporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: other }));
    expect((await ta.call(reporter, 'GET', `/api/reports/${reportId}`)).statusCode).toBe(403);
    expect((await ta.call(reporter, 'GET', `/api/reports/${reportId}/render?format=html`)).statusCode).toBe(403);
    expect(
      (await ta.call(reporter, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office(), year: 2021 }))
        .statusCode,
    ).toBe(403);
    expect((await ta.call(reporter, 'GET', '/api/reports')).json().items).toEqual([]);
    const admin = await ta.signIn(await ta.createUser('sysAdmin'));
    expect((await ta.call(admin, 'GET', '/api/reports')).statusCode).toBe(403);
  });
});
