/**
 * Evidence attachments (佐证材料): an entry cites uploaded files; they are readable by whoever may
 * read the evaluation, downloads are audited, a reporter of another department is out of scope,
 * and an upload nobody cites stays its uploader's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let viewer: Session;
let otherReporter: Session;
let evaluationId = '';
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  viewer = await ta.signIn(await ta.createUser('viewer'));
  otherReporter = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.office }));
  const finance = await ta.signIn(await ta.createUser('financeReviewer'));
  const fw = await ta.call(finance, 'POST', '/api/frameworks', {
    code: 'evidence-dept',
    body: {
      name: '佐证材料测试指标体系',
      kind: 'department',
      indicators: [{ key: '1', name: '履职效果', points: 100, rule: { kind: 'manual' } }],
    },
  });
  expect(fw.statusCode, fw.body).toBe(200);
  await ta.call(finance, 'POST', `/api/framework-versions/${fw.json().id}/publish`);
  const e = await ta.call(staff, 'POST', '/api/evaluations', {
    unitId: ta.units.finance,
    year: 2025,
    frameworkVersionId: fw.json().id,
  });
  expect(e.statusCode, e.body).toBe(200);
  evaluationId = e.json().id;
});
afterAll(() => ta.close());

async function upload(s: Session, name: string, content: string): Promise<string> {
  const boundary = '----bianbanEvidence';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

describe('evidence attachments', () => {
  let cited = '';
  it('an entry cites an uploaded file; readers of the evaluation see and download it, audited', async () => {
    cited = await upload(staff, '会议纪要.txt', '2025年第一次党组会议纪要');
    // Before it is cited, the uploader may already open it; nobody else may.
    expect((await ta.call(staff, 'GET', `/api/evidence/${cited}`)).json()).toMatchObject({
      name: '会议纪要.txt',
      kind: 'txt',
    });
    expect((await ta.call(viewer, 'GET', `/api/evidence/${cited}`)).json()).toMatchObject({
      code: 'NOT_FOUND',
      message: '佐证材料不存在',
    });

    const saved = await ta.call(staff, 'PUT', `/api/evaluations/${evaluationId}/entries/1`, {
      entry: { score: 100 },
      evidenceFileIds: [cited],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().indicators[0].evidenceFileIds).toEqual([cited]);

    const info = await ta.call(viewer, 'GET', `/api/evidence/${cited}`);
    expect(info.json()).toMatchObject({
      id: cited,
      name: '会议纪要.txt',
      size: Buffer.byteLength('2025年第一次党组会议纪要'),
    });
    const dl = await ta.call(viewer, 'GET', `/api/evidence/${cited}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('2025年第一次党组会议纪要');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('会议纪要.txt')}`,
    );
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'evidence.download' and object_id = $1`,
      [cited],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ name: '会议纪要.txt' });
  });

  it('a reporter of another department cannot read the evidence of this one', async () => {
    const res = await ta.call(otherReporter, 'GET', `/api/evidence/${cited}/content`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该佐证材料所属部门不在您的数据范围内' });
  });

  it('an upload nobody cites is not readable through the evidence route, and an unknown id is not found', async () => {
    const own = await upload(otherReporter, '草稿.txt', '未引用');
    expect((await ta.call(otherReporter, 'GET', `/api/evidence/${own}`)).statusCode).toBe(200);
    expect((await ta.call(staff, 'GET', `/api/evidence/${own}/content`)).json().code).toBe('NOT_FOUND');
    expect((await ta.call(staff, 'GET', '/api/evidence/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('removing the file from the entry takes it out of the readers’ reach', async () => {
    await ta.call(staff, 'PUT', `/api/evaluations/${evaluationId}/entries/1`, {
      entry: { score: 100 },
      evidenceFileIds: [],
    });
    expect((await ta.call(viewer, 'GET', `/api/evidence/${cited}`)).json().code).toBe('NOT_FOUND');
  });
});
