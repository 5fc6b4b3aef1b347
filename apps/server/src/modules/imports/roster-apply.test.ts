/**
 * The write path of the roster import: crypto on worker threads gives exactly what sm.ts gives, and
 * COPY's text format carries every character of a cell unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, REGION, type TestApp } from '../../test/app.js';
import { blindIndex, open } from '../../platform/crypto/sm.js';
import { citizenIdCheckChar } from '../roster/domain/citizen-id.js';
import { importRosterFile } from './imports.service.js';
import { copyField } from './roster-apply.js';
import { cryptoAll, cryptoChunks, IN_PROCESS_BELOW } from './seal-pool.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

function ids(n: number, seed: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const body = `510402${1970 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String((seed * 7 + i) % 1000).padStart(3, '0')}`;
    return body + citizenIdCheckChar(body);
  });
}

describe('crypto on worker threads', () => {
  it('seals and blind-indexes as sm.ts does, in order, chunk by chunk', async () => {
    const key = ta.t.keys.data;
    const values = ids(IN_PROCESS_BELOW + 1234, 1);
    const [sealed, indexed] = await Promise.all([cryptoAll(key, 'seal', values), cryptoAll(key, 'index', values)]);
    expect(sealed).toHaveLength(values.length);
    for (const i of [0, 1, 4999, 5000, values.length - 1]) {
      expect(open(key, sealed[i]!).toString()).toBe(values[i]);
      expect(indexed[i]).toBe(blindIndex(key, values[i]!));
    }
    expect(new Set(sealed).size).toBe(values.length); // a fresh IV each time
    expect(cryptoChunks(key, 'index', values)).toHaveLength(2);
  });

  it('does small batches in-process, with the same results', async () => {
    const key = ta.t.keys.data;
    const values = ids(10, 2);
    expect(await cryptoAll(key, 'index', values)).toEqual(values.map((v) => blindIndex(key, v)));
  });
});

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('王芳')).toBe('王芳');
  });

  it('stores an imported name with a backslash exactly as written', async () => {
    const u = ta.units.finance;
    await ta.t.pool.query(
      `insert into establishment_quota (region_code, unit_id, type, amount, valid_from) values ($1, $2, 'administrative', 10, '2020-01-01')`,
      [REGION, u],
    );
    const [a, b] = ids(2, 3);
    const csv = `姓名,公民身份号码,单位编号,编制类型,上编时间,上编方式\n"王\\N",${a},${u},行政编制,2021-01-01,招聘\n"李\\t四",${b},${u},行政编制,2021-01-01,招聘\n`;
    const r = await importRosterFile({ db: ta.t.db, keys: ta.t.keys }, REGION, {
      fileName: '转义.csv',
      content: Buffer.from(csv),
      mode: 'all',
    });
    expect(r).toMatchObject({ applied: true, personsCreated: 2, placementsCreated: 2 });
    const names = (await ta.t.pool.query(`select name from person order by name`)).rows.map((x) => x.name);
    expect(names).toEqual(['李\\t四', '王\\N'].sort());
    const sealed = (await ta.t.pool.query(`select citizen_id_sealed s from person where name = $1`, ['王\\N'])).rows[0];
    expect(open(ta.t.keys.data, sealed.s).toString()).toBe(a);
  });
});
