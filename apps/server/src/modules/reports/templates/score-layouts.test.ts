/**
 * The three 评分版式 without a database: the same evaluation laid out as the scoring table (001),
 * scored sections (000) and indicator paragraphs (004) states the same leaf points and scores, the
 * same total and grade, bound to the same facts, under the same checks; the explanations go where
 * each layout puts them. Round trip: the report checker (report-check's checkDocument) reads each
 * layout's text back and extracts the same scores, total and grade, and finds nothing when the
 * facts are right — and the error when they are not.
 */
import { SCORE_LAYOUTS, ScoreLayoutSchema, type EvaluationDetail, type ScoreLayout } from '@bianban/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allText } from '../../../platform/documents/index.js';
import { checkDocument } from '../../report-check/domain/check.js';
import { readPlainText } from '../../report-check/domain/read/index.js';
import { runChecks } from '../domain/checks.js';
import { Composer } from '../domain/compose.js';
import { documentText } from '../seed-coverage.js';
import { scoreSection } from './score-layouts.js';

type Evaluation = z.infer<typeof EvaluationDetail>;
type Spec = [key: string, name: string, points: number, score: number | null, reason?: string];

const SPEC: Spec[] = [
  ['1', '决策', 20, 20],
  ['1.1', '目标设定', 10, 10],
  ['1.1.1', '绩效目标合理性', 10, 10],
  ['1.2', '预算编制', 10, 10],
  ['1.2.1', '预算编制科学性', 10, 10],
  ['2', '过程', 30, 27],
  ['2.1', '预算执行率', 15, 12, '预算执行率95.59%，未达到100%，扣3分'],
  ['2.2', '财务管理', 15, 15],
  ['2.2.1', '财务制度健全性', 5, 5],
  ['2.2.2', '资金使用规范性', 10, 10],
  ['3', '产出', 30, 30],
  ['3.1', '履职目标完成情况', 30, 30],
  ['4', '效果', 20, 19.5],
  ['4.1', '社会效益', 10, 10],
  ['4.2', '服务对象满意度', 10, 9.5, '满意度95%，得分9.5分。'],
];

function evaluation(spec: Spec[] = SPEC, total = '96.5', grade = '优'): Evaluation {
  const keys = new Set(spec.map((s) => s[0]));
  return {
    id: '11111111-1111-4111-8111-111111111111',
    unitId: '22222222-2222-4222-8222-222222222222',
    unitName: '测试单位',
    year: 2024,
    state: 'published',
    framework: {
      versionId: '33333333-3333-4333-8333-333333333333',
      frameworkId: '44444444-4444-4444-8444-444444444444',
      name: '测试指标体系',
      version: 1,
      kind: 'department',
      basis: '',
      grades: [
        { grade: '优', min: 90 },
        { grade: '良', min: 80 },
        { grade: '中', min: 60 },
        { grade: '差', min: 0 },
      ],
    },
    indicators: spec.map(([key, name, points, score, reason]) => {
      const parent = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null;
      return {
        key,
        parentKey: parent && keys.has(parent) ? parent : null,
        depth: key.split('.').length,
        name,
        points: String(points),
        guidance: null,
        rule: { kind: 'manual' },
        ruleKind: 'manual',
        metricKey: null,
        score: score === null ? null : String(score),
        explanation: score === null ? null : `得${score}分`,
        error: score === null ? '缺少数据' : null,
        adjustedScore: null,
        adjustmentReason: null,
        entry: reason ? { score: score ?? 0, reason } : null,
        evidenceFileIds: [],
      };
    }),
    metrics: [],
    total,
    grade,
    adjustedTotal: null,
    adjustedGrade: null,
    missing: [],
    findings: [],
    narrative: {},
    evaluators: [],
    surveys: [],
    staff: null,
    frozen: true,
    history: [],
  };
}

function build(layout: ScoreLayout, ev = evaluation()) {
  const c = new Composer();
  c.heading(1, '四、绩效目标完成情况及评分');
  scoreSection(c, ev, layout, { year: 2024 });
  return c.build('测试单位2024年部门整体支出绩效评价报告');
}

const LEAVES = SPEC.filter(([k]) => !SPEC.some(([o]) => o.startsWith(`${k}.`)));

