/**
 * The metrics registry: each standard metric computed from facts, exactly, with the inputs it
 * read and where they came from, so that the evaluation page and the report can show
 * "预算执行率 95.32% = 决算 156.96万元 ÷ 调整预算 164.67万元". A missing input or a zero
 * denominator is an error naming it — never a value computed from a silent zero.
 */
import {
  type BudgetStatedTotals,
  type BudgetYearFacts,
  type Fen,
  type MetricKey,
  type StagedAmount,
  METRICS,
  THREE_PUBLIC_PARTS,
  fenToWanyuan,
} from '@bianban/contracts';
import { type Dec, abs, dec, fromInt, isZero, percent, sub, ZERO, add } from './decimal.js';

export interface StaffFigures {
  /** Dates the roster was read at (ISO). */
  startDate: string;
  endDate: string;
  approvedEnd: number;
  actualStart: number;
  actualEnd: number;
  offCapEnd: number | null;
  offActualEnd: number | null;
}

export interface SurveyGroupResult {
  group: string;
  /** Valid questionnaires, and how many answered 满意 / 基本满意. */
  valid: number;
  satisfied: number;
  basicallySatisfied: number;
}

export interface MetricContext {
  facts: BudgetYearFacts | null;
  previous: BudgetYearFacts | null;
  staff: StaffFigures | null;
  surveys: readonly SurveyGroupResult[];
  rosterTransactions: number | null;
  /** Annual reports and inspections of the region (registration module); absent when not read. */
  registration?: RegistrationCounts | null;
}

/** What the registration module counts for a region and an evaluation year. */
export interface RegistrationCounts {
  /** The report year reviewed and published in the evaluation year (the evaluation year − 1). */
  reportYear: number;
  /** Institutions due to file for the report year. */
  reportsDue: number;
  /** Reports of the report year published. */
  reportsPublished: number;
  /** Institutions with a recorded result in the evaluation year's inspection campaigns. */
  inspectionsCompleted: number;
}

export interface MetricInput {
  label: string;
  value: string;
  source: string;
}

export type MetricResult =
  | { ok: true; key: MetricKey; value: Dec; unit: string; formula: string; inputs: MetricInput[] }
  | { ok: false; key: MetricKey; error: string; formula: string; inputs: MetricInput[] };

class MissingInput extends Error {}

/** Collects the inputs a formula reads, failing with the input's name when one is missing. */
class Reader {
  readonly inputs: MetricInput[] = [];
  constructor(private readonly year: number | null) {}

  money(label: string, fen: Fen | null | undefined, source: string): Dec {
    if (fen === null || fen === undefined) throw new MissingInput(`缺少${label}`);
    this.inputs.push({ label, value: `${fenToWanyuan(fen)}万元`, source });
    return fromInt(fen);
  }

  count(label: string, n: number | null | undefined, unit: string, source: string): Dec {
    if (n === null || n === undefined) throw new MissingInput(`缺少${label}`);
    this.inputs.push({ label, value: `${n}${unit}`, source });
    return fromInt(n);
  }

  /** Say when a total was read from the published table because its line items are not all entered. */
  stated(t: { fromStated: boolean }, what: string) {
    if (t.fromStated)
      this.inputs.push({ label: '说明', value: `${what}明细未全部录入，按表列合计计算`, source: this.finalSource });
  }

  /** The adjusted budget; an unadjusted year has none, and then the initial budget is the budget. */
  budget(label: string, s: StagedAmount, source: string): Dec {
    if (s.adjusted !== null) return this.money(`${label}调整预算数`, s.adjusted, source);
    return this.money(`${label}年初预算数（未调整）`, s.initial, source);
  }

  get budgetSource() {
    return this.year === null ? '部门预算' : `${this.year}年部门预算`;
  }
  get finalSource() {
    return this.year === null ? '部门决算' : `${this.year}年部门决算`;
  }
}

function sumStaged(parts: readonly StagedAmount[], stage: keyof StagedAmount): Fen | null {
  let total = 0;
  for (const p of parts) {
    const v = stage === 'adjusted' ? (p.adjusted ?? p.initial) : p[stage];
    if (v === null) return null;
    total += v;
  }
  return total;
}

/**
 * Totals by nature. The line items are the truth when every one is entered; a report that
 * publishes only the totals (seed 004 states 基本支出 and 项目支出 but not their parts) is read
 * through its stated totals, and the input says so.
 */
type Stated = Partial<
  Pick<BudgetStatedTotals, 'expenditureTotal' | 'basicTotal' | 'projectTotal' | 'threePublicTotal'>
