/**
 * Audit export to XLSX (a background job). Every text cell passes `neutraliseCell`: usernames
 * typed at the sign-in form reach the audit log verbatim, so `=HYPERLINK(…)` typed there must not
 * become a formula in the auditor's spreadsheet.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { DbOrTx } from '../../db/client.js';
import { neutraliseRow } from '../files/index.js';
import { listAudit, type AuditFilter } from './audit.service.js';

export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export async function exportAuditXlsx(
  db: DbOrTx,
  filter: Omit<AuditFilter, 'page' | 'pageSize'>,
  onProgress: (done: number, total: number) => Promise<void>,
): Promise<{ content: Buffer; rows: number; truncated: boolean }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间（UTC）', key: 'at', width: 26 },
    { header: '用户', key: 'username', width: 16 },
    { header: '角色', key: 'role', width: 14 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象类型', key: 'objectType', width: 12 },
    { header: '对象编号', key: 'objectId', width: 38 },
    { header: '结果', key: 'result', width: 8 },
    { header: '变更前', key: 'before', width: 40 },
    { header: '变更后', key: 'after', width: 40 },
    { header: '请求编号', key: 'requestId', width: 38 },
  ];
  ws.getRow(1).font = { bold: true };
  const pageSize = 2000;
  let done = 0;
  let total = 0;
  for (let page = 1; done < AUDIT_EXPORT_MAX_ROWS; page++) {
    const res = await listAudit(db, { ...filter, page, pageSize });
    total = Math.min(res.total, AUDIT_EXPORT_MAX_ROWS);
    for (const r of res.items) {
      if (done >= AUDIT_EXPORT_MAX_ROWS) break;
      const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
      ws.addRow(
        neutraliseRow([
          Number(r.seq),
          r.at,
          r.username ?? '',
          r.role ?? '',
          r.ip ?? '',
          r.action,
          r.objectType ?? '',
          r.objectId ?? '',
          r.result,
          json(r.before),
          json(r.after),
          r.requestId ?? '',
        ]),
      ).commit();
      done++;
    }
    await onProgress(done, total);
    if (res.items.length < pageSize) break;
  }
  await wb.commit();
  return { content: Buffer.concat(chunks), rows: done, truncated: total > done || done >= AUDIT_EXPORT_MAX_ROWS };
}
