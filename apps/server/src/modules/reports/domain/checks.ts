/**
 * The consistency-check library: the declarative checks of claims.ts run over a document's stated
 * numbers, each broken relation becoming a finding that names the number judged wrong, the stated
 * and the recomputed value and the computation. Generated reports (issue 5) and report reading
 * (issue 7) both run it. Pure; exact rationals (performance/domain/decimal.ts).
 *
 * Precision. A number stated to d decimals stands for any value in [x − ½·10⁻ᵈ, x + ½·10⁻ᵈ]
 * (money in 元 and 亿元 is converted exactly to 万元 first). Every recomputation is done twice:
 * exactly from the printed figures (the recomputed value shown) and in interval arithmetic over
 * the printed figures' intervals (what the rounding of the inputs allows).
 *  - Counts and scores (人, 名, 个, 项, 分, 次, 人次, 辆, 批次; unitless integers among them) are exact.
 *  - Bound numbers (with `source`) in 万元/元/% are printed to at most two decimals with trailing
 *    zeros dropped (numbers.ts: "8万元" is 8.00), so they count as two decimals at least;
 *    `RunOptions.minDecimals` sets such a floor per unit for read documents too.
 *  - A number without a unit inside a money or percent relation takes the relation's unit; when it
 *    stands in prose this is a warning (金额缺单位).
 *
 * Severity.
 *  - Quotients (share, ratio, growth, countShare): no finding when the stated value equals the exact
 *    recomputation rounded half-up to the stated decimals, nor when the stated value widened by its
 *    own half-unit intersects the interval the inputs allow (the writer divided unrounded figures:
 *    7.33 ÷ 10.82 = 67.745% may be printed 67.80%). Otherwise an error.
 *  - Additive relations (sum, change, identity): no finding when the stated value equals the exact
 *    result of the printed inputs at the stated precision; a warning (尾差) when it does not but the
 *    difference is within the propagated rounding bound (Σ half-units of the inputs + the stated
 *    half-unit: 421.83 printed 421.84 with four two-decimal parts); beyond that, an error.
 *  - equal / expected: the same figure printed twice must read the same at the coarser precision
 *    (349.33 vs 349.34 is an error; 349.3 vs 349.34 is not).
 *  - scoreCap (and atMost, part ≤ whole for counts): an error when the score exceeds the points beyond rounding. grade: an error when the
 *    stated grade is not the one the total (or any value its rounding allows) earns.
 *  - A value exactly 10⁴ times (or 1/10⁴ of) what a money relation needs is an error with
 *    "单位疑为元而非万元" (or the converse), on the total or on the one part that explains it.
 *  - A zero denominator with a stated rate is a warning (比率无定义); a denominator whose rounding
 *    interval contains zero cannot be judged and gives no finding.
 */
import {
  abs,
  add,
  ceil,
  cmp,
  dec,
  div,
  eq,
  floor,
  ge,
  gt,
  HUNDRED,
  isZero,
  lt,
  max,
  min,
  mul,
  neg,
  ONE,
  parseDec,
  round,
  sub,
  toFixed,
  toText,
  ZERO,
  type Dec,
} from '../../performance/domain/decimal.js';
import type { Check, CheckKind, Finding, NumberUnit, StatedNumber } from './claims.js';
import {
  halfUnit,
  isMoneyUnit,
  MONEY_SCALE,
  moneyUnitStep,
  normaliseNumberText,
  type MoneyUnit,
} from './stated-number.js';

export {
  convertMoney,
  halfUnit,
  isMoneyUnit,
  MONEY_SCALE,
  normaliseNumberText,
  parseChineseNumeral,
  parseStatedNumber,
  type MoneyUnit,
  type ParsedStatedNumber,
} from './stated-number.js';

// ───────────────────────────── derived numbers and extra checks ─────────────────────────────

/** An expression over stated (or derived) numbers, for figures a document implies but does not state. */
export type Expr =
  | { ref: string }
  | { num: string }
  | { op: '+' | '−' | '×' | '÷'; args: readonly Expr[] }
  /** x ÷ 100, written "x%". */
  | { pct: Expr };

export const ex = {
  ref: (id: string): Expr => ({ ref: id }),
  num: (value: string): Expr => ({ num: value }),
  add: (...args: Expr[]): Expr => ({ op: '+', args }),
  sub: (a: Expr, b: Expr): Expr => ({ op: '−', args: [a, b] }),
  mul: (a: Expr, b: Expr): Expr => ({ op: '×', args: [a, b] }),
  div: (a: Expr, b: Expr): Expr => ({ op: '÷', args: [a, b] }),
  pct: (a: Expr): Expr => ({ pct: a }),
};

/**
 * A figure implied by stated ones (上年净资产 = 资产 ÷ (1 − 降幅) − 负债; 公务用车预算 = 三公预算 −
 * 接待预算). Checks refer to it by id like a stated number; it is never the number judged wrong.
 */
export interface DerivedNumber {
  id: string;
  label: string;
  unit: NumberUnit;
  expr: Expr;
}

/**
 * A share of a count must be k ÷ whole for a whole number k (满意度98% of 30 questionnaires is
 * 29.4 questionnaires). Reported as a `share` finding.
 */
export interface CountShareCheck {
  kind: 'countShare';
  label: string;
  share: string;
  whole: string;
}

export type AnyCheck = Check | CountShareCheck;

