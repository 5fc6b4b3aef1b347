/** Import endpoints (roster, units, column mappings); see apps/server/src/modules/imports/*.routes.ts. */
import type {
  ColumnMappingT,
  ImportErrorT,
  ImportHeadersResponseT,
  ImportKind,
  ImportMappingResponseT,
  ImportMode,
  RosterImportResultT,
  UnitsImportBodyT,
  UnitsImportResultT,
} from '@bianban/contracts';
import { api } from '../../api/client';
import type { JobInfo } from '../../api/types';

export const ROSTER_TEMPLATE_URL = '/api/imports/roster/template';
export const UNITS_TEMPLATE_URL = '/api/imports/units/template';

export const importsApi = {
  /** Starts the `import.roster` background job. */
  roster: (fileId: string, mode: ImportMode, mapping?: ColumnMappingT) =>
    api.post<JobInfo>('/api/imports/roster', { fileId, mode, ...(mapping ? { mapping } : {}) }),
  /** Starts the `import.units` background job (drafts one establishment decision). */
  units: (body: UnitsImportBodyT) => api.post<JobInfo>('/api/imports/units', body),
  /** The file's header row and the proposed column mapping. */
  headers: (kind: ImportKind, fileId: string) =>
    api.post<ImportHeadersResponseT>(`/api/imports/${kind}/headers`, { fileId }),
  /** Saves the region's column mapping for this import (reused next time). */
  saveMapping: (kind: ImportKind, mapping: ColumnMappingT) =>
    api.put<ImportMappingResponseT>(`/api/imports/${kind}/mapping`, { mapping }),
};

/** What every import result has: the counts and the errors by row and column. */
export interface ImportCheck {
  rows: number;
  cleanRows: number;
  errorRows: number;
  errorCount: number;
  errors: ImportErrorT[];
}

function resultOf<T>(job: JobInfo | null): T | null {
  const r = job?.state === 'succeeded' ? job.result : null;
  if (!r || typeof r !== 'object' || !Array.isArray((r as { errors?: unknown }).errors)) return null;
  return r as T;
}

/** The `RosterImportResult` of a finished `import.roster` job, or null when there is none. */
export const rosterImportResult = (job: JobInfo | null) => resultOf<RosterImportResultT>(job);
/** The `UnitsImportResult` of a finished `import.units` job, or null when there is none. */
export const unitsImportResult = (job: JobInfo | null) => resultOf<UnitsImportResultT>(job);

/** Rows not written: the rows with errors when applied, otherwise every row. */
export function skippedRows(result: ImportCheck & { applied: boolean }): number {
  return result.applied ? result.rows - result.cleanRows : result.rows;
}
