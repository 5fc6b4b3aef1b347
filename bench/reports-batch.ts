/**
 * The year's report batch (issue 5 item 7): N departments' 部门决算情况说明 (four charts each),
 * generated from varied budget facts (every department its own amounts, income sources, classes
 * and projects, so no chart is the same twice and no PNG cache helps), rendered by the real job code
 * (`runBatch`: facts read from PostgreSQL on the main thread → build + render on the worker pool →
 * zip streamed to disk), with 1 worker and with 2. Same-run references: reading the facts alone (the
 * main thread's share, `batchSource` for every report, in order) and zipping N files of the same
 * size to disk (`ZipFileWriter`).
 * Starts its own embedded PostgreSQL in a temporary directory.
 * Usage: npx tsx bench/reports-batch.ts [--n 1000] [--format pdf|docx|html] [--workers 1,2]. Prints Markdown.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { emptyBudgetYearDoc, type BudgetYearDoc, type PublicationFormat } from '@bianban/contracts';
import { connect, runMigrations } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { region, unit } from '../apps/server/src/db/schema.js';
import { resolveScope } from '../apps/server/src/platform/auth/scope.js';
import { writeDoc } from '../apps/server/src/modules/budget/budget.repository.js';
import { runBatch } from '../apps/server/src/modules/reports/batch.service.js';
import { batchSource } from '../apps/server/src/modules/reports/publication.source.js';
import { report } from '../apps/server/src/modules/reports/reports.schema.js';
import { ZipFileWriter } from '../apps/server/src/modules/reports/zip-file.js';
import { and, eq } from 'drizzle-orm';
import { mulberry32 } from '../apps/server/src/db/demo/random.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const N = Number(arg('n', '1000'));
const FORMAT = arg('format', 'pdf') as PublicationFormat;
const WORKERS = arg('workers', '1,2').split(',').map(Number);
const REGION = '510403';
const YEAR = 2024;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

/** A small deterministic PRNG, one stream per department. */
const rng = mulberry32;

/** 0.01 万元 in fen. */
const CENT = 10_000;
const fin = (fen: number) => ({ initial: null, adjusted: null, final: fen });

/** Splits `total` (in 0.01 万元) into parts by random weights; the parts add up exactly. */
function split(r: () => number, total: number, n: number): number[] {
  const w = Array.from({ length: n }, () => 0.2 + r());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((x / sum) * total));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const CLASSES: { code: string; items: string[] }[] = [
  { code: '201', items: ['2013101', '2013102', '2013601', '2011001'] },
  { code: '205', items: [] },
  { code: '206', items: [] },
  { code: '207', items: [] },
  { code: '208', items: ['2080501', '2080505', '2080506'] },
  { code: '210', items: ['2101101', '2101103'] },
  { code: '221', items: ['2210201', '2210202'] },
];
const PROJECTS = [
  '机构编制核查及实名制系统维护费',
  '档案数字化管理经费',
  '业务培训经费',
  '信息化建设运维经费',
  '专项调研经费',
  '政务公开及宣传经费',
  '办公设备更新购置',
  '执法监督专项经费',
];

