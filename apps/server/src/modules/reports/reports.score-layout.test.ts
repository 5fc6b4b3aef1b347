/**
 * The 评分版式 through the routes, on the demo tenant (西区, its 2021 evaluation): a new
 * self-evaluation report takes its framework version's default (`scoreLayout` of the body), else
 * the scoring table; the editor changes a report's layout (audited in the same transaction, a
 * checked report back to draft, the checks still green); a bad value is refused with a message
 * naming the field; the layout is only the self-evaluation's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../db/demo/index.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let office: string;
let evaluationId: string;

beforeAll(async () => {
  ta = await createTestApp();
  await ta.t.pool.query(`delete from unit where region_code = '510403'`);
  office = (await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys))).units.get('office')!;
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  const ev = await ta.t.pool.query(`select id from evaluation where unit_id = $1 and year = 2021`, [office]);
  evaluationId = ev.rows[0].id;
}, 300_000);
afterAll(() => ta?.close());

type Para = { key: string; kind: string; original: string };
const texts = (detail: { paragraphs: Para[] }) => detail.paragraphs.map((p) => p.original).join('\n');
const create = (extra: Record<string, unknown> = {}) =>
  ta.call(staff, 'POST', '/api/reports', {
    kind: 'selfEvaluation',
    unitId: office,
    year: 2021,
    evaluationId,
    ...extra,
  });

describe('a report’s 评分版式', () => {
  let id: string;

  it('a new report takes the scoring table when its framework names no layout', async () => {
    const res = await create();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scoreLayout).toBe('scoreTable');
  });

  it('a new report takes its framework version’s default; an explicit choice wins', async () => {
    await ta.t.pool.query(
      `update framework_version set body = body || '{"scoreLayout":"indicatorParagraphs"}'::jsonb
        where id = (select framework_version_id from evaluation where id = $1)`,
      [evaluationId],
    );
    const res = await create();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    id = r.id;
    expect(r.scoreLayout).toBe('indicatorParagraphs');
    expect(texts(r)).toMatch(/（\d+分）：.*得分\d+(\.\d+)?分。/);
    expect(texts(r)).not.toContain('扣分原因和其他说明');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'report.create' and object_id = $1`,
      [id],
    );
    expect(audit.rows[0].after.scoreLayout).toBe('indicatorParagraphs');
    expect((await create({ scoreLayout: 'scoredSections' })).json().scoreLayout).toBe('scoredSections');
  });

  it('the editor changes it: audited in the same transaction, back to draft, the checks green', async () => {
    await ta.t.pool.query(`update report set state = 'checked' where id = $1`, [id]);
    const before = (await ta.t.pool.query(`select count(*)::int n from audit_log where object_id = $1`, [id])).rows[0]
      .n;
    const res = await ta.call(staff, 'PATCH', `/api/reports/${id}`, { scoreLayout: 'scoredSections' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.scoreLayout).toBe('scoredSections');
    expect(r.state).toBe('draft');
    expect(texts(r)).toMatch(/（分值\d+分，自评得分\d+(\.\d+)?分）/);
    expect(texts(r)).toContain('绩效评价结论');
    const audit = await ta.t.pool.query(
      `select before, after from audit_log where action = 'report.update' and object_id = $1 order by seq`,
      [id],
    );
    expect(audit.rows.at(-1)!.before.scoreLayout).toBe('indicatorParagraphs');
    expect(audit.rows.at(-1)!.after.scoreLayout).toBe('scoredSections');
    expect((await ta.t.pool.query(`select count(*)::int n from audit_log where object_id = $1`, [id])).rows[0].n).toBe(
      before + 1,
    );
    const check = (await ta.call(staff, 'POST', `/api/reports/${id}/check`)).json();
    expect(check.errors).toBe(0);
    // Same layout again: nothing changes, no layout in the audit row.
    await ta.call(staff, 'PATCH', `/api/reports/${id}`, { scoreLayout: 'scoredSections' });
    const last = await ta.t.pool.query(
      `select before, after from audit_log where action = 'report.update' and object_id = $1 order by seq desc limit 1`,
      [id],
    );
    expect(last.rows[0].after.scoreLayout).toBeUndefined();
  });

  it('a bad value is refused, naming the field; the layout is the self-evaluation’s only; the column refuses it too', async () => {
    const bad = await ta.call(staff, 'PATCH', `/api/reports/${id}`, { scoreLayout: 'twoColumns' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('评分版式须为“评分表”“分节标注得分”或“逐项指标段落”');
    const badCreate = await create({ scoreLayout: 'table' });
    expect(badCreate.statusCode).toBe(400);
    expect(badCreate.body).toContain('评分版式须为');
    const fa = (
      await ta.call(staff, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office, year: 2021 })
    ).json();
    const refused = await ta.call(staff, 'PATCH', `/api/reports/${fa.id}`, { scoreLayout: 'scoredSections' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      message: '评分版式只适用于部门整体支出绩效自评报告',
      details: { field: 'scoreLayout' },
    });
    await expect(ta.t.pool.query(`update report set score_layout = 'x' where id = $1`, [id])).rejects.toThrow(
      /report_score_layout_check/,
    );
  });
});
