/**
 * 事业单位法人证书 (the legal-person certificate) as PDF or DOCX, read from the register: name,
 * USCC (as text, no QR code), purpose and scope, address, legal representative, startup capital,
 * funding source, sponsor, validity, number and issuing office. Every download is audited with
 * the file's SM3 (`registration.certificate`).
 */
import { eq } from 'drizzle-orm';
import { FUNDING_FORM_LABELS } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import type { Db } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { cell, chineseDate, para, renderDocx, renderPdf, text, type Document } from '../../platform/documents/index.js';
import { appError } from '../../platform/http/errors.js';
import { yuan } from './domain/acts.js';
import { legalPerson } from './registration.schema.js';

export interface RegistrationCertificateData {
  name: string;
  uscc: string;
  purposeAndScope: string;
  address: string;
  legalRepresentative: string;
  startupCapital: number;
  fundingSource: string;
  sponsorName: string;
  validFrom: string;
  validTo: string;
  number: string;
  issuer: string;
}

/** The certificate as a document (pure). */
export function registrationCertificateDocument(d: RegistrationCertificateData): Document {
  const row = (k: string, v: string) => [cell(k, { bold: true, align: 'center' }), cell(v)];
  return {
    title: '事业单位法人证书',
    subtitle: [text(`统一社会信用代码：${d.uscc}`)],
    meta: { author: d.issuer, subject: `${d.name} 事业单位法人证书`, keywords: ['事业单位法人证书', d.uscc] },
    blocks: [
      {
        kind: 'table',
        columns: [{ width: 2 }, { width: 6 }],
        header: [],
        rows: [
          row('统一社会信用代码', d.uscc),
          row('名称', d.name),
          row('宗旨和业务范围', d.purposeAndScope),
          row('住所', d.address),
          row('法定代表人', d.legalRepresentative),
          row('开办资金', yuan(d.startupCapital)),
          row('经费来源', FUNDING_FORM_LABELS[d.fundingSource as keyof typeof FUNDING_FORM_LABELS] ?? d.fundingSource),
          row('举办单位', d.sponsorName),
          row('有效期', `自${chineseDate(d.validFrom)}至${chineseDate(d.validTo)}`),
        ],
        fontSizePt: 12,
      },
      para('本证书为事业单位法人资格的凭证，应置于住所醒目位置；不得伪造、涂改、出租、出借、转让。'),
      {
        kind: 'signature',
        entries: [
          { label: '证书编号', value: [text(d.number)] },
          { label: '登记管理机关', value: [text(d.issuer)] },
        ],
        seal: '（印章）',
        date: [text(`发证日期：${chineseDate(d.validFrom)}`)],
      },
    ],
  };
}

export async function registrationCertificateData(
  db: Db,
  a: AuthContext,
  unitId: string,
): Promise<RegistrationCertificateData> {
  assertUnitInScope(a.scope, unitId);
  const lp = (await db.select().from(legalPerson).where(eq(legalPerson.unitId, unitId)))[0];
  if (!lp || lp.regionCode !== a.scope.regionCode)
    throw appError('NOT_FOUND', '该单位尚未办理事业单位法人登记，没有法人证书');
  if (lp.status === 'deregistered')
    throw appError('STATE_CONFLICT', `“${lp.name}”已于${lp.deregisteredOn}注销登记，法人证书已收缴作废，不能再打印`);
  if (!lp.certificateNo || !lp.certificateValidFrom || !lp.certificateValidTo)
    throw appError('STATE_CONFLICT', `“${lp.name}”尚未颁发法人证书`);
  const sponsor = lp.sponsorUnitId
    ? ((await db.select({ name: unit.name }).from(unit).where(eq(unit.id, lp.sponsorUnitId)))[0]?.name ?? '')
    : '';
  return {
    name: lp.name,
    uscc: lp.uscc,
    purposeAndScope: lp.purposeAndScope ?? '',
    address: lp.address ?? '',
    legalRepresentative: lp.legalRepresentative ?? '',
    startupCapital: lp.startupCapital ?? 0,
    fundingSource: lp.fundingSource ?? '',
    sponsorName: sponsor,
    validFrom: lp.certificateValidFrom,
    validTo: lp.certificateValidTo,
    number: lp.certificateNo,
    issuer: `${a.regionName}机构编制委员会办公室`,
  };
}

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export async function downloadRegistrationCertificate(
  svc: { db: Db; keys: Keys },
  a: AuthContext,
  unitId: string,
  format: 'pdf' | 'docx',
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const data = await registrationCertificateData(svc.db, a, unitId);
  const doc = registrationCertificateDocument(data);
  const content = format === 'pdf' ? await renderPdf(doc) : await renderDocx(doc);
  const fileName = `事业单位法人证书-${data.name}.${format}`;
  await svc.db.transaction((tx) =>
    appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'registration.certificate',
      objectType: 'unit',
      objectId: unitId,
      after: {
        name: fileName,
        format,
        uscc: data.uscc,
        number: data.number,
        size: content.length,
        sm3: sm3Hex(content),
      },
    }),
  );
  return { fileName, contentType: CONTENT_TYPES[format], content };
}
