/**
 * Publication end to end over HTTP on the real database: the checks gate, warnings accepted with
 * reasons, the three files kept immutably with SM3 digests and an SM2 signature, the public portal
 * without login, verification, withdrawal, the 预决算 deadline, scope, permissions, the personal
 * data scan, render failures and the year's batch zip.
 *
 * The documents are built here (publication.source.ts test seam) and judged by the real
 * consistency-check library: publication does not depend on which template wrote a document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cell, heading, para, text, type Document } from '../../platform/documents/index.js';
import { generateSm2KeyPair, verifyDigest } from '../../platform/crypto/sm2.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { todayInChina } from '../org/figures.service.js';
import { runChecks } from './domain/checks.js';
import type { Check, StatedNumber } from './domain/claims.js';
import { addDays } from './publication.rules.js';
import { useReportBuilderForTests, type ReportRow } from './publication.source.js';
import { report } from './reports.schema.js';

type Case = 'ok' | 'error' | 'warning' | 'citizenId' | 'renderFail';

let ta: TestApp;
let leader: Session;
let staff: Session;
let viewer: Session;
let scopedLeader: Session;
let restore: () => void;
const cases = new Map<string, Case>();
/** Changes the text of every built document: stands for a later edit of the report or its facts. */
let revision = 1;
const signing = generateSm2KeyPair();

function num(id: string, value: string, block: number, sentence: string): StatedNumber {
  return {
    id,
    text: value,
    value,
    decimals: value.includes('.') ? value.split('.')[1]!.length : 0,
    unit: '万元',
    location: { block, kind: 'paragraph' },
    sentence,
  };
}

/** A small 决算说明: income total and its four sources; `c` decides what is wrong with it. */
function buildCase(row: ReportRow, c: Case): { document: Document; numbers: StatedNumber[]; checks: Check[] } {
  const total = c === 'error' ? '45.00' : c === 'warning' ? '40.01' : '40.00';
  const s1 = `${row.year}年本年收入合计${total}万元，其中财政拨款收入10.00万元、事业收入10.00万元、经营收入10.00万元、其他收入10.00万元。`;
  const blocks: Document['blocks'] = [
    heading(1, '一、收入支出决算总体情况'),
    para(s1),
    para(`本文档第${revision}版。`),
    {
      kind: 'table',
      columns: [{ width: 2 }, { width: 1 }],
      header: [[cell('项目'), cell('金额（万元）')]],
      rows:
        c === 'renderFail'
          ? [[cell('收入合计'), cell(total), cell('多出的一列')]]
          : [
              [cell('收入合计'), cell(total)],
              [cell('财政拨款收入'), cell('10.00')],
            ],
    },
  ];
  if (c === 'citizenId') blocks.push(para([text('联系人身份证号：510402199001011234')]));
  const numbers = [
    num('total', total, 1, s1),
    num('p1', '10.00', 1, s1),
    num('p2', '10.00', 1, s1),
    num('p3', '10.00', 1, s1),
    num('p4', '10.00', 1, s1),
  ];
  const checks: Check[] = [{ kind: 'sum', label: '本年收入合计', total: 'total', parts: ['p1', 'p2', 'p3', 'p4'] }];
  return { document: { title: row.title, blocks }, numbers, checks };
}

async function newReport(unitId: string, c: Case, opts: { kind?: string; year?: number; title?: string } = {}) {
  const [r] = await ta.t.db
    .insert(report)
    .values({
      regionCode: REGION,
      kind: opts.kind ?? 'finalAccounts',
      unitId,
      year: opts.year ?? 2024,
      title: opts.title ?? `部门决算情况说明（${c}）`,
    })
    .returning();
  cases.set(r!.id, c);
  return r!.id;
}

function multipart(name: string, content: Buffer) {
  const boundary = '----bianbanVerifyBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-requested-with': 'bianban' },
  };
}

