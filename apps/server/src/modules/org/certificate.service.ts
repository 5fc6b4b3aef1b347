/**
 * 机构编制管理证: a unit's establishment certificate as of a date, as PDF or DOCX. Everything on
 * it is read, never typed: the attributes and place in the tree from the unit's history row in
 * force on the date, the establishment, leadership posts and persons from the as-of figures
 * service, the decisions from the unit's history (沿革). Each figure is a bound run naming its
 * source (`figures:<unit>:<date>:<type>.<approved|actual>`), so the document can show provenance.
 *
 * Figures are those of the unit with everything under it (the figures service's subtree); the
 * subordinate units are listed with their own figures beside it, so the share of each is visible.
 */
import { sql } from 'drizzle-orm';
import { FUNDING_FORM_LABELS, UNIT_CATEGORY_LABELS, UNIT_KIND_LABELS, type FiguresResponse } from '@bianban/contracts';
import type { z } from 'zod';
import type { Keys } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { inForceOn } from '../../db/as-of.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import type { AuthContext } from '../../platform/auth/auth.service.js';
import { assertUnitInScope } from '../../platform/auth/scope.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import {
  bound,
  cell,
  chineseDate,
  heading,
  para,
  renderDocx,
  renderPdf,
  text,
  type Block,
  type Document,
  type Run,
  type TableCell,
} from '../../platform/documents/index.js';
import { appError } from '../../platform/http/errors.js';
import { figures, todayInChina } from './figures.service.js';
import { unitHistory } from './unit-history.service.js';

type Figures = z.infer<typeof FiguresResponse>;

export type CertificateFormat = 'pdf' | 'docx';

export interface CertificateData {
  unitId: string;
  regionCode: string;
  asOf: string;
  issueDate: string;
  number: string;
  issuer: string;
  name: string;
  shortName: string | null;
  nameplates: string[];
  kind: string;
  category: string | null;
  rank: string | null;
  fundingForm: string | null;
  uscc: string | null;
  parentName: string | null;
  /** 主要职责 (三定), when the unit's history row carries one. */
  functions: string | null;
  internalOffices: { name: string; nameplates: string[] }[];
  subordinates: { id: string; name: string; kind: string; figures: Figures }[];
  figures: Figures;
  decisions: { date: string; docNumber: string; title: string; approvingBody: string }[];
}

type VersionRow = {
  unit_id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: string;
  category: string | null;
  rank: string | null;
  funding_form: string | null;
  uscc: string | null;
  nameplates: string[];
  status: string;
  functions_text: string | null;
  sort_order: number;
};

/**
 * Units as they stood on `date`: the history row in force, or — for a unit without any history
 * row (created before the org module) — its current row.
 */
async function unitsOn(db: DbOrTx, regionCode: string, date: string, where: 'id' | 'parent', id: string) {
  const res = await db.execute<VersionRow>(sql`
    select v.unit_id, v.parent_id, v.name, v.short_name, v.kind, v.category, v.rank, v.funding_form, v.uscc,
           v.nameplates, v.status, v.functions_text, u.sort_order
      from unit_version v join unit u on u.id = v.unit_id
      where v.region_code = ${regionCode} and ${inForceOn('v', date)}
        and ${where === 'id' ? sql`v.unit_id = ${id}` : sql`v.parent_id = ${id}`}
    union all
    select u.id, u.parent_id, u.name, u.short_name, u.kind, u.category, u.rank, u.funding_form, u.uscc,
           u.nameplates, u.status, u.functions_text, u.sort_order
      from unit u
      where u.region_code = ${regionCode} and not exists (select 1 from unit_version x where x.unit_id = u.id)
        and ${where === 'id' ? sql`u.id = ${id}` : sql`u.parent_id = ${id}`}
    order by sort_order, name`);
  return res.rows;
}

const label = (labels: Record<string, string>, v: string | null) => (v === null ? null : (labels[v] ?? v));

