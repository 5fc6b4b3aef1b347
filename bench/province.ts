/**
 * Province-size benchmark: a generated province (unit tree, quotas, persons and placements) loaded
 * with the project's bulk path (`insertPersons`, unnest batches of 1,000) against a raw server-side
 * `COPY … FROM '/file'` of the same rows into copies of the tables (node-postgres has no
 * `COPY FROM STDIN` without pg-copy-streams, which is not installed); then the as-of roll-up
 * (`figures()`) for the whole province, a city and a unit, and a unit page (figures + first page of
 * `listPersons`) under 4 concurrent loops.
 * Starts its own embedded PostgreSQL (fsync on) in a temporary directory.
 * Usage: npm run bench:province [-- --units N --persons M --seconds S]. Prints Markdown.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESTABLISHMENT_TYPES, type EstablishmentType } from '@bianban/contracts';
import { connect, runMigrations, type Tx } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import type { PersonSpec } from '../apps/server/src/db/demo/people.js';
import { insertPersons } from '../apps/server/src/db/demo/write.js';
import { figures } from '../apps/server/src/modules/org/figures.service.js';
import { listPersons } from '../apps/server/src/modules/roster/roster.service.js';
import { syntheticCitizenId } from '../apps/server/src/modules/roster/domain/citizen-id.js';
import type { AuthContext } from '../apps/server/src/platform/auth/auth.service.js';
import type { DataScope } from '../apps/server/src/platform/auth/scope.js';
import { blindIndex, seal } from '../apps/server/src/platform/crypto/sm.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const UNITS = arg('units', 60_000);
const PERSONS = arg('persons', 1_500_000);
const SECONDS = arg('seconds', 20);
const REGION = '510000';
const AS_OF = '2025-06-30';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
// Deterministic generator (mulberry32) so that two runs generate the same province.
let seed = 20250630;
const rng = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const dir = mkdtempSync(join(tmpdir(), 'bianban-bench-province-'));
const csvDir = mkdtempSync(join('/tmp', 'bianban-copy-'));
chmodSync(csvDir, 0o777);
const server = await startEmbedded({ dir, fsync: true });
const d = connect(server.url(), 10);
const out: string[] = [];
try {
  await runMigrations(d.db);
  const keys = { pepper: randomBytes(32), audit: randomBytes(32), data: randomBytes(32), backup: randomBytes(16) };
  const q = (text: string, params?: unknown[]) => d.pool.query(text, params);
  const pgVersion = (await q('show server_version')).rows[0].server_version;
  await q(`insert into region (region_code, name, level) values ($1, '四川省（合成）', 1)`, [REGION]);

  // ── 1a. The unit tree: province → 21 cities → 9 counties each → units (some nested). ─────────
  const tGen = performance.now();
  type U = { id: string; parent: string | null; name: string; kind: string; level: number };
  const units: U[] = [];
  const root: U = { id: randomUUID(), parent: null, name: '省委', kind: 'organ', level: 0 };
  units.push(root);
  const cities: U[] = [];
  const counties: U[] = [];
  for (let c = 0; c < 21; c++) {
    const city: U = { id: randomUUID(), parent: root.id, name: `市${c + 1}`, kind: 'organ', level: 1 };
    units.push(city);
    cities.push(city);
    for (let k = 0; k < 9; k++) {
      const county: U = { id: randomUUID(), parent: city.id, name: `市${c + 1}县${k + 1}`, kind: 'organ', level: 2 };
      units.push(county);
      counties.push(county);
    }
  }
  const KINDS = ['organ', 'publicInstitution', 'publicInstitution', 'township', 'street', 'massOrganization'];
  const leaves: U[] = [];
  while (units.length < UNITS) {
    const county = counties[units.length % counties.length]!;
    // One in four units is a second-level unit (internal office or subordinate institution).
    const parent = leaves.length > 10 && rng() < 0.25 ? leaves[leaves.length - 1 - Math.floor(rng() * 10)]! : county;
    const kind = parent === county ? pick(KINDS) : pick(['internalOffice', 'publicInstitution']);
    const u: U = { id: randomUUID(), parent: parent.id, name: `${county.name}单位${units.length}`, kind, level: 3 };
    units.push(u);
    leaves.push(u);
  }
  // unit + its open unit_version (the org module keeps both).
  for (let i = 0; i < units.length; i += 5000) {
    const b = units.slice(i, i + 5000);
    await q(
      `insert into unit (id, region_code, parent_id, name, kind, sort_order)
       select id, $1, parent_id, name, kind, ord from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[]) as x(id, parent_id, name, kind, ord)`,
      [
        REGION,
        b.map((u) => u.id),
        b.map((u) => u.parent),
        b.map((u) => u.name),
        b.map((u) => u.kind),
        b.map((_, j) => j),
      ],
    );
  }
  await q(`insert into unit_version (region_code, unit_id, valid_from, parent_id, name, kind, status)
           select region_code, id, '2015-01-01', parent_id, name, kind, 'active' from unit`);
  // Quotas: 1–2 types per unit (kind decides), one type history row closed in 2020, leadership posts.
  const quotas: { unit: string; type: EstablishmentType; amount: number; from: string; to: string | null }[] = [];
  const unitTypes = new Map<string, EstablishmentType[]>();
  const posts: { unit: string; level: string; amount: number }[] = [];
  for (const u of units) {
    const types: EstablishmentType[] =
      u.kind === 'organ' || u.kind === 'internalOffice'
        ? ['administrative', ...(rng() < 0.3 ? (['worker'] as const) : [])]
        : u.kind === 'publicInstitution'
          ? [pick(ESTABLISHMENT_TYPES.slice(2, 6))]
          : ['administrative', 'institutionalFull'];
    unitTypes.set(u.id, types);
    for (const t of types) {
      const amount = 5 + Math.floor(rng() * 40);
      quotas.push({ unit: u.id, type: t, amount: amount - 2, from: '2015-01-01', to: '2020-01-01' });
      quotas.push({ unit: u.id, type: t, amount, from: '2020-01-01', to: null });
    }
    posts.push({ unit: u.id, level: 'principal', amount: 1 }, { unit: u.id, level: 'deputy', amount: 2 });
  }
  for (let i = 0; i < quotas.length; i += 5000) {
    const b = quotas.slice(i, i + 5000);
    await q(
      `insert into establishment_quota (region_code, unit_id, type, amount, valid_from, valid_to)
       select $1, * from unnest($2::uuid[], $3::text[], $4::int[], $5::date[], $6::date[])`,
      [
        REGION,
        b.map((x) => x.unit),
        b.map((x) => x.type),
        b.map((x) => x.amount),
        b.map((x) => x.from),
        b.map((x) => x.to),
      ],
    );
  }
  for (let i = 0; i < posts.length; i += 5000) {
    const b = posts.slice(i, i + 5000);
    await q(
      `insert into leadership_post_quota (region_code, unit_id, level, amount, valid_from)
       select $1, u, l, a, '2015-01-01' from unnest($2::uuid[], $3::text[], $4::int[]) as x(u, l, a)`,
      [REGION, b.map((x) => x.unit), b.map((x) => x.level), b.map((x) => x.amount)],
    );
  }

  // ── 1b. Persons and placements (one open each; one in five also has a closed earlier one). ──
  const SURN = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕'];
  const GIVEN = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩芳娜敏静丽艳娟霞燕玲婷雪琳颖倩洁慧琴红梅子嘉思雨文晓春'];
  const persons: PersonSpec[] = [];
  const placeable = units.slice(1);
  const seen = new Set<string>();
  for (let i = 0; i < PERSONS; i++) {
    const sex = rng() < 0.55 ? 'male' : 'female';
    let cid: string;
    do
      cid = syntheticCitizenId(rng, {
        // A county code of the province (5101xx–5121xx), so IDs spread like a real province's.
        regionCode: `51${String(1 + Math.floor(rng() * 21)).padStart(2, '0')}${String(21 + Math.floor(rng() * 9))}`,
        birthFrom: new Date('1965-01-01T00:00:00+08:00'),
        birthTo: new Date('2002-12-31T00:00:00+08:00'),
        sex,
      });
    while (seen.has(cid));
    seen.add(cid);
    const u = placeable[Math.floor(rng() * placeable.length)]!;
    const type = pick(unitTypes.get(u.id)!);
    const from = `${2005 + Math.floor(rng() * 19)}-0${1 + Math.floor(rng() * 9)}-15`;
    const lead = rng() < 0.03 ? (rng() < 0.3 ? 'principal' : 'deputy') : null;
    const placements: PersonSpec['placements'] = [];
    if (rng() < 0.2) {
      const prev = placeable[Math.floor(rng() * placeable.length)]!;
      placements.push({
        unit: prev.id,
        type: pick(unitTypes.get(prev.id)!),
        post: '科员',
        leadershipLevel: null,
        validFrom: '2003-03-01',
        validTo: from,
        enrolReason: 'historical',
        disenrolReason: 'transfer',
      });
    }
    placements.push({
      unit: u.id,
      type,
      post: lead ? '负责人' : '科员',
      leadershipLevel: lead,
      validFrom: from,
      validTo: null,
      enrolReason: 'historical',
      disenrolReason: null,
    });
    persons.push({
      name: pick(SURN) + pick(GIVEN) + (rng() < 0.6 ? pick(GIVEN) : ''),
      sex: sex === 'male' ? '1' : '2',
      birthDate: `${cid.slice(6, 10)}-${cid.slice(10, 12)}-${cid.slice(12, 14)}`,
      citizenId: cid,
      ethnicity: '01',
      politicalStatus: rng() < 0.6 ? '01' : '13',
      education: pick(['21', '31', '41']),
      placements,
    });
  }
  const nPlacements = persons.reduce((a, p) => a + p.placements.length, 0);
  log(
    `generated ${units.length} units, ${persons.length} persons, ${nPlacements} placements in ${((performance.now() - tGen) / 1000).toFixed(1)} s`,
  );

  // The per-row crypto of the bulk path (seal + blind index), measured alone on a sample.
  const sample = persons.slice(0, Math.min(20_000, persons.length));
  const cryptoMs = await time(async () => {
    for (const p of sample) {
      seal(keys.data, p.citizenId);
      blindIndex(keys.data, p.citizenId);
    }
  });
  const ids = new Map(units.map((u) => [u.id, u.id]));
  const bulkMs = await time(() => d.db.transaction((tx) => insertPersons(tx as Tx, keys, REGION, persons, ids)));
  const loadedRows = persons.length + nPlacements;
  log(`bulk load ${(bulkMs / 1000).toFixed(1)} s`);

  // Reference: the same rows, dumped by the server to CSV, COPYed into copies of the tables
  // without indexes, then the same indexes built (the fastest way to load PostgreSQL).
  const personCsv = join(csvDir, 'person.csv');
  const placementCsv = join(csvDir, 'placement.csv');
  await q(`copy person to '${personCsv}' (format csv)`);
  await q(`copy placement to '${placementCsv}' (format csv)`);
  await q('create table person_ref (like person including defaults)');
  await q('create table placement_ref (like placement including defaults)');
  const copyMs = await time(async () => {
    await q('begin');
    await q(`copy person_ref from '${personCsv}' (format csv)`);
    await q(`copy placement_ref from '${placementCsv}' (format csv)`);
    await q('commit');
  });
  log(`copy ${(copyMs / 1000).toFixed(1)} s`);
  const indexMs = await time(async () => {
    await q('alter table person_ref add primary key (id)');
    await q('create unique index on person_ref (citizen_id_index)');
    await q('create index on person_ref (region_code, name)');
    await q('alter table placement_ref add primary key (id)');
    await q('create unique index on placement_ref (person_id) where valid_to is null');
    await q('create index on placement_ref (unit_id, type, valid_from)');
    await q('create index on placement_ref (use_plan_id)');
    await q('alter table placement_ref add foreign key (person_id) references person_ref (id)');
    await q('alter table placement_ref add foreign key (unit_id) references unit (id)');
  });
  log(`index ${(indexMs / 1000).toFixed(1)} s`);
  await q('drop table placement_ref');
  await q('drop table person_ref');
  const vacuumMs = await time(() => q('vacuum analyze'));
  rmSync(csvDir, { recursive: true, force: true });

  const rate = (rows: number, t: number) => rows / (t / 1000);
  out.push(
    `| bulk load, \`insertPersons\` (unnest × 1,000, seal + blind index, into indexed tables; ${int(persons.length)} persons + ${int(nPlacements)} placements) | ${int(rate(loadedRows, bulkMs))} rows/s (${(bulkMs / 1000).toFixed(1)} s) | server-side \`COPY FROM\` file into unindexed copies: ${int(rate(loadedRows, copyMs))} rows/s (${(copyMs / 1000).toFixed(1)} s) | ${((100 * copyMs) / bulkMs).toFixed(0)} % of COPY |`,
    `| — same, COPY + building the same indexes and FKs afterwards | | COPY + index build: ${int(rate(loadedRows, copyMs + indexMs))} rows/s (index build ${(indexMs / 1000).toFixed(1)} s) | ${((100 * (copyMs + indexMs)) / bulkMs).toFixed(0)} % of COPY + indexes |`,
    `| seal + blind index alone (${int(sample.length)}-person sample) | ${int(rate(sample.length, cryptoMs))} persons/s | — | — |`,
    `| VACUUM ANALYZE (whole database) | ${(vacuumMs / 1000).toFixed(1)} s | — | — |`,
  );

  // ── 2. Roll-ups. ────────────────────────────────────────────────────────────────────────────
  const scope: DataScope = { regionCode: REGION, rootUnitId: null, unitIds: null };
  const city = cities[3]!;
  const leaf = leaves[Math.floor(leaves.length / 2)]!;
  const cityUnits = Number(
    (
      await q(
        `with recursive s as (select id from unit where id = $1 union all select u.id from unit u join s on u.parent_id = s.id) select count(*) from s`,
        [city.id],
      )
    ).rows[0].count,
  );
  const openPlacements = Number((await q('select count(*) from placement where valid_to is null')).rows[0].count);
  const rollup = async (label: string, unitId: string | undefined, runs: number) => {
    const ts: number[] = [];
    let total = 0;
    await figures(d.db, scope, { unitId, asOf: AS_OF }); // warm-up
    for (let r = 0; r < runs; r++)
      ts.push(await time(async () => (total = (await figures(d.db, scope, { unitId, asOf: AS_OF })).total.actual)));
    log(`${label}: ${ms(median(ts))}`);
    return { m: median(ts), total };
  };
  // Reference: the same counts as a plain aggregate without the as-of tree walk.
  const refTs: number[] = [];
  for (let r = 0; r < 5; r++)
    refTs.push(
      await time(() =>
        q(
          `select unit_id, type, count(*) from placement where valid_from <= $1 and (valid_to is null or valid_to > $1) group by 1, 2`,
          [AS_OF],
        ),
      ),
    );
  const whole = await rollup('province', undefined, 5);
  out.push(
    `| \`figures()\` whole province as of ${AS_OF} (${int(units.length)} units, actual ${int(whole.total)}; 5 runs) | ${ms(whole.m)} | as-of \`count(*) group by unit, type\` over placement, no tree: ${ms(median(refTs))} | ${(whole.m / median(refTs)).toFixed(1)}× |`,
  );
  const c = await rollup('city', city.id, 5);
  out.push(
    `| \`figures()\` one city subtree (${int(cityUnits)} units, actual ${int(c.total)}; 5 runs) | ${ms(c.m)} | — | — |`,
  );
  const leafRef: number[] = [];
  for (let r = 0; r < 5; r++)
    leafRef.push(
      await time(() =>
        q(
          `select type, count(*) from placement where unit_id = $1 and valid_from <= $2 and (valid_to is null or valid_to > $2) group by 1`,
          [leaf.id, AS_OF],
        ),
      ),
    );
  const one = await rollup('unit', leaf.id, 5);
  out.push(
    `| \`figures()\` one unit (actual ${int(one.total)}; 5 runs) | ${ms(one.m)} | as-of count for that unit alone: ${ms(median(leafRef))} | ${(one.m / median(leafRef)).toFixed(0)}× |`,
  );

  if (process.argv.includes('--explain')) {
    // The first statement of figures() for one unit, as figures.service.ts builds it (placement branch).
    const plan = await q(
      `explain (analyze, buffers, costs off) with recursive nodes as (
         select v.unit_id, v.parent_id from unit_version v
           where v.region_code = $1 and v.valid_from <= $3::date and (v.valid_to is null or v.valid_to > $3::date)
         union all
         select u.id, u.parent_id from unit u
           where u.region_code = $1 and not exists (select 1 from unit_version v where v.unit_id = u.id)
       ), tree as (
         select unit_id from nodes where unit_id = $2
         union
         select n.unit_id from nodes n join tree t on n.parent_id = t.unit_id
       )
       select p.unit_id, p.type, count(*) from placement p join tree on tree.unit_id = p.unit_id
         where p.valid_from <= $3::date and (p.valid_to is null or p.valid_to > $3::date) group by 1, 2`,
      [REGION, leaf.id, AS_OF],
    );
    log('EXPLAIN unit figures (placement branch):\n' + plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }

  // ── 3. Unit page under 4 concurrent loops: figures for the unit + first page of its persons. ──
  const a = { scope, permissions: new Set() } as unknown as AuthContext;
  const svc = { db: d.db, keys };
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      while (performance.now() < end) {
        const u = leaves[Math.floor(Math.random() * leaves.length)]!;
        lat.push(
          await time(() =>
            Promise.all([
              figures(d.db, scope, { unitId: u.id, asOf: AS_OF }),
              listPersons(svc, a, { unitId: u.id, page: 1, pageSize: 20 }),
            ]),
          ),
        );
      }
    }),
  );
  log(`unit page p50 ${ms(pct(lat, 50))} p95 ${ms(pct(lat, 95))}`);
  out.push(
    `| unit page (\`figures\` + \`listPersons\` page 1), 4 concurrent loops × ${SECONDS} s (n=${int(lat.length)}) | p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))} | ${int(lat.length / SECONDS)} pages/s | — |`,
  );

  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL ${pgVersion} (embedded, fsync on, default settings); ${new Date().toISOString().slice(0, 10)}\n` +
      `Size: ${int(units.length)} units (21 cities, ${counties.length} counties), ${int(quotas.length)} quota rows, ${int(persons.length)} persons, ${int(nPlacements)} placements (${int(openPlacements)} open)\n`,
  );
  console.log('| what | median / rate | reference (same run) | ratio |');
  console.log('|---|---|---|---|');
  for (const r of out) console.log(r);
} finally {
  await d.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(csvDir, { recursive: true, force: true });
}
