/**
 * 事业单位法人登记: the register of legal persons, registration acts (设立 / 变更 / 注销 / 证书换发 /
 * 遗失补领) with their documents and deadlines, certificates, announcements and the archive (一户一档).
 */
import { z } from 'zod';
import { FUNDING_FORMS } from './org.js';

const Uuid = z.uuid({ message: '编号格式不正确' });
const IsoDate = z.iso.date({ message: '日期须为 YYYY-MM-DD 格式' });

export const ACT_KINDS = [
  'establish',
  'amend',
  'deregister',
  'deregisterSimplified',
  'certificateReissue',
  'certificateLoss',
] as const;
export type ActKind = (typeof ACT_KINDS)[number];
export const ACT_KIND_LABELS: Record<string, string> = {
  establish: '设立登记',
  amend: '变更登记',
  deregister: '注销登记',
  deregisterSimplified: '简易注销登记',
  certificateReissue: '法人证书换发',
  certificateLoss: '法人证书遗失补领',
  assignCode: '赋码',
};

export const ACT_STATES = ['draft', 'submitted', 'accepted', 'approved', 'refused'] as const;
export type ActState = (typeof ACT_STATES)[number];
export const ACT_STATE_LABELS: Record<ActState, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已受理',
  approved: '已核准',
  refused: '已驳回',
};

/** The documents an act may carry (申请材料), and a plain scan added to the archive. */
export const DOCUMENT_KINDS = [
  'application',
  'approvalDocument',
  'charter',
  'addressProof',
  'capitalProof',
  'representativeAppointment',
  'representativeId',
  'sponsorConsent',
  'changeProof',
  'deregistrationApproval',
  'liquidationReport',
  'debtCommitment',
  'certificateOriginal',
  'scan',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  application: '登记申请书',
  approvalDocument: '机构编制部门批准设立（变更）文件',
  charter: '章程草案',
  addressProof: '住所证明',
  capitalProof: '开办资金确认证明',
  representativeAppointment: '法定代表人任职文件',
  representativeId: '法定代表人身份证明',
  sponsorConsent: '举办单位审查同意文件',
  changeProof: '变更事项证明文件',
  deregistrationApproval: '撤销或解散的批准文件',
  liquidationReport: '清算报告',
  debtCommitment: '债权债务清理承诺书',
  certificateOriginal: '法人证书正副本（缴回）',
  scan: '其他扫描件',
};
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS, { message: '材料类别不正确' });

export const FundingSourceSchema = z.enum(FUNDING_FORMS, { message: '经费来源须为全额拨款、差额拨款或自收自支' });

/** The particulars of a legal person (登记事项). Startup capital is in fen (分). */
export const Particulars = z.object({
  name: z.string().trim().min(2, '名称至少2个字').max(100, '名称过长'),
  legalRepresentative: z.string().trim().min(2, '法定代表人姓名至少2个字').max(40, '法定代表人姓名过长'),
  address: z.string().trim().min(4, '住所至少4个字').max(200, '住所过长'),
  startupCapital: z
    .number({ message: '开办资金须为数字（单位：分）' })
    .int('开办资金须以分为单位的整数')
    .min(0, '开办资金不能为负')
    .max(1e15, '开办资金过大'),
  purposeAndScope: z.string().trim().min(4, '宗旨和业务范围至少4个字').max(2000, '宗旨和业务范围过长'),
  sponsorUnitId: Uuid,
  fundingSource: FundingSourceSchema,
});
export type Particulars = z.infer<typeof Particulars>;
export const PARTICULAR_FIELDS = [
  'name',
  'legalRepresentative',
  'address',
  'startupCapital',
  'purposeAndScope',
  'sponsorUnitId',
  'fundingSource',
] as const;
export type ParticularField = (typeof PARTICULAR_FIELDS)[number];
export const PARTICULAR_LABELS: Record<ParticularField, string> = {
  name: '名称',
  legalRepresentative: '法定代表人',
  address: '住所',
  startupCapital: '开办资金',
  purposeAndScope: '宗旨和业务范围',
  sponsorUnitId: '举办单位',
  fundingSource: '经费来源',
};

