/** Roster import (实名制数据导入) endpoints; see apps/server/src/modules/imports/imports.routes.ts. */
import type { ImportMode, RosterImportResultT } from '@bianban/contracts';
import { api } from '../../api/client';
import type { JobInfo } from '../../api/types';

export const ROSTER_TEMPLATE_URL = '/api/imports/roster/template';

export const importsApi = {
  /** Starts the `import.roster` background job. */
  roster: (fileId: string, mode: ImportMode) => api.post<JobInfo>('/api/imports/roster', { fileId, mode }),
};

/** The `RosterImportResult` of a finished `import.roster` job, or null when there is none. */
export function rosterImportResult(job: JobInfo | null): RosterImportResultT | null {
  const r = job?.state === 'succeeded' ? job.result : null;
  if (!r || typeof r !== 'object' || !Array.isArray((r as { errors?: unknown }).errors)) return null;
  return r as RosterImportResultT;
}

/** Rows not written: the rows with errors when applied, otherwise every row. */
export function skippedRows(result: RosterImportResultT): number {
  return result.applied ? result.rows - result.cleanRows : result.rows;
}
