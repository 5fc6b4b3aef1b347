/**
 * Statement patterns of prose, each turned into checks of the library:
 *  - totals and their parts: "收入合计141.96万元，其中：A 134.04万元，占94.42%；B 7.92万元，占5.58%"
 *    (inline, across sentences after "。其中：", over the numbered paragraphs after a closing "其中：",
 *    "主要用于以下方面:", "X中，" naming an earlier total, and "63份（A13份、B30份、C20份）");
 *  - shares "占（whole的）x%" of the list total or of a named whole;
 *  - comparisons "与2020年相比，…增加15.42万元，增长5.43%", "较上年减少1人", "减少97个，减幅达40.8%"
 *    against the figure they compare (in the sentence, or the earlier one with the same label);
 *  - the reasons given for a change when they are amounts and not "等";
 *  - execution and control rates "完成预算x%", "执行率x%" with the budget and actual amounts;
 *  - "共计x万元" after its parts; "净减少x个" against the units created and abolished;
 *  - satisfaction shares of questionnaire counts (countShare).
 * Pure.
 */
import type { AnyCheck, DerivedNumber } from '../../../reports/domain/checks.js';
import { canonLabel, type TextUnit, type Token } from './scan.js';

export type StatementKind = 'total' | 'share' | 'comparison' | 'rate' | 'count' | 'score' | 'grade' | 'sum' | 'figure';

export interface Statement {
  kind: StatementKind;
  line: number;
  sentence: string;
  /** Ids of the numbers the statement relates. */
  ids: string[];
}

export interface Extraction {
  checks: AnyCheck[];
  derived: DerivedNumber[];
  statements: Statement[];
}

export type Dim = 'money' | 'percent' | 'count' | 'score' | 'none';

export function dimOf(t: Token): Dim {
  const u = t.n.unit;
  if (u === '万元' || u === '元' || u === '亿元') return 'money';
  if (u === '%') return 'percent';
  if (u === '分') return 'score';
  if (u === '') return 'none';
  return 'count';
}
const compatible = (a: Dim, b: Dim) =>
  a === b || (a === 'none' && b !== 'percent') || (b === 'none' && a !== 'percent');
/** Same kind of figure: counts only with the same unit (人 and 名 are both persons). */
const sameKind = (a: Token, b: Token) => {
  if (!compatible(dimOf(a), dimOf(b))) return false;
  if (dimOf(a) !== 'count' || dimOf(b) !== 'count') return true;
  const persons = (u: string) => (u === '名' ? '人' : u);
  return persons(a.n.unit) === persons(b.n.unit);
};

const CHANGE_WORD = /(增加|减少|增|减|上升|降低|压减|节约)(了)?$/;
const DOWN_WORD = /(减少|减|下降|降低|压减|节约|减幅|降幅)(了|达|为)?$/;
const RATE_WORD = /(增长|下降|减幅|降幅|增幅|上升|降低|减少|增加)(达|为|了)?$/;
const REASON = /主要(变动)?原因(是|为)|主要是|原因是|主要用于(?!以下)|主要包括/g;
const RATE_LABEL = /(完成(年初)?预算(数)?(的)?|完成财政下达控制数(的)?|执行率|控制率|完成率|支付率)(为|达到|达)?$/;
const LIST_STOP = /^(使用|共计|合计|累计|主要|全年|另|其余|截至|截止)/;

export const isChange = (t: Token) => CHANGE_WORD.test(t.rawLabel.trim()) && dimOf(t) !== 'percent';
export const isRateOfChange = (t: Token) => dimOf(t) === 'percent' && RATE_WORD.test(t.rawLabel.trim());
export const isComparison = (t: Token) =>
  isChange(t) || isRateOfChange(t) || /(较|比上年|比20|同比|相比|环比)/.test(t.rawLabel);

function reasonStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(REASON)) out.push(m.index);
  return out;
}

export class ProseExtractor {
  readonly out: Extraction = { checks: [], derived: [], statements: [] };
  /** Every token of the document in reading order (for label look-ups backwards). */
  private readonly all: Token[] = [];
  /** Tokens that are list totals, for shares in parentheses. */
  readonly rateOnly: { rate: Token; subject: Token | null }[] = [];
  readonly executionRates: { rate: Token; actual: Token | null; budget: Token | null }[] = [];
  readonly shares: { share: Token; part: Token; whole: Token }[] = [];
  readonly sums: { total: Token; parts: Token[] }[] = [];

  private stmt(kind: StatementKind, tokens: Token[]) {
    const first = tokens[0]!;
    this.out.statements.push({
      kind,
      line: first.n.location.line ?? first.unit.line,
      sentence: first.n.sentence,
      ids: tokens.map((t) => t.n.id),
    });
  }

