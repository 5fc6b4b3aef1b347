/**
 * Demo performance data: the seeds' indicator frameworks as published versions in every demo
 * region, and the seed offices' self-evaluations re-entered from their published tables (the
 * evaluator's entries are the published scores and reasons; metric-bound indicators are computed
 * from the budget and roster facts, so where the seed scored against its own facts the platform
 * may disagree — that is the point). The Xiqu office (the demo tenant) gets a draft evaluation of
 * its 2021 accounts with the Yueyang framework, to show the computed indicators on real figures.
 */
import { and, eq } from 'drizzle-orm';
import {
  FrameworkBodySchema,
  type FrameworkBody,
  type IndicatorEntry,
  type IndicatorNode,
  type Rule,
} from '@bianban/contracts';
import { checkFramework, walk } from '../../modules/performance/domain/framework.js';
import { heshui2023Framework } from '../../modules/performance/fixtures/framework-heshui-2023.js';
import { project10haoFramework } from '../../modules/performance/fixtures/framework-project-10hao.js';
import { wanzhou2020Framework } from '../../modules/performance/fixtures/framework-wanzhou-2020.js';
import { yueyang2020Framework } from '../../modules/performance/fixtures/framework-yueyang-2020.js';
import {
  heshui2023Scores,
  wanzhou2020Scores,
  yueyang2020Scores,
} from '../../modules/performance/fixtures/published-scores.js';
import type { PublishedScores } from '../../modules/performance/fixtures/types.js';
import {
  evaluation,
  evaluationEntry,
  framework,
  frameworkVersion,
} from '../../modules/performance/performance.schema.js';
import type { Tx } from '../client.js';
import { unit } from '../schema.js';

const FRAMEWORKS = [
  {
    code: 'yueyang-dept-2020',
    body: yueyang2020Framework,
    note: '岳阳市君山区2020年部门整体支出绩效评价评分表（种子001）',
  },
  { code: 'wanzhou-dept-2020', body: wanzhou2020Framework, note: '重庆市万州区2020年部门整体支出绩效自评（种子000）' },
  { code: 'heshui-dept-2023', body: heshui2023Framework, note: '合水县2023年单位整体支出绩效自评（种子004）' },
  { code: 'project-10hao', body: project10haoFramework, note: '财预〔2020〕10号 项目支出绩效自评' },
] as const;

const EVALUATIONS: {
  regionCode: string | null;
  office: string;
  year: number;
  code: string;
  scores: PublishedScores | null;
}[] = [
  {
    regionCode: '500101',
    office: '中共重庆市万州区委机构编制委员会办公室',
    year: 2020,
    code: 'wanzhou-dept-2020',
    scores: wanzhou2020Scores,
  },
  {
    regionCode: '430611',
    office: '中共岳阳市君山区委机构编制委员会办公室',
    year: 2020,
    code: 'yueyang-dept-2020',
    scores: yueyang2020Scores,
  },
  {
    regionCode: '621024',
    office: '中共合水县委机构编制委员会办公室',
    year: 2023,
    code: 'heshui-dept-2023',
    scores: heshui2023Scores,
  },
  {
    regionCode: null,
    office: '中共攀枝花市西区区委机构编制委员会办公室',
    year: 2021,
    code: 'yueyang-dept-2020',
    scores: null,
  },
];

/** The entry that gives a published score under the leaf's rule (or none when the rule reads a value). */
export function entryForScore(rule: Rule, points: number, score: number, reason: string): IndicatorEntry | null {
  const why = reason || (score < points ? '按评分标准扣分（公开报告未说明原因）' : undefined);
  switch (rule.kind) {
    case 'manual':
      return { score, ...(why ? { reason: why } : {}) };
    case 'perOccurrence': {
      const n = (points - score) / rule.deductPer;
      return Number.isInteger(n) && n >= 0 ? { occurrences: n, ...(why ? { reason: why } : {}) } : null;
    }
    case 'checklist': {
      // The items met, largest first, that add up to the published score.
      const met: string[] = [];
      let left = score;
      for (const item of [...rule.items].sort((a, b) => b.points - a.points)) {
        if (item.points <= left + 1e-9) {
          met.push(item.key);
          left -= item.points;
        }
      }
      return Math.abs(left) < 1e-9 ? { met, ...(why ? { reason: why } : {}) } : null;
    }
    default:
      return null;
  }
}

export async function loadPerformanceSeeds(tx: Tx, regions: readonly string[], tenantCode: string): Promise<number> {
  const versions = new Map<string, { id: string; body: FrameworkBody }>();
  for (const regionCode of regions) {
    for (const f of FRAMEWORKS) {
      const body = FrameworkBodySchema.parse(f.body);
      // Published only when sound: seed 004's table, as printed, has groups whose items exceed
      // their points, so it stays a draft that shows its structural problems.
      const sound = checkFramework(body).length === 0;
      const [fw] = await tx
        .insert(framework)
        .values({ regionCode, code: f.code, name: body.name, kind: body.kind })
        .returning();
      const [v] = await tx
        .insert(frameworkVersion)
        .values({
          regionCode,
          frameworkId: fw!.id,
          version: 1,
          body,
          note: f.note,
          state: sound ? 'published' : 'draft',
          publishedAt: sound ? new Date() : null,
        })
        .returning();
      if (sound) versions.set(`${regionCode}/${f.code}`, { id: v!.id, body });
    }
  }
  let n = 0;
  for (const e of EVALUATIONS) {
    const regionCode = e.regionCode ?? tenantCode;
    const v = versions.get(`${regionCode}/${e.code}`);
    const office = (
      await tx
        .select({ id: unit.id })
        .from(unit)
        .where(and(eq(unit.regionCode, regionCode), eq(unit.name, e.office)))
    )[0];
    if (!v || !office) continue;
    const [row] = await tx
      .insert(evaluation)
      .values({
        regionCode,
        unitId: office.id,
        year: e.year,
        frameworkVersionId: v.id,
        narrative: {
          overview: `${e.office}${e.year}年度部门整体支出绩效自评（演示数据${e.scores ? `，按种子${e.scores.seed}公开的评分表录入` : ''}）。`,
        },
      })
      .returning();
    n++;
    if (!e.scores) continue;
    const leaves = new Map<string, IndicatorNode>();
    for (const { node } of walk(v.body.indicators)) if (!node.children?.length) leaves.set(node.key, node);
    const entries = [];
    for (const p of e.scores.leaves) {
      const leaf = leaves.get(p.key);
      if (!leaf?.rule || leaf.source?.kind === 'metric') continue;
      const entry = entryForScore(leaf.rule, leaf.points, p.score, p.reason);
      if (entry) entries.push({ evaluationId: row!.id, indicatorKey: p.key, regionCode, entry });
    }
    if (entries.length) await tx.insert(evaluationEntry).values(entries);
  }
  return n;
}
