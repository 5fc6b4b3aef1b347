/**
 * The framework library: versioned indicator frameworks per region. A version is edited as a
 * draft and published once its structure checks pass; a published version never changes, so an
 * evaluation that froze it keeps meaning what it meant.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import {
  FrameworkBodySchema,
  type CreateFrameworkBody,
  type FrameworkBody,
  type FrameworkListResponse,
  type FrameworkVersionBody,
  type FrameworkVersionDetail,
  type RuleTestBody,
  type RuleTestResponse,
} from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { appError } from '../../platform/http/errors.js';
import { fromNumber, toText } from './domain/decimal.js';
import { checkFramework } from './domain/framework.js';
import { applyRule } from './domain/scoring.js';
import { framework, frameworkVersion } from './performance.schema.js';
import { entryInputs } from './evaluation.compute.js';

type VersionRow = typeof frameworkVersion.$inferSelect;

export function parseBody(raw: unknown): FrameworkBody {
  const parsed = FrameworkBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw appError('VALIDATION_FAILED', `指标体系格式错误（${issue.path.join('.')}）：${issue.message}`);
  }
  return parsed.data;
}

function versionDetail(row: VersionRow, code: string): z.infer<typeof FrameworkVersionDetail> {
  const body = parseBody(row.body);
  return {
    id: row.id,
    frameworkId: row.frameworkId,
    code,
    version: row.version,
    state: row.state as 'draft' | 'published',
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    body,
    problems: checkFramework(body),
  };
}

export async function listFrameworks(svc: Services, a: AuthContext): Promise<z.infer<typeof FrameworkListResponse>> {
  const rows = await svc.db
    .select({ f: framework, v: frameworkVersion })
    .from(framework)
    .leftJoin(frameworkVersion, eq(frameworkVersion.frameworkId, framework.id))
    .where(eq(framework.regionCode, a.scope.regionCode))
    .orderBy(asc(framework.name), asc(frameworkVersion.version));
  const byId = new Map<string, z.infer<typeof FrameworkListResponse>['items'][number]>();
  for (const { f, v } of rows) {
    let item = byId.get(f.id);
    if (!item) {
      item = { id: f.id, code: f.code, name: f.name, kind: f.kind as 'department' | 'project', versions: [] };
      byId.set(f.id, item);
    }
    if (v) {
      item.versions.push({
        id: v.id,
        version: v.version,
        state: v.state as 'draft' | 'published',
        note: v.note,
        createdAt: v.createdAt.toISOString(),
        publishedAt: v.publishedAt?.toISOString() ?? null,
      });
    }
  }
  return { items: [...byId.values()] };
}

async function versionInRegion(db: DbOrTx, regionCode: string, id: string) {
  const r = await db
    .select({ v: frameworkVersion, code: framework.code, name: framework.name })
    .from(frameworkVersion)
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(and(eq(frameworkVersion.id, id), eq(frameworkVersion.regionCode, regionCode)));
  if (!r[0]) throw appError('NOT_FOUND', '指标体系版本不存在');
  return r[0];
}

export async function getFrameworkVersion(svc: Services, a: AuthContext, id: string) {
  const { v, code } = await versionInRegion(svc.db, a.scope.regionCode, id);
  return versionDetail(v, code);
}

/** Create a framework with its first (draft) version; used by the UI and by the demo loader. */
export async function createFramework(
  svc: Services,
  a: Pick<AuthContext, 'scope' | 'actor'> & { user: { id: string | null } },
  input: z.infer<typeof CreateFrameworkBody>,
  opts: { publish?: boolean } = {},
) {
  return svc.db.transaction(async (tx) => {
    const exists = await tx
      .select({ id: framework.id })
      .from(framework)
      .where(and(eq(framework.regionCode, a.scope.regionCode), eq(framework.code, input.code)));
    if (exists[0]) throw appError('CONFLICT', `指标体系代码“${input.code}”已存在`);
    const [f] = await tx
      .insert(framework)
      .values({
        regionCode: a.scope.regionCode,
        code: input.code,
        name: input.body.name,
        kind: input.body.kind,
        createdBy: a.user.id,
      })
      .returning();
    const problems = checkFramework(input.body);
    if (opts.publish && problems.length) {
      throw appError('VALIDATION_FAILED', `指标体系不能发布：${problems.map((p) => p.message).join('；')}`);
    }
    const [v] = await tx
      .insert(frameworkVersion)
      .values({
        regionCode: a.scope.regionCode,
        frameworkId: f!.id,
        version: 1,
        body: input.body,
        note: input.note ?? null,
        state: opts.publish ? 'published' : 'draft',
        publishedAt: opts.publish ? new Date() : null,
        createdBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'framework.create',
      objectType: 'framework',
      objectId: f!.id,
      after: { code: input.code, name: input.body.name, version: 1, published: !!opts.publish },
    });
    return versionDetail(v!, input.code);
  });
}

