/**
 * Province-size benchmark: a generated province (unit tree, quotas, persons and placements), then
 * - a roster import (`importRoster`, a CSV of new persons into units with vacancies: read, every
 *   check, and the write — COPY FROM STDIN with the sealing on worker threads) into the loaded
 *   province, against a raw server-side `COPY … FROM '/file'` of exactly the rows it wrote, into the
 *   same tables in the same state (the imported rows are dumped, deleted, vacuumed and COPYed back);
 * - the as-of roll-up (`figures()`) for the whole province (today and a past date), a city and a unit,
 *   against plain as-of counts;
 * - a unit page (figures + first page of `listPersons`) under 4 concurrent loops.
 * Starts its own embedded PostgreSQL (fsync on) in a temporary directory.
 * Usage: npm run bench:province [-- --units N --persons M --import K --seconds S]. Prints Markdown.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESTABLISHMENT_TYPES, ESTABLISHMENT_TYPE_LABELS, type EstablishmentType } from '@bianban/contracts';
import { connect, runMigrations } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { maskCitizenId } from '../apps/server/src/modules/roster/domain/citizen-id.js';
import { importRoster, IMPORT_NOTE } from '../apps/server/src/modules/imports/imports.service.js';
import { cryptoAll } from '../apps/server/src/modules/imports/seal-pool.js';
import { copyField } from '../apps/server/src/modules/imports/roster-apply.js';
import { SYSTEM_ACTOR } from '../apps/server/src/platform/audit/audit.service.js';
import { establishmentSql, figures, regionUnitsSql } from '../apps/server/src/modules/org/figures.service.js';
import { sql } from 'drizzle-orm';
import { listPersons } from '../apps/server/src/modules/roster/roster.service.js';
import { syntheticCitizenId } from '../apps/server/src/modules/roster/domain/citizen-id.js';
import type { AuthContext } from '../apps/server/src/platform/auth/auth.service.js';
import type { DataScope } from '../apps/server/src/platform/auth/scope.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const UNITS = arg('units', 60_000);
const PERSONS = arg('persons', 1_500_000);
const SECONDS = arg('seconds', 20);
const IMPORT = arg('import', Math.min(100_000, Math.round(PERSONS / 15)));
const PAST = '2020-12-31';
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
  // The last IMPORT persons are not loaded: they are the roster import file of step 2, placed into
  // (unit, type) pairs that still have vacancies.
  const SURN = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕'];
  const GIVEN = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩芳娜敏静丽艳娟霞燕玲婷雪琳颖倩洁慧琴红梅子嘉思雨文晓春'];
  type P = { id: string; name: string; sex: '1' | '2'; cid: string; edu: string; pol: string };
  type Pl = { person: string; unit: string; type: string; level: string | null; from: string; to: string | null };
  const persons: P[] = [];
  const placements: Pl[] = [];
  const importRows: { name: string; cid: string; unit: string; type: EstablishmentType; from: string }[] = [];
  const placeable = units.slice(1);
  const seen = new Set<string>();
  const newCid = (sex: 'male' | 'female') => {
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
    return cid;
  };
  const used = new Map<string, number>();
  for (let i = 0; i < PERSONS - IMPORT; i++) {
    const sex = rng() < 0.55 ? 'male' : 'female';
    const cid = newCid(sex);
    const id = randomUUID();
    const u = placeable[Math.floor(rng() * placeable.length)]!;
    const type = pick(unitTypes.get(u.id)!);
    const from = `${2005 + Math.floor(rng() * 19)}-0${1 + Math.floor(rng() * 9)}-15`;
    const lead = rng() < 0.03 ? (rng() < 0.3 ? 'principal' : 'deputy') : null;
    if (rng() < 0.2) {
      const prev = placeable[Math.floor(rng() * placeable.length)]!;
      placements.push({
        person: id,
        unit: prev.id,
        type: pick(unitTypes.get(prev.id)!),
        level: null,
        from: '2003-03-01',
        to: from,
      });
    }
    placements.push({ person: id, unit: u.id, type, level: lead, from, to: null });
    used.set(`${u.id}|${type}`, (used.get(`${u.id}|${type}`) ?? 0) + 1);
    persons.push({
      id,
      name: pick(SURN) + pick(GIVEN) + (rng() < 0.6 ? pick(GIVEN) : ''),
      sex: sex === 'male' ? '1' : '2',
      cid,
      pol: rng() < 0.6 ? '01' : '13',
      edu: pick(['21', '31', '41']),
    });
  }
  // Vacancies today, then the import file's rows into them.
  const vacancies: { unit: string; type: EstablishmentType; left: number }[] = [];
  for (const q of quotas)
    if (q.to === null) {
      const left = q.amount - (used.get(`${q.unit}|${q.type}`) ?? 0);
      if (left > 0) vacancies.push({ unit: q.unit, type: q.type, left });
    }
  for (let i = 0, v = 0; i < IMPORT; i++) {
    while (vacancies[v % vacancies.length]!.left === 0) v++;
    const slot = vacancies[v % vacancies.length]!;
    slot.left--;
    v += 1 + Math.floor(rng() * 7);
    const sex = rng() < 0.55 ? 'male' : 'female';
    importRows.push({
      name: pick(SURN) + pick(GIVEN) + (rng() < 0.6 ? pick(GIVEN) : ''),
      cid: newCid(sex),
      unit: slot.unit,
      type: slot.type,
      from: `2024-0${1 + Math.floor(rng() * 9)}-01`,
    });
  }
  const nPlacements = placements.length;
  log(
    `generated ${units.length} units, ${persons.length} + ${importRows.length} persons, ${nPlacements} placements in ${((performance.now() - tGen) / 1000).toFixed(1)} s`,
  );

  // Base load (not a measurement): sealed on worker threads, COPY FROM STDIN into the migrated tables.
  const copyIn = async (table: string, cols: string[], lines: () => Iterable<string>) => {
    const client = await d.pool.connect();
    try {
      await pipeline(Readable.from(lines()), client.query(copyFrom(`copy ${table} (${cols.join(', ')}) from stdin`)));
    } finally {
      client.release();
    }
  };
  const row = (f: (string | null)[]) => f.map(copyField).join('\t') + '\n';
  const tLoad = performance.now();
  const sealed = await cryptoAll(
    keys.data,
    'seal',
    persons.map((p) => p.cid),
  );
  const indexed = await cryptoAll(
    keys.data,
    'index',
    persons.map((p) => p.cid),
  );
  log(`sealed ${persons.length} in ${((performance.now() - tLoad) / 1000).toFixed(1)} s`);
  await copyIn(
    'person',
    [
      'id',
      'region_code',
      'name',
      'sex',
      'birth_date',
      'citizen_id_sealed',
      'citizen_id_index',
      'citizen_id_masked',
      'ethnicity',
      'political_status',
      'education',
      'synthetic',
    ],
    function* () {
      for (let i = 0; i < persons.length; i += 5000) {
        let t = '';
        for (let j = i; j < Math.min(persons.length, i + 5000); j++) {
          const p = persons[j]!;
          t += row([
            p.id,
            REGION,
            p.name,
            p.sex,
            `${p.cid.slice(6, 10)}-${p.cid.slice(10, 12)}-${p.cid.slice(12, 14)}`,
            sealed[j]!,
            indexed[j]!,
            maskCitizenId(p.cid),
            '01',
            p.pol,
            p.edu,
            't',
          ]);
        }
        yield t;
      }
    },
  );
  await copyIn(
    'placement',
    [
      'region_code',
      'person_id',
      'unit_id',
      'type',
      'post',
      'leadership_level',
      'valid_from',
      'valid_to',
      'enrol_reason',
      'disenrol_reason',
      'exception_note',
    ],
    function* () {
      for (let i = 0; i < placements.length; i += 5000) {
        let t = '';
        for (const x of placements.slice(i, i + 5000))
          t += row([
            REGION,
            x.person,
            x.unit,
            x.type,
            x.level ? '负责人' : '科员',
            x.level,
            x.from,
            x.to,
            'historical',
            x.to ? 'transfer' : null,
            '基准数据',
          ]);
        yield t;
      }
    },
  );
  const vacuumMs = await time(() => q('vacuum analyze'));
  log(`base load ${((performance.now() - tLoad) / 1000).toFixed(1)} s (vacuum ${(vacuumMs / 1000).toFixed(1)} s)`);

  // ── 1c. The roster import: a CSV of IMPORT new persons, mode 'all' (every row checked first). ──
  const csv = Buffer.from(
    [
      '姓名,公民身份号码,单位编号,编制类型,上编时间,上编方式',
      ...importRows.map((r) => `${r.name},${r.cid},${r.unit},${ESTABLISHMENT_TYPE_LABELS[r.type]},${r.from},招聘`),
    ].join('\n') + '\n',
  );
  const scope: DataScope = { regionCode: REGION, rootUnitId: null, unitIds: null };
  let writeStart = 0;
  const t0 = performance.now();
  const imported = await importRoster(
    { db: d.db, keys },
    { scope, userId: null, actor: { ...SYSTEM_ACTOR, username: 'bench', regionCode: REGION }, canApply: true },
    { fileName: 'province.csv', kind: 'csv', content: csv, mode: 'all' },
    async (pct) => {
      if (pct >= 65 && !writeStart) writeStart = performance.now();
    },
  );
  const importMs = performance.now() - t0;
  const writeMs = performance.now() - writeStart;
  if (!imported.applied || imported.placementsCreated !== IMPORT)
    throw new Error(`import not applied: ${JSON.stringify({ ...imported, errors: imported.errors.slice(0, 5) })}`);
  log(`import ${IMPORT} rows: ${(importMs / 1000).toFixed(2)} s (write ${(writeMs / 1000).toFixed(2)} s)`);

  // Reference: exactly the rows the import wrote, dumped by the server, deleted, vacuumed, and
  // COPYed back from the files into the same (indexed) tables in one transaction.
  const personCsv = join(csvDir, 'person.csv');
  const placementCsv = join(csvDir, 'placement.csv');
  const mine = `select person_id from placement where exception_note = '${IMPORT_NOTE}'`;
  await q(`copy (select * from person where id in (${mine})) to '${personCsv}' (format csv)`);
  await q(`copy (select * from placement where exception_note = '${IMPORT_NOTE}') to '${placementCsv}' (format csv)`);
  // (A temporary index on placement.person_id makes the deletion's foreign-key checks cheap; it is
  // dropped before the COPY, which therefore meets exactly the indexes the import met.)
  await q('create index bench_placement_person on placement (person_id)');
  const c1 = await d.pool.connect();
  let copyMs: number;
  try {
    await c1.query('begin');
    await c1.query(`create temp table gone on commit drop as ${mine}`);
    await c1.query(`delete from placement where exception_note = '${IMPORT_NOTE}'`);
    await c1.query('delete from person where id in (select person_id from gone)');
    await c1.query('commit');
    await c1.query('drop index bench_placement_person');
    await c1.query('vacuum analyze person');
    await c1.query('vacuum analyze placement');
    copyMs = await time(async () => {
      await c1.query('begin');
      await c1.query(`copy person from '${personCsv}' (format csv)`);
      await c1.query(`copy placement from '${placementCsv}' (format csv)`);
      await c1.query('commit');
    });
  } finally {
    c1.release();
  }
  log(`copy of the same ${2 * IMPORT} rows ${(copyMs / 1000).toFixed(2)} s`);
  await q('vacuum analyze person');
  await q('vacuum analyze placement');
  rmSync(csvDir, { recursive: true, force: true });

  const rate = (rows: number, t: number) => rows / (t / 1000);
  const rows2 = 2 * IMPORT;
  out.push(
    `| roster import, CSV of ${int(IMPORT)} new persons, mode “all” (read, check, write; ${int(rows2)} rows written) | ${int(rate(rows2, importMs))} rows/s (${(importMs / 1000).toFixed(2)} s) | server-side \`COPY FROM\` file of the same ${int(rows2)} rows into the same tables: ${int(rate(rows2, copyMs))} rows/s (${(copyMs / 1000).toFixed(2)} s) | **${((100 * copyMs) / importMs).toFixed(0)} % of COPY** |`,
    `| — its write phase alone (seal on worker threads + COPY FROM STDIN + audit) | ${int(rate(rows2, writeMs))} rows/s (${(writeMs / 1000).toFixed(2)} s) | (same) | **${((100 * copyMs) / writeMs).toFixed(0)} % of COPY** |`,
    `| VACUUM ANALYZE after the base load (whole database) | ${(vacuumMs / 1000).toFixed(1)} s | — | — |`,
  );

  // ── 2. Roll-ups. ────────────────────────────────────────────────────────────────────────────
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
  const rollup = async (label: string, unitId: string | undefined, runs: number, asOf = AS_OF) => {
    const ts: number[] = [];
    let total = 0;
    await figures(d.db, scope, { unitId, asOf }); // warm-up
    for (let r = 0; r < runs; r++)
      ts.push(await time(async () => (total = (await figures(d.db, scope, { unitId, asOf })).total.actual)));
    log(`${label}: ${ms(median(ts))}`);
    return { m: median(ts), total };
  };
  // Reference: the same counts as a plain aggregate without the as-of tree walk (and a check that
  // the roll-up, read from the kept counts, equals it).
  const plainCount = async (date: string) => {
    const ts: number[] = [];
    let n = 0;
    for (let r = 0; r < 5; r++)
      ts.push(
        await time(async () => {
          const res = await q(
            `select unit_id, type, count(*)::int n from placement where valid_from <= $1 and (valid_to is null or valid_to > $1) group by 1, 2`,
            [date],
          );
          n = res.rows.reduce((a, x) => a + x.n, 0);
        }),
      );
    return { m: median(ts), n };
  };
  for (const [date, label] of [
    [AS_OF, `as of ${AS_OF}`],
    [PAST, `as of ${PAST} (a past date: the counts corrected by every placement changed since)`],
  ] as const) {
    const ref = await plainCount(date);
    const whole = await rollup(`province ${date}`, undefined, 5, date);
    if (whole.total !== ref.n) throw new Error(`roll-up ${whole.total} ≠ plain count ${ref.n} on ${date}`);
    out.push(
      `| \`figures()\` whole province ${label} (${int(units.length)} units, actual ${int(whole.total)}; 5 runs) | ${ms(whole.m)} | as-of \`count(*) group by unit, type\` over placement, no tree: ${ms(ref.m)} | ${(whole.m / ref.m).toFixed(2)}× |`,
    );
  }
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
    // The whole-province statement of figures(), as figures.service.ts builds it.
    for (const date of [AS_OF, PAST]) {
      // With the work_mem figures() sets for this statement.
      const plan = await d.db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '64MB'`);
        return tx.execute<{ 'QUERY PLAN': string }>(
          sql`explain (analyze, buffers, costs off) ${establishmentSql(regionUnitsSql(REGION, date), date)}`,
        );
      });
      log(`EXPLAIN province ${date}:\n` + plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
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
