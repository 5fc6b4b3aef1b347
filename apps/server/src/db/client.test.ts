import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/db.js';
import { readAll } from './client.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

/** A lazy read that records when it starts and ends (like a Drizzle query, it runs when awaited). */
function lazy(log: string[], name: string, ms: number): PromiseLike<string> {
  return {
    then(onDone, onFail) {
      log.push(`${name}+`);
      return new Promise<string>((resolve) =>
        setTimeout(() => {
          log.push(`${name}-`);
          resolve(name);
        }, ms),
      ).then(onDone, onFail);
    },
  };
}

describe('readAll', () => {
  it('runs the reads at once on the pool', async () => {
    const log: string[] = [];
    expect(await readAll(t.db, [lazy(log, 'a', 30), lazy(log, 'b', 5)])).toEqual(['a', 'b']);
    expect(log).toEqual(['a+', 'b+', 'b-', 'a-']);
  });

  it('runs them one after another inside a transaction, whose one connection cannot run two', async () => {
    const log: string[] = [];
    const out = await t.db.transaction(async (tx) => {
      const [x, [row]] = await readAll(tx, [
        lazy(log, 'a', 30),
        tx.execute<{ n: number }>(sql`select 2 as n`).then((r) => r.rows),
      ]);
      return [x, row?.n];
    });
    expect(out).toEqual(['a', 2]);
    const log2: string[] = [];
    await t.db.transaction((tx) => readAll(tx, [lazy(log2, 'a', 30), lazy(log2, 'b', 5)]));
    expect(log2).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
});