  /** Look back through the document for the latest figure with this label (same dimension). */
  findByLabel(label: string, before: Token | null, dim: Dim): Token | null {
    if (label.length < 2) return null;
    const limit = before ? this.all.indexOf(before) : this.all.length;
    const from = limit < 0 ? this.all.length : limit;
    for (let i = from - 1; i >= 0; i--) {
      const t = this.all[i]!;
      if (!compatible(dimOf(t), dim) || dimOf(t) === 'percent' || isComparison(t) || t.label.length < 2) continue;
      if (t.label === label || t.label.startsWith(label) || label.startsWith(t.label)) return t;
    }
    return null;
  }

  /** Figures that take part in no prose pattern (table cells) but can be looked up by label. */
  registerFigures(tokens: Token[]): void {
    this.all.push(...tokens);
    for (const t of tokens) this.stmt('figure', [t]);
  }

  paragraph(unit: TextUnit, tokens: Token[], following: { unit: TextUnit; tokens: Token[] }[]): void {
    this.all.push(...tokens);
    const reasons = reasonStarts(unit.text);
    const inReason = (t: Token) => reasons.some((r) => r < t.start && !/[。！？]/.test(unit.text.slice(r, t.start)));
    const plain = (t: Token) => !t.paren && !isComparison(t) && !inReason(t);

    this.lists(unit, tokens, following, plain);
    this.comparisons(unit, tokens, plain, inReason);
    this.rates(tokens, plain);
    this.totalsAfter(tokens, plain);
    this.parenLists(unit, tokens);
    this.netChange(unit, tokens);
    for (const t of tokens) if (!this.out.statements.some((s) => s.ids.includes(t.n.id))) this.stmt('figure', [t]);
  }

  // ── totals and parts ──

  private lists(
    unit: TextUnit,
    tokens: Token[],
    following: { unit: TextUnit; tokens: Token[] }[],
    plain: (t: Token) => boolean,
  ): void {
    const text = unit.text;
    const openers: { at: number; end: number; total: Token | null; crossSentences: boolean }[] = [];
    for (const m of text.matchAll(/其中[：:，,]?|主要用于以下方面[：:]?/g)) {
      const at = m.index;
      if (tokens.some((t) => t.start < at && t.end > at)) continue;
      // Inside brackets: the shares there are of the enclosing list's total; no new list.
      const depth = (text.slice(0, at).match(/[（(]/g)?.length ?? 0) - (text.slice(0, at).match(/[）)]/g)?.length ?? 0);
      if (depth > 0) continue;
      const sentenceStart = /[。！？]\s*$/.test(text.slice(0, at)) || at === 0;
      const before = tokens.filter((t) => t.end <= at && plain(t) && dimOf(t) !== 'percent');
      const total = before[before.length - 1] ?? null;
      openers.push({ at, end: at + m[0].length, total, crossSentences: sentenceStart });
    }
    // "“三公”经费财政拨款支出决算中，A…；B…" — the total named by the label before "中".
    for (const m of text.matchAll(/(^|[。！？])\s*([^，。；（(]{2,40}?)中[，,：:]/g)) {
      const at = m.index + m[1]!.length;
      const label = canonLabel(m[2]!.replace(/^(20\d\d)年度?/, ''));
      const first = tokens.find((t) => t.start > at);
      if (!first) continue;
      const total = this.findByLabel(label, tokens[0] ?? null, dimOf(first));
      if (total) openers.push({ at, end: at + m[0].length - m[1]!.length, total, crossSentences: false });
    }
    openers.sort((a, b) => a.at - b.at);

    for (const [k, o] of openers.entries()) {
      if (!o.total) continue;
      // "67家机关、群团和167家事业单位…，其中…": the list is of both figures, its total is not stated.
      const prev = tokens[tokens.indexOf(o.total) - 1];
      if (
        prev &&
        prev.unit === o.total.unit &&
        prev.sentence === o.total.sentence &&
        sameKind(prev, o.total) &&
        !/[，,；;]/.test(text.slice(prev.end, o.total.start)) &&
        dimOf(prev) !== 'percent'
      )
        continue;
      const nextOpener = openers[k + 1]?.at ?? Infinity;
      const restText = text.slice(o.end).trim();
      if (restText === '' || /^[：:]?$/.test(restText)) {
        this.multiParagraphList(o.total, following);
        continue;
      }
      const sentenceOf = o.total.unit === unit ? tokens.find((t) => t.start >= o.end)?.sentence : undefined;
      const after = tokens.filter((t) => t.start >= o.end && t.start < nextOpener);
      const parts: Token[] = [];
      const nested = new Map<Token, Token[]>();
      let nestParent: Token | null = null;
      let separator: string | null = null;
      let lastClause = -1;
      const shareWhole = o.total;
      for (const t of after) {
        if (!o.crossSentences && sentenceOf !== undefined && t.sentence !== sentenceOf) break;
        if (dimOf(t) === 'percent') {
          this.share(t, tokens, shareWhole);
          continue;
        }
        if (t.paren || !plain(t) || !sameKind(t, o.total)) continue;
        if (t.clause === lastClause) continue;
        const label = t.rawLabel.trim();
        if (LIST_STOP.test(label)) {
          if (o.crossSentences) continue;
          break;
        }
        const sepBefore = text.slice(0, t.start).match(/[，,；;、](?=[^，,；;、]*$)/)?.[0] ?? null;
        if (nestParent && sepBefore && /[；;。]/.test(sepBefore)) nestParent = null;
        const nm = /^(.{2,20}?)中/.exec(label);
        const parentHit = nm ? parts.find((p) => p.label === canonLabel(nm[1]!)) : undefined;
        if (parentHit) {
          nestParent = parentHit;
          nested.set(parentHit, [t]);
          lastClause = t.clause;
          continue;
        }
        if (nestParent) {
          nested.get(nestParent)!.push(t);
          lastClause = t.clause;
          continue;
        }
        if (parts.length === 1 && separator === null) separator = sepBefore;
        else if (parts.length >= 2 && separator && /[，,、]/.test(separator) && sepBefore && /[；;]/.test(sepBefore))
          break;
        parts.push(t);
        lastClause = t.clause;
      }
      this.addSum(o.total, parts);
      for (const [parent, kids] of nested) this.addSum(parent, kids);
    }
  }

  private multiParagraphList(total: Token, following: { unit: TextUnit; tokens: Token[] }[]): void {
    const parts: Token[] = [];
    for (const f of following.slice(0, 12)) {
      if (/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第.部分)/.test(f.unit.text)) break;
      const first = f.tokens.find(
        (t) => !t.paren && !isComparison(t) && compatible(dimOf(t), dimOf(total)) && dimOf(t) !== 'percent',
      );
      if (!first) break;
      parts.push(first);
    }
    this.addSum(total, parts);
  }

