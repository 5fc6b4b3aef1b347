/**
 * Scores: scored headings and lists ("（一）履职完成情况（分值51分，自评得分51）", "（2）财务管理。（5分）",
 * "财务制度健全性（5分）：…得分5分"), scoring tables (columns 分值 and 自评得分, a 总分 row), the
 * stated total and grade. Builds the tree of scored items from their numbering (a "（3）" after
 * "2." is the third item of that level, not a sub-item: the numbering is mixed, said as a warning)
 * and declares: a heading's score = Σ its items' scores, its points = Σ its items' points, the
 * items' scores ≤ the heading's points, each score ≤ its points, the total = Σ the top items, the
 * grade the total earns. Pure.
 */
import { ex, type AnyCheck, type DerivedNumber } from '../../../reports/domain/checks.js';
import { parseChineseNumeral } from '../../../reports/domain/stated-number.js';
import type { TableBlock } from '../read/document.js';
import type { Statement } from './prose.js';
import { canonLabel, nextId, type TextUnit, type Token } from './scan.js';

export const GRADE_BANDS = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
] as const;

interface Item {
  style: string | null;
  ordinal: number;
  level: number;
  name: string;
  points: Token | null;
  score: Token | null;
  children: Item[];
  unit: TextUnit;
  /** Id of the effective score (stated, or derived from the items). */
  effective?: string | null;
}

export interface NumberingNote {
  unit: TextUnit;
  text: string;
  message: string;
}

export interface ScoreExtraction {
  checks: AnyCheck[];
  derived: DerivedNumber[];
  statements: Statement[];
  numbering: NumberingNote[];
}

function numbering(text: string): { style: string; ordinal: number } | null {
  let m = /^([一二三四五六七八九十]+)、/.exec(text);
  if (m) return { style: 'cn', ordinal: Number(parseChineseNumeral(m[1]!)) };
  m = /^[（(]([一二三四五六七八九十]+)[）)]/.exec(text);
  if (m) return { style: 'pcn', ordinal: Number(parseChineseNumeral(m[1]!)) };
  m = /^(\d+)[.．、](?!\d)/.exec(text);
  if (m) return { style: 'num', ordinal: Number(m[1]) };
  m = /^[（(](\d+)[）)]/.exec(text);
  if (m) return { style: 'pnum', ordinal: Number(m[1]) };
  return null;
}

export class ScoreExtractor {
  readonly out: ScoreExtraction = { checks: [], derived: [], statements: [], numbering: [] };
  private items: { unit: TextUnit; points: Token | null; score: Token | null; name: string }[] = [];
  private totals: { total: Token; parts: Token[] }[] = [];
  private grades: { grade: string; unit: TextUnit; total: Token | null }[] = [];
  private tableTotals: Token[] = [];
  private kvTotals: Token[] = [];
  private scoring: { points: Token[]; scores: Token[] } | null = null;

  private stmt(kind: Statement['kind'], tokens: Token[]) {
    const first = tokens[0]!;
    this.out.statements.push({
      kind,
      line: first.n.location.line ?? first.unit.line,
      sentence: first.n.sentence,
      ids: tokens.map((t) => t.n.id),
    });
  }

