/**
 * Evidence attachments (佐证材料) of evaluation entries: who may read an uploaded file.
 *
 * A reader sees a file when it is their own upload (just attached in the entry dialog, not yet
 * saved) or when an entry of an evaluation of a department in their data scope cites it. Any
 * other stored file (somebody's import, a file of another region) answers exactly like a missing
 * one, so the evidence routes never become a way to read uploads in general.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { FileInfo } from '@bianban/contracts';
import type { z } from 'zod';
import { storedFile } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { unitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { evaluation, evaluationEntry } from './performance.schema.js';

const columns = {
  id: storedFile.id,
  name: storedFile.name,
  kind: storedFile.kind,
  size: storedFile.size,
  sm3: storedFile.sm3,
  createdBy: storedFile.createdBy,
  createdAt: storedFile.createdAt,
};

async function readable(svc: Services, a: AuthContext, fileId: string) {
  const f = (
    await svc.db
      .select(columns)
      .from(storedFile)
      .where(and(eq(storedFile.id, fileId), eq(storedFile.regionCode, a.scope.regionCode)))
  )[0];
  if (!f) throw appError('NOT_FOUND', '佐证材料不存在');
  if (f.createdBy === a.user.id) return f;
  const citing = await svc.db
    .select({ unitId: evaluation.unitId })
    .from(evaluationEntry)
    .innerJoin(evaluation, eq(evaluation.id, evaluationEntry.evaluationId))
    .where(
      and(
        eq(evaluationEntry.regionCode, a.scope.regionCode),
        sql`${fileId}::uuid = any(${evaluationEntry.evidenceFileIds})`,
      ),
    );
  if (!citing.length) throw appError('NOT_FOUND', '佐证材料不存在');
  if (!citing.some((c) => unitInScope(a.scope, c.unitId))) {
    throw appError('OUT_OF_SCOPE', '该佐证材料所属部门不在您的数据范围内');
  }
  return f;
}

export async function evidenceInfo(svc: Services, a: AuthContext, fileId: string): Promise<z.infer<typeof FileInfo>> {
  const f = await readable(svc, a, fileId);
  return { id: f.id, name: f.name, kind: f.kind, size: f.size, sm3: f.sm3, createdAt: f.createdAt.toISOString() };
}

/** The file's content for download; the download is audited. */
export async function evidenceContent(
  svc: Services,
  a: AuthContext,
  fileId: string,
): Promise<{ name: string; content: Buffer }> {
  const f = await readable(svc, a, fileId);
  const row = (await svc.db.select({ content: storedFile.content }).from(storedFile).where(eq(storedFile.id, f.id)))[0];
  if (!row) throw appError('NOT_FOUND', '佐证材料不存在');
  await svc.db.transaction((tx) =>
    appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'evidence.download',
      objectType: 'file',
      objectId: f.id,
      after: { name: f.name, size: f.size, sm3: f.sm3 },
    }),
  );
  return { name: f.name, content: row.content };
}
