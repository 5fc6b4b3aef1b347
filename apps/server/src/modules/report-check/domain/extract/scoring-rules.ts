/**
 * Rules on scored items (rows of a scoring table, paragraphs "名称（5分）：…得分4分"):
 *  - 指标名与评分标准不符: the indicator is named "X率" and its standard measures another "Y率";
 *  - 评分标准套用所述数字: simple standards parsed from the text and applied to the figures the
 *    document states —
 *      · "Y率≤T%，计P分；每超过一个百分点扣D分" (and "≥T%…每减少一个百分点扣D分"), the rate
 *        stated, or for 在职人员控制率 computed as 实有人数 ÷ 编制数;
 *      · "无X，P分；有X，但不超过Y，Q分；X超过Y，不得分" with X and Y found as stated figures
 *        (column headers of the tables, labels of the text);
 *    an error when no reading of the stated figures gives the score, a warning when the
 *    document's figures disagree and only some readings give it;
 *  - 不适用却给部分得分: "无此考核指标" (不适用, 不涉及) with 0 < score < points;
 *  - 比率的两项均为零: an item "X变动率" whose text says there is no X (0 ÷ 0);
 *  - 指标名缺字: the name's subject is a word of its own text with one character missing. Pure.
 */
import type { ReportFinding } from '../findings.js';
import type { ScoredItem } from './items.js';
import { dimOf, isComparison } from './prose.js';
import type { TextUnit } from './scan.js';
import { excerptOf, fmt, spanAt, wordFinding, type WordingContext } from './wording-base.js';

export function scoringFindings(ctx: WordingContext): ReportFinding[] {
  const out: ReportFinding[] = [];
  const standards = new Set(ctx.items.map((i) => i.standard).filter((u): u is TextUnit => u !== null));
  for (const item of ctx.items) {
    out.push(
      ...nameVsStandard(item),
      ...standardApplied(ctx, item, standards),
      ...notApplicable(item),
      ...zeroOverZero(item),
      ...missingCharacter(item),
    );
  }
  return out;
}

