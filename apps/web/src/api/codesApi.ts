/** Unified social credit code endpoints: list check, ranges, 赋码. */
import type { z } from 'zod';
import type {
  CodeAssignmentSchema,
  CodeRangesResponse,
  UnitCodeStatus,
  UsccCheckResponse,
  UsccReportSchema,
} from '@bianban/contracts';
import { api } from './client';

export type UsccReportT = z.infer<typeof UsccReportSchema>;
export type UsccCheckResponseT = z.infer<typeof UsccCheckResponse>;
export type CodeRangesResponseT = z.infer<typeof CodeRangesResponse>;
export type UnitCodeStatusT = z.infer<typeof UnitCodeStatus>;
export type CodeAssignmentT = z.infer<typeof CodeAssignmentSchema>;

export const codesApi = {
  check: (codes: string[]) => api.post<UsccCheckResponseT>('/api/codes/uscc/check', { codes }),
  ranges: () => api.get<CodeRangesResponseT>('/api/codes/ranges'),
  unitStatus: (unitId: string, signal?: AbortSignal) =>
    api.get<UnitCodeStatusT>(`/api/codes/assignments/${encodeURIComponent(unitId)}`, undefined, signal),
  assign: (unitId: string) => api.post<CodeAssignmentT>('/api/codes/assignments', { unitId }),
};
