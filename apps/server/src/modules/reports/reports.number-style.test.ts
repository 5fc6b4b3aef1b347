/**
 * The number style through the routes (ADR 0013), on the demo tenant (西区, seed 002): the region's
 * default (read by report readers, set by whoever may publish, audited), a new report taking it,
 * a report's own style changed in the editor (audited in the same transaction, numbers rewritten,
 * a checked report back to draft, a published one refused), the named validation errors, and the
 * rendered file written in the style.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../db/demo/index.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let office: string;

beforeAll(async () => {
  ta = await createTestApp();
  await ta.t.pool.query(`delete from unit where region_code = '510403'`);
  office = (await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys))).units.get('office')!;
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
}, 300_000);
afterAll(() => ta?.close());

type Para = { key: string; runs: { text: string; source: string | null }[] };
const paragraph = (detail: { paragraphs: Para[] }, key: string) =>
  detail.paragraphs
    .find((p) => p.key === key)!
    .runs.map((r) => r.text)
    .join('');

describe('the region’s default number style', () => {
  it('the demo tenant starts with seed 002’s style; readers see it, only a publisher sets it, audited', async () => {
    const got = await ta.call(staff, 'GET', '/api/reports/number-style');
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ numberStyle: { amounts: 'trimZeros', rates: 'trimZeros' }, chosen: true });

    const body = { numberStyle: { amounts: 'trimZeros', rates: 'twoDecimals' } };
    expect((await ta.call(staff, 'PUT', '/api/reports/number-style', body)).statusCode).toBe(403);
    const put = await ta.call(leader, 'PUT', '/api/reports/number-style', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().numberStyle).toEqual(body.numberStyle);
    const audit = await ta.t.pool.query(
      `select before, after from audit_log where action = 'report.numberStyle' and object_id = '510403'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].before).toEqual({ numberStyle: { amounts: 'trimZeros', rates: 'trimZeros' } });
    expect(audit.rows[0].after).toEqual(body);
  });

  it('refuses a style that is not one of the two, naming the field', async () => {
    const res = await ta.call(leader, 'PUT', '/api/reports/number-style', {
      numberStyle: { amounts: 'threeDecimals', rates: 'trimZeros' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('金额的数字格式须为“两位小数”或“去掉末尾的零”');
  });
});

describe('a report’s number style', () => {
  let id: string;

  it('a new report takes the region’s default (rates 两位小数: 002’s 6.6% is written 6.60%)', async () => {
    const res = await ta.call(staff, 'POST', '/api/reports', { kind: 'finalAccounts', unitId: office, year: 2021 });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    id = r.id;
    expect(r.numberStyle).toEqual({ amounts: 'trimZeros', rates: 'twoDecimals' });
    expect(paragraph(r, 'gb.structure')).toContain('8.85万元，占6.60%');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'report.create' and object_id = $1`,
      [id],
    );
    expect(audit.rows[0].after.numberStyle).toEqual(r.numberStyle);
    // An explicit choice wins over the default.
    const own = (
      await ta.call(staff, 'POST', '/api/reports', {
        kind: 'finalAccounts',
        unitId: office,
        year: 2021,
        numberStyle: { amounts: 'twoDecimals', rates: 'trimZeros' },
      })
    ).json();
    expect(own.numberStyle).toEqual({ amounts: 'twoDecimals', rates: 'trimZeros' });
    expect(paragraph(own, 'gb.structure')).toContain('8.85万元，占6.6%');
  });

  it('the editor changes it: numbers rewritten, checks green, audited in the same transaction, back to draft', async () => {
    await ta.t.pool.query(`update report set state = 'checked' where id = $1`, [id]);
    const before = (await ta.t.pool.query(`select count(*)::int n from audit_log where object_id = $1`, [id])).rows[0]
      .n;
    const res = await ta.call(staff, 'PATCH', `/api/reports/${id}`, {
      numberStyle: { amounts: 'trimZeros', rates: 'trimZeros' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.numberStyle).toEqual({ amounts: 'trimZeros', rates: 'trimZeros' });
    expect(r.state).toBe('draft');
    expect(paragraph(r, 'gb.structure')).toContain('8.85万元，占6.6%');
    const audit = await ta.t.pool.query(
      `select before, after from audit_log where action = 'report.update' and object_id = $1 order by seq`,
      [id],
    );
    expect(audit.rows.at(-1)!.before.numberStyle).toEqual({ amounts: 'trimZeros', rates: 'twoDecimals' });
    expect(audit.rows.at(-1)!.after.numberStyle).toEqual({ amounts: 'trimZeros', rates: 'trimZeros' });
    expect((await ta.t.pool.query(`select count(*)::int n from audit_log where object_id = $1`, [id])).rows[0].n).toBe(
      before + 1,
    );
    expect((await ta.call(staff, 'POST', `/api/reports/${id}/check`)).json().errors).toBe(0);
  });

  it('an edited paragraph keeps its bound numbers bound and writes them in the new style', async () => {
    const detail = (await ta.call(staff, 'GET', `/api/reports/${id}`)).json();
    const text = paragraph(detail, 'gb.structure').replace('主要用于以下方面', '主要用于');
    expect((await ta.call(staff, 'PATCH', `/api/reports/${id}`, { edits: { 'gb.structure': text } })).statusCode).toBe(
      200,
    );
    const r = (
      await ta.call(staff, 'PATCH', `/api/reports/${id}`, {
        numberStyle: { amounts: 'twoDecimals', rates: 'twoDecimals' },
      })
    ).json();
    const p = r.paragraphs.find((x: Para) => x.key === 'gb.structure') as Para & { edited: boolean };
    expect(p.edited).toBe(true);
    expect(paragraph(r, 'gb.structure')).toContain('主要用于：');
    expect(paragraph(r, 'gb.structure')).toContain('8.85万元，占6.60%');
    expect(p.runs.find((x) => x.text === '6.60')!.source).not.toBeNull();
    const check = (await ta.call(staff, 'POST', `/api/reports/${id}/check`)).json();
    expect(check.errors).toBe(0);
    // The HTML file is written in the report's style too.
    const html = (await ta.call(staff, 'GET', `/api/reports/${id}/render?format=html`)).body.replace(/<[^>]+>/g, '');
    expect(html).toContain('8.85万元，占6.60%');
    expect(html).not.toContain('6.6%');
  }, 60_000);

  it('a wrong style is a named error; a published report keeps its style', async () => {
    const bad = await ta.call(staff, 'PATCH', `/api/reports/${id}`, {
      numberStyle: { amounts: 'twoDecimals', rates: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('百分比的数字格式须为“两位小数”或“去掉末尾的零”');
    await ta.t.pool.query(`update report set state = 'published' where id = $1`, [id]);
    const refused = await ta.call(staff, 'PATCH', `/api/reports/${id}`, {
      numberStyle: { amounts: 'trimZeros', rates: 'trimZeros' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('报告已公开，不能再修改');
    // The column refuses what the contract refuses.
    await expect(ta.t.pool.query(`update report set amount_style = 'x' where id = $1`, [id])).rejects.toThrow(
      /report_amount_style_check/,
    );
  });
});
