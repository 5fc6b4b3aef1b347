/**
 * The scores of the self-evaluation report in one of three layouts (评分版式, SCORE_LAYOUTS), the
 * ways the seeds publish the same scores:
 *
 * - `scoreTable` (seed 001): the sentence "综合得分98.5分（投入5分、…），评价等次为“优”" and the scoring
 *   table (一级/二级/三级指标, 评分标准, 分值, 自评得分, 扣分原因和其他说明) with its 总分 row;
 * - `scoredSections` (seed 000): one heading per indicator, "（一）履职完成情况（分值51分，自评得分51分）",
 *   "1.…（分值6分，自评得分6分）", the explanation under each leaf (an editable paragraph: the office's
 *   account of the work goes there), then "（N）绩效评价结论" with the top indicators, the total and the grade;
 * - `indicatorParagraphs` (seed 004): the groups as headings with their points, "1.部门管理（40分）",
 *   "（1）资金投入（20分）", one paragraph per leaf, "预算执行率（10分）：…（说明）…，得分9分。", then
 *   "…自评得分91分，其中：…，评价结果为优。".
 *
 * The numbers are the same facts under the same ids (`points.<key>`, `score.<key>`, `score.total`,
 * `score.grade`) and the checks are declared the same way in all three: each leaf's score ≤ its
 * points; a parent's score (and points) = the sum of its nearest stated descendants' (its children
 * where the layout states them, else their leaves); the total = the top indicators' scores; the grade
 * the total earns. A check whose numbers a layout does not state is dropped by the composer.
 */
import type { EvaluationDetail, ScoreLayout } from '@bianban/contracts';
import type { z } from 'zod';
import { cell } from '../../../platform/documents/index.js';
import type { Composer, Num, Part } from '../domain/compose.js';
import { trimZeros } from '../domain/numbers.js';
import { CN_NUM, joinParts } from './common.js';

type Evaluation = z.infer<typeof EvaluationDetail>;
type Indicator = Evaluation['indicators'][number];

interface Node {
  ind: Indicator;
  children: Node[];
  depth: number;
}

/** A score or its adjustment by the finance review. */
const scoreOf = (i: Indicator): string | null => i.adjustedScore ?? i.score;

/**
 * The leaf's reason as the layouts write it: the finance adjustment's, else the evaluator's, else
 * the engine's explanation without its closing "得x分" (the layout states the score itself).
 */
export function reasonOf(leaf: Indicator, always: boolean): string {
  const entryReason = leaf.entry && 'reason' in leaf.entry ? String(leaf.entry.reason ?? '') : '';
  const reason = (leaf.adjustmentReason ?? '').trim() || entryReason.trim();
  const s = scoreOf(leaf);
  const deducted = s !== null && Number(s) < Number(leaf.points);
  const text = reason || (always || deducted ? (leaf.explanation ?? '') : '');
  return text
    .trim()
    .replace(/[，,；;。\s]*得分?\d+(\.\d+)?分[。.]?$/, '')
    .replace(/[。.；;，,\s]+$/, '');
}

export interface ScoreContext {
  year: number;
}

export function scoreSection(c: Composer, ev: Evaluation, layout: ScoreLayout, ctx: ScoreContext): void {
  const byParent = new Map<string | null, Indicator[]>();
  for (const i of ev.indicators) byParent.set(i.parentKey, [...(byParent.get(i.parentKey) ?? []), i]);
  const grow = (i: Indicator, depth: number): Node => ({
    ind: i,
    depth,
    children: (byParent.get(i.key) ?? []).map((k) => grow(k, depth + 1)),
  });
  const tops = (byParent.get(null) ?? []).map((i) => grow(i, 0));
  const stated = new Set<string>();
  const s = new Stater(c, ev, stated);

  if (layout === 'scoreTable') scoreTable(c, ev, s, tops);
  else if (layout === 'scoredSections') scoredSections(c, ev, s, tops, ctx);
  else indicatorParagraphs(c, ev, s, tops, ctx);

  // The checks every layout declares (dropped where a layout does not state the numbers).
  for (const t of tops) declareParent(c, t, stated);
  if (ev.findings.length) c.note(`评分一致性提示：${ev.findings.map((x) => x.message).join('；')}`);
}