/** One department's year (and the year before, for the comparisons): consistent totals, varied structure. */
function budgetDocs(seed: number): { current: BudgetYearDoc; previous: BudgetYearDoc } {
  const r = rng(seed);
  const pick = (lo: number, hi: number) => Math.round(lo + r() * (hi - lo));
  const d = emptyBudgetYearDoc();
  // Income in 0.01 万元: 一般公共预算 most of it; other sources for some departments.
  const general = pick(3_000, 300_000);
  const fund = r() < 0.35 ? pick(100, general / 8) : 0;
  const business = r() < 0.2 ? pick(100, general / 10) : 0;
  const other = r() < 0.25 ? pick(50, general / 20) : 0;
  const sources: [BudgetYearDoc['income'][number]['source'], number][] = [
    ['generalBudget', general],
    ['governmentFund', fund],
    ['stateCapital', 0],
    ['superiorSubsidy', 0],
    ['businessIncome', business],
    ['operatingIncome', 0],
    ['subsidiaryRemit', 0],
    ['other', other],
  ];
  d.income = sources.map(([source, v]) => ({ source, ...fin(v * CENT) }));
  const income = general + fund + business + other;
  const carryIn = r() < 0.5 ? pick(0, income / 30) : 0;
  const grand = income + carryIn;
  const carryOut = r() < 0.4 ? pick(0, grand / 40) : 0;
  const expenditure = grand - carryOut;
  const basic = Math.round(expenditure * (0.7 + r() * 0.3));
  const project = expenditure - basic;
  const personnel = Math.round(basic * (0.7 + r() * 0.2));
  d.totals.grandTotal = grand * CENT;
  d.totals.incomeTotal = fin(income * CENT);
  d.totals.carryIn = carryIn * CENT;
  d.totals.carryOut = carryOut * CENT;
  d.totals.expenditureTotal = fin(expenditure * CENT);
  d.totals.basicTotal = fin(basic * CENT);
  d.totals.projectTotal = fin(project * CENT);
  d.totals.personnel = fin(personnel * CENT);
  d.totals.operating = fin((basic - personnel) * CENT);
  // 一般公共预算财政拨款支出 by class (3 to 6 classes, 201 always) and their items.
  const classes = CLASSES.filter((c, i) => i === 0 || r() < 0.55);
  const perClass = split(r, general, classes.length);
  d.functionLines = classes.flatMap((c, i) => {
    const items = c.items.filter(() => r() < 0.6).slice(0, 2);
    const itemParts = items.length ? split(r, perClass[i]!, items.length) : [];
    const line = (functionCode: string, v: number) => ({
      functionCode,
      functionName: null,
      initial: Math.round(v * (0.85 + r() * 0.2)) * CENT,
      adjusted: null,
      final: v * CENT,
      basicFinal: null,
      projectFinal: null,
    });
    return [line(c.code, perClass[i]!), ...items.map((code, k) => line(code, itemParts[k]!))];
  });
  if (project > 0) {
    const names = PROJECTS.filter(() => r() < 0.5).slice(0, 4);
    if (!names.length) names.push(PROJECTS[seed % PROJECTS.length]!);
    const parts = split(r, project, names.length);
    d.projects = names.map((name, i) => ({ name, ...fin(parts[i]! * CENT), allocated: null, key: false }));
  }
  const small = () => (r() < 0.5 ? 0 : pick(10, 300));
  const tp = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
  const tpNow = tp.map(() => small());
  const tpPrev = tp.map(() => small());
  d.threePublic.lines = tp.map((part, i) => ({
    part,
    budget: null,
    final: tpNow[i]! * CENT,
    previousFinal: tpPrev[i]! * CENT,
  }));
  d.threePublic.total.budget = Math.round(tpNow.reduce((a, b) => a + b, 0) * 1.1) * CENT;
  d.threePublic.counts = {
    abroadGroups: tpNow[0] ? pick(1, 3) : 0,
    abroadPersons: tpNow[0] ? pick(2, 8) : 0,
    vehicles: tpNow[2] ? pick(1, 5) : 0,
    vehiclesPurchased: tpNow[1] ? 1 : 0,
    receptionBatches: tpNow[3] ? pick(2, 40) : 0,
    receptionPersons: tpNow[3] ? pick(10, 300) : 0,
  };
  const running = basic - personnel;
  const runningPrev = Math.round(running * (0.85 + r() * 0.3));
  d.runningCost = { budget: null, final: running * CENT, previousFinal: runningPrev * CENT };
  d.procurement = {
    planned: null,
    goods: small() * CENT,
    works: r() < 0.2 ? pick(100, 2_000) * CENT : 0,
    services: small() * CENT,
    smeAwarded: null,
  };
  d.assets.vehicles = d.threePublic.counts.vehicles;
  d.assets.largeEquipment = r() < 0.2 ? pick(1, 3) : 0;

  const p = emptyBudgetYearDoc();
  p.totals.grandTotal = Math.round(grand * (0.8 + r() * 0.4)) * CENT;
  p.threePublic.lines = tp.map((part, i) => ({ part, budget: null, final: tpPrev[i]! * CENT, previousFinal: null }));
  p.runningCost = { budget: null, final: runningPrev * CENT, previousFinal: null };
  return { current: d, previous: p };
}

const DEPARTMENTS = [
  '区发展和改革局',
  '区教育局',
  '区科技和经济信息化局',
  '区民政局',
  '区司法局',
  '区财政局',
  '区人力资源和社会保障局',
  '区自然资源局',
  '区生态环境分局',
  '区住房和城乡建设局',
  '区交通运输局',
  '区农业农村和水利局',
  '区商务局',
  '区文化广播电视和旅游局',
  '区卫生健康局',
  '区退役军人事务局',
  '区应急管理局',
  '区审计局',
  '区市场监督管理局',
  '区统计局',
  '区医疗保障局',
  '区机关事务服务中心',
  '区档案馆',
  '区融媒体中心',
  '区政务服务中心',
];