export interface RunOptions {
  derived?: readonly DerivedNumber[] | undefined;
  /** Decimals a number of this unit is taken to be stated to at least (trailing zeros dropped). */
  minDecimals?: Partial<Record<NumberUnit, number>> | undefined;
}

// ───────────────────────────── intervals ─────────────────────────────

type Dim = 'money' | 'percent' | 'count' | 'none';

/** A value in canonical units (money in 万元), its interval and how it is written. */
interface Q {
  point: Dec;
  lo: Dec;
  hi: Dec;
  exact: boolean;
  /** How it is written in a computation ("141.96", "(141.96 − 15.42)"). */
  text: string;
  /** Top-level operator, for parentheses. */
  op?: '+' | '−' | '×' | '÷' | undefined;
  /** Decimals worth showing for results computed from it. */
  digits: number;
}

class ZeroDivisor extends Error {
  constructor(
    readonly pointIsZero: boolean,
    readonly divisor: string,
  ) {
    super('分母为零');
  }
}

const EXACT_UNITS = new Set<NumberUnit>(['人', '名', '个', '项', '分', '次', '人次', '辆', '批次']);

function dimOf(unit: NumberUnit): Dim {
  if (isMoneyUnit(unit)) return 'money';
  if (unit === '%') return 'percent';
  if (EXACT_UNITS.has(unit)) return 'count';
  return 'none';
}

const intersects = (a: Q, b: Q) => le2(max(a.lo, b.lo), min(a.hi, b.hi));
function le2(a: Dec, b: Dec) {
  return cmp(a, b) <= 0;
}
const scaleQ = (q: Q, f: Dec): Q => {
  const a = mul(q.lo, f);
  const b = mul(q.hi, f);
  return { ...q, point: mul(q.point, f), lo: min(a, b), hi: max(a, b) };
};
const negQ = (q: Q): Q => ({ ...q, point: neg(q.point), lo: neg(q.hi), hi: neg(q.lo) });
const constQ = (v: Dec, text: string): Q => ({ point: v, lo: v, hi: v, exact: true, text, digits: 0 });

function wrap(q: Q, parent: '+' | '−' | '×' | '÷', right: boolean): string {
  if (!q.op) return q.text.startsWith('-') && (right || parent !== '+') ? `(${q.text})` : q.text;
  const additive = q.op === '+' || q.op === '−';
  if ((parent === '×' || parent === '÷') && additive) return `(${q.text})`;
  if (parent === '−' && right && additive) return `(${q.text})`;
  if (parent === '÷' && right) return `(${q.text})`;
  return q.text;
}

function addQ(qs: readonly Q[]): Q {
  if (qs.length === 0) return constQ(ZERO, '0');
  return {
    point: qs.map((q) => q.point).reduce(add),
    lo: qs.map((q) => q.lo).reduce(add),
    hi: qs.map((q) => q.hi).reduce(add),
    exact: qs.every((q) => q.exact),
    text: qs.map((q) => wrap(q, '+', false)).join(' + '),
    op: qs.length > 1 ? '+' : qs[0]!.op,
    digits: Math.max(...qs.map((q) => q.digits)),
  };
}
function subQ(a: Q, b: Q): Q {
  return {
    point: sub(a.point, b.point),
    lo: sub(a.lo, b.hi),
    hi: sub(a.hi, b.lo),
    exact: a.exact && b.exact,
    text: `${wrap(a, '−', false)} − ${wrap(b, '−', true)}`,
    op: '−',
    digits: Math.max(a.digits, b.digits),
  };
}
function mulQ(a: Q, b: Q): Q {
  const c = [mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)];
  return {
    point: mul(a.point, b.point),
    lo: c.reduce(min),
    hi: c.reduce(max),
    exact: a.exact && b.exact,
    text: `${wrap(a, '×', false)} × ${wrap(b, '×', true)}`,
    op: '×',
    digits: 4,
  };
}
function divQ(a: Q, b: Q): Q {
  if (isZero(b.point) || (le2(b.lo, ZERO) && le2(ZERO, b.hi))) throw new ZeroDivisor(isZero(b.point), b.text);
  const c = [div(a.lo, b.lo), div(a.lo, b.hi), div(a.hi, b.lo), div(a.hi, b.hi)];
  return {
    point: div(a.point, b.point),
    lo: c.reduce(min),
    hi: c.reduce(max),
    exact: a.exact && b.exact,
    text: `${wrap(a, '÷', false)} ÷ ${wrap(b, '÷', true)}`,
    op: '÷',
    digits: 4,
  };
}
/** a ÷ b × 100, written "a ÷ b × 100". */
function percentQ(a: Q, b: Q): Q {
  const q = scaleQ(divQ(a, b), HUNDRED);
  return { ...q, text: `${q.text} × 100`, op: '×', digits: 2 };
}

// ───────────────────────────── the run ─────────────────────────────

interface Rel {
  dim: Dim;
  /** The money unit numbers without a unit are read in. */
  unit: MoneyUnit | null;
  /** In a relation of unitless numbers only: whether they are rounded (any has decimals). */
  rounded: boolean;
}

class Incompatible extends Error {}

/**
 * Runs the checks over the stated numbers; findings in the order of the checks (unit warnings last).
 * Throws a RangeError when a check refers to a number that is not there (a builder's mistake).
 */
