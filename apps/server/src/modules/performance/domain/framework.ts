/**
 * Indicator frameworks as trees: structural checks (points add up, every leaf has a rule the
 * engine can apply), scoring a whole tree from per-leaf inputs, grading, and the consistency
 * checks of a scored table (items within points, children summing to their parent, stated
 * totals and grade matching). Pure.
 */
import type { FrameworkBody, IndicatorNode } from '@bianban/contracts';
import { METRICS } from '@bianban/contracts';
import { type Dec, fromNumber, sum, eq, gt, ge, toText, sub, abs, lt } from './decimal.js';
import { applyRule, ruleMaximum, ruleReadsValue, type RuleInputs } from './scoring.js';

export interface FrameworkProblem {
  /** The indicator concerned ('' for the framework as a whole). */
  key: string;
  rule:
    | 'duplicate-key'
    | 'children-sum'
    | 'total'
    | 'leaf-rule'
    | 'branch-rule'
    | 'rule-maximum'
    | 'checklist-sum'
    | 'source'
    | 'grades'
    | 'project-weights'
    | 'depth';
  message: string;
}

/** Walk the tree depth-first, parents before children. */
export function* walk(
  nodes: readonly IndicatorNode[],
  depth = 1,
  path: readonly IndicatorNode[] = [],
): Generator<{ node: IndicatorNode; depth: number; path: readonly IndicatorNode[] }> {
  for (const node of nodes) {
    yield { node, depth, path };
    if (node.children?.length) yield* walk(node.children, depth + 1, [...path, node]);
  }
}

export const isLeaf = (n: IndicatorNode) => !n.children?.length;

/** 财预〔2020〕10号: the four first-level weights of a project self-evaluation. */
export const PROJECT_WEIGHTS: readonly { match: string; points: number }[] = [
  { match: '预算执行', points: 10 },
  { match: '产出', points: 50 },
  { match: '效益', points: 30 },
  { match: '满意度', points: 10 },
];

const label = (n: IndicatorNode) => `${n.key} ${n.name}`;

export function checkFramework(body: FrameworkBody): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const seen = new Set<string>();
  const topSum = sum(body.indicators.map((n) => fromNumber(n.points)));
  if (!eq(topSum, fromNumber(body.total))) {
    problems.push({
      key: '',
      rule: 'total',
      message: `一级指标分值合计${toText(topSum)}分，不等于总分${body.total}分`,
    });
  }
  if (body.total !== 100) {
    problems.push({ key: '', rule: 'total', message: `总分须为100分，现为${body.total}分` });
  }
  for (const { node, depth } of walk(body.indicators)) {
    if (seen.has(node.key)) problems.push({ key: node.key, rule: 'duplicate-key', message: `指标编号${node.key}重复` });
    seen.add(node.key);
    if (depth > 4) problems.push({ key: node.key, rule: 'depth', message: `指标“${label(node)}”超过四级` });
    const points = fromNumber(node.points);
    if (!isLeaf(node)) {
      const childSum = sum(node.children!.map((c) => fromNumber(c.points)));
      if (!eq(childSum, points)) {
        problems.push({
          key: node.key,
          rule: 'children-sum',
          message: `“${label(node)}”分值${node.points}分，下级指标分值合计${toText(childSum)}分`,
        });
      }
      if (node.rule) {
        problems.push({
          key: node.key,
          rule: 'branch-rule',
          message: `“${label(node)}”有下级指标，不能直接设评分规则`,
        });
      }
      continue;
    }
    if (!node.rule) {
      problems.push({ key: node.key, rule: 'leaf-rule', message: `末级指标“${label(node)}”缺少评分规则` });
      continue;
    }
    const most = ruleMaximum(node.rule, points);
    if (gt(most, points)) {
      problems.push({
        key: node.key,
        rule: 'rule-maximum',
        message: `“${label(node)}”的评分规则最高可得${toText(most)}分，超过分值${node.points}分`,
      });
    }
    if (node.rule.kind === 'checklist' && !eq(most, points)) {
      problems.push({
        key: node.key,
        rule: 'checklist-sum',
        message: `“${label(node)}”各检查项分值合计${toText(most)}分，不等于分值${node.points}分`,
      });
    }
    if (node.source?.kind === 'metric' && !ruleReadsValue(node.rule)) {
      problems.push({
        key: node.key,
        rule: 'source',
        message: `“${label(node)}”绑定了计算指标“${METRICS[node.source.metric].label}”，但${node.rule.kind === 'manual' ? '人工评分' : '该评分规则'}不读取数值`,
      });
    }
  }
  const mins = body.grades.map((g) => g.min);
  if (mins.some((m, i) => i > 0 && m >= mins[i - 1]!) || mins[mins.length - 1] !== 0) {
    problems.push({ key: '', rule: 'grades', message: '等级须按分数线从高到低排列，最后一档分数线为0' });
  }
  if (body.kind === 'project') {
    for (const w of PROJECT_WEIGHTS) {
      const top = body.indicators.find((n) => n.name.includes(w.match));
      if (!top || top.points !== w.points) {
        problems.push({
          key: top?.key ?? '',
          rule: 'project-weights',
          message: `项目支出绩效自评的“${w.match}”一级指标须为${w.points}分（财预〔2020〕10号）${top ? `，现为${top.points}分` : '，未设置'}`,
        });
      }
    }
  }
  return problems;
}