/** 简易注销: the declarations the applicant must make, each one a condition. */
export const SIMPLIFIED_DECLARATIONS = [
  'noOutstandingDebts',
  'noPendingLitigation',
  'assetsDisposed',
  'noStaffToResettle',
] as const;
export type SimplifiedDeclaration = (typeof SIMPLIFIED_DECLARATIONS)[number];
export const SIMPLIFIED_DECLARATION_LABELS: Record<SimplifiedDeclaration, string> = {
  noOutstandingDebts: '无未清偿的债权债务',
  noPendingLitigation: '无未结的诉讼、仲裁或行政处罚案件',
  assetsDisposed: '国有资产已按规定处置完毕',
  noStaffToResettle: '无需安置的工作人员（人员已全部妥善安置）',
};

export const CERTIFICATE_REISSUE_REASONS = ['amended', 'expired', 'damaged'] as const;
export const CERTIFICATE_REISSUE_REASON_LABELS: Record<(typeof CERTIFICATE_REISSUE_REASONS)[number], string> = {
  amended: '登记事项变更',
  expired: '有效期届满',
  damaged: '证书破损',
};

/** What each act kind carries besides its documents. */
export const ActDetails = z.object({
  /** establish: the particulars; the USCC when the applicant already holds one. */
  particulars: Particulars.optional(),
  uscc: z.string().trim().max(40, '统一社会信用代码过长').optional(),
  /** amend: the new values of the changed particulars. */
  changes: Particulars.partial().optional(),
  /** deregister: why (撤销、解散 …). */
  reason: z.string().trim().max(500, '原因过长').optional(),
  /** deregisterSimplified: each declaration made (true) or not. */
  declarations: z.partialRecord(z.enum(SIMPLIFIED_DECLARATIONS), z.boolean()).optional(),
  /** certificateReissue */
  reissueReason: z.enum(CERTIFICATE_REISSUE_REASONS, { message: '换发原因不正确' }).optional(),
  /** certificateLoss: the date the certificate was lost and the statement published. */
  lostOn: IsoDate.optional(),
});
export type ActDetails = z.infer<typeof ActDetails>;

export const CreateActBody = z.object({
  kind: z.enum(ACT_KINDS, { message: '登记事项类别不正确' }),
  unitId: Uuid,
  changeDate: IsoDate.optional(),
  details: ActDetails,
});
export const UpdateActBody = z.object({ changeDate: IsoDate.nullable().optional(), details: ActDetails });

export const AttachDocumentBody = z.object({
  kind: DocumentKindSchema,
  fileId: Uuid,
  note: z.string().trim().max(200, '说明过长').optional(),
});
export const ActFileParams = z.object({ id: Uuid, fileId: Uuid });

/** A step's date (defaults to today, Beijing time); entered when paper files are recorded later. */
export const StepBody = z.object({ on: IsoDate.optional() });
export const ApproveBody = z.object({
  on: IsoDate.optional(),
  /** establish: the code assigned, when not already given. */
  uscc: z.string().trim().max(40, '统一社会信用代码过长').optional(),
});
export const RefuseBody = z.object({
  on: IsoDate.optional(),
  reason: z.string().trim().min(4, '驳回理由至少4个字').max(1000, '驳回理由过长'),
});