const anon = (url: string) => ta.app.inject({ method: 'GET', url });
const verifyFile = (content: Buffer) =>
  ta.app.inject({ method: 'POST', url: '/api/public/verify', ...multipart('r.pdf', content) });
const verifyDigestCall = (sm3: string) =>
  ta.app.inject({
    method: 'POST',
    url: '/api/public/verify',
    headers: { 'x-requested-with': 'bianban' },
    payload: { sm3 },
  });
const publish = (s: Session, id: string, body: object = {}) =>
  ta.call(s, 'POST', `/api/reports/${id}/publish`, { approvedOn: addDays(todayInChina(), -3), ...body });
const count = async (q: string, ...params: unknown[]) => (await ta.t.pool.query<{ n: number }>(q, params)).rows[0]!.n;

/** The year batch writes its zip under the data directory. */
const dataDir = mkdtempSync(join(tmpdir(), 'bianban-publication-'));

beforeAll(async () => {
  ta = await createTestApp({ dataDir });
  ta.t.keys.signing = signing.privateKey;
  restore = useReportBuilderForTests(async (_db, _scope, row) => {
    const b = buildCase(row, cases.get(row.id) ?? 'ok');
    return { document: b.document, findings: runChecks(b.numbers, b.checks) };
  });
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  viewer = await ta.signIn(await ta.createUser('viewer'));
  scopedLeader = await ta.signIn(await ta.createUser('officeLeader', { scopeUnitId: ta.units.finance }));
}, 60_000);

