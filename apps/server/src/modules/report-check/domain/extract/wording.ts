/**
 * Findings about words, each a named rule that fires on any report with the same pattern:
 *  - 完成词与执行率: "全部完成支付" (全额支付, 100%完成 …) beside a budget and an actual amount whose
 *    ratio is below 100 %;
 *  - “分别”的对象与数值: N subjects before "分别" and M ≠ N bare values after it;
 *  - 科目名称已更名: a subject (类/款/项) named as in an earlier year's classification, not the
 *    report year's;
 *  - 称未开展却附有报告: "未开展…项目支出绩效评价" while the document carries such reports;
 *  - 为零的类别被描述为已管理: 项目/专项资金 stated as 0 everywhere, then described as managed or
 *    evaluated (专款专用, 现场评价 …);
 *  - 标题年度与正文年度: "完成2021年度…公示。2020年度…需进行公示的…" (the next sentence details the
 *    same activity for another year);
 *  - 满意度指标无满意度值: a table row under "满意度指标" whose other cells state no satisfaction.
 * The rules on scored items are in ./scoring-rules.ts. All findings are warnings. Pure.
 */
import type { ReportFinding } from '../findings.js';
import { dimOf, isComparison } from './prose.js';
import { scoringFindings } from './scoring-rules.js';
import type { TextUnit, Token } from './scan.js';
import {
  excerptOf,
  fmt,
  linesText,
  sentencesOf,
  spanAt,
  wordFinding,
  WordingContext,
  type WordingInput,
} from './wording-base.js';

export function wordingFindings(input: WordingInput): ReportFinding[] {
  const ctx = new WordingContext(input);
  return [
    ...completionWords(ctx),
    ...respectively(ctx),
    ...renamedSubjects(ctx),
    ...notCarriedOut(ctx),
    ...zeroThenDescribed(ctx),
    ...activityYear(ctx),
    ...satisfactionRows(ctx),
    ...scoringFindings(ctx),
  ];
}

const WAN: Record<string, number> = { 元: 1e-4, 万元: 1, 亿元: 1e4 };
const inWan = (t: Token) => Number(t.n.value) * (WAN[t.n.unit] ?? 1);
const halfWan = (t: Token) => 0.5 * 10 ** -t.n.decimals * (WAN[t.n.unit] ?? 1);

// ── 完成词与执行率 ──

const COMPLETE =
  /全部完成(?:支付|拨付|执行)?|全额(?:支付|拨付|完成|执行)|100%完成|已全部(?:支付|拨付|执行|完成)|全部(?:支付|拨付|执行)完毕/g;
const BUDGET_LABEL = /(预算|应拨付|下达|控制数|批复|计划)/;
const ACTUAL_LABEL = /(实际|决算|执行数|支出|支付|拨付)/;

