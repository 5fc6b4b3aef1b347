/**
 * The budget facts of one department and year, as the performance module reads them. No scope
 * check here: callers check the unit against the reader's scope first. Staff counts are not
 * budget facts; they come from the roster as of a date.
 */
import { asc, eq } from 'drizzle-orm';
import {
  INCOME_SOURCES,
  THREE_PUBLIC_PARTS,
  type BudgetYearFactsExtended,
  type IncomeSource,
  type StagedAmount,
  type ThreePublicPart,
} from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import { classification } from './classification.js';
import { findYear, readDoc } from './budget.repository.js';
import { budgetProject } from './budget.schema.js';

const none = (): StagedAmount => ({ initial: null, adjusted: null, final: null });

export async function loadBudgetYearFacts(
  db: DbOrTx,
  unitId: string,
  year: number,
): Promise<BudgetYearFactsExtended | null> {
  const row = await findYear(db, unitId, year);
  if (!row) return null;
  const doc = await readDoc(db, row);
  const projects = await db
    .select()
    .from(budgetProject)
    .where(eq(budgetProject.budgetYearId, row.id))
    .orderBy(asc(budgetProject.sortOrder));
  const cls = classification().year(year);
  const income = Object.fromEntries(INCOME_SOURCES.map((s) => [s, none()])) as Record<IncomeSource, StagedAmount>;
  for (const l of doc.income) income[l.source] = { initial: l.initial, adjusted: l.adjusted, final: l.final };
  const threePublic = Object.fromEntries(THREE_PUBLIC_PARTS.map((p) => [p, { budget: null, final: null }])) as Record<
    ThreePublicPart,
    { budget: number | null; final: number | null }
  >;
  const threePublicPrevious = Object.fromEntries(THREE_PUBLIC_PARTS.map((p) => [p, null])) as Record<
    ThreePublicPart,
    number | null
  >;
  for (const l of doc.threePublic.lines) {
    threePublic[l.part] = { budget: l.budget, final: l.final };
    threePublicPrevious[l.part] = l.previousFinal;
  }
  const t = doc.totals;
  return {
    unitId,
    year,
    finalised: row.status === 'finalised',
    income,
    carryIn: t.carryIn,
    carryOut: t.carryOut,
    basic: { personnel: t.personnel, operating: t.operating },
    projects: projects.map((p) => ({
      projectId: p.id,
      name: p.name,
      amount: { initial: p.initial, adjusted: p.adjusted, final: p.final },
      allocated: p.allocated,
    })),
    byFunction: doc.functionLines.map((l) => ({
      functionCode: l.functionCode,
      functionName: l.functionName ?? cls.function.get(l.functionCode)?.name ?? '',
      amount: { initial: l.initial, adjusted: l.adjusted, final: l.final },
      basicFinal: l.basicFinal,
      projectFinal: l.projectFinal,
    })),
    byEconomic: doc.economicLines.map((l) => ({
      economicCode: l.economicCode,
      economicName: l.economicName ?? cls.economic.get(l.economicCode)?.name ?? '',
      final: l.final,
    })),
    threePublic,
    threePublicCounts: doc.threePublic.counts,
    runningCost: { budget: doc.runningCost.budget, final: doc.runningCost.final },
    procurement: doc.procurement,
    officialCard: doc.officialCard,
    keyExpenditure: doc.keyExpenditure,
    assets: doc.assets,
    stated: {
      grandTotal: t.grandTotal,
      incomeTotal: t.incomeTotal,
      expenditureTotal: t.expenditureTotal,
      basicTotal: t.basicTotal,
      projectTotal: t.projectTotal,
      threePublicTotal: doc.threePublic.total,
    },
    threePublicPrevious,
    runningCostPrevious: doc.runningCost.previousFinal,
  };
}
