/**
 * The one lookup of "a file this user uploaded", for every feature that processes uploads later
 * (imports, verification, previews): somebody else's upload answers exactly like a missing one,
 * and a file of the wrong kind is refused naming what it is and what the feature accepts.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { storedFile } from '../../db/schema.js';
import type { AuthContext } from '../auth/auth.service.js';
import { appError } from '../http/errors.js';
import { displayName } from './errors.js';
import { kindLabel, type FileKind } from './index.js';

export async function findOwnUpload(
  db: DbOrTx,
  a: AuthContext,
  fileId: string,
  accept: { kinds: readonly FileKind[]; refusal: string },
): Promise<{ id: string; name: string; kind: FileKind }> {
  const f = (
    await db
      .select({ id: storedFile.id, name: storedFile.name, kind: storedFile.kind })
      .from(storedFile)
      .where(
        and(
          eq(storedFile.id, fileId),
          eq(storedFile.createdBy, a.user.id),
          eq(storedFile.regionCode, a.user.regionCode),
        ),
      )
  )[0];
  if (!f) throw appError('NOT_FOUND', '文件不存在');
  const kind = f.kind as FileKind;
  if (!accept.kinds.includes(kind))
    throw appError('FILE_TYPE', `文件“${displayName(f.name)}”是${kindLabel(kind)}，${accept.refusal}`);
  return { id: f.id, name: f.name, kind };
}
