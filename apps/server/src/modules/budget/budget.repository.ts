/** Reading and writing one budget year as a `BudgetYearDoc` (the row plus its lines). */
import { and, asc, eq } from 'drizzle-orm';
import {
  emptyBudgetYearDoc,
  INCOME_SOURCES,
  THREE_PUBLIC_PARTS,
  type BudgetYearDoc,
  type IncomeSource,
  type ThreePublicPart,
} from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  budgetEconomicLine,
  budgetFunctionLine,
  budgetIncomeLine,
  budgetProject,
  budgetThreePublicLine,
  budgetYear,
} from './budget.schema.js';

export type BudgetYearRow = typeof budgetYear.$inferSelect;

/** The scalar columns of a year from a document. */
export function rowValues(doc: BudgetYearDoc) {
  const t = doc.totals;
  const tp = doc.threePublic;
  return {
    grandTotal: t.grandTotal,
    incomeTotalInitial: t.incomeTotal.initial,
    incomeTotalAdjusted: t.incomeTotal.adjusted,
    incomeTotalFinal: t.incomeTotal.final,
    expenditureTotalInitial: t.expenditureTotal.initial,
    expenditureTotalAdjusted: t.expenditureTotal.adjusted,
    expenditureTotalFinal: t.expenditureTotal.final,
    basicTotalInitial: t.basicTotal.initial,
    basicTotalAdjusted: t.basicTotal.adjusted,
    basicTotalFinal: t.basicTotal.final,
    projectTotalInitial: t.projectTotal.initial,
    projectTotalAdjusted: t.projectTotal.adjusted,
    projectTotalFinal: t.projectTotal.final,
    personnelInitial: t.personnel.initial,
    personnelAdjusted: t.personnel.adjusted,
    personnelFinal: t.personnel.final,
    operatingInitial: t.operating.initial,
    operatingAdjusted: t.operating.adjusted,
    operatingFinal: t.operating.final,
    carryIn: t.carryIn,
    carryOut: t.carryOut,
    threePublicTotalBudget: tp.total.budget,
    threePublicTotalFinal: tp.total.final,
    threePublicTotalPrevious: tp.total.previousFinal,
    abroadGroups: tp.counts.abroadGroups,
    abroadPersons: tp.counts.abroadPersons,
    vehicles: tp.counts.vehicles,
    vehiclesPurchased: tp.counts.vehiclesPurchased,
    receptionBatches: tp.counts.receptionBatches,
    receptionPersons: tp.counts.receptionPersons,
    runningCostBudget: doc.runningCost.budget,
    runningCostFinal: doc.runningCost.final,
    runningCostPrevious: doc.runningCost.previousFinal,
    procurementPlanned: doc.procurement.planned,
    procurementGoods: doc.procurement.goods,
    procurementWorks: doc.procurement.works,
    procurementServices: doc.procurement.services,
    procurementSme: doc.procurement.smeAwarded,
    officialCardPaid: doc.officialCard.paid,
    officialCardEligible: doc.officialCard.eligible,
    keyExpenditureArranged: doc.keyExpenditure.arranged,
    keyExpenditureTotal: doc.keyExpenditure.total,
    assetsTotal: doc.assets.total,
    liabilities: doc.assets.liabilities,
    netAssets: doc.assets.netAssets,
    fixedAssets: doc.assets.fixedAssets,
    fixedAssetsInUse: doc.assets.fixedAssetsInUse,
    assetVehicles: doc.assets.vehicles,
    largeEquipment: doc.assets.largeEquipment,
    notes: doc.notes,
  };
}

const byOrder = (a: { sortOrder: number }, b: { sortOrder: number }) => a.sortOrder - b.sortOrder;

