/**
 * 机构编制管理证 of a demo unit (区委编办, the demo data of 攀枝花市西区) through the real endpoint:
 * every figure on it is the as-of figures service's, the attributes, internal offices, subordinate
 * units and decisions are the unit's history; the download is audited; an out-of-scope unit and a
 * role without the permission are refused.
 */
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresResponse } from '@bianban/contracts';
import type { z } from 'zod';
import { assembleUscc, checkUscc } from '../registration/domain/uscc.js';
import { loadDemoData } from '../../db/demo/index.js';
import { inspectPdf } from '../../platform/documents/index.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

type FiguresResponseT = z.infer<typeof FiguresResponse>;

let ta: TestApp;
let staff: Session;
let units: Map<string, string>;
const AS_OF = '2021-12-31';

beforeAll(async () => {
  ta = await createTestApp();
  // The demo tenant on its own: the test app's six fixture units would count against its organ cap.
  await ta.t.pool.query(`delete from unit where region_code = '510403'`);
  units = (await ta.t.db.transaction((tx) => loadDemoData(tx, ta.t.keys))).units;
  staff = await ta.signIn(await ta.createUser('officeStaff'));
}, 180_000);
afterAll(() => ta?.close());

function entry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error('zip'));
      z.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return z.readEntry();
        z.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2 ?? new Error('stream'));
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            z.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      z.on('end', () => reject(new Error(`${name} 不在压缩包中`)));
      z.readEntry();
    });
  });
}

/** Each table row of a document.xml as its cells' texts joined by `|`. */
function tableRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
      .map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
      .join('|'),
  );
}

const id = (key: string) => {
  const v = units.get(key);
  if (!v) throw new Error(`演示单位 ${key} 不存在`);
  return v;
};

const get = (s: Session, unitId: string, query: string) =>
  ta.app.inject({
    method: 'GET',
    url: `/api/units/${unitId}/certificate?${query}`,
    headers: { cookie: s.cookie },
  });

