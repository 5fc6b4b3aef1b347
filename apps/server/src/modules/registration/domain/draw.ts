/**
 * The 双随机 draw, deterministic and documented so that anyone holding the seed, the candidate
 * list and the inspector pool can recompute it (algorithm `SM3-CTR-FY-v1`):
 *
 * 1. **Stream.** Block i (i = 0, 1, 2, …) is SM3(seed ‖ i as 4-byte big-endian), seed being the
 *    32 bytes of the 64-hex-digit seed. Each block gives eight 32-bit big-endian words, used in order.
 * 2. **Uniform integer below n.** Take the next word w; with limit = ⌊2³² ÷ n⌋ × n, reject w ≥ limit
 *    and take the next one; otherwise the result is w mod n (no modulo bias).
 * 3. **Candidates** are sorted by USCC (code-point order). Each has a stratum key: "all" when not
 *    stratified, else the sponsor unit id or the funding source (missing: "unknown").
 * 4. **Sample size.** With a ratio r %: ⌈N × r ÷ 100⌉ (computed in integers, r to two decimals);
 *    with a count: min(count, N).
 * 5. **Allocation to strata** (proportional, largest remainder): strata in key order; stratum h of
 *    N_h candidates gets ⌊n × N_h ÷ N⌋, and the seats left go one each to the strata with the
 *    largest remainders (n × N_h mod N), ties to the earlier key.
 * 6. **Institutions.** For each stratum in key order, a partial Fisher–Yates shuffle of its sorted
 *    candidates: for i = 0 … k−1, j = i + uniform(N_h − i), swap positions i and j; the first k are
 *    drawn, in that order.
 * 7. **Inspectors.** For each drawn institution in draw order, the pool (sorted by key) less those
 *    with a conflict — working in the institution or in its sponsor, or having the same sponsor —
 *    is shuffled the same way and the first m (inspectors per institution) are taken.
 * 8. **Digest.** SM3 of the canonical JSON of the draw ([{ legalPersonId, stratum, inspectors }]).
 */
import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'SM3-CTR-FY-v1';
export const DRAW_ALGORITHM_TEXT =
  '随机数流：第i块 = SM3(种子32字节 ‖ i的4字节大端序)，每块取8个32位大端整数依次使用；取[0,n)的整数时，令 limit = ⌊2³²÷n⌋×n，舍弃≥limit 的数，其余取模 n。' +
  '备选单位按统一社会信用代码排序；抽取数 = ⌈备选数×比例⌉ 或指定数量；分层时按层（举办单位编号或经费来源）排序、按比例分配（最大余数法，余数相同取在前的层）；' +
  '每层对排序后的备选单位做部分 Fisher–Yates 洗牌（第i位与 i+随机数(剩余数) 位交换），取前k个。' +
  '检查人员：按抽中顺序，对每个单位从按编号排序的检查人员库中剔除有利害关系者（在该单位或其举办单位工作、或与该单位举办单位相同），同法洗牌取前m名。' +
  '抽取结果的摘要 = SM3(抽取结果的规范 JSON)。';

export interface Candidate {
  legalPersonId: string;
  unitId: string;
  uscc: string;
  name: string;
  sponsorUnitId: string | null;
  fundingSource: string | null;
}

export interface PoolMember {
  key: string;
  name: string;
  /** The unit the inspector works in (for office users: their scope unit or the office). */
  unitId: string | null;
  /** The inspector's own sponsor (举办单位 of their unit), when known. */
  sponsorUnitId: string | null;
}

export type StratifyBy = 'none' | 'sponsor' | 'fundingSource';

export interface DrawParams {
  seed: string;
  ratio: number | null;
  count: number | null;
  stratifyBy: StratifyBy;
  inspectorsPerInstitution: number;
}

export interface DrawnItem {
  legalPersonId: string;
  stratum: string;
  inspectors: string[];
}

export interface DrawOutcome {
  items: DrawnItem[];
  digest: string;
  strata: { key: string; candidates: number; drawn: number }[];
}

/** A violated rule of the draw, named. */
export class DrawError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The SM3 counter stream of step 1 and the unbiased integers of step 2. */
export class Sm3Stream {
  private readonly seed: Buffer;
  private block = 0;
  private words: number[] = [];

