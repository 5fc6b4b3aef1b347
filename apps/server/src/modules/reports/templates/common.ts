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
  /** The subordinates managed under the civil-service law (参照公务员法管理), by name. */
  civilServantManaged?: string[];
}

export interface StaffFacts {
  asOf: string;
  rows: { type: string; label: string; approved: number; actual: number }[];
  total: { approved: number; actual: number };
  /** The same figures a year earlier (the year's start), when the unit existed then. */
  previous?: { asOf: string; rows: StaffFacts['rows']; total: StaffFacts['total'] } | null;
  /** Enrolments and disenrolments during the year in the unit and its subtree (date, reason, type). */
  movements?: { direction: 'in' | 'out'; date: string; reason: string; type: string }[];
}

/**
 * The year's work the platform records for the region, read when the report is the staffing
 * office's own (reports.facts.ts): establishment decisions applied, the annual reports of the year
 * before filed and published, codes issued, institutions inspected, enrolments and disenrolments.
 */
export interface WorkFacts {
  regionCode: string;
  /** Establishment decisions applied in the year (机构编制事项). */
  decisionsApplied: number;
  /** 事业单位法人年度报告 of `reportYear` (the year − 1), as of the year end. */
  annualReports: { reportYear: number; due: number; filed: number; published: number };
  /** Legal persons given a 统一社会信用代码 in the year (登记 and 赋码). */
  codesIssued: number;
  /** Institutions with a recorded result in the year's 双随机 campaigns. */
  inspected: number;
  /** Placements begun (上编) and ended (下编) in the year, region-wide. */
  enrolled: number;
  disenrolled: number;
}

