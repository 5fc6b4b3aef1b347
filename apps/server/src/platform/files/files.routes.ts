import { and, eq } from 'drizzle-orm';
import { FileInfo, IdParams, SheetPreview } from '@bianban/contracts';
import { storedFile } from '../../db/schema.js';
import { appendAudit } from '../audit/audit.service.js';
import { appError } from '../http/errors.js';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { checkUpload, isFileRejectedError, parseXlsxInWorker, type FileKind } from './index.js';

const ACCEPTED: FileKind[] = ['xlsx', 'docx', 'pdf', 'csv', 'txt', 'png', 'jpeg'];

function rejectToAppError(err: unknown): never {
  if (isFileRejectedError(err)) throw appError(err.code, err.message);
  throw err;
}

export async function fileRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['文件'];

  app.post(
    '/api/files',
    {
      config: { access: 'file.upload' },
      schema: { tags, summary: '上传文件（≤10 MB；按内容识别类型）', response: { 200: FileInfo } },
    },
    async (req) => {
      const a = authOf(req);
      if (!req.isMultipart()) throw appError('BAD_REQUEST', '请以 multipart/form-data 上传，文件字段名为 file');
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw appError('BAD_REQUEST', '缺少文件字段 file');
      const buf = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE')
          throw appError('FILE_TOO_LARGE', `文件“${part.filename}”超过10 MB上限`);
        throw err;
      });
      // GB18030 (GBK) text is stored converted to UTF-8, so every reader of uploads gets UTF-8.
      const checked = await checkUpload({ buf, name: part.filename, accept: ACCEPTED, convertLegacyText: true }).catch(
        rejectToAppError,
      );
      const row = await deps.db.transaction(async (tx) => {
        const [f] = await tx
          .insert(storedFile)
          .values({
            regionCode: a.user.regionCode,
            name: part.filename,
            kind: checked.kind,
            size: checked.size,
            sm3: checked.sm3,
            content: checked.content,
            createdBy: a.user.id,
          })
          .returning();
        await appendAudit(tx, deps.keys.audit, a.actor, {
          action: 'file.upload',
          objectType: 'file',
          objectId: f!.id,
          after: {
            name: f!.name,
            kind: f!.kind,
            size: f!.size,
            sm3: f!.sm3,
            ...(checked.convertedFrom
              ? { convertedFrom: checked.convertedFrom, originalSize: buf.length, originalSm3: checked.originalSm3 }
              : {}),
          },
        });
        return f!;
      });
      return {
        id: row.id,
        name: row.name,
        kind: row.kind,
        size: row.size,
        sm3: row.sm3,
        createdAt: row.createdAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/files/:id/preview',
    {
      config: { access: 'file.upload' },
      schema: {
        tags,
        summary: '预览电子表格（在受限的工作线程中解析）',
        params: IdParams,
        response: { 200: SheetPreview },
      },
    },
    async (req) => {
      const a = authOf(req);
      const f = (
        await deps.db
          .select()
          .from(storedFile)
          .where(and(eq(storedFile.id, req.params.id), eq(storedFile.createdBy, a.user.id)))
      )[0];
      if (!f) throw appError('NOT_FOUND', '文件不存在');
      if (f.kind !== 'xlsx') throw appError('FILE_TYPE', `文件“${f.name}”不是Excel工作簿，无法预览`);
      return parseXlsxInWorker(f.content, { fileName: f.name }).catch(rejectToAppError);
    },
  );
}
