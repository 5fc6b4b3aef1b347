/**
 * Budget and final accounts (部门预算和决算): one `budget_year` per department unit and year, with
 * its lines. Money is bigint fen (分); null means "not entered", never 0. Every table carries
 * `region_code`. Staff counts are not stored here: they come from the roster as of a date.
 */
import { bigint, boolean, char, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { appUser, unit } from '../../db/schema.js';

const fen = (name: string) => bigint(name, { mode: 'number' });
/** initial / adjusted / final of one figure. */

export const budgetYear = pgTable(
  'budget_year',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    year: integer('year').notNull(),
    /** draft | finalised */
    status: text('status').notNull().default('draft'),
    // 收入支出决算总表: the totals as stated.
    grandTotal: fen('grand_total'),
    incomeTotalInitial: fen('income_total_initial'),
    incomeTotalAdjusted: fen('income_total_adjusted'),
    incomeTotalFinal: fen('income_total_final'),
    expenditureTotalInitial: fen('expenditure_total_initial'),
    expenditureTotalAdjusted: fen('expenditure_total_adjusted'),
    expenditureTotalFinal: fen('expenditure_total_final'),
    basicTotalInitial: fen('basic_total_initial'),
    basicTotalAdjusted: fen('basic_total_adjusted'),
    basicTotalFinal: fen('basic_total_final'),
    projectTotalInitial: fen('project_total_initial'),
    projectTotalAdjusted: fen('project_total_adjusted'),
    projectTotalFinal: fen('project_total_final'),
    personnelInitial: fen('personnel_initial'),
    personnelAdjusted: fen('personnel_adjusted'),
    personnelFinal: fen('personnel_final'),
    operatingInitial: fen('operating_initial'),
    operatingAdjusted: fen('operating_adjusted'),
    operatingFinal: fen('operating_final'),
    carryIn: fen('carry_in'),
    carryOut: fen('carry_out'),
    // “三公”经费: the total only when the report publishes no parts; the physical counts.
    threePublicTotalBudget: fen('three_public_total_budget'),
    threePublicTotalFinal: fen('three_public_total_final'),
    threePublicTotalPrevious: fen('three_public_total_previous'),
    abroadGroups: integer('abroad_groups'),
    abroadPersons: integer('abroad_persons'),
    vehicles: integer('vehicles'),
    vehiclesPurchased: integer('vehicles_purchased'),
    receptionBatches: integer('reception_batches'),
    receptionPersons: integer('reception_persons'),
    // 机关运行经费
    runningCostBudget: fen('running_cost_budget'),
    runningCostFinal: fen('running_cost_final'),
    runningCostPrevious: fen('running_cost_previous'),
    // 政府采购
    procurementPlanned: fen('procurement_planned'),
    procurementGoods: fen('procurement_goods'),
    procurementWorks: fen('procurement_works'),
    procurementServices: fen('procurement_services'),
    procurementSme: fen('procurement_sme'),
    // 公务卡, 重点支出
    officialCardPaid: fen('official_card_paid'),
    officialCardEligible: fen('official_card_eligible'),
    keyExpenditureArranged: fen('key_expenditure_arranged'),
    keyExpenditureTotal: fen('key_expenditure_total'),
    // 国有资产 at year end
    assetsTotal: fen('assets_total'),
    liabilities: fen('liabilities'),
    netAssets: fen('net_assets'),
    fixedAssets: fen('fixed_assets'),
    fixedAssetsInUse: fen('fixed_assets_in_use'),
    assetVehicles: integer('asset_vehicles'),
    largeEquipment: integer('large_equipment'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finalisedAt: ts('finalised_at'),
  },
  (t) => [
    uniqueIndex('budget_year_unit_year_uq').on(t.unitId, t.year),
    index('budget_year_region_idx').on(t.regionCode, t.year),
  ],
);

const lineBase = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  regionCode: char('region_code', { length: 6 }).notNull(),
  budgetYearId: uuid('budget_year_id')
    .notNull()
    .references(() => budgetYear.id, { onDelete: 'cascade' }),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** 收入决算表: one line per income source. */
export const budgetIncomeLine = pgTable(
  'budget_income_line',
  {
    ...lineBase(),
    source: text('source').notNull(),
    initial: fen('initial'),
    adjusted: fen('adjusted'),
    final: fen('final'),
  },
  (t) => [uniqueIndex('budget_income_line_uq').on(t.budgetYearId, t.source)],
);

/** 支出决算表 by function class (类/款/项), with the basic / project split of the final. */
export const budgetFunctionLine = pgTable(
  'budget_function_line',
  {
    ...lineBase(),
    functionCode: text('function_code').notNull(),
    /** As published (names differ between reports); null: the classification's name. */
    functionName: text('function_name'),
    initial: fen('initial'),
    adjusted: fen('adjusted'),
    final: fen('final'),
    basicFinal: fen('basic_final'),
    projectFinal: fen('project_final'),
  },
  (t) => [uniqueIndex('budget_function_line_uq').on(t.budgetYearId, t.functionCode)],
);

/** 基本支出 by economic classification (301 工资福利支出, 302 商品和服务支出, 303 …). */
export const budgetEconomicLine = pgTable(
  'budget_economic_line',
  {
    ...lineBase(),
    economicCode: text('economic_code').notNull(),
    economicName: text('economic_name'),
    final: fen('final'),
  },
  (t) => [uniqueIndex('budget_economic_line_uq').on(t.budgetYearId, t.economicCode)],
);

/** 项目支出, per project. */
export const budgetProject = pgTable(
  'budget_project',
  {
    ...lineBase(),
    name: text('name').notNull(),
    initial: fen('initial'),
    adjusted: fen('adjusted'),
    final: fen('final'),
    allocated: fen('allocated'),
    key: boolean('key').notNull().default(false),
  },
  (t) => [uniqueIndex('budget_project_uq').on(t.budgetYearId, t.name)],
);

/** “三公”经费 by part: budget, final and the previous year's final as the table states it. */
export const budgetThreePublicLine = pgTable(
  'budget_three_public_line',
  {
    ...lineBase(),
    part: text('part').notNull(),
    budget: fen('budget'),
    final: fen('final'),
    previousFinal: fen('previous_final'),
  },
  (t) => [uniqueIndex('budget_three_public_line_uq').on(t.budgetYearId, t.part)],
);
