/**
 * Finding the numbers in a piece of text: each number with its unit, character span, sentence,
 * clause and the words before it (its label). Dates, years, document numbers (〔2020〕30号), list
 * markers (1. / （1）) and phone numbers are not figures. Pure.
 */
import type { Location, NumberUnit, StatedNumber } from '../../../reports/domain/claims.js';
import { parseChineseNumeral, parseStatedNumber } from '../../../reports/domain/stated-number.js';

/** A run of prose the patterns read: a paragraph, or one cell of a table. */
export interface TextUnit {
  block: number;
  kind: 'paragraph' | 'table';
  text: string;
  line: number;
  row?: number | undefined;
  col?: number | undefined;
}

export interface Token {
  n: StatedNumber;
  unit: TextUnit;
  start: number;
  end: number;
  /** Index of the sentence (split at 。！？) and of the clause (split at ，；：、 outside brackets) in the unit. */
  sentence: number;
  clause: number;
  /** Inside （…） or (…). */
  paren: boolean;
  /** Words between the previous figure (or clause start) and this one, as written. */
  rawLabel: string;
  /** The label in canonical form (see canonLabel). */
  label: string;
  /** The clause's text (for the comparison and reason words). */
  clauseText: string;
  /** Text after the number's unit up to the clause end. */
  after: string;
  /** The unit as written (份, 家 … map to 个). */
  unitText: string;
}

const UNIT_RE = /^ ?(万元|亿元|元|%|人次|批次|人|名|个|项|分|次|辆|家|份|万(?![\u4e00-\u9fa5]))/;
const UNIT_MAP: Record<string, NumberUnit> = { 家: '个', 份: '个', 万: '万元' };
const NOT_FIGURE_AFTER =
  /^(年|月|日|号|时|届|季度|部分|级|类|批|周岁|岁|天|小时|条|台|套|款|章|节|期|倍|平方|米|公里|万人|户|所)/;

/** Canonical form of a label: no brackets, quotes, years, "本年", the office's own name, verbs. */
export function canonLabel(raw: string): string {
  let s = raw
    .trim()
    .replace(/^(\d+[.．、]|[（(]\d+[）)]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[①-⑳])\s*/, '')
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/[“”"'‘’「」《》\s、，,：:]/g, '')
    .replace(/^(其中|另|共|截至|截止)/, '')
    .replace(/^(20\d\d|19\d\d)年(度|末|底|初)?/, '')
    .replace(/^(本年度?|当年|全年|本部门|本单位|我单位|我办|单位|部门)/, '')
    .replace(/^[\u4e00-\u9fa5]{0,4}(区|县|市)委编办/, '')
    .replace(/^(区|县|市)委编办/, '')
    .replace(/^(本年度?|当年|全年)/, '')
    .replace(/(为|是|达到|达|约)$/, '')
    .replace(/(为|是)$/, '');
  if (s === '实有' || s === '实有人员' || s === '实有人数') s = '实有人数';
  if (s === '人员编制' || s === '编制数' || s === '核定编制') s = '人员编制';
  return s;
}

/** Clause boundaries outside brackets; sentence boundaries. */
function structure(text: string): { sentence: number[]; clause: number[]; paren: boolean[] } {
  const sentence: number[] = [];
  const clause: number[] = [];
  const paren: boolean[] = [];
  let s = 0;
  let c = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '（' || ch === '(') depth++;
    sentence.push(s);
    clause.push(c);
    paren.push(depth > 0);
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (ch === '。' || ch === '！' || ch === '？' || ch === '\n') {
      s++;
      c++;
      depth = 0;
    } else if (depth === 0 && '，,；;：:、'.includes(ch)) {
      c++;
    }
  }
  return { sentence, clause, paren };
}

export function clauseBounds(text: string, at: number): [number, number] {
  let a = at;
  let depth = 0;
  while (a > 0) {
    const ch = text[a - 1]!;
    if (ch === '）' || ch === ')') depth++;
    else if (ch === '（' || ch === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && '，,；;：:、。！？\n'.includes(ch)) break;
    a--;
  }
  let b = at;
  depth = 0;
  while (b < text.length) {
    const ch = text[b]!;
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && '，,；;：:、。！？\n'.includes(ch)) break;
    b++;
  }
  return [a, b];
}

