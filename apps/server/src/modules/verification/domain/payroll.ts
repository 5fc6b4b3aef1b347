/**
 * Reading a payroll list (统发工资名单), pure: find the header row by its column titles, then check
 * every data row — the citizen ID with `checkCitizenId`, duplicates within the list — and return
 * the persons to compare and the row-level findings. Row numbers are those the user sees in the
 * spreadsheet (1-based, header and blank rows counted).
 */
import { checkCitizenId, maskCitizenId } from '../../roster/domain/citizen-id.js';

/** How far down the header row is looked for (title rows, notes and blank rows come first in practice). */
export const HEADER_SCAN_ROWS = 20;

const NAME_TITLES = ['姓名'];
const ID_TITLES = ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '公民身份证号码'];
const UNIT_TITLES = ['单位', '单位名称', '工作单位'];

const ROLE_LABELS = {
  name: '“姓名”',
  citizenId: '“身份证号”（或“公民身份号码”）',
  unit: '“单位”（或“单位名称”）',
} as const;
type Role = keyof typeof ROLE_LABELS;

/**
 * Text compared loosely: compatibility forms folded (full-width letters, digits, brackets and the
 * ideographic space become their ordinary forms — NFKC), all whitespace removed, case ignored.
 * Used for unit names, person names and column titles.
 */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

function titleKey(cell: string): string {
  // Required-field markers and trailing colons: “*姓名”, “单位名称：”.
  return normaliseName(cell).replace(/^\*+|[*:]+$/g, '');
}

function roleOf(cell: string): Role | null {
  const k = titleKey(cell);
  if (NAME_TITLES.includes(k)) return 'name';
  if (ID_TITLES.includes(k)) return 'citizenId';
  if (UNIT_TITLES.includes(k)) return 'unit';
  return null;
}

export class PayrollFormatError extends Error {
  override readonly name = 'PayrollFormatError';
}

export type PayrollColumns = Record<Role, number>;

/** Finds the first row within HEADER_SCAN_ROWS holding all three titles; the first column of each title wins. */
export function findHeader(rows: readonly (readonly string[])[]): { row: number; columns: PayrollColumns } {
  let best: { row: number; missing: Role[] } | null = null;
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const found: Partial<PayrollColumns> = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const role = roleOf(cell);
      if (role && found[role] === undefined) found[role] = c;
    });
    const missing = (Object.keys(ROLE_LABELS) as Role[]).filter((k) => found[k] === undefined);
    if (missing.length === 0) return { row: r + 1, columns: found as PayrollColumns };
    if (missing.length < 3 && (!best || missing.length < best.missing.length)) best = { row: r + 1, missing };
  }
  const wanted = Object.values(ROLE_LABELS).join('、');
  const hint = best ? `；第${best.row}行像是表头，但缺少${best.missing.map((k) => ROLE_LABELS[k]).join('、')}列` : '';
  throw new PayrollFormatError(`未找到表头行：前${HEADER_SCAN_ROWS}行中没有同时包含${wanted}的行${hint}`);
}

export interface PayrollEntry {
  row: number;
  /** As written (trimmed). */
  name: string;
  /** Normalised, valid 18-character ID (only ever used to compute the blind index). */
  citizenId: string;
  unit: string;
}

export interface RowProblem {
  row: number;
  name: string;
  /** Masked: first 4 and last 4 characters. */
  citizenId: string;
  unit: string;
  reason: string;
}

export interface PayrollAnalysis {
  headerRow: number;
  columns: PayrollColumns;
  /** Non-empty data rows. */
  rows: number;
  /** Rows with a valid ID, first occurrence of each ID only. */
  entries: PayrollEntry[];
  problems: RowProblem[];
}

/**
 * A reason from `checkCitizenId` may quote a whole number (the 18-digit upgrade of a 15-digit one):
 * the report shows IDs masked only, so any such run is masked too.
 */
export function redactReason(reason: string): string {
  return reason.replace(/\d{15,17}[\dX]?/g, (m) => maskCitizenId(m));
}

export function analysePayroll(rows: readonly (readonly string[])[], opts: { today?: Date } = {}): PayrollAnalysis {
  const { row: headerRow, columns } = findHeader(rows);
  const entries: PayrollEntry[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  let count = 0;
  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const cell = (c: number) => (cells[c] ?? '').trim();
    const name = cell(columns.name);
    const rawId = cell(columns.citizenId);
    const unit = cell(columns.unit);
    // Blank lines, and lines such as “合计” that fill none of the three columns, are not persons.
    if (name === '' && rawId === '' && unit === '') continue;
    count++;
    const row = r + 1;
    const problem = (reason: string) =>
      problems.push({ row, name, citizenId: maskCitizenId(rawId), unit, reason: redactReason(reason) });
    const checked = checkCitizenId(rawId, opts);
    if (!checked.ok) {
      problem(rawId === '' ? checked.reason : `身份证号无效：${checked.reason}`);
      continue;
    }
    const first = firstRowOf.get(checked.id);
    if (first !== undefined) {
      problem(`身份证号重复：第${first}行与第${row}行为同一号码，按第${first}行核查`);
      continue;
    }
    firstRowOf.set(checked.id, row);
    if (name === '') problem('未填写姓名');
    if (unit === '') problem('未填写单位，无法核对单位');
    entries.push({ row, name, citizenId: checked.id, unit });
  }
  problems.sort((a, b) => a.row - b.row);
  return { headerRow, columns, rows: count, entries, problems };
}