function completionWords(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const u of ctx.input.units) {
    const ts = ctx.input.tokens.get(u) ?? [];
    for (const s of sentencesOf(u.text)) {
      for (const m of s.text.matchAll(COMPLETE)) {
        const pos = s.start + m.index;
        const inSentence = ts.filter((t) => t.start >= s.start && t.start < s.end);
        if (inSentence.some((t) => dimOf(t) === 'percent')) continue;
        const before = inSentence.filter((t) => t.start < pos && dimOf(t) === 'money' && !t.paren);
        const budget = [...before].reverse().find((t) => BUDGET_LABEL.test(t.label) && !/决算/.test(t.label));
        const actual = [...before]
          .reverse()
          .find((t) => t !== budget && ACTUAL_LABEL.test(t.label) && !BUDGET_LABEL.test(t.label) && !isComparison(t));
        if (!budget || !actual) continue;
        // A stated budget that its own parts contradict (元 written as 万元) is replaced by their sum.
        let b = inWan(budget);
        let hb = halfWan(budget);
        let note = '';
        const sum = ctx.input.checks.find((c) => c.kind === 'sum' && c.total === budget.n.id);
        if (sum && sum.kind === 'sum') {
          const parts = sum.parts.map((id) => ctx.token(id)).filter((t): t is Token => t !== undefined);
          const total = parts.reduce((a, t) => a + inWan(t), 0);
          if (
            parts.length === sum.parts.length &&
            Math.abs(total - b) > hb + parts.reduce((a, t) => a + halfWan(t), 0)
          ) {
            note = `（所述${budget.n.text}${budget.n.unit}与其组成之和不符，按 ${parts.map((t) => t.n.text).join(' + ')} = ${fmt(total, 6)}万元计）`;
            b = total;
            hb = parts.reduce((a, t) => a + halfWan(t), 0);
          }
        }
        const a = inWan(actual);
        if (b <= 0 || a >= b) continue;
        if (((a + halfWan(actual)) / (b - hb)) * 100 >= 100) continue;
        const rate = (a / b) * 100;
        out.push(
          wordFinding({
            label: '完成词与执行率不符',
            at: spanAt(u, pos, pos + m[0].length, '完成情况'),
            message: `“${excerptOf(s.text)}”称“${m[0]}”，但${actual.label || '实际支出'}${actual.n.text}${actual.n.unit}只是${budget.label || '预算'}的${fmt(rate)}%${note}`,
            stated: m[0],
            recomputed: `${fmt(rate)}%`,
            how: `${actual.n.text} ÷ ${fmt(b, 6)} × 100 = ${fmt(rate)}%${note}`,
          }),
        );
      }
    }
  }
  return out;
}

// ── “分别”的对象与数值 ──

const VALUE =
  '(?:负|-)?\\d+(?:\\.\\d+)?(?:\\s*(?:%|万元|亿元|元|人次|人|名|个|项|分|家|份|次)|(?![\\d.\\u4e00-\\u9fa5]))';
const VALUE_RUN = new RegExp(`^\\s*${VALUE}(?:\\s*[，,、；;]\\s*(?:和|及|与)?\\s*${VALUE})*`);
const RESPECTIVELY =
  /分别(?:比上年|较上年|同比)?(?:为|是|增长|下降|增加|减少|上升|降低|提高|达到|达|占)?(?:了)?[：:]?/g;

function respectively(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const u of ctx.input.units) {
    const ts = ctx.input.tokens.get(u) ?? [];
    for (const m of u.text.matchAll(RESPECTIVELY)) {
      const after = m.index + m[0].length;
      const run = VALUE_RUN.exec(u.text.slice(after));
      if (!run) continue;
      const values = run[0].match(new RegExp(VALUE, 'g')) ?? [];
      if (values.length < 2) continue;
      const head = u.text.slice(0, m.index);
      let from =
        Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'), head.lastIndexOf('\n')) + 1;
      const of = head.lastIndexOf('其中');
      if (of >= from) from = of + 2;
      const subjects = ts.filter((t) => t.start >= from && t.start < m.index && !t.paren);
      let n = subjects.length;
      let names = subjects.map((t) => `${t.label}${t.n.text}${t.unitText}`);
      if (n < 2) {
        const clause = head.slice(Math.max(from, head.search(/[，,；;：:](?=[^，,；;：:]*$)/) + 1));
        const words = clause.split(/[、和与及]/).map((x) => x.trim());
        if (words.length < 2 || words.some((x) => x.length < 2)) continue;
        n = words.length;
        names = words;
      }
      if (n === values.length) continue;
      const end = after + run[0].length;
      out.push(
        wordFinding({
          label: '“分别”的对象与数值个数不符',
          at: spanAt(u, m.index, end, '分别'),
          message: `“${excerptOf(u.text.slice(from, end).replace(/^[，,\s]+/, ''))}”：“分别”前列出${n}项，其后却有${values.length}个数值，无法一一对应`,
          stated: `${values.length}个数值（${run[0].trim()}）`,
          recomputed: `${n}个对象`,
          how: `对象：${names.join('、')}；数值：${values.map((v) => v.trim()).join('、')}`,
        }),
      );
    }
  }
  return out;
}

