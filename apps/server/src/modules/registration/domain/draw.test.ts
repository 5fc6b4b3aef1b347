/**
 * The 双随机 draw: the SM3 counter stream is fixed by its definition, the same seed gives the same
 * draw and another seed another, stratification is proportional (largest remainder), conflicts
 * are excluded, and every refusal names its rule.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  drawCampaign,
  DrawError,
  hasConflict,
  sampleSize,
  Sm3Stream,
  type Candidate,
  type PoolMember,
} from './draw.js';

const SEED_A = 'a'.repeat(64);
const SEED_B = '0123456789abcdef'.repeat(4);

function candidates(): Candidate[] {
  const out: Candidate[] = [];
  // 60 institutions under sponsor S1, 30 under S2, 10 under S3; funding mixed.
  const sponsors = [...Array(60).fill('S1'), ...Array(30).fill('S2'), ...Array(10).fill('S3')] as string[];
  sponsors.forEach((s, i) => {
    const n = String(i).padStart(3, '0');
    out.push({
      legalPersonId: `lp-${n}`,
      unitId: `u-${n}`,
      uscc: `12510402MB00${n}X`,
      name: `单位${n}`,
      sponsorUnitId: s,
      fundingSource: i % 4 === 0 ? 'partial' : 'full',
    });
  });
  return out.reverse(); // the order given does not matter: candidates are sorted by USCC
}
const pool: PoolMember[] = [
  { key: 'p-001', name: '甲', unitId: 'office', sponsorUnitId: null },
  { key: 'p-002', name: '乙', unitId: 'office', sponsorUnitId: null },
  { key: 'p-003', name: '丙', unitId: 'S1', sponsorUnitId: null },
  { key: 'p-004', name: '丁', unitId: 'u-070', sponsorUnitId: 'S2' },
  { key: 'p-005', name: '戊', unitId: 'u-005', sponsorUnitId: 'S1' },
];
const params = { seed: SEED_A, ratio: 20, count: null, stratifyBy: 'none' as const, inspectorsPerInstitution: 2 };

describe('SM3 counter stream', () => {
  it('block i is SM3(seed ‖ i big-endian) read as eight big-endian words', () => {
    const s = new Sm3Stream(SEED_A);
    const d0 = createHash('sm3')
      .update(Buffer.concat([Buffer.from(SEED_A, 'hex'), Buffer.from([0, 0, 0, 0])]))
      .digest();
    const d1 = createHash('sm3')
      .update(Buffer.concat([Buffer.from(SEED_A, 'hex'), Buffer.from([0, 0, 0, 1])]))
      .digest();
    const words = Array.from({ length: 9 }, () => s.nextWord());
    expect(words.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => d0.readUInt32BE(i * 4)));
    expect(words[8]).toBe(d1.readUInt32BE(0));
  });
  it('integers below n are within range and roughly uniform', () => {
    const s = new Sm3Stream(SEED_B);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[s.below(6)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
  it('refuses a malformed seed by name', () => {
    expect(() => new Sm3Stream('xyz')).toThrow(DrawError);
  });
});

describe('draw', () => {
  it('the same seed reproduces the same draw; a different seed gives another', () => {
    const a1 = drawCampaign(candidates(), pool, params);
    const a2 = drawCampaign([...candidates()].reverse(), [...pool].reverse(), params);
    expect(a2).toEqual(a1);
    expect(a1.items).toHaveLength(20);
    const b = drawCampaign(candidates(), pool, { ...params, seed: SEED_B });
    expect(b.items.map((x) => x.legalPersonId)).not.toEqual(a1.items.map((x) => x.legalPersonId));
    expect(b.digest).not.toBe(a1.digest);
    expect(new Set(a1.items.map((x) => x.legalPersonId)).size).toBe(20);
  });

  it('sample size: ratio rounded up, count capped', () => {
    expect(sampleSize(682, 20, null)).toBe(137);
    expect(sampleSize(682, 19.8, null)).toBe(136);
    expect(sampleSize(10, null, 50)).toBe(10);
    expect(() => sampleSize(10, null, null)).toThrow(DrawError);
  });

  it('stratification is proportional (largest remainder)', () => {
    expect(allocate(20, [60, 30, 10])).toEqual([12, 6, 2]);
    expect(allocate(7, [5, 3, 2])).toEqual([4, 2, 1]);
    expect(allocate(3, [1, 1, 1, 1])).toEqual([1, 1, 1, 0]);
    const d = drawCampaign(candidates(), pool, { ...params, stratifyBy: 'sponsor' });
    const per = (s: string) => d.items.filter((x) => x.stratum === s).length;
    expect([per('S1'), per('S2'), per('S3')]).toEqual([12, 6, 2]);
    expect(d.strata).toEqual([
      { key: 'S1', candidates: 60, drawn: 12 },
      { key: 'S2', candidates: 30, drawn: 6 },
      { key: 'S3', candidates: 10, drawn: 2 },
    ]);
    const f = drawCampaign(candidates(), pool, { ...params, stratifyBy: 'fundingSource' });
    expect(f.strata).toEqual([
      { key: 'full', candidates: 75, drawn: 15 },
      { key: 'partial', candidates: 25, drawn: 5 },
    ]);
  });

  it('conflicts are excluded: the inspector working in the institution, in its sponsor, or of the same sponsor', () => {
    const byId = new Map(candidates().map((c) => [c.legalPersonId, c]));
    const poolBy = new Map(pool.map((p) => [p.key, p]));
    for (const seed of [SEED_A, SEED_B, 'f'.repeat(64)]) {
      const d = drawCampaign(candidates(), pool, { ...params, seed, ratio: 100 });
      expect(d.items).toHaveLength(100);
      for (const it of d.items) {
        const c = byId.get(it.legalPersonId)!;
        expect(new Set(it.inspectors).size).toBe(2);
        for (const k of it.inspectors) expect(hasConflict(poolBy.get(k)!, c)).toBe(false);
        if (c.sponsorUnitId === 'S1') expect(it.inspectors).not.toContain('p-003'); // works in the sponsor
        if (c.sponsorUnitId === 'S1') expect(it.inspectors).not.toContain('p-005'); // same sponsor
        if (c.unitId === 'u-070') expect(it.inspectors).not.toContain('p-004'); // works in it
      }
    }
  });

  it('too few inspectors left after conflicts is refused, naming the institution', () => {
    const small: PoolMember[] = [pool[0]!, pool[2]!];
    try {
      drawCampaign(candidates(), small, { ...params, stratifyBy: 'sponsor' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DrawError);
      expect((e as DrawError).rule).toBe('inspectorsInsufficient');
      expect((e as DrawError).message).toMatch(/单位\d{3}.*只剩1名/);
    }
    expect(() => drawCampaign([], pool, params)).toThrow(/没有可抽取/);
  });
});
