/**
 * The three ledgers: 单位及编制台账, 花名册 and 月报. Each builds one XLSX workbook from the
 * as-of reads of `ledgers.data.ts`, limited to the requester's scope (`LedgerAccess`).
 *
 * Vacancy and over are computed per unit and per type, then summed: one unit's vacancy does not
 * cover another unit's excess, nor one type's vacancy another type's excess — so the 合计 row is
 * the sum of the column above it.
 */
import {
  DISENROL_REASONS,
  ENROL_REASONS,
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  FUNDING_FORM_LABELS,
  LEADERSHIP_LEVELS,
  LEADERSHIP_LEVEL_LABELS,
  UNIT_CATEGORY_LABELS,
  UNIT_KIND_LABELS,
} from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import { open } from '../../platform/crypto/sm.js';
import { EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES, SEXES, codeName } from '../roster/domain/codes.js';
import type { LedgerAccess } from './ledgers.access.js';
import {
  emptyFigures,
  figuresByUnit,
  movementsBetween,
  rosterOn,
  unitsOn,
  type LedgerUnit,
  type UnitFigures,
} from './ledgers.data.js';
import { chineseDate, LedgerWorkbook, type CellValue, type LedgerColumn } from './ledgers.xlsx.js';

export interface LedgerFile {
  title: string;
  fileName: string;
  rows: number;
  content: Buffer;
}

type Progress = (percent: number, message?: string) => Promise<void>;

const label = <K extends string>(labels: Record<K, string>, key: string | null): string =>
  key ? ((labels as Record<string, string>)[key] ?? key) : '';
const collator = new Intl.Collator('zh-Hans-CN');
const compact = (date: string) => date.replace(/-/g, '');

/** Time of making, China time, for the note under each table. */
function madeAt(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
}

function note(acc: LedgerAccess): string {
  return `数据范围：${acc.scopeText}；制表时间：${madeAt()}`;
}

interface Tally {
  approved: number;
  actual: number;
  vacancy: number;
  over: number;
}

function tally(approved: number, actual: number): Tally {
  return { approved, actual, vacancy: Math.max(0, approved - actual), over: Math.max(0, actual - approved) };
}

function add(a: Tally, b: Tally): Tally {
  return {
    approved: a.approved + b.approved,
    actual: a.actual + b.actual,
    vacancy: a.vacancy + b.vacancy,
    over: a.over + b.over,
  };
}

const zero: Tally = { approved: 0, actual: 0, vacancy: 0, over: 0 };
const typeTally = (f: UnitFigures, type: string) => tally(f.approved.get(type) ?? 0, f.actual.get(type) ?? 0);

function kindText(u: LedgerUnit): string {
  const kind = label(UNIT_KIND_LABELS, u.kind);
  return u.category ? `${kind}（${label(UNIT_CATEGORY_LABELS, u.category)}）` : kind;
}

// ── 单位及编制台账 ──────────────────────────────────────────────────────────────────────────────

