/**
 * The published budget and final-account facts of the five seed offices (../shared/seeds/), as
 * demo budget years. Each figure cites the seed line it comes from ("000:L32" = seed 000, line 32).
 * A figure the seed does not state is left null, never guessed. A few are derived from a stated
 * figure and a stated change ("比2019年减少0.98万元") — those say "derived" and show the sum.
 * Seed errors are kept as published (e.g. 004's 应拨付资金1752007.7万元): the identity warnings and
 * the report checks must catch them, not this file.
 */
import { and, eq } from 'drizzle-orm';
import { emptyBudgetYearDoc, wanyuanToFen, type BudgetYearDoc } from '@bianban/contracts';
import { budgetYear } from '../../modules/budget/budget.schema.js';
import { writeDoc } from '../../modules/budget/budget.repository.js';
import type { Tx } from '../client.js';
import { unit } from '../schema.js';

/** 万元 as printed → fen. */
const w = (s: string): number => wanyuanToFen(s)!;
const st = (initial: string | null, adjusted: string | null, final: string | null) => ({
  initial: initial === null ? null : w(initial),
  adjusted: adjusted === null ? null : w(adjusted),
  final: final === null ? null : w(final),
});
const fin = (s: string) => st(null, null, s);
const fn = (code: string, final: string, initial: string | null = null, name: string | null = null) => ({
  functionCode: code,
  functionName: name,
  initial: initial === null ? null : w(initial),
  adjusted: null,
  final: w(final),
  basicFinal: null,
  projectFinal: null,
});

export interface BudgetSeed {
  seed: string;
  /** null: the demo tenant (seed 002's 西区 office lives there). */
  regionCode: string | null;
  officeName: string;
  year: number;
  status: 'draft' | 'finalised';
  build: (d: BudgetYearDoc) => void;
}

