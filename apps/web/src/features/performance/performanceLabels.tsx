/** Words and small helpers for frameworks and evaluations: rule summaries, templates, state tags. */
import {
  EVALUATION_STATE_LABELS,
  METRICS,
  RULE_KIND_LABELS,
  type EvaluationState,
  type FrameworkBodyInput,
  type IndicatorNodeInput,
  type MetricKey,
  type RuleInput,
} from '@bianban/contracts';
import { Tag } from 'antd';

export type RuleKind = RuleInput['kind'];
export const RULE_KINDS = Object.keys(RULE_KIND_LABELS) as RuleKind[];
export const RULE_KIND_OPTIONS = RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }));
export const METRIC_OPTIONS = (Object.keys(METRICS) as MetricKey[]).map((k) => ({
  value: k,
  label: `${METRICS[k].label}（${METRICS[k].unit}）`,
}));

export const LEVEL_LABELS = ['一级指标', '二级指标', '三级指标', '四级指标'];
export const levelLabel = (depth: number) => LEVEL_LABELS[depth - 1] ?? `${depth}级指标`;

export function isMetricKey(value: string | null | undefined): value is MetricKey {
  return !!value && Object.prototype.hasOwnProperty.call(METRICS, value);
}

/** The unit a leaf's rule reads: the bound metric's, or none for a hand-entered value. */
export function unitOf(node: Pick<IndicatorNodeInput, 'source'>): string {
  return node.source?.kind === 'metric' ? METRICS[node.source.metric].unit : '';
}

const n = (v: number | undefined) => (v === undefined ? '' : String(v));

function bandText(b: { min?: number; minInclusive?: boolean; max?: number; maxInclusive?: boolean }, unit: string) {
  const minInc = b.minInclusive ?? true;
  const maxInc = b.maxInclusive ?? false;
  if (b.min !== undefined && b.max !== undefined && b.min === b.max && minInc && maxInc) return `等于${b.min}${unit}`;
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${minInc ? '≥' : '>'}${b.min}${unit}`);
  if (b.max !== undefined) parts.push(`${maxInc ? '≤' : '<'}${b.max}${unit}`);
  return parts.length ? parts.join(' 且 ') : '任意值';
}

const COUNTING_WORDS = { proportional: '按比例计算', perStarted: '不足一个单位按一个计', perFull: '不足一个单位不计' };
export const COUNTING_OPTIONS = (Object.keys(COUNTING_WORDS) as (keyof typeof COUNTING_WORDS)[]).map((k) => ({
  value: k,
  label: COUNTING_WORDS[k],
}));

/** A rule in words, e.g. "≥90%得5分；≥80%且<90%得3分；其他得0分". */
export function describeRule(rule: RuleInput | null | undefined, unit = ''): string {
  if (!rule) return '（未设置评分规则）';
  const unitWord = unit === '%' ? '个百分点' : unit;
  switch (rule.kind) {
    case 'bands':
      return [...rule.bands.map((b) => `${bandText(b, unit)}得${b.score}分`), `其他得${rule.otherwise ?? 0}分`].join(
        '；',
      );
    case 'linear': {
      const op = rule.full.op === '<=' ? '≤' : rule.full.op === '>=' ? '≥' : '=';
      const per = rule.per ?? 1;
      const perText = per === 1 ? `每${unitWord || '单位'}` : `每${per}${unitWord}`;
      return `${op}${rule.full.value}${unit}得满分；偏离标准${perText}扣${rule.deductPer}分（${COUNTING_WORDS[rule.counting ?? 'proportional']}），最低${rule.floor ?? 0}分`;
    }
    case 'checklist':
      return `逐项计分：${rule.items.map((i) => `${i.label}${i.points}分`).join('；')}`;
    case 'perOccurrence':
      return `每发现一例不符合扣${rule.deductPer}分，最低${rule.floor ?? 0}分${
        rule.requirements?.length ? `（要求：${rule.requirements.join('；')}）` : ''
      }`;
    case 'ratio':
      return `实际值 ÷ 目标值${rule.target}${unit} × 分值，比例最高按${n((rule.cap ?? 1) * 100)}%计`;
    case 'manual':
      return '人工评分；未得满分须说明扣分原因';
  }
}

/** A fresh rule of the kind, with parameters to start from. */
export function defaultRule(kind: RuleKind, points: number): RuleInput {
  switch (kind) {
    case 'bands':
      return { kind, bands: [{ min: 90, minInclusive: true, score: points }], otherwise: 0 };
    case 'linear':
      return { kind, full: { op: '>=', value: 100 }, deductPer: 1, per: 1, counting: 'proportional', floor: 0 };
    case 'checklist':
      return { kind, items: [{ key: 'a', label: '检查项1', points }] };
    case 'perOccurrence':
      return { kind, deductPer: 1, floor: 0, requirements: [] };
    case 'ratio':
      return { kind, target: 100, cap: 1 };
    case 'manual':
      return { kind };
  }
}

/** Rules that read a value (and so can be bound to a metric). */
export const readsValue = (kind: RuleKind | undefined) => kind === 'bands' || kind === 'linear' || kind === 'ratio';

const leaf = (key: string, name: string, points: number): IndicatorNodeInput => ({
  key,
  name,
  points,
  guidance: '',
  rule: { kind: 'manual' },
  source: { kind: 'manual' },
});

/** The empty template: the first-level structure of the kind, each scored by hand, totalling 100. */
export function templateBody(kind: 'department' | 'project', name: string, basis: string): FrameworkBodyInput {
  const indicators =
    kind === 'project'
      ? [leaf('1', '预算执行率', 10), leaf('2', '产出指标', 50), leaf('3', '效益指标', 30), leaf('4', '满意度指标', 10)]
      : [leaf('1', '投入', 20), leaf('2', '过程', 30), leaf('3', '产出', 30), leaf('4', '效果', 20)];
  return { name, kind, basis, total: 100, indicators };
}

const STATE_COLORS: Record<EvaluationState, string> = {
  draft: 'default',
  submitted: 'processing',
  reviewed: 'blue',
  financeReviewed: 'purple',
  published: 'success',
};

export function EvaluationStateTag({ state, testId }: { state: EvaluationState; testId?: string }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId}>
      {EVALUATION_STATE_LABELS[state]}
    </Tag>
  );
}

export function VersionStateTag({ state }: { state: 'draft' | 'published' }) {
  return state === 'published' ? <Tag color="success">已发布</Tag> : <Tag color="warning">草稿</Tag>;
}

const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
export function GradeTag({ grade, testId }: { grade: string | null; testId?: string }) {
  if (!grade) return <span data-testid={testId}>—</span>;
  return (
    <Tag color={GRADE_COLORS[grade] ?? 'default'} data-testid={testId}>
      {grade}
    </Tag>
  );
}