export function runChecks(
  numbers: readonly StatedNumber[],
  checks: readonly AnyCheck[],
  options: RunOptions = {},
): Finding[] {
  return new Run(numbers, options).all(checks);
}

class Run {
  private readonly byId = new Map<string, StatedNumber>();
  private readonly derived = new Map<string, DerivedNumber>();
  private readonly unitless = new Map<string, { n: StatedNumber; unit: string; check: AnyCheck }>();
  private current: AnyCheck | null = null;

  constructor(
    private readonly numbers: readonly StatedNumber[],
    private readonly options: RunOptions,
  ) {
    for (const n of numbers) this.byId.set(n.id, n);
    for (const d of options.derived ?? []) this.derived.set(d.id, d);
  }

  all(checks: readonly AnyCheck[]): Finding[] {
    const out: Finding[] = [];
    for (const c of checks) {
      this.current = c;
      try {
        out.push(...this.one(c));
      } catch (e) {
        if (e instanceof Incompatible) out.push(this.incompatible(c, e.message));
        else throw e;
      }
    }
    for (const { n, unit, check } of this.unitless.values()) {
      out.push({
        severity: 'warning',
        check: kindOf(check),
        label: check.label,
        at: n,
        message: `${check.label}：${describe(n)}缺单位，按“${unit}”理解（同一关系中的其他数字以${unit}表述）`,
        stated: n.value,
        recomputed: n.value,
        how: `${n.value} 按${unit}理解`,
      });
    }
    return out;
  }

  private one(c: AnyCheck): Finding[] {
    switch (c.kind) {
      case 'sum':
        return this.additive(c, c.total, c.parts, []);
      case 'identity':
        return this.additive(c, c.result, c.plus, c.minus);
      case 'change':
        return this.change(c);
      case 'share':
        return this.quotient(c, c.share, c.part, c.whole);
      case 'ratio':
        return this.quotient(c, c.rate, c.numerator, c.denominator);
      case 'growth':
        return this.growth(c);
      case 'equal':
        return this.equal(c);
      case 'expected':
        return this.expected(c);
      case 'scoreCap':
        return this.scoreCap(c);
      case 'atMost':
        return this.atMost(c);
      case 'grade':
        return this.grade(c);
      case 'countShare':
        return this.countShare(c);
    }
  }

  // ── numbers ──

  private stated(id: string): StatedNumber {
    const n = this.byId.get(id);
    if (!n) {
      if (this.derived.has(id))
        throw new RangeError(`检查“${this.current?.label}”判断的数字“${id}”是推算值，不是表述的数字`);
      throw new RangeError(`检查“${this.current?.label}”引用了不存在的数字“${id}”`);
    }
    return n;
  }

  private unitOf(id: string): NumberUnit {
    const n = this.byId.get(id);
    if (n) return n.unit;
    const d = this.derived.get(id);
    if (d) return d.unit;
    throw new RangeError(`检查“${this.current?.label}”引用了不存在的数字“${id}”`);
  }

  private decimalsOf(n: StatedNumber): number {
    let d = n.decimals;
    const floor = this.options.minDecimals?.[n.unit];
    if (floor !== undefined) d = Math.max(d, floor);
    if (n.source !== undefined && (isMoneyUnit(n.unit) || n.unit === '%')) d = Math.max(d, 2);
    return d;
  }

  /** The relation the ids stand in: their common dimension, and the money unit of unitless ones. */
  private rel(ids: readonly string[]): Rel {
    const units = ids.map((id) => this.unitOf(id));
    const dims = new Set(units.map(dimOf).filter((d) => d !== 'none'));
    if (dims.size > 1) {
      throw new Incompatible(`单位不一致（${[...new Set(units.filter((u) => u !== ''))].join('、')}），未检查`);
    }
    const dim = dims.size ? [...dims][0]! : 'none';
    const money = units.find(isMoneyUnit) ?? null;
    const rounded = ids.some((id) => (this.byId.get(id)?.decimals ?? 0) > 0);
    return { dim, unit: money, rounded };
  }

  private q(id: string, rel: Rel): Q {
    const n = this.byId.get(id);
    if (n) return this.qStated(n, rel);
    const d = this.derived.get(id);
    if (!d) throw new RangeError(`检查“${this.current?.label}”引用了不存在的数字“${id}”`);
    const dim = dimOf(d.unit);
    const q = this.evalExpr(d.expr, { dim, unit: isMoneyUnit(d.unit) ? d.unit : null, rounded: true }, new Set([id]));
    return { ...q, digits: Math.max(q.digits, 2) };
  }

  private qStated(n: StatedNumber, rel: Rel): Q {
    let dim = dimOf(n.unit);
    let scale = isMoneyUnit(n.unit) ? MONEY_SCALE[n.unit] : ONE;
    if (dim === 'none') {
      dim = rel.dim;
      if (dim === 'money' || dim === 'percent') {
        const unit = dim === 'money' ? (rel.unit ?? '万元') : '%';
        if (dim === 'money') scale = MONEY_SCALE[rel.unit ?? '万元'];
        if (n.location.kind !== 'table' && this.current && !this.unitless.has(n.id)) {
          this.unitless.set(n.id, { n, unit, check: this.current });
        }
      }
    }
    const exact = dim === 'count' || (dim === 'none' && !rel.rounded);
    const d = this.decimalsOf(n);
    const half = exact ? ZERO : mul(halfUnit(d), scale);
    const point = mul(parseDec(normaliseNumberText(n.value)), scale);
    const shown = isMoneyUnit(n.unit) && rel.unit !== null && n.unit !== rel.unit ? `${n.value}${n.unit}` : n.value;
    return { point, lo: sub(point, half), hi: add(point, half), exact, text: shown, digits: d };
  }