/** Reads everything the certificate shows; checks the scope. */
export async function certificateData(db: Db, a: AuthContext, unitId: string, asOf: string): Promise<CertificateData> {
  const region = a.scope.regionCode;
  assertUnitInScope(a.scope, unitId);
  const exists = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from unit where id = ${unitId} and region_code = ${region}`,
  );
  if (!exists.rows[0]?.n) throw appError('NOT_FOUND', '单位不存在');
  const [self] = await unitsOn(db, region, asOf, 'id', unitId);
  if (!self) throw appError('NOT_FOUND', `该单位在${chineseDate(asOf)}尚未设立或已撤销，不能出具当日的机构编制管理证`);
  if (self.status !== 'active')
    throw appError('STATE_CONFLICT', `该单位在${chineseDate(asOf)}已撤销，不能出具机构编制管理证`);
  if (self.kind === 'internalOffice')
    throw appError('STATE_CONFLICT', '内设机构不单独出具机构编制管理证，请在其所属单位的管理证中查看');

  const parent = self.parent_id ? (await unitsOn(db, region, asOf, 'id', self.parent_id))[0] : undefined;
  const children = (await unitsOn(db, region, asOf, 'parent', unitId)).filter((c) => c.status === 'active');
  const own = await figures(db, a.scope, { unitId, asOf });
  const subordinates = [];
  for (const c of children.filter((x) => x.kind !== 'internalOffice'))
    subordinates.push({
      id: c.unit_id,
      name: c.name,
      kind: c.kind,
      figures: await figures(db, a.scope, { unitId: c.unit_id, asOf }),
    });
  const history = await unitHistory(db, a, unitId);
  const decisions = history.events
    .filter((e) => e.decision && e.date <= asOf)
    .map((e) => ({
      date: e.date,
      docNumber: e.decision!.docNumber,
      title: e.decision!.title,
      approvingBody: e.decision!.approvingBody,
    }))
    .reverse();
  const issueDate = todayInChina();
  // The code is a registration fact (ADR 0015): the register's, as registered on the date, wins
  // over the code a decision stated; plain SQL so that org does not import the registration module.
  const registered = await db.execute<{ uscc: string }>(sql`
    select uscc from legal_person
      where unit_id = ${unitId} and registered_on <= ${asOf}::date
        and (deregistered_on is null or deregistered_on > ${asOf}::date)`);
  return {
    unitId,
    regionCode: region,
    asOf,
    issueDate,
    number: `${region}-${asOf.slice(0, 4)}-${unitId.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
    issuer: `${a.regionName}机构编制委员会办公室`,
    name: self.name,
    shortName: self.short_name,
    nameplates: self.nameplates ?? [],
    kind: self.kind,
    category: self.category,
    rank: self.rank,
    fundingForm: self.funding_form,
    uscc: registered.rows[0]?.uscc ?? self.uscc,
    parentName: parent?.name ?? null,
    functions: self.functions_text?.trim() ? self.functions_text.trim() : null,
    internalOffices: children
      .filter((c) => c.kind === 'internalOffice')
      .map((c) => ({ name: c.name, nameplates: c.nameplates ?? [] })),
    subordinates,
    figures: own,
    decisions,
  };
}