export interface ReportFacts {
  unit: UnitFacts;
  year: number;
  budget: BudgetYearFactsExtended | null;
  previous: BudgetYearFactsExtended | null;
  staff: StaffFacts | null;
  evaluation?: z.infer<typeof EvaluationDetail> | undefined;
  projects?: z.infer<typeof ProjectSheetView>[] | undefined;
  /** The office's work in the year (only in the staffing office's own reports). */
  work?: WorkFacts | null | undefined;
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

/**
 * 资产 at the year end, in seed 000's sentence (its 资产情况, L10): "资产总额10.93万元（较上年…）。负债总额
 * -0.1万元。净资产11.03万元。固定资产10.82万元，占资产总额的98.99%，其中在用固定资产…"; each figure
 * against the previous year's when that year holds it. 净资产 = 资产总额 − 负债总额 is declared. Null
 * when the year holds none of them.
 */
export function assetSentences(say: Say, b: BudgetYearFactsExtended, p: BudgetYearFactsExtended | null): Part[] | null {
  const a = b.assets;
  const pa = p?.assets;
  const vsPrev = (id: string, fen: number, prev: number | null | undefined, label: string, path: string): Part[] => {
    if (prev === null || prev === undefined) {
      say.c.note(`未与上年比较“${label}”：上年的该项数据未填报（${fk(say.f, say.f.year - 1, path)}）`);
      return [];
    }
    const cmp = say.compare(id, { id, fen }, prev, label, path, {
      year: say.f.year - 1,
      lead: '较上年',
      what: '上年',
      key: 'change',
    });
    return cmp.length ? ['，', ...cmp] : [];
  };
  const out: Part[][] = [];
  let total: Num | null = null;
  if (a.total !== null) {
    total = say.money('assets.total', a.total, '资产总额', 'assets.total');
    out.push(['资产总额', total, ...vsPrev(total.id, a.total, pa?.total, '资产总额', 'assets.total')]);
  }
  let liabilities: Num | null = null;
  if (a.liabilities !== null) {
    liabilities = say.money('assets.liabilities', a.liabilities, '负债总额', 'assets.liabilities');
    out.push([
      '负债总额',
      liabilities,
      ...vsPrev(liabilities.id, a.liabilities, pa?.liabilities, '负债总额', 'assets.liabilities'),
    ]);
  }
  if (a.netAssets !== null) {
    const net = say.money('assets.net', a.netAssets, '净资产', 'assets.netAssets');
    if (total && liabilities)
      say.c.check({
        kind: 'identity',
        label: '净资产 = 资产总额 − 负债总额',
        plus: [total.id],
        minus: [liabilities.id],
        result: net.id,
      });
    out.push(['净资产', net, ...vsPrev(net.id, a.netAssets, pa?.netAssets, '净资产', 'assets.netAssets')]);
  }
  if (a.fixedAssets !== null) {
    const fixed = say.money('assets.fixed', a.fixedAssets, '固定资产', 'assets.fixedAssets');
    const sh =
      total && a.total !== null
        ? say.shareOf(
            'assets.fixed.share',
            { id: fixed.id, fen: a.fixedAssets },
            { id: total.id, fen: a.total },
            '固定资产占资产总额的比重',
          )
        : null;
    const inUse: Part[] = [];
    if (a.fixedAssetsInUse !== null) {
      const n = say.money('assets.fixedInUse', a.fixedAssetsInUse, '在用固定资产', 'assets.fixedAssetsInUse');
      const s = say.shareOf(
        'assets.fixedInUse.share',
        { id: n.id, fen: a.fixedAssetsInUse },
        { id: fixed.id, fen: a.fixedAssets },
        '在用固定资产占固定资产的比重',
      );
      inUse.push('，其中在用固定资产', n, ...(s ? ['，占固定资产的', s] : []));
    }
    out.push([
      '固定资产',
      fixed,
      ...vsPrev(fixed.id, a.fixedAssets, pa?.fixedAssets, '固定资产', 'assets.fixedAssets'),
      ...(sh ? ['，占资产总额的', sh] : []),
      ...inUse,
    ]);
  }
  return out.length ? joinParts(out, '。') : null;
}

/**
 * The year's work in the seeds' sentences (000:L41–45 "按期完成682个事业单位法人年度报告审查和公示工作",
 * "按期完成135个事业单位法人公示信息抽查", "办理初设和变更赋码29项"; 002:L25 "共审核办理上下编人员手续345人"),
 * each count bound to its fact with an `expected` check, and 公示 ≤ 已报 ≤ 应报 declared. A sentence
 * whose count is zero is left out (and noted): the platform holds no such work that year, which is
 * not the same as the office having done none. Null when no sentence is left.
 */
export function workSentences(c: Composer, f: ReportFacts): Part[] | null {
  const w = f.work;
  if (!w) return null;
  const y = f.year;
  const key = (fact: string, year = y) => `work:${w.regionCode}:${year}:${fact}`;
  const count = (id: string, v: number, unit: '个' | '项' | '人', label: string, fact: string, year = y): Num => {
    const n = c.num(id, String(v), unit, label, key(fact, year));
    c.check({
      kind: 'expected',
      label,
      stated: n.id,
      expected: String(v),
      expectedDecimals: 0,
      source: key(fact, year),
    });
    return n;
  };
  const out: Part[][] = [];
  const skip = (what: string, fact: string, year = y) =>
    c.note(`未写${what}：平台没有${year}年的记录（${key(fact, year)}）`);
  if (w.decisionsApplied > 0)
    out.push([
      '全年办理机构编制事项',
      count('work.decisions', w.decisionsApplied, '项', `${y}年办理机构编制事项`, 'decisionsApplied'),
    ]);
  else skip('办理机构编制事项', 'decisionsApplied');
  const ar = w.annualReports;
  if (ar.filed > 0) {
    const due = count(
      'work.annual.due',
      ar.due,
      '个',
      `${ar.reportYear}年度报告应报`,
      'annualReports.due',
      ar.reportYear,
    );
    const filed = count(
      'work.annual.filed',
      ar.filed,
      '个',
      `${ar.reportYear}年度报告已报`,
      'annualReports.filed',
      ar.reportYear,
    );
    const pub = count(
      'work.annual.published',
      ar.published,
      '个',
      `${ar.reportYear}年度报告公示`,
      'annualReports.published',
      ar.reportYear,
    );
    c.check({ kind: 'atMost', label: '年度报告已报数不超过应报数', part: filed.id, whole: due.id });
    c.check({ kind: 'atMost', label: '年度报告公示数不超过已报数', part: pub.id, whole: filed.id });
    out.push([`事业单位法人${ar.reportYear}年度报告应报`, due, '，已报', filed, '，公示', pub]);
  } else skip('事业单位法人年度报告', 'annualReports.filed', ar.reportYear);
  if (w.codesIssued > 0)
    out.push([
      '赋予统一社会信用代码',
      count('work.codes', w.codesIssued, '个', `${y}年赋予统一社会信用代码`, 'codesIssued'),
    ]);
  else skip('赋码', 'codesIssued');
  if (w.inspected > 0)
    out.push([
      '开展“双随机”抽查事业单位法人',
      count('work.inspected', w.inspected, '个', `${y}年“双随机”抽查事业单位法人`, 'inspected'),
    ]);
  else skip('“双随机”抽查', 'inspected');
  if (w.enrolled > 0 || w.disenrolled > 0) {
    const moves: Part[][] = [];
    if (w.enrolled > 0)
      moves.push(['上编', count('work.enrolled', w.enrolled, '人', `${y}年办理上编人数`, 'enrolled')]);
    if (w.disenrolled > 0)
      moves.push(['下编', count('work.disenrolled', w.disenrolled, '人', `${y}年办理下编人数`, 'disenrolled')]);
    out.push(['办理人员', ...joinParts(moves, '、')]);
  } else skip('上下编', 'enrolled');
  if (!out.length) return null;
  return [`${y}年，`, ...joinParts(out, '；'), '。'];
}
