/**
 * The public portal (no login): offices with published reports, an office's published reports,
 * the stored files, and verification of a file (or its SM3 digest) against the publications.
 * Only what a publication is (title, department, dates, digests) is shown — never who published
 * it; the published files come from templates without personal data and were scanned for citizen
 * IDs before publication.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { PublicationFormat, ReportKind, VerifyResponse } from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import { region } from '../../db/schema.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import { verifyDigest } from '../../platform/crypto/sm2.js';
import { appError } from '../../platform/http/errors.js';
import { publication, publicationFile } from './publication.schema.js';

export async function publicOffices(db: DbOrTx) {
  const rows = await db
    .select({
      regionCode: publication.regionCode,
      name: region.name,
      reports: sql<number>`count(*)::int`,
      lastPublishedAt: sql<Date>`max(${publication.publishedAt})`,
    })
    .from(publication)
    .innerJoin(region, eq(region.regionCode, publication.regionCode))
    .where(eq(publication.state, 'published'))
    .groupBy(publication.regionCode, region.name)
    .orderBy(publication.regionCode);
  return {
    items: rows.map((r) => ({
      regionCode: r.regionCode,
      name: r.name,
      reports: r.reports,
      lastPublishedAt: new Date(r.lastPublishedAt).toISOString(),
    })),
  };
}

export async function publicReports(db: DbOrTx, regionCode: string) {
  const office = (await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode)))[0];
  if (!office) throw appError('NOT_FOUND', `没有行政区划代码为 ${regionCode} 的编办`);
  const rows = await db
    .select()
    .from(publication)
    .where(and(eq(publication.regionCode, regionCode), eq(publication.state, 'published')))
    .orderBy(desc(publication.publishedAt));
  return {
    office: office.name,
    items: rows.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind as ReportKind,
      department: p.unitName,
      year: p.year,
      publishedAt: p.publishedAt.toISOString(),
      pdfSm3: p.pdfSm3,
      signed: p.signature !== null,
      acceptedWarnings: p.acceptedWarnings.map((w) => ({ label: w.label, message: w.message, reason: w.reason })),
    })),
  };
}

/** A file of a current publication; withdrawn publications are no longer served publicly. */
export async function publicFile(db: DbOrTx, publicationId: string, format: PublicationFormat) {
  const row = (
    await db
      .select({ f: publicationFile })
      .from(publicationFile)
      .innerJoin(publication, eq(publication.id, publicationFile.publicationId))
      .where(
        and(
          eq(publicationFile.publicationId, publicationId),
          eq(publicationFile.format, format),
          eq(publication.state, 'published'),
        ),
      )
  )[0];
  if (!row) throw appError('NOT_FOUND', '公开报告不存在或已撤回');
  return row.f;
}

/** Which publication a file (by content or SM3 digest) is, and whether its signature verifies. */
export async function verifyPublished(
  db: DbOrTx,
  input: { content: Buffer } | { sm3: string },
): Promise<VerifyResponse> {
  const digest = ('content' in input ? sm3Hex(input.content) : input.sm3).toLowerCase();
  const rows = await db
    .select({ f: publicationFile.format, p: publication, office: region.name })
    .from(publicationFile)
    .innerJoin(publication, eq(publication.id, publicationFile.publicationId))
    .innerJoin(region, eq(region.regionCode, publication.regionCode))
    .where(eq(publicationFile.sm3, digest))
    .orderBy(desc(publication.publishedAt));
  // A current publication wins over a withdrawn one with the same file.
  const hit = rows.find((r) => r.p.state === 'published') ?? rows[0];
  if (!hit)
    return {
      sm3: digest,
      match: false,
      signatureValid: null,
      withdrawn: false,
      report: null,
      message: '未找到与该文件一致的公开报告：文件可能被修改过，或不是本平台公开的报告',
    };
  const p = hit.p;
  const format = hit.f as PublicationFormat;
  const signatureValid =
    format === 'pdf' && p.signature && p.signerPublicKey ? verifyDigest(p.signerPublicKey, digest, p.signature) : null;
  const withdrawn = p.state === 'withdrawn';
  const date = p.publishedAt.toISOString().slice(0, 10);
  const parts = [`与${date}公开的“${p.title}”（${p.unitName}）的${format.toUpperCase()}文件一致`];
  if (format !== 'pdf') parts.push('签名只针对 PDF 文件');
  else if (signatureValid === true) parts.push('SM2 签名验证通过');
  else if (signatureValid === false) parts.push('SM2 签名验证未通过');
  else parts.push('该报告公开时未签名');
  if (withdrawn) parts.push(`该报告已于${p.withdrawnAt!.toISOString().slice(0, 10)}撤回`);
  return {
    sm3: digest,
    match: true,
    signatureValid,
    withdrawn,
    report: {
      id: p.id,
      title: p.title,
      department: p.unitName,
      office: hit.office,
      publishedAt: p.publishedAt.toISOString(),
      format,
    },
    message: parts.join('；'),
  };
}