  private evalExpr(e: Expr, rel: Rel, seen: Set<string>): Q {
    if ('ref' in e) {
      if (this.derived.has(e.ref)) {
        if (seen.has(e.ref)) throw new RangeError(`推算值“${e.ref}”循环引用`);
        const d = this.derived.get(e.ref)!;
        const q = this.evalExpr(d.expr, rel, new Set([...seen, e.ref]));
        return q;
      }
      const n = this.stated(e.ref);
      return this.qStated(
        n,
        dimOf(n.unit) === 'none'
          ? rel
          : { dim: dimOf(n.unit), unit: isMoneyUnit(n.unit) ? n.unit : null, rounded: true },
      );
    }
    if ('num' in e) {
      const v = parseDec(e.num);
      return constQ(v, e.num);
    }
    if ('pct' in e) {
      const q = this.evalExpr(e.pct, { dim: 'percent', unit: null, rounded: true }, seen);
      const s = scaleQ(q, dec(1n, 100n));
      return { ...s, text: q.op ? `(${q.text})%` : `${q.text}%`, op: undefined, digits: q.digits + 2 };
    }
    const args = e.args.map((a) => this.evalExpr(a, rel, seen));
    if (args.length === 0) throw new RangeError('空表达式');
    switch (e.op) {
      case '+':
        return addQ(args);
      case '−':
        return args.slice(1).reduce(subQ, args[0]!);
      case '×':
        return args.slice(1).reduce(mulQ, args[0]!);
      case '÷':
        return args.slice(1).reduce(divQ, args[0]!);
    }
  }

  // ── findings ──

  private finding(
    severity: Finding['severity'],
    c: AnyCheck,
    at: StatedNumber,
    stated: string,
    recomputed: string,
    how: string,
    message: string,
  ): Finding {
    return { severity, check: kindOf(c), label: c.label, at, message, stated, recomputed, how };
  }

  private incompatible(c: AnyCheck, why: string): Finding {
    const ids = idsOfAny(c);
    const at = ids.map((id) => this.byId.get(id)).find((n): n is StatedNumber => !!n);
    if (!at) throw new RangeError(`检查“${c.label}”没有表述的数字`);
    return this.finding('warning', c, at, at.value, '', why, `${c.label}：${describe(at)}所在关系${why}`);
  }

  /** The display scale of a stated number (money in its own unit), for recomputed values. */
  private scaleOf(n: StatedNumber, rel: Rel): Dec {
    if (isMoneyUnit(n.unit)) return MONEY_SCALE[n.unit];
    if (n.unit === '' && rel.dim === 'money') return MONEY_SCALE[rel.unit ?? '万元'];
    return ONE;
  }

  /** Judge a stated value S against a recomputed R (both canonical) for the additive relations. */
  private judgeAdditive(
    c: AnyCheck,
    at: StatedNumber,
    S: Q,
    R: Q,
    rel: Rel,
    how: string,
    suspects: { id: string; sign: 1 | -1 }[],
  ): Finding[] {
    const scale = this.scaleOf(at, rel);
    const d = this.decimalsOf(at);
    const stated = div(S.point, scale);
    const rec = div(R.point, scale);
    const agrees = S.exact && R.exact ? eq(S.point, R.point) : eq(round(rec, S.exact ? at.decimals : d), stated);
    if (agrees) return [];
    const recText = toText(rec, Math.max(d, R.digits, 2));
    const unit = unitText(at.unit, rel);
    const fullHow = `${how} = ${recText}`;
    if (!(S.exact && R.exact) && intersects(S, R)) {
      const bound = div(add(sub(R.hi, R.lo), sub(S.hi, S.lo)), dec(2n));
      return [
        this.finding(
          'warning',
          c,
          at,
          at.value,
          recText,
          fullHow,
          `${c.label}：${describe(at)}与各项之和${recText}${unit}相差${toText(abs(sub(stated, rec)), 6)}${unit}，在各数按所示位数舍入的累计误差（±${toText(div(bound, scale), 6)}${unit}）之内，疑为尾差（${fullHow}）`,
        ),
      ];
    }
    const unitFinding = rel.dim === 'money' ? this.unitSuspect(c, at, S, R, rel, how, suspects) : null;
    if (unitFinding) return [unitFinding];
    return [
      this.finding(
        'error',
        c,
        at,
        at.value,
        recText,
        fullHow,
        `${c.label}：${describe(at)}与重算值${recText}${unit}不符（${fullHow}）`,
      ),
    ];
  }

