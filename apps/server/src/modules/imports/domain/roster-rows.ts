/**
 * Reading a roster import file (实名制数据导入), pure: find the header row by its column titles,
 * then check every data row against what can be known without the database — the citizen ID, the
 * unit (by name or 单位编号, within the caller's scope), the establishment type, the date, the
 * enrolment reason, the optional codes — and duplicates within the file. Row numbers are those the
 * user sees in the spreadsheet (1-based, header and blank rows counted). Checks that need the
 * database (一人一编, vacancies) are made by the service on the rows that pass these.
 */
import {
  ENROL_REASONS,
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  type EstablishmentType,
  type ImportErrorT,
  type LeadershipLevel,
  type RosterImportColumn,
} from '@bianban/contracts';
import { checkCitizenId } from '../../roster/domain/citizen-id.js';
import { EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES, type CodeEntry } from '../../roster/domain/codes.js';
import { normaliseName, redactReason } from '../../verification/domain/payroll.js';

/** How far down the header row is looked for. */
export const HEADER_SCAN_ROWS = 20;

type Column = RosterImportColumn | '单位编号';

/** Accepted titles per column (compared with `normaliseName`, required-field markers dropped). */
export const TITLES: Record<Column, readonly string[]> = {
  姓名: ['姓名'],
  公民身份号码: ['公民身份号码', '身份证号', '身份证号码', '公民身份证号', '公民身份证号码'],
  单位: ['单位', '单位名称', '工作单位', '所在单位'],
  单位编号: ['单位编号', '单位代码', '统一社会信用代码'],
  编制类型: ['编制类型', '编制性质'],
  上编时间: ['上编时间', '上编日期', '入编时间'],
  上编方式: ['上编方式', '上编原因', '入编方式'],
  民族: ['民族'],
  政治面貌: ['政治面貌'],
  学历: ['学历', '最高学历'],
  领导职务: ['领导职务'],
};
const REQUIRED: readonly Column[] = ['姓名', '公民身份号码', '编制类型', '上编时间', '上编方式'];

export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
}

export type RosterColumns = Partial<Record<Column, number>>;

function titleKey(cell: string): string {
  return normaliseName(cell).replace(/^\*+|[*:：]+$/g, '');
}

const TITLE_INDEX = new Map<string, Column>(
  (Object.entries(TITLES) as [Column, readonly string[]][]).flatMap(([col, titles]) =>
    titles.map((t) => [normaliseName(t), col] as const),
  ),
);

/** The first row within HEADER_SCAN_ROWS naming 姓名 and 公民身份号码; every required column must be there. */
export function findRosterHeader(rows: readonly (readonly string[])[]): { row: number; columns: RosterColumns } {
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const columns: RosterColumns = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const col = TITLE_INDEX.get(titleKey(cell));
      if (col && columns[col] === undefined) columns[col] = c;
    });
    if (columns['姓名'] === undefined || columns['公民身份号码'] === undefined) continue;
    const missing = REQUIRED.filter((k) => columns[k] === undefined);
    if (columns['单位'] === undefined && columns['单位编号'] === undefined) missing.splice(2, 0, '单位');
    if (missing.length)
      throw new ImportFormatError(`第${r + 1}行是表头，但缺少${missing.map((m) => `“${m}”`).join('、')}列`);
    return { row: r + 1, columns };
  }
  throw new ImportFormatError(
    `未找到表头行：前${HEADER_SCAN_ROWS}行中没有同时包含“姓名”和“公民身份号码”的行（请使用导入模板）`,
  );
}

export interface ImportUnit {
  id: string;
  name: string;
  shortName: string | null;
  nameplates: readonly string[];
  uscc: string | null;
  status: string;
}

export interface RosterCandidate {
  row: number;
  name: string;
  /** Normalised, valid 18-character ID. */
  citizenId: string;
  sex: '1' | '2';
  birthDate: string;
  unitId: string;
  unitName: string;
  type: EstablishmentType;
  validFrom: string;
  enrolReason: string;
  ethnicity: string | null;
  politicalStatus: string | null;
  education: string | null;
  leadershipLevel: LeadershipLevel | null;
}

export interface RosterFileCheck {
  headerRow: number;
  columns: RosterColumns;
  /** Non-empty data rows. */
  rows: number;
  /** Rows without any error so far, in file order. */
  candidates: RosterCandidate[];
  errors: ImportErrorT[];
}

