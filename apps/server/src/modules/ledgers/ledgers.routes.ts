/**
 * Ledger exports (台账). Each POST checks the request (scope of the unit asked for), fixes the
 * date, and starts a background job; the job is audited at its start (`ledger.*.start`, with its
 * parameters — for the roster, whether citizen IDs are in clear) and its file at download
 * (`export.download`, by the jobs module).
 */
import { z } from 'zod';
import {
  JobInfo,
  LEDGER_JOB_KINDS,
  MonthlyLedgerBody,
  RosterLedgerBody,
  UnitLedgerBody,
  type Permission,
} from '@bianban/contracts';
import type { JobContext, JobOutput } from '../../platform/jobs/jobs.service.js';
import { startJob } from '../../platform/jobs/jobs.service.js';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { todayInChina } from '../org/figures.service.js';
import { accessForJob, checkRoot } from './ledgers.access.js';
import { buildMonthlyLedger, buildRosterLedger, buildUnitLedger, type LedgerFile } from './ledgers.service.js';

const AsOfParams = z.object({ asOf: z.iso.date(), unitId: z.uuid().optional() });
const RosterParams = AsOfParams.extend({ revealIds: z.boolean() });
const MonthlyParams = MonthlyLedgerBody;

function output(f: LedgerFile): JobOutput {
  return {
    result: { title: f.title, rows: f.rows },
    file: { name: f.fileName, kind: 'xlsx', content: f.content },
  };
}

export async function ledgerRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['台账'];
  const response = { 200: JobInfo };

  app.post(
    '/api/ledgers/units',
    {
      config: { access: 'unit.read' },
      schema: { tags, summary: '导出单位及编制台账（XLSX，后台任务）', body: UnitLedgerBody, response },
    },
    async (req) => {
      const a = authOf(req);
      await checkRoot(deps.db, a.scope, req.body.unitId);
      return startJob(deps, a, LEDGER_JOB_KINDS.units, {
        asOf: req.body.asOf ?? todayInChina(),
        ...(req.body.unitId ? { unitId: req.body.unitId } : {}),
      });
    },
  );

  app.post(
    '/api/ledgers/roster',
    {
      config: { access: 'roster.read' },
      schema: {
        tags,
        summary: '导出花名册（XLSX，后台任务；有权查看完整身份证号者导出完整号码并留痕）',
        body: RosterLedgerBody,
        response,
      },
    },
    async (req) => {
      const a = authOf(req);
      await checkRoot(deps.db, a.scope, req.body.unitId);
      // Recorded in the start's audit row: an export of IDs in clear is a reveal of every ID in it.
      return startJob(deps, a, LEDGER_JOB_KINDS.roster, {
        asOf: req.body.asOf ?? todayInChina(),
        ...(req.body.unitId ? { unitId: req.body.unitId } : {}),
        revealIds: a.permissions.has('roster.revealId'),
      });
    },
  );

  app.post(
    '/api/ledgers/monthly',
    {
      config: { access: 'roster.read' },
      schema: { tags, summary: '导出机构编制月报（XLSX，后台任务）', body: MonthlyLedgerBody, response },
    },
    async (req) => {
      const a = authOf(req);
      await checkRoot(deps.db, a.scope, req.body.unitId);
      return startJob(deps, a, LEDGER_JOB_KINDS.monthly, { ...req.body });
    },
  );

  const access = (ctx: JobContext, need: Permission, unitId: string | undefined) =>
    accessForJob(deps.db, ctx.job, need, unitId);

  deps.jobs.register(LEDGER_JOB_KINDS.units, async (ctx) => {
    const p = AsOfParams.parse(ctx.job.params);
    const acc = await access(ctx, 'unit.read', p.unitId);
    return output(await buildUnitLedger(deps.db, acc, p.asOf, ctx.progress));
  });

  deps.jobs.register(LEDGER_JOB_KINDS.roster, async (ctx) => {
    const p = RosterParams.parse(ctx.job.params);
    const acc = await access(ctx, 'roster.read', p.unitId);
    // IDs in clear only when the start asked for it (and audited it) and the account still may.
    const reveal = p.revealIds && acc.permissions.has('roster.revealId');
    return output(await buildRosterLedger(deps.db, deps.keys.data, acc, p.asOf, reveal, ctx.progress));
  });

  deps.jobs.register(LEDGER_JOB_KINDS.monthly, async (ctx) => {
    const p = MonthlyParams.parse(ctx.job.params);
    const acc = await access(ctx, 'roster.read', p.unitId);
    return output(await buildMonthlyLedger(deps.db, acc, p.year, p.month, ctx.progress));
  });
}
