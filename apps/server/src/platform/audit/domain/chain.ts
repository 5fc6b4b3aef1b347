/**
 * The audit hash chain: hash = HMAC-SM3(key, prev_hash ‖ canonical row). The canonical form is
 * JSON with keys in a fixed order, so that any change to any field of any row — or removing or
 * reordering rows — breaks every later hash.
 */
import { hmacSm3Hex } from '../../crypto/sm.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainRow {
  seq: string;
  regionCode: string | null;
  atMs: number;
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  result: string;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so we must not rely on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function canonicalRow(r: ChainRow): string {
  return canonicalJson([
    r.seq,
    r.regionCode,
    r.atMs,
    r.userId,
    r.username,
    r.role,
    r.ip,
    r.requestId,
    r.action,
    r.objectType,
    r.objectId,
    r.before ?? null,
    r.after ?? null,
    r.result,
  ]);
}

export function chainHash(key: Buffer, prevHash: string, row: ChainRow): string {
  return hmacSm3Hex(key, `${prevHash}|${canonicalRow(row)}`);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first seq whose link or hash does not verify. */
  firstBadSeq: string | null;
  reason: string | null;
}

/** Walks rows in seq order; `rows` may be streamed in batches by passing the running state. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  checked = 0;
  bad: { seq: string; reason: string } | null = null;

  constructor(private readonly key: Buffer) {}

  push(row: ChainRow & { prevHash: string; hash: string }): boolean {
    if (this.bad) return false;
    if (row.prevHash !== this.prev) {
      this.bad = { seq: row.seq, reason: `第 ${row.seq} 条的前序哈希与上一条不符（记录被删除、插入或重排）` };
      return false;
    }
    if (chainHash(this.key, row.prevHash, row) !== row.hash) {
      this.bad = { seq: row.seq, reason: `第 ${row.seq} 条的内容与其哈希不符（记录被篡改）` };
      return false;
    }
    this.prev = row.hash;
    this.checked++;
    return true;
  }

  result(): VerifyResult {
    return {
      ok: !this.bad,
      checked: this.checked,
      firstBadSeq: this.bad?.seq ?? null,
      reason: this.bad?.reason ?? null,
    };
  }
}
