/**
 * Demo data, loaded once on first start when demo mode is on (see ../bootstrap.ts): the tenant
 * region 510403 攀枝花市西区 with its real staffing office and a synthetic county slice, and the
 * four other offices of the seed reports as regions of their own. Everything goes through the
 * history model — units, establishment, posts and controls come from applied decisions — and
 * every person is generated (`synthetic = true`), from one seeded PRNG, so each start gives the
 * same data.
 */
import type { Keys } from '../../config.js';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.service.js';
import type { Tx } from '../client.js';
import { region } from '../schema.js';
import { PersonFactory } from './people.js';
import { Random } from './random.js';
import { loadSeedRegion, SEED_REGIONS } from './seeds.js';
import { loadXiqu } from './xiqu.js';
import { loadBudgetSeeds } from './budget-seeds.js';
import { loadPerformanceSeeds } from './performance-seeds.js';
import { loadRegistrationDemo } from './registration.js';
import { loadCodeRanges } from './code-ranges.js';
import { loadAnnualReportDemo } from './annual-reports.js';
import { loadReportStyles } from './report-styles.js';

export { HISTORICAL_NOTE } from './write.js';

export const DEMO_REGION = { code: '510403', name: '攀枝花市西区' };
export const DEMO_SEED = 20_210_402;

export interface DemoOptions {
  /** The tenant the demo accounts belong to; the Xiqu data goes there (default 510403). */
  region?: { code: string; name: string };
  seed?: number;
}

export interface DemoResult {
  /** The tenant's units by demo key (committee, office, finance, gelipin, …). */
  units: Map<string, string>;
  regions: string[];
  persons: number;
  ms: number;
}

export async function loadDemoData(tx: Tx, keys: Keys, opts: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const tenant = opts.region ?? DEMO_REGION;
  const rng = new Random(opts.seed ?? DEMO_SEED);
  const factory = new PersonFactory(rng, new Set());
  await tx.insert(region).values({ regionCode: tenant.code, name: tenant.name, level: 3 }).onConflictDoNothing();
  const xiqu = await loadXiqu(tx, keys, tenant.code, factory, rng);
  let persons = xiqu.persons;
  const regions = [tenant.code];
  // A tenant configured with one of the seed regions' codes keeps the Xiqu data only.
  for (const r of SEED_REGIONS) {
    if (r.code === tenant.code) continue;
    persons += (await loadSeedRegion(tx, keys, r, factory, rng)).persons;
    regions.push(r.code);
  }
  await loadBudgetSeeds(tx, tenant.code);
  await loadPerformanceSeeds(tx, regions, tenant.code);
  await loadRegistrationDemo(tx, tenant.code, tenant.name);
  await loadAnnualReportDemo(tx, tenant.code, xiqu.ids);
  await loadCodeRanges(tx, regions);
  await loadReportStyles(tx, tenant.code, regions);
  const ms = Math.round(performance.now() - started);
  await appendAudit(
    tx,
    keys.audit,
    { ...SYSTEM_ACTOR, regionCode: tenant.code },
    {
      action: 'system.demoData',
      objectType: 'region',
      objectId: tenant.code,
      after: { regions, units: xiqu.ids.size, persons, ms },
    },
  );
  return { units: xiqu.ids, regions, persons, ms };
}