const leavesOf = (n: Node): Node[] => (n.children.length ? n.children.flatMap(leavesOf) : [n]);

/** The nearest descendants of `n` whose number `kind` is stated (its children, else theirs …). */
function nearest(n: Node, kind: 'score' | 'points', stated: Set<string>): Node[] | null {
  const out: Node[] = [];
  for (const k of n.children) {
    if (stated.has(`${kind}.${k.ind.key}`)) out.push(k);
    else if (k.children.length) {
      const deeper = nearest(k, kind, stated);
      if (!deeper) return null;
      out.push(...deeper);
    } else return null;
  }
  return out;
}

function declareParent(c: Composer, n: Node, stated: Set<string>): void {
  if (!n.children.length) return;
  n.children.forEach((k) => declareParent(c, k, stated));
  const name = n.ind.name;
  const scores = nearest(n, 'score', stated);
  if (scores?.length && stated.has(`score.${n.ind.key}`))
    c.check({
      kind: 'sum',
      label: `${name}得分 = 其各项指标得分之和`,
      total: `score.${n.ind.key}`,
      parts: scores.map((x) => `score.${x.ind.key}`),
    });
  const points = nearest(n, 'points', stated);
  if (points?.length && stated.has(`points.${n.ind.key}`))
    c.check({
      kind: 'sum',
      label: `${name}分值 = 其各项指标分值之和`,
      total: `points.${n.ind.key}`,
      parts: points.map((x) => `points.${x.ind.key}`),
    });
}

/** States the numbers (bound, with their checks) and remembers which ids are stated. */
class Stater {
  constructor(
    private readonly c: Composer,
    private readonly ev: Evaluation,
    readonly stated: Set<string>,
  ) {}

  points(i: Indicator): Num {
    this.stated.add(`points.${i.key}`);
    return this.c.num(
      `points.${i.key}`,
      trimZeros(i.points),
      '分',
      `${i.name}分值`,
      `framework:${this.ev.framework.versionId}:${i.key}.points`,
    );
  }

  /** The score (null: not scored, noted), with the cap check for a leaf. */
  score(i: Indicator, leaf: boolean): Num | null {
    const s = scoreOf(i);
    if (s === null) {
      if (leaf) this.c.note(`指标“${i.name}”未能评分：${i.error ?? '缺少数据'}`);
      return null;
    }
    this.stated.add(`score.${i.key}`);
    const n = this.c.num(
      `score.${i.key}`,
      trimZeros(s),
      '分',
      leaf ? `${i.name}自评得分` : `${i.name}得分`,
      `evaluation:${this.ev.id}:${i.key}`,
    );
    if (leaf && n.id === `score.${i.key}`)
      this.c.check({ kind: 'scoreCap', label: `${i.name}得分不超过分值`, score: n.id, points: `points.${i.key}` });
    return n;
  }

  total(): { total: Num; grade: Num } | null {
    const total = this.ev.adjustedTotal ?? this.ev.total;
    const grade = this.ev.adjustedGrade ?? this.ev.grade;
    if (total === null || grade === null) return null;
    const tn = this.c.num('score.total', trimZeros(total), '分', '绩效自评综合得分', `evaluation:${this.ev.id}:total`);
    const gn = this.c.num('score.grade', grade, '', '评价等次', `evaluation:${this.ev.id}:grade`);
    this.c.check({
      kind: 'grade',
      label: '评价等次与综合得分相符',
      total: tn.id,
      grade: gn.id,
      bands: this.ev.framework.grades,
    });
    return { total: tn, grade: gn };
  }

  /** The top indicators' scores (a second statement gets its own id and an equal check). */
  tops(tops: Node[], total: Num): Part[][] | null {
    const subs = tops.map((t) => (scoreOf(t.ind) === null ? null : this.score(t.ind, !t.children.length)));
    if (subs.some((x) => x === null)) return null;
    this.c.check({
      kind: 'sum',
      label: '综合得分 = 各一级指标得分之和',
      total: total.id,
      parts: tops.map((t) => `score.${t.ind.key}`),
    });
    return tops.map((t, k) => [t.ind.name, subs[k]!]);
  }