>;
function statedOf(f: BudgetYearFacts): Stated {
  return (f as BudgetYearFacts & { stated?: Stated }).stated ?? {};
}
function orStated(sum: StagedAmount, stated: StagedAmount | undefined): StagedAmount & { fromStated: boolean } {
  const pick = (k: keyof StagedAmount) => sum[k] ?? stated?.[k] ?? null;
  const fromStated = (['initial', 'adjusted', 'final'] as const).some((k) => sum[k] === null && stated?.[k] != null);
  return { initial: pick('initial'), adjusted: pick('adjusted'), final: pick('final'), fromStated };
}
function basicOf(f: BudgetYearFacts) {
  return orStated(staged([f.basic.personnel, f.basic.operating]), statedOf(f).basicTotal);
}
function projectOf(f: BudgetYearFacts) {
  return orStated(f.projects.length ? staged(f.projects.map((p) => p.amount)) : none(), statedOf(f).projectTotal);
}
function expenditureOf(f: BudgetYearFacts) {
  const parts = [f.basic.personnel, f.basic.operating, ...f.projects.map((p) => p.amount)];
  return orStated(staged(parts), statedOf(f).expenditureTotal);
}
function none(): StagedAmount {
  return { initial: null, adjusted: null, final: null };
}

function staged(parts: StagedAmount[]): StagedAmount {
  return {
    initial: sumStaged(parts, 'initial'),
    adjusted: sumStaged(parts, 'adjusted'),
    final: sumStaged(parts, 'final'),
  };
}

function threePublicFinal(f: BudgetYearFacts): Fen | null {
  let t = 0;
  for (const p of THREE_PUBLIC_PARTS) {
    const v = f.threePublic[p].final;
    if (v === null) return statedOf(f).threePublicTotal?.final ?? null;
    t += v;
  }
  return t;
}
function threePublicPreviousStated(f: BudgetYearFacts): Fen | null {
  const x = f as BudgetYearFacts & { threePublicPrevious?: Record<string, Fen | null> };
  if (x.threePublicPrevious) {
    let t = 0;
    let all = true;
    for (const p of THREE_PUBLIC_PARTS) {
      const v = x.threePublicPrevious[p];
      if (v === null || v === undefined) all = false;
      else t += v;
    }
    if (all) return t;
  }
  return statedOf(f).threePublicTotal?.previousFinal ?? null;
}
function threePublicBudget(f: BudgetYearFacts): Fen | null {
  let t = 0;
  for (const p of THREE_PUBLIC_PARTS) {
    const v = f.threePublic[p].budget;
    if (v === null) return statedOf(f).threePublicTotal?.budget ?? null;
    t += v;
  }
  return t;
}

function rate(part: Dec, whole: Dec, wholeLabel: string): Dec {
  if (isZero(whole)) throw new MissingInput(`${wholeLabel}为0，无法计算`);
  return percent(part, whole);
}

function needFacts(ctx: MetricContext): BudgetYearFacts {
  if (!ctx.facts) throw new MissingInput('本年度尚未录入部门预算和决算');
  return ctx.facts;
}
function needStaff(ctx: MetricContext): StaffFigures {
  if (!ctx.staff) throw new MissingInput('无法读取实名制人员数据');
  return ctx.staff;
}

function needRegistration(ctx: MetricContext): RegistrationCounts {
  if (!ctx.registration) throw new MissingInput('无法读取事业单位法人年度报告和抽查数据');
  return ctx.registration;
}