/** A new draft version, starting from the body given (usually a copy of the latest). */
export async function createFrameworkVersion(
  svc: Services,
  a: AuthContext,
  frameworkId: string,
  input: z.infer<typeof FrameworkVersionBody>,
) {
  return svc.db.transaction(async (tx) => {
    const f = (
      await tx
        .select()
        .from(framework)
        .where(and(eq(framework.id, frameworkId), eq(framework.regionCode, a.scope.regionCode)))
    )[0];
    if (!f) throw appError('NOT_FOUND', '指标体系不存在');
    if (input.body.kind !== f.kind) throw appError('VALIDATION_FAILED', '新版本不能改变指标体系类别');
    const [{ latest }] = (await tx
      .select({ latest: max(frameworkVersion.version) })
      .from(frameworkVersion)
      .where(eq(frameworkVersion.frameworkId, frameworkId))) as [{ latest: number | null }];
    const [v] = await tx
      .insert(frameworkVersion)
      .values({
        regionCode: a.scope.regionCode,
        frameworkId,
        version: (latest ?? 0) + 1,
        body: input.body,
        note: input.note ?? null,
        createdBy: a.user.id,
      })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'framework.version.create',
      objectType: 'framework',
      objectId: frameworkId,
      after: { version: v!.version },
    });
    return versionDetail(v!, f.code);
  });
}

export async function updateFrameworkVersion(
  svc: Services,
  a: AuthContext,
  id: string,
  input: z.infer<typeof FrameworkVersionBody>,
) {
  return svc.db.transaction(async (tx) => {
    const { v, code } = await versionInRegion(tx, a.scope.regionCode, id);
    if (v.state !== 'draft') throw appError('STATE_CONFLICT', '已发布的版本不能修改，请新建版本');
    const before = parseBody(v.body);
    if (input.body.kind !== before.kind) throw appError('VALIDATION_FAILED', '不能改变指标体系类别');
    const [row] = await tx
      .update(frameworkVersion)
      .set({ body: input.body, note: input.note ?? v.note })
      .where(eq(frameworkVersion.id, id))
      .returning();
    await tx.update(framework).set({ name: input.body.name }).where(eq(framework.id, v.frameworkId));
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'framework.version.update',
      objectType: 'frameworkVersion',
      objectId: id,
      before: { name: before.name, indicators: before.indicators.length },
      after: { name: input.body.name, indicators: input.body.indicators.length },
    });
    return versionDetail(row!, code);
  });
}

export async function publishFrameworkVersion(svc: Services, a: AuthContext, id: string) {
  return svc.db.transaction(async (tx) => {
    const { v, code } = await versionInRegion(tx, a.scope.regionCode, id);
    if (v.state !== 'draft') throw appError('STATE_CONFLICT', '该版本已发布');
    const problems = checkFramework(parseBody(v.body));
    if (problems.length) {
      throw appError('VALIDATION_FAILED', `指标体系不能发布：${problems.map((p) => p.message).join('；')}`, {
        problems,
      });
    }
    const [row] = await tx
      .update(frameworkVersion)
      .set({ state: 'published', publishedAt: new Date() })
      .where(eq(frameworkVersion.id, id))
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'framework.version.publish',
      objectType: 'frameworkVersion',
      objectId: id,
      after: { code, version: v.version },
    });
    return versionDetail(row!, code);
  });
}

/** The rule form's live test: one rule, points and an entry → score and sentence. */
export function testRule(input: z.infer<typeof RuleTestBody>): z.infer<typeof RuleTestResponse> {
  const out = applyRule(
    input.rule,
    { name: input.name, points: fromNumber(input.points), valueLabel: input.name, unit: input.unit },
    entryInputs(input.entry),
  );
  return out.ok
    ? { ok: true, score: toText(out.score, 3), explanation: out.explanation, error: null }
    : { ok: false, score: null, explanation: null, error: out.error };
}