export const ActDocument = z.object({
  id: Uuid,
  kind: z.string(),
  fileId: Uuid,
  name: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const Deadline = z.object({
  /** What the deadline is for, in words. */
  label: z.string(),
  dueOn: z.string(),
  /** Working days left (negative when overdue), counted from today. */
  workingDaysLeft: z.number().int(),
  overdue: z.boolean(),
  /** How the date was computed (non-working days skipped). */
  note: z.string(),
});

export const ActSummary = z.object({
  id: Uuid,
  kind: z.string(),
  kindLabel: z.string(),
  state: z.enum(ACT_STATES),
  unitId: Uuid,
  unitName: z.string(),
  uscc: z.string().nullable(),
  changeDate: z.string().nullable(),
  submittedOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  lateWorkingDays: z.number().int().nullable(),
  deadline: Deadline.nullable(),
  createdAt: z.string(),
});
export const ActList = z.object({ items: z.array(ActSummary), total: z.number().int() });
export const ActListQuery = z.object({
  state: z.enum(ACT_STATES, { message: '状态不正确' }).optional(),
  kind: z.enum(ACT_KINDS, { message: '登记事项类别不正确' }).optional(),
  unitId: Uuid.optional(),
  /** open: draft, submitted or accepted. */
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const RequiredDocument = z.object({ kind: z.string(), label: z.string(), present: z.boolean() });

export const ActDetail = ActSummary.extend({
  details: ActDetails,
  before: z.record(z.string(), z.unknown()).nullable(),
  refusalReason: z.string().nullable(),
  documents: z.array(ActDocument),
  required: z.array(RequiredDocument),
  /** amend: the filing deadline (30 working days after the change). */
  filingDueOn: z.string().nullable(),
  actions: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    accept: z.boolean(),
    approve: z.boolean(),
    refuse: z.boolean(),
  }),
});

export const LegalPersonInfo = z.object({
  id: Uuid,
  uscc: z.string(),
  name: z.string(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  startupCapital: z.number().nullable(),
  purposeAndScope: z.string().nullable(),
  sponsorUnitId: Uuid.nullable(),
  sponsorName: z.string().nullable(),
  fundingSource: z.string().nullable(),
  status: z.string(),
  registeredOn: z.string(),
  deregisteredOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateValidFrom: z.string().nullable(),
  certificateValidTo: z.string().nullable(),
  /** Generated demo particulars. */
  synthetic: z.boolean(),
});

export const InstitutionSummary = z.object({
  unitId: Uuid,
  unitName: z.string(),
  legalPerson: LegalPersonInfo.nullable(),
});
export const InstitutionList = z.object({ items: z.array(InstitutionSummary), total: z.number().int() });
export const InstitutionListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  /** registered (on the register, any status) | unregistered (public institutions without a legal person) */
  registered: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'deregistered', 'abnormal']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const InstitutionDetail = z.object({
  unitId: Uuid,
  unitName: z.string(),
  unitStatus: z.string(),
  personsOnEstablishment: z.number().int(),
  legalPerson: LegalPersonInfo.nullable(),
  acts: z.array(ActSummary),
});

export const ArchiveEntry = z.object({
  at: z.string(),
  /** act: a registration act's step; document: a file received. */
  type: z.enum(['act', 'document']),
  title: z.string(),
  actId: Uuid.nullable(),
  document: ActDocument.nullable(),
});
export const Archive = z.object({ unitId: Uuid, unitName: z.string(), entries: z.array(ArchiveEntry) });
export const ArchiveUploadBody = z.object({
  kind: DocumentKindSchema.default('scan'),
  fileId: Uuid,
  note: z.string().trim().max(200, '说明过长').optional(),
});

export const CertificateQuery = z.object({
  format: z.enum(['pdf', 'docx'], { message: '格式须为 pdf 或 docx' }).default('pdf'),
});

export const ExpiringQuery = z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(90) });
export const ExpiringList = z.object({
  items: z.array(
    z.object({
      unitId: Uuid,
      name: z.string(),
      uscc: z.string(),
      certificateNo: z.string().nullable(),
      certificateValidTo: z.string(),
      daysLeft: z.number().int(),
      expired: z.boolean(),
    }),
  ),
});

export const Announcement = z.object({
  id: Uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  publishedOn: z.string(),
  unitId: Uuid,
  uscc: z.string(),
  name: z.string(),
});
export const AnnouncementList = z.object({ items: z.array(Announcement), total: z.number().int() });
export const AnnouncementQuery = z.object({
  kind: z.enum(['establish', 'amend', 'deregister', 'certificateLoss'], { message: '公告类别不正确' }).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
