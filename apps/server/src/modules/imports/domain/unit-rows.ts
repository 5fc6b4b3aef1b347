/**
 * Reading a units import file (单位及编制导入), pure: find the header row, check every row against
 * what can be known without writing — name, parent (an existing unit in the caller's scope, by name
 * or 上级单位编号, or a unit set up by another row of the file), kind, category, rank, funding form,
 * USCC, functions text, establishment and leadership posts — duplicates within the file and against
 * the existing units, cycles of parents, and rows whose parent row is wrong. The rows that pass
 * become the items of one draft establishment decision (`unitItems`), parents before children.
 * Row numbers are those the user sees in the spreadsheet (1-based).
 */
import {
  ESTABLISHMENT_TYPES,
  FUNDING_FORMS,
  FUNDING_FORM_LABELS,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  UNIT_FUNCTIONS_MAX,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_RANKS,
  UNITS_IMPORT_COLUMNS,
  type DecisionItem,
  type EstablishmentType,
  type ImportErrorT,
  type LeadershipLevel,
  type UnitKind,
  type UnitsImportColumn,
} from '@bianban/contracts';
import { checkUscc } from '../../registration/domain/uscc.js';
import { normaliseName } from '../../verification/domain/payroll.js';
import { titleKey } from './mapping.js';
import { ImportFormatError } from './roster-rows.js';

const HEADER_SCAN_ROWS = 20;

/** The establishment columns, by type, as titled in the template. */
const TYPE_COLUMNS: Record<EstablishmentType, UnitsImportColumn> = {
  administrative: '行政编制',
  politicalLegal: '政法专项编制',
  civilServantManaged: '参公事业编制',
  institutionalFull: '事业编制（全额拨款）',
  institutionalPartial: '事业编制（差额拨款）',
  institutionalSelfFunded: '事业编制（自收自支）',
  worker: '工勤编制',
};
const POST_COLUMNS: Record<LeadershipLevel, UnitsImportColumn> = { principal: '正职领导职数', deputy: '副职领导职数' };

/** Accepted titles per column, the column's own title first. */
export const UNIT_TITLES: Record<UnitsImportColumn, readonly string[]> = {
  单位名称: ['单位名称', '机构名称', '单位全称', '名称'],
  简称: ['简称', '单位简称', '规范简称'],
  上级单位: ['上级单位', '上级单位名称', '主管部门', '隶属单位'],
  上级单位编号: ['上级单位编号', '上级单位代码', '上级单位统一社会信用代码'],
  机构类别: ['机构类别', '机构类型', '单位类型'],
  事业单位类别: ['事业单位类别', '事业单位分类', '单位分类'],
  机构规格: ['机构规格', '规格', '级别'],
  经费形式: ['经费形式', '经费来源', '经费保障形式'],
  统一社会信用代码: ['统一社会信用代码', '信用代码', '社会信用代码'],
  主要职责: ['主要职责', '职责', '主要职能', '机构职能'],
  行政编制: ['行政编制', '行政编制数'],
  政法专项编制: ['政法专项编制', '政法编制'],
  参公事业编制: ['参公事业编制', '参照公务员法管理事业编制', '参公编制'],
  '事业编制（全额拨款）': ['事业编制（全额拨款）', '全额拨款事业编制', '事业编制(全额)', '全额事业编制'],
  '事业编制（差额拨款）': ['事业编制（差额拨款）', '差额拨款事业编制', '差额事业编制'],
  '事业编制（自收自支）': ['事业编制（自收自支）', '自收自支事业编制'],
  工勤编制: ['工勤编制', '工勤人员编制', '机关工勤编制'],
  正职领导职数: ['正职领导职数', '正职职数', '正职'],
  副职领导职数: ['副职领导职数', '副职职数', '副职'],
};
export const UNITS_REQUIRED: readonly UnitsImportColumn[] = ['单位名称', '机构类别'];