describe('the three layouts state the same numbers, bound to the same facts, under the same checks', () => {
  const built = Object.fromEntries(SCORE_LAYOUTS.map((l) => [l, build(l)])) as Record<
    ScoreLayout,
    ReturnType<typeof build>
  >;

  it('every leaf’s points and score, the top indicators’ scores, the total and the grade, each bound', () => {
    for (const layout of SCORE_LAYOUTS) {
      const b = built[layout];
      const value = (id: string) => b.numbers.find((n) => n.id === id);
      for (const [key, , points, score] of LEAVES) {
        expect(value(`points.${key}`), `${layout} points.${key}`).toMatchObject({
          value: String(points),
          source: `framework:33333333-3333-4333-8333-333333333333:${key}.points`,
        });
        expect(value(`score.${key}`), `${layout} score.${key}`).toMatchObject({
          value: String(score),
          source: `evaluation:11111111-1111-4111-8111-111111111111:${key}`,
        });
      }
      for (const [key, , , score] of SPEC.filter(([k]) => !k.includes('.')))
        expect(value(`score.${key}`)?.value, `${layout} score.${key}`).toBe(String(score));
      expect(value('score.total')?.value, layout).toBe('96.5');
      expect(value('score.grade')?.value, layout).toBe('优');
      expect(
        b.numbers.filter((n) => !n.source),
        layout,
      ).toEqual([]);
      expect(runChecks(b.numbers, b.checks), layout).toEqual([]);
    }
  });

  it('the same checks: every leaf capped, the parents summed, the total of the tops, the grade', () => {
    const kinds = (layout: ScoreLayout) => {
      const cs = built[layout].checks;
      return {
        caps: cs
          .filter((c) => c.kind === 'scoreCap')
          .map((c) => (c.kind === 'scoreCap' ? c.points : ''))
          .sort(),
        total: cs.some((c) => c.kind === 'sum' && c.label === '综合得分 = 各一级指标得分之和'),
        grade: cs.filter((c) => c.kind === 'grade').length,
        // A top's score = the sum of what is stated below it.
        tops: cs.filter((c) => c.kind === 'sum' && /^(决策|过程|效果)得分/.test(c.label)).length,
      };
    };
    const caps = LEAVES.map(([k]) => `points.${k}`).sort();
    for (const layout of SCORE_LAYOUTS) expect(kinds(layout), layout).toEqual({ caps, total: true, grade: 1, tops: 3 });
    // The sections state every level's points and scores: the groups are summed too.
    const labels = built.scoredSections.checks.map((c) => c.label);
    expect(labels).toContain('财务管理得分 = 其各项指标得分之和');
    expect(labels).toContain('财务管理分值 = 其各项指标分值之和');
    // The paragraphs state the groups' points.
    expect(built.indicatorParagraphs.checks.map((c) => c.label)).toContain('财务管理分值 = 其各项指标分值之和');
  });

  it('scoreTable: the sentence and the table with the reason beside the deducted score', () => {
    const text = documentText(built.scoreTable.document);
    expect(text).toContain(
      '经自评，部门整体支出绩效自评综合得分96.5分（决策20分、过程27分、产出30分、效果19.5分），评价等次为“优”。',
    );
    expect(text).toContain('\t预算执行率95.59%，未达到100%，扣3分');
    expect(text).toContain('\t总分\n\t\n\t100\n\t96.5\n\t评价等次：优');
  });

  it('scoredSections (000): a heading per indicator with 分值 and 自评得分, the explanation under it, the conclusion', () => {
    const text = documentText(built.scoredSections.document);
    expect(text).toContain(
      '（二）过程（分值30分，自评得分27分）\n1.预算执行率（分值15分，自评得分12分）\n预算执行率95.59%，未达到100%，扣3分。',
    );
    expect(text).toContain(
      '2.财务管理（分值15分，自评得分15分）\n（1）财务制度健全性（分值5分，自评得分5分）\n（该项指标的完成情况：待填写）',
    );
    expect(text).toContain('2.服务对象满意度（分值10分，自评得分9.5分）\n满意度95%。');
    expect(text).toContain(
      '（五）绩效评价结论\n根据评价指标体系测算，本部门2024年度部门整体支出绩效评价得分是：决策为20分，过程为27分，产出为30分，效果为19.5分，总分为96.5分。评价结果等次为“优”。',
    );
    // The explanation is an editable paragraph per leaf.
    expect(built.scoredSections.originals['indicator.2.1']).toBe('预算执行率95.59%，未达到100%，扣3分。');
  });

  it('indicatorParagraphs (004): groups with their points, a paragraph per leaf ending “得分x分”, the total sentence', () => {
    const text = documentText(built.indicatorParagraphs.document);
    expect(text).toContain('1.决策（20分）\n（1）目标设定（10分）\n绩效目标合理性（10分）：得分10分。');
    // A leaf among groups is numbered as they are (the reader would take it for an item of the group before).
    expect(text).toContain(
      '2.过程（30分）\n（1）预算执行率（15分）：预算执行率95.59%，未达到100%，扣3分，得分12分。\n（2）财务管理（15分）',
    );
    expect(text).toContain('3.产出（30分）\n履职目标完成情况（30分）：得分30分。');
    expect(text).toContain('服务对象满意度（10分）：满意度95%，得分9.5分。');
    expect(text).toContain(
      '我单位2024年度部门整体支出绩效自评得分96.5分，其中：决策20分，过程27分，产出30分，效果19.5分，评价结果为优。',
    );
  });

  it('round trip: the report checker reads the same leaf scores, total and grade from each layout, and finds nothing', () => {
    const expected = LEAVES.map(([, , p, s]) => `${p}/${s}`).sort();
    for (const layout of SCORE_LAYOUTS) {
      const read = checkDocument(readPlainText(documentText(built[layout].document)));
      const byId = new Map(read.numbers.map((n) => [n.id, n]));
      const pairs = read.checks
        .filter((c) => c.kind === 'scoreCap')
        .map((c) => (c.kind === 'scoreCap' ? `${byId.get(c.points)?.value}/${byId.get(c.score)?.value}` : ''))
        .filter((x) => !x.includes('undefined'))
        .sort();
      expect(pairs, layout).toEqual(expected);
      const grades = read.checks.filter((c) => c.kind === 'grade');
      expect(
        grades.map((g) => (g.kind === 'grade' ? `${byId.get(g.total)?.value} ${g.grade}` : '')),
        layout,
      ).toContain('96.5 优');
      expect(
        read.findings.map((f) => `${f.label}：${f.stated} → ${f.recomputed}`),
        layout,
      ).toEqual([]);
    }
  });

  it('wrong facts: each layout’s own checks and the report checker both find the wrong total', () => {
    for (const layout of SCORE_LAYOUTS) {
      const b = build(layout, evaluation(SPEC, '98.5'));
      expect(
        runChecks(b.numbers, b.checks).map((f) => `${f.label}：${f.stated} → ${f.recomputed}`),
        layout,
      ).toContain('综合得分 = 各一级指标得分之和：98.5 → 96.5');
      const read = checkDocument(readPlainText(documentText(b.document)));
      expect(
        read.findings.filter((f) => f.severity === 'error').map((f) => `${f.stated} → ${f.recomputed}`),
        layout,
      ).toContain('98.5 → 96.5');
    }
  });

  it('an unscored leaf is said and noted in every layout', () => {
    const spec = SPEC.map((s): Spec => (s[0] === '4.1' ? ['4.1', '社会效益', 10, null] : s));
    for (const layout of SCORE_LAYOUTS) {
      const b = build(layout, evaluation(spec));
      expect(b.notes, layout).toContain('指标“社会效益”未能评分：缺少数据');
      expect(
        b.numbers.some((n) => n.id === 'score.4.1'),
        layout,
      ).toBe(false);
    }
    expect(allText(build('indicatorParagraphs', evaluation(spec)).document)).toContain(
      '社会效益（10分）：未能评分（缺少数据）。',
    );
    expect(allText(build('scoredSections', evaluation(spec)).document)).toContain('1.社会效益（分值10分，未能评分）');
  });

  it('a layout that is none of the three is refused with a message naming the field', () => {
    const r = ScoreLayoutSchema.safeParse('twoColumns');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('评分版式须为“评分表”“分节标注得分”或“逐项指标段落”');
  });
});
