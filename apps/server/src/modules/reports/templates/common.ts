/**
 * What the templates read (facts gathered by reports.facts.ts, plain data) and the helpers they
 * share: fact keys, the named error for a missing fact, and the sentence pieces that bind a
 * number with its source and declare its check.
 */
import type { BudgetYearFactsExtended, EvaluationDetail, ProjectSheetView, StagedAmount } from '@bianban/contracts';
import type { z } from 'zod';
import type { Image } from '../../../platform/documents/index.js';
import type { ChartSpec } from '../charts.js';
import type { Composer, Num, Part } from '../domain/compose.js';
import { decText, growth, share, wan } from '../domain/numbers.js';

export interface UnitFacts {
  id: string;
  name: string;
  functionsText: string | null;
  internalOffices: string[];
  subordinates: string[];
}

export interface StaffFacts {
  asOf: string;
  rows: { type: string; label: string; approved: number; actual: number }[];
  total: { approved: number; actual: number };
}

export interface ReportFacts {
  unit: UnitFacts;
  year: number;
  budget: BudgetYearFactsExtended | null;
  previous: BudgetYearFactsExtended | null;
  staff: StaffFacts | null;
  evaluation?: z.infer<typeof EvaluationDetail> | undefined;
  projects?: z.infer<typeof ProjectSheetView>[] | undefined;
}

/** Draws a chart into a document image; `null` leaves a placeholder (building for checks only). */
export type ChartDrawer = ((spec: ChartSpec, alt: string) => Image) | null;

/** A fact the template needs is missing: the message names it; never "null" or "NaN" in a report. */
export class MissingFact extends Error {
  constructor(
    readonly fact: string,
    message: string,
  ) {
    super(message);
  }
}

export const CN_NUM = [
  '零',
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

/** The budget facts of the year, or a named error. */
export function needBudget(f: ReportFacts): BudgetYearFactsExtended {
  if (!f.budget)
    throw new MissingFact(
      `budget:${f.unit.id}:${f.year}`,
      `${f.unit.name}${f.year}年度的部门预算和决算尚未填报，报告无法生成（请先在“部门预算和决算”中录入${f.year}年度）`,
    );
  return f.budget;
}

export function need<T>(v: T | null | undefined, fact: string, message: string): T {
  if (v === null || v === undefined) throw new MissingFact(fact, message);
  return v;
}

/** Fact key: `budget:<unit>:<year>:<path>`. */
export const fk = (f: { unit: { id: string } }, year: number, path: string) => `budget:${f.unit.id}:${year}:${path}`;

export const finalOf = (s: StagedAmount): number | null => s.final;
export const budgetOf = (s: StagedAmount): number | null => s.adjusted ?? s.initial;

/** Sentence helpers bound to a composer. */
export class Say {
  constructor(
    readonly c: Composer,
    readonly f: ReportFacts,
  ) {}

  money(id: string, fen: number, label: string, path: string, year = this.f.year): Num {
    return this.c.num(id, wan(fen), '万元', label, fk(this.f, year, path));
  }

  /** "占X%" with its share check, or nothing when the whole is zero. */
  shareOf(
    id: string,
    part: { id: string; fen: number },
    whole: { id: string; fen: number },
    label: string,
  ): Num | null {
    const s = share(part.fen, whole.fen);
    if (s === null) return null;
    const n = this.c.num(id, decText(s), '%', label, `calc:${part.id}÷${whole.id}`);
    this.c.check({ kind: 'share', label, share: n.id, part: part.id, whole: whole.id });
    return n;
  }

  /**
   * "与Y−1年相比，…增加X万元，增长Y%" — the change and the rate divide by the previous year. Without
   * the previous year's figure the comparison is left out and noted.
   */
  compare(
    id: string,
    cur: { id: string; fen: number },
    prev: number | null,
    label: string,
    prevPath: string,
    against: { year: number; lead: string; what: string; key: string } = {
      year: this.f.year - 1,
      lead: `与${this.f.year - 1}年相比，`,
      what: '上年',
      key: 'change',
    },
  ): Part[] {
    const fact = fk(this.f, against.year, prevPath);
    if (prev === null) {
      this.c.note(`未与${against.what}比较“${label}”：${against.what}的该项数据未填报（${fact}）`);
      return [];
    }
    const delta = cur.fen - prev;
    if (delta === 0) return [`${against.lead.replace(/相比，$/, '')}持平`];
    const up = delta > 0;
    const change = this.c.num(
      `${id}.${against.key}`,
      wan(Math.abs(delta)),
      '万元',
      `${label}较${against.what}变动额`,
      `calc:${cur.id}−${fact}`,
    );
    this.c.check({
      kind: 'expected',
      label: `${label}较${against.what}变动额`,
      stated: change.id,
      expected: wan(Math.abs(delta)),
      expectedDecimals: 2,
      source: fact,
    });
    const parts: Part[] = [`${against.lead}${up ? '增加' : '减少'}`, change];
    const g = growth(cur.fen, prev);
    if (g !== null) {
      const rate = this.c.num(
        `${id}.${against.key}Rate`,
        decText(g.n < 0n ? { n: -g.n, d: g.d } : g),
        '%',
        `${label}较${against.what}${up ? '增长' : '下降'}率`,
        `calc:(${cur.id}−${against.what})÷${against.what}`,
      );
      this.c.check({
        kind: 'growth',
        label: `${label}较${against.what}${up ? '增长' : '下降'}率`,
        rate: rate.id,
        current: cur.id,
        change: change.id,
        direction: up ? 'up' : 'down',
      });
      parts.push(`，${up ? '增长' : '下降'}`, rate);
    }
    return parts;
  }

  /** "较年初预算数增加X万元，增长Y%" against the year's initial budget. */
  vsBudget(id: string, cur: { id: string; fen: number }, budget: number | null, label: string, path: string): Part[] {
    if (budget === null) return [];
    return this.compare(id, cur, budget, label, path, {
      year: this.f.year,
      lead: '较年初预算数',
      what: '年初预算数',
      key: 'vsBudget',
    });
  }
}

/** Joins parts with a separator string. */
export function joinParts(items: Part[][], sep: string): Part[] {
  const out: Part[] = [];
  items.forEach((it, i) => {
    if (i) out.push(sep);
    out.push(...it);
  });
  return out;
}