  /** "Off by 10⁴": the judged number, or one part, reads right in the neighbouring money unit. */
  private unitSuspect(
    c: AnyCheck,
    at: StatedNumber,
    S: Q,
    R: Q,
    rel: Rel,
    how: string,
    suspects: { id: string; sign: 1 | -1 }[],
  ): Finding | null {
    const TEN4 = dec(10000n);
    const atUnit: MoneyUnit = isMoneyUnit(at.unit) ? at.unit : (rel.unit ?? '万元');
    for (const step of [-1, 1] as const) {
      const factor = step === -1 ? dec(1n, 10000n) : TEN4;
      if (intersects(scaleQ(S, factor), R)) {
        const rec = div(R.point, MONEY_SCALE[atUnit]);
        const recText = toText(rec, Math.max(this.decimalsOf(at), R.digits, 2));
        const other = moneyUnitStep(atUnit, step);
        const suspicion = other
          ? `单位疑为${other}而非${atUnit}`
          : `数值为应有值的${step === -1 ? '10000倍' : '万分之一'}，单位疑有误`;
        const fullHow = `${how} = ${recText}${atUnit}；${at.value}${other ?? ''} = ${toText(div(mul(S.point, factor), MONEY_SCALE[atUnit]), 8)}${atUnit}`;
        return this.finding(
          'error',
          c,
          at,
          at.value,
          recText,
          fullHow,
          `${c.label}：${describe(at)}与重算值${recText}${atUnit}相差10⁴倍，${suspicion}（${fullHow}）`,
        );
      }
    }
    for (const { id, sign } of suspects) {
      const n = this.byId.get(id);
      if (!n || !isMoneyUnit(n.unit)) continue;
      const P = this.qStated(n, rel);
      for (const step of [-1, 1] as const) {
        const factor = step === -1 ? dec(1n, 10000n) : dec(10000n);
        const fixedPart = scaleQ(P, factor);
        const delta = subQ(fixedPart, P);
        const R2 = addQ([R, sign === 1 ? delta : negQ(delta)]);
        if (intersects(S, R2)) {
          const other = moneyUnitStep(n.unit, step);
          const suspicion = other ? `单位疑为${other}而非${n.unit}` : '单位疑有误';
          const should = toText(div(fixedPart.point, MONEY_SCALE[n.unit]), 8);
          const fullHow = `${how} = ${toText(div(R.point, this.scaleOf(at, rel)), 6)}；按${n.value}${other ?? ''} = ${should}${n.unit}计，合计为${toText(div(R2.point, this.scaleOf(at, rel)), 6)}，与${at.value}相符`;
          return this.finding(
            'error',
            c,
            n,
            n.value,
            should,
            fullHow,
            `${c.label}：${describe(n)}${suspicion}（${fullHow}）`,
          );
        }
      }
    }
    return null;
  }

  private additive(c: AnyCheck, resultId: string, plus: readonly string[], minus: readonly string[]): Finding[] {
    const rel = this.rel([resultId, ...plus, ...minus]);
    const at = this.stated(resultId);
    const S = this.q(resultId, rel);
    const P = addQ(plus.map((id) => this.q(id, rel)));
    const R = minus.length ? subQ(P, addQ(minus.map((id) => this.q(id, rel)))) : P;
    const suspects = [
      ...plus.map((id) => ({ id, sign: 1 as const })),
      ...minus.map((id) => ({ id, sign: -1 as const })),
    ];
    return this.judgeAdditive(c, at, S, R, rel, R.text, suspects);
  }

  private change(c: Extract<Check, { kind: 'change' }>): Finding[] {
    const rel = this.rel([c.change, c.current, c.previous]);
    const at = this.stated(c.change);
    let S = this.q(c.change, rel);
    const down = c.direction === 'down' && gt(S.point, ZERO);
    if (down) S = negQ(S);
    const C = this.q(c.current, rel);
    const P = this.q(c.previous, rel);
    const R = subQ(C, P);
    const unit = unitText(at.unit, rel);
    const scale = this.scaleOf(at, rel);
    const stated = div(S.point, scale);
    const rec = div(R.point, scale);
    const agrees = S.exact && R.exact ? eq(S.point, R.point) : eq(round(rec, this.decimalsOf(at)), stated);
    if (agrees) return [];
    const recText = toText(rec, Math.max(this.decimalsOf(at), R.digits, 2));
    const how = `${R.text} = ${recText}`;
    if (!(S.exact && R.exact) && intersects(S, R)) {
      return [
        this.finding(
          'warning',
          c,
          at,
          toText(stated, 8),
          recText,
          how,
          `${c.label}：${describe(at)}与重算的${direction(rec)}${toText(abs(rec), 8)}${unit}相差在舍入误差之内，疑为尾差（${how}）`,
        ),
      ];
    }
    const wrongWay = !isZero(rec) && !isZero(stated) && lt(rec, ZERO) !== lt(stated, ZERO);
    return [
      this.finding(
        'error',
        c,
        at,
        toText(stated, 8),
        recText,
        how,
        `${c.label}：${describe(at)}表述为${direction(stated)}${toText(abs(stated), 8)}${unit}，重算为${direction(rec)}${toText(abs(rec), 8)}${unit}${wrongWay ? '，增减方向相反' : ''}（${how}）`,
      ),
    ];
  }

  /** Stated rate S (%) against R = part ÷ whole × 100. */
  private judgeQuotient(c: AnyCheck, at: StatedNumber, S: Q, R: Q, how: string, note: () => string): Finding[] {
    const d = this.decimalsOf(at);
    if (eq(round(R.point, d), S.point) || intersects(S, R)) return [];
    const recText = toFixed(R.point, Math.max(d, 2));
    const fullHow = `${how} = ${recText}${note()}`;
    return [
      this.finding(
        'error',
        c,
        at,
        toText(S.point, 8),
        recText,
        fullHow,
        `${c.label}：${describe(at)}与重算值${recText}%不符（${fullHow}）`,
      ),
    ];
  }

