/**
 * The year's batch end to end with the real templates: facts read from the database, reports built
 * and rendered on the worker pool (render-pool.ts, the workers loaded from the TypeScript sources),
 * the zip streamed to a file under the data directory and served by the job's file endpoint; a
 * department whose report cannot be built is listed in 未生成清单.txt and in the job's result.
 * The documents (publication.test.ts covers the batch with test-built documents) are seed 002's
 * 部门决算情况说明 with its four charts.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBudgetYearDoc } from '@bianban/contracts';
import { BUDGET_SEEDS } from '../../db/demo/budget-seeds.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { inspectPdf } from '../../platform/documents/index.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { writeDoc } from '../budget/budget.repository.js';
import { BATCH_ZIP_KEEP_DAYS, pruneBatchZips, runBatch } from './batch.service.js';
import { report } from './reports.schema.js';

let ta: TestApp;
let leader: Session;
const dataDir = mkdtempSync(join(tmpdir(), 'bianban-batch-'));
const YEAR = 2021;

/** Seed 002's budget year (2021) or its comparison year (2020), scaled so that each department's charts differ. */
function seedDoc(year: number, scale: number) {
  const seed = BUDGET_SEEDS.find((s) => s.seed === '002' && s.year === year)!;
  const doc = emptyBudgetYearDoc();
  seed.build(doc);
  return JSON.parse(JSON.stringify(doc), (k, v: unknown) =>
    typeof v === 'number' && !/count|Groups|Persons|vehicles|Batches|largeEquipment/i.test(k)
      ? Math.round(v * scale)
      : v,
  ) as typeof doc;
}

beforeAll(async () => {
  ta = await createTestApp({ dataDir });
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  const withFacts = [ta.units.finance, ta.units.financeSub, ta.units.office];
  await ta.t.db.transaction(async (tx) => {
    for (const [i, unitId] of withFacts.entries())
      for (const year of [YEAR - 1, YEAR])
        await writeDoc(tx, { regionCode: REGION, unitId, year, userId: null }, seedDoc(year, 1 + i / 10), 'finalised');
  });
  // 区委 has a report but no budget year: its report cannot be built.
  for (const unitId of [...withFacts, ta.units.root])
    await ta.t.db.insert(report).values({
      regionCode: REGION,
      kind: 'finalAccounts',
      unitId,
      year: YEAR,
      title: `${YEAR}年度部门决算情况说明`,
    });
}, 60_000);

