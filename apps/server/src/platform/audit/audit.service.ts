/**
 * Appending to and reading the audit log. `appendAudit` must be called with the transaction of
 * the change it records: if the audit insert fails, the change rolls back with it.
 */
import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { AuditRow } from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import { ChainVerifier, GENESIS_HASH, chainHash, type ChainRow, type VerifyResult } from './domain/chain.js';
import { maskForAudit } from './mask.js';

/** Who did it, from where: built once per request (see http/context.ts). */
export interface Actor {
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
  regionCode: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  role: null,
  ip: null,
  requestId: null,
  regionCode: null,
};

export interface AuditEntry {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'denied' | 'failed' | 'locked' | string;
}

/** Any constant: the advisory lock that serialises appends so that the chain has one order. */
const AUDIT_LOCK_KEY = 7_220_001;

export async function appendAudit(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  entry: AuditEntry,
  now = Date.now(),
): Promise<string> {
  // The lock must be its own statement: a statement's snapshot is taken when it starts, so the
  // previous hash is read by the next statement, after any writer we waited for has committed.
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const head = await tx.execute<{ prev: string | null; seq: string }>(
    sql`select (select hash from audit_log order by seq desc limit 1) as prev, nextval('audit_log_seq')::text as seq`,
  );
  const prevHash = head.rows[0]?.prev ?? GENESIS_HASH;
  const row: ChainRow = {
    seq: head.rows[0]!.seq,
    regionCode: actor.regionCode,
    atMs: now,
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    ip: actor.ip,
    requestId: actor.requestId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    // Round-trip through JSON so that what we hash is exactly what jsonb will give back.
    before: normaliseJson(maskForAudit(entry.before)),
    after: normaliseJson(maskForAudit(entry.after)),
    result: entry.result ?? 'ok',
  };
  const hash = chainHash(auditKey, prevHash, row);
  await tx.insert(auditLog).values({ ...row, seq: BigInt(row.seq), prevHash, hash });
  return row.seq;
}

function normaliseJson(v: unknown): unknown {
  return v === null || v === undefined ? null : JSON.parse(JSON.stringify(v));
}

export interface AuditFilter {
  username?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Security administrators read only the system administrator's rows. */
  onlyRole?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: DbOrTx, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.username) where.push(eq(auditLog.username, f.username));
  if (f.action) where.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.objectType) where.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) where.push(eq(auditLog.objectId, f.objectId));
  if (f.from) where.push(gte(auditLog.atMs, Date.parse(f.from)));
  if (f.to) where.push(lte(auditLog.atMs, Date.parse(f.to)));
  if (f.onlyRole) where.push(eq(auditLog.role, f.onlyRole));
  const cond = where.length ? and(...where) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.seq))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).where(cond),
  ]);
  return {
    total: totals[0]?.n ?? 0,
    items: rows.map((r) => ({
      seq: r.seq.toString(),
      at: new Date(r.atMs).toISOString(),
      userId: r.userId,
      username: r.username,
      role: r.role,
      ip: r.ip,
      requestId: r.requestId,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      before: r.before ?? null,
      after: r.after ?? null,
      result: r.result,
    })),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Walks the whole chain in seq order, in batches, reporting progress; names the first bad seq. */
export async function verifyAuditChain(
  db: DbOrTx,
  auditKey: Buffer,
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<VerifyResult> {
  const total = (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
  const verifier = new ChainVerifier(auditKey);
  let after = -1n;
  const batch = 5000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${after.toString()}::bigint`)
      .orderBy(auditLog.seq)
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      const ok = verifier.push({ ...r, seq: r.seq.toString(), before: r.before ?? null, after: r.after ?? null });
      if (!ok) return verifier.result();
    }
    after = rows[rows.length - 1]!.seq;
    await onProgress?.(verifier.checked, total);
  }
  return verifier.result();
}
