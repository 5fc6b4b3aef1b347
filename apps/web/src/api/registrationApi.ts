/** 事业单位法人登记 endpoints: acts, the register, institutions, archive, certificates, announcements. */
import type { z } from 'zod';
import type {
  ActDetail,
  ActDetails,
  ActList,
  AnnouncementList,
  Archive,
  CreateActBody,
  ExpiringList,
  InstitutionDetail,
  InstitutionList,
} from '@bianban/contracts';
import { ApiError, api, withQuery, type Query } from './client';
import type { FileInfoT } from './types';

export type ActListT = z.infer<typeof ActList>;
export type ActSummaryT = ActListT['items'][number];
export type ActDetailT = z.infer<typeof ActDetail>;
export type ActDetailsT = z.infer<typeof ActDetails>;
export type CreateActBodyT = z.infer<typeof CreateActBody>;
export type InstitutionListT = z.infer<typeof InstitutionList>;
export type InstitutionDetailT = z.infer<typeof InstitutionDetail>;
export type ArchiveT = z.infer<typeof Archive>;
export type ExpiringListT = z.infer<typeof ExpiringList>;
export type AnnouncementListT = z.infer<typeof AnnouncementList>;

const id = (v: string) => encodeURIComponent(v);

export const registrationApi = {
  acts: (q: Query, signal?: AbortSignal) => api.get<ActListT>('/api/registration/acts', q, signal),
  act: (actId: string) => api.get<ActDetailT>(`/api/registration/acts/${id(actId)}`),
  create: (body: CreateActBodyT) => api.post<ActDetailT>('/api/registration/acts', body),
  update: (actId: string, body: { changeDate?: string | null; details: ActDetailsT }) =>
    api.put<ActDetailT>(`/api/registration/acts/${id(actId)}`, body),
  attach: async (actId: string, kind: string, file: File) => {
    const f = await api.upload<FileInfoT>('/api/files', file);
    return api.post<ActDetailT>(`/api/registration/acts/${id(actId)}/documents`, { kind, fileId: f.id });
  },
  removeDocument: (actId: string, documentId: string) =>
    api.del<ActDetailT>(`/api/registration/acts/${id(actId)}/documents/${id(documentId)}`),
  step: (actId: string, step: 'submit' | 'accept' | 'approve' | 'refuse', body: Record<string, unknown>) =>
    api.post<ActDetailT>(`/api/registration/acts/${id(actId)}/${step}`, body),
  institutions: (q: Query, signal?: AbortSignal) =>
    api.get<InstitutionListT>('/api/registration/institutions', q, signal),
  institution: (unitId: string) => api.get<InstitutionDetailT>(`/api/registration/institutions/${id(unitId)}`),
  archive: (unitId: string) => api.get<ArchiveT>(`/api/registration/institutions/${id(unitId)}/archive`),
  addToArchive: async (unitId: string, file: File, note?: string) => {
    const f = await api.upload<FileInfoT>('/api/files', file);
    return api.post<ArchiveT>(`/api/registration/institutions/${id(unitId)}/archive`, {
      kind: 'scan',
      fileId: f.id,
      ...(note ? { note } : {}),
    });
  },
  expiring: (withinDays: number) => api.get<ExpiringListT>('/api/registration/certificates/expiring', { withinDays }),
  announcements: (q: Query) => api.get<AnnouncementListT>('/api/registration/announcements', q),
};

/** Downloads a GET endpoint's file (certificate, archived scan) through the session cookie. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await fetch(withQuery(path, query), {
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'bianban' },
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(
      res.status,
      data?.code ?? `HTTP_${res.status}`,
      data?.message ?? `下载失败（HTTP ${res.status}）`,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = m ? decodeURIComponent(m[1]!) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