// ── 科目名称已更名 ──

function renamedSubjects(ctx: WordingContext): ReportFinding[] {
  const year = ctx.input.meta.year;
  const cls = ctx.input.classification;
  if (year === null || !cls) return [];
  const now = cls.year(year);
  const currentNames = new Set([...now.function.values(), ...now.economic.values()].map((e) => e.name));
  const old = new Map<string, { code: string; name: string; last: number; current: string | null }>();
  for (let y = year - 1; y >= year - 20; y--) {
    const c = cls.year(y);
    for (const [kind, map] of [
      ['function', c.function],
      ['economic', c.economic],
    ] as const) {
      for (const e of map.values()) {
        if (currentNames.has(e.name) || old.has(e.name)) continue;
        const current = (kind === 'function' ? now.function : now.economic).get(e.code)?.name ?? null;
        if (current === e.name) continue;
        old.set(e.name, { code: e.code, name: e.name, last: y, current });
      }
    }
  }
  const out: ReportFinding[] = [];
  const stem = (name: string) => (name.endsWith('支出') && name.length > 5 ? name.slice(0, -2) : name);
  const SUBJECT_AFTER = /^(支出)?\s*[（(](类|款|项)[）)]|^支出/;
  const asSubject = (name: string) =>
    ctx.input.units.flatMap((u) => {
      const hits: { unit: TextUnit; at: number }[] = [];
      for (let i = u.text.indexOf(name); i >= 0; i = u.text.indexOf(name, i + 1)) {
        if (SUBJECT_AFTER.test(u.text.slice(i + name.length))) hits.push({ unit: u, at: i });
      }
      return hits;
    });
  for (const o of old.values()) {
    const s = stem(o.name);
    // Not part of a name that is current (a current name may contain an old stem).
    const hits = asSubject(s).filter(
      ({ unit, at }) =>
        ![...currentNames].some(
          (c) => c !== o.name && c.includes(s) && unit.text.slice(Math.max(0, at - 8), at + c.length + 8).includes(c),
        ),
    );
    const first = hits[0];
    if (!first) continue;
    const { unit: u, at: i } = first;
    const written = u.text.slice(
      i,
      i + s.length + (/^(支出)?[（(](类|款|项)[）)]/.exec(u.text.slice(i + s.length))?.[0].length ?? 0),
    );
    const cur = o.current ? stem(o.current) : null;
    const elsewhere = cur ? asSubject(cur).map((h) => h.unit.line) : [];
    const more = hits.slice(1).map((h) => h.unit.line);
    out.push(
      wordFinding({
        label: '科目名称已更名',
        at: spanAt(u, i, i + written.length, '科目名称'),
        message: `“${excerptOf(u.text.slice(Math.max(0, i - 10)))}”使用了${o.last}年及以前的科目名称“${o.name}”，${year}年科目${o.code}${o.current ? `名为“${o.current}”` : '已不再使用'}${elsewhere.length ? `（本报告${linesText(elsewhere)}即写作“${cur}”）` : ''}${more.length ? `；旧名另见${linesText(more)}` : ''}`,
        stated: written,
        recomputed: o.current ?? '（已取消）',
        how: `政府收支分类科目${o.code}：“${o.name}”适用至${o.last}年；${year}年${o.current ? `为“${o.current}”` : '无此科目'}`,
      }),
    );
  }
  return out;
}

// ── 称未开展却附有报告 ──

const NOT_DONE = /(未|没有|尚未)(?:组织)?(?:开展|进行|实施)(?:了)?([^。，；,;]{0,20}?)(绩效自评|绩效评价|自评)/g;

interface Heading {
  line: number;
  text: string;
}

