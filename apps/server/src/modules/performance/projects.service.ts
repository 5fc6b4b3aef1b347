/**
 * Project self-evaluation sheets (项目绩效目标完成情况表): the department enters each project's
 * annual target and indicator table; budget and execution come from the budget year; the 10号
 * score is computed (domain/project.ts).
 */
import { and, eq } from 'drizzle-orm';
import { fenToWanyuan, type ProjectSheetBody, type ProjectSheetList, type ProjectSheetView } from '@bianban/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { loadBudgetYearFacts } from '../budget/budget.facts.js';
import { toText } from './domain/decimal.js';
import { scoreProject, type ProjectIndicator } from './domain/project.js';
import { projectSheet } from './performance.schema.js';

type View = z.infer<typeof ProjectSheetView>;

function view(
  name: string,
  budget: number | null,
  executed: number | null,
  stored: { annualTarget: string; actualOutcome: string; indicators: ProjectIndicator[] } | null,
): View {
  const sheet = {
    projectName: name,
    annualTarget: stored?.annualTarget ?? '',
    actualOutcome: stored?.actualOutcome ?? '',
    budget,
    executed,
    indicators: stored?.indicators ?? [],
  };
  const s = scoreProject(sheet);
  const t = (d: Parameters<typeof toText>[0] | null) => (d === null ? null : toText(d, 2));
  return {
    projectName: name,
    budget: budget === null ? null : fenToWanyuan(budget),
    executed: executed === null ? null : fenToWanyuan(executed),
    annualTarget: sheet.annualTarget,
    actualOutcome: sheet.actualOutcome,
    indicators: sheet.indicators.map((i, k) => ({
      ...i,
      score: t(s.indicators[k]!.score),
      explanation: s.indicators[k]!.explanation,
      error: s.indicators[k]!.error,
    })),
    execution: { rate: t(s.execution.rate), score: t(s.execution.score), error: s.execution.error },
    levels: s.levels.map((l) => ({
      key: l.key,
      label: l.label,
      points: toText(l.points),
      stated: toText(l.stated),
      score: t(l.score),
    })),
    total: t(s.total),
    grade: s.grade,
    problems: s.problems,
    saved: stored !== null,
  };
}

async function projectsOf(db: DbOrTx, unitId: string, year: number) {
  const facts = await loadBudgetYearFacts(db, unitId, year);
  return (facts?.projects ?? []).map((p) => ({
    name: p.name,
    budget: p.amount.adjusted ?? p.amount.initial,
    executed: p.amount.final,
  }));
}

export async function listProjectSheets(
  svc: Services,
  a: AuthContext,
  q: { unitId: string; year: number },
): Promise<z.infer<typeof ProjectSheetList>> {
  assertUnitInScope(a.scope, q.unitId, '该部门');
  const projects = await projectsOf(svc.db, q.unitId, q.year);
  const sheets = await svc.db
    .select()
    .from(projectSheet)
    .where(and(eq(projectSheet.unitId, q.unitId), eq(projectSheet.year, q.year)));
  const byName = new Map(sheets.map((s) => [s.projectName, s]));
  return {
    items: projects.map((p) => {
      const s = byName.get(p.name);
      return view(
        p.name,
        p.budget,
        p.executed,
        s
          ? {
              annualTarget: s.annualTarget,
              actualOutcome: s.actualOutcome,
              indicators: s.indicators as ProjectIndicator[],
            }
          : null,
      );
    }),
  };
}

export async function saveProjectSheet(
  svc: Services,
  a: AuthContext,
  body: z.infer<typeof ProjectSheetBody>,
): Promise<View> {
  assertUnitInScope(a.scope, body.unitId, '该部门');
  const project = (await projectsOf(svc.db, body.unitId, body.year)).find((p) => p.name === body.projectName);
  if (!project)
    throw appError(
      'VALIDATION_FAILED',
      `${body.year}年度部门预算中没有项目“${body.projectName}”，请先在预算中录入该项目`,
    );
  const saved = await svc.db.transaction(async (tx) => {
    const u = (
      await tx
        .select({ id: unit.id })
        .from(unit)
        .where(and(eq(unit.id, body.unitId), eq(unit.regionCode, a.scope.regionCode)))
    )[0];
    if (!u) throw appError('NOT_FOUND', '部门不存在');
    const values = {
      annualTarget: body.annualTarget,
      actualOutcome: body.actualOutcome,
      indicators: body.indicators,
      updatedBy: a.user.id,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(projectSheet)
      .values({
        regionCode: a.scope.regionCode,
        unitId: body.unitId,
        year: body.year,
        projectName: body.projectName,
        ...values,
      })
      .onConflictDoUpdate({ target: [projectSheet.unitId, projectSheet.year, projectSheet.projectName], set: values })
      .returning();
    await appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'projectSheet.save',
      objectType: 'projectSheet',
      objectId: row!.id,
      after: { unitId: body.unitId, year: body.year, project: body.projectName, indicators: body.indicators.length },
    });
    return row!;
  });
  return view(project.name, project.budget, project.executed, {
    annualTarget: saved.annualTarget,
    actualOutcome: saved.actualOutcome,
    indicators: saved.indicators as ProjectIndicator[],
  });
}