const COLUMN_ORDER: readonly string[] = [
  '姓名',
  '公民身份号码',
  '单位',
  '单位编号',
  '编制类型',
  '上编时间',
  '上编方式',
  '民族',
  '政治面貌',
  '学历',
  '领导职务',
];

/** Errors in row order, then in column order. */
export function sortErrors(errors: ImportErrorT[]): ImportErrorT[] {
  return errors.sort((a, b) => a.row - b.row || COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column));
}

const TYPE_INDEX = new Map<string, EstablishmentType>(
  ESTABLISHMENT_TYPES.flatMap((t) => [
    [normaliseName(t), t] as const,
    [normaliseName(ESTABLISHMENT_TYPE_LABELS[t]), t] as const,
  ]),
);
const TYPE_HINT = ESTABLISHMENT_TYPES.map((t) => ESTABLISHMENT_TYPE_LABELS[t]).join('、');
const REASON_INDEX = new Map<string, string>(ENROL_REASONS.map((r) => [normaliseName(r), r]));
const LEVELS = new Map<string, LeadershipLevel>([
  ['正职', 'principal'],
  ['副职', 'deputy'],
  ['principal', 'principal'],
  ['deputy', 'deputy'],
]);

function codeIndex(list: readonly CodeEntry[]): Map<string, string> {
  return new Map(list.flatMap((e) => [[e.code, e.code] as const, [normaliseName(e.name), e.code] as const]));
}
const CODE_LISTS: Record<'民族' | '政治面貌' | '学历', { index: Map<string, string>; standard: string }> = {
  民族: { index: codeIndex(ETHNICITIES), standard: 'GB/T 3304' },
  政治面貌: { index: codeIndex(POLITICAL_STATUSES), standard: 'GB/T 4762' },
  学历: { index: codeIndex(EDUCATION_LEVELS), standard: 'GB/T 4658' },
};