/** Short paragraphs titled "…支出绩效自评报告" (a title broken over two lines is joined). */
function reportHeadings(ctx: WordingContext): Heading[] {
  const paras = ctx.paragraphs();
  const out: Heading[] = [];
  for (const [k, u] of paras.entries()) {
    const t = u.text.replace(/\s+/g, '');
    if (t.length >= 40 || !/绩效(自评|评价)报告$/.test(t)) continue;
    const prev = paras[k - 1];
    const pt = prev?.text.replace(/\s+/g, '') ?? '';
    if (prev && /^支出/.test(t) && pt.length < 30 && /项目$/.test(pt)) out.push({ line: prev.line, text: pt + t });
    else out.push({ line: u.line, text: t });
  }
  return out;
}

function notCarriedOut(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  let headings: Heading[] | null = null;
  for (const u of ctx.paragraphs()) {
    for (const m of u.text.matchAll(NOT_DONE)) {
      const what = m[2]!;
      const kind = /项目/.test(what) ? 'project' : /(部门整体|整体支出)/.test(what) ? 'overall' : null;
      if (!kind) continue;
      headings ??= reportHeadings(ctx);
      const found = headings.filter((h) =>
        kind === 'project'
          ? /项目/.test(h.text) && !/(部门整体|整体支出)/.test(h.text)
          : /(部门整体|整体支出)/.test(h.text),
      );
      if (!found.length) continue;
      const name = kind === 'project' ? '项目支出绩效自评（评价）报告' : '部门整体支出绩效自评（评价）报告';
      out.push(
        wordFinding({
          label: '称未开展却附有报告',
          at: spanAt(u, m.index, m.index + m[0].length, '评价情况'),
          message: `“${excerptOf(sentencesOf(u.text).find((s) => s.start <= m.index && s.end > m.index)?.text ?? m[0])}”，但本文载有${found.length}份${name}（${linesText(found.map((h) => h.line))}）`,
          stated: m[0],
          recomputed: `载有${found.length}份${name}`,
          how: found.map((h) => `第${h.line}行“${h.text}”`).join('；'),
        }),
      );
    }
  }
  return out;
}

// ── 为零的类别被描述为已管理 ──

const ZERO_CATEGORIES = [
  {
    name: '项目（专项）资金',
    figure: /(项目|专项)(支出|资金|经费)/,
    described: /(项目|专项)(资金|经费)/,
  },
];
const MANAGED = /(专款专用|现场评价|进行了[^。，；]{0,8}评价|单独核算|授权支付|计划申请)/;

function zeroThenDescribed(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const cat of ZERO_CATEGORIES) {
    const figures = ctx.all.filter((t) => dimOf(t) === 'money' && !isComparison(t) && cat.figure.test(t.label));
    const zeros = figures.filter((t) => Number(t.n.value) === 0);
    if (!zeros.length || zeros.length !== figures.length) continue;
    const described: { unit: TextUnit; start: number; end: number; text: string }[] = [];
    for (const u of ctx.paragraphs()) {
      const ts = ctx.input.tokens.get(u) ?? [];
      for (const s of sentencesOf(u.text)) {
        if (ts.some((t) => t.start >= s.start && t.start < s.end && dimOf(t) === 'money')) continue;
        const m = MANAGED.exec(s.text);
        if (!m || !cat.described.test(s.text)) continue;
        if (/(未|无|没有|不存在)$/.test(s.text.slice(Math.max(0, m.index - 4), m.index))) continue;
        described.push({ unit: u, start: s.start + m.index, end: s.start + m.index + m[0].length, text: s.text });
      }
    }
    const first = described[0];
    if (!first) continue;
    const zeroLines = zeros.map((t) => t.n.location.line ?? t.unit.line);
    const more = described.slice(1).map((d) => d.unit.line);
    out.push(
      wordFinding({
        label: '为零的类别被描述为已管理',
        at: spanAt(first.unit, first.start, first.end, cat.name),
        message: `“${excerptOf(first.text)}”描述了${cat.name}的管理与评价，但报告所列${cat.name}均为0（${linesText(zeroLines)}）${more.length ? `；另见${linesText(more)}` : ''}`,
        stated: first.unit.text.slice(first.start, first.end),
        recomputed: `${zeros[0]!.label}0${zeros[0]!.n.unit}`,
        how: zeros.map((t) => `${t.label}${t.n.text}${t.n.unit}（第${t.n.location.line ?? t.unit.line}行）`).join('；'),
      }),
    );
  }
  return out;
}

