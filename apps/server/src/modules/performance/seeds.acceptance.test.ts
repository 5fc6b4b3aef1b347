/**
 * Acceptance: the seeds' published scoring, re-entered (fixtures/), must come out as published
 * where the seed is right and be flagged where it is not (issue 4, "the seeds, re-entered").
 */
import { describe, expect, it } from 'vitest';
import {
  FrameworkBodySchema,
  INCOME_SOURCES,
  THREE_PUBLIC_PARTS,
  type BudgetYearFacts,
  type FrameworkBody,
  type IndicatorNode,
} from '@bianban/contracts';
import { fromNumber, toText } from './domain/decimal.js';
import { checkFramework, checkStatedScores, scoreFramework, walk } from './domain/framework.js';
import { computeMetric } from './domain/metrics.js';
import { heshui2023Framework } from './fixtures/framework-heshui-2023.js';
import { project10haoFramework } from './fixtures/framework-project-10hao.js';
import { wanzhou2020Framework } from './fixtures/framework-wanzhou-2020.js';
import { yueyang2020Framework } from './fixtures/framework-yueyang-2020.js';
import { heshui2023Scores, toStatedScores, wanzhou2020Scores, yueyang2020Scores } from './fixtures/published-scores.js';
import { SEED_INCONSISTENCIES } from './fixtures/seed-inconsistencies.js';
import type { PublishedScores } from './fixtures/types.js';

const yueyang = FrameworkBodySchema.parse(yueyang2020Framework);
const wanzhou = FrameworkBodySchema.parse(wanzhou2020Framework);
const heshui = FrameworkBodySchema.parse(heshui2023Framework);

/** The published table re-entered by hand: every leaf manual, its published score and reason. */
function reentered(body: FrameworkBody, published: PublishedScores) {
  const byKey = new Map(published.leaves.map((l) => [l.key, l]));
  const manual = (nodes: IndicatorNode[]): IndicatorNode[] =>
    nodes.map((n) =>
      n.children?.length
        ? { ...n, children: manual(n.children) }
        : { ...n, rule: { kind: 'manual' }, source: { kind: 'manual' } },
    );
  const table = { ...body, indicators: manual(body.indicators) };
  return scoreFramework(table, (leaf) => {
    const p = byKey.get(leaf.key);
    return { inputs: p ? { score: fromNumber(p.score), reason: p.reason || '按评分标准扣分' } : {} };
  });
}

describe('seed 001 (君山区委编办 2020): the scoring table holds', () => {
  it('the framework is well formed: 投入 15 / 过程 40 / 产出 25 / 效果 20', () => {
    expect(checkFramework(yueyang)).toEqual([]);
    expect(yueyang.indicators.map((n) => `${n.name.replace(/\s/g, '')} ${n.points}`)).toEqual([
      '投入 15',
      '过程 40',
      '产出 25',
      '效果 20',
    ]);
  });
  it('re-entered, every item scores as published and the total is 97 → 优', () => {
    const scored = reentered(yueyang, yueyang2020Scores);
    expect(scored.missing).toEqual([]);
    expect(toText(scored.total!)).toBe('97');
    expect(scored.grade).toBe('优');
    expect(scored.nodes.map((n) => toText(n.score!))).toEqual(['15', '40', '23', '19']);
    const leaves = new Map<string, string>();
    const collect = (nodes: typeof scored.nodes) =>
      nodes.forEach((n) => (n.children.length ? collect(n.children) : leaves.set(n.key, toText(n.score!))));
    collect(scored.nodes);
    for (const p of yueyang2020Scores.leaves) expect(leaves.get(p.key), p.key).toBe(toText(fromNumber(p.score)));
  });
  it('the stated table has no inconsistency of its own', () => {
    expect(checkStatedScores(yueyang, toStatedScores(yueyang2020Scores))).toEqual([]);
  });
  it("but the table's own rules, applied to the facts the report states, do not give the published 5 and 3", () => {
    // 7 persons at the end of the year on 6 posts (seed 001 text); balance 9.05万元 against 3万元 carried in.
    const facts = emptyFacts(2020);
    facts.carryIn = 3_000_000;
    facts.carryOut = 9_050_000;
    const ctx = {
      facts,
      previous: null,
      staff: {
        startDate: '2020-01-01',
        endDate: '2020-12-31',
        approvedEnd: 6,
        actualStart: 7,
        actualEnd: 7,
        offCapEnd: null,
        offActualEnd: null,
      },
      surveys: [],
      rosterTransactions: null,
    };
    const scored = scoreFramework(yueyang, (leaf) => {
      if (leaf.source?.kind !== 'metric') return { inputs: {}, error: 'not under test' };
      const m = computeMetric(leaf.source.metric, ctx);
      return m.ok
        ? { inputs: { value: m.value }, valueLabel: leaf.name, unit: m.unit }
        : { inputs: {}, error: m.error };
    });
    const find = (name: string) => {
      const key = [...walk(yueyang.indicators)].find((w) => w.node.name.replace(/\s/g, '').includes(name))!.node.key;
      const found = (nodes: typeof scored.nodes): (typeof scored.nodes)[number] | undefined =>
        nodes.map((n) => (n.key === key ? n : found(n.children))).find(Boolean);
      return found(scored.nodes)!;
    };
    expect(toText(find('控制率').score!)).toBe('0');
    expect(find('控制率').explanation).toContain('116.67%');
    expect(toText(find('资金结余').score!)).toBe('0');
  });
});

