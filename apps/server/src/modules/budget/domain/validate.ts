/**
 * The rules a budget year must satisfy to be stored (errors, unlike the identity warnings of
 * `budgetIdentityWarnings`): no negative amounts outside the few lines that allow them, codes that
 * exist in the year's classification, 三公经费 as its four parts, no line entered twice. Pure: the
 * caller says how a finding is located (form table and row, or sheet, row and column).
 */
import {
  BUDGET_STAGE_LABELS,
  INCOME_SOURCE_LABELS,
  NEGATIVE_ALLOWED,
  THREE_PUBLIC_LABELS,
  type BudgetYearDoc,
} from '@bianban/contracts';
import type { YearClassification } from './classification.js';

export const BUDGET_TABLES = {
  totals: '收入支出决算总表',
  income: '收入决算表',
  functionLines: '支出决算表（按功能分类）',
  economicLines: '基本支出决算表（按经济分类）',
  projects: '项目支出表',
  threePublic: '“三公”经费表',
  runningCost: '机关运行经费',
  procurement: '政府采购',
  officialCard: '公务卡结算',
  keyExpenditure: '重点支出',
  assets: '国有资产',
} as const;
export type BudgetTable = keyof typeof BUDGET_TABLES;

export const BUDGET_RULES = {
  negativeAmount: '金额不能为负数',
  unknownFunctionCode: '功能分类科目不存在',
  unknownEconomicCode: '经济分类科目不存在',
  threePublicParts: '三公经费须按分项填写',
  duplicateLine: '重复的行',
} as const;
export type BudgetRule = keyof typeof BUDGET_RULES;

/** Field labels as the published tables head their columns. */
export const FIELD_LABELS: Record<string, string> = {
  ...BUDGET_STAGE_LABELS,
  basicFinal: '基本支出（决算）',
  projectFinal: '项目支出（决算）',
  budget: '预算数',
  previousFinal: '上年决算数',
  allocated: '已下达数',
  grandTotal: '收、支总计',
  carryIn: '年初结转和结余',
  carryOut: '年末结转和结余',
  planned: '政府采购预算',
  goods: '货物',
  works: '工程',
  services: '服务',
  smeAwarded: '授予中小企业合同金额',
  paid: '公务卡结算金额',
  eligible: '应使用公务卡结算金额',
  arranged: '重点支出安排数',
  total: '合计',
  liabilities: '负债总额',
  netAssets: '净资产',
  fixedAssets: '固定资产',
  fixedAssetsInUse: '在用固定资产',
  functionCode: '功能分类科目编码',
  economicCode: '经济分类科目编码',
  name: '项目名称',
  part: '分项',
  source: '收入来源',
};

export interface BudgetFinding {
  rule: BudgetRule;
  table: BudgetTable;
  /** Index in the table's lines (0-based), or null for the table's single record. */
  index: number | null;
  /** Which line: a sub-record name (e.g. incomeTotal) or null. */
  record: string | null;
  field: string | null;
  /** The line as a reader names it, e.g. “2013101 行政运行”. */
  rowLabel: string | null;
  message: string;
}

const RECORD_LABELS: Record<string, string> = {
  incomeTotal: '本年收入合计',
  expenditureTotal: '本年支出合计',
  basicTotal: '基本支出',
  projectTotal: '项目支出',
  personnel: '人员经费',
  operating: '公用经费',
  total: '合计',
};

/** “支出决算表（按功能分类）第2行（2013101 行政运行）“决算数””: where a finding is, for the entry form. */
export function describeLocation(f: BudgetFinding): string {
  const row = f.index !== null ? `第${f.index + 1}行` : '';
  const label = f.rowLabel ?? (f.record ? (RECORD_LABELS[f.record] ?? null) : null);
  return `${BUDGET_TABLES[f.table]}${row}${label ? `（${label}）` : ''}${f.field ? `“${FIELD_LABELS[f.field] ?? f.field}”` : ''}`;
}

