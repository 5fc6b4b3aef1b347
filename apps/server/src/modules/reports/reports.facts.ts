/**
 * Gathers the facts a report template reads, from the modules that own them: the unit as it stood
 * at the year end (name, 三定 functions, internal offices, subordinate units), the establishment
 * and roster figures as of the year end and a year earlier, the enrolments and disenrolments of the
 * year (date, reason, type: no names), the budget facts of the year and of the year before, the
 * evaluation (self-evaluation report) and the project sheets (project table), and — in the staffing
 * office's own self-evaluation and 决算说明 — the year's work the org, registration and roster modules
 * record (workFacts). Checks the scope.
 */
import { and, count, isNotNull, lte, eq, sql } from 'drizzle-orm';
import type { ReportKind } from '@bianban/contracts';
import { inForceOn } from '../../db/as-of.js';
import type { DbOrTx, Db } from '../../db/client.js';
import type { AuthContext, Services } from '../../platform/auth/auth.service.js';
import { assertUnitInScope, type DataScope } from '../../platform/auth/scope.js';
import { appError } from '../../platform/http/errors.js';
import { loadBudgetYearFacts } from '../budget/budget.facts.js';
import { figures } from '../org/figures.service.js';
import { evaluationsForUnits } from '../performance/evaluations.service.js';
import { listProjectSheets } from '../performance/projects.service.js';
import { annualReport } from '../registration/annual.schema.js';
import { dueCondition, registrationCounts } from '../registration/annual-reports.counts.js';
import { legalPerson } from '../registration/registration.schema.js';
import type { ReportFacts, StaffFacts, UnitFacts, WorkFacts } from './templates/common.js';

interface UnitRow extends Record<string, unknown> {
  unit_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  status: string;
  category: string | null;
  functions_text: string | null;
}

async function unitsOn(
  db: DbOrTx,
  regionCode: string,
  date: string,
  where: 'id' | 'parent',
  id: string,
): Promise<UnitRow[]> {
  const res = await db.execute<UnitRow>(sql`
    select v.unit_id, v.parent_id, v.name, v.kind, v.status, v.category, v.functions_text, u.sort_order
      from unit_version v join unit u on u.id = v.unit_id
      where v.region_code = ${regionCode} and ${inForceOn('v', date)}
        and ${where === 'id' ? sql`v.unit_id = ${id}` : sql`v.parent_id = ${id}`}
    union all
    select u.id, u.parent_id, u.name, u.kind, u.status, u.category, u.functions_text, u.sort_order
      from unit u
      where u.region_code = ${regionCode} and not exists (select 1 from unit_version x where x.unit_id = u.id)
        and ${where === 'id' ? sql`u.id = ${id}` : sql`u.parent_id = ${id}`}
    order by sort_order, name`);
  return res.rows;
}

export async function unitFacts(db: DbOrTx, scope: DataScope, unitId: string, asOf: string): Promise<UnitFacts> {
  assertUnitInScope(scope, unitId, '该部门');
  let [self] = await unitsOn(db, scope.regionCode, asOf, 'id', unitId);
  if (!self) {
    // Created after the year end (demo offices are created today): the current row.
    const cur = await db.execute<UnitRow>(
      sql`select id as unit_id, parent_id, name, kind, status, category, functions_text from unit where id = ${unitId} and region_code = ${scope.regionCode}`,
    );
    self = cur.rows[0];
  }
  if (!self) throw appError('NOT_FOUND', '部门不存在');
  let children = (await unitsOn(db, scope.regionCode, asOf, 'parent', unitId)).filter((c) => c.status === 'active');
  if (!children.length)
    children = (
      await db.execute<UnitRow>(
        sql`select id as unit_id, parent_id, name, kind, status, category, functions_text from unit where parent_id = ${unitId} and region_code = ${scope.regionCode} and status = 'active' order by sort_order, name`,
      )
    ).rows;
  return {
    id: unitId,
    name: self.name,
    functionsText: self.functions_text?.trim() ? self.functions_text.trim() : null,
    internalOffices: children.filter((c) => c.kind === 'internalOffice').map((c) => c.name),
    subordinates: children.filter((c) => c.kind !== 'internalOffice').map((c) => c.name),
    civilServantManaged: children
      .filter((c) => c.kind !== 'internalOffice' && c.category === 'civilServantManaged')
      .map((c) => c.name),
  };
}

/**
 * Enrolments and disenrolments of the year in the unit and its subtree (date, reason, type; no
 * names), a move between two units of the subtree left out (it changes no head count of the whole):
 * actual(year end) = actual(a year earlier) + in − out.
 */
async function movementsOf(
  db: DbOrTx,
  regionCode: string,
  unitId: string,
  year: number,
): Promise<NonNullable<StaffFacts['movements']>> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const res = await db.execute<{
    person_id: string;
    direction: 'in' | 'out';
    date: string;
    reason: string;
    type: string;
  }>(sql`
    with recursive t as (
      select id from unit where id = ${unitId} and region_code = ${regionCode}
      union all
      select u.id from unit u join t on u.parent_id = t.id where u.region_code = ${regionCode})
    select p.person_id, 'in' as direction, p.valid_from::text as date, p.enrol_reason as reason, p.type
      from placement p
      where p.region_code = ${regionCode} and p.unit_id in (select id from t)
        and p.valid_from >= ${from}::date and p.valid_from < ${to}::date
    union all
    select p.person_id, 'out', p.valid_to::text, coalesce(p.disenrol_reason, '其他'), p.type
      from placement p
      where p.region_code = ${regionCode} and p.unit_id in (select id from t)
        and p.valid_to >= ${from}::date and p.valid_to < ${to}::date`);
  const rows = res.rows;
  const inside = (r: (typeof rows)[number], direction: 'in' | 'out') =>
    rows.some((x) => x.person_id === r.person_id && x.direction === direction && x.date === r.date);
  return rows
    .filter((r) => !inside(r, r.direction === 'in' ? 'out' : 'in'))
    .map((r) => ({ direction: r.direction, date: r.date, reason: r.reason, type: r.type }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.direction.localeCompare(b.direction));
}