  private zeroDivisor(c: AnyCheck, at: StatedNumber, e: ZeroDivisor): Finding[] {
    if (!e.pointIsZero) return [];
    return [
      this.finding(
        'warning',
        c,
        at,
        at.value,
        '',
        `分母 ${e.divisor} = 0`,
        `${c.label}：${describe(at)}的分母为零（${e.divisor}），比率无定义，无从计算`,
      ),
    ];
  }

  private quotient(
    c: Extract<Check, { kind: 'share' | 'ratio' }>,
    rateId: string,
    partId: string,
    wholeId: string,
  ): Finding[] {
    const at = this.stated(rateId);
    const rel = this.rel([partId, wholeId]);
    const S = this.q(rateId, { dim: 'percent', unit: null, rounded: true });
    const part = this.q(partId, rel);
    const whole = this.q(wholeId, rel);
    let R: Q;
    try {
      R = percentQ(part, whole);
    } catch (e) {
      if (e instanceof ZeroDivisor) return this.zeroDivisor(c, at, e);
      throw e;
    }
    return this.judgeQuotient(c, at, S, R, R.text, () =>
      this.otherWhole(c, at, S, part, rel, [rateId, partId, wholeId]),
    );
  }

  /** When a stated rate is the part's share of another stated whole, say so. */
  private otherWhole(c: AnyCheck, at: StatedNumber, S: Q, part: Q, rel: Rel, used: string[]): string {
    const candidates = this.numbers
      .filter((n) => !used.includes(n.id) && dimOf(n.unit) === rel.dim && rel.dim !== 'none')
      .map((n) => ({ n, w: this.qStated(n, rel) }))
      .filter(({ w }) => !isZero(w.point) && !(le2(w.lo, ZERO) && le2(ZERO, w.hi)))
      .map(({ n, w }) => ({ n, alt: percentQ(part, w) }))
      .filter(({ alt }) => eq(round(alt.point, this.decimalsOf(at)), S.point) || intersects(S, alt))
      .sort(
        (a, b) => Math.abs(a.n.location.block - at.location.block) - Math.abs(b.n.location.block - at.location.block),
      );
    const hit = candidates[0];
    if (!hit) return '';
    const what =
      c.kind === 'ratio'
        ? `，是占另一总数${hit.n.label ? `（${hit.n.label}）` : ''}的比重，而非${c.label}`
        : `，按另一总数${hit.n.label ? `（${hit.n.label}）` : ''}计算`;
    return `；表述的${toText(S.point, 8)}%等于 ${hit.alt.text} = ${toFixed(hit.alt.point, 2)}${what}`;
  }

  private growth(c: Extract<Check, { kind: 'growth' }>): Finding[] {
    const at = this.stated(c.rate);
    const ids = [c.current, c.previous, c.change].filter((x): x is string => x !== undefined);
    const rel = this.rel(ids);
    let S = this.q(c.rate, { dim: 'percent', unit: null, rounded: true });
    if (c.direction === 'down' && gt(S.point, ZERO)) S = negQ(S);
    const C = c.current !== undefined ? this.q(c.current, rel) : null;
    const P0 = c.previous !== undefined ? this.q(c.previous, rel) : null;
    let X = c.change !== undefined ? this.q(c.change, rel) : null;
    const down = c.direction === 'down' && X !== null && gt(X.point, ZERO);
    if (X && down) X = negQ(X);
    let R: Q;
    let how: string;
    /** change ÷ current, the classic wrong denominator. */
    let wrongYear: Q | null = null;
    /** Whether `how` shows the rate signed (current and previous given) or as a magnitude. */
    let wrongYearSigned = false;
    try {
      if (X && (P0 || C)) {
        const magnitude = down ? negQ(X) : X;
        const P = P0 ?? (down ? addQ([C!, magnitude]) : subQ(C!, X));
        const Rm = percentQ(magnitude, P);
        R = down ? negQ(Rm) : Rm;
        how = `${Rm.text} = ${toFixed(Rm.point, Math.max(this.decimalsOf(at), 2))}${down ? '（下降）' : ''}`;
        const Cur = C ?? (down ? subQ(P0!, magnitude) : addQ([P0!, X]));
        wrongYear = percentQ(magnitude, Cur);
        if (down) wrongYear = negQ(wrongYear);
      } else if (C && P0) {
        const Xc = subQ(C, P0);
        R = percentQ(Xc, P0);
        how = `${R.text} = ${toFixed(R.point, Math.max(this.decimalsOf(at), 2))}`;
        wrongYear = percentQ(Xc, C);
        wrongYearSigned = true;
      } else {
        throw new RangeError(`检查“${c.label}”须给出本年数、上年数、增减额中的两个`);
      }
    } catch (e) {
      if (e instanceof ZeroDivisor) return this.zeroDivisor(c, at, e);
      throw e;
    }
    const d = this.decimalsOf(at);
    if (eq(round(R.point, d), S.point) || intersects(S, R)) return [];
    let note = '';
    if (wrongYear && (eq(round(wrongYear.point, d), S.point) || intersects(S, wrongYear))) {
      const shown = wrongYearSigned
        ? toFixed(wrongYear.point, Math.max(d, 2))
        : toFixed(abs(wrongYear.point), Math.max(d, 2));
      note = `；按本年数计算为 ${wrongYear.text} = ${shown}，与表述相符：除以了本年数而非上年数`;
    }
    const recText = toFixed(R.point, Math.max(d, 2));
    const fullHow = `${how}${note}`;
    return [
      this.finding(
        'error',
        c,
        at,
        toText(S.point, 8),
        recText,
        fullHow,
        `${c.label}：${describe(at)}表述为${word(S.point)}${toText(abs(S.point), 8)}%，按上年数重算为${word(R.point)}${toFixed(abs(R.point), Math.max(d, 2))}%（${fullHow}）`,
      ),
    ];
  }