export function validateBudgetDoc(doc: BudgetYearDoc, cls: YearClassification): BudgetFinding[] {
  const out: BudgetFinding[] = [];
  const push = (f: Omit<BudgetFinding, 'record' | 'rowLabel'> & Partial<Pick<BudgetFinding, 'record' | 'rowLabel'>>) =>
    out.push({ record: null, rowLabel: null, ...f });
  const allowed = new Set<string>(NEGATIVE_ALLOWED);

  const money = (
    table: BudgetTable,
    index: number | null,
    record: string | null,
    rowLabel: string | null,
    values: Record<string, unknown>,
    path: string,
  ) => {
    for (const [field, v] of Object.entries(values)) {
      if (typeof v !== 'number' || v >= 0) continue;
      if (allowed.has(path ? `${path}.${field}` : field)) continue;
      push({ rule: 'negativeAmount', table, index, record, rowLabel, field, message: '不能为负数' });
    }
  };
  const duplicates = <T>(
    table: BudgetTable,
    lines: T[],
    key: (l: T) => string,
    label: (l: T) => string,
    what: string,
  ) => {
    const seen = new Map<string, number>();
    lines.forEach((l, i) => {
      const k = key(l);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else
        push({
          rule: 'duplicateLine',
          table,
          index: i,
          field: null,
          rowLabel: label(l),
          message: `与第${first + 1}行${what}重复，同一${what}只能填一行`,
        });
    });
  };

  // 收入支出决算总表
  const t = doc.totals;
  for (const rec of [
    'incomeTotal',
    'expenditureTotal',
    'basicTotal',
    'projectTotal',
    'personnel',
    'operating',
  ] as const)
    money('totals', null, rec, null, t[rec], '');
  money('totals', null, null, null, { grandTotal: t.grandTotal, carryIn: t.carryIn, carryOut: t.carryOut }, '');

  // 收入决算表
  doc.income.forEach((l, i) =>
    money(
      'income',
      i,
      null,
      INCOME_SOURCE_LABELS[l.source],
      { initial: l.initial, adjusted: l.adjusted, final: l.final },
      '',
    ),
  );
  duplicates(
    'income',
    doc.income,
    (l) => l.source,
    (l) => INCOME_SOURCE_LABELS[l.source],
    '收入来源',
  );

  // 支出决算表（按功能分类）
  doc.functionLines.forEach((l, i) => {
    const known = cls.function.get(l.functionCode);
    const rowLabel = `${l.functionCode}${l.functionName ? ` ${l.functionName}` : known ? ` ${known.name}` : ''}`;
    if (!known)
      push({
        rule: 'unknownFunctionCode',
        table: 'functionLines',
        index: i,
        field: 'functionCode',
        rowLabel,
        message: `科目“${l.functionCode}”不在${cls.year}年政府收支分类科目中`,
      });
    const { functionCode: _c, functionName: _n, ...amounts } = l;
    money('functionLines', i, null, rowLabel, amounts, '');
  });
  duplicates(
    'functionLines',
    doc.functionLines,
    (l) => l.functionCode,
    (l) => l.functionCode,
    '科目',
  );

  // 基本支出决算表（按经济分类）
  doc.economicLines.forEach((l, i) => {
    const known = cls.economic.get(l.economicCode);
    const rowLabel = `${l.economicCode}${l.economicName ? ` ${l.economicName}` : known ? ` ${known.name}` : ''}`;
    if (!known)
      push({
        rule: 'unknownEconomicCode',
        table: 'economicLines',
        index: i,
        field: 'economicCode',
        rowLabel,
        message: `科目“${l.economicCode}”不在部门预算支出经济分类科目中`,
      });
    money('economicLines', i, null, rowLabel, { final: l.final }, '');
  });
  duplicates(
    'economicLines',
    doc.economicLines,
    (l) => l.economicCode,
    (l) => l.economicCode,
    '科目',
  );

  // 项目支出表
  doc.projects.forEach((p, i) =>
    money(
      'projects',
      i,
      null,
      p.name,
      { initial: p.initial, adjusted: p.adjusted, final: p.final, allocated: p.allocated },
      '',
    ),
  );
  duplicates(
    'projects',
    doc.projects,
    (p) => p.name.replace(/\s+/g, ''),
    (p) => p.name,
    '项目名称',
  );

  // “三公”经费表: parts, not a lump. A total alone is kept only when the report publishes no parts.
  const tp = doc.threePublic;
  tp.lines.forEach((l, i) =>
    money(
      'threePublic',
      i,
      null,
      THREE_PUBLIC_LABELS[l.part],
      { budget: l.budget, final: l.final, previousFinal: l.previousFinal },
      '',
    ),
  );
  duplicates(
    'threePublic',
    tp.lines,
    (l) => l.part,
    (l) => THREE_PUBLIC_LABELS[l.part],
    '分项',
  );
  money('threePublic', null, 'total', null, tp.total, '');
  for (const field of ['budget', 'final', 'previousFinal'] as const) {
    if (tp.total[field] === null) continue;
    if (tp.lines.some((l) => l[field] !== null))
      push({
        rule: 'threePublicParts',
        table: 'threePublic',
        index: null,
        record: 'total',
        field,
        message:
          '已按分项（因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费）填写，合计由分项相加，不能另填；只有报告未公开分项时才填合计',
      });
  }

  money('runningCost', null, null, null, doc.runningCost, 'runningCost');
  money('procurement', null, null, null, doc.procurement, 'procurement');
  money('officialCard', null, null, null, doc.officialCard, 'officialCard');
  money('keyExpenditure', null, null, null, doc.keyExpenditure, 'keyExpenditure');
  const { vehicles: _v, largeEquipment: _e, ...assetAmounts } = doc.assets;
  money('assets', null, null, null, assetAmounts, 'assets');
  return out;
}
