/** 事业单位法人年度报告 and 双随机抽查 endpoints, and the public portal's register search. */
import type { z } from 'zod';
import type {
  AnnualReportContent,
  AnnualReportDetail,
  AnnualReportList,
  AnnualStats,
  CampaignDetail,
  CampaignList,
  CreateCampaignBody,
  FilableList,
  MarkAbnormalResponse,
  PublicInstitutionDetail,
  PublicInstitutionList,
  StaffingFromRoster,
  VerifyDrawResponse,
} from '@bianban/contracts';
import { api, type Query } from './client';

export type AnnualReportDetailT = z.infer<typeof AnnualReportDetail>;
export type AnnualReportListT = z.infer<typeof AnnualReportList>;
export type AnnualReportSummaryT = AnnualReportListT['items'][number];
export type AnnualReportContentT = z.infer<typeof AnnualReportContent>;
export type AnnualStatsT = z.infer<typeof AnnualStats>;
export type FilableListT = z.infer<typeof FilableList>;
export type StaffingT = z.infer<typeof StaffingFromRoster>;
export type CampaignListT = z.infer<typeof CampaignList>;
export type CampaignDetailT = z.infer<typeof CampaignDetail>;
export type CreateCampaignBodyT = z.input<typeof CreateCampaignBody>;
export type VerifyDrawT = z.infer<typeof VerifyDrawResponse>;
export type PublicInstitutionListT = z.infer<typeof PublicInstitutionList>;
export type PublicInstitutionDetailT = z.infer<typeof PublicInstitutionDetail>;

const id = (v: string) => encodeURIComponent(v);
const base = '/api/registration/annual-reports';
const ins = '/api/registration/inspections';

export const annualApi = {
  list: (q: Query, signal?: AbortSignal) => api.get<AnnualReportListT>(base, q, signal),
  filable: () => api.get<FilableListT>(`${base}/institutions`),
  staffing: (unitId: string, year: number) => api.get<StaffingT>(`${base}/staffing`, { unitId, year }),
  get: (reportId: string) => api.get<AnnualReportDetailT>(`${base}/${id(reportId)}`),
  create: (unitId: string, year: number) => api.post<AnnualReportDetailT>(base, { unitId, year }),
  update: (reportId: string, content: Partial<AnnualReportContentT>) =>
    api.put<AnnualReportDetailT>(`${base}/${id(reportId)}`, { content }),
  submit: (reportId: string) => api.post<AnnualReportDetailT>(`${base}/${id(reportId)}/submit`, {}),
  review: (reportId: string) => api.post<AnnualReportDetailT>(`${base}/${id(reportId)}/review`, {}),
  return: (reportId: string, reason: string) =>
    api.post<AnnualReportDetailT>(`${base}/${id(reportId)}/return`, { reason }),
  publish: (reportId: string) => api.post<AnnualReportDetailT>(`${base}/${id(reportId)}/publish`, {}),
  stats: (year: number, asOf?: string) => api.get<AnnualStatsT>(`${base}/stats`, { year, asOf }),
  markAbnormal: (year: number, legalPersonIds: string[]) =>
    api.post<z.infer<typeof MarkAbnormalResponse>>(`${base}/abnormal`, { year, legalPersonIds }),
};

export const inspectionApi = {
  list: (q: Query) => api.get<CampaignListT>(ins, q),
  get: (campaignId: string) => api.get<CampaignDetailT>(`${ins}/${id(campaignId)}`),
  create: (body: CreateCampaignBodyT) => api.post<CampaignDetailT>(ins, body),
  draw: (campaignId: string, seed?: string) =>
    api.post<CampaignDetailT>(`${ins}/${id(campaignId)}/draw`, seed ? { seed } : {}),
  verify: (campaignId: string) => api.get<VerifyDrawT>(`${ins}/${id(campaignId)}/verify`),
  result: (campaignId: string, resultId: string, body: Record<string, unknown>) =>
    api.put<CampaignDetailT>(`${ins}/${id(campaignId)}/results/${id(resultId)}`, body),
  rectified: (campaignId: string, resultId: string, body: { doneOn: string; note: string }) =>
    api.post<CampaignDetailT>(`${ins}/${id(campaignId)}/results/${id(resultId)}/rectified`, body),
  publish: (campaignId: string) => api.post<CampaignDetailT>(`${ins}/${id(campaignId)}/publish`, {}),
};

export const publicRegistrationApi = {
  search: (q: string) => api.get<PublicInstitutionListT>('/api/public/registration/institutions', { q }),
  institution: (uscc: string) => api.get<PublicInstitutionDetailT>(`/api/public/registration/institutions/${id(uscc)}`),
};