export function gradeOf(total: Dec, grades: FrameworkBody['grades']): string {
  for (const g of grades) if (ge(total, fromNumber(g.min))) return g.grade;
  return grades[grades.length - 1]!.grade;
}

export interface ScoredNode {
  key: string;
  name: string;
  points: Dec;
  depth: number;
  /** null while any leaf below has no score. */
  score: Dec | null;
  explanation?: string;
  error?: string;
  children: ScoredNode[];
}

export interface ScoredFramework {
  nodes: ScoredNode[];
  total: Dec | null;
  grade: string | null;
  /** Leaves that could not be scored, with the reason. */
  missing: { key: string; name: string; error: string }[];
}

/**
 * Score a framework. `inputsOf` gives each leaf its inputs (the metric value already computed,
 * or the evaluator's entry); a leaf without a usable input is reported, and the totals above
 * it stay empty rather than counting it as zero.
 */
export function scoreFramework(
  body: FrameworkBody,
  inputsOf: (leaf: IndicatorNode) => { inputs: RuleInputs; valueLabel?: string; unit?: string; error?: string },
): ScoredFramework {
  const missing: ScoredFramework['missing'] = [];
  const scoreNode = (node: IndicatorNode, depth: number): ScoredNode => {
    const points = fromNumber(node.points);
    if (!isLeaf(node)) {
      const children = node.children!.map((c) => scoreNode(c, depth + 1));
      const complete = children.every((c) => c.score !== null);
      return {
        key: node.key,
        name: node.name,
        points,
        depth,
        score: complete ? sum(children.map((c) => c.score!)) : null,
        children,
      };
    }
    const base = { key: node.key, name: node.name, points, depth, children: [] as ScoredNode[] };
    if (!node.rule) {
      const error = '缺少评分规则';
      missing.push({ key: node.key, name: node.name, error });
      return { ...base, score: null, error };
    }
    const given = inputsOf(node);
    if (given.error) {
      missing.push({ key: node.key, name: node.name, error: given.error });
      return { ...base, score: null, error: given.error };
    }
    const outcome = applyRule(
      node.rule,
      { name: node.name, points, valueLabel: given.valueLabel, unit: given.unit },
      given.inputs,
    );
    if (!outcome.ok) {
      missing.push({ key: node.key, name: node.name, error: outcome.error });
      return { ...base, score: null, error: outcome.error };
    }
    return { ...base, score: outcome.score, explanation: outcome.explanation };
  };
  const nodes = body.indicators.map((n) => scoreNode(n, 1));
  const total = nodes.every((n) => n.score !== null) ? sum(nodes.map((n) => n.score!)) : null;
  return { nodes, total, grade: total === null ? null : gradeOf(total, body.grades), missing };
}

export interface ScoreFinding {
  severity: 'error' | 'warning';
  rule: 'score-cap' | 'score-sum' | 'total' | 'grade' | 'unknown-indicator' | 'negative';
  key: string;
  message: string;
  stated: string;
  recomputed: string;
}

