/** Publication endpoints: internal (公开管理) and the public portal (no login). */
import type { z } from 'zod';
import type {
  DeadlineResponse,
  PublicationInfo,
  PublicationListResponse,
  PublicationPreflight,
  PublicOfficeListResponse,
  PublicReportListResponse,
  PublishBody,
  ReportBatchBody,
  ReportListResponse,
  SigningKeyResponse,
  VerifyResponse,
} from '@bianban/contracts';
import { api } from '../../api/client';
import type { JobInfo } from '../../api/types';

export type PublicationInfoT = z.infer<typeof PublicationInfo>;
export type PreflightT = z.infer<typeof PublicationPreflight>;
export type DeadlineResponseT = z.infer<typeof DeadlineResponse>;
export type DeadlineRowT = DeadlineResponseT['items'][number];
export type PublicOfficeT = z.infer<typeof PublicOfficeListResponse>['items'][number];
export type PublicReportListT = z.infer<typeof PublicReportListResponse>;
export type PublicReportT = PublicReportListT['items'][number];
export type VerifyResponseT = z.infer<typeof VerifyResponse>;
export type SigningKeyT = z.infer<typeof SigningKeyResponse>;
export type ReportSummaryT = z.infer<typeof ReportListResponse>['items'][number];
export type PublishBodyT = z.input<typeof PublishBody>;
export type BatchBodyT = z.input<typeof ReportBatchBody>;

const id = (value: string) => encodeURIComponent(value);

export const publicationApi = {
  reports: (year: number) => api.get<z.infer<typeof ReportListResponse>>('/api/reports', { year }),
  preflight: (reportId: string) => api.get<PreflightT>(`/api/reports/${id(reportId)}/publication/preflight`),
  publish: (reportId: string, body: PublishBodyT) =>
    api.post<PublicationInfoT>(`/api/reports/${id(reportId)}/publish`, body),
  approval: (reportId: string, approvedOn: string) =>
    api.put<{ reportId: string; approvedOn: string }>(`/api/reports/${id(reportId)}/approval`, { approvedOn }),
  withdraw: (publicationId: string, reason: string) =>
    api.post<PublicationInfoT>(`/api/publications/${id(publicationId)}/withdraw`, { reason }),
  list: (year: number) => api.get<z.infer<typeof PublicationListResponse>>('/api/publications', { year }),
  deadlines: (year: number) => api.get<DeadlineResponseT>('/api/publications/deadlines', { year }),
  fileUrl: (publicationId: string, format: string) => `/api/publications/${id(publicationId)}/files/${format}`,
  batch: (body: BatchBodyT) => api.post<JobInfo>('/api/reports/batch', body),
};

export const publicApi = {
  offices: () => api.get<z.infer<typeof PublicOfficeListResponse>>('/api/public/offices'),
  reports: (regionCode: string) => api.get<PublicReportListT>(`/api/public/offices/${id(regionCode)}/reports`),
  fileUrl: (publicationId: string, format: 'html' | 'pdf' | 'docx') =>
    `/api/public/reports/${id(publicationId)}.${format}`,
  signingKey: () => api.get<SigningKeyT>('/api/public/signing-key'),
  verifyFile: (file: File) => api.upload<VerifyResponseT>('/api/public/verify', file),
  verifyDigest: (sm3: string) => api.post<VerifyResponseT>('/api/public/verify', { sm3 }),
};