  addSum(total: Token, parts: Token[]): void {
    if (parts.length < 2) return;
    // Posts listed under a count of staff (其中主任1名，副主任1名) are a selection, not its parts.
    if (dimOf(total) === 'count' && parts.some((p) => /(主任|局长|书记|科长|股长|部长|领导|职数)$/.test(p.label)))
      return;
    this.out.checks.push({
      kind: 'sum',
      label: `${total.label || '合计'}（各项之和）`,
      total: total.n.id,
      parts: parts.map((p) => p.n.id),
    });
    this.sums.push({ total, parts });
    this.stmt(dimOf(total) === 'count' ? 'count' : 'total', [total, ...parts]);
  }

  private share(t: Token, tokens: Token[], listTotal: Token | null): void {
    const m = /占(.*?)(的)?(比重|比例)?(为|达)?$/.exec(t.rawLabel.trim());
    if (!m) return;
    const before = tokens.filter(
      (x) => x.start < t.start && x.sentence === t.sentence && dimOf(x) !== 'percent' && !isComparison(x),
    );
    const part = before[before.length - 1];
    if (!part) return;
    const wholeLabel = canonLabel(m[1] ?? '');
    let whole: Token | null = null;
    if (wholeLabel && wholeLabel !== '总支出' && wholeLabel !== '总收入')
      whole = this.findByLabel(wholeLabel, t, dimOf(part));
    whole ??= listTotal;
    if (!whole || whole === part) return;
    this.out.checks.push({
      kind: 'share',
      label: `${part.label || '分项'}占${whole.label || '合计'}的比重`,
      share: t.n.id,
      part: part.n.id,
      whole: whole.n.id,
    });
    this.shares.push({ share: t, part, whole });
    this.stmt('share', [t, part, whole]);
    if (t.n.value === '100' && t.n.decimals === 0) {
      this.out.checks.push({
        kind: 'equal',
        label: `${part.label || '分项'}占比100%，应与${whole.label || '合计'}相等`,
        a: whole.n.id,
        b: part.n.id,
      });
    }
  }

