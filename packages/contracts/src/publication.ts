/**
 * Publication (公开) of reports: the preflight (checks), publishing (DOCX + PDF + HTML kept as
 * published, SM3 digest, SM2 signature), withdrawal, the 预决算 deadline list, the year's batch,
 * and the public portal (no login): offices, their published reports, the files, verification.
 */
import { z } from 'zod';
import { REPORT_KINDS } from './reports.js';

export const PUBLICATION_FORMATS = ['docx', 'pdf', 'html'] as const;
export type PublicationFormat = (typeof PUBLICATION_FORMATS)[number];

/** Kinds that are 预决算 disclosures: published within 20 days of the 批复 (approval). */
export const DEADLINE_KINDS: readonly (typeof REPORT_KINDS)[number][] = ['finalAccounts'];
export const PUBLICATION_DEADLINE_DAYS = 20;

export const REPORT_BATCH_JOB_KIND = 'report.batch';

const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/** A finding of the checks as the publisher sees it, with the key a warning is accepted by. */
export const PublicationFinding = z.object({
  key: z.string(),
  severity: z.enum(['error', 'warning']),
  check: z.string(),
  label: z.string(),
  message: z.string(),
  stated: z.string(),
  recomputed: z.string(),
  how: z.string(),
  sentence: z.string(),
});
export type PublicationFinding = z.infer<typeof PublicationFinding>;

export const PublicationPreflight = z.object({
  reportId: z.uuid(),
  title: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  findings: z.array(PublicationFinding),
  /** Already published (withdraw first to publish again). */
  published: z.boolean(),
  approvedOn: z.string().nullable(),
  deadlineApplies: z.boolean(),
  signing: z.boolean(),
});

export const PublishBody = z.object({
  /** 批复日期 (预决算): recorded with the publication; the deadline is 20 days after it. */
  approvedOn: Day.optional(),
  /** Every warning of the checks, each accepted with a reason. */
  acceptWarnings: z
    .array(
      z.object({
        key: z.string().min(1, '警告编号不能为空').max(300),
        reason: z.string().trim().min(2, '接受警告须说明理由（至少2个字）').max(500, '理由过长'),
      }),
    )
    .max(500)
    .default([]),
});

export const WithdrawBody = z.object({
  reason: z.string().trim().min(2, '撤回须说明理由（至少2个字）').max(500, '理由过长'),
});

export const ApprovalBody = z.object({ approvedOn: Day });

export const PublicationFileInfo = z.object({
  format: z.enum(PUBLICATION_FORMATS),
  name: z.string(),
  size: z.number().int(),
  sm3: z.string(),
});

export const PublicationInfo = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  title: z.string(),
  approvedOn: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  pdfSm3: z.string(),
  signature: z.string().nullable(),
  signerPublicKey: z.string().nullable(),
  acceptedWarnings: z.array(z.object({ key: z.string(), label: z.string(), message: z.string(), reason: z.string() })),
  files: z.array(PublicationFileInfo),
  state: z.enum(['published', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type PublicationInfo = z.infer<typeof PublicationInfo>;
export const PublicationListResponse = z.object({ items: z.array(PublicationInfo) });

export const PublicationFileParams = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  format: z.enum(PUBLICATION_FORMATS, { message: '格式须为 docx、pdf 或 html' }),
});

export const DEADLINE_STATUSES = ['noApproval', 'due', 'overdue', 'publishedOnTime', 'publishedLate'] as const;
export const DEADLINE_STATUS_LABELS: Record<(typeof DEADLINE_STATUSES)[number], string> = {
  noApproval: '未录入批复日期',
  due: '待公开',
  overdue: '已逾期',
  publishedOnTime: '按期公开',
  publishedLate: '逾期公开',
};

export const DeadlineQuery = z.object({
  year: z.coerce.number({ message: '请填写年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
});

export const DeadlineRow = z.object({
  reportId: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  approvedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  status: z.enum(DEADLINE_STATUSES),
  /** Days until the deadline (negative: overdue by that many), while unpublished. */
  daysLeft: z.number().int().nullable(),
});
export const DeadlineResponse = z.object({ today: z.string(), items: z.array(DeadlineRow) });

export const ReportBatchBody = z.object({
  year: z.number({ message: '请填写年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  kind: z.enum(REPORT_KINDS, { message: '请选择报告类型' }),
  format: z.enum(PUBLICATION_FORMATS, { message: '格式须为 docx、pdf 或 html' }).default('pdf'),
});

/** `JobInfo.result` of a finished batch. */
export const ReportBatchResult = z.object({
  files: z.number().int(),
  failed: z.array(z.object({ unitName: z.string(), message: z.string() })),
});

// ── public portal ────────────────────────────────────────────────────────────────────────────

export const PublicOffice = z.object({
  regionCode: z.string(),
  name: z.string(),
  reports: z.number().int(),
  lastPublishedAt: z.string(),
});
export const PublicOfficeListResponse = z.object({ items: z.array(PublicOffice) });

export const PublicRegionParams = z.object({
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字'),
});

export const PublicReport = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(REPORT_KINDS),
  department: z.string(),
  year: z.number().int(),
  publishedAt: z.string(),
  pdfSm3: z.string(),
  signed: z.boolean(),
  acceptedWarnings: z.array(z.object({ label: z.string(), message: z.string(), reason: z.string() })),
});
export const PublicReportListResponse = z.object({ office: z.string(), items: z.array(PublicReport) });

export const PublicFileParams = z.object({
  file: z.string().regex(/^[0-9a-fA-F-]{36}\.(html|pdf|docx)$/, '文件名应为 <编号>.html、<编号>.pdf 或 <编号>.docx'),
});

export const VerifyDigestBody = z.object({
  sm3: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'SM3 摘要应为64位十六进制数'),
});

export const VerifyResponse = z.object({
  sm3: z.string(),
  /** The digest is the PDF (or DOCX/HTML) of a publication. */
  match: z.boolean(),
  /** The SM2 signature verifies (null: no match, or published without signature). */
  signatureValid: z.boolean().nullable(),
  /** The publication has been withdrawn since. */
  withdrawn: z.boolean(),
  report: z
    .object({
      id: z.uuid(),
      title: z.string(),
      department: z.string(),
      office: z.string(),
      publishedAt: z.string(),
      format: z.enum(PUBLICATION_FORMATS),
    })
    .nullable(),
  message: z.string(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

export const SigningKeyResponse = z.object({
  publicKey: z.string().nullable(),
  algorithm: z.string(),
  userId: z.string(),
});