export const BUDGET_SEEDS: BudgetSeed[] = [
  // ── 000 重庆市万州区委编办, 2020 ──────────────────────────────────────────────────────────────
  {
    seed: '000',
    regionCode: '500101',
    officeName: '中共重庆市万州区委机构编制委员会办公室',
    year: 2020,
    status: 'finalised',
    build: (d) => {
      // 000:L28 收入预算 年初预算数257.36, all 一般公共预算拨款; the other sources 0.
      d.income = [
        { source: 'generalBudget', ...st('257.36', null, null) },
        { source: 'governmentFund', ...st('0', null, null) },
        { source: 'stateCapital', ...st('0', null, null) },
        { source: 'businessIncome', ...st('0', null, null) },
        { source: 'operatingIncome', ...st('0', null, null) },
        { source: 'other', ...st('0', null, null) },
      ];
      d.totals.incomeTotal = st('257.36', null, '333.11'); // 000:L28 年初预算数; 000:L31 决算收入合计333.11
      d.totals.expenditureTotal = st('257.36', null, '333.04'); // 000:L29; 000:L32 支出决算合计333.04
      // 000:L33 "2020年末财政拨款结转0.07万元" (the report states the fiscal carry-over only).
      d.totals.carryOut = w('0.07');
      // 000:L29 支出预算 by class; 000:L32 决算 by class (+63.2, +12.48, 持平, 持平).
      d.functionLines = [
        fn('201', '270.77', '207.57'),
        fn('208', '36.87', '24.39', '社会保障与就业支出'),
        fn('210', '13.36', '13.36'),
        fn('221', '12.04', '12.04'),
      ];
      // 000:L10 资产总额10.93, 负债总额-0.1 (negative as published), 净资产11.03, 固定资产10.82.
      d.assets.total = w('10.93');
      d.assets.liabilities = w('-0.1');
      d.assets.netAssets = w('11.03');
      d.assets.fixedAssets = w('10.82');
    },
  },
  {
    // 000's comparisons with 2019, as far as stated.
    seed: '000',
    regionCode: '500101',
    officeName: '中共重庆市万州区委机构编制委员会办公室',
    year: 2019,
    status: 'finalised',
    build: (d) => {
      // 000:L31 决算收入合计333.11, "较上年决算数增加8.08万元" → 2019: 325.03 (derived; 8.08 ÷ 325.03 = 2.49% as stated).
      // 000:L32 支出决算合计333.04, "较上年决算数增加8.01万元" → 2019: 325.03 (derived; 8.01 ÷ 325.03 = 2.46% as stated).
      // 000:L28/L29 年初预算数257.36, "收入（支出）较去年增加4.57万元" → 2019 年初预算数: 252.79 (derived).
      d.totals.incomeTotal = st('252.79', null, '325.03');
      d.totals.expenditureTotal = st('252.79', null, '325.03');
      d.notes =
        '由2020年报告推得（000:L28、L29、L31、L32）：年初预算数252.79万元，决算收入、支出合计均为325.03万元；' +
        '资产、负债、净资产、固定资产只公开了变动率，未能还原。';
    },
  },
  // ── 001 岳阳市君山区委编办, 2020 ──────────────────────────────────────────────────────────────
  {
    seed: '001',
    regionCode: '430611',
    officeName: '中共岳阳市君山区委机构编制委员会办公室',
    year: 2020,
    status: 'finalised',
    build: (d) => {
      // 001:L51-53 收入合计113.81 = 上年结转3 + 公共财政拨款110.81 (the table's 收入合计 includes the carry-in).
      d.income = [{ source: 'generalBudget', ...fin('110.81') }];
      d.totals.grandTotal = w('113.81');
      d.totals.carryIn = w('3');
      // 001:L107-113 支出合计104.76 = 基本104.76 (人员68.07 + 公用36.69) + 项目0; 当年结余6.05, 累计结余9.05.
      d.totals.expenditureTotal = fin('104.76');
      d.totals.basicTotal = fin('104.76');
      d.totals.personnel = fin('68.07');
      d.totals.operating = fin('36.69');
      d.totals.projectTotal = st('0', null, '0'); // 001:L111; 001:L403 年初专项资金预算为0万元
      d.totals.carryOut = w('9.05');
      // 001:L399 工资福利支出65.77, 商品和服务支出36.69, 对个人和家庭的补助支出2.30.
      d.economicLines = [
        { economicCode: '301', economicName: null, final: w('65.77') },
        { economicCode: '302', economicName: null, final: w('36.69') },
        { economicCode: '303', economicName: null, final: w('2.30') },
      ];
      // 001:L155-157, L400: 三公 1.50 = 公务接待费1.5; 因公出国（境）0; 公务车购置及运行维护费0 (so both parts 0);
      // 财政下达控制数1.50 is the budget of the total (no budget per part is published).
      d.threePublic.lines = [
        { part: 'abroad', budget: null, final: w('0'), previousFinal: null },
        { part: 'vehiclePurchase', budget: null, final: w('0'), previousFinal: null },
        { part: 'vehicleOperation', budget: null, final: w('0'), previousFinal: null },
        { part: 'reception', budget: null, final: w('1.5'), previousFinal: null },
      ];
      d.threePublic.total.budget = w('1.50');
      // 001:L195-196 固定资产合计21.31, 在用固定资产21.31.
      d.assets.fixedAssets = w('21.31');
      d.assets.fixedAssetsInUse = w('21.31');
    },
  },
  // ── 002 攀枝花市西区区委编办, 2021 ────────────────────────────────────────────────────────────
  {
    seed: '002',
    regionCode: null,
    officeName: '中共攀枝花市西区区委机构编制委员会办公室',
    year: 2021,
    status: 'finalised',
    build: (d) => {
      // 002:L45 本年收入合计141.96 = 一般公共预算财政拨款134.04 + 政府性基金7.92; the other six sources 0.
      // 002:L158 年初: 一般公共预算127.66, 政府性基金8; adjusted (derived) 127.66 + 追加1.33 + 3.06 + 1.99 = 134.04.
      d.income = [
        { source: 'generalBudget', ...st('127.66', '134.04', '134.04') },
        { source: 'governmentFund', ...st('8', null, '7.92') },
        { source: 'stateCapital', ...fin('0') },
        { source: 'superiorSubsidy', ...fin('0') },
        { source: 'businessIncome', ...fin('0') },
        { source: 'operatingIncome', ...fin('0') },
        { source: 'subsidiaryRemit', ...fin('0') },
        { source: 'other', ...fin('0') },
      ];
      d.totals.grandTotal = w('141.96'); // 002:L36 收、支总计141.96
      d.totals.incomeTotal = fin('141.96'); // 002:L45
      // 002:L54 本年支出合计141.96 = 基本支出134.04 + 项目支出7.92.
      d.totals.expenditureTotal = fin('141.96');
      d.totals.basicTotal = fin('134.04');
      d.totals.projectTotal = fin('7.92');
      d.totals.personnel = fin('119.27'); // 002:L90 人员经费119.27
      d.totals.operating = fin('14.77'); // 002:L91 公用经费14.77
      // 002:L75, L83-87 一般公共预算财政拨款支出 by function (the 7.92 of 政府性基金 is not broken down by function).
      d.functionLines = [
        fn('201', '104.43'),
        fn('2013601', '104.43'),
        fn('205', '0'),
        fn('206', '0'),
        fn('207', '0'),
        fn('208', '8.85'),
        // 002:L84–86 "完成预算100%" (no "决算数大于预算数" there): the 预算数 is the 决算数 (derived).
        { ...fn('2080505', '8.85'), adjusted: w('8.85') },
        fn('210', '8'),
        { ...fn('2101101', '7.38'), adjusted: w('7.38') },
        { ...fn('2101103', '0.62'), adjusted: w('0.62') },
        fn('221', '12.76'),
        fn('2210201', '12.76', null, '住房公积金支出'),
      ];
      // 002:L163 三个项目: 4.95 + 1.97 + 1 = 7.92.
      d.projects = [
        { name: '推进西区机关、群团、事业单位登记管理档案电子化管理经费', ...fin('4.95'), allocated: null, key: false },
        { name: '机构改革业务费', ...fin('1.97'), allocated: null, key: false },
        { name: '机构编制核查及实名制系统维护费', ...fin('1'), allocated: null, key: false },
      ];
      // 002:L94-103 三公 all 0, each part "与2020年比无变化" (so 2020 also 0); 决算数与预算数持平 (budget of the total 0).
      d.threePublic.lines = [
        { part: 'abroad', budget: null, final: 0, previousFinal: 0 },
        { part: 'vehiclePurchase', budget: null, final: 0, previousFinal: 0 },
        { part: 'vehicleOperation', budget: null, final: 0, previousFinal: 0 },
        { part: 'reception', budget: null, final: 0, previousFinal: 0 },
      ];
      d.threePublic.total.budget = 0;
      // 002:L97 团组0次, 0人; L99 购置0辆, 共有公务用车0辆; L102 接待0批次, 0人次.
      d.threePublic.counts = {
        abroadGroups: 0,
        abroadPersons: 0,
        vehicles: 0,
        vehiclesPurchased: 0,
        receptionBatches: 0,
        receptionPersons: 0,
      };
      // 002:L111 机关运行经费14.77, 比2020年增加0.74 → 2020: 14.03 (derived).
      d.runningCost = { budget: null, final: w('14.77'), previousFinal: w('14.03') };
      // 002:L113 政府采购支出总额0万元 (so each category 0).
      d.procurement = { planned: null, goods: 0, works: 0, services: 0, smeAwarded: null };
      // 002:L115 无公务车辆; 单价50万元以上通用设备0台（套）, 100万元以上专用设备0台（套）.
      d.assets.vehicles = 0;
      d.assets.largeEquipment = 0;
    },
  },
  {
    // 002's comparisons with 2020, as far as stated.
    seed: '002',
    regionCode: null,
    officeName: '中共攀枝花市西区区委机构编制委员会办公室',
    year: 2020,
    status: 'finalised',
    build: (d) => {
      // 002:L36 2021 收、支总计141.96, "增加15.42万元" → 2020: 126.54 (derived).
      d.totals.grandTotal = w('126.54');
      // 002:L97-101 三公 "与2020年比无变化": 2020 all 0.
      d.threePublic.lines = [
        { part: 'abroad', budget: null, final: 0, previousFinal: null },
        { part: 'vehiclePurchase', budget: null, final: 0, previousFinal: null },
        { part: 'vehicleOperation', budget: null, final: 0, previousFinal: null },
        { part: 'reception', budget: null, final: 0, previousFinal: null },
      ];
      // 002:L111 → 2020 机关运行经费 14.77 − 0.74 = 14.03 (derived).
      d.runningCost = { budget: null, final: w('14.03'), previousFinal: null };
      d.notes =
        '2020年一般公共预算财政拨款支出124.82万元（由2021年报告“增加9.22万元”推得，002:L67）；' +
        '报告所称增长6.88%实为9.22÷134.04，按上年数应为7.39%。';
    },
  },
  // ── 003 广元市委编办, 2020 ────────────────────────────────────────────────────────────────────
  {
    seed: '003',
    regionCode: '510800',
    officeName: '中共广元市委机构编制委员会办公室',
    year: 2020,
    status: 'finalised',
    build: (d) => {
      d.totals.grandTotal = w('426.81'); // 003:L24 收、支总计426.81 (年初结转结余"不足1万", not stated exactly)
      d.income = [{ source: 'generalBudget', ...fin('426.32') }]; // 003:L26
      d.totals.incomeTotal = fin('426.32'); // 003:L26
      // 003:L29 本年支出合计421.85 = 基本349.34 + 项目72.51; 003:L48-50 人员经费319.19 + 公用经费30.14 (= 349.33).
      d.totals.expenditureTotal = fin('421.85');
      d.totals.basicTotal = fin('349.34');
      d.totals.projectTotal = fin('72.51');
      d.totals.personnel = fin('319.19');
      d.totals.operating = fin('30.14');
      // 003:L37-44 by function (一般公共预算财政拨款支出421.84); the report names 210 by its former name.
      d.functionLines = [
        fn('201', '356.82'),
        fn('2011001', '284.31'),
        fn('2011002', '72.51'),
        fn('208', '25.97'),
        // 003:L42–44 "完成预算100%": the 预算数 is the 决算数 (derived); L40–41's 98.67% and 99.1% give no exact budget.
        { ...fn('2080505', '25.97'), adjusted: w('25.97') },
        fn('210', '12.97', null, '医疗卫生与计划生育支出'),
        { ...fn('2101101', '12.97'), adjusted: w('12.97') },
        fn('221', '26.07'),
        { ...fn('2210201', '26.07'), adjusted: w('26.07') },
      ];
      // 003:L84-88 and tables 1-5: 全年预算数 / 执行数; 年初预算 from each project's self-evaluation
      // (003:L688, L771, L850, L936). 全市综合执法改革: the table says 18, its own self-evaluation
      // says 年初预算9万元 (003:L606, L609) — initial left null, the conflict is the seed's.
      d.projects = [
        { name: '全市综合执法改革', ...st(null, '18', '18'), allocated: null, key: false },
        { name: '全市事业单位改革', ...st('18', '18', '18'), allocated: null, key: false },
        { name: '全市教职工编制调整工作', ...st('9.2', '9.2', '9.2'), allocated: null, key: false },
        { name: '行政权力和责任清单动态调整', ...st('9', '9', '9'), allocated: null, key: false },
        { name: '全市机构编制统计工作', ...st('14.65', '14.65', '14.65'), allocated: null, key: false },
      ];
      // 003:L53-64 三公3.18: 因公出国0, 公务用车购置0, 运行维护2.92, 公务接待0.26. Budgets are not stated
      // ("完成预算79.5%" / "26%"; the vehicles' "91.82%" is a share, not an execution rate).
      // 上年: 接待 0.26 + 0.17 = 0.43 (derived, L62); vehicles 2.92 + 0.98 = 3.90 combined (L59), split unknown.
      d.threePublic.lines = [
        { part: 'abroad', budget: null, final: 0, previousFinal: null },
        { part: 'vehiclePurchase', budget: null, final: 0, previousFinal: null },
        { part: 'vehicleOperation', budget: null, final: w('2.92'), previousFinal: null },
        { part: 'reception', budget: null, final: w('0.26'), previousFinal: w('0.43') },
      ];
      d.threePublic.counts.vehicles = 1; // 003:L60 共有公务用车1辆
      d.threePublic.counts.receptionBatches = 3; // 003:L63 3批次、24人次
      d.threePublic.counts.receptionPersons = 24;
      // 003:L73 机关运行经费30.14, 比2019年减少9.15 → 39.29 (derived).
      d.runningCost = { budget: null, final: w('30.14'), previousFinal: w('39.29') };
      // 003:L75 政府采购0.45 = 货物0.45 + 工程0 + 服务0; 授予中小企业0.45.
      d.procurement = { planned: null, goods: w('0.45'), works: 0, services: 0, smeAwarded: w('0.45') };
      // 003:L77 车辆1辆; 大型设备0台（套）.
      d.assets.vehicles = 1;
      d.assets.largeEquipment = 0;
    },
  },
  {
    seed: '003',
    regionCode: '510800',
    officeName: '中共广元市委机构编制委员会办公室',
    year: 2019,
    status: 'finalised',
    build: (d) => {
      d.totals.grandTotal = w('470.26'); // 003:L24 426.81 + 减少43.45 (derived; 43.45 ÷ 470.26 = 9.24% as stated)
      d.totals.carryIn = w('20'); // 003:L24 "2019年年初结转结余20万元"
      d.threePublic.lines = [{ part: 'reception', budget: null, final: w('0.43'), previousFinal: null }]; // 003:L62 derived
      d.runningCost = { budget: null, final: w('39.29'), previousFinal: null }; // 003:L73 derived
      d.notes =
        '由2020年报告推得（003:L31、L35、L59）：财政拨款收、支总计459.48万元（年初财政拨款结转结余8.84万元）；' +
        '一般公共预算财政拨款支出451.93万元；公务用车购置及运行维护费3.90万元（购置与运行维护的拆分未公开）。';
    },
  },
  // ── 004 庆阳市合水县委编办, 2023 ──────────────────────────────────────────────────────────────
  {
    seed: '004',
    regionCode: '621024',
    officeName: '中共合水县委机构编制委员会办公室',
    year: 2023,
    status: 'finalised',
    build: (d) => {
      // 004:L37 整体支出167.958448 = 基本支出156.958448 + 项目经费11.
      // 004:L48 "应拨付资金1752007.7万元" kept as published: it is 175.20077万元 written in 元 (the seed's error).
      d.totals.expenditureTotal = st(null, '1752007.7', '167.958448');
      d.totals.basicTotal = st(null, '164.20077', '156.958448'); // 004:L52 基本支出预算164.20077, 决算156.958448
      d.totals.projectTotal = st(null, '11', '11'); // 004:L53 项目支出预算11, 决算11
      d.totals.carryIn = 0; // 004:L55 "我单位无结转结余"
      d.totals.carryOut = 0;
      // 004:L54 三公经费预算0.1, 决算0.1 — the parts are not published, so the total is kept alone.
      d.threePublic.total = { budget: w('0.1'), final: w('0.1'), previousFinal: null };
    },
  },
];

/**
 * Writes the seed budget years for the offices that exist (a tenant configured with a seed region's
 * code has no such office in that region, and its years are skipped).
 */
export async function loadBudgetSeeds(tx: Tx, tenantCode: string): Promise<number> {
  let n = 0;
  for (const s of BUDGET_SEEDS) {
    const regionCode = s.regionCode ?? tenantCode;
    const office = (
      await tx
        .select({ id: unit.id })
        .from(unit)
        .where(and(eq(unit.regionCode, regionCode), eq(unit.name, s.officeName)))
    )[0];
    if (!office) continue;
    const doc = emptyBudgetYearDoc();
    s.build(doc);
    const row = await writeDoc(tx, { regionCode, unitId: office.id, year: s.year, userId: null }, doc);
    if (s.status === 'finalised')
      await tx
        .update(budgetYear)
        .set({ status: 'finalised', finalisedAt: new Date() })
        .where(eq(budgetYear.id, row.id));
    n++;
  }
  return n;
}