  /** Two statements of one figure: B (judged) against A (reference). */
  private sameFigure(c: AnyCheck, b: StatedNumber, A: Q, B: Q, rel: Rel, dA: number, reference: string): Finding[] {
    const dB = this.decimalsOf(b);
    const scaleB = this.scaleOf(b, rel);
    let agrees: boolean;
    if (A.exact && B.exact) agrees = eq(A.point, B.point);
    else if (A.exact) agrees = eq(round(div(A.point, scaleB), dB), div(B.point, scaleB));
    else if (B.exact) agrees = eq(round(div(B.point, scaleB), dA), div(A.point, scaleB));
    else agrees = lt(max(A.lo, B.lo), min(A.hi, B.hi));
    if (agrees) return [];
    const recText = toText(div(A.point, scaleB), Math.max(dA, dB, A.digits));
    const unit = unitText(b.unit, rel);
    const how = `${reference} = ${recText}${unit}`;
    if (rel.dim === 'money' && (intersects(scaleQ(B, dec(1n, 10000n)), A) || intersects(scaleQ(B, dec(10000n)), A))) {
      const f = this.unitSuspect(c, b, B, A, rel, reference, []);
      if (f) return [f];
    }
    return [
      this.finding(
        'error',
        c,
        b,
        b.value,
        recText,
        how,
        `${c.label}：${describe(b)}与${reference}不一致（${b.value}${unit} ≠ ${recText}${unit}）`,
      ),
    ];
  }

  private equal(c: Extract<Check, { kind: 'equal' }>): Finding[] {
    const rel = this.rel([c.a, c.b]);
    const b = this.stated(c.b);
    const A = this.q(c.a, rel);
    const B = this.q(c.b, rel);
    const a = this.byId.get(c.a);
    const dA = a ? this.decimalsOf(a) : A.digits;
    const where = a ? `另处表述（“${excerpt(a)}”）的${a.value}${unitText(a.unit, rel)}` : `推算值 ${A.text}`;
    return this.sameFigure(c, b, A, B, rel, dA, where);
  }

  private expected(c: Extract<Check, { kind: 'expected' }>): Finding[] {
    const n = this.stated(c.stated);
    const rel = this.rel([c.stated]);
    const B = this.q(c.stated, rel);
    const scale = this.scaleOf(n, rel);
    const v = mul(parseDec(normaliseNumberText(c.expected)), scale);
    const exact = B.exact;
    const half = exact ? ZERO : mul(halfUnit(c.expectedDecimals), scale);
    const A: Q = { point: v, lo: sub(v, half), hi: add(v, half), exact, text: c.expected, digits: c.expectedDecimals };
    return this.sameFigure(c, n, A, B, rel, c.expectedDecimals, `${c.source}的${c.expected}${unitText(n.unit, rel)}`);
  }

  private atMost(c: Extract<Check, { kind: 'atMost' }>): Finding[] {
    const rel = this.rel([c.part, c.whole]);
    const P = this.q(c.part, rel);
    const W = this.q(c.whole, rel);
    if (!gt(P.lo, W.hi)) return [];
    const at = this.byId.get(c.part) ?? this.stated(c.whole);
    const how = `${P.text} > ${W.text}`;
    return [
      this.finding(
        'error',
        c,
        at,
        toText(P.point, 4),
        toText(W.point, 4),
        how,
        `${c.label}：${describe(at)}为${toText(P.point, 4)}，超过${toText(W.point, 4)}（${how}）`,
      ),
    ];
  }

  private scoreCap(c: Extract<Check, { kind: 'scoreCap' }>): Finding[] {
    const rel = this.rel([c.score, c.points]);
    const S = this.q(c.score, rel);
    const P = this.q(c.points, rel);
    if (!gt(S.lo, P.hi)) return [];
    const scoreStated = this.byId.get(c.score);
    const at = scoreStated ?? this.stated(c.points);
    const how = `${S.text} = ${toText(S.point, 4)} > ${P.text}${P.op ? ` = ${toText(P.point, 4)}` : ''}`;
    if (scoreStated) {
      return [
        this.finding(
          'error',
          c,
          at,
          toText(S.point, 4),
          toText(P.point, 4),
          how,
          `${c.label}：${describe(at)}得分${toText(S.point, 4)}超过分值${toText(P.point, 4)}（${how}）`,
        ),
      ];
    }
    return [
      this.finding(
        'error',
        c,
        at,
        toText(P.point, 4),
        toText(S.point, 4),
        how,
        `${c.label}：${describe(at)}分值${toText(P.point, 4)}，下级得分合计${toText(S.point, 4)}超过分值（${how}）`,
      ),
    ];
  }