/** A scored table as stated (by a published report, or by hand): leaf and subtotal scores, total, grade. */
export interface StatedScores {
  /** Score stated per indicator key — leaves, and any subtotal the document states. */
  scores: Readonly<Record<string, number>>;
  total?: number | undefined;
  grade?: string | undefined;
}

/**
 * The consistency checks of a scored table: each stated score within its points and not
 * negative; each stated subtotal equal to the sum of its children's stated (or derived) scores;
 * the stated total equal to the sum of the first level; the grade the one the total earns.
 */
export function checkStatedScores(body: FrameworkBody, stated: StatedScores): ScoreFinding[] {
  const findings: ScoreFinding[] = [];
  const known = new Set([...walk(body.indicators)].map((w) => w.node.key));
  for (const key of Object.keys(stated.scores)) {
    if (!known.has(key)) {
      findings.push({
        severity: 'error',
        rule: 'unknown-indicator',
        key,
        message: `指标体系中没有编号为${key}的指标`,
        stated: String(stated.scores[key]),
        recomputed: '—',
      });
    }
  }
  /** The score a node carries: stated if stated, else the sum of its children's (null if unknown). */
  const valueOf = (node: IndicatorNode): Dec | null => {
    const s = stated.scores[node.key];
    const own = s === undefined ? null : fromNumber(s);
    const points = fromNumber(node.points);
    if (own !== null) {
      if (lt(own, fromNumber(0))) {
        findings.push({
          severity: 'error',
          rule: 'negative',
          key: node.key,
          message: `“${label(node)}”得分为负`,
          stated: toText(own),
          recomputed: '≥0',
        });
      } else if (gt(own, points)) {
        findings.push({
          severity: 'error',
          rule: 'score-cap',
          key: node.key,
          message: `“${label(node)}”得${toText(own)}分，超过分值${node.points}分`,
          stated: toText(own),
          recomputed: `≤${node.points}`,
        });
      }
    }
    if (isLeaf(node)) return own;
    const kids = node.children!.map(valueOf);
    const kidSum = kids.every((k) => k !== null) ? sum(kids as Dec[]) : null;
    if (own === null && kidSum !== null && gt(kidSum, points)) {
      // No subtotal stated, but the items alone already exceed the group's points.
      findings.push({
        severity: 'error',
        rule: 'score-cap',
        key: node.key,
        message: `“${label(node)}”下级指标得分合计${toText(kidSum)}分，超过分值${node.points}分`,
        stated: toText(kidSum),
        recomputed: `≤${node.points}`,
      });
    }
    if (own !== null && kidSum !== null && !eq(own, kidSum)) {
      findings.push({
        severity: 'error',
        rule: 'score-sum',
        key: node.key,
        message: `“${label(node)}”表述得${toText(own)}分，下级指标得分合计${toText(kidSum)}分`,
        stated: toText(own),
        recomputed: toText(kidSum),
      });
    }
    return own ?? kidSum;
  };
  const tops = body.indicators.map(valueOf);
  const computed = tops.every((t) => t !== null) ? sum(tops as Dec[]) : null;
  if (stated.total !== undefined && computed !== null && !eq(fromNumber(stated.total), computed)) {
    findings.push({
      severity: 'error',
      rule: 'total',
      key: '',
      message: `表述总分${stated.total}分，各一级指标得分合计${toText(computed)}分（相差${toText(abs(sub(fromNumber(stated.total), computed)))}分）`,
      stated: String(stated.total),
      recomputed: toText(computed),
    });
  }
  if (stated.grade !== undefined) {
    const basis = stated.total !== undefined ? fromNumber(stated.total) : computed;
    if (basis !== null) {
      const expected = gradeOf(basis, body.grades);
      if (expected !== stated.grade) {
        findings.push({
          severity: 'error',
          rule: 'grade',
          key: '',
          message: `总分${toText(basis)}分应评为“${expected}”，表述为“${stated.grade}”`,
          stated: stated.grade,
          recomputed: expected,
        });
      }
    }
  }
  return findings;
}
