import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { job } from '../../db/schema.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { INTERRUPTED_MESSAGE, JobRunner } from './jobs.service.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

/** Reads an SSE response body into its JSON events. */
function events(body: string): { state: string; progress: number }[] {
  return body
    .split('\n\n')
    .filter((b) => b.startsWith('data: '))
    .map((b) => JSON.parse(b.slice(6)));
}

describe('background jobs', () => {
  it('runs the audit verification job and streams its progress until it ends', async () => {
    const auditor = await ta.signIn(await ta.createUser('auditAdmin'));
    const started = await ta.call(auditor, 'POST', '/api/audit/verify');
    expect(started.statusCode).toBe(200);
    const id = started.json().id;
    // inject resolves when the stream closes, which happens when the job has ended.
    const sse = await ta.call(auditor, 'GET', `/api/jobs/${id}/events`);
    expect(sse.headers['content-type']).toMatch(/text\/event-stream/);
    const evs = events(sse.body);
    expect(evs.length).toBeGreaterThan(0);
    const last = evs[evs.length - 1]!;
    expect(last).toMatchObject({ state: 'succeeded', progress: 100 });
    const info = (await ta.call(auditor, 'GET', `/api/jobs/${id}`)).json();
    expect(info.result).toMatchObject({ ok: true, firstBadSeq: null });
    expect((await ta.call(auditor, 'GET', '/api/jobs')).json().items.map((j: { id: string }) => j.id)).toContain(id);
  });

  it('a job is visible only to the account that started it', async () => {
    const a = await ta.signIn(await ta.createUser('auditAdmin'));
    const b = await ta.signIn(await ta.createUser('officeStaff'));
    const id = (await ta.call(a, 'POST', '/api/audit/verify')).json().id;
    const res = await ta.call(b, 'GET', `/api/jobs/${id}`);
    expect(res.statusCode).toBe(404);
  });

  it('marks a job cut by a restart as failed with a clear message', async () => {
    const [row] = await ta.t.db
      .insert(job)
      .values({ regionCode: '510403', kind: 'audit.verify', state: 'running', startedAt: new Date() })
      .returning();
    const runner = new JobRunner(ta.t.db, 10_000);
    expect(await runner.start()).toBeGreaterThanOrEqual(1);
    await runner.stop();
    const after = await runner.get(row!.id);
    expect(after).toMatchObject({ state: 'failed', error: INTERRUPTED_MESSAGE });
  });

  it('a failing handler fails its job with the error, and the runner goes on', async () => {
    await ta.jobs.stop(); // only this test's runner, which knows the test kinds, may claim them
    const runner = new JobRunner(ta.t.db, 20);
    runner.register('test.boom', async () => {
      throw new Error('演示失败：输入文件第3行缺少单位名称');
    });
    let progressSeen = 0;
    runner.register('test.ok', async (ctx) => {
      await ctx.progress(50, '一半');
      progressSeen++;
      return { result: { n: 1 } };
    });
    const [boom] = await ta.t.db.insert(job).values({ regionCode: '510403', kind: 'test.boom' }).returning();
    const [ok] = await ta.t.db.insert(job).values({ regionCode: '510403', kind: 'test.ok' }).returning();
    await runner.start();
    for (let i = 0; i < 100 && (await runner.get(ok!.id))?.state !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await runner.stop();
    expect(await runner.get(boom!.id)).toMatchObject({ state: 'failed', error: '演示失败：输入文件第3行缺少单位名称' });
    expect(await runner.get(ok!.id)).toMatchObject({ state: 'succeeded', progress: 100, result: { n: 1 } });
    expect(progressSeen).toBe(1);
  });
});