describe('seed 000 (万州区委编办 2020): 98.5 → 优, but 履职完成 is stated 51 where its items give 49', () => {
  it('the stated total and grade agree with the stated parts, and the subtotal is flagged with both values', () => {
    const findings = checkStatedScores(wanzhou, toStatedScores(wanzhou2020Scores));
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'score-sum', key: '3.1', stated: '51', recomputed: '49' }),
    ]);
    expect(wanzhou2020Scores.total.score).toBe(98.5);
    const sumOfParts = [5, 23.5, 51, 19].reduce((a, b) => a + b);
    expect(sumOfParts).toBe(98.5);
  });
  it('re-entered item by item, the total is 96.5: the published 98.5 rests on the wrong subtotal', () => {
    const scored = reentered(wanzhou, wanzhou2020Scores);
    expect(toText(scored.total!)).toBe('96.5');
    expect(scored.grade).toBe('优');
  });
});

describe('seed 004 (合水县委编办 2023): flagged', () => {
  it('the items add up to 106, not the stated 91, and two groups exceed their points', () => {
    const findings = checkStatedScores(heshui, toStatedScores(heshui2023Scores));
    expect(findings.find((f) => f.rule === 'total')).toMatchObject({ stated: '91', recomputed: '106' });
    const caps = findings.filter((f) => f.rule === 'score-cap').map((f) => f.key);
    expect(caps).toHaveLength(2);
    const structure = checkFramework(heshui).filter((p) => p.rule === 'children-sum');
    expect(structure).toHaveLength(caps.length);
    expect(structure.map((p) => p.key).sort()).toEqual([...caps].sort());
  });
});

describe('the 财预〔2020〕10号 project framework', () => {
  it('keeps its weights', () => {
    expect(checkFramework(FrameworkBodySchema.parse(project10haoFramework))).toEqual([]);
  });
});

describe('every score inconsistency listed for the seeds is found by the engine with the same values', () => {
  const scoreKinds = SEED_INCONSISTENCIES.filter(
    (i) => i.kind === 'score-sum' || i.kind === 'score-cap' || i.kind === 'grade',
  );
  const tables: Record<string, { body: FrameworkBody; scores: PublishedScores }> = {
    '000': { body: wanzhou, scores: wanzhou2020Scores },
    '001': { body: yueyang, scores: yueyang2020Scores },
    '004': { body: heshui, scores: heshui2023Scores },
  };
  it.each(scoreKinds.map((i) => [`${i.seed}:${i.line} ${i.sentence.slice(0, 24)}`, i] as const))(
    '%s',
    (_label, inc) => {
      const t = tables[inc.seed]!;
      const findings = checkStatedScores(t.body, toStatedScores(t.scores));
      const numbers = (s: string) => (s.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      const stated = numbers(inc.stated)[0]!;
      const recomputed = numbers(inc.recomputed)[0]!;
      const hit = findings.find(
        (f) =>
          (numbers(f.stated).includes(stated) && numbers(f.recomputed).includes(recomputed)) ||
          (numbers(f.stated).includes(recomputed) && numbers(f.recomputed).includes(stated)),
      );
      expect(hit, JSON.stringify(findings)).toBeDefined();
    },
  );
});

function emptyFacts(year: number): BudgetYearFacts {
  const s = () => ({ initial: null, adjusted: null, final: null });
  return {
    unitId: 'seed',
    year,
    finalised: true,
    income: Object.fromEntries(INCOME_SOURCES.map((k) => [k, s()])) as BudgetYearFacts['income'],
    carryIn: null,
    carryOut: null,
    basic: { personnel: s(), operating: s() },
    projects: [],
    byFunction: [],
    byEconomic: [],
    threePublic: Object.fromEntries(
      THREE_PUBLIC_PARTS.map((k) => [k, { budget: null, final: null }]),
    ) as BudgetYearFacts['threePublic'],
    threePublicCounts: {
      abroadGroups: null,
      abroadPersons: null,
      vehicles: null,
      vehiclesPurchased: null,
      receptionBatches: null,
      receptionPersons: null,
    },
    runningCost: { budget: null, final: null },
    procurement: { planned: null, goods: null, works: null, services: null, smeAwarded: null },
    officialCard: { paid: null, eligible: null },
    keyExpenditure: { arranged: null, total: null },
    assets: {
      total: null,
      liabilities: null,
      netAssets: null,
      fixedAssets: null,
      fixedAssetsInUse: null,
      vehicles: null,
      largeEquipment: null,
    },
  };
}