  constructor(seedHex: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(seedHex)) throw new DrawError('seedFormat', '随机种子须为64位十六进制数');
    this.seed = Buffer.from(seedHex, 'hex');
  }

  nextWord(): number {
    if (this.words.length === 0) {
      const ctr = Buffer.alloc(4);
      ctr.writeUInt32BE(this.block++ >>> 0);
      const d = createHash('sm3')
        .update(Buffer.concat([this.seed, ctr]))
        .digest();
      for (let i = 0; i < 32; i += 4) this.words.push(d.readUInt32BE(i));
    }
    return this.words.shift()!;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`n out of range: ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const w = this.nextWord();
      if (w < limit) return w % n;
    }
  }
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortCandidates(list: readonly Candidate[]): Candidate[] {
  return [...list].sort((a, b) => byCode(a.uscc, b.uscc) || byCode(a.legalPersonId, b.legalPersonId));
}

export function stratumOf(c: Candidate, by: StratifyBy): string {
  if (by === 'sponsor') return c.sponsorUnitId ?? 'unknown';
  if (by === 'fundingSource') return c.fundingSource ?? 'unknown';
  return 'all';
}

/** Step 4: how many institutions a campaign draws from N candidates. */
export function sampleSize(n: number, ratio: number | null, count: number | null): number {
  if (count !== null) return Math.min(count, n);
  if (ratio === null) throw new DrawError('sampleSize', '须给出抽查比例或抽查数量');
  // r to two decimals as an integer of hundredths, so that 20 % of 682 is exact: ⌈682 × 2000 ÷ 10000⌉.
  const r = Math.round(ratio * 100);
  return Math.min(n, Math.ceil((n * r) / 10_000));
}

/** Step 5: largest-remainder proportional allocation of n seats over strata sizes (in key order). */
export function allocate(n: number, sizes: readonly number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return sizes.map(() => 0);
  const base = sizes.map((s) => Math.floor((n * s) / total));
  let left = n - base.reduce((a, b) => a + b, 0);
  const order = sizes.map((s, i) => ({ i, rem: (n * s) % total })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const o of order) {
    if (left === 0) break;
    if (base[o.i]! < sizes[o.i]!) {
      base[o.i]!++;
      left--;
    }
  }
  return base;
}

/** Step 6: the first k of a partial Fisher–Yates shuffle. */
export function partialShuffle<T>(stream: Sm3Stream, list: readonly T[], k: number): T[] {
  const a = [...list];
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

/** Step 7: an inspector may not inspect the unit they work in, its sponsor, or an institution of their own sponsor. */
export function hasConflict(p: PoolMember, c: Candidate): boolean {
  if (p.unitId && (p.unitId === c.unitId || p.unitId === c.sponsorUnitId)) return true;
  if (p.sponsorUnitId && c.sponsorUnitId && p.sponsorUnitId === c.sponsorUnitId) return true;
  return false;
}

/** Canonical JSON: keys sorted, no spaces. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function digestOf(items: readonly DrawnItem[]): string {
  return createHash('sm3').update(canonical(items)).digest('hex');
}

export function candidatesDigest(list: readonly Candidate[]): string {
  return createHash('sm3')
    .update(canonical(sortCandidates(list)))
    .digest('hex');
}

/** The whole draw (steps 3–8). Throws DrawError naming the rule when it cannot be made. */
export function drawCampaign(
  candidates: readonly Candidate[],
  pool: readonly PoolMember[],
  p: DrawParams,
): DrawOutcome {
  const sorted = sortCandidates(candidates);
  if (sorted.length === 0) throw new DrawError('noCandidates', '没有可抽取的事业单位（登记簿中无存续的事业单位法人）');
  if (pool.length === 0) throw new DrawError('emptyPool', '检查人员库为空');
  const stream = new Sm3Stream(p.seed);
  const n = sampleSize(sorted.length, p.ratio, p.count);
  const groups = new Map<string, Candidate[]>();
  for (const c of sorted) {
    const k = stratumOf(c, p.stratifyBy);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const keys = [...groups.keys()].sort(byCode);
  const seats = allocate(
    n,
    keys.map((k) => groups.get(k)!.length),
  );
  const drawn: { c: Candidate; stratum: string }[] = [];
  keys.forEach((k, i) => {
    for (const c of partialShuffle(stream, groups.get(k)!, seats[i]!)) drawn.push({ c, stratum: k });
  });
  const sortedPool = [...pool].sort((a, b) => byCode(a.key, b.key));
  const items: DrawnItem[] = drawn.map(({ c, stratum }) => {
    const eligible = sortedPool.filter((m) => !hasConflict(m, c));
    if (eligible.length < p.inspectorsPerInstitution)
      throw new DrawError(
        'inspectorsInsufficient',
        `「${c.name}」排除有利害关系的检查人员后只剩${eligible.length}名，少于每个单位${p.inspectorsPerInstitution}名`,
      );
    return {
      legalPersonId: c.legalPersonId,
      stratum,
      inspectors: partialShuffle(stream, eligible, p.inspectorsPerInstitution).map((m) => m.key),
    };
  });
  return {
    items,
    digest: digestOf(items),
    strata: keys.map((k, i) => ({ key: k, candidates: groups.get(k)!.length, drawn: seats[i]! })),
  };
}
