/**
 * The year's batch: every department's report of one kind and year, rendered to one format and
 * zipped, as a background job with progress. The job re-derives the starter's permissions and
 * scope when it runs (ledgers.access), so it never renders a department the account may no
 * longer see. A report that cannot be rendered does not stop the batch: it is listed in the
 * job's result and in `未生成清单.txt` inside the zip.
 */
import JSZip from 'jszip';
import { and, asc, eq } from 'drizzle-orm';
import { REPORT_KIND_LABELS, type PublicationFormat, type ReportKind } from '@bianban/contracts';
import type { Db } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { unitInScope, type DataScope } from '../../platform/auth/scope.js';
import { renderDocx, renderHtml, renderPdf } from '../../platform/documents/index.js';
import type { JobContext, JobOutput } from '../../platform/jobs/jobs.service.js';
import { buildForPublication } from './publication.source.js';
import { report } from './reports.schema.js';

export interface BatchParams {
  year: number;
  kind: ReportKind;
  format: PublicationFormat;
}

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

export async function runBatch(
  db: Db,
  scope: DataScope,
  p: BatchParams,
  progress: JobContext['progress'],
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
  const zip = new JSZip();
  const failed: { unitName: string; message: string }[] = [];
  const names = new Set<string>();
  let done = 0;
  for (const { r, unitName } of rows) {
    await progress((done / rows.length) * 95, `正在生成 ${done + 1}/${rows.length}：${unitName}`);
    try {
      const { document } = await buildForPublication(db, scope, r);
      const content =
        p.format === 'pdf'
          ? await renderPdf(document)
          : p.format === 'docx'
            ? await renderDocx(document)
            : Buffer.from(renderHtml(document), 'utf8');
      let name = `${safe(unitName)}_${safe(r.title)}`;
      for (let i = 2; names.has(name); i++) name = `${safe(unitName)}_${safe(r.title)}_${i}`;
      names.add(name);
      zip.file(`${name}.${p.format}`, content, { compression: p.format === 'html' ? 'DEFLATE' : 'STORE' });
    } catch (err) {
      failed.push({ unitName, message: err instanceof Error ? err.message : String(err) });
    }
    done++;
  }
  if (failed.length) zip.file('未生成清单.txt', failed.map((f) => `${f.unitName}：${f.message}`).join('\r\n') + '\r\n');
  await progress(97, '正在打包');
  const content = await zip.generateAsync({ type: 'nodebuffer' });
  return {
    result: { files: rows.length - failed.length, failed },
    file: { name: `${p.year}年${label}（${p.format.toUpperCase()}）.zip`, kind: 'zip', content },
  };
}