/** A code or a name; a bare number (Excel drops leading zeros) is padded to two digits. */
function lookupCode(list: (typeof CODE_LISTS)[keyof typeof CODE_LISTS], text: string): string | undefined {
  const t = /^\d$/.test(text) ? `0${text}` : text;
  return list.index.get(t) ?? list.index.get(normaliseName(t));
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** yyyy-mm-dd, yyyy/m/d, yyyy.m.d, yyyymmdd, yyyy年m月d日 (what a date cell displays as, too) → yyyy-mm-dd. */
export function parseImportDate(text: string): string | undefined {
  const s = text.trim();
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || !isCalendarDate(y, mo, d)) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface RosterLookups {
  units: readonly ImportUnit[];
  inScope: (unitId: string) => boolean;
  /** yyyy-mm-dd, China. */
  today: string;
}

/** Unit finder: by id or 统一社会信用代码, or by any name (name, short name, nameplates). */
function unitFinder(units: readonly ImportUnit[]) {
  const byCode = new Map<string, ImportUnit>();
  const byName = new Map<string, ImportUnit[]>();
  for (const u of units) {
    byCode.set(u.id.toLowerCase(), u);
    if (u.uscc) byCode.set(normaliseName(u.uscc), u);
    for (const n of new Set(
      [u.name, u.shortName, ...u.nameplates].filter((x): x is string => !!x).map(normaliseName),
    )) {
      const list = byName.get(n) ?? [];
      list.push(u);
      byName.set(n, list);
    }
  }
  return {
    byCode: (code: string) => byCode.get(normaliseName(code)),
    byName: (name: string): ImportUnit[] => {
      const all = byName.get(normaliseName(name)) ?? [];
      const active = all.filter((u) => u.status === 'active');
      return active.length ? active : all;
    },
  };
}

export function checkRosterFile(rows: readonly (readonly string[])[], lookups: RosterLookups): RosterFileCheck {
  const { row: headerRow, columns } = findRosterHeader(rows);
  const units = unitFinder(lookups.units);
  const errors: ImportErrorT[] = [];
  const candidates: RosterCandidate[] = [];
  const rowsOfId = new Map<string, number[]>();
  let count = 0;

  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const cell = (col: Column) => {
      const c = columns[col];
      return c === undefined ? '' : (cells[c] ?? '').trim();
    };
    if (!cells.some((c) => c.trim() !== '')) continue;
    count++;
    const row = r + 1;
    let bad = false;
    const err = (column: Column, message: string) => {
      bad = true;
      errors.push({ row, column, message });
    };

    const name = cell('姓名');
    if (name === '') err('姓名', '未填写姓名');
    else if (name.length > 50) err('姓名', `姓名过长（${name.length}个字符，最多50个）`);

    const rawId = cell('公民身份号码');
    const id = checkCitizenId(rawId);
    if (!id.ok) err('公民身份号码', rawId === '' ? id.reason : `公民身份号码无效：${redactReason(id.reason)}`);
    else rowsOfId.set(id.id, [...(rowsOfId.get(id.id) ?? []), row]);

    const code = cell('单位编号');
    const unitName = cell('单位');
    let u: ImportUnit | undefined;
    if (code !== '') {
      u = units.byCode(code);
      if (!u) err('单位编号', `单位编号“${code}”不存在`);
    } else if (unitName === '') {
      err('单位', '未填写单位');
    } else {
      const found = units.byName(unitName);
      if (found.length === 0) err('单位', `单位“${unitName}”不存在`);
      else if (found.length > 1) err('单位', `单位名称“${unitName}”对应${found.length}个单位，请填写单位编号`);
      else u = found[0];
    }
    const unitColumn: Column = code !== '' ? '单位编号' : '单位';
    if (u && !lookups.inScope(u.id)) {
      err(unitColumn, `单位“${u.name}”不在您的数据范围内`);
      u = undefined;
    } else if (u && u.status !== 'active') {
      err(unitColumn, `“${u.name}”已撤销，不能上编`);
    }

    const typeText = cell('编制类型');
    const type = TYPE_INDEX.get(normaliseName(typeText));
    if (typeText === '') err('编制类型', '未填写编制类型');
    else if (!type) err('编制类型', `编制类型“${typeText}”不正确，应为：${TYPE_HINT}`);

    const dateText = cell('上编时间');
    const validFrom = parseImportDate(dateText);
    if (dateText === '') err('上编时间', '未填写上编时间');
    else if (!validFrom) err('上编时间', `上编时间“${dateText}”不是有效日期，应为YYYY-MM-DD格式`);
    else if (validFrom > lookups.today) err('上编时间', `上编时间${validFrom}晚于今天（${lookups.today}）`);
    else if (id.ok && validFrom < id.birthDate) err('上编时间', `上编时间${validFrom}早于出生日期${id.birthDate}`);

    const reasonText = cell('上编方式');
    const reason = REASON_INDEX.get(normaliseName(reasonText));
    if (reasonText === '') err('上编方式', '未填写上编方式');
    else if (!reason) err('上编方式', `上编方式“${reasonText}”不正确，应为：${ENROL_REASONS.join('、')}`);

    const codes: Record<'民族' | '政治面貌' | '学历', string | null> = { 民族: null, 政治面貌: null, 学历: null };
    for (const col of ['民族', '政治面貌', '学历'] as const) {
      const text = cell(col);
      if (text === '') continue;
      const c = lookupCode(CODE_LISTS[col], text);
      if (c) codes[col] = c;
      else err(col, `${col}“${text}”不在${CODE_LISTS[col].standard}代码表中（可填代码或名称）`);
    }

    const levelText = cell('领导职务');
    const level = levelText === '' ? null : (LEVELS.get(normaliseName(levelText)) ?? undefined);
    if (level === undefined) err('领导职务', `领导职务“${levelText}”不正确，应为“正职”“副职”或不填`);

    if (bad || !id.ok || !u || !type || !validFrom || !reason || level === undefined) continue;
    candidates.push({
      row,
      name,
      citizenId: id.id,
      sex: id.sex === 'male' ? '1' : '2',
      birthDate: id.birthDate,
      unitId: u.id,
      unitName: u.name,
      type,
      validFrom,
      enrolReason: reason,
      ethnicity: codes['民族'],
      politicalStatus: codes['政治面貌'],
      education: codes['学历'],
      leadershipLevel: level,
    });
  }

  // The same person twice in the file: both (all) rows are reported, none is imported.
  const duplicated = new Set<number>();
  for (const list of rowsOfId.values()) {
    if (list.length < 2) continue;
    for (const row of list) {
      duplicated.add(row);
      const others = list.filter((x) => x !== row).map((x) => `第${x}行`);
      errors.push({ row, column: '公民身份号码', message: `公民身份号码与${others.join('、')}重复` });
    }
  }
  return {
    headerRow,
    columns,
    rows: count,
    candidates: candidates.filter((c) => !duplicated.has(c.row)),
    errors: sortErrors(errors),
  };
}