const dir = mkdtempSync(join(tmpdir(), 'bianban-bench-batch-'));
const server = await startEmbedded({ dir, fsync: true });
const d = connect(server.url(), 4);
try {
  await runMigrations(d.db);
  log(`${N} departments with budget facts for ${YEAR - 1} and ${YEAR}…`);
  await d.db.insert(region).values({ regionCode: REGION, name: '攀枝花市西区', level: 3 });
  const factsBytes: number[] = [];
  await d.db.transaction(async (tx) => {
    const [root] = await tx.insert(unit).values({ regionCode: REGION, name: '区人民政府', kind: 'organ' }).returning();
    for (let i = 0; i < N; i++) {
      const round = Math.floor(i / DEPARTMENTS.length);
      const name = `${DEPARTMENTS[i % DEPARTMENTS.length]}${round ? `第${round + 1}分局` : ''}`;
      const [u] = await tx
        .insert(unit)
        .values({ regionCode: REGION, name, kind: 'organ', parentId: root!.id, sortOrder: i })
        .returning();
      const { current, previous } = budgetDocs(i + 1);
      await writeDoc(tx, { regionCode: REGION, unitId: u!.id, year: YEAR, userId: null }, current, 'finalised');
      await writeDoc(tx, { regionCode: REGION, unitId: u!.id, year: YEAR - 1, userId: null }, previous, 'finalised');
      await tx.insert(report).values({
        regionCode: REGION,
        kind: 'finalAccounts',
        unitId: u!.id,
        year: YEAR,
        title: `${YEAR}年度部门决算情况说明`,
      });
      if (i % 200 === 199) log(`  ${i + 1}`);
    }
  });
  const scope = await resolveScope(d.db, REGION, null);

  // Reference 1: the main thread's share alone — every report's facts, read in order.
  const rows = await d.db
    .select()
    .from(report)
    .where(and(eq(report.regionCode, REGION), eq(report.year, YEAR)));
  let t0 = performance.now();
  for (const r of rows) {
    const s = await batchSource(d.db, scope, r);
    factsBytes.push(Buffer.byteLength(JSON.stringify(s)));
  }
  const factsMs = performance.now() - t0;
  log(`facts read: ${(factsMs / 1000).toFixed(1)} s`);

  const runs: {
    workers: number;
    ms: number;
    first: number;
    perReport: number[];
    sizes: number[];
    zip: number;
    failed: number;
    load: string;
  }[] = [];
  for (const workers of WORKERS) {
    const perReport: number[] = [];
    const sizes: number[] = [];
    let last = 0;
    let first = 0;
    t0 = performance.now();
    const out = await runBatch(
      d.db,
      scope,
      { year: YEAR, kind: 'finalAccounts', format: FORMAT },
      async (_pct, message) => {
        const n = Number(/已生成 (\d+)/.exec(message ?? '')?.[1] ?? 0);
        if (n >= last + Math.ceil(N / 5)) {
          last = n;
          log(
            `  ${workers} worker(s): ${message?.replace(/：.*/, '')} at ${((performance.now() - t0) / 1000).toFixed(0)} s`,
          );
        }
      },
      {
        dir: join(dir, 'exports'),
        id: `bench-${workers}`,
        workers,
        onReport: (r) => {
          first ||= performance.now() - t0;
          if (r.ms !== null) perReport.push(r.ms);
          if (r.bytes !== null) sizes.push(r.bytes);
        },
      },
    );
    const ms = performance.now() - t0;
    const result = out.result as { files: number; failed: unknown[] };
    runs.push({
      workers,
      ms,
      first,
      perReport,
      sizes,
      zip: statSync(out.diskFile!.path).size,
      failed: result.failed.length,
      load: load(),
    });
    log(`${workers} worker(s): ${(ms / 1000).toFixed(1)} s, ${result.files} files, ${result.failed.length} failed`);
  }

  // Reference 2: zipping N files of the rendered sizes to disk, nothing else.
  const sizes = runs[0]!.sizes;
  const blobs = sizes.map((n) => randomBytes(n));
  t0 = performance.now();
  const zw = new ZipFileWriter(join(dir, 'reference.zip'));
  for (const [i, b] of blobs.entries()) await zw.add(`${i}.${FORMAT}`, b);
  await zw.finish();
  const zipMs = performance.now() - t0;

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  const out = [
    `Report batch (bench/reports-batch.ts), ${N} × 部门决算情况说明 (4 charts each) as ${FORMAT.toUpperCase()}; ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    `Facts per report (JSON, median): ${(median(factsBytes) / 1024).toFixed(1)} KiB; file per report (median): ${(median(sizes) / 1024).toFixed(0)} KiB.`,
    '',
    '| run | total | first report done after | reports/s | per report on its worker (median) | zip on disk | failed | load average after (1/5/15 min) |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.workers} worker${r.workers > 1 ? 's' : ''} | ${s(r.ms)} | ${s(r.first)} | ${((N / r.ms) * 1000).toFixed(2)} | ${Math.round(median(r.perReport))} ms | ${mb(r.zip)} | ${r.failed} | ${r.load} |`,
    ),
    `| reference: facts read only (main thread, in order) | ${s(factsMs)} | | ${((N / factsMs) * 1000).toFixed(1)} | ${(factsMs / N).toFixed(1)} ms | | | |`,
    `| reference: zip ${N} files of the same sizes to disk | ${s(zipMs)} | | ${((N / zipMs) * 1000).toFixed(0)} | ${(zipMs / N).toFixed(2)} ms | | | |`,
  ];
  console.log(out.join('\n'));
} finally {
  await d.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