export async function buildUnitLedger(
  db: DbOrTx,
  acc: LedgerAccess,
  asOf: string,
  progress: Progress,
): Promise<LedgerFile> {
  const units = (await unitsOn(db, acc.scope, acc.root, asOf)).filter((u) => u.status !== 'revoked');
  await progress(30, `已读取 ${units.length} 个单位`);
  const figures = await figuresByUnit(db, acc.scope.regionCode, asOf);
  await progress(60, '已读取编制数据');
  const figs = (u: LedgerUnit) => figures.get(u.id) ?? emptyFigures();
  // Only the types that occur in the listed units get columns (seven would make 28 mostly empty).
  const types = ESTABLISHMENT_TYPES.filter((t) =>
    units.some((u) => (figs(u).approved.get(t) ?? 0) > 0 || (figs(u).actual.get(t) ?? 0) > 0),
  );
  const quad = (group: string): LedgerColumn[] =>
    ['核定', '实有', '空编', '超编'].map((h) => ({ header: h, group, width: 7, kind: 'number' as const }));
  const columns: LedgerColumn[] = [
    { header: '序号', width: 6, kind: 'number' },
    { header: '单位名称', width: 32 },
    { header: '上级单位', width: 20 },
    { header: '机构类别', width: 18 },
    { header: '规格', width: 8 },
    { header: '经费形式', width: 10 },
    { header: '加挂牌子', width: 24 },
    ...quad('编制合计'),
    ...types.flatMap((t) => quad(ESTABLISHMENT_TYPE_LABELS[t])),
    ...LEADERSHIP_LEVELS.flatMap((l) =>
      ['核定', '实有'].map((h) => ({
        header: `${LEADERSHIP_LEVEL_LABELS[l]}${h}`,
        group: '领导职数',
        width: 8,
        kind: 'number' as const,
      })),
    ),
  ];
  const title = `${acc.heading} 单位及编制台账（截至${chineseDate(asOf)}）`;
  const book = new LedgerWorkbook();
  const sheet = book.sheet({ name: '单位及编制台账', title, columns, freezeColumns: 2 });
  const quadCells = (t: Tally): CellValue[] => [t.approved, t.actual, t.vacancy, t.over];

  let allTotal = zero;
  const typeTotals = new Map<string, Tally>(types.map((t) => [t, zero]));
  const postTotals = new Map<string, { posts: number; leaders: number }>(
    LEADERSHIP_LEVELS.map((l) => [l, { posts: 0, leaders: 0 }]),
  );
  units.forEach((u, i) => {
    const f = figs(u);
    // The unit's total sums per-type vacancies, like the figures API.
    const unitTotal = ESTABLISHMENT_TYPES.reduce((acc2, t) => add(acc2, typeTally(f, t)), zero);
    allTotal = add(allTotal, unitTotal);
    for (const t of types) typeTotals.set(t, add(typeTotals.get(t)!, typeTally(f, t)));
    for (const l of LEADERSHIP_LEVELS) {
      const p = postTotals.get(l)!;
      p.posts += f.posts.get(l) ?? 0;
      p.leaders += f.leaders.get(l) ?? 0;
    }
    sheet.add(
      [
        i + 1,
        u.name,
        u.parentName ?? '',
        kindText(u),
        u.rank ?? '',
        label(FUNDING_FORM_LABELS, u.fundingForm),
        u.nameplates.join('、'),
        ...quadCells(unitTotal),
        ...types.flatMap((t) => quadCells(typeTally(f, t))),
        ...LEADERSHIP_LEVELS.flatMap((l) => [f.posts.get(l) ?? 0, f.leaders.get(l) ?? 0]),
      ],
      { indent: { column: 2, level: u.depth } },
    );
  });
  sheet.add(
    [
      null,
      '合计',
      '',
      '',
      '',
      '',
      '',
      ...quadCells(allTotal),
      ...types.flatMap((t) => quadCells(typeTotals.get(t)!)),
      ...LEADERSHIP_LEVELS.flatMap((l) => [postTotals.get(l)!.posts, postTotals.get(l)!.leaders]),
    ],
    { bold: true },
  );
  sheet.note(note(acc));
  sheet.finish();
  await progress(90, '正在生成文件');
  return {
    title,
    fileName: `单位及编制台账-${compact(asOf)}.xlsx`,
    rows: units.length,
    content: await book.finish(),
  };
}

// ── 花名册 ─────────────────────────────────────────────────────────────────────────────────────

