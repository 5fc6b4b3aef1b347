/**
 * The extracted facts of a final-accounts report as a budget year (BudgetYearDoc, money in fen):
 * income and expenditure totals and their parts, 三公经费, 机关运行经费 and the balance sheet, each
 * from the first statement of its label (not a comparison, not in brackets). Shown for
 * confirmation, then saved through the budget service. Pure.
 */
import { emptyBudgetYearDoc, wanyuanToFen, type BudgetYearDoc, type IncomeSource } from '@bianban/contracts';
import type { StatedNumber } from '../../reports/domain/claims.js';
import type { CheckedDocument } from './check.js';

export interface BudgetProposal {
  year: number | null;
  department: string | null;
  doc: BudgetYearDoc;
  mapped: { field: string; label: string; value: string; line: number | null }[];
}

const INCOME: [RegExp, IncomeSource][] = [
  [/^一般公共预算财政拨款收入$/, 'generalBudget'],
  [/^政府性基金预算财政拨款收入$/, 'governmentFund'],
  [/^国有资本经营预算财政拨款收入$/, 'stateCapital'],
  [/^上级补助收入$/, 'superiorSubsidy'],
  [/^事业收入$/, 'businessIncome'],
  [/^经营收入$/, 'operatingIncome'],
  [/^附属单位上缴收入$/, 'subsidiaryRemit'],
  [/^其他收入$/, 'other'],
];

/** 万元 (or 元) as written → fen; null when not money. */
function fen(n: StatedNumber): number | null {
  if (n.unit === '万元') return wanyuanToFen(n.value);
  if (n.unit === '元') return Math.round(Number(n.value) * 100);
  return null;
}

export function budgetProposal(r: CheckedDocument): BudgetProposal {
  const doc = emptyBudgetYearDoc();
  const mapped: BudgetProposal['mapped'] = [];
  const used = new Set<string>();
  const pick = (re: RegExp): StatedNumber | undefined =>
    r.numbers.find(
      (n) =>
        n.label !== undefined &&
        re.test(n.label) &&
        (n.unit === '万元' || n.unit === '元') &&
        !/^(较|比|与)/.test(n.label),
    );
  const take = (field: string, re: RegExp, set: (v: number) => void) => {
    const n = pick(re);
    if (!n || used.has(field)) return;
    const v = fen(n);
    if (v === null) return;
    used.add(field);
    set(v);
    mapped.push({ field, label: n.label ?? '', value: `${n.value}${n.unit}`, line: n.location.line ?? null });
  };
  take('totals.grandTotal', /^收支总计$/, (v) => (doc.totals.grandTotal = v));
  take('totals.incomeTotal.final', /^收入合计$/, (v) => (doc.totals.incomeTotal.final = v));
  take('totals.expenditureTotal.final', /^支出合计$/, (v) => (doc.totals.expenditureTotal.final = v));
  take('totals.basicTotal.final', /^基本支出$/, (v) => (doc.totals.basicTotal.final = v));
  take('totals.projectTotal.final', /^项目支出$/, (v) => (doc.totals.projectTotal.final = v));
  take('totals.personnel.final', /^人员经费$/, (v) => (doc.totals.personnel.final = v));
  take('totals.operating.final', /^(日常)?公用经费$/, (v) => (doc.totals.operating.final = v));
  for (const [re, source] of INCOME) {
    take(`income.${source}`, re, (v) => doc.income.push({ source, initial: null, adjusted: null, final: v }));
  }
  take(
    'threePublic.total.final',
    /^三公经费财政拨款支出决算$|^三公经费支出$/,
    (v) => (doc.threePublic.total.final = v),
  );
  take('runningCost.final', /^机关运行经费支出$/, (v) => (doc.runningCost.final = v));
  take('assets.total', /^资产总额$/, (v) => (doc.assets.total = v));
  take('assets.liabilities', /^负债总额$/, (v) => (doc.assets.liabilities = v));
  take('assets.netAssets', /^净资产$/, (v) => (doc.assets.netAssets = v));
  take('assets.fixedAssets', /^固定资产$/, (v) => (doc.assets.fixedAssets = v));
  doc.notes = `由报告核查导入（${r.meta.department ?? '部门'}${r.meta.year ?? ''}年度报告），共${mapped.length}项，导入前已确认。`;
  return { year: r.meta.year, department: r.meta.department, doc, mapped };
}