  /** Shares outside lists: "占资产总额1.02%", "占本年支出合计的94.42%". */
  private sharesOutsideLists(tokens: Token[]): void {
    for (const t of tokens) {
      if (dimOf(t) !== 'percent' || this.shares.some((s) => s.share === t)) continue;
      if (!/占.+$/.test(t.rawLabel.trim())) continue;
      this.share(t, tokens, null);
    }
  }

  // ── comparisons ──

  private subject(t: Token, tokens: Token[], plain: (x: Token) => boolean): Token | null {
    const fits = (x: Token) => dimOf(x) !== 'percent' && (dimOf(t) === 'percent' || sameKind(x, t));
    const same = tokens.filter((x) => x.start < t.start && x.sentence === t.sentence && plain(x) && fits(x));
    if (same.length) return same[same.length - 1]!;
    const sl = canonLabel(
      t.rawLabel
        .trim()
        .replace(CHANGE_WORD, '')
        .replace(/(较|比|与|同比).*$/, '')
        .replace(/各$/, ''),
    );
    if (sl) {
      const hit = this.findByLabel(sl, t, dimOf(t));
      if (hit && fits(hit)) return hit;
    }
    const first = tokens.find((x) => plain(x) && fits(x));
    return first && first.start < t.start ? first : null;
  }

  private comparisons(
    unit: TextUnit,
    tokens: Token[],
    plain: (t: Token) => boolean,
    inReason: (t: Token) => boolean,
  ): void {
    const text = unit.text;
    for (const [i, t] of tokens.entries()) {
      if (inReason(t) || t.paren) continue;
      if (isChange(t)) {
        const r = tokens[i + 1];
        const rate = r && r.sentence === t.sentence && isRateOfChange(r) ? r : null;
        const down = DOWN_WORD.test(t.rawLabel.trim());
        const subject = this.subject(t, tokens, plain);
        if (rate && subject) {
          this.out.checks.push({
            kind: 'growth',
            label: `${subject.label || t.label || '增减'}增减幅度`,
            rate: rate.n.id,
            current: subject.n.id,
            change: t.n.id,
            direction: down ? 'down' : 'up',
          });
        }
        this.stmt('comparison', [t, ...(rate ? [rate] : []), ...(subject ? [subject] : [])]);
        this.reasonsOf(t, tokens, text, down);
      } else if (isRateOfChange(t)) {
        const prev = tokens[i - 1];
        if (prev && isChange(prev) && prev.sentence === t.sentence) continue;
        const subject = this.subject(t, tokens, plain);
        this.rateOnly.push({ rate: t, subject });
        this.stmt('comparison', [t, ...(subject ? [subject] : [])]);
      }
    }
    this.sharesOutsideLists(tokens);
  }

  /** "增加63.2万元，增长30.45%，主要原因是A 39.76万元，B 10.87万元以及C 15万元" (no 等): the reasons add up to the change. */
  private reasonsOf(change: Token, tokens: Token[], text: string, down: boolean): void {
    const sentenceEnd = (() => {
      const i = text.slice(change.end).search(/[。！？]/);
      return i < 0 ? text.length : change.end + i;
    })();
    const rest = text.slice(change.end, sentenceEnd);
    const rm = /主要(变动)?原因(是|为)|主要是|原因是/.exec(rest);
    if (!rm) return;
    const from = change.end + rm.index;
    // Stop at the next change in the sentence (a second comparison has its own reasons).
    const nextChange = tokens.find(
      (t) =>
        t.start > from &&
        t.start < sentenceEnd &&
        isChange(t) &&
        !/^(基本支出|项目支出)/.test(t.label) &&
        !t.clauseText.includes('主要'),
    );
    const stop = nextChange && /较|比/.test(nextChange.rawLabel) ? nextChange.start : sentenceEnd;
    const region = text.slice(from, stop);
    if (/等|约|不足|左右|近|余|多|超过/.test(region)) return;
    const reasons = tokens.filter(
      (t) =>
        t.start > from && t.start < stop && !t.paren && compatible(dimOf(t), dimOf(change)) && dimOf(t) !== 'percent',
    );
    if (reasons.length < 2) return;
    const minus = reasons.filter((t) => /(减少|减|压减|下降)$/.test(t.rawLabel.trim()));
    const plus = reasons.filter((t) => !minus.includes(t));
    if (down && minus.length === 0) return;
    if (minus.length) {
      this.out.checks.push({
        kind: 'identity',
        label: `${change.label || '增减额'}（所列原因之和）`,
        plus: (down ? minus : plus).map((t) => t.n.id),
        minus: (down ? plus : minus).map((t) => t.n.id),
        result: change.n.id,
      });
    } else {
      this.out.checks.push({
        kind: 'sum',
        label: `${change.label || '增减额'}（所列原因之和）`,
        total: change.n.id,
        parts: plus.map((t) => t.n.id),
      });
    }
    this.stmt('sum', [change, ...reasons]);
  }