const TITLE_INDEX = new Map<string, UnitsImportColumn>(
  (Object.entries(UNIT_TITLES) as [UnitsImportColumn, readonly string[]][]).flatMap(([col, titles]) =>
    titles.map((t) => [titleKey(t), col] as const),
  ),
);

export type UnitColumns = Partial<Record<UnitsImportColumn, number>>;

/** The first row within HEADER_SCAN_ROWS naming 单位名称; every required column must be there. */
export function findUnitsHeader(rows: readonly (readonly string[])[]): { row: number; columns: UnitColumns } {
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const columns: UnitColumns = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const col = TITLE_INDEX.get(titleKey(cell));
      if (col && columns[col] === undefined) columns[col] = c;
    });
    if (columns['单位名称'] === undefined) continue;
    const missing = UNITS_REQUIRED.filter((k) => columns[k] === undefined);
    if (missing.length)
      throw new ImportFormatError(`第${r + 1}行是表头，但缺少${missing.map((m) => `“${m}”`).join('、')}列`);
    return { row: r + 1, columns };
  }
  throw new ImportFormatError(
    `未找到表头行：前${HEADER_SCAN_ROWS}行中没有包含“单位名称”的行（请使用导入模板，或在列对应中指定）`,
  );
}

export interface ExistingUnit {
  id: string;
  name: string;
  shortName: string | null;
  nameplates: readonly string[];
  uscc: string | null;
  parentId: string | null;
  status: string;
}

export interface UnitsLookups {
  units: readonly ExistingUnit[];
  inScope: (unitId: string) => boolean;
  /** The caller sees the whole region: only then may a unit be set up at the top of the tree. */
  wholeRegion: boolean;
}

export interface UnitCandidate {
  row: number;
  name: string;
  shortName: string | null;
  /** An existing unit, another row of the file, or the top of the tree. */
  parent: { unitId: string; name: string } | { row: number; name: string } | null;
  kind: UnitKind;
  category: (typeof UNIT_CATEGORIES)[number] | null;
  rank: (typeof UNIT_RANKS)[number] | null;
  fundingForm: (typeof FUNDING_FORMS)[number] | null;
  uscc: string | null;
  functions: string | null;
  quotas: Partial<Record<EstablishmentType, number>>;
  posts: Partial<Record<LeadershipLevel, number>>;
}

export interface UnitsFileCheck {
  headerRow: number;
  rows: number;
  /** Rows without any error, parents before children. */
  candidates: UnitCandidate[];
  errors: ImportErrorT[];
}

const COLUMN_ORDER: readonly string[] = UNITS_IMPORT_COLUMNS;

/** Errors in row order, then in column order (row 0 — the whole file — first). */
export function sortUnitErrors(errors: ImportErrorT[]): ImportErrorT[] {
  return errors.sort((a, b) => a.row - b.row || COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column));
}

function labelIndex<K extends string>(codes: readonly K[], labels: Record<K, string>, extra: [string, K][] = []) {
  return new Map<string, K>([
    ...codes.flatMap((c) => [[normaliseName(c), c] as [string, K], [normaliseName(labels[c]), c] as [string, K]]),
    ...extra.map(([t, c]) => [normaliseName(t), c] as [string, K]),
  ]);
}
const KINDS = labelIndex(UNIT_KINDS, UNIT_KIND_LABELS, [
  ['机关', 'organ'],
  ['党政机构', 'organ'],
  ['群团', 'massOrganization'],
  ['群团组织', 'massOrganization'],
  ['事业', 'publicInstitution'],
  ['乡', 'township'],
  ['镇', 'township'],
  ['内设', 'internalOffice'],
]);
const CATEGORIES = labelIndex(UNIT_CATEGORIES, UNIT_CATEGORY_LABELS, [
  ['参公', 'civilServantManaged'],
  ['参照公务员法管理事业单位', 'civilServantManaged'],
  ['公益一类事业单位', 'publicWelfare1'],
  ['公益二类事业单位', 'publicWelfare2'],
  ['生产经营类', 'commercial'],
]);
const FUNDING = labelIndex(FUNDING_FORMS, FUNDING_FORM_LABELS, [
  ['全额', 'full'],
  ['差额', 'partial'],
]);
const RANKS = new Map<string, (typeof UNIT_RANKS)[number]>(
  UNIT_RANKS.flatMap((r) => [[normaliseName(r), r] as const, [normaliseName(`${r}级`), r] as const]),
);
const list = (labels: Record<string, string>) => Object.values(labels).join('、');