export async function buildRosterLedger(
  db: DbOrTx,
  dataKey: Buffer,
  acc: LedgerAccess,
  asOf: string,
  revealIds: boolean,
  progress: Progress,
): Promise<LedgerFile> {
  const units = await unitsOn(db, acc.scope, acc.root, asOf);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const rows = await rosterOn(db, acc.scope.regionCode, new Set(order.keys()), asOf, revealIds);
  await progress(40, `已读取 ${rows.length} 名在编人员`);
  const rank = (l: string | null) => (l === 'principal' ? 0 : l === 'deputy' ? 1 : 2);
  rows.sort(
    (a, b) =>
      order.get(a.unitId)! - order.get(b.unitId)! ||
      rank(a.leadershipLevel) - rank(b.leadershipLevel) ||
      a.validFrom.localeCompare(b.validFrom) ||
      collator.compare(a.name, b.name),
  );
  const columns: LedgerColumn[] = [
    { header: '序号', width: 6, kind: 'number' },
    { header: '姓名', width: 10 },
    { header: '性别', width: 6 },
    { header: '出生日期', width: 12, kind: 'date' },
    { header: '公民身份号码', width: 21 },
    { header: '民族', width: 8 },
    { header: '政治面貌', width: 12 },
    { header: '学历', width: 14 },
    { header: '单位', width: 28 },
    { header: '编制类型', width: 20 },
    { header: '职务', width: 14 },
    { header: '领导职务', width: 10 },
    { header: '上编时间', width: 12, kind: 'date' },
    { header: '上编方式', width: 10 },
    { header: '用编计划通知单号', width: 18 },
  ];
  const title = `${acc.heading} 花名册（截至${chineseDate(asOf)}）`;
  const book = new LedgerWorkbook();
  const sheet = book.sheet({ name: '花名册', title, columns, freezeColumns: 2 });
  const code = (list: Parameters<typeof codeName>[0], c: string | null) => (c ? (codeName(list, c) ?? c) : '');
  rows.forEach((r, i) => {
    const citizenId =
      revealIds && r.citizenIdSealed ? open(dataKey, r.citizenIdSealed).toString('utf8') : r.citizenIdMasked;
    sheet.add([
      i + 1,
      r.name,
      code(SEXES, r.sex),
      r.birthDate,
      citizenId,
      code(ETHNICITIES, r.ethnicity),
      code(POLITICAL_STATUSES, r.politicalStatus),
      code(EDUCATION_LEVELS, r.education),
      names.get(r.unitId) ?? '',
      label(ESTABLISHMENT_TYPE_LABELS, r.type),
      r.post ?? '',
      label(LEADERSHIP_LEVEL_LABELS, r.leadershipLevel),
      r.validFrom,
      r.enrolReason,
      r.noticeNumber ?? '',
    ]);
  });
  sheet.note(
    `${note(acc)}；公民身份号码${revealIds ? '为完整号码，导出已留痕，请妥善保管' : '已脱敏（仅显示前4位和后4位）'}`,
  );
  sheet.finish();
  await progress(90, '正在生成文件');
  return { title, fileName: `花名册-${compact(asOf)}.xlsx`, rows: rows.length, content: await book.finish() };
}