/** The region's staffing office, by the name the platform issues under ("…机构编制委员会办公室"). */
export const isStaffingOffice = (name: string): boolean => /机构编制委员会办公室$/.test(name.trim());

/**
 * The year's work of the region's staffing office as the org, registration and roster modules
 * record it (region-wide; the same facts the performance metrics read): decisions applied in the
 * year (China time), the annual reports of the year before — due (registration's `dueCondition`),
 * filed and published by the year end —, legal persons registered or given a code in the year,
 * institutions inspected in the year's campaigns, placements begun and ended in the year.
 */
export async function workFacts(db: DbOrTx, regionCode: string, year: number): Promise<WorkFacts> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const end = `${year}-12-31`;
  const reg = await registrationCounts(db, regionCode, year);
  const ofReportYear = and(dueCondition(regionCode, reg.reportYear), eq(annualReport.year, reg.reportYear));
  const [filed] = await db
    .select({ n: count() })
    .from(annualReport)
    .innerJoin(legalPerson, eq(legalPerson.id, annualReport.legalPersonId))
    .where(and(ofReportYear, isNotNull(annualReport.firstSubmittedOn), lte(annualReport.firstSubmittedOn, end)));
  const [published] = await db
    .select({ n: count() })
    .from(annualReport)
    .innerJoin(legalPerson, eq(legalPerson.id, annualReport.legalPersonId))
    .where(and(ofReportYear, eq(annualReport.state, 'published'), lte(annualReport.publishedOn, end)));
  const r = await db.execute<{ decisions: number; codes: number; enrolled: number; disenrolled: number }>(sql`
    select
      (select count(*) from establishment_decision where region_code = ${regionCode} and state = 'applied'
         and (applied_at at time zone 'Asia/Shanghai')::date >= ${from}::date
         and (applied_at at time zone 'Asia/Shanghai')::date < ${to}::date)::int as decisions,
      (select count(*) from legal_person where region_code = ${regionCode}
         and registered_on >= ${from}::date and registered_on < ${to}::date)::int as codes,
      (select count(*) from placement where region_code = ${regionCode}
         and valid_from >= ${from}::date and valid_from < ${to}::date)::int as enrolled,
      (select count(*) from placement where region_code = ${regionCode}
         and valid_to >= ${from}::date and valid_to < ${to}::date)::int as disenrolled`);
  const row = r.rows[0];
  return {
    regionCode,
    decisionsApplied: row?.decisions ?? 0,
    annualReports: {
      reportYear: reg.reportYear,
      due: reg.reportsDue,
      filed: filed?.n ?? 0,
      published: published?.n ?? 0,
    },
    codesIssued: row?.codes ?? 0,
    inspected: reg.inspectionsCompleted,
    enrolled: row?.enrolled ?? 0,
    disenrolled: row?.disenrolled ?? 0,
  };
}

export async function loadReportFacts(
  db: Db,
  scope: DataScope,
  q: { kind: ReportKind; unitId: string; year: number; evaluationId: string | null },
): Promise<ReportFacts> {
  const asOf = `${q.year}-12-31`;
  const unit = await unitFacts(db, scope, q.unitId, asOf);
  // The self-evaluation also states the change over the year: the figures a year earlier and the
  // movements between (read only for it — the 决算说明 batch reads no more than before).
  const withChange = q.kind === 'selfEvaluation';
  const fig = await figures(db, scope, {
    unitId: q.unitId,
    asOf,
    ...(withChange ? { compareTo: `${q.year - 1}-12-31` } : {}),
  });
  const rowsOf = (rows: typeof fig.establishment) =>
    rows.map((r) => ({ type: r.type, label: r.label, approved: r.approved, actual: r.actual }));
  const movements = withChange ? await movementsOf(db, scope.regionCode, q.unitId, q.year) : [];
  const facts: ReportFacts = {
    unit,
    year: q.year,
    budget: await loadBudgetYearFacts(db, q.unitId, q.year),
    previous: await loadBudgetYearFacts(db, q.unitId, q.year - 1),
    staff: {
      asOf,
      rows: rowsOf(fig.establishment),
      total: { approved: fig.total.approved, actual: fig.total.actual },
      previous: fig.compare
        ? {
            asOf: fig.compare.asOf,
            rows: rowsOf(fig.compare.establishment),
            total: { approved: fig.compare.total.approved, actual: fig.compare.total.actual },
          }
        : null,
      movements,
    },
  };
  // The year's work is the staffing office's: stated in its own self-evaluation and 决算说明 only.
  if ((q.kind === 'selfEvaluation' || q.kind === 'finalAccounts') && isStaffingOffice(unit.name))
    facts.work = await workFacts(db, scope.regionCode, q.year);
  if (q.kind === 'selfEvaluation' && q.evaluationId) {
    const found = await evaluationsForUnits(db, { scope }, [q.unitId], q.year);
    facts.evaluation = found.find((e) => e.id === q.evaluationId);
    if (!facts.evaluation) throw appError('NOT_FOUND', `${unit.name}${q.year}年度没有该绩效自评`);
  }
  if (q.kind === 'projectTable') {
    // listProjectSheets reads only the database and the reader's scope.
    const list = await listProjectSheets({ db } as Services, { scope } as AuthContext, {
      unitId: q.unitId,
      year: q.year,
    });
    facts.projects = list.items;
  }
  return facts;
}
