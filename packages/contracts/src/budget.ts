/**
 * Budget and final accounts (部门预算和决算) of one department for one year, as the facts the
 * metrics, evaluations and reports read. Money is integer fen (分) everywhere; display is 万元
 * with two decimals. `null` means "not entered", which is different from 0 — a metric that needs
 * a missing input says so instead of computing with a zero.
 *
 * This file is the contract between the budget module (which stores, edits and imports these
 * facts) and the performance module (which only reads them through `BudgetYearFacts`).
 */
import { z } from 'zod';

/** Amount in fen. Non-negative unless the table allows negatives (carry-over adjustments). */
export type Fen = number;

export const INCOME_SOURCES = [
  'generalBudget',
  'governmentFund',
  'stateCapital',
  'superiorSubsidy',
  'businessIncome',
  'operatingIncome',
  'subsidiaryRemit',
  'other',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: Record<IncomeSource, string> = {
  generalBudget: '一般公共预算财政拨款收入',
  governmentFund: '政府性基金预算财政拨款收入',
  stateCapital: '国有资本经营预算财政拨款收入',
  superiorSubsidy: '上级补助收入',
  businessIncome: '事业收入',
  operatingIncome: '经营收入',
  subsidiaryRemit: '附属单位上缴收入',
  other: '其他收入',
};

/** The three stages a budget figure goes through in a year. */
export const BUDGET_STAGES = ['initial', 'adjusted', 'final'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];
export const BUDGET_STAGE_LABELS: Record<BudgetStage, string> = {
  initial: '年初预算数',
  adjusted: '调整预算数',
  final: '决算数',
};
export interface StagedAmount {
  initial: Fen | null;
  adjusted: Fen | null;
  final: Fen | null;
}

/** 三公经费: the four parts as published. */
export const THREE_PUBLIC_PARTS = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
export type ThreePublicPart = (typeof THREE_PUBLIC_PARTS)[number];
export const THREE_PUBLIC_LABELS: Record<ThreePublicPart, string> = {
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};

export interface ExpenditureLine {
  /** 政府收支分类科目 function code: 3 digits (类), 5 (款) or 7 (项). */
  functionCode: string;
  functionName: string;
  /** Budget (initial/adjusted) and final of the line, of which basic and project in the final. */
  amount: StagedAmount;
  basicFinal: Fen | null;
  projectFinal: Fen | null;
}

export interface EconomicLine {
  /** 部门预算支出经济分类 code, e.g. 301 (工资福利支出), 30101 (基本工资), 302 (商品和服务支出). */
  economicCode: string;
  economicName: string;
  final: Fen | null;
}

export interface ProjectFacts {
  projectId: string;
  name: string;
  amount: StagedAmount;
  /** Funds actually allocated (下达) by the finance bureau, when the framework scores payment progress. */
  allocated: Fen | null;
}

export interface BudgetYearFacts {
  unitId: string;
  year: number;
  /** Whether the final accounts (决算) are complete; before that only budget figures are meaningful. */
  finalised: boolean;
  income: Record<IncomeSource, StagedAmount>;
  /** 年初结转和结余 / 年末结转和结余. */
  carryIn: Fen | null;
  carryOut: Fen | null;
  /** Expenditure by nature. Basic = personnel + operating (public funds, 公用经费). */
  basic: { personnel: StagedAmount; operating: StagedAmount };
  projects: ProjectFacts[];
  /** Expenditure by function class (类/款/项), the lines the published tables show. */
  byFunction: ExpenditureLine[];
  /** Basic expenditure by economic classification (final). */
  byEconomic: EconomicLine[];
  threePublic: Record<ThreePublicPart, { budget: Fen | null; final: Fen | null }>;
  threePublicCounts: {
    abroadGroups: number | null;
    abroadPersons: number | null;
    vehicles: number | null;
    vehiclesPurchased: number | null;
    receptionBatches: number | null;
    receptionPersons: number | null;
  };
  /** 机关运行经费. */
  runningCost: { budget: Fen | null; final: Fen | null };
  /** 政府采购: planned (采购预算) and executed by category; 授予中小企业合同金额. */
  procurement: {
    planned: Fen | null;
    goods: Fen | null;
    works: Fen | null;
    services: Fen | null;
    smeAwarded: Fen | null;
  };
  /** 公务卡: amount paid by card over the amount that should have been (应使用公务卡结算). */
  officialCard: { paid: Fen | null; eligible: Fen | null };
  /** 重点支出: amount arranged for key items over total project expenditure budget. */
  keyExpenditure: { arranged: Fen | null; total: Fen | null };
  /** 国有资产 at year end. */
  assets: {
    total: Fen | null;
    liabilities: Fen | null;
    netAssets: Fen | null;
    fixedAssets: Fen | null;
    fixedAssetsInUse: Fen | null;
    vehicles: number | null;
    /** Equipment with unit value ≥ 50万元 (单价50万元以上通用设备 / 100万元以上专用设备). */
    largeEquipment: number | null;
  };
}

export const FenSchema = z
  .number({ message: '金额须为数字（分）' })
  .int('金额须为整数分')
  .min(-1e15, '金额超出范围')
  .max(1e15, '金额超出范围');

/** 万元 string as written in the published tables ("141.96") → fen; null when blank. */
export function wanyuanToFen(text: string): Fen | null {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(t);
  if (!m) throw new RangeError(`“${text}”不是金额`);
  const frac = (m[3] ?? '').padEnd(6, '0');
  // 1 万元 = 1,000,000 分; 6 decimals of 万元 are exactly 分.
  const fen = Number(m[2]) * 1_000_000 + Number(frac);
  return m[1] ? -fen : fen;
}

/** fen → 万元 with two decimals, rounded half-up (away from zero), as the published tables do. */
export function fenToWanyuan(fen: Fen, decimals = 2): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const scale = 10 ** (6 - decimals);
  const rounded = Math.floor((abs + scale / 2) / scale);
  const whole = Math.floor(rounded / 10 ** decimals);
  const frac = String(rounded % 10 ** decimals).padStart(decimals, '0');
  return `${neg && rounded !== 0 ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

// ── Additions by the budget module (storage, entry, import) ─────────────────────────────────────
// Everything below is additive: the names above are read by the performance module and unchanged.

/**
 * Figures as the published tables state them, beside the lines they should equal. A table that
 * publishes only a total (seed 004 gives 基本支出 164.20077 / 156.958448 without the personnel /
 * operating split, and 三公经费 0.1 without its parts) is stored here instead of being split by
 * guesswork. The identity checks compare these with the sums of the lines.
 */
export interface BudgetStatedTotals {
  /** 收、支总计 (final accounts): 本年收入合计 + 年初结转和结余 (+ other items the table lists). */
  grandTotal: Fen | null;
  /** 本年收入合计. */
  incomeTotal: StagedAmount;
  /** 本年支出合计. */
  expenditureTotal: StagedAmount;
  /** 基本支出 and 项目支出 as stated. */
  basicTotal: StagedAmount;
  projectTotal: StagedAmount;
  /** 三公经费 合计 — only when the report does not publish the parts (see the THREE_PUBLIC rule). */
  threePublicTotal: { budget: Fen | null; final: Fen | null; previousFinal: Fen | null };
}

/** What `loadBudgetYearFacts` returns: the contract facts plus what the published tables state. */
export interface BudgetYearFactsExtended extends BudgetYearFacts {
  stated: BudgetStatedTotals;
  /** 三公经费 上年决算数 per part, as the year's 三公 table states it. */
  threePublicPrevious: Record<ThreePublicPart, Fen | null>;
  /** 机关运行经费 上年决算数 as stated. */
  runningCostPrevious: Fen | null;
}

export const BUDGET_YEAR_STATUSES = ['draft', 'finalised'] as const;
export type BudgetYearStatus = (typeof BUDGET_YEAR_STATUSES)[number];
export const BUDGET_YEAR_STATUS_LABELS: Record<BudgetYearStatus, string> = { draft: '填报中', finalised: '已定稿' };

/** Amounts that may be negative: carry-over adjustments and the balance-sheet lines (seed 000: 负债总额-0.1万元). */
export const NEGATIVE_ALLOWED = ['carryIn', 'carryOut', 'assets.liabilities', 'assets.netAssets'] as const;

const Money = FenSchema.nullable();
const Count = z.number({ message: '须为整数' }).int('须为整数').min(0, '不能为负数').max(1e9, '数量过大').nullable();
export const StagedAmountSchema = z.object({ initial: Money, adjusted: Money, final: Money });
const Code = z
  .string()
  .trim()
  .regex(/^\d{3}(\d{2}){0,2}$/, { message: '科目编码须为3、5或7位数字' });

export const BudgetIncomeLineSchema = z.object({
  source: z.enum(INCOME_SOURCES, { message: '未知的收入来源' }),
  initial: Money,
  adjusted: Money,
  final: Money,
});
export const BudgetFunctionLineSchema = z.object({
  functionCode: Code,
  /** As published; blank means the classification's name for the year. */
  functionName: z.string().trim().max(100).nullable().default(null),
  initial: Money,
  adjusted: Money,
  final: Money,
  basicFinal: Money,
  projectFinal: Money,
});
export const BudgetEconomicLineSchema = z.object({
  economicCode: Code,
  economicName: z.string().trim().max(100).nullable().default(null),
  final: Money,
});
export const BudgetProjectSchema = z.object({
  name: z.string().trim().min(1, '项目名称不能为空').max(200, '项目名称过长'),
  initial: Money,
  adjusted: Money,
  final: Money,
  allocated: Money,
  /** 重点支出 (key expenditure) project. */
  key: z.boolean().default(false),
});
export const BudgetThreePublicLineSchema = z.object({
  part: z.enum(THREE_PUBLIC_PARTS, { message: '未知的三公经费分项' }),
  budget: Money,
  final: Money,
  previousFinal: Money,
});

/** One department's budget and final accounts for one year, as entered or imported (money in fen). */
export const BudgetYearDocSchema = z.object({
  income: z.array(BudgetIncomeLineSchema).max(20),
  totals: z.object({
    grandTotal: Money,
    incomeTotal: StagedAmountSchema,
    expenditureTotal: StagedAmountSchema,
    basicTotal: StagedAmountSchema,
    projectTotal: StagedAmountSchema,
    personnel: StagedAmountSchema,
    operating: StagedAmountSchema,
    carryIn: Money,
    carryOut: Money,
  }),
  functionLines: z.array(BudgetFunctionLineSchema).max(500),
  economicLines: z.array(BudgetEconomicLineSchema).max(300),
  projects: z.array(BudgetProjectSchema).max(300),
  threePublic: z.object({
    lines: z.array(BudgetThreePublicLineSchema).max(10),
    total: z.object({ budget: Money, final: Money, previousFinal: Money }),
    counts: z.object({
      abroadGroups: Count,
      abroadPersons: Count,
      vehicles: Count,
      vehiclesPurchased: Count,
      receptionBatches: Count,
      receptionPersons: Count,
    }),
  }),
  runningCost: z.object({ budget: Money, final: Money, previousFinal: Money }),
  procurement: z.object({ planned: Money, goods: Money, works: Money, services: Money, smeAwarded: Money }),
  officialCard: z.object({ paid: Money, eligible: Money }),
  keyExpenditure: z.object({ arranged: Money, total: Money }),
  assets: z.object({
    total: Money,
    liabilities: Money,
    netAssets: Money,
    fixedAssets: Money,
    fixedAssetsInUse: Money,
    vehicles: Count,
    largeEquipment: Count,
  }),
  notes: z.string().max(4000).nullable().default(null),
});
export type BudgetYearDoc = z.infer<typeof BudgetYearDocSchema>;

const Year = z.coerce
  .number({ message: '年度须为数字' })
  .int('年度须为整数')
  .min(2000, '年度不早于2000')
  .max(2100, '年度不晚于2100');
export const BudgetYearParams = z.object({ unitId: z.uuid({ message: '单位编号格式不正确' }), year: Year });
export const BudgetYearListQuery = z.object({ unitId: z.uuid({ message: '单位编号格式不正确' }).optional() });
export const BudgetStatusBody = z.object({
  status: z.enum(BUDGET_YEAR_STATUSES, { message: '状态应为 draft 或 finalised' }),
});

export const BudgetWarning = z.object({
  /** Which identity: incomeSources, basicParts, expenditureParts, functionVsNature, carryOver, … */
  rule: z.string(),
  message: z.string(),
  stated: z.number().nullable(),
  computed: z.number().nullable(),
});
export type BudgetWarningT = z.infer<typeof BudgetWarning>;

export const BudgetYearSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  status: z.enum(BUDGET_YEAR_STATUSES),
  incomeTotalFinal: z.number().nullable(),
  expenditureTotalFinal: z.number().nullable(),
  updatedAt: z.string(),
});
export const BudgetYearListResponse = z.object({ items: z.array(BudgetYearSummary) });
export const BudgetYearDetail = BudgetYearSummary.extend({
  doc: BudgetYearDocSchema,
  warnings: z.array(BudgetWarning),
  canEdit: z.boolean(),
});
export type BudgetYearDetailT = z.infer<typeof BudgetYearDetail>;

export const FunctionCodeEntry = z.object({ code: z.string(), name: z.string(), level: z.number() });
export const FunctionCodeListResponse = z.object({
  year: z.number(),
  functionCodes: z.array(FunctionCodeEntry),
  economicCodes: z.array(FunctionCodeEntry),
});

/** XLSX import: validate only, or apply when the whole file is clean (never half). */
export const BUDGET_IMPORT_MODES = ['validate', 'apply'] as const;
export const BudgetImportBody = z.object({
  fileId: z.uuid({ message: '文件编号格式不正确' }),
  unitId: z.uuid({ message: '单位编号格式不正确' }),
  year: Year,
  mode: z.enum(BUDGET_IMPORT_MODES, { message: '导入方式应为 validate 或 apply' }).default('validate'),
});
export const BudgetImportError = z.object({
  sheet: z.string(),
  /** Sheet row (1-based), null for a whole-sheet finding. */
  row: z.number().nullable(),
  /** Column letter, null for a whole-row finding. */
  column: z.string().nullable(),
  message: z.string(),
});
export type BudgetImportErrorT = z.infer<typeof BudgetImportError>;
export const BudgetImportResult = z.object({
  applied: z.boolean(),
  errors: z.array(BudgetImportError),
  warnings: z.array(BudgetWarning),
  /** The document read from the file (when it could be read). */
  doc: BudgetYearDocSchema.nullable(),
});
export type BudgetImportResultT = z.infer<typeof BudgetImportResult>;

const emptyStaged = (): StagedAmount => ({ initial: null, adjusted: null, final: null });
/** A blank year: every figure "not entered". */
export function emptyBudgetYearDoc(): BudgetYearDoc {
  return {
    income: [],
    totals: {
      grandTotal: null,
      incomeTotal: emptyStaged(),
      expenditureTotal: emptyStaged(),
      basicTotal: emptyStaged(),
      projectTotal: emptyStaged(),
      personnel: emptyStaged(),
      operating: emptyStaged(),
      carryIn: null,
      carryOut: null,
    },
    functionLines: [],
    economicLines: [],
    projects: [],
    threePublic: {
      lines: [],
      total: { budget: null, final: null, previousFinal: null },
      counts: {
        abroadGroups: null,
        abroadPersons: null,
        vehicles: null,
        vehiclesPurchased: null,
        receptionBatches: null,
        receptionPersons: null,
      },
    },
    runningCost: { budget: null, final: null, previousFinal: null },
    procurement: { planned: null, goods: null, works: null, services: null, smeAwarded: null },
    officialCard: { paid: null, eligible: null },
    keyExpenditure: { arranged: null, total: null },
    assets: {
      total: null,
      liabilities: null,
      netAssets: null,
      fixedAssets: null,
      fixedAssetsInUse: null,
      vehicles: null,
      largeEquipment: null,
    },
    notes: null,
  };
}

// ── Identity checks (warnings, not errors): shared by the server (on save) and the web (live) ──

const sumKnown = (xs: (Fen | null)[]): Fen | null => {
  const known = xs.filter((x): x is Fen => x !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};
const W = (fen: Fen) => `${fenToWanyuan(fen)}万元`;

/**
 * The identities a published budget should satisfy. Each finding names both sides in 万元; a
 * missing side means the identity is not checked. Published reports do not always balance, so
 * these are warnings: the report issue decides what to do with them.
 */
export function budgetIdentityWarnings(doc: BudgetYearDoc): BudgetWarningT[] {
  const out: BudgetWarningT[] = [];
  const check = (rule: string, what: string, stated: Fen | null, computed: Fen | null, how: string) => {
    if (stated === null || computed === null || stated === computed) return;
    out.push({
      rule,
      message: `${what}：填报${W(stated)}，${how}${W(computed)}，相差${W(stated - computed)}`,
      stated,
      computed,
    });
  };
  const t = doc.totals;
  for (const s of BUDGET_STAGES) {
    const label = BUDGET_STAGE_LABELS[s];
    check(
      'incomeSources',
      `本年收入合计（${label}）`,
      t.incomeTotal[s],
      sumKnown(doc.income.map((l) => l[s])),
      '各收入来源之和为',
    );
    const personnel = t.personnel[s];
    const operating = t.operating[s];
    const basicParts = personnel !== null && operating !== null ? personnel + operating : null;
    check('basicParts', `基本支出（${label}）`, t.basicTotal[s], basicParts, '人员经费 + 公用经费为');
    const basic = t.basicTotal[s] ?? basicParts;
    const project = t.projectTotal[s] ?? sumKnown(doc.projects.map((p) => p[s]));
    check(
      'expenditureParts',
      `本年支出合计（${label}）`,
      t.expenditureTotal[s],
      basic !== null && project !== null ? basic + project : null,
      '基本支出 + 项目支出为',
    );
    if (doc.projects.length)
      check(
        'projects',
        `项目支出（${label}）`,
        t.projectTotal[s],
        sumKnown(doc.projects.map((p) => p[s])),
        '各项目之和为',
      );
  }
  // By function: the top-most lines (a line whose parent is also entered is part of its parent).
  const codes = new Set(doc.functionLines.map((l) => l.functionCode));
  const parentOf = (c: string) => (c.length === 7 ? c.slice(0, 5) : c.length === 5 ? c.slice(0, 3) : null);
  const hasAncestor = (c: string): boolean => {
    const p = parentOf(c);
    return p !== null && (codes.has(p) || hasAncestor(p));
  };
  const top = doc.functionLines.filter((l) => !hasAncestor(l.functionCode));
  /** The nearest entered ancestor: 2013601 belongs to 201 when 20136 is not entered. */
  const nearest = (c: string): string | null => {
    const p = parentOf(c);
    return p === null ? null : codes.has(p) ? p : nearest(p);
  };
  for (const l of doc.functionLines) {
    const children = doc.functionLines.filter((c) => nearest(c.functionCode) === l.functionCode);
    if (children.length)
      check(
        'functionChildren',
        `功能分类${l.functionCode}（决算数）`,
        l.final,
        sumKnown(children.map((c) => c.final)),
        '下级科目之和为',
      );
    if (l.basicFinal !== null && l.projectFinal !== null)
      check(
        'functionLineParts',
        `功能分类${l.functionCode}（决算数）`,
        l.final,
        l.basicFinal + l.projectFinal,
        '基本支出 + 项目支出为',
      );
  }
  const byNatureFinal =
    t.expenditureTotal.final ??
    (() => {
      const b =
        t.basicTotal.final ??
        (t.personnel.final !== null && t.operating.final !== null ? t.personnel.final + t.operating.final : null);
      const p = t.projectTotal.final ?? sumKnown(doc.projects.map((x) => x.final));
      return b !== null && p !== null ? b + p : null;
    })();
  if (top.length)
    check(
      'functionVsNature',
      '按功能分类的支出合计（决算数）',
      sumKnown(top.map((l) => l.final)),
      byNatureFinal,
      '按经济性质（基本 + 项目）为',
    );
  const topEconomic = doc.economicLines.filter((l) => l.economicCode.length === 3);
  if (topEconomic.length) {
    const basicFinal =
      t.basicTotal.final ??
      (t.personnel.final !== null && t.operating.final !== null ? t.personnel.final + t.operating.final : null);
    check(
      'economicVsBasic',
      '按经济分类的基本支出（决算数）',
      sumKnown(topEconomic.map((l) => l.final)),
      basicFinal,
      '基本支出为',
    );
  }
  const income = t.incomeTotal.final ?? sumKnown(doc.income.map((l) => l.final));
  if (t.carryIn !== null && income !== null && byNatureFinal !== null)
    check(
      'carryOver',
      '年末结转和结余',
      t.carryOut,
      t.carryIn + income - byNatureFinal,
      '年初结转和结余 + 本年收入 − 本年支出为',
    );
  if (t.carryIn !== null && income !== null)
    check('grandTotal', '收、支总计', t.grandTotal, income + t.carryIn, '本年收入合计 + 年初结转和结余为');
  return out;
}