const compute: Record<MetricKey, (ctx: MetricContext, r: Reader) => Dec> = {
  budgetExecutionRate: (ctx, r) => {
    const f = needFacts(ctx);
    const all = expenditureOf(f);
    r.stated(all, '支出');
    const fin = r.money('支出决算数', all.final, r.finalSource);
    const bud = r.budget('支出', all, r.budgetSource);
    return rate(fin, bud, '支出预算数');
  },
  basicExecutionRate: (ctx, r) => {
    const f = needFacts(ctx);
    const basic = basicOf(f);
    r.stated(basic, '基本支出');
    const fin = r.money('基本支出决算数', basic.final, r.finalSource);
    const bud = r.budget('基本支出', basic, r.budgetSource);
    return rate(fin, bud, '基本支出预算数');
  },
  projectExecutionRate: (ctx, r) => {
    const f = needFacts(ctx);
    const proj = projectOf(f);
    r.stated(proj, '项目支出');
    if (f.projects.length === 0 && proj.final === null) throw new MissingInput('本年度没有项目支出');
    const fin = r.money('项目支出决算数', proj.final, r.finalSource);
    const bud = r.budget('项目支出', proj, r.budgetSource);
    return rate(fin, bud, '项目支出预算数');
  },
  budgetAdjustmentRate: (ctx, r) => {
    const f = needFacts(ctx);
    const all = expenditureOf(f);
    const initial = r.money('支出年初预算数', all.initial, r.budgetSource);
    const adjusted = r.money('支出调整预算数', all.adjusted, r.budgetSource);
    return rate(abs(sub(adjusted, initial)), initial, '支出年初预算数');
  },
  paymentProgress: (ctx, r) => {
    const f = needFacts(ctx);
    if (f.projects.length === 0) throw new MissingInput('本年度没有项目支出');
    let allocated = ZERO;
    for (const p of f.projects)
      allocated = add(allocated, r.money(`“${p.name}”已下达资金`, p.allocated, '财政指标下达'));
    const bud = r.budget('项目支出', projectOf(f), r.budgetSource);
    return rate(allocated, bud, '项目支出预算数');
  },
  carryOverRate: (ctx, r) => {
    const f = needFacts(ctx);
    const out = r.money('年末结转和结余', f.carryOut, r.finalSource);
    const bud = r.budget('支出', expenditureOf(f), r.budgetSource);
    return rate(out, bud, '支出预算数');
  },
  carryOverChangeRate: (ctx, r) => {
    const f = needFacts(ctx);
    const now = r.money('本年年末结转和结余', f.carryOut, r.finalSource);
    // Last year's closing balance is this year's opening one (年初结转和结余) when last year is not entered.
    const before = ctx.previous
      ? r.money('上年年末结转和结余', ctx.previous.carryOut, `${ctx.previous.year}年部门决算`)
      : r.money('上年年末结转和结余（即本年年初结转和结余）', f.carryIn, r.finalSource);
    return rate(sub(now, before), before, '上年年末结转和结余');
  },
  balanceToCarryIn: (ctx, r) => {
    const f = needFacts(ctx);
    const out = r.money('年末结转和结余', f.carryOut, r.finalSource);
    if (isZero(out)) return ZERO;
    const carryIn = r.money('年初结转和结余', f.carryIn, r.finalSource);
    // A balance with nothing carried in exceeds the carry-in by definition.
    if (isZero(carryIn)) return dec(1_000_000n);
    return percent(out, carryIn);
  },
  threePublicChangeRate: (ctx, r) => {
    const f = needFacts(ctx);
    const now = r.money('本年“三公经费”决算数', threePublicFinal(f), r.finalSource);
    // Last year's figure: its own final accounts when entered, else the 上年决算数 column of this year's table.
    const before = ctx.previous
      ? r.money('上年“三公经费”决算数', threePublicFinal(ctx.previous), `${ctx.previous.year}年部门决算`)
      : r.money('上年“三公经费”决算数（本年“三公”表所列）', threePublicPreviousStated(f), r.finalSource);
    if (isZero(before)) {
      // Nothing spent last year: no change when nothing is spent now either, otherwise an increase with no base.
      if (isZero(now)) return ZERO;
      throw new MissingInput('上年“三公经费”决算数为0，变动率无法计算');
    }
    return percent(sub(now, before), before);
  },
  threePublicControlRate: (ctx, r) => {
    const f = needFacts(ctx);
    const fin = r.money('“三公经费”决算数', threePublicFinal(f), r.finalSource);
    const bud = r.money('“三公经费”预算数', threePublicBudget(f), r.budgetSource);
    if (isZero(bud) && isZero(fin)) return ZERO;
    return rate(fin, bud, '“三公经费”预算数');
  },
  operatingControlRate: (ctx, r) => {
    const f = needFacts(ctx);
    const fin = r.money('公用经费决算数', f.basic.operating.final, r.finalSource);
    const bud = r.budget('公用经费', f.basic.operating, r.budgetSource);
    return rate(fin, bud, '公用经费预算数');
  },
  staffControlRate: (ctx, r) => {
    const s = needStaff(ctx);
    const actual = r.count('年末在编在职人数', s.actualEnd, '人', `实名制（${s.endDate}）`);
    const approved = r.count('年末编制数', s.approvedEnd, '名', `机构编制（${s.endDate}）`);
    return rate(actual, approved, '编制数');
  },
  fiscalStaffControlRate: (ctx, r) => {
    const s = needStaff(ctx);
    const actual = r.count('年末在编在职人数', s.actualEnd, '人', `实名制（${s.endDate}）`);
    const off = r.count('年末编外用工人数', s.offActualEnd, '人', `编外用工报表（${s.endDate}）`);
    const approved = r.count('年末编制数', s.approvedEnd, '名', `机构编制（${s.endDate}）`);
    const cap = r.count('编外用工控制数', s.offCapEnd, '人', `编外用工控制数（${s.endDate}）`);
    return rate(add(actual, off), add(approved, cap), '编制数与编外用工控制数之和');
  },
  procurementExecutionRate: (ctx, r) => {
    const f = needFacts(ctx);
    const p = f.procurement;
    const done = add(
      add(r.money('政府采购货物', p.goods, r.finalSource), r.money('政府采购工程', p.works, r.finalSource)),
      r.money('政府采购服务', p.services, r.finalSource),
    );
    const planned = r.money('政府采购预算数', p.planned, r.budgetSource);
    return rate(done, planned, '政府采购预算数');
  },
  officialCardRate: (ctx, r) => {
    const f = needFacts(ctx);
    const paid = r.money('公务卡结算金额', f.officialCard.paid, '公务卡结算记录');
    const eligible = r.money('应使用公务卡结算金额', f.officialCard.eligible, '公务卡结算记录');
    return rate(paid, eligible, '应使用公务卡结算金额');
  },
  fixedAssetUtilisation: (ctx, r) => {
    const f = needFacts(ctx);
    const inUse = r.money('在用固定资产', f.assets.fixedAssetsInUse, '国有资产报表');
    const total = r.money('固定资产总额', f.assets.fixedAssets, '国有资产报表');
    return rate(inUse, total, '固定资产总额');
  },
  keyExpenditureRate: (ctx, r) => {
    const f = needFacts(ctx);
    const arranged = r.money('重点项目支出', f.keyExpenditure.arranged, r.budgetSource);
    const total = r.money('项目支出总额', f.keyExpenditure.total, r.budgetSource);
    return rate(arranged, total, '项目支出总额');
  },
  satisfaction: (ctx, r) => {
    if (ctx.surveys.length === 0) throw new MissingInput('尚未录入满意度调查');
    let valid = ZERO;
    let yes = ZERO;
    for (const g of ctx.surveys) {
      valid = add(valid, r.count(`${g.group}有效问卷`, g.valid, '份', '满意度调查'));
      yes = add(yes, r.count(`${g.group}满意及基本满意`, g.satisfied + g.basicallySatisfied, '份', '满意度调查'));
    }
    return rate(yes, valid, '有效问卷份数');
  },
  rosterTransactions: (ctx, r) => {
    if (ctx.rosterTransactions === null) throw new MissingInput('无法读取实名制业务办理记录');
    return r.count('本年度上编、下编、调动人次', ctx.rosterTransactions, '人次', '实名制');
  },
  annualReportsPublished: (ctx, r) => {
    const c = needRegistration(ctx);
    return r.count(`${c.reportYear}年度年度报告已公示数`, c.reportsPublished, '个', '事业单位法人年度报告');
  },
  annualReportPublicationRate: (ctx, r) => {
    const c = needRegistration(ctx);
    const published = r.count(`${c.reportYear}年度年度报告已公示数`, c.reportsPublished, '个', '事业单位法人年度报告');
    const due = r.count(`${c.reportYear}年度应报送年度报告的事业单位数`, c.reportsDue, '个', '事业单位法人登记簿');
    return rate(published, due, '应报送年度报告的事业单位数');
  },
  inspectionsCompleted: (ctx, r) => {
    const c = needRegistration(ctx);
    return r.count('本年度公示信息抽查完成数', c.inspectionsCompleted, '个', '双随机抽查');
  },
};

export function computeMetric(key: MetricKey, ctx: MetricContext): MetricResult {
  const def = METRICS[key];
  const r = new Reader(ctx.facts?.year ?? null);
  try {
    const value = compute[key](ctx, r);
    return { ok: true, key, value, unit: def.unit, formula: def.formula, inputs: r.inputs };
  } catch (e) {
    if (e instanceof MissingInput)
      return { ok: false, key, error: `${def.label}：${e.message}`, formula: def.formula, inputs: r.inputs };
    throw e;
  }
}

/** 满意度 per respondent group, for display beside the combined value. */
export function satisfactionByGroup(surveys: readonly SurveyGroupResult[]): { group: string; rate: Dec | null }[] {
  return surveys.map((g) => ({
    group: g.group,
    rate: g.valid === 0 ? null : percent(fromInt(g.satisfied + g.basicallySatisfied), fromInt(g.valid)),
  }));
}
