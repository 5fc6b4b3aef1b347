/** Report endpoints: records, editor view, checks, downloads and the HTML preview. */
import type { z } from 'zod';
import type {
  CreateReportBody,
  NumberStyle,
  ReportCheckResponse,
  ReportDetail,
  ReportFindingView,
  ReportFormat,
  ReportListResponse,
  ReportNumberStyleResponse,
  ReportParagraph,
  ReportSummary,
  ScoreLayout,
} from '@bianban/contracts';
import { api, type Query } from './client';
import { downloadFile } from './registrationApi';

export type ReportSummaryT = z.infer<typeof ReportSummary>;
export type ReportDetailT = z.infer<typeof ReportDetail>;
export type ReportParagraphT = z.infer<typeof ReportParagraph>;
export type ReportCheckT = z.infer<typeof ReportCheckResponse>;
export type ReportFindingT = z.infer<typeof ReportFindingView>;
export type CreateReportBodyT = z.input<typeof CreateReportBody>;
export type ReportNumberStyleT = z.infer<typeof ReportNumberStyleResponse>;

const id = (value: string) => encodeURIComponent(value);

export const reportsApi = {
  list: (q: Query) => api.get<z.infer<typeof ReportListResponse>>('/api/reports', q),
  create: (body: CreateReportBodyT) => api.post<ReportDetailT>('/api/reports', body),
  get: (reportId: string) => api.get<ReportDetailT>(`/api/reports/${id(reportId)}`),
  update: (
    reportId: string,
    body: {
      title?: string;
      edits?: Record<string, string | null>;
      numberStyle?: NumberStyle;
      scoreLayout?: ScoreLayout;
    },
  ) => api.patch<ReportDetailT>(`/api/reports/${id(reportId)}`, body),
  /** The region's default number style for new reports. */
  numberStyle: () => api.get<ReportNumberStyleT>('/api/reports/number-style'),
  setNumberStyle: (numberStyle: NumberStyle) =>
    api.put<ReportNumberStyleT>('/api/reports/number-style', { numberStyle }),
  check: (reportId: string) => api.post<ReportCheckT>(`/api/reports/${id(reportId)}/check`),
  /** The preview page's HTML (shown in a sandboxed iframe through srcdoc). */
  preview: async (reportId: string): Promise<string> => {
    const res = await fetch(`/api/reports/${id(reportId)}/preview`, {
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'bianban' },
    });
    if (!res.ok) {
      const data = (await res.json().catch(() => null)) as { message?: string } | null;
      throw new Error(data?.message ?? `预览失败（HTTP ${res.status}）`);
    }
    return res.text();
  },
  download: (reportId: string, format: ReportFormat, title: string) =>
    downloadFile(`/api/reports/${id(reportId)}/render`, { format }, `${title}.${format}`),
};
