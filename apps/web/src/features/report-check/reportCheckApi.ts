/** 报告核查 endpoints; see apps/server/src/modules/report-check/report-check.routes.ts. */
import type { CheckedReportsResponse, ReportCheckBudgetProposal, ReportCheckFileResult } from '@bianban/contracts';
import type { FileInfoT } from '../../api/types';
import { api } from '../../api/client';
import { downloadFile } from '../../api/registrationApi';

export type CheckedFile = ReportCheckFileResult;
export type BudgetProposal = ReportCheckBudgetProposal;

export const reportCheckApi = {
  upload: (file: File) => api.upload<FileInfoT>('/api/files', file),
  check: (fileIds: string[]) => api.post<CheckedReportsResponse>('/api/report-check/check', { fileIds }),
  proposal: (fileId: string) => api.post<BudgetProposal>('/api/report-check/budget-proposal', { fileId }),
  exportXlsx: (fileIds: string[]) =>
    downloadFile('/api/report-check/export', { fileIds: fileIds.join(',') }, '报告核查发现.xlsx'),
};