  // ── execution rates ──

  private rates(tokens: Token[], plain: (t: Token) => boolean): void {
    for (const t of tokens) {
      if (dimOf(t) !== 'percent' || !RATE_LABEL.test(t.rawLabel.trim())) continue;
      const before = tokens.filter(
        (x) => x.start < t.start && x.sentence >= t.sentence - 1 && !x.paren && dimOf(x) === 'money',
      );
      const budget = [...before].reverse().find((x) => /(预算|控制数)/.test(x.label) && !/决算/.test(x.label)) ?? null;
      const actual = [...before].reverse().find((x) => x !== budget && !isComparison(x) && plain(x)) ?? null;
      this.executionRates.push({ rate: t, actual, budget });
      if (budget && actual) {
        this.out.checks.push({
          kind: 'ratio',
          label: `${actual.label || '决算数'}的执行率`,
          rate: t.n.id,
          numerator: actual.n.id,
          denominator: budget.n.id,
        });
      }
      this.stmt('rate', [t, ...(actual ? [actual] : []), ...(budget ? [budget] : [])]);
    }
  }

  /** "A 3万元，B 2万元，…，共计18万元". */
  private totalsAfter(tokens: Token[], plain: (t: Token) => boolean): void {
    for (const t of tokens) {
      if (!/(共计|合计|总计)(支出|使用|为)?$/.test(t.rawLabel.trim()) || dimOf(t) !== 'money') continue;
      if (this.sums.some((s) => s.total === t)) continue;
      const parts = tokens.filter(
        (x) => x.start < t.start && x.sentence === t.sentence && plain(x) && dimOf(x) === 'money',
      );
      if (parts.length >= 2) this.addSum(t, parts);
    }
  }

  /** "问卷调查63份（员工13份、服务对象30份、社会群众20份）"; then "满意度分别为：服务对象为98%、…" of those counts. */
  private parenLists(unit: TextUnit, tokens: Token[]): void {
    for (const t of tokens) {
      if (t.paren || !/^[（(]/.test(unit.text.slice(t.end))) continue;
      const close = unit.text.indexOf(unit.text[t.end] === '（' ? '）' : ')', t.end);
      if (close < 0) continue;
      const inside = tokens.filter(
        (x) => x.start > t.end && x.start < close && x.n.unit === t.n.unit && dimOf(x) !== 'percent',
      );
      if (inside.length < 2 || this.sums.some((s) => s.total === t)) continue;
      this.addSum(t, inside);
      if (t.unitText === '份') {
        for (const s of tokens) {
          if (dimOf(s) !== 'percent' || s.start < close) continue;
          const who = canonLabel(s.rawLabel.replace(/满意度分别为|分别为|满意度/g, ''));
          const whole = inside.find((x) => who.length >= 2 && x.label === who);
          if (whole) {
            this.out.checks.push({
              kind: 'countShare',
              label: `${who}满意度（${whole.n.value}份问卷）`,
              share: s.n.id,
              whole: whole.n.id,
            });
            this.stmt('share', [s, whole]);
          }
        }
      }
    }
  }

  /** "组建…15个…，不再保留…29个。通过改革，净减少事业机构10个" → 29 − 15. */
  private netChange(unit: TextUnit, tokens: Token[]): void {
    const text = unit.text;
    for (const t of tokens) {
      const m = /净(减少|增加)[\u4e00-\u9fa5]{0,6}$/.exec(t.rawLabel.trim());
      if (!m || dimOf(t) !== 'count') continue;
      const wide = (x: Token) =>
        text.slice(Math.max(0, text.slice(0, x.start).search(/[，；。](?=[^，；。]*$)/)), x.start);
      const prior = tokens.filter((x) => x.start < t.start && x.n.unit === t.n.unit && !x.paren);
      const created = prior.filter((x) => /(组建|新设|新建|设立)/.test(wide(x)));
      const removed = prior.filter((x) => /(不再保留|撤销|撤并|撤销整合)/.test(wide(x)) && !created.includes(x));
      if (!created.length || !removed.length) continue;
      const down = m[1] === '减少';
      this.out.checks.push({
        kind: 'identity',
        label: `${m[0]}（${down ? '撤销数 − 组建数' : '组建数 − 撤销数'}）`,
        plus: (down ? removed : created).map((x) => x.n.id),
        minus: (down ? created : removed).map((x) => x.n.id),
        result: t.n.id,
      });
      this.stmt('count', [t, ...created, ...removed]);
    }
  }
}
