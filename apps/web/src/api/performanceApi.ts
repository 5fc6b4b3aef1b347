/** Performance evaluation endpoints: the framework library and department self-evaluations (绩效自评). */
import type { z } from 'zod';
import type {
  AdjustmentBody,
  CreateEvaluationBody,
  EvaluationDetail,
  EvaluationListResponse,
  EvaluationSummary,
  FrameworkBodyInput,
  FrameworkListResponse,
  FrameworkSummary,
  FrameworkVersionDetail,
  IndicatorEntry,
  IndicatorView,
  MetricView,
  RuleInput,
  RuleTestResponse,
  SurveyGroupSchema,
  EvaluatorSchema,
  ProjectIndicatorSchema,
  ProjectSheetBody,
  ProjectSheetList,
  ProjectSheetView,
} from '@bianban/contracts';
import { api } from './client';
import type { FileInfoT } from './types';

export type FrameworkSummaryT = z.infer<typeof FrameworkSummary>;
export type FrameworkListResponseT = z.infer<typeof FrameworkListResponse>;
export type FrameworkVersionDetailT = z.infer<typeof FrameworkVersionDetail>;
export type RuleTestResponseT = z.infer<typeof RuleTestResponse>;
export type EvaluationSummaryT = z.infer<typeof EvaluationSummary>;
export type EvaluationListResponseT = z.infer<typeof EvaluationListResponse>;
export type EvaluationDetailT = z.infer<typeof EvaluationDetail>;
export type IndicatorViewT = z.infer<typeof IndicatorView>;
export type MetricViewT = z.infer<typeof MetricView>;
export type CreateEvaluationBodyT = z.infer<typeof CreateEvaluationBody>;
export type AdjustmentBodyT = z.infer<typeof AdjustmentBody>;
export type SurveyGroupT = z.infer<typeof SurveyGroupSchema>;
export type EvaluatorT = z.infer<typeof EvaluatorSchema>;
export type EvaluationTransition = 'submit' | 'review' | 'finance-review' | 'publish' | 'reopen';

const id = (value: string) => encodeURIComponent(value);

export const frameworksApi = {
  list: () => api.get<FrameworkListResponseT>('/api/frameworks'),
  create: (code: string, body: FrameworkBodyInput, note?: string) =>
    api.post<FrameworkVersionDetailT>('/api/frameworks', { code, body, ...(note ? { note } : {}) }),
  createVersion: (frameworkId: string, body: FrameworkBodyInput, note?: string) =>
    api.post<FrameworkVersionDetailT>(`/api/frameworks/${id(frameworkId)}/versions`, {
      body,
      ...(note ? { note } : {}),
    }),
  getVersion: (versionId: string) => api.get<FrameworkVersionDetailT>(`/api/framework-versions/${id(versionId)}`),
  updateVersion: (versionId: string, body: FrameworkBodyInput, note?: string) =>
    api.put<FrameworkVersionDetailT>(`/api/framework-versions/${id(versionId)}`, { body, ...(note ? { note } : {}) }),
  publish: (versionId: string) => api.post<FrameworkVersionDetailT>(`/api/framework-versions/${id(versionId)}/publish`),
  testRule: (body: { rule: RuleInput; points: number; name?: string; unit?: string; entry: IndicatorEntry }) =>
    api.post<RuleTestResponseT>('/api/rules/test', body),
};

export const evaluationsApi = {
  list: (query: { year?: number; unitId?: string } = {}, signal?: AbortSignal) =>
    api.get<EvaluationListResponseT>('/api/evaluations', query, signal),
  create: (body: CreateEvaluationBodyT) => api.post<EvaluationDetailT>('/api/evaluations', body),
  get: (evaluationId: string, signal?: AbortSignal) =>
    api.get<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}`, undefined, signal),
  saveEntry: (evaluationId: string, key: string, entry: IndicatorEntry, evidenceFileIds: string[] = []) =>
    api.put<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}/entries/${id(key)}`, { entry, evidenceFileIds }),
  saveNarrative: (evaluationId: string, narrative: Record<string, string>, evaluators: EvaluatorT[]) =>
    api.put<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}/narrative`, { narrative, evaluators }),
  saveSurveys: (evaluationId: string, groups: SurveyGroupT[]) =>
    api.put<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}/surveys`, { groups }),
  adjust: (evaluationId: string, key: string, body: AdjustmentBodyT) =>
    api.put<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}/adjustments/${id(key)}`, body),
  transition: (evaluationId: string, step: EvaluationTransition, reason?: string) =>
    api.post<EvaluationDetailT>(`/api/evaluations/${id(evaluationId)}/${step}`, reason ? { reason } : {}),
};

export type ProjectSheetViewT = z.infer<typeof ProjectSheetView>;
export type ProjectSheetListT = z.infer<typeof ProjectSheetList>;
export type ProjectSheetBodyT = z.input<typeof ProjectSheetBody>;
export type ProjectIndicatorT = z.infer<typeof ProjectIndicatorSchema>;

/** 项目绩效目标完成情况表: the projects of a department's budget year, each with its 10号 score. */
export const projectSheetsApi = {
  list: (unitId: string, year: number, signal?: AbortSignal) =>
    api.get<ProjectSheetListT>('/api/project-sheets', { unitId, year }, signal),
  save: (body: ProjectSheetBodyT) => api.put<ProjectSheetViewT>('/api/project-sheets', body),
};

/** 佐证材料: upload through the common endpoint; read and download through the evaluation's evidence routes. */
export const evidenceApi = {
  upload: (file: File) => api.upload<FileInfoT>('/api/files', file),
  info: (fileId: string, signal?: AbortSignal) => api.get<FileInfoT>(`/api/evidence/${id(fileId)}`, undefined, signal),
  contentUrl: (fileId: string) => `/api/evidence/${id(fileId)}/content`,
};