/** The certificate as a document (pure). */
export function certificateDocument(d: CertificateData): Document {
  const src = (unit: string, key: string) => `figures:${unit}:${d.asOf}:${key}`;
  const n = (v: number, unit: string, key: string): Run => bound(v, src(unit, key));
  const row = (k: string, v: Run[] | string): TableCell[] => [
    cell(k, { bold: true, align: 'center' }),
    cell(typeof v === 'string' ? v : v, { colSpan: 4 }),
  ];
  const dash = '—';

  const basics: TableCell[][] = [
    row('单位名称', d.name),
    row('加挂牌子', d.nameplates.length ? d.nameplates.join('、') : '无'),
    row('简称', d.shortName ?? dash),
    row('机构类别', label(UNIT_KIND_LABELS, d.kind) ?? dash),
    ...(d.category ? [row('事业单位类别', label(UNIT_CATEGORY_LABELS, d.category)!)] : []),
    row('机构规格', d.rank ?? dash),
    row('经费形式', label(FUNDING_FORM_LABELS, d.fundingForm) ?? dash),
    row('统一社会信用代码', d.uscc ?? dash),
    row('主管部门', d.parentName ?? '（无，本级直属）'),
  ];

  const f = d.figures;
  const establishment: TableCell[][] = [
    ...f.establishment.map((r) => [
      cell(r.label),
      cell([n(r.approved, d.unitId, `${r.type}.approved`)]),
      cell([n(r.actual, d.unitId, `${r.type}.actual`)]),
      cell([n(r.vacancy, d.unitId, `${r.type}.vacancy`)]),
      cell([n(r.over, d.unitId, `${r.type}.over`)]),
    ]),
    [
      cell('合计', { bold: true }),
      cell([n(f.total.approved, d.unitId, 'total.approved')], { bold: true }),
      cell([n(f.total.actual, d.unitId, 'total.actual')], { bold: true }),
      cell([n(f.total.vacancy, d.unitId, 'total.vacancy')], { bold: true }),
      cell([n(f.total.over, d.unitId, 'total.over')], { bold: true }),
    ],
  ];
  const posts: TableCell[][] = f.posts.map((r) => [
    cell(r.label),
    cell([n(r.approved, d.unitId, `${r.type}.approved`)]),
    cell([n(r.actual, d.unitId, `${r.type}.actual`)]),
    cell([n(r.vacancy, d.unitId, `${r.type}.vacancy`)]),
    cell([n(r.over, d.unitId, `${r.type}.over`)]),
  ]);
  const figureColumns = [
    { width: 3 },
    { width: 1.3, align: 'right' as const },
    { width: 1.3, align: 'right' as const },
    { width: 1.3, align: 'right' as const },
    { width: 1.3, align: 'right' as const },
  ];
  const figureHeader = (first: string) => [[cell(first), cell('核定'), cell('实有'), cell('空缺'), cell('超出')]];

  const blocks: Block[] = [
    para([
      text('根据机构编制管理有关规定，现将'),
      text(d.name),
      text(`截至${chineseDate(d.asOf)}的机构设置、人员编制和领导职数核定情况记载如下。`),
    ]),
    heading(1, '一、机构基本情况'),
    {
      kind: 'table',
      columns: [{ width: 2 }, { width: 1 }, { width: 1 }, { width: 1 }, { width: 1 }],
      header: [],
      rows: basics,
      fontSizePt: 12,
    },
  ];
  let section = 2;
  const cn = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const next = (title: string) => heading(1, `${cn[section++]}、${title}`);
  if (d.functions) {
    blocks.push(next('主要职责'));
    for (const line of d.functions
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean))
      blocks.push(para(line));
  }
  blocks.push(next('内设机构'));
  blocks.push(
    para(
      d.internalOffices.length
        ? `内设机构${d.internalOffices.length}个：${d.internalOffices
            .map((o) => (o.nameplates.length ? `${o.name}（加挂${o.nameplates.join('、')}牌子）` : o.name))
            .join('、')}。`
        : '未设内设机构。',
    ),
  );
  blocks.push(next('人员编制'));
  blocks.push(
    para([
      text(`截至${chineseDate(d.asOf)}，${d.subordinates.length ? '本单位及所属单位' : '本单位'}核定编制`),
      n(f.total.approved, d.unitId, 'total.approved'),
      text('名，实有人员'),
      n(f.total.actual, d.unitId, 'total.actual'),
      text('名。'),
    ]),
  );
  blocks.push({ kind: 'table', columns: figureColumns, header: figureHeader('编制类型'), rows: establishment });
  if (d.subordinates.length) {
    blocks.push(para(`所属单位${d.subordinates.length}个，其编制已计入上表：`));
    blocks.push({
      kind: 'table',
      columns: [{ width: 4 }, { width: 1.6 }, { width: 1.2, align: 'right' }, { width: 1.2, align: 'right' }],
      header: [[cell('所属单位'), cell('机构类别'), cell('核定编制'), cell('实有人员')]],
      rows: d.subordinates.map((s) => [
        cell(s.name),
        cell(label(UNIT_KIND_LABELS, s.kind) ?? s.kind),
        cell([n(s.figures.total.approved, s.id, 'total.approved')]),
        cell([n(s.figures.total.actual, s.id, 'total.actual')]),
      ]),
    });
  }
  blocks.push(next('领导职数'));
  blocks.push({ kind: 'table', columns: figureColumns, header: figureHeader('领导职数'), rows: posts });
  blocks.push(next('机构编制事项'));
  if (d.decisions.length)
    blocks.push({
      kind: 'table',
      columns: [{ width: 1.6 }, { width: 2.6 }, { width: 4 }],
      header: [[cell('生效日期'), cell('文号'), cell('事项')]],
      rows: d.decisions.map((x) => [
        cell(chineseDate(x.date)),
        cell(x.docNumber),
        cell(`${x.title}（${x.approvingBody}）`),
      ]),
    });
  else blocks.push(para('截至该日未登记机构编制事项。'));
  blocks.push({
    kind: 'signature',
    entries: [
      { label: '证书编号', value: [text(d.number)] },
      { label: '发证机关', value: [text(d.issuer)] },
    ],
    seal: '（印章）',
    date: [text(`发证日期：${chineseDate(d.issueDate)}`)],
  });
  return {
    title: '机构编制管理证',
    subtitle: [text(d.name)],
    meta: {
      author: d.issuer,
      subject: `${d.name} 机构编制管理证（截至${chineseDate(d.asOf)}）`,
      keywords: ['机构编制管理证'],
    },
    blocks,
  };
}

export interface CertificateFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const CONTENT_TYPES: Record<CertificateFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Builds, renders and audits one download (`unit.certificate`, with the file's SM3). */
export async function downloadCertificate(
  svc: { db: Db; keys: Keys },
  a: AuthContext,
  unitId: string,
  q: { format: CertificateFormat; asOf?: string | undefined },
): Promise<CertificateFile> {
  const asOf = q.asOf ?? todayInChina();
  const data = await certificateData(svc.db, a, unitId, asOf);
  const doc = certificateDocument(data);
  const content = q.format === 'pdf' ? await renderPdf(doc) : await renderDocx(doc);
  const fileName = `机构编制管理证-${data.name}-${asOf}.${q.format}`;
  await svc.db.transaction((tx) =>
    appendAudit(tx, svc.keys.audit, a.actor, {
      action: 'unit.certificate',
      objectType: 'unit',
      objectId: unitId,
      after: {
        name: fileName,
        format: q.format,
        asOf,
        number: data.number,
        size: content.length,
        sm3: sm3Hex(content),
      },
    }),
  );
  return { fileName, contentType: CONTENT_TYPES[q.format], content };
}
