/**
 * Report rendering benchmark (issue 5): one report — seed 002's 部门决算情况说明 (西区 2021, the demo
 * data, 4 charts) and seed 001's self-evaluation report (君山 2020, scoring table) — built from the
 * facts and rendered to DOCX, PDF and HTML. Medians over N runs after one warm-up (the first PDF
 * reads and parses the Noto CJK collections). Facts are loaded once from an embedded PostgreSQL
 * with the demo data; what is timed is build (+ charts) + render, as a download does after its reads.
 * The PDF draws the charts as vector graphics; DOCX rasterises them once per process (PNG cache by
 * SVG digest), so the medians are warm and the first render of each format is shown beside them.
 * The year's batch (new charts for every report, worker threads) is bench/reports-batch.ts.
 * Usage: npx tsx bench/reports.ts [--runs N]. Prints Markdown.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { ReportFormat, ReportKind } from '@bianban/contracts';
import { connect, runMigrations } from '../apps/server/src/db/client.js';
import { loadDemoData } from '../apps/server/src/db/demo/index.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { unit } from '../apps/server/src/db/schema.js';
import { resolveScope } from '../apps/server/src/platform/auth/scope.js';
import { evaluation } from '../apps/server/src/modules/performance/performance.schema.js';
import { buildReport, checkBuilt, renderBuilt } from '../apps/server/src/modules/reports/reports.build.js';
import { loadReportFacts } from '../apps/server/src/modules/reports/reports.facts.js';

const i = process.argv.indexOf('--runs');
const RUNS = i >= 0 ? Number(process.argv[i + 1]) : 9;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const dir = mkdtempSync(join(tmpdir(), 'bianban-bench-reports-'));
const server = await startEmbedded({ dir, fsync: false });
const d = connect(server.url(), 4);
try {
  await runMigrations(d.db);
  const keys = { pepper: randomBytes(32), audit: randomBytes(32), data: randomBytes(32), backup: randomBytes(16) };
  log('demo data…');
  await d.db.transaction((tx) => loadDemoData(tx, keys));
  const cases: { label: string; region: string; office: string; year: number; kind: ReportKind }[] = [
    {
      label: '002 部门决算情况说明（4幅图）',
      region: '510403',
      office: '中共攀枝花市西区区委机构编制委员会办公室',
      year: 2021,
      kind: 'finalAccounts',
    },
    {
      label: '001 部门整体支出绩效自评报告（评分表）',
      region: '430611',
      office: '中共岳阳市君山区委机构编制委员会办公室',
      year: 2020,
      kind: 'selfEvaluation',
    },
  ];
  const out = [
    `Report rendering (bench/reports.ts), ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; medians of ${RUNS} runs after a warm-up; build from loaded facts + charts + render.`,
    '',
    '| report | numbers / checks | facts read | build + checks | DOCX | PDF | HTML | first DOCX / PDF / HTML (cold: charts rasterised, fonts parsed) | sizes (DOCX / PDF / HTML) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const scope = await resolveScope(d.db, c.region, null);
    const u = (
      await d.db
        .select()
        .from(unit)
        .where(and(eq(unit.regionCode, c.region), eq(unit.name, c.office)))
    )[0]!;
    const ev = (
      await d.db
        .select()
        .from(evaluation)
        .where(and(eq(evaluation.unitId, u.id), eq(evaluation.year, c.year)))
    )[0];
    const tf = performance.now();
    const facts = await loadReportFacts(d.db, scope, {
      kind: c.kind,
      unitId: u.id,
      year: c.year,
      evaluationId: ev?.id ?? null,
    });
    const factsMs = performance.now() - tf;
    const times: Record<'build' | ReportFormat, number[]> = { build: [], docx: [], pdf: [], html: [] };
    const cold: Partial<Record<ReportFormat, number>> = {};
    const sizes: Record<ReportFormat, number> = { docx: 0, pdf: 0, html: 0 };
    let counts = '';
    for (let r = 0; r <= RUNS; r++) {
      const t0 = performance.now();
      const built = buildReport(c.kind, facts, { charts: false });
      checkBuilt(built);
      const t1 = performance.now();
      if (r) times.build.push(t1 - t0);
      counts = `${built.numbers.length} / ${built.checks.length}`;
      for (const f of ['docx', 'pdf', 'html'] as const) {
        const s = performance.now();
        // Each format as a download does it: build with the charts (SVG + PNG), then render.
        const withCharts = buildReport(c.kind, facts, { charts: true });
        const bytes = await renderBuilt(withCharts, f);
        if (r) times[f].push(performance.now() - s);
        else cold[f] = performance.now() - s;
        sizes[f] = bytes.length;
      }
      log(`${c.label} run ${r}`);
    }
    const ms = (x: number) => `${Math.round(x)} ms`;
    out.push(
      `| ${c.label} | ${counts} | ${ms(factsMs)} | ${ms(median(times.build))} | ${ms(median(times.docx))} | ${ms(median(times.pdf))} | ${ms(median(times.html))} | ${ms(cold.docx!)} / ${ms(cold.pdf!)} / ${ms(cold.html!)} | ${(sizes.docx / 1024).toFixed(0)} / ${(sizes.pdf / 1024).toFixed(0)} / ${(sizes.html / 1024).toFixed(0)} KiB |`,
    );
  }
  console.log(out.join('\n'));
} finally {
  await d.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