export async function readDoc(db: DbOrTx, r: BudgetYearRow): Promise<BudgetYearDoc> {
  // Sequential: `db` may be a transaction, and a transaction has one connection.
  const income = await db.select().from(budgetIncomeLine).where(eq(budgetIncomeLine.budgetYearId, r.id));
  const fn = await db.select().from(budgetFunctionLine).where(eq(budgetFunctionLine.budgetYearId, r.id));
  const eco = await db.select().from(budgetEconomicLine).where(eq(budgetEconomicLine.budgetYearId, r.id));
  const projects = await db.select().from(budgetProject).where(eq(budgetProject.budgetYearId, r.id));
  const tp = await db.select().from(budgetThreePublicLine).where(eq(budgetThreePublicLine.budgetYearId, r.id));
  const d = emptyBudgetYearDoc();
  const st = (i: number | null, a: number | null, f: number | null) => ({ initial: i, adjusted: a, final: f });
  d.totals = {
    grandTotal: r.grandTotal,
    incomeTotal: st(r.incomeTotalInitial, r.incomeTotalAdjusted, r.incomeTotalFinal),
    expenditureTotal: st(r.expenditureTotalInitial, r.expenditureTotalAdjusted, r.expenditureTotalFinal),
    basicTotal: st(r.basicTotalInitial, r.basicTotalAdjusted, r.basicTotalFinal),
    projectTotal: st(r.projectTotalInitial, r.projectTotalAdjusted, r.projectTotalFinal),
    personnel: st(r.personnelInitial, r.personnelAdjusted, r.personnelFinal),
    operating: st(r.operatingInitial, r.operatingAdjusted, r.operatingFinal),
    carryIn: r.carryIn,
    carryOut: r.carryOut,
  };
  d.income = income
    .sort((a, b) => INCOME_SOURCES.indexOf(a.source as IncomeSource) - INCOME_SOURCES.indexOf(b.source as IncomeSource))
    .map((l) => ({ source: l.source as IncomeSource, initial: l.initial, adjusted: l.adjusted, final: l.final }));
  d.functionLines = fn.sort(byOrder).map((l) => ({
    functionCode: l.functionCode,
    functionName: l.functionName,
    initial: l.initial,
    adjusted: l.adjusted,
    final: l.final,
    basicFinal: l.basicFinal,
    projectFinal: l.projectFinal,
  }));
  d.economicLines = eco
    .sort(byOrder)
    .map((l) => ({ economicCode: l.economicCode, economicName: l.economicName, final: l.final }));
  d.projects = projects.sort(byOrder).map((p) => ({
    name: p.name,
    initial: p.initial,
    adjusted: p.adjusted,
    final: p.final,
    allocated: p.allocated,
    key: p.key,
  }));
  d.threePublic = {
    lines: tp
      .sort(
        (a, b) =>
          THREE_PUBLIC_PARTS.indexOf(a.part as ThreePublicPart) - THREE_PUBLIC_PARTS.indexOf(b.part as ThreePublicPart),
      )
      .map((l) => ({
        part: l.part as ThreePublicPart,
        budget: l.budget,
        final: l.final,
        previousFinal: l.previousFinal,
      })),
    total: {
      budget: r.threePublicTotalBudget,
      final: r.threePublicTotalFinal,
      previousFinal: r.threePublicTotalPrevious,
    },
    counts: {
      abroadGroups: r.abroadGroups,
      abroadPersons: r.abroadPersons,
      vehicles: r.vehicles,
      vehiclesPurchased: r.vehiclesPurchased,
      receptionBatches: r.receptionBatches,
      receptionPersons: r.receptionPersons,
    },
  };
  d.runningCost = { budget: r.runningCostBudget, final: r.runningCostFinal, previousFinal: r.runningCostPrevious };
  d.procurement = {
    planned: r.procurementPlanned,
    goods: r.procurementGoods,
    works: r.procurementWorks,
    services: r.procurementServices,
    smeAwarded: r.procurementSme,
  };
  d.officialCard = { paid: r.officialCardPaid, eligible: r.officialCardEligible };
  d.keyExpenditure = { arranged: r.keyExpenditureArranged, total: r.keyExpenditureTotal };
  d.assets = {
    total: r.assetsTotal,
    liabilities: r.liabilities,
    netAssets: r.netAssets,
    fixedAssets: r.fixedAssets,
    fixedAssetsInUse: r.fixedAssetsInUse,
    vehicles: r.assetVehicles,
    largeEquipment: r.largeEquipment,
  };
  d.notes = r.notes;
  return d;
}

export async function findYear(db: DbOrTx, unitId: string, year: number): Promise<BudgetYearRow | null> {
  return (
    (
      await db
        .select()
        .from(budgetYear)
        .where(and(eq(budgetYear.unitId, unitId), eq(budgetYear.year, year)))
        .orderBy(asc(budgetYear.createdAt))
    )[0] ?? null
  );
}

/**
 * Creates or replaces the year of a unit: the row's columns are overwritten and its lines replaced.
 * Validation is the caller's job.
 */
export async function writeDoc(
  tx: Tx,
  ids: { regionCode: string; unitId: string; year: number; userId: string | null },
  doc: BudgetYearDoc,
  status?: 'draft' | 'finalised',
): Promise<BudgetYearRow> {
  const values = rowValues(doc);
  const now = new Date();
  const [row] = await tx
    .insert(budgetYear)
    .values({
      regionCode: ids.regionCode,
      unitId: ids.unitId,
      year: ids.year,
      ...values,
      ...(status ? { status, finalisedAt: status === 'finalised' ? now : null } : {}),
      createdBy: ids.userId,
      updatedBy: ids.userId,
    })
    .onConflictDoUpdate({
      target: [budgetYear.unitId, budgetYear.year],
      set: { ...values, updatedBy: ids.userId, updatedAt: now },
    })
    .returning();
  const y = row!;
  const base = { regionCode: ids.regionCode, budgetYearId: y.id };
  for (const table of [budgetIncomeLine, budgetFunctionLine, budgetEconomicLine, budgetProject, budgetThreePublicLine])
    await tx.delete(table).where(eq(table.budgetYearId, y.id));
  if (doc.income.length)
    await tx.insert(budgetIncomeLine).values(doc.income.map((l, i) => ({ ...base, sortOrder: i, ...l })));
  if (doc.functionLines.length)
    await tx.insert(budgetFunctionLine).values(doc.functionLines.map((l, i) => ({ ...base, sortOrder: i, ...l })));
  if (doc.economicLines.length)
    await tx.insert(budgetEconomicLine).values(doc.economicLines.map((l, i) => ({ ...base, sortOrder: i, ...l })));
  if (doc.projects.length)
    await tx.insert(budgetProject).values(doc.projects.map((l, i) => ({ ...base, sortOrder: i, ...l })));
  if (doc.threePublic.lines.length)
    await tx
      .insert(budgetThreePublicLine)
      .values(doc.threePublic.lines.map((l, i) => ({ ...base, sortOrder: i, ...l })));
  return y;
}
