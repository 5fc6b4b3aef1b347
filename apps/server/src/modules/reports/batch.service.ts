/**
 * The year's batch: every department's report of one kind and year, rendered to one format and
 * zipped, as a background job with progress. The job re-derives the starter's permissions and
 * scope when it runs (ledgers.access), so it never renders a department the account may no
 * longer see.
 *
 * The main thread reads each report's facts from the database (within that scope) and hands the
 * plain input to a pool of worker threads that build and render (render-pool.ts), a few reports
 * ahead; the finished files go, in the departments' order, into a zip streamed to a file under the
 * data directory (`exports/`), which the job's file endpoint serves — never a buffer in memory or in
 * the database. Progress goes up with every finished report. A report that cannot be read, built
 * or rendered does not stop the batch: it is listed in the job's result and in `未生成清单.txt`.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { REPORT_KIND_LABELS, type PublicationFormat, type ReportKind } from '@bianban/contracts';
import type { Db } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { unitInScope, type DataScope } from '../../platform/auth/scope.js';
import type { JobContext, JobOutput } from '../../platform/jobs/jobs.service.js';
import { batchSource } from './publication.source.js';
import { RenderPool, type Rendered } from './render-pool.js';
import { report } from './reports.schema.js';
import { ZipFileWriter } from './zip-file.js';

export interface BatchParams {
  year: number;
  kind: ReportKind;
  format: PublicationFormat;
}

export interface BatchOptions {
  /** Folder the zip is written to (created 0700 if absent): `<dataDir>/exports`. */
  dir: string;
  /** Names the file on disk (the job's id). */
  id: string;
  /** Render workers; default: the available cores, at most 2. */
  workers?: number | undefined;
  /** Told of every finished report: its size and its worker's build + render time (null if it failed). */
  onReport?: (r: { unitName: string; ms: number | null; bytes: number | null }) => void;
}

export interface BatchResult {
  files: number;
  failed: { unitName: string; message: string }[];
}

/** How long a batch zip stays downloadable: it is regenerated from the facts at any time. */
export const BATCH_ZIP_KEEP_DAYS = 7;

/**
 * Deletes the batch zips (and leftovers of a batch cut by a stop) older than the keeping period,
 * so that the exports folder does not grow with every batch. Their jobs then answer a download
 * with “结果文件已不在服务器上”. Returns the names removed.
 */
export function pruneBatchZips(dir: string, now = Date.now(), keepDays = BATCH_ZIP_KEEP_DAYS): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!/^report-batch-[0-9a-f-]+\.zip(\.partial)?$/.test(name)) continue;
    const file = join(dir, name);
    if (now - statSync(file).mtimeMs < keepDays * 86_400_000) continue;
    rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runBatch(
  db: Db,
  scope: DataScope,
  p: BatchParams,
  progress: JobContext['progress'],
  o: BatchOptions,
): Promise<JobOutput> {
  const rows = (
    await db
      .select({ r: report, unitName: unit.name })
      .from(report)
      .innerJoin(unit, eq(unit.id, report.unitId))
      .where(and(eq(report.regionCode, scope.regionCode), eq(report.year, p.year), eq(report.kind, p.kind)))
      .orderBy(asc(unit.sortOrder), asc(unit.name), asc(report.createdAt))
  ).filter((x) => unitInScope(scope, x.r.unitId));
  const label = REPORT_KIND_LABELS[p.kind];
  if (!rows.length) throw new Error(`${p.year}年没有可生成的${label}`);

  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  pruneBatchZips(o.dir);
  const path = join(o.dir, `report-batch-${o.id}.zip`);
  const partial = `${path}.partial`;
  const zip = new ZipFileWriter(partial);
  const pool = new RenderPool(o.workers);
  const failed: BatchResult['failed'] = [];
  const names = new Set<string>();
  let finished = 0;
  // Progress writes are serialised (the runner throttles them) and never fail the batch.
  let reporting = Promise.resolve();
  const tick = (unitName: string) => {
    finished++;
    const m = `已生成 ${finished}/${rows.length}：${unitName}`;
    const pct = (finished / rows.length) * 97;
    reporting = reporting.then(() => progress(pct, m)).catch(() => {});
  };
  try {
    await progress(0, `正在生成 0/${rows.length}`);
    // Reports read and handed to the workers but not yet in the zip: enough to keep every worker
    // busy while the next facts are read, few enough to bound memory.
    const window = Math.max(2, pool.size * 3);
    const pending: { unitName: string; title: string; content: Promise<Rendered | Error> }[] = [];
    const take = async () => {
      const x = pending.shift()!;
      const done = await x.content;
      if (done instanceof Error) {
        failed.push({ unitName: x.unitName, message: done.message });
        return;
      }
      let name = `${safe(x.unitName)}_${safe(x.title)}`;
      for (let i = 2; names.has(name); i++) name = `${safe(x.unitName)}_${safe(x.title)}_${i}`;
      names.add(name);
      await zip.add(`${name}.${p.format}`, done.content, { deflate: p.format === 'html' });
    };
    for (const { r, unitName } of rows) {
      let content: Promise<Rendered | Error>;
      try {
        const source = await batchSource(db, scope, r);
        content = pool.render(source, p.format).catch((e: unknown) => new Error(message(e)));
      } catch (e) {
        content = Promise.resolve(new Error(message(e)));
      }
      const reported = content.then((x) => {
        tick(unitName);
        o.onReport?.({
          unitName,
          ms: x instanceof Error ? null : x.ms,
          bytes: x instanceof Error ? null : x.content.length,
        });
        return x;
      });
      pending.push({ unitName, title: r.title, content: reported });
      if (pending.length >= window) await take();
    }
    while (pending.length) await take();
    await reporting;
    if (failed.length)
      await zip.add(
        '未生成清单.txt',
        Buffer.from(failed.map((f) => `${f.unitName}：${f.message}`).join('\r\n') + '\r\n'),
        {
          deflate: true,
        },
      );
    await progress(99, '正在完成压缩包');
    await zip.finish();
    renameSync(partial, path);
  } catch (e) {
    zip.abort();
    rmSync(partial, { force: true });
    throw e;
  } finally {
    await pool.close();
  }
  const result: BatchResult = { files: rows.length - failed.length, failed };
  return { result, diskFile: { name: `${p.year}年${label}（${p.format.toUpperCase()}）.zip`, path } };
}