afterAll(async () => {
  restore();
  await ta.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the checks gate publication', () => {
  it('preflight lists errors and warnings, each with a key', async () => {
    const id = await newReport(ta.units.finance, 'warning');
    const res = await ta.call(leader, 'GET', `/api/reports/${id}/publication/preflight`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ errors: 0, warnings: 1, published: false, deadlineApplies: true, signing: true });
    expect(p.findings[0]).toMatchObject({
      severity: 'warning',
      label: '本年收入合计',
      stated: '40.01',
      recomputed: '40',
    });
    expect(p.findings[0].key).toMatch(/^sum:total:/);
  });

  it('is blocked while an error remains, naming it; nothing is written', async () => {
    const id = await newReport(ta.units.finance, 'error');
    const res = await publish(leader, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RULE_VIOLATION');
    expect(res.json().message).toMatch(/1项错误，不能公开：“本年收入合计”/);
    expect(res.json().details[0]).toMatchObject({ severity: 'error', stated: '45.00', recomputed: '40' });
    expect(await count(`select count(*)::int n from publication where report_id = $1`, id)).toBe(0);
    expect(await count(`select count(*)::int n from report where id = $1 and state = 'draft'`, id)).toBe(1);
  });

  it('requires every warning accepted with a reason; refuses acceptances of warnings that are not there', async () => {
    const id = await newReport(ta.units.finance, 'warning', { title: '含尾差的决算说明' });
    const none = await publish(leader, id);
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/1项警告未说明接受理由.*本年收入合计/);
    const key = (await ta.call(leader, 'GET', `/api/reports/${id}/publication/preflight`)).json().findings[0].key;
    const stale = await publish(leader, id, { acceptWarnings: [{ key: 'sum:gone:x', reason: '旧的警告' }] });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().message).toMatch(/不在当前检查结果中/);
    const short = await publish(leader, id, { acceptWarnings: [{ key, reason: ' ' }] });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/理由/);
    const ok = await publish(leader, id, { acceptWarnings: [{ key, reason: '各项收入四舍五入形成的尾差' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().acceptedWarnings).toEqual([
      expect.objectContaining({ key, label: '本年收入合计', reason: '各项收入四舍五入形成的尾差' }),
    ]);
    const pub = (await anon(`/api/public/offices/${REGION}/reports`)).json();
    const shown = pub.items.find((r: { title: string }) => r.title === '含尾差的决算说明');
    expect(shown.acceptedWarnings[0].reason).toBe('各项收入四舍五入形成的尾差');
  });

  it('预决算 without a 批复日期 is refused; a future one too', async () => {
    const id = await newReport(ta.units.finance, 'ok');
    const res = await ta.call(leader, 'POST', `/api/reports/${id}/publish`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/批复日期/);
    const future = await publish(leader, id, { approvedOn: addDays(todayInChina(), 2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/晚于今天/);
  });
});

describe('publishing', () => {
  let id: string;
  let pubId: string;
  let pdf: Buffer;

  it('renders DOCX, PDF and HTML once, digests and signs the PDF, marks the report, audits', async () => {
    id = await newReport(ta.units.finance, 'ok', { title: '区财政局2024年度部门决算情况说明' });
    const res = await publish(leader, id);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    pubId = p.id;
    expect(p.files.map((f: { format: string }) => f.format)).toEqual(['docx', 'html', 'pdf']);
    expect(p.state).toBe('published');
    expect(p.signerPublicKey).toBe(signing.publicKey);
    expect(verifyDigest(signing.publicKey, p.pdfSm3, p.signature)).toBe(true);
    const file = await anon(`/api/public/reports/${pubId}.pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    pdf = file.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sm3Hex(pdf)).toBe(p.pdfSm3);
    expect(file.headers['x-content-sm3']).toBe(p.pdfSm3);
    expect(
      await count(
        `select count(*)::int n from report where id = $1 and state = 'published' and published_at is not null`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(`select count(*)::int n from audit_log where action = 'report.publish' and object_id = $1`, id),
    ).toBe(1);
    const again = await publish(leader, id);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/已公开；如需重新公开，请先撤回/);
  });

  it('keeps the published files as they were: a later edit changes nothing, and the database refuses rewrites', async () => {
    revision++;
    await ta.t.db.execute(sql`update report set title = '改过的标题', edits = '{"p1":"改过的段落"}' where id = ${id}`);
    const html = await anon(`/api/public/reports/${pubId}.html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('本文档第1版');
    expect(html.body).toContain('区财政局2024年度部门决算情况说明');
    expect(sm3Hex((await anon(`/api/public/reports/${pubId}.pdf`)).rawPayload)).toBe(sm3Hex(pdf));
    await expect(
      ta.t.pool.query(`update publication_file set content = 'x'::bytea where publication_id = $1`, [pubId]),
    ).rejects.toThrow(/immutable/);
    await expect(ta.t.pool.query(`delete from publication_file where publication_id = $1`, [pubId])).rejects.toThrow(
      /immutable/,
    );
    await expect(ta.t.pool.query(`update publication set pdf_sm3 = 'x' where id = $1`, [pubId])).rejects.toThrow(
      /immutable except for its withdrawal/,
    );
    await expect(ta.t.pool.query(`delete from publication where id = $1`, [pubId])).rejects.toThrow(/kept/);
  });

  it('serves the portal without login and without personal data', async () => {
    const offices = await anon('/api/public/offices');
    expect(offices.statusCode).toBe(200);
    expect(offices.json().items).toEqual([
      expect.objectContaining({ regionCode: REGION, name: '攀枝花市西区', reports: expect.any(Number) }),
    ]);
    const list = await anon(`/api/public/offices/${REGION}/reports`);
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((r: { id: string }) => r.id === pubId);
    expect(item).toMatchObject({
      title: '区财政局2024年度部门决算情况说明',
      kind: 'finalAccounts',
      department: '区财政局',
      year: 2024,
      pdfSm3: sm3Hex(pdf),
      signed: true,
    });
    expect(Object.keys(item)).not.toContain('publishedBy');
    const docx = await anon(`/api/public/reports/${pubId}.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment/);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await anon('/api/public/offices/999999/reports')).statusCode).toBe(404);
    expect((await anon(`/api/public/reports/${pubId}.exe`)).statusCode).toBe(400);
    expect((await anon(`/api/public/reports/00000000-0000-0000-0000-000000000000.pdf`)).statusCode).toBe(404);
    const key = await anon('/api/public/signing-key');
    expect(key.json().publicKey).toBe(signing.publicKey);
  });

  it('verifies an uploaded PDF and its signature; refuses a tampered PDF and an unknown digest', async () => {
    const good = await verifyFile(pdf);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      match: true,
      signatureValid: true,
      withdrawn: false,
      report: { id: pubId, title: '区财政局2024年度部门决算情况说明', department: '区财政局', format: 'pdf' },
    });
    expect(good.json().message).toMatch(/SM2 签名验证通过/);
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('本') >= 0 ? tampered.indexOf('本') : 200;
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await verifyFile(tampered);
    expect(bad.json()).toMatchObject({ match: false, signatureValid: null, report: null });
    expect(bad.json().message).toMatch(/未找到/);
    const byDigest = await verifyDigestCall(sm3Hex(pdf).toUpperCase());
    expect(byDigest.json()).toMatchObject({ match: true, signatureValid: true });
    expect((await verifyDigestCall('ab'.repeat(32))).json().match).toBe(false);
    expect((await verifyDigestCall('xyz')).statusCode).toBe(400);
    const noHeader = await ta.app.inject({ method: 'POST', url: '/api/public/verify', payload: { sm3: sm3Hex(pdf) } });
    expect(noHeader.statusCode).toBe(403);
  });

  it('withdrawal keeps the record with the reason; the portal stops serving it; it can be published again', async () => {
    const noReason = await ta.call(leader, 'POST', `/api/publications/${pubId}/withdraw`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const w = await ta.call(leader, 'POST', `/api/publications/${pubId}/withdraw`, {
      reason: '数据有误，更正后重新公开',
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', withdrawReason: '数据有误，更正后重新公开' });
    expect((await anon(`/api/public/reports/${pubId}.pdf`)).statusCode).toBe(404);
    const listed = (await anon(`/api/public/offices/${REGION}/reports`)).json().items;
    expect(listed.some((r: { id: string }) => r.id === pubId)).toBe(false);
    const v = (await verifyFile(pdf)).json();
    expect(v).toMatchObject({ match: true, withdrawn: true });
    expect(v.message).toMatch(/撤回/);
    const twice = await ta.call(leader, 'POST', `/api/publications/${pubId}/withdraw`, { reason: '再撤一次' });
    expect(twice.statusCode).toBe(409);
    const history = (await ta.call(viewer, 'GET', `/api/publications?reportId=${id}`)).json().items;
    expect(history).toHaveLength(1);
    expect(history[0].withdrawReason).toBe('数据有误，更正后重新公开');
    const internal = await ta.call(viewer, 'GET', `/api/publications/${pubId}/files/pdf`);
    expect(sm3Hex(internal.rawPayload)).toBe(sm3Hex(pdf));
    const re = await publish(leader, id);
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().title).toBe('改过的标题');
    expect(re.json().pdfSm3).not.toBe(sm3Hex(pdf));
    expect((await ta.call(viewer, 'GET', `/api/publications?reportId=${id}`)).json().items).toHaveLength(2);
  });

  it('without a signing key the PDF is published unsigned, and verification says so', async () => {
    ta.t.keys.signing = null;
    try {
      const id2 = await newReport(ta.units.financeSub, 'ok', { title: '未签名的决算说明' });
      const p = (await publish(leader, id2)).json();
      expect(p.signature).toBeNull();
      const v = (await verifyDigestCall(p.pdfSm3)).json();
      expect(v).toMatchObject({ match: true, signatureValid: null });
      expect(v.message).toMatch(/未签名/);
    } finally {
      ta.t.keys.signing = signing.privateKey;
    }
  });
});

describe('bad input: nothing half-published', () => {
  it('refuses a document carrying a citizen ID and names where, masked', async () => {
    const id = await newReport(ta.units.finance, 'citizenId');
    const res = await publish(leader, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/疑似身份证号（HTML：510402\*{10}34，PDF第1页：510402\*{10}34）/);
    expect(res.body).not.toContain('510402199001011234');
    expect(await count(`select count(*)::int n from publication where report_id = $1`, id)).toBe(0);
  });

  it('a render failure leaves the report unpublished', async () => {
    const id = await newReport(ta.units.finance, 'renderFail');
    const res = await publish(leader, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^生成DOCX失败，报告未公开：表格第2行的单元格超出2列/);
    expect(await count(`select count(*)::int n from publication where report_id = $1`, id)).toBe(0);
    expect(await count(`select count(*)::int n from report where id = $1 and state = 'draft'`, id)).toBe(1);
  });
});

describe('permissions and scope', () => {
  it('only report.publish publishes, withdraws and records approvals', async () => {
    const id = await newReport(ta.units.finance, 'ok');
    expect((await publish(staff, id)).statusCode).toBe(403);
    expect((await ta.call(staff, 'GET', `/api/reports/${id}/publication/preflight`)).statusCode).toBe(403);
    expect((await ta.call(staff, 'PUT', `/api/reports/${id}/approval`, { approvedOn: '2025-01-02' })).statusCode).toBe(
      403,
    );
    const p = (await publish(leader, id)).json();
    expect(
      (await ta.call(viewer, 'POST', `/api/publications/${p.id}/withdraw`, { reason: '无权撤回' })).statusCode,
    ).toBe(403);
    expect((await ta.call(null, 'GET', '/api/publications/deadlines?year=2024')).statusCode).toBe(401);
  });

  it('a leader scoped to one department neither publishes nor lists outside it', async () => {
    const outside = await newReport(ta.units.office, 'ok', { title: '区委编办决算说明' });
    const res = await publish(scopedLeader, outside);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    const rows = (await ta.call(scopedLeader, 'GET', '/api/publications/deadlines?year=2024')).json().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { unitId: string }) => [ta.units.finance, ta.units.financeSub].includes(r.unitId))).toBe(
      true,
    );
    const all = (await ta.call(leader, 'GET', '/api/publications/deadlines?year=2024')).json().items;
    expect(all.some((r: { unitId: string }) => r.unitId === ta.units.office)).toBe(true);
  });
});

describe('预决算 deadline: within 20 days of the 批复', () => {
  it('shows overdue, due in N days, published on time and without approval', async () => {
    const today = todayInChina();
    const year = 2023;
    const overdue = await newReport(ta.units.finance, 'ok', { year, title: '逾期的决算说明' });
    const due = await newReport(ta.units.financeSub, 'ok', { year, title: '待公开的决算说明' });
    const onTime = await newReport(ta.units.office, 'ok', { year, title: '按期公开的决算说明' });
    await newReport(ta.units.root, 'ok', { year, title: '未批复的决算说明' });
    await newReport(ta.units.root, 'ok', { year, kind: 'selfEvaluation', title: '自评报告不计时限' });
    expect(
      (await ta.call(leader, 'PUT', `/api/reports/${overdue}/approval`, { approvedOn: addDays(today, -25) }))
        .statusCode,
    ).toBe(200);
    expect(
      (await ta.call(leader, 'PUT', `/api/reports/${due}/approval`, { approvedOn: addDays(today, -5) })).statusCode,
    ).toBe(200);
    expect((await publish(leader, onTime, { approvedOn: addDays(today, -1) })).statusCode).toBe(200);
    const res = await ta.call(viewer, 'GET', `/api/publications/deadlines?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const byTitle = Object.fromEntries(
      res.json().items.map((r: { title: string; status: string; daysLeft: number | null }) => [r.title, r]),
    );
    expect(Object.keys(byTitle)).toHaveLength(4);
    expect(byTitle['逾期的决算说明']).toMatchObject({ status: 'overdue', daysLeft: -5, dueOn: addDays(today, -5) });
    expect(byTitle['待公开的决算说明']).toMatchObject({ status: 'due', daysLeft: 15 });
    expect(byTitle['按期公开的决算说明']).toMatchObject({
      status: 'publishedOnTime',
      publishedOn: today,
      daysLeft: null,
    });
    expect(byTitle['未批复的决算说明']).toMatchObject({ status: 'noApproval', dueOn: null });
    expect(res.json().items[0].title).toBe('逾期的决算说明');
    const notDeadline = (await ta.call(viewer, 'GET', `/api/publications?year=${year}`)).json().items;
    expect(notDeadline).toHaveLength(1);
    const selfEval = (await ta.t.pool.query(`select id from report where title = '自评报告不计时限'`)).rows[0].id;
    const refused = await ta.call(leader, 'PUT', `/api/reports/${selfEval}/approval`, { approvedOn: today });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/不是预决算报告/);
  });
});

describe('the year batch', () => {
  it('renders every department’s report as a job with progress and zips one file per department', async () => {
    const year = 2022;
    const units = [ta.units.finance, ta.units.financeSub, ta.units.office];
    for (const u of units) await newReport(u, 'ok', { year, title: '部门决算情况说明' });
    await newReport(ta.units.root, 'renderFail', { year, title: '表格有误的决算说明' });
    await newReport(ta.units.root, 'ok', { year, kind: 'selfEvaluation', title: '另一类报告' });
    const started = await ta.call(leader, 'POST', '/api/reports/batch', { year, kind: 'finalAccounts', format: 'pdf' });
    expect(started.statusCode, started.body).toBe(200);
    const jobId = started.json().id;
    await ta.call(leader, 'GET', `/api/jobs/${jobId}/events`);
    const job = (await ta.call(leader, 'GET', `/api/jobs/${jobId}`)).json();
    expect(job.state, job.error).toBe('succeeded');
    expect(job.result).toEqual({ files: 3, failed: [{ unitName: '区委', message: expect.stringMatching(/超出2列/) }] });
    const file = await ta.call(leader, 'GET', `/api/jobs/${jobId}/file`);
    const zip = await JSZip.loadAsync(file.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        '区委编办_部门决算情况说明.pdf',
        '区财政局_部门决算情况说明.pdf',
        '区财政评审中心_部门决算情况说明.pdf',
        '未生成清单.txt',
      ].sort(),
    );
    const pdf = await zip.file('区财政局_部门决算情况说明.pdf')!.async('nodebuffer');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await zip.file('未生成清单.txt')!.async('string')).toMatch(/^区委：/);
  });

  it('a scoped account batches only its departments; an empty year is a clear failure', async () => {
    const started = await ta.call(scopedLeader, 'POST', '/api/reports/batch', {
      year: 2022,
      kind: 'finalAccounts',
      format: 'html',
    });
    const jobId = started.json().id;
    await ta.call(scopedLeader, 'GET', `/api/jobs/${jobId}/events`);
    const file = await ta.call(scopedLeader, 'GET', `/api/jobs/${jobId}/file`);
    const names = Object.keys((await JSZip.loadAsync(file.rawPayload)).files).sort();
    expect(names).toEqual(['区财政局_部门决算情况说明.html', '区财政评审中心_部门决算情况说明.html']);
    const empty = await ta.call(leader, 'POST', '/api/reports/batch', { year: 2001, kind: 'finalAccounts' });
    await ta.call(leader, 'GET', `/api/jobs/${empty.json().id}/events`);
    const failed = (await ta.call(leader, 'GET', `/api/jobs/${empty.json().id}`)).json();
    expect(failed).toMatchObject({ state: 'failed', error: '2001年没有可生成的部门决算情况说明' });
  });
});
