import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { encodeGbk } from './test-fixtures.js';

let ta: TestApp;
let staff: Session;
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
});
afterAll(() => ta.close());

function multipart(name: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bianbanTestBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(s: Session, name: string, content: Buffer) {
  const m = multipart(name, content);
  return ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: m.payload,
    headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
}

describe('uploads', () => {
  it('stores a real workbook, audits it, and previews it in a worker', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('编制');
    ws.addRow(['单位', '行政编制']);
    ws.addRow(['区委编办', 4]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(staff, '编制.xlsx', buf);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '编制.xlsx', kind: 'xlsx', size: buf.length });
    const preview = await ta.call(staff, 'GET', `/api/files/${res.json().id}/preview`);
    expect(preview.json().sheets[0]).toMatchObject({
      name: '编制',
      rows: [
        ['单位', '行政编制'],
        ['区委编办', '4'],
      ],
    });
    const audit = await ta.t.pool.query(`select after from audit_log where action = 'file.upload' and object_id = $1`, [
      res.json().id,
    ]);
    expect(audit.rows[0].after.sm3).toBe(res.json().sm3);
  });

  it('refuses a file whose content does not match its name', async () => {
    const res = await upload(staff, '报表.xlsx', Buffer.from('%PDF-1.7\n%fake\n'));
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('FILE_TYPE');
    expect(res.json().message).toMatch(/报表\.xlsx/);
  });

  it('refuses a malformed zip with a 4xx and keeps nothing', async () => {
    const before = (await ta.t.pool.query('select count(*)::int n from stored_file')).rows[0].n;
    const res = await upload(staff, '坏.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 0x41)]));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('FILE_MALFORMED');
    expect((await ta.t.pool.query('select count(*)::int n from stored_file')).rows[0].n).toBe(before);
  });

  it('stores GB18030 (GBK) text converted to UTF-8 and records the conversion in the audit', async () => {
    const text = '单位,金额\n区委编办,100\n';
    const res = await upload(staff, '预算.csv', encodeGbk(text));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'csv', size: Buffer.byteLength(text) });
    const stored = await ta.t.pool.query('select content from stored_file where id = $1', [res.json().id]);
    expect((stored.rows[0].content as Buffer).toString('utf8')).toBe(text);
    const audit = await ta.t.pool.query(`select after from audit_log where action = 'file.upload' and object_id = $1`, [
      res.json().id,
    ]);
    expect(audit.rows[0].after).toMatchObject({ convertedFrom: 'gb18030', originalSize: encodeGbk(text).length });
  });

  it('refuses a file over 10 MB', async () => {
    const res = await upload(staff, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 10, 0x61));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
  });

  it('requires the upload permission', async () => {
    const viewer = await ta.signIn(await ta.createUser('viewer'));
    expect((await upload(viewer, 'a.txt', Buffer.from('hello'))).statusCode).toBe(403);
  });
});