  paragraph(unit: TextUnit, tokens: Token[]): void {
    const scores = tokens.filter((t) => t.n.unit === '分');
    const grade =
      /(评价结果|评价等次|等次|等级|评价结论)(为|是|：|:)?[“"「]?(优秀|良好|优|良|中|差|合格|不合格)[”"」]?/.exec(
        unit.text,
      );
    const paren = /[（(]分值(\d+(?:\.\d+)?)分?[，,]\s*自评得分(\d+(?:\.\d+)?)分?[）)]/.exec(unit.text);
    let points: Token | null = null;
    let score: Token | null = null;
    if (paren) {
      points = scores.find((t) => t.start > paren.index && /分值$/.test(t.rawLabel.trim())) ?? null;
      score = tokens.find((t) => t.start > paren.index && /自评得分$/.test(t.rawLabel.trim())) ?? null;
      if (score && score.n.unit !== '分') score.n.unit = '分';
    } else {
      points =
        scores.find((t) => t.paren && t.rawLabel.trim() === '' && unit.text[t.start - 1] === '（' && t.start < 60) ??
        null;
      score =
        scores.find(
          (t) => !t.paren && /得分(为|是)?$/.test(t.rawLabel.trim()) && !/自评得分|总|综合/.test(t.rawLabel),
        ) ?? null;
    }
    const isItem =
      points !== null &&
      unit.text.length < 400 &&
      (numbering(unit.text) !== null || /[（(]\d+(\.\d+)?分[）)]\s*[：:]/.test(unit.text) || paren !== null);
    if (isItem) {
      const name = unit.text
        .slice(0, Math.max(0, (points?.start ?? 1) - 1))
        .replace(/[（(]分值$/, '')
        .replace(/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*/, '')
        .replace(/[。.，,：:\s]+$/, '')
        .replace(/^[“"]|[”"]$/g, '')
        .trim();
      // The heading is the sentence of its figures ("（2）财务管理。（5分）" is one heading).
      if (unit.text.length <= 120) for (const t of [points, score]) if (t) t.n.sentence = unit.text;
      this.items.push({ unit, points, score, name });
      this.stmt('score', [points!, ...(score ? [score] : [])]);
      return;
    }
    // A stated total: "总绩效为98.5分" with its parts in the sentence, or "自评得分91分".
    const totalToken = scores.find((t) =>
      /(总绩效|总分|总得分|综合得分|自评得分|合计)(为|是)?$/.test(t.rawLabel.trim()),
    );
    if (totalToken) {
      const parts = scores.filter((t) => t !== totalToken && t.sentence === totalToken.sentence && !t.paren);
      this.totals.push({ total: totalToken, parts });
      if (parts.length >= 2) {
        this.out.checks.push({
          kind: 'sum',
          label: '绩效评价总分（各部分得分之和）',
          total: totalToken.n.id,
          parts: parts.map((p) => p.n.id),
        });
      }
      this.stmt('score', [totalToken, ...parts]);
    }
    if (grade) this.grades.push({ grade: grade[3]!, unit, total: totalToken ?? null });
  }

  /** Scoring tables and key–value tables ("绩效自评综合得分 | 97", "评价等次 | 优"). */
  table(
    table: TableBlock,
    cellTokens: (row: number, col: number) => Token[],
    unitOf: (row: number, col: number) => TextUnit,
  ): void {
    const pure = (r: number, c: number): Token | null => {
      const ts = cellTokens(r, c);
      const text = table.rows[r]!.cells[c]!.text.trim();
      return ts.length === 1 && text.replace(/\s/g, '') === text.slice(ts[0]!.start, ts[0]!.end).replace(/\s/g, '')
        ? ts[0]!
        : null;
    };
    // Key–value cells.
    for (const [r, row] of table.rows.entries()) {
      for (let c = 0; c + 1 < row.cells.length; c++) {
        const key = row.cells[c]!.text.replace(/\s/g, '');
        const v = pure(r, c + 1);
        if (v && key && key.length <= 20 && !pure(r, c)) {
          v.label = canonLabel(key);
          v.n.label = v.label;
          if (/综合得分|自评得分|总分/.test(key)) {
            v.n.unit = '分';
            this.kvTotals.push(v);
          }
        }
        const g = row.cells[c + 1]!.text.trim();
        if (/评价等次|等次|等级/.test(key) && /^(优秀|良好|优|良|中|差|合格|不合格)$/.test(g)) {
          this.grades.push({ grade: g, unit: unitOf(r, c + 1), total: null });
        }
      }
    }
    // Scoring table: a header row with 分值 and 得分.
    let header = -1;
    for (const [r, row] of table.rows.entries()) {
      const texts = row.cells.map((x) => x.text.replace(/\s/g, ''));
      const p = texts.findIndex((x) => x === '分值' || x === '标准分值');
      const s = texts.findIndex((x) => /^(自评)?得分$/.test(x));
      if (p >= 0 && s > p) {
        header = r;
        break;
      }
    }
    if (header < 0 && !this.scoring) return;
    // A table continued on the next page ("评分表（续）") goes on accumulating.
    this.scoring ??= { points: [], scores: [] };
    const acc = this.scoring;
    let total: { points: Token | null; score: Token | null } | null = null;
    for (let r = header + 1; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const first = row.cells.map((x) => x.text.replace(/\s/g, '')).find((x) => x !== '') ?? '';
      if (row.cells.some((x) => /^(分值|(自评)?得分)$/.test(x.text.replace(/\s/g, '')))) continue; // repeated header
      const nums = row.cells
        .map((_, c) => pure(r, c))
        .filter((t): t is Token => t !== null && (t.n.unit === '' || t.n.unit === '分'));
      if (!nums.length) continue;
      for (const t of nums) t.n.unit = '分';
      if (/^(总分|合计|总计)/.test(first)) {
        total =
          nums.length >= 2
            ? { points: nums[nums.length - 2]!, score: nums[nums.length - 1]! }
            : { points: null, score: nums[0]! };
        break;
      }
      if (nums.length >= 2) {
        const [p, s] = nums.slice(-2) as [Token, Token];
        acc.points.push(p);
        acc.scores.push(s);
        this.out.checks.push({
          kind: 'scoreCap',
          label: `${canonLabel(first).slice(0, 20) || '指标'}得分不超过分值`,
          score: s.n.id,
          points: p.n.id,
        });
        this.stmt('score', [p, s]);
      } else {
        acc.scores.push(nums[0]!);
        this.stmt('score', [nums[0]!]);
      }
    }
    if (!total) return;
    this.scoring = null;
    if (total.score && acc.scores.length >= 2) {
      this.out.checks.push({
        kind: 'sum',
        label: '评分表总分（各项得分之和）',
        total: total.score.n.id,
        parts: acc.scores.map((t) => t.n.id),
      });
      this.tableTotals.push(total.score);
      this.stmt('score', [total.score, ...acc.scores]);
    }
    if (total.points && acc.points.length >= 2) {
      this.out.checks.push({
        kind: 'sum',
        label: '评分表总分值（各项分值之和）',
        total: total.points.n.id,
        parts: acc.points.map((t) => t.n.id),
      });
    }
  }

  /** After every block: the tree of scored items, totals and grades. */
  finish(): void {
    const roots = this.tree();
    for (const r of roots) this.declare(r);
    const rootPoints = roots.map((r) => r.points?.n.value).filter((v): v is string => v !== undefined);
    const full =
      rootPoints.length === roots.length && roots.length >= 2 && rootPoints.reduce((a, v) => a + Number(v), 0) === 100;
    const standalone = this.totals.filter((t) => t.parts.length < 2);
    if (full && standalone.length) {
      const parts = roots.map((r) => r.effective).filter((x): x is string => !!x);
      if (parts.length === roots.length) {
        for (const t of standalone) {
          this.out.checks.push({ kind: 'sum', label: '自评总分（各项得分之和）', total: t.total.n.id, parts });
        }
      }
    }
    // The same total stated in a table and in the text.
    const totals = [...this.tableTotals, ...this.kvTotals, ...this.totals.map((t) => t.total)];
    for (const t of totals.slice(1)) {
      this.out.checks.push({ kind: 'equal', label: '自评总分（两处表述）', a: totals[0]!.n.id, b: t.n.id });
    }
    for (const g of this.grades) {
      const total = g.total ?? totals[0] ?? null;
      if (!total) continue;
      this.out.checks.push({
        kind: 'grade',
        label: '评价等级',
        total: total.n.id,
        grade: g.grade.slice(0, 1),
        bands: GRADE_BANDS,
      });
      this.stmt('grade', [total]);
    }
  }

  private tree(): Item[] {
    const roots: Item[] = [];
    const styles: string[] = [];
    const stack: Item[] = [];
    for (const it of this.items) {
      const nb = numbering(it.unit.text);
      const item: Item = {
        style: nb?.style ?? null,
        ordinal: nb?.ordinal ?? 0,
        level: 0,
        name: it.name,
        points: it.points,
        score: it.score,
        children: [],
        unit: it.unit,
      };
      if (!nb) {
        const parent = stack[stack.length - 1];
        (parent ? parent.children : roots).push(item);
        continue;
      }
      if (!styles.includes(nb.style)) styles.push(nb.style);
      let level = styles.indexOf(nb.style);
      if (nb.ordinal > 1) {
        const probe = stack.filter((s) => s.level < level);
        const parent = probe[probe.length - 1];
        const siblings = (parent ? parent.children : roots).filter((c) => c.style === nb.style);
        if (!siblings.some((c) => c.ordinal === nb.ordinal - 1)) {
          const prev = [...stack].reverse().find((s) => s.ordinal === nb.ordinal - 1);
          if (prev && prev.level !== level) {
            this.out.numbering.push({
              unit: it.unit,
              text: it.unit.text.slice(0, 6),
              message: `编号“${it.unit.text.slice(0, 3).trim()}”与同级的“${prev.unit.text.slice(0, 2)}”层级不一致，按分值取为同级第${nb.ordinal}项`,
            });
            level = prev.level;
          }
        }
      }
      item.level = level;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      const parent = stack[stack.length - 1];
      (parent ? parent.children : roots).push(item);
      stack.push(item);
    }
    return roots;
  }

  /** Declares the checks of an item and returns the id of its effective score. */
  private declare(item: Item): string | null {
    const kids = item.children.map((c) => ({ c, id: this.declare(c) }));
    if (item.points && item.score && !kids.length) {
      this.out.checks.push({
        kind: 'scoreCap',
        label: `${item.name.slice(0, 24)}得分不超过分值`,
        score: item.score.n.id,
        points: item.points.n.id,
      });
    }
    if (!kids.length) {
      item.effective = item.score?.n.id ?? null;
      return item.effective;
    }
    const label = item.name.slice(0, 24) || '评分项';
    const kidScores = kids.map((k) => k.id);
    if (item.points && kids.every((k) => k.c.points)) {
      this.out.checks.push({
        kind: 'sum',
        label: `${label}的分值（各项分值之和）`,
        total: item.points.n.id,
        parts: kids.map((k) => k.c.points!.n.id),
      });
    }
    if (kidScores.every((x): x is string => x !== null)) {
      if (item.score) {
        this.out.checks.push({
          kind: 'sum',
          label: `${label}的得分（各项得分之和）`,
          total: item.score.n.id,
          parts: kidScores,
        });
        item.effective = item.score.n.id;
      } else {
        const id = nextId('d');
        this.out.derived.push({
          id,
          label: `${label}各项得分之和`,
          unit: '分',
          expr: ex.add(...kidScores.map((x) => ex.ref(x))),
        });
        item.effective = id;
        if (item.points) {
          this.out.checks.push({
            kind: 'scoreCap',
            label: `${label}的各项得分之和不超过分值`,
            score: id,
            points: item.points.n.id,
          });
        }
      }
      return item.effective;
    }
    item.effective = item.score?.n.id ?? null;
    return item.effective;
  }
}