const unquote = (s: string) => s.replace(/[“”"‘’「」\s]/g, '');
const RATE_IN_STANDARD =
  /([\u4e00-\u9fa5“”"]{2,16}?率)\s*(?:≦|≤|<=|<|≧|≥|>=|>|=|＝|达到|达|等于|不超过|不低于|低于|高于)/;

// ── 指标名与评分标准不符 ──

function nameVsStandard(item: ScoredItem): ReportFinding[] {
  if (!item.standard || !item.name.endsWith('率')) return [];
  const m = RATE_IN_STANDARD.exec(item.standard.text);
  if (!m) return [];
  const measured = unquote(m[1]!);
  const name = unquote(item.name);
  if (measured.endsWith(name) || name.endsWith(measured)) return [];
  return [
    wordFinding({
      label: '指标名与评分标准不符',
      at: spanAt(item.nameUnit, item.nameStart, item.nameEnd, '指标名称'),
      message: `指标名为“${name}”，其评分标准“${excerptOf(item.standard.text, 40)}”计量的却是“${measured}”，两者口径不同`,
      stated: name,
      recomputed: measured,
      how: `评分标准（第${item.standard.line}行）以“${measured}”计分`,
    }),
  ];
}

// ── 评分标准套用所述数字 ──

interface Reading {
  /** Scores the standard gives for this reading (several when rounding of the excess matters). */
  scores: number[];
  how: string;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const RATE_NAME = '([\\u4e00-\\u9fa5“”"]{2,16}?率)';
const OVER = new RegExp(
  `${RATE_NAME}\\s*(?:≦|≤|<=|不超过|不高于|小于等于)\\s*${NUM}%[^；;。\\n]{0,6}?(?:计|得)?${NUM}分[^每]{0,12}每超过(?:一个|1个)百分点[，,]?(?:扣|减)${NUM}分`,
);
const UNDER = new RegExp(
  `${RATE_NAME}\\s*(?:≧|≥|>=|不低于|达到|达|等于|=)\\s*${NUM}%[^；;。\\n]{0,8}?(?:计|得)?${NUM}分[^每]{0,12}每(?:减少|低于|降低)(?:一个|1个)百分点[，,]?(?:扣|减)${NUM}分`,
);

function standardApplied(ctx: WordingContext, item: ScoredItem, standards: Set<TextUnit>): ReportFinding[] {
  if (!item.standard || item.score === null) return [];
  const text = item.standard.text.replace(/\n/g, '');
  const readings = thresholdReadings(ctx, text, standards) ?? conditionReadings(ctx, text, standards);
  if (!readings?.length) return [];
  const stated = item.score;
  const agree = readings.filter((r) => r.scores.some((s) => Math.abs(s - stated) < 0.005));
  if (agree.length === readings.length) return [];
  const other = readings.find((r) => !agree.includes(r))!;
  const severity = agree.length === 0 ? 'error' : 'warning';
  const std = item.standard;
  const at = spanAt(std, 0, std.text.length, '评分标准');
  at.sentence = excerptOf(std.text, 120);
  return [
    wordFinding({
      severity,
      label: '评分标准套用所述数字',
      at,
      message:
        severity === 'error'
          ? `“${item.name}”按其评分标准“${excerptOf(text, 40)}”与报告所述数字应得${fmt(other.scores[0]!)}分，自评得分为${fmt(stated)}分`
          : `“${item.name}”按其评分标准与报告所述数字可得${readings.map((r) => `${fmt(r.scores[0]!)}分`).join('或')}（所述数字不一致），自评得分${fmt(stated)}分`,
      stated: fmt(stated),
      recomputed: fmt(other.scores[0]!),
      how: readings.map((r) => `${r.how} → ${fmt(r.scores[0]!)}分`).join('；'),
    }),
  ];
}

/** "Y率≤T%，计P分；每超过一个百分点扣D分" applied to the rate's stated or computed values. */
function thresholdReadings(ctx: WordingContext, text: string, standards: Set<TextUnit>): Reading[] | null {
  const over = OVER.exec(text);
  const under = over ? null : UNDER.exec(text);
  const m = over ?? under;
  if (!m) return null;
  const rate = unquote(m[1]!);
  const t = Number(m[2]);
  const full = Number(m[3]);
  const d = Number(m[4]);
  const values = rateValues(ctx, rate, standards);
  return values.map((v) => {
    const miss = over ? v.value - t : t - v.value;
    if (miss <= 0) return { scores: [full], how: `${v.how}，${over ? '未超过' : '不低于'}${fmt(t)}%` };
    const scores = [miss, Math.floor(miss), Math.ceil(miss)].map((x) => Math.max(0, Number((full - x * d).toFixed(2))));
    return {
      scores,
      how: `${v.how}，${over ? '超过' : '低于'}${fmt(t)}%共${fmt(miss)}个百分点，扣 ${fmt(miss)} × ${fmt(d)} = ${fmt(miss * d)}分${miss * d >= full ? `（≥ ${fmt(full)}分，扣完为止）` : ''}`,
    };
  });
}

const STAFF_RATE = /(在职人员|在编人员|实有人员|人员|编制)(控制|使用)率$/;
const ACTUAL_STAFF = /(实有人数|在编在职人数|在职人数|实有人员|在职人员)$/;
const QUOTA = /^(人员编制|编制数|核定编制|核定编制数|编制总数|总编制)$/;

/** Values of a rate: stated in the text, or for staff control computed from the staff figures. */
function rateValues(ctx: WordingContext, rate: string, standards: Set<TextUnit>): { value: number; how: string }[] {
  const stated = ctx.all.filter(
    (t) => dimOf(t) === 'percent' && !standards.has(t.unit) && t.label.length >= 3 && unquote(t.label).endsWith(rate),
  );
  if (stated.length) {
    const seen = new Set<string>();
    return stated
      .filter((t) => !seen.has(t.n.value) && seen.add(t.n.value))
      .map((t) => ({ value: Number(t.n.value), how: `${rate}${t.n.text}%（第${t.n.location.line}行）` }));
  }
  if (!STAFF_RATE.test(rate)) return [];
  const persons = ctx.all.filter(
    (t) => !t.paren && !isComparison(t) && !standards.has(t.unit) && (dimOf(t) === 'count' || dimOf(t) === 'none'),
  );
  const actual = persons.filter((t) => ACTUAL_STAFF.test(t.label) && Number(t.n.value) > 0);
  const quota: { value: number; how: string }[] = persons
    .filter((t) => QUOTA.test(t.label) && Number(t.n.value) > 0)
    .map((t) => ({ value: Number(t.n.value), how: `编制${t.n.text}名（第${t.n.location.line}行）` }));
  const bySentence = new Map<string, typeof persons>();
  for (const t of persons) {
    if (!/(行政编制|事业编制|工勤编制)$/.test(t.label)) continue;
    const key = `${t.unit.block}:${t.unit.row ?? ''}:${t.unit.col ?? ''}:${t.sentence}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), t]);
  }
  for (const g of bySentence.values()) {
    if (g.length < 2) continue;
    const sum = g.reduce((a, t) => a + Number(t.n.value), 0);
    quota.push({
      value: sum,
      how: `编制 ${g.map((t) => t.n.text).join(' + ')} = ${sum}名（第${g[0]!.n.location.line}行）`,
    });
  }
  const out: { value: number; how: string }[] = [];
  const seen = new Set<string>();
  for (const a of actual) {
    for (const q of quota) {
      const key = `${a.n.value}/${q.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const v = (Number(a.n.value) / q.value) * 100;
      out.push({ value: v, how: `实有${a.n.text}人（第${a.n.location.line}行）÷ ${q.how} = ${fmt(v)}%` });
    }
  }
  return out;
}

type Condition =
  | { kind: 'none'; x: string }
  | { kind: 'some'; x: string }
  | { kind: 'le'; x: string; y: string; positive: boolean }
  | { kind: 'gt'; x: string; y: string };

function parseCondition(s: string): Condition | null {
  let m = /^有(.{1,8}?)[，,]?\s*但?(?:不超过|不高于|未超过|小于等于)(.{1,8})$/.exec(s);
  if (m) return { kind: 'le', x: m[1]!, y: m[2]!, positive: true };
  m = /^无(.{1,8})$/.exec(s);
  if (m) return { kind: 'none', x: m[1]! };
  m = /^(.{1,8}?)(?:不超过|不高于|未超过|小于等于)(.{1,8})$/.exec(s);
  if (m) return { kind: 'le', x: m[1]!, y: m[2]!, positive: false };
  m = /^(.{1,8}?)(?:超过|高于|大于)(.{1,8})$/.exec(s);
  if (m) return { kind: 'gt', x: m[1]!, y: m[2]! };
  m = /^有(.{1,8})$/.exec(s);
  if (m) return { kind: 'some', x: m[1]! };
  return null;
}

/** "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分" over the stated figures. */
function conditionReadings(ctx: WordingContext, text: string, standards: Set<TextUnit>): Reading[] | null {
  const clauses: { cond: Condition; score: number; text: string }[] = [];
  for (const raw of text.split(/[；;。]/)) {
    const c = raw.trim();
    if (!c) continue;
    const m = /^(.+?)[，,]\s*(?:计|得)?\s*(?:(\d+(?:\.\d+)?)分|(不得分))$/.exec(c);
    const cond = m ? parseCondition(m[1]!.trim()) : null;
    if (!m || !cond) return null;
    clauses.push({ cond, score: m[3] ? 0 : Number(m[2]), text: c });
  }
  if (clauses.length < 2) return null;
  const names = new Set(clauses.flatMap((c) => ('y' in c.cond ? [c.cond.x, c.cond.y] : [c.cond.x])));
  const values = new Map<string, { value: number; how: string }[]>();
  for (const n of names) {
    const v = quantityValues(ctx, n, standards);
    if (!v.length) return null;
    values.set(n, v);
  }
  const combos: Map<string, { value: number; how: string }>[] = [new Map()];
  for (const [n, vs] of values) {
    const next: typeof combos = [];
    for (const c of combos) for (const v of vs) next.push(new Map([...c, [n, v]]));
    combos.splice(0, combos.length, ...next);
  }
  const out: Reading[] = [];
  for (const c of combos) {
    const val = (n: string) => c.get(n)!.value;
    const hit = clauses.find(({ cond }) => {
      switch (cond.kind) {
        case 'none':
          return val(cond.x) === 0;
        case 'some':
          return val(cond.x) > 0;
        case 'le':
          return (!cond.positive || val(cond.x) > 0) && val(cond.x) <= val(cond.y);
        case 'gt':
          return val(cond.x) > val(cond.y);
      }
    });
    if (!hit) continue;
    out.push({ scores: [hit.score], how: `${[...c.values()].map((v) => v.how).join('，')} → “${hit.text}”` });
  }
  return out;
}

/** A quantity named in a standard ("结余", "上年结转"): table columns with that header, labelled figures. */
function quantityValues(ctx: WordingContext, name: string, standards: Set<TextUnit>): { value: number; how: string }[] {
  const out: { value: number; how: string }[] = [];
  const seen = new Set<string>();
  for (const c of ctx.columns) {
    if (standards.has(c.unit) || !(c.header === name || c.header.endsWith(name))) continue;
    const key = `${c.header}|${c.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value: c.value, how: `${c.header}${c.text}（第${c.line}行）` });
  }
  for (const t of ctx.all) {
    if (t.unit.kind === 'table' || dimOf(t) !== 'money' || t.paren || isComparison(t)) continue;
    if (!(t.label === name || t.label.endsWith(name))) continue;
    const key = `${t.label}|${Number(t.n.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value: Number(t.n.value), how: `${t.label}${t.n.text}${t.n.unit}（第${t.n.location.line}行）` });
  }
  return out;
}

// ── 不适用却给部分得分 ──

const NOT_APPLICABLE = /无此(?:考核)?(?:指标|目标|项目|项)|不适用|不涉及|未设置(?:该|此)指标/;

function notApplicable(item: ScoredItem): ReportFinding[] {
  if (item.score === null || item.score <= 0) return [];
  if (item.points !== null && item.score >= item.points) return [];
  for (const n of item.notes) {
    const m = NOT_APPLICABLE.exec(n.text);
    if (!m) continue;
    const start = n.start + m.index;
    const points = item.points !== null ? `（分值${fmt(item.points)}分）` : '（分值未单列）';
    return [
      wordFinding({
        label: '不适用却给部分得分',
        at: spanAt(n.unit, start, start + m[0].length, '说明'),
        message: `“${item.name}”说明为“${m[0]}”，却给出得分${fmt(item.score)}分${points}；不适用的指标没有评分依据`,
        stated: `${fmt(item.score)}分${points}`,
        recomputed: '不适用，无评分依据',
        how: `“${m[0]}”与得分${fmt(item.score)}分${item.points !== null ? ` < 分值${fmt(item.points)}分` : ''}同时出现；评分标准未规定不适用指标如何计分`,
      }),
    ];
  }
  return [];
}

// ── 比率的两项均为零 ──

const CHANGE_RATE = /(变动率|增长率|增减率|变化率|下降率)$/;

function zeroOverZero(item: ScoredItem): ReportFinding[] {
  const rm = CHANGE_RATE.exec(item.name);
  if (!rm) return [];
  const base = item.name.slice(0, rm.index);
  for (const n of item.notes) {
    const m = /(?:无|没有)([\u4e00-\u9fa5]{2,10}?)(?=[，。,；;]|$)/.exec(n.text);
    if (!m) continue;
    const x = m[1]!;
    if (!(x.includes(base) || base.includes(x))) continue;
    const start = n.start + m.index;
    const score = item.score !== null ? `，得分${fmt(item.score)}分` : '';
    return [
      wordFinding({
        label: '比率的两项均为零',
        at: spanAt(n.unit, start, start + m[0].length, item.name),
        message: `“${item.name}”：报告称“${m[0]}”，本年与上年均为0，${rm[1]}为 0 ÷ 0，无法计算${score ? `，却据此评分（${score.slice(1)}）` : ''}`,
        stated: `${m[0]}${score}`,
        recomputed: '0 ÷ 0（无定义）',
        how: `${rm[1]} = (本年 − 上年) ÷ 上年；上年为0时分母为零`,
      }),
    ];
  }
  return [];
}

// ── 指标名缺字 ──

const RATE_SUFFIX = /(变动|控制|执行|完成|增长|增减|利用|覆盖|及时|安排|调整|变化|下降)率$/;
const HAN = /^[\u4e00-\u9fa5]+$/;

function missingCharacter(item: ScoredItem): ReportFinding[] {
  const sm = RATE_SUFFIX.exec(item.name);
  if (!sm) return [];
  const base = item.name.slice(0, sm.index);
  if (base.length < 2 || !HAN.test(base)) return [];
  for (const n of item.notes) {
    // What the text names ("无结转结余", "本年结转结余2万元"): the name's subject is that word with
    // one character missing (not the word plus a trailing character: "预算数" is another word).
    const word = new RegExp(
      `(?<=^|[，。,；;：:、（(]|无|没有|有|的|对|本年|上年|年初|年末)(?=([\\u4e00-\\u9fa5]{${base.length + 1}})(?:[，。,；;：:、（(]|\\d|$))`,
      'g',
    );
    for (const m of n.text.matchAll(word)) {
      const w = m[1]!;
      if (w.length !== base.length + 1 || w.slice(0, -1) === base) continue;
      let drops = false;
      for (let k = 0; k < w.length && !drops; k++) drops = w.slice(0, k) + w.slice(k + 1) === base;
      if (!drops) continue;
      const right = w + sm[0];
      return [
        wordFinding({
          label: '指标名缺字',
          at: spanAt(item.nameUnit, item.nameStart, item.nameEnd, '指标名称'),
          message: `指标名“${item.name}”疑缺字：其说明写作“${w}”，应为“${right}”`,
          stated: item.name,
          recomputed: right,
          how: `“${w}”去掉一字即“${base}”`,
        }),
      ];
    }
  }
  return [];
}