  private grade(c: Extract<Check, { kind: 'grade' }>): Finding[] {
    const rel = this.rel([c.total]);
    const T = this.q(c.total, rel);
    const gradeNumber = this.byId.get(c.grade);
    const stated = (gradeNumber?.text ?? c.grade).trim();
    const bands = [...c.bands].sort((a, b) => b.min - a.min);
    if (bands.length === 0) throw new RangeError(`检查“${c.label}”没有等级分数线`);
    const gradeAt = (x: Dec) => bands.find((b) => ge(x, parseDec(String(b.min)))) ?? bands[bands.length - 1]!;
    const possible = new Set([gradeAt(T.lo).grade, gradeAt(T.hi).grade]);
    for (const b of bands) {
      const m = parseDec(String(b.min));
      if (gt(m, T.lo) && le2(m, T.hi)) possible.add(b.grade);
    }
    if (possible.has(stated)) return [];
    const band = gradeAt(T.point);
    const above = bands.find((b) => b.min > band.min);
    const at = gradeNumber ?? this.stated(c.total);
    const how = `${T.text}${T.op ? ` = ${toText(T.point, 4)}` : ''} ${ge(T.point, parseDec(String(band.min))) ? `≥ ${band.min}` : `< ${bands[bands.length - 2]?.min ?? band.min}`}${above ? `（且 < ${above.min}）` : ''} → ${band.grade}`;
    return [
      this.finding(
        'error',
        c,
        at,
        stated,
        band.grade,
        how,
        `${c.label}：${describe(at)}等级为“${stated}”，总分${toText(T.point, 4)}应评为“${band.grade}”（${how}）`,
      ),
    ];
  }

  private countShare(c: CountShareCheck): Finding[] {
    const at = this.stated(c.share);
    const S = this.q(c.share, { dim: 'percent', unit: null, rounded: true });
    const W = this.q(c.whole, this.rel([c.whole]));
    if (!W.exact || le2(W.point, ZERO)) return [];
    const k = div(mul(S.point, W.point), HUNDRED);
    const lo = div(mul(S.lo, W.point), HUNDRED);
    const hi = div(mul(S.hi, W.point), HUNDRED);
    if (ceil(lo) <= floor(hi)) return [];
    const d = this.decimalsOf(at);
    const ks = [...new Set([floor(k), ceil(k)])].filter((x) => x >= 0n && x <= floor(W.point));
    const alts = ks
      .map((x) => `${x} ÷ ${W.text} = ${toText(round(div(mul(dec(x), HUNDRED), W.point), Math.max(d, 2)), 4)}%`)
      .join(' 或 ');
    const kText = toText(k, 4);
    const how = `${W.text} × ${at.value}% = ${kText}，不是整数${alts ? `；${W.text}中可得的相近比例为 ${alts}` : ''}`;
    return [
      this.finding(
        'error',
        c,
        at,
        at.value,
        kText,
        how,
        `${c.label}：${describe(at)}不可能是${W.text}中的比例（${how}）`,
      ),
    ];
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function kindOf(c: AnyCheck): CheckKind {
  return c.kind === 'countShare' ? 'share' : c.kind;
}

/** The ids a check refers to (grade: the total, and the grade when it is a stated number's id). */
export function idsOfAny(c: AnyCheck): string[] {
  switch (c.kind) {
    case 'sum':
      return [c.total, ...c.parts];
    case 'share':
      return [c.share, c.part, c.whole];
    case 'growth':
      return [c.rate, ...[c.current, c.previous, c.change].filter((x): x is string => x !== undefined)];
    case 'change':
      return [c.change, c.current, c.previous];
    case 'ratio':
      return [c.rate, c.numerator, c.denominator];
    case 'identity':
      return [...c.plus, ...c.minus, c.result];
    case 'equal':
      return [c.a, c.b];
    case 'expected':
      return [c.stated];
    case 'scoreCap':
      return [c.score, c.points];
    case 'atMost':
      return [c.part, c.whole];
    case 'grade':
      return [c.total, c.grade];
    case 'countShare':
      return [c.share, c.whole];
  }
}

function unitText(unit: NumberUnit, rel: Rel): string {
  if (unit !== '') return unit;
  if (rel.dim === 'money') return rel.unit ?? '万元';
  if (rel.dim === 'percent') return '%';
  return '';
}

const direction = (x: Dec) => (lt(x, ZERO) ? '减少' : '增加');
const word = (x: Dec) => (lt(x, ZERO) ? '下降' : '增长');

/** The sentence around a number, shortened to about 60 characters. */
export function excerpt(n: StatedNumber, width = 60): string {
  const s = n.sentence.trim();
  if (s.length <= width) return s;
  let i = n.location.start ?? -1;
  if (i < 0 || s.slice(i, i + n.text.length) !== n.text) i = s.indexOf(n.text);
  if (i < 0) return `${s.slice(0, width)}…`;
  const from = Math.max(0, i - Math.floor(width / 2));
  const to = Math.min(s.length, from + width);
  return `${from > 0 ? '…' : ''}${s.slice(from, to)}${to < s.length ? '…' : ''}`;
}

/** “…sentence…”中的“141.96万元”（label）. */
export function describe(n: StatedNumber): string {
  const unit = n.unit === '' ? '' : n.unit;
  return `“${excerpt(n)}”中的“${n.text}${unit}”${n.label ? `（${n.label}）` : ''}`;
}