let counter = 0;
/** Reset ids (one document at a time). */
export function resetIds(): void {
  counter = 0;
}
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/** Every figure in a unit of text. */
export function scanUnit(unit: TextUnit): Token[] {
  const text = unit.text;
  const st = structure(text);
  const out: Token[] = [];
  const re = /(负|-)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|([一二三四五六七八九十两百〇零]{2,6})(?=名|人)/g;
  let m: RegExpExecArray | null;
  let prevEnd = 0;
  let prevClause = -1;
  while ((m = re.exec(text))) {
    const start = m.index;
    let end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 3), start);
    const nextCh = text[end] ?? '';
    // Part of a longer token: letters/digits around, dates, document numbers, phone numbers.
    if (/[A-Za-z_]$/.test(before) || /^[A-Za-z]/.test(nextCh)) continue;
    if (/第$/.test(before) || /〔$|\[$/.test(before) || nextCh === '〕' || nextCh === ']') continue;
    if (/-$/.test(before) && /\d-$/.test(before)) continue;
    if (nextCh === '-' && /\d/.test(text[end + 1] ?? '')) continue;
    if (
      /[.．]/.test(nextCh) &&
      !/\d/.test(text[end + 1] ?? '') &&
      (start === 0 || /^[\s（(]*$/.test(text.slice(0, start)))
    )
      continue;
    if (/[（(]$/.test(before) && /^[）)]/.test(nextCh) && !/\d\./.test(m[0])) continue;
    if (nextCh === '、' && start === 0) continue;
    const rest = text.slice(end);
    if (NOT_FIGURE_AFTER.test(rest)) continue;
    if (m[3] && /^(一是|二是)/.test(m[3])) continue;
    const um = UNIT_RE.exec(rest);
    const unitText = um?.[1] ?? '';
    const numUnit: NumberUnit = (UNIT_MAP[unitText] ?? unitText) as NumberUnit;
    if (m[3]) {
      if (!um) continue;
      if (parseChineseNumeral(m[3]) === null) continue;
    }
    end += um ? um[0].length : 0;
    let parsed: ReturnType<typeof parseStatedNumber>;
    try {
      parsed = m[3]
        ? { value: String(parseChineseNumeral(m[3])), decimals: 0, unit: numUnit }
        : parseStatedNumber(m[0], numUnit);
    } catch {
      continue;
    }
    const clause = st.clause[start] ?? 0;
    const bounds = clauseBounds(text, start);
    const cb = bounds[1];
    let ca = bounds[0];
    // "收、支总计": 收、支 is one word of the label.
    if (text[ca - 1] === '、' && text[ca - 2] === '收' && text[ca] === '支') ca = clauseBounds(text, ca - 2)[0];
    const labelFrom = clause === prevClause ? Math.max(prevEnd, ca) : ca;
    const rawLabel = text.slice(labelFrom, start).replace(/^[）)\s]+/, '');
    const location = locationIn(unit, start, end);
    const sentenceText = sentenceAround(text, start);
    const n: StatedNumber = {
      id: nextId('n'),
      text: text.slice(start, start + m[0].length),
      value: parsed.value,
      decimals: parsed.decimals,
      unit: parsed.unit,
      location,
      sentence: sentenceText,
      label: canonLabel(rawLabel) || undefined,
    };
    out.push({
      n,
      unit,
      start,
      end,
      sentence: st.sentence[start] ?? 0,
      clause,
      paren: st.paren[start] ?? false,
      rawLabel,
      label: canonLabel(rawLabel),
      clauseText: text.slice(ca, cb),
      after: text.slice(end, cb),
      unitText,
    });
    prevEnd = end;
    prevClause = clause;
    re.lastIndex = end;
  }
  return out;
}

/** The sentence (between 。！？ or line breaks) around a position. */
export function sentenceAround(text: string, at: number): string {
  let a = at;
  while (a > 0 && !'。！？\n'.includes(text[a - 1]!)) a--;
  let b = at;
  while (b < text.length && !'。！？\n'.includes(text[b]!)) b++;
  return text.slice(a, Math.min(text.length, b + 1)).trim();
}

export const isMoney = (t: Token) => t.n.unit === '万元' || t.n.unit === '元' || t.n.unit === '亿元';
export const isPercent = (t: Token) => t.n.unit === '%';
export const isCount = (t: Token) => ['人', '名', '个', '项', '次', '人次', '辆', '批次'].includes(t.n.unit);

/** Where `start..end` of a text unit is: its block, table cell and line (a unit may span lines). */
export function locationIn(unit: TextUnit, start: number, end: number): Location {
  return {
    block: unit.block,
    kind: unit.kind,
    row: unit.row,
    col: unit.col,
    start,
    end,
    line: unit.line + (unit.text.slice(0, start).match(/\n/g)?.length ?? 0),
  };
}

/**
 * A span of words (a year, a name, a phrase) as the "number" a finding is anchored at, so that
 * word-level findings are located and highlighted like the numeric ones.
 */
export function wordSpan(unit: TextUnit, start: number, end: number, label: string, idPrefix: string): StatedNumber {
  const text = unit.text.slice(start, end);
  return {
    id: nextId(idPrefix),
    text,
    value: /^\d+$/.test(text) ? text : '0',
    decimals: 0,
    unit: '',
    location: locationIn(unit, start, end),
    sentence: sentenceAround(unit.text, start),
    label,
  };
}