afterAll(async () => {
  await ta.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const expectedNames = (ext: string) =>
  ['区委编办', '区财政局', '区财政评审中心'].map((u) => `${u}_${YEAR}年度部门决算情况说明.${ext}`).sort();

describe('the year batch on the worker pool', () => {
  it('PDF: one file per department with the CJK font and the charts; the failed one listed; the zip on disk', async () => {
    const started = await ta.call(leader, 'POST', '/api/reports/batch', {
      year: YEAR,
      kind: 'finalAccounts',
      format: 'pdf',
    });
    expect(started.statusCode, started.body).toBe(200);
    const jobId = started.json().id as string;
    await ta.call(leader, 'GET', `/api/jobs/${jobId}/events`);
    const job = (await ta.call(leader, 'GET', `/api/jobs/${jobId}`)).json();
    expect(job.state, job.error).toBe('succeeded');
    expect(job).toMatchObject({ progress: 100, hasFile: true });
    expect(job.result).toEqual({
      files: 3,
      failed: [{ unitName: '区委', message: expect.stringMatching(/区委.*2021年.*(决算|预算)/) }],
    });
    // On disk under the data directory, not in the database.
    const row = (await ta.t.pool.query(`select file_id, file_path, file_name from job where id = $1`, [jobId])).rows[0];
    expect(row.file_id).toBeNull();
    expect(row.file_path).toBe(join(dataDir, 'exports', `report-batch-${jobId}.zip`));
    expect(row.file_name).toBe('2021年部门决算情况说明（PDF）.zip');
    expect(readdirSync(join(dataDir, 'exports')).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const file = await ta.call(leader, 'GET', `/api/jobs/${jobId}/file`);
    expect(file.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(file.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([...expectedNames('pdf'), '未生成清单.txt'].sort());
    expect(await zip.file('未生成清单.txt')!.async('string')).toBe(`区委：${job.result.failed[0].message}\r\n`);
    const texts = new Set<string>();
    for (const name of expectedNames('pdf')) {
      const pdf = await zip.file(name)!.async('nodebuffer');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const seen = inspectPdf(pdf);
      expect(seen.fonts.some((f) => /NotoSerifCJK/.test(f.baseFont) && f.embedded)).toBe(true);
      const text = seen.pages.join('').replace(/\s/g, '');
      expect(text).toContain('2021年度部门决算情况说明');
      // The four charts are there (drawn as vector graphics: their captions, not their labels, are text).
      for (const n of [1, 2, 3, 4]) expect(text).toContain(`图${n}：`);
      texts.add(text);
    }
    expect(texts.size).toBe(3); // each department its own figures
  }, 120_000);

  it('DOCX: every department’s document carries its four charts (SVG with the PNG fallback)', async () => {
    const started = await ta.call(leader, 'POST', '/api/reports/batch', {
      year: YEAR,
      kind: 'finalAccounts',
      format: 'docx',
    });
    const jobId = started.json().id as string;
    await ta.call(leader, 'GET', `/api/jobs/${jobId}/events`);
    const job = (await ta.call(leader, 'GET', `/api/jobs/${jobId}`)).json();
    expect(job.state, job.error).toBe('succeeded');
    expect(job.result.files).toBe(3);
    const zip = await JSZip.loadAsync((await ta.call(leader, 'GET', `/api/jobs/${jobId}/file`)).rawPayload);
    expect(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.docx'))
        .sort(),
    ).toEqual(expectedNames('docx'));
    for (const name of expectedNames('docx')) {
      const docx = await JSZip.loadAsync(await zip.file(name)!.async('nodebuffer'));
      const media = Object.keys(docx.files).filter((n) => n.startsWith('word/media/'));
      expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(4);
      expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(4);
      const png = await docx.file(media.find((n) => n.endsWith('.png'))!)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1280);
    }
  }, 120_000);

  it('progress goes up with every finished report, through one worker as through two', async () => {
    const scope = await resolveScope(ta.t.db, REGION, null);
    for (const workers of [1, 2]) {
      const seen: { pct: number; message: string | undefined }[] = [];
      const dir = join(dataDir, `direct-${workers}`);
      const out = await runBatch(
        ta.t.db,
        scope,
        { year: YEAR, kind: 'finalAccounts', format: 'html' },
        async (pct, message) => {
          seen.push({ pct, message });
        },
        { dir, id: `direct-${workers}`, workers },
      );
      expect(out.result).toMatchObject({ files: 3, failed: [{ unitName: '区委' }] });
      const done = seen.filter((s) => s.message?.startsWith('已生成'));
      expect(done.map((s) => s.message?.replace(/：.*/, ''))).toEqual([1, 2, 3, 4].map((n) => `已生成 ${n}/4`));
      expect(done.map((s) => s.pct)).toEqual([...done.map((s) => s.pct)].sort((a, b) => a - b));
      expect(existsSync(out.diskFile!.path)).toBe(true);
      const zip = await JSZip.loadAsync(await import('node:fs/promises').then((f) => f.readFile(out.diskFile!.path)));
      const html = await zip.file(`区财政局_${YEAR}年度部门决算情况说明.html`)!.async('string');
      expect(html).toContain('data:image/svg+xml');
    }
  }, 120_000);

  it('an empty year fails the job with a message and leaves no file', async () => {
    const started = await ta.call(leader, 'POST', '/api/reports/batch', { year: 2001, kind: 'finalAccounts' });
    await ta.call(leader, 'GET', `/api/jobs/${started.json().id}/events`);
    const job = (await ta.call(leader, 'GET', `/api/jobs/${started.json().id}`)).json();
    expect(job).toMatchObject({ state: 'failed', error: '2001年没有可生成的部门决算情况说明', hasFile: false });
  });
});

describe('keeping the batch zips', () => {
  it('a zip older than the keeping period is removed (every batch prunes before it writes); its job then says so', async () => {
    const started = await ta.call(leader, 'POST', '/api/reports/batch', {
      year: YEAR,
      kind: 'finalAccounts',
      format: 'html',
    });
    const jobId = started.json().id as string;
    await ta.call(leader, 'GET', `/api/jobs/${jobId}/events`);
    const path = join(dataDir, 'exports', `report-batch-${jobId}.zip`);
    expect(existsSync(path)).toBe(true);
    // Other files of the folder are never touched; a fresh zip is kept.
    const other = join(dataDir, 'exports', 'notes.txt');
    writeFileSync(other, 'x');
    const old = new Date(Date.now() - (BATCH_ZIP_KEEP_DAYS + 1) * 86_400_000);
    utimesSync(other, old, old);
    expect(pruneBatchZips(join(dataDir, 'exports'))).toEqual([]);
    utimesSync(path, old, old);
    expect(pruneBatchZips(join(dataDir, 'exports'))).toEqual([`report-batch-${jobId}.zip`]);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(other)).toBe(true);
    const gone = await ta.call(leader, 'GET', `/api/jobs/${jobId}/file`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe('结果文件已不在服务器上（可能已过保留期被清理），请重新运行该任务');
  }, 120_000);
});
