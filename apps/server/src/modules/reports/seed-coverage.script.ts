/**
 * Seed coverage as a script: an embedded PostgreSQL with the demo data, each seed's report
 * regenerated and read back (seed-coverage.ts), measured against the reviewed list
 * (seed-coverage.fixture.ts). Prints the table of docs/reports.md; `--list` adds every unmatched
 * figure with its class and reason, and what the reviewed list misses or lists in vain.
 * Usage: npx tsx apps/server/src/modules/reports/seed-coverage.script.ts [--list]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, runMigrations } from '../../db/client.js';
import { loadDemoData } from '../../db/demo/index.js';
import { startEmbedded } from '../../db/embedded.js';
import { coverage, coverageTable, figureName, regenerate, SEEDS, seedFacts, summarise } from './seed-coverage.js';
import { SEED_COVERAGE } from './seed-coverage.fixture.js';

const list = process.argv.includes('--list');
const dir = mkdtempSync(join(tmpdir(), 'bianban-seed-coverage-'));
const server = await startEmbedded({ dir, fsync: false });
const d = connect(server.url(), 2);
try {
  await runMigrations(d.db);
  const keys = { pepper: randomBytes(32), audit: randomBytes(32), data: randomBytes(32), backup: null };
  await d.db.transaction((tx) => loadDemoData(tx, keys));
  const rows = [];
  const details: string[] = [];
  for (const seed of SEEDS) {
    const run = coverage(seed, regenerate(seed, await seedFacts(d.db, seed)));
    const s = summarise(run, SEED_COVERAGE[seed]);
    rows.push(s);
    if (!list) continue;
    details.push('', `## ${seed}`);
    for (const g of SEED_COVERAGE[seed]) details.push(`- L${g.line} ${g.figures.join(' ')} (${g.class}) ${g.reason}`);
    for (const k of s.unlisted) details.push(`- NOT LISTED: ${k}`);
    for (const k of s.stale) details.push(`- LISTED BUT FOUND: ${k}`);
    for (const f of run.dropped) details.push(`- dropped L${f.line} ${figureName(f)}: ${f.entry}`);
  }
  process.stdout.write(`${coverageTable(rows)}\n${details.join('\n')}\n`);
  if (rows.some((r) => r.unlisted.length || r.stale.length)) process.exitCode = 1;
} finally {
  await d.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