// ── 月报 ───────────────────────────────────────────────────────────────────────────────────────

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export function monthBounds(year: number, month: number) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const first = `${year}-${pad(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { first, next, last: shiftDays(next, -1), previousEnd: shiftDays(first, -1) };
}

export async function buildMonthlyLedger(
  db: DbOrTx,
  acc: LedgerAccess,
  year: number,
  month: number,
  progress: Progress,
): Promise<LedgerFile> {
  const { first, next, last, previousEnd } = monthBounds(year, month);
  // The units of the scope at the start or the end of the month: a unit created, moved or revoked
  // during the month keeps its movements.
  const [atStart, atEnd] = await Promise.all([
    unitsOn(db, acc.scope, acc.root, first),
    unitsOn(db, acc.scope, acc.root, last),
  ]);
  const units = new Map<string, LedgerUnit>([...atStart, ...atEnd].map((u) => [u.id, u]));
  const order = new Map(
    [...atEnd, ...atStart.filter((u) => !atEnd.some((e) => e.id === u.id))].map((u, i) => [u.id, i]),
  );
  const ids = new Set(units.keys());
  const [moves, before, after] = await Promise.all([
    movementsBetween(db, acc.scope.regionCode, ids, first, next),
    figuresByUnit(db, acc.scope.regionCode, previousEnd),
    figuresByUnit(db, acc.scope.regionCode, last),
  ]);
  await progress(50, `已读取本月变动 ${moves.length} 条`);

  const reasonsOf = (dir: 'in' | 'out', fixed: readonly string[]) => [
    ...fixed,
    ...new Set(moves.filter((m) => m.direction === dir && !fixed.includes(m.reason)).map((m) => m.reason)),
  ];
  const inReasons = reasonsOf('in', [...ENROL_REASONS, '划转']);
  const outReasons = reasonsOf('out', [...DISENROL_REASONS, '划转']);
  const columns: LedgerColumn[] = [
    { header: '编制类型', width: 22 },
    { header: '上月末实有', width: 10, kind: 'number' },
    ...['小计', ...inReasons].map((h) => ({ header: h, group: '本月上编', width: 7, kind: 'number' as const })),
    ...['小计', ...outReasons].map((h) => ({ header: h, group: '本月下编', width: 7, kind: 'number' as const })),
    ...['核定', '实有', '空编', '超编'].map((h) => ({
      header: h,
      group: '本月末',
      width: 7,
      kind: 'number' as const,
    })),
  ];
  const title = `${acc.heading} 机构编制月报（${year}年${month}月）`;
  const book = new LedgerWorkbook();
  const summary = book.sheet({ name: '汇总', title, columns, freezeColumns: 1 });

  const sumOver = (figs: Map<string, UnitFigures>, type: string | null): Tally => {
    let t = zero;
    for (const id of ids) {
      const f = figs.get(id) ?? emptyFigures();
      for (const ty of type ? [type] : ESTABLISHMENT_TYPES) t = add(t, typeTally(f, ty));
    }
    return t;
  };
  const line = (type: string | null): CellValue[] => {
    const mine = moves.filter((m) => type === null || m.type === type);
    const count = (dir: 'in' | 'out', reason?: string) =>
      mine.filter((m) => m.direction === dir && (reason === undefined || m.reason === reason)).length;
    const end = sumOver(after, type);
    return [
      type ? label(ESTABLISHMENT_TYPE_LABELS, type) : '合计',
      sumOver(before, type).actual,
      count('in'),
      ...inReasons.map((r) => count('in', r)),
      count('out'),
      ...outReasons.map((r) => count('out', r)),
      end.approved,
      end.actual,
      end.vacancy,
      end.over,
    ];
  };
  // Every type is listed, so that the form has the same shape every month.
  for (const t of ESTABLISHMENT_TYPES) summary.add(line(t));
  summary.add(line(null), { bold: true });
  summary.note(
    `${note(acc)}；上编、下编按生效日期统计（${first} 至 ${last}），上月末为${previousEnd}、本月末为${last}的数据`,
  );
  summary.finish();

  const detail = book.sheet({
    name: '明细',
    title: `${acc.heading} 机构编制月报变动明细（${year}年${month}月）`,
    freezeColumns: 0,
    columns: [
      { header: '序号', width: 6, kind: 'number' },
      { header: '变动', width: 6 },
      { header: '日期', width: 12, kind: 'date' },
      { header: '姓名', width: 10 },
      { header: '公民身份号码', width: 21 },
      { header: '单位', width: 28 },
      { header: '编制类型', width: 20 },
      { header: '原因', width: 10 },
      { header: '领导职务', width: 10 },
      { header: '用编计划通知单号', width: 18 },
    ],
  });
  moves.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1) ||
      (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) ||
      collator.compare(a.name, b.name),
  );
  moves.forEach((m, i) =>
    detail.add([
      i + 1,
      m.direction === 'in' ? '上编' : '下编',
      m.date,
      m.name,
      m.citizenIdMasked,
      units.get(m.unitId)?.name ?? '',
      label(ESTABLISHMENT_TYPE_LABELS, m.type),
      m.reason,
      label(LEADERSHIP_LEVEL_LABELS, m.leadershipLevel),
      m.noticeNumber ?? '',
    ]),
  );
  detail.note(note(acc));
  detail.finish();
  await progress(90, '正在生成文件');
  return {
    title,
    fileName: `编制月报-${year}${String(month).padStart(2, '0')}.xlsx`,
    rows: moves.length,
    content: await book.finish(),
  };
}