describe('机构编制管理证', () => {
  let fig: FiguresResponseT;
  let docx: Buffer;

  beforeAll(async () => {
    const r = await ta.call(staff, 'GET', `/api/figures?unitId=${id('office')}&asOf=${AS_OF}`);
    expect(r.statusCode, r.body).toBe(200);
    fig = r.json();
    const res = await get(staff, id('office'), `format=docx&asOf=${AS_OF}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('机构编制管理证'));
    docx = res.rawPayload;
  });

  it('shows the figures of the as-of figures service, row by row', async () => {
    const rows = tableRows(await entry(docx, 'word/document.xml'));
    expect(fig.establishment.length).toBeGreaterThan(0);
    for (const r of [...fig.establishment, ...fig.posts])
      expect(rows).toContain(`${r.label}|${r.approved}|${r.actual}|${r.vacancy}|${r.over}`);
    const t = fig.total;
    expect(rows).toContain(`合计|${t.approved}|${t.actual}|${t.vacancy}|${t.over}`);
    // The demo: 行政编制 4 (3 in post at the end of 2021) and the 参公 centre's 6.
    expect(rows).toContain(`行政编制|4|3|1|0`);
  });

  it('states the unit, its nameplates, parent, internal offices, subordinate units and decisions as of the date', async () => {
    const xml = await entry(docx, 'word/document.xml');
    const rows = tableRows(xml);
    expect(rows).toContain('单位名称|中共攀枝花市西区区委机构编制委员会办公室');
    expect(rows).toContain('主管部门|中共攀枝花市西区区委');
    expect(rows).toContain('机构规格|正科');
    expect(rows).toContain('经费形式|全额拨款');
    expect(xml).toContain('综合股（加挂区事业单位登记管理局牌子）');
    expect(xml).toContain('机构编制管理股');
    // The subordinate centre with its own figures, from the same service.
    const centre = await ta.call(staff, 'GET', `/api/figures?unitId=${id('regCentre')}&asOf=${AS_OF}`);
    const c: FiguresResponseT = centre.json();
    expect(rows).toContain(`攀枝花市西区事业单位登记服务中心|事业单位|${c.total.approved}|${c.total.actual}`);
    // Decisions on or before the date, with 文号; none after it.
    const history = (await ta.call(staff, 'GET', `/api/units/${id('office')}/history`)).json() as {
      events: { date: string; decision: { docNumber: string } | null }[];
    };
    const before = history.events.filter((e) => e.decision && e.date <= AS_OF);
    const after = history.events.filter((e) => e.decision && e.date > AS_OF);
    expect(before.length).toBeGreaterThan(0);
    for (const e of before) expect(xml).toContain(e.decision!.docNumber);
    for (const e of after) expect(xml).not.toContain(e.decision!.docNumber);
    expect(xml).toContain('机构编制委员会办公室');
    expect(xml).toMatch(/510403-2021-[0-9A-F]{8}/);
  });

  it('states the code of the register (赋码 / 法人登记) as registered on the date, else the unit’s own', async () => {
    const code = assembleUscc('11', '510403', 'MB012345');
    expect(checkUscc(code).ok).toBe(true);
    expect((await ta.t.pool.query(`select 1 from legal_person where unit_id = $1`, [id('finance')])).rowCount).toBe(0);
    await ta.t.pool.query(
      `insert into legal_person (region_code, unit_id, kind, uscc, name, registered_on)
       values ('510403', $1, 'organ', $2, '攀枝花市西区财政局', '2021-06-01')`,
      [id('finance'), code],
    );
    const rowsOn = async (asOf: string) =>
      tableRows(
        await entry((await get(staff, id('finance'), `format=docx&asOf=${asOf}`)).rawPayload, 'word/document.xml'),
      );
    expect(await rowsOn(AS_OF)).toContain(`统一社会信用代码|${code}`);
    expect((await rowsOn('2021-05-31')).filter((r) => r.startsWith('统一社会信用代码|'))).not.toContain(
      `统一社会信用代码|${code}`,
    );
  });

  it('shows the functions text when the unit has one (三定)', async () => {
    const { rows } = await ta.t.pool.query<{ functions_text: string | null }>(
      `select functions_text from unit_version where unit_id = $1 and valid_from <= $2 and (valid_to is null or valid_to > $2)`,
      [id('office'), AS_OF],
    );
    const xml = await entry(docx, 'word/document.xml');
    const functions = rows[0]?.functions_text?.trim();
    if (functions) {
      expect(xml).toContain('主要职责');
      expect(xml).toContain(functions.split(/\r?\n/)[0]!.trim());
    } else expect(xml).not.toContain('主要职责');
  });

  it('renders as PDF with the same figures and the Chinese text embedded', async () => {
    const res = await get(staff, id('office'), `format=pdf&asOf=${AS_OF}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages, fonts } = inspectPdf(res.rawPayload);
    for (const f of fonts) expect(f.embedded, f.baseFont).toBe(true);
    const all = pages.join('').replace(/\s+/g, '');
    expect(all).toContain('机构编制管理证');
    expect(all).toContain(`核定编制${fig.total.approved}名，实有人员${fig.total.actual}名。`);
  });

  it('audits each download with the file digest', async () => {
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'unit.certificate' and object_id = $1 order by seq`,
      [id('office')],
    );
    expect(audit.rows.length).toBeGreaterThanOrEqual(2);
    expect(audit.rows[0].after).toMatchObject({ format: 'docx', asOf: AS_OF, size: docx.length });
    expect(audit.rows[0].after.sm3).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a unit outside the data scope', async () => {
    const narrow = await ta.signIn(await ta.createUser('officeStaff', { scopeUnitId: id('finance') }));
    const res = await get(narrow, id('office'), 'format=pdf');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    // Its own unit is fine.
    expect((await get(narrow, id('finance'), 'format=docx')).statusCode).toBe(200);
  });

  it('refuses roles without the permission', async () => {
    for (const role of ['viewer', 'deptReporter', 'financeReviewer'] as const) {
      // The unit is in each one's scope: the permission alone refuses.
      const s = await ta.signIn(await ta.createUser(role, { scopeUnitId: id('committee') }));
      const res = await get(s, id('office'), 'format=pdf');
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code, role).toBe('FORBIDDEN');
    }
    const denied = await ta.t.pool.query(
      `select count(*)::int n from audit_log where action = 'unit.certificate' and result = 'ok' and object_id = $1`,
      [id('office')],
    );
    expect(denied.rows[0].n).toBe(2);
  });

  it('refuses a bad format, a date before the unit existed and an internal office, in Chinese', async () => {
    const bad = await get(staff, id('office'), 'format=xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('格式须为 pdf 或 docx');
    const early = await get(staff, id('office'), 'format=pdf&asOf=2010-01-01');
    expect(early.statusCode).toBe(404);
    expect(early.json().message).toContain('2010年1月1日尚未设立或已撤销');
    const office = await get(staff, id('general'), 'format=pdf');
    expect(office.statusCode).toBe(409);
    expect(office.json().message).toContain('内设机构不单独出具');
  });
});
