/**
 * 报告核查 through HTTP: upload several files through the platform upload, check them in one
 * batch (a scanned PDF gets its message, the others are still checked), the permission, the XLSX
 * export (formula-neutralised), and a report's facts proposed as a budget year then saved through
 * the budget service.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedReportsResponse, ReportCheckBudgetProposal } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { encodeGbk } from '../../platform/files/test-fixtures.js';
import { buildDocx, buildScannedPdf } from './test/fixtures.js';

const SEED = fileURLToPath(new URL('../../../../../test-data/seeds/002_a6dc4b4ac008ddf4.txt', import.meta.url));

let ta: TestApp;
let staff: Session;
let finance: Session;
let viewer: Session;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  finance = await ta.signIn(await ta.createUser('financeReviewer'));
  viewer = await ta.signIn(await ta.createUser('viewer'));
});
afterAll(() => ta.close());

async function upload(s: Session, name: string, content: Buffer): Promise<string> {
  const boundary = '----reportCheckBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const res = await ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

describe('报告核查', () => {
  it('checks a batch of files, continuing past one that cannot be read', async () => {
    const seed = await upload(staff, '西区2021决算.txt', readFileSync(SEED));
    const scan = await upload(staff, '扫描件.pdf', await buildScannedPdf());
    const docx = await upload(
      staff,
      '自评.docx',
      await buildDocx(
        ['2022年部门整体支出绩效评价报告'],
        [['人员编制', '6', '实有人数', '4']],
        ['核定行政编制4名，事业编制2名，截至2022年12月31日，实有7人。'],
      ),
    );
    const res = await ta.call(staff, 'POST', '/api/report-check/check', { fileIds: [seed, scan, docx] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as CheckedReportsResponse;
    expect(body.items.map((i) => i.name)).toEqual(['西区2021决算.txt', '扫描件.pdf', '自评.docx']);
    const [a, b, c] = body.items as [
      CheckedReportsResponse['items'][number],
      CheckedReportsResponse['items'][number],
      CheckedReportsResponse['items'][number],
    ];
    expect(a.error).toBeNull();
    expect(a.meta).toMatchObject({ year: 2021, region: '攀枝花市西区' });
    expect(a.counts.errors).toBe(5);
    const growth = a.findings.find((f) => f.location.line === 36 && f.severity === 'error')!;
    expect(growth).toMatchObject({ stated: '5.43', recomputed: '12.19', check: 'growth' });
    const n = a.numbers.find((x) => x.id === growth.numberId)!;
    const block = a.blocks[n.location.block]!;
    expect(block.kind === 'paragraph' && block.text.slice(n.location.start, n.location.end)).toBe('5.43%');
    expect(b.error).toBe('扫描件，无文字层，无法读取');
    expect(b.findings).toEqual([]);
    expect(c.error).toBeNull();
    expect(c.findings.find((f) => f.severity === 'error')).toMatchObject({ stated: '7', recomputed: '4' });
  });

  it('checks a GB18030 (GBK) text file uploaded through the platform (stored as UTF-8)', async () => {
    const text =
      '中共示例县委机构编制委员会办公室2022年度部门决算\r\n2022年度收、支总计141.96万元。与2021年相比，收、支总计增加15.42万元，增长5.43%。\r\n';
    const id = await upload(staff, '决算（GBK）.txt', encodeGbk(text));
    const res = await ta.call(staff, 'POST', '/api/report-check/check', { fileIds: [id] });
    expect(res.statusCode, res.body).toBe(200);
    const [item] = (res.json() as CheckedReportsResponse).items;
    expect(item!.error).toBeNull();
    expect(item!.meta).toMatchObject({ year: 2022, region: '示例县' });
    expect(item!.findings).toHaveLength(1);
    expect(item!.findings[0]).toMatchObject({
      severity: 'error',
      stated: '5.43',
      recomputed: '12.19',
      check: 'growth',
    });
    expect(item!.findings[0]!.location.line).toBe(2);
  });

  it('is for office and finance staff only; another user’s upload is not found', async () => {
    const own = await upload(staff, 'a.txt', Buffer.from('2022年度部门决算\n本年收入合计10万元。'));
    expect((await ta.call(viewer, 'POST', '/api/report-check/check', { fileIds: [own] })).statusCode).toBe(403);
    const other = await ta.call(finance, 'POST', '/api/report-check/check', { fileIds: [own] });
    expect(other.statusCode).toBe(404);
    const mine = await upload(finance, 'b.txt', Buffer.from('2022年度部门决算\n本年收入合计10万元。'));
    expect((await ta.call(finance, 'POST', '/api/report-check/check', { fileIds: [mine] })).statusCode).toBe(200);
    const bad = await ta.call(staff, 'POST', '/api/report-check/check', { fileIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请至少选择一个文件');
  });

  it('exports the findings as XLSX with formula-like text neutralised', async () => {
    const text =
      '2022年度部门决算\n=HYPERLINK("x")本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元；政府性基金预算财政拨款收入7.72万元。';
    const id = await upload(staff, '注入.txt', Buffer.from(text));
    const res = await ta.call(staff, 'GET', `/api/report-check/export?fileIds=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('发现')!;
    expect(ws.getRow(1).values).toContain('表述值');
    const row = ws.getRow(2);
    expect(row.getCell(5).value).toBe('141.96');
    expect(row.getCell(6).value).toBe('141.76');
    expect(String(row.getCell(9).value).startsWith("'=")).toBe(true);
    expect(wb.getWorksheet('汇总')!.getRow(2).getCell(7).value).toBe(1);
  });

  it('proposes a budget year from a report and saves it through the budget service after confirmation', async () => {
    const id = await upload(staff, '西区2021决算.txt', readFileSync(SEED));
    const res = await ta.call(staff, 'POST', '/api/report-check/budget-proposal', { fileId: id });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as ReportCheckBudgetProposal;
    expect(p.year).toBe(2021);
    expect(p.doc.totals.incomeTotal.final).toBe(141_960_000);
    const saved = await ta.call(staff, 'PUT', `/api/budget/years/${ta.units.office}/2021`, p.doc);
    expect(saved.statusCode, saved.body).toBe(200);
    const got = await ta.call(staff, 'GET', `/api/budget/years/${ta.units.office}/2021`);
    expect(got.json().doc.totals.basicTotal.final).toBe(134_040_000);
  });
});
