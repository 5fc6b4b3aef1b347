/**
 * From a frozen framework, the metric results and the evaluator's entries to the evaluation as
 * the page and the CLI show it: every indicator with points, score, the sentence explaining it,
 * the metric's formula and inputs, the finance adjustment beside the self-score, totals, grade
 * and the consistency findings. Pure (the service gathers the inputs).
 */
import {
  METRICS,
  type FrameworkBody,
  type IndicatorEntry,
  type IndicatorView,
  type MetricKey,
  type MetricView,
  type ScoreFindingView,
} from '@bianban/contracts';
import type { z } from 'zod';
import { type Dec, fromNumber, parseDec, sum, toFixed, toText } from './domain/decimal.js';
import { checkStatedScores, gradeOf, isLeaf, scoreFramework, walk, type ScoredNode } from './domain/framework.js';
import type { MetricResult } from './domain/metrics.js';
import type { RuleInputs } from './domain/scoring.js';

export function entryInputs(entry: IndicatorEntry | null | undefined): RuleInputs {
  return {
    value: entry?.value === undefined ? undefined : fromNumber(entry.value),
    met: entry?.met,
    occurrences: entry?.occurrences,
    score: entry?.score === undefined ? undefined : fromNumber(entry.score),
    reason: entry?.reason,
  };
}

export function metricView(r: MetricResult): z.infer<typeof MetricView> {
  const def = METRICS[r.key];
  return {
    key: r.key,
    label: def.label,
    unit: def.unit,
    formula: r.formula,
    ok: r.ok,
    value: r.ok ? toFixed(r.value, 4) : null,
    display: r.ok ? toFixed(r.value, 2) : null,
    error: r.ok ? null : r.error,
    inputs: r.inputs,
  };
}

export interface EvaluationInputs {
  body: FrameworkBody;
  metrics: ReadonlyMap<MetricKey, MetricResult>;
  entries: ReadonlyMap<string, { entry: IndicatorEntry; evidenceFileIds: string[] }>;
  adjustments: ReadonlyMap<string, { score: string; reason: string }>;
}

export interface EvaluationResult {
  indicators: z.infer<typeof IndicatorView>[];
  total: Dec | null;
  grade: string | null;
  adjustedTotal: Dec | null;
  adjustedGrade: string | null;
  missing: { key: string; name: string; error: string }[];
  findings: z.infer<typeof ScoreFindingView>[];
}

export function evaluate(inp: EvaluationInputs): EvaluationResult {
  const { body } = inp;
  const scored = scoreFramework(body, (leaf) => {
    const entry = inp.entries.get(leaf.key)?.entry;
    if (leaf.source?.kind === 'metric') {
      const m = inp.metrics.get(leaf.source.metric);
      const def = METRICS[leaf.source.metric];
      if (!m) return { inputs: {}, error: `${def.label}未计算` };
      if (!m.ok) return { inputs: {}, error: m.error };
      return { inputs: { value: m.value }, valueLabel: def.label, unit: def.unit };
    }
    return { inputs: entryInputs(entry), valueLabel: leaf.name, unit: '' };
  });

  const byKey = new Map<string, ScoredNode>();
  const index = (nodes: ScoredNode[]) => {
    for (const n of nodes) {
      byKey.set(n.key, n);
      index(n.children);
    }
  };
  index(scored.nodes);

  // Finance review: adjusted leaves replace self-scores; parents are re-summed.
  const adjustedOf = (node: ScoredNode): Dec | null => {
    const adj = inp.adjustments.get(node.key);
    if (node.children.length === 0) return adj ? parseDec(adj.score) : node.score;
    const kids = node.children.map(adjustedOf);
    return kids.every((k) => k !== null) ? sum(kids as Dec[]) : null;
  };
  const adjustedTops = scored.nodes.map(adjustedOf);
  const adjustedTotal =
    inp.adjustments.size > 0 && adjustedTops.every((t) => t !== null) ? sum(adjustedTops as Dec[]) : null;

  const indicators: z.infer<typeof IndicatorView>[] = [];
  for (const { node, depth, path } of walk(body.indicators)) {
    const s = byKey.get(node.key)!;
    const e = inp.entries.get(node.key);
    const adj = inp.adjustments.get(node.key);
    const adjusted = inp.adjustments.size > 0 ? adjustedOf(s) : null;
    indicators.push({
      key: node.key,
      parentKey: path.length ? path[path.length - 1]!.key : null,
      depth,
      name: node.name,
      points: toText(fromNumber(node.points), 3),
      guidance: node.guidance ?? null,
      rule: isLeaf(node) ? (node.rule ?? null) : null,
      ruleKind: isLeaf(node) ? (node.rule?.kind ?? null) : null,
      metricKey: node.source?.kind === 'metric' ? node.source.metric : null,
      score: s.score === null ? null : toText(s.score, 3),
      explanation: s.explanation ?? null,
      error: s.error ?? null,
      adjustedScore: adjusted === null || (adj === undefined && isLeaf(node)) ? null : toText(adjusted, 3),
      adjustmentReason: adj?.reason ?? null,
      entry: e?.entry ?? null,
      evidenceFileIds: e?.evidenceFileIds ?? [],
    });
  }

  // Subtotals are sums by construction; the leaves are checked against their points, which
  // guards finance adjustments and frozen values too.
  const stated: Record<string, number> = {};
  for (const i of indicators) {
    const v = i.adjustedScore ?? i.score;
    if (v !== null && i.ruleKind !== null) stated[i.key] = Number(v);
  }
  const findings = checkStatedScores(body, { scores: stated });

  return {
    indicators,
    total: scored.total,
    grade: scored.grade,
    adjustedTotal,
    adjustedGrade: adjustedTotal === null ? null : gradeOf(adjustedTotal, body.grades),
    missing: scored.missing,
    findings,
  };
}