// ── 标题年度与正文年度 ──

const ACTIVITY = '(公示|年报|年度报告|绩效评价|绩效自评|统计|年检|考核|审计|核查|评估)';

function activityYear(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const u of ctx.paragraphs()) {
    const ss = sentencesOf(u.text);
    for (let k = 0; k + 1 < ss.length; k++) {
      const s1 = ss[k]!;
      const s2 = ss[k + 1]!;
      const m1 = [...s1.text.matchAll(new RegExp(`((?:19|20)\\d\\d)年度?[^。，；]{0,20}${ACTIVITY}`, 'g'))].pop();
      const m2 = /^\s*((?:19|20)\d\d)年度?/.exec(s2.text);
      if (!m1 || !m2 || m1[1] === m2[1]) continue;
      // The same activity: a word of it (公示, 评价 …) recurs in the next sentence.
      const word = [...m1[0].matchAll(new RegExp(ACTIVITY, 'g'))]
        .map((x) => x[1]!)
        .find((w) => s2.text.includes(w.slice(-2)));
      if (!word) continue;
      if (/〔|\[/.test(s1.text.slice(Math.max(0, m1.index - 1), m1.index))) continue;
      const start = s1.start + m1.index;
      out.push(
        wordFinding({
          label: '标题年度与正文年度不符',
          at: spanAt(u, start, start + m1[1]!.length + 1, '年度'),
          message: `“${excerptOf(s1.text)}”称${m1[1]}年度的${word}，紧接的说明“${excerptOf(s2.text, 30)}”却是${m2[1]}年度的`,
          stated: `${m1[1]}年度`,
          recomputed: `${m2[1]}年度`,
          how: `第${u.line}行：前句为${m1[1]}年度${word}，后句为${m2[1]}年度`,
        }),
      );
    }
  }
  return out;
}

// ── 满意度指标无满意度值 ──

function satisfactionRows(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const [bi, b] of ctx.input.blocks.entries()) {
    if (b.kind !== 'table') continue;
    for (const [ri, row] of b.rows.entries()) {
      const texts = row.cells.map((c) => c.text.replace(/\s+/g, ''));
      const labels = texts.map((t, i) => (/^(满意度指标|满意度)$/.test(t) ? i : -1)).filter((i) => i >= 0);
      if (!labels.length) continue;
      const others = texts.map((t, i) => ({ t, i })).filter((x) => !labels.includes(x.i) && x.t !== '');
      const values = others.filter((x) => x.i > Math.max(...labels));
      if (!values.length || others.some((x) => /满意|%/.test(x.t))) continue;
      const first = ctx.index.cell(bi, ri, values[0]!.i);
      if (!first) continue;
      out.push(
        wordFinding({
          label: '满意度指标无满意度值',
          at: spanAt(first, 0, first.text.length, '满意度指标'),
          message: `列在“满意度指标”下的“${excerptOf(values.map((x) => x.t).join(' | '), 50)}”没有满意度的指标值与完成值`,
          stated: excerptOf(values[0]!.t, 30),
          recomputed: '无满意度（%或满意程度）',
          how: `该行各栏：${values.map((x) => `“${excerptOf(x.t, 20)}”`).join('、')}，均未给出满意度`,
        }),
      );
    }
  }
  return out;
}
