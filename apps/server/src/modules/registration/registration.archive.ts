/**
 * 一户一档: an institution's archive — every registration act (each of its steps) and every
 * document received, filed with an act or added as a scan on its own — in chronological order.
 * Files are read only through an archive entry of an institution in the reader's scope, so these
 * routes never become a way to read uploads in general; each download is audited.
 */
import { and, asc, eq } from 'drizzle-orm';
import { ACT_KIND_LABELS, DOCUMENT_KIND_LABELS, type DocumentKind } from '@bianban/contracts';
import { storedFile, unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { findOwnUpload } from '../../platform/files/own-upload.js';
import { appError } from '../../platform/http/errors.js';
import { registrationAct, registrationDocument } from './registration.schema.js';

interface Entry {
  at: string;
  type: 'act' | 'document';
  title: string;
  actId: string | null;
  document: { id: string; kind: string; fileId: string; name: string; note: string | null; createdAt: string } | null;
}

async function archiveUnit(svc: Services, a: AuthContext, unitId: string) {
  const u = (
    await svc.db
      .select({ id: unit.id, name: unit.name, kind: unit.kind })
      .from(unit)
      .where(and(eq(unit.id, unitId), eq(unit.regionCode, a.scope.regionCode)))
  )[0];
  if (!u) throw appError('NOT_FOUND', '单位不存在');
  assertUnitInScope(a.scope, unitId);
  if (u.kind !== 'publicInstitution') throw appError('RULE_VIOLATION', `“${u.name}”不是事业单位，没有事业单位登记档案`);
  return u;
}

const docLabel = (k: string) => DOCUMENT_KIND_LABELS[k as DocumentKind] ?? k;

export async function archive(svc: Services, a: AuthContext, unitId: string) {
  const u = await archiveUnit(svc, a, unitId);
  const [acts, docs] = await Promise.all([
    svc.db.select().from(registrationAct).where(eq(registrationAct.unitId, unitId)),
    svc.db
      .select()
      .from(registrationDocument)
      .where(eq(registrationDocument.unitId, unitId))
      .orderBy(asc(registrationDocument.createdAt)),
  ]);
  const entries: (Entry & { sort: string })[] = [];
  for (const x of acts) {
    const label = ACT_KIND_LABELS[x.kind] ?? x.kind;
    const step = (on: string | null, what: string) => {
      if (on)
        entries.push({ at: on, sort: `${on}T`, type: 'act', title: `${label}：${what}`, actId: x.id, document: null });
    };
    const created = x.createdAt.toISOString();
    entries.push({
      at: created.slice(0, 10),
      sort: created,
      type: 'act',
      title: `${label}：起草`,
      actId: x.id,
      document: null,
    });
    step(x.submittedOn, x.lateWorkingDays ? `提交（逾期${x.lateWorkingDays}个工作日）` : '提交');
    step(x.acceptedOn, `受理（${x.decisionDueOn}前作出决定）`);
    if (x.state === 'approved') step(x.decidedOn, '核准');
    if (x.state === 'refused') step(x.decidedOn, `驳回：${x.refusalReason ?? ''}`);
  }
  for (const d of docs) {
    const created = d.createdAt.toISOString();
    const act = acts.find((x) => x.id === d.actId);
    entries.push({
      at: created.slice(0, 10),
      sort: created,
      type: 'document',
      title: `${docLabel(d.kind)}${act ? `（${ACT_KIND_LABELS[act.kind] ?? act.kind}材料）` : '（归档扫描件）'}：${d.name}`,
      actId: d.actId,
      document: { id: d.id, kind: d.kind, fileId: d.fileId, name: d.name, note: d.note, createdAt: created },
    });
  }
  entries.sort((x, y) => x.sort.localeCompare(y.sort));
  return { unitId, unitName: u.name, entries: entries.map(({ sort: _sort, ...e }) => e) };
}

/** A scan added to the archive on its own (no act): old paper files, correspondence. */
export async function addToArchive(
  svc: Services,
  a: AuthContext,
  unitId: string,
  body: { kind: string; fileId: string; note?: string | undefined },
) {
  await archiveUnit(svc, a, unitId);
  await svc.db.transaction(async (tx) => {
    const file = await findOwnUpload(tx, a, body.fileId, {
      kinds: ['pdf', 'png', 'jpeg', 'docx'],
      refusal: '档案材料须为PDF、图片（PNG/JPEG）或Word文档',
    });
    const [row] = await tx
      .insert(registrationDocument)
      .values({
        regionCode: a.scope.regionCode,
        unitId,
        actId: null,
        kind: body.kind,
        fileId: file.id,
        name: file.name,
        note: body.note ?? null,
        uploadedBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.archive.add',
      objectType: 'unit',
      objectId: unitId,
      after: { documentId: row!.id, kind: body.kind, fileId: file.id, name: file.name, note: body.note ?? null },
    });
  });
  return archive(svc, a, unitId);
}

/** One archived file's content; audited. */
export async function archiveFile(svc: Services, a: AuthContext, documentId: string) {
  const d = (
    await svc.db
      .select({ doc: registrationDocument, content: storedFile.content, sm3: storedFile.sm3, size: storedFile.size })
      .from(registrationDocument)
      .innerJoin(storedFile, eq(storedFile.id, registrationDocument.fileId))
      .where(and(eq(registrationDocument.id, documentId), eq(registrationDocument.regionCode, a.scope.regionCode)))
  )[0];
  if (!d) throw appError('NOT_FOUND', '档案材料不存在');
  assertUnitInScope(a.scope, d.doc.unitId, '该档案材料所属单位');
  await svc.db.transaction((tx) =>
    appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.archive.download',
      objectType: 'registrationDocument',
      objectId: documentId,
      after: { name: d.doc.name, size: d.size, sm3: d.sm3 },
    }),
  );
  return { name: d.doc.name, content: d.content };
}
