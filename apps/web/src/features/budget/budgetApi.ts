/** Budget and final accounts endpoints; see apps/server/src/modules/budget/budget.routes.ts. */
import type { z } from 'zod';
import type {
  BudgetImportResultT,
  BudgetYearDetailT,
  BudgetYearDoc,
  BudgetYearListResponse,
  FunctionCodeListResponse,
} from '@bianban/contracts';
import { api } from '../../api/client';

export const BUDGET_TEMPLATE_URL = '/api/budget/template';
const path = (unitId: string, year: number) => `/api/budget/years/${encodeURIComponent(unitId)}/${year}`;

export const budgetApi = {
  list: (unitId?: string) => api.get<z.infer<typeof BudgetYearListResponse>>('/api/budget/years', { unitId }),
  get: (unitId: string, year: number) => api.get<BudgetYearDetailT>(path(unitId, year)),
  save: (unitId: string, year: number, doc: BudgetYearDoc) => api.put<BudgetYearDetailT>(path(unitId, year), doc),
  setStatus: (unitId: string, year: number, status: 'draft' | 'finalised') =>
    api.post<BudgetYearDetailT>(`${path(unitId, year)}/status`, { status }),
  codes: (year: number) => api.get<z.infer<typeof FunctionCodeListResponse>>('/api/budget/function-codes', { year }),
  import: (body: { fileId: string; unitId: string; year: number; mode: 'validate' | 'apply' }) =>
    api.post<BudgetImportResultT>('/api/budget/import', body),
};