  /** The sentence when the total cannot be computed, and its note. */
  incomplete(key: string): void {
    const missing = this.ev.missing.map((m) => `${m.name}：${m.error}`).join('；');
    this.c.para(key, [`绩效自评尚未完成，综合得分暂缺${missing ? `（${missing}）` : ''}。`]);
    this.c.note(`绩效自评综合得分未能计算：${missing || '有指标尚未评分'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// scoreTable (seed 001)

function scoreTable(c: Composer, ev: Evaluation, s: Stater, tops: Node[]): void {
  const t = s.total();
  if (t) {
    const subs = s.tops(tops, t.total);
    c.para('score', [
      '经自评，部门整体支出绩效自评综合得分',
      t.total,
      ...(subs ? ['（', ...joinParts(subs, '、'), '）'] : []),
      '，评价等次为“',
      t.grade,
      '”。',
    ]);
  } else s.incomplete('score');
  const header = [
    ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '自评得分', '扣分原因和其他说明'].map((h) =>
      cell(h, { bold: true, align: 'center' }),
    ),
  ];
  const body: (Part | ReturnType<typeof cell>)[][] = [];
  const seen = new Set<string>();
  const leaves = tops.flatMap(leavesOf);
  const byKey = new Map(ev.indicators.map((i) => [i.key, i]));
  for (const { ind: leaf } of leaves) {
    const path: Indicator[] = [];
    for (let k: string | null = leaf.parentKey; k; k = byKey.get(k)?.parentKey ?? null) path.unshift(byKey.get(k)!);
    const row: (Part | ReturnType<typeof cell>)[] = [];
    const names = [...path, leaf];
    const under = (key: string) => leaves.filter((l) => l.ind.key === key || isUnder(byKey, l.ind, key)).length;
    // Columns 1–3: ancestors with row spans; a shallow leaf spans the remaining name columns.
    for (let lvl = 0; lvl < Math.min(names.length, 3); lvl++) {
      const n =
        lvl === 2
          ? {
              ...leaf,
              name: names
                .slice(2)
                .map((x) => x.name)
                .join('—'),
            }
          : names[lvl]!;
      const isLeafCol = n.key === leaf.key || lvl === 2;
      if (!isLeafCol) {
        if (seen.has(n.key)) continue;
        seen.add(n.key);
        row.push(cell(`${n.name}（${trimZeros(n.points)}分）`, { rowSpan: under(n.key), align: 'center' }));
      } else {
        row.push(cell(n.name, { colSpan: 3 - lvl, align: 'left' }));
        break;
      }
    }
    row.push(cell(leaf.guidance ?? leaf.explanation ?? '', { align: 'left' }));
    row.push(s.points(leaf));
    row.push(s.score(leaf, true) ?? '—');
    row.push(cell(reasonOf(leaf, false), { align: 'left' }));
    body.push(row);
  }
  const totalPoints = tops.reduce((acc, x) => acc + Number(x.ind.points), 0);
  const total = ev.adjustedTotal ?? ev.total;
  const grade = ev.adjustedGrade ?? ev.grade;
  body.push([
    // 总分 over the name columns, the 评分标准 cell empty: read back, "总分" is not the key of the 分值 beside it.
    cell('总分', { colSpan: 3, bold: true, align: 'center' }),
    cell(''),
    c.num('points.total', trimZeros(String(totalPoints)), '分', '总分值', `framework:${ev.framework.versionId}:points`),
    total !== null
      ? c.num('score.total', trimZeros(total), '分', '绩效自评综合得分', `evaluation:${ev.id}:total`)
      : '—',
    cell(grade ? `评价等次：${grade}` : ''),
  ]);
  c.check({
    kind: 'sum',
    label: '总分值 = 各项指标分值之和',
    total: 'points.total',
    parts: leaves.map((l) => `points.${l.ind.key}`),
  });
  if (total !== null && leaves.every((l) => scoreOf(l.ind) !== null))
    c.check({
      kind: 'sum',
      label: '总分 = 各项指标自评得分之和（评分表）',
      total: 'score.total~2',
      parts: leaves.map((l) => `score.${l.ind.key}`),
    });
  c.table(
    [{ width: 1.3 }, { width: 1.3 }, { width: 1.8 }, { width: 4 }, { width: 0.8 }, { width: 0.9 }, { width: 1.8 }],
    header,
    body,
    { caption: '部门整体支出绩效评价评分表', fontSizePt: 10.5 },
  );
}

function isUnder(byKey: Map<string, Indicator>, i: Indicator, key: string): boolean {
  for (let k = i.parentKey; k; k = byKey.get(k)?.parentKey ?? null) if (k === key) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// scoredSections (seed 000)

/** Numbering by depth: （一） 1. （1） ①. */
function numbered(depth: number, ordinal: number): string {
  if (depth === 0) return `（${CN_NUM[ordinal] ?? ordinal}）`;
  if (depth === 1) return `${ordinal}.`;
  if (depth === 2) return `（${ordinal}）`;
  return `${String.fromCodePoint(0x2460 + Math.min(ordinal, 20) - 1)}`;
}

function scoredSections(c: Composer, ev: Evaluation, s: Stater, tops: Node[], ctx: ScoreContext): void {
  let unwritten = 0;
  const visit = (n: Node, ordinal: number) => {
    const leaf = !n.children.length;
    const points = s.points(n.ind);
    const score = s.score(n.ind, leaf);
    const parts: Part[] = [n.ind.name, '（分值', points, ...(score ? ['，自评得分', score] : ['，未能评分']), '）'];
    c.heading(n.depth === 0 ? 2 : n.depth === 1 ? 3 : 4, [numbered(n.depth, ordinal), ...parts]);
    if (leaf) {
      const reason = reasonOf(n.ind, true);
      if (!reason) unwritten++;
      c.para(`indicator.${n.ind.key}`, [reason ? `${reason}。` : '（该项指标的完成情况：待填写）']);
    }
    n.children.forEach((k, i) => visit(k, i + 1));
  };
  tops.forEach((t, i) => visit(t, i + 1));
  if (unwritten)
    c.note(
      `${unwritten}项指标的完成情况未填写：可在报告中逐项编辑（段落“indicator.指标编号”），或在绩效自评中填写说明`,
    );
  c.heading(2, `${numbered(0, tops.length + 1)}绩效评价结论`);
  const t = s.total();
  if (!t) return s.incomplete('score');
  const subs = s.tops(tops, t.total);
  c.para('score', [
    `根据评价指标体系测算，本部门${ctx.year}年度部门整体支出绩效评价得分是：`,
    ...(subs
      ? [
          ...joinParts(
            subs.map((x) => [x[0]!, '为', x[1]!]),
            '，',
          ),
          '，',
        ]
      : []),
    '总分为',
    t.total,
    '。评价结果等次为“',
    t.grade,
    '”。',
  ]);
}

// ---------------------------------------------------------------------------------------------
// indicatorParagraphs (seed 004)

function indicatorParagraphs(c: Composer, ev: Evaluation, s: Stater, tops: Node[], ctx: ScoreContext): void {
  /** Numbering by depth: 1. （1） ①; a leaf is numbered only among siblings that are groups. */
  const mark = (depth: number, ordinal: number) =>
    depth === 0 ? `${ordinal}.` : depth === 1 ? `（${ordinal}）` : numbered(3, ordinal);
  const visit = (n: Node, ordinal: number, siblings: Node[]) => {
    const points = s.points(n.ind);
    if (n.children.length) {
      c.heading(n.depth === 0 ? 2 : n.depth === 1 ? 3 : 4, [mark(n.depth, ordinal), n.ind.name, '（', points, '）']);
      n.children.forEach((k, i) => visit(k, i + 1, n.children));
      return;
    }
    const score = s.score(n.ind, true);
    const reason = reasonOf(n.ind, true);
    const lead = siblings.every((x) => !x.children.length) && n.depth > 0 ? '' : mark(n.depth, ordinal);
    c.para(`indicator.${n.ind.key}`, [
      lead,
      n.ind.name,
      '（',
      points,
      '）：',
      ...(reason ? [reason, '，'] : []),
      ...(score ? ['得分', score, '。'] : [`未能评分（${n.ind.error ?? '缺少数据'}）。`]),
    ]);
  };
  tops.forEach((t, i) => visit(t, i + 1, tops));
  const t = s.total();
  if (!t) return s.incomplete('score');
  const subs = s.tops(tops, t.total);
  c.para('score', [
    `我单位${ctx.year}年度部门整体支出绩效自评得分`,
    t.total,
    ...(subs ? ['，其中：', ...joinParts(subs, '，')] : []),
    '，评价结果为',
    t.grade,
    '。',
  ]);
}