/** A count cell: empty is 0; otherwise a whole number 0–100 000. */
function parseCount(text: string): { ok: true; n: number } | { ok: false; reason: string } {
  const t = text.replace(/[,，\s]/g, '').replace(/^[－−]/, '-');
  if (t === '') return { ok: true, n: 0 };
  if (/^-\d+(\.0+)?$/.test(t)) return { ok: false, reason: `不能为负数（所填为“${text}”）` };
  if (!/^\d+(\.0+)?$/.test(t)) return { ok: false, reason: `应为整数（所填为“${text}”）` };
  const n = Number.parseInt(t, 10);
  if (n > 100_000) return { ok: false, reason: `过大（所填为“${text}”）` };
  return { ok: true, n };
}

interface Parsed {
  row: number;
  name: string;
  parentText: string;
  parentCode: string;
  kind: UnitKind | undefined;
  bad: boolean;
  candidate: Omit<UnitCandidate, 'parent'> | null;
  parent: UnitCandidate['parent'] | undefined;
}

export function checkUnitsFile(rows: readonly (readonly string[])[], lookups: UnitsLookups): UnitsFileCheck {
  const { row: headerRow, columns } = findUnitsHeader(rows);
  const errors: ImportErrorT[] = [];
  const parsed: Parsed[] = [];

  const byId = new Map<string, ExistingUnit>();
  const byUscc = new Map<string, ExistingUnit>();
  const byName = new Map<string, ExistingUnit[]>();
  for (const u of lookups.units) {
    byId.set(u.id.toLowerCase(), u);
    if (u.uscc) byUscc.set(normaliseName(u.uscc), u);
    for (const n of new Set([u.name, u.shortName, ...u.nameplates].filter((x): x is string => !!x).map(normaliseName)))
      byName.set(n, [...(byName.get(n) ?? []), u]);
  }
  const activeByName = (name: string) => {
    const all = byName.get(normaliseName(name)) ?? [];
    const active = all.filter((u) => u.status === 'active');
    return active.length ? active : all;
  };

  // ── Each row on its own ──
  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (!cells.some((c) => c.trim() !== '')) continue;
    const row = r + 1;
    const cell = (col: UnitsImportColumn) => {
      const c = columns[col];
      return c === undefined ? '' : (cells[c] ?? '').trim();
    };
    const p: Parsed = {
      row,
      name: cell('单位名称'),
      parentText: cell('上级单位'),
      parentCode: cell('上级单位编号'),
      kind: undefined,
      bad: false,
      candidate: null,
      parent: undefined,
    };
    const err = (column: UnitsImportColumn, message: string) => {
      p.bad = true;
      errors.push({ row, column, message });
    };

    if (p.name === '') err('单位名称', '未填写单位名称');
    else if (p.name.length < 2) err('单位名称', '单位名称至少2个字');
    else if (p.name.length > 100) err('单位名称', `单位名称过长（${p.name.length}个字，最多100个）`);

    const shortName = cell('简称');
    if (shortName.length > 40) err('简称', `简称过长（${shortName.length}个字，最多40个）`);

    const kindText = cell('机构类别');
    const kind = KINDS.get(normaliseName(kindText));
    if (kindText === '') err('机构类别', '未填写机构类别');
    else if (!kind) err('机构类别', `机构类别“${kindText}”不正确，应为：${list(UNIT_KIND_LABELS)}`);

    const categoryText = cell('事业单位类别');
    const category = categoryText === '' ? null : (CATEGORIES.get(normaliseName(categoryText)) ?? undefined);
    if (category === undefined)
      err('事业单位类别', `事业单位类别“${categoryText}”不正确，应为：${list(UNIT_CATEGORY_LABELS)}或不填`);

    const rankText = cell('机构规格');
    const rank = rankText === '' ? null : (RANKS.get(normaliseName(rankText)) ?? undefined);
    if (rank === undefined) err('机构规格', `机构规格“${rankText}”不正确，应为：${UNIT_RANKS.join('、')}或不填`);

    const fundingText = cell('经费形式');
    const fundingForm = fundingText === '' ? null : (FUNDING.get(normaliseName(fundingText)) ?? undefined);
    if (fundingForm === undefined)
      err('经费形式', `经费形式“${fundingText}”不正确，应为：${list(FUNDING_FORM_LABELS)}或不填`);

    const usccText = cell('统一社会信用代码');
    let uscc: string | null = null;
    if (usccText !== '') {
      const c = checkUscc(usccText);
      if (!c.ok) err('统一社会信用代码', `统一社会信用代码“${usccText}”无效：${c.reason}`);
      else {
        uscc = c.code;
        const holder = byUscc.get(normaliseName(c.code));
        if (holder) err('统一社会信用代码', `统一社会信用代码${c.code}已被“${holder.name}”使用`);
      }
    }

    const functions = cell('主要职责');
    if (functions.length > UNIT_FUNCTIONS_MAX)
      err('主要职责', `主要职责过长（${functions.length}个字，最多${UNIT_FUNCTIONS_MAX}个）`);

    const quotas: UnitCandidate['quotas'] = {};
    for (const t of ESTABLISHMENT_TYPES) {
      const col = TYPE_COLUMNS[t];
      const text = cell(col);
      const c = parseCount(text);
      if (!c.ok) err(col, `${col}${c.reason}`);
      else if (c.n > 0) quotas[t] = c.n;
    }
    const posts: UnitCandidate['posts'] = {};
    for (const l of ['principal', 'deputy'] as const) {
      const col = POST_COLUMNS[l];
      const c = parseCount(cell(col));
      if (!c.ok) err(col, `${col}${c.reason}`);
      else if (c.n > 0) posts[l] = c.n;
    }
    if (kind === 'internalOffice' && Object.keys(quotas).length)
      err('机构类别', '内设机构不单独核定编制，编制核定在其所属单位');

    if (!p.bad && kind && category !== undefined && rank !== undefined && fundingForm !== undefined)
      p.candidate = {
        row,
        name: p.name,
        shortName: shortName || null,
        kind,
        category,
        rank,
        fundingForm,
        uscc,
        functions: functions || null,
        quotas,
        posts,
      };
    // A parent is resolved below, once every row's name is known.
    p.kind = kind;
    parsed.push(p);
  }

  // ── Names within the file ──
  const fileByName = new Map<string, Parsed[]>();
  for (const p of parsed)
    if (p.name) fileByName.set(normaliseName(p.name), [...(fileByName.get(normaliseName(p.name)) ?? []), p]);
  const rowErr = (p: Parsed, column: UnitsImportColumn, message: string) => {
    p.bad = true;
    errors.push({ row: p.row, column, message });
  };

  // ── Parents ──
  for (const p of parsed) {
    const kind = p.kind;
    if (p.parentCode !== '') {
      const u = byId.get(p.parentCode.toLowerCase()) ?? byUscc.get(normaliseName(p.parentCode));
      if (!u) rowErr(p, '上级单位编号', `上级单位编号“${p.parentCode}”不存在`);
      else if (!lookups.inScope(u.id)) rowErr(p, '上级单位编号', `上级单位“${u.name}”不在您的数据范围内`);
      else if (u.status !== 'active') rowErr(p, '上级单位编号', `上级单位“${u.name}”已撤销，不能在其下设立单位`);
      else p.parent = { unitId: u.id, name: u.name };
      continue;
    }
    if (p.parentText === '') {
      if (kind === 'internalOffice') rowErr(p, '上级单位', '内设机构须填写所属的上级单位');
      else if (!lookups.wholeRegion)
        rowErr(p, '上级单位', '未填写上级单位：您的数据范围限于部分单位，只能在其下设立单位');
      else p.parent = null;
      continue;
    }
    if (normaliseName(p.parentText) === normaliseName(p.name)) {
      rowErr(p, '上级单位', '上级单位不能是本单位');
      continue;
    }
    const inFile = fileByName.get(normaliseName(p.parentText)) ?? [];
    if (inFile.length > 1) {
      rowErr(
        p,
        '上级单位',
        `上级单位“${p.parentText}”在本文件中有${inFile.length}行（${inFile.map((x) => `第${x.row}行`).join('、')}），无法确定`,
      );
      continue;
    }
    if (inFile.length === 1) {
      p.parent = { row: inFile[0]!.row, name: inFile[0]!.name };
      continue;
    }
    const found = activeByName(p.parentText);
    if (found.length === 0)
      rowErr(p, '上级单位', `上级单位“${p.parentText}”不存在（既不是已有单位，也不是本文件中的单位）`);
    else if (found.length > 1)
      rowErr(p, '上级单位', `上级单位名称“${p.parentText}”对应${found.length}个单位，请改填上级单位编号`);
    else if (!lookups.inScope(found[0]!.id)) rowErr(p, '上级单位', `上级单位“${found[0]!.name}”不在您的数据范围内`);
    else if (found[0]!.status !== 'active')
      rowErr(p, '上级单位', `上级单位“${found[0]!.name}”已撤销，不能在其下设立单位`);
    else p.parent = { unitId: found[0]!.id, name: found[0]!.name };
  }

  // ── Duplicates: the same name under the same parent, in the file or already in the tree ──
  const parentKey = (p: Parsed) =>
    p.parent === undefined
      ? `?${normaliseName(p.parentCode || p.parentText)}`
      : p.parent === null
        ? ''
        : 'unitId' in p.parent
          ? `u:${p.parent.unitId}`
          : `r:${p.parent.row}`;
  const siblings = new Map<string, Parsed[]>();
  for (const p of parsed) {
    if (!p.name) continue;
    const k = `${parentKey(p)}|${normaliseName(p.name)}`;
    siblings.set(k, [...(siblings.get(k) ?? []), p]);
  }
  for (const same of siblings.values()) {
    if (same.length < 2) continue;
    for (const p of same)
      rowErr(
        p,
        '单位名称',
        `单位名称“${p.name}”与${same
          .filter((x) => x !== p)
          .map((x) => `第${x.row}行`)
          .join('、')}重复（同一上级单位下）`,
      );
  }
  const usccRows = new Map<string, Parsed[]>();
  for (const p of parsed) {
    const u = p.candidate?.uscc;
    if (u) usccRows.set(u, [...(usccRows.get(u) ?? []), p]);
  }
  for (const [code, same] of usccRows) {
    if (same.length < 2) continue;
    for (const p of same)
      rowErr(
        p,
        '统一社会信用代码',
        `统一社会信用代码${code}与${same
          .filter((x) => x !== p)
          .map((x) => `第${x.row}行`)
          .join('、')}重复`,
      );
  }
  for (const p of parsed) {
    if (!p.parent || !('unitId' in p.parent) || !p.name) continue;
    const parentId = p.parent.unitId;
    const twin = lookups.units.find(
      (u) => u.parentId === parentId && u.status === 'active' && normaliseName(u.name) === normaliseName(p.name),
    );
    if (twin) rowErr(p, '单位名称', `“${p.parent.name}”下已有单位“${twin.name}”`);
  }

  // ── Cycles among the file's parents ──
  const byRow = new Map(parsed.map((p) => [p.row, p]));
  for (const p of parsed) {
    const seen: number[] = [];
    for (let q: Parsed | undefined = p; q;) {
      if (seen.includes(q.row)) {
        if (q.row === p.row)
          rowErr(p, '上级单位', `上级单位形成循环（${seen.map((r) => `第${r}行`).join(' → ')} → 第${p.row}行）`);
        break;
      }
      seen.push(q.row);
      q = q.parent && 'row' in q.parent ? byRow.get(q.parent.row) : undefined;
    }
  }

  // ── A row whose parent row has an error cannot be set up either (transitively) ──
  for (let changed = true; changed;) {
    changed = false;
    for (const p of parsed) {
      if (p.bad || !p.parent || !('row' in p.parent)) continue;
      const parent = byRow.get(p.parent.row)!;
      if (parent.bad) {
        rowErr(p, '上级单位', `上级单位“${parent.name}”（第${parent.row}行）有误未能设立，本行无法导入`);
        changed = true;
      }
    }
  }

  // ── Clean rows, parents before children ──
  const done = new Set<number>();
  const candidates: UnitCandidate[] = [];
  const visit = (p: Parsed) => {
    if (done.has(p.row) || p.bad || !p.candidate || p.parent === undefined) return;
    if (p.parent && 'row' in p.parent) visit(byRow.get(p.parent.row)!);
    done.add(p.row);
    candidates.push({ ...p.candidate, parent: p.parent });
  };
  for (const p of parsed) visit(p);

  return { headerRow, rows: parsed.length, candidates, errors: sortUnitErrors(errors) };
}

/** A candidate's decision reference (unique within the draft). */
export const refOf = (row: number) => `第${row}行`;

/**
 * The draft's items: per unit, createUnit, then its establishment and leadership posts. `rowOf[i]`
 * is the file row item i+1 came from.
 */
export function unitItems(candidates: readonly UnitCandidate[]): { items: DecisionItem[]; rowOf: number[] } {
  const items: DecisionItem[] = [];
  const rowOf: number[] = [];
  for (const c of candidates) {
    const target = { unitRef: refOf(c.row) };
    items.push({
      kind: 'createUnit',
      ref: refOf(c.row),
      parent:
        c.parent === null
          ? null
          : 'unitId' in c.parent
            ? { unitId: c.parent.unitId }
            : { unitRef: refOf(c.parent.row) },
      attributes: {
        name: c.name,
        kind: c.kind,
        ...(c.shortName ? { shortName: c.shortName } : {}),
        ...(c.category ? { category: c.category } : {}),
        ...(c.rank ? { rank: c.rank } : {}),
        ...(c.fundingForm ? { fundingForm: c.fundingForm } : {}),
        ...(c.uscc ? { uscc: c.uscc } : {}),
        ...(c.functions ? { functions: c.functions } : {}),
      },
    });
    rowOf.push(c.row);
    for (const t of ESTABLISHMENT_TYPES) {
      const n = c.quotas[t];
      if (n) {
        items.push({ kind: 'quota', target, type: t, delta: n });
        rowOf.push(c.row);
      }
    }
    for (const l of ['principal', 'deputy'] as const) {
      const n = c.posts[l];
      if (n) {
        items.push({ kind: 'posts', target, level: l, delta: n });
        rowOf.push(c.row);
      }
    }
  }
  return { items, rowOf };
}

/** The column a planner rule reported on an item is shown under. */
export function columnOfRule(rule: string, item: DecisionItem | undefined): string {
  if (rule === 'USCC_INVALID') return '统一社会信用代码';
  if (rule === 'UNIT_UNKNOWN' || rule === 'UNIT_REVOKED') return '上级单位';
  if (item?.kind === 'quota') return TYPE_COLUMNS[item.type];
  if (item?.kind === 'posts') return POST_COLUMNS[item.level];
  return '单位名称';
}
