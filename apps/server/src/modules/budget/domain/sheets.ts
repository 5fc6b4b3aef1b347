/**
 * The XLSX layout of a budget year, mirroring the published tables (收入支出决算总表, 收入决算表,
 * 支出决算表, 基本支出决算表, 项目支出表, “三公”经费表) plus one sheet for the other facts. Used by
 * the template writer and by the reader, which turns a parsed workbook into a `BudgetYearDoc` and
 * remembers where each value came from, so that every finding names its sheet, row and column.
 */
import {
  BUDGET_STAGES,
  emptyBudgetYearDoc,
  INCOME_SOURCE_LABELS,
  INCOME_SOURCES,
  THREE_PUBLIC_PARTS,
  fenToWanyuan,
  type BudgetWarningT,
  type BudgetYearDoc,
  type StagedAmount,
} from '@bianban/contracts';
import type { BudgetFinding } from './validate.js';

export const SHEETS = {
  totals: '收入支出决算总表',
  income: '收入决算表',
  functionLines: '支出决算表',
  economicLines: '基本支出决算表',
  projects: '项目支出表',
  threePublic: '三公经费表',
  other: '其他情况',
} as const;

export const STAGE_HEADERS = ['年初预算数', '调整预算数', '决算数'] as const;

/** 收入支出决算总表 rows → the staged records of `doc.totals`. */
export const TOTAL_ROWS = [
  ['本年收入合计', 'incomeTotal'],
  ['本年支出合计', 'expenditureTotal'],
  ['基本支出', 'basicTotal'],
  ['其中：人员经费', 'personnel'],
  ['其中：公用经费', 'operating'],
  ['项目支出', 'projectTotal'],
] as const;
/** Rows of the same sheet with one amount, in the 决算数 column. */
export const TOTAL_SINGLE_ROWS = [
  ['年初结转和结余', 'carryIn'],
  ['年末结转和结余', 'carryOut'],
  ['收、支总计', 'grandTotal'],
] as const;

export const FUNCTION_HEADERS = ['科目编码', '科目名称', ...STAGE_HEADERS, '基本支出', '项目支出'] as const;
export const ECONOMIC_HEADERS = ['科目编码', '科目名称', '决算数'] as const;
export const PROJECT_HEADERS = ['项目名称', ...STAGE_HEADERS, '已下达数', '重点支出（是/否）'] as const;
export const THREE_PUBLIC_HEADERS = ['项目', '预算数', '决算数', '上年决算数'] as const;
export const THREE_PUBLIC_ROWS = [
  ['合计', 'total'],
  ['因公出国（境）费', 'abroad'],
  ['公务用车购置及运行维护费', 'vehicles'],
  ['其中：公务用车购置费', 'vehiclePurchase'],
  ['其中：公务用车运行维护费', 'vehicleOperation'],
  ['公务接待费', 'reception'],
] as const;

type OtherTarget =
  | ['runningCost', 'budget' | 'final' | 'previousFinal']
  | ['procurement', 'planned' | 'goods' | 'works' | 'services' | 'smeAwarded']
  | ['officialCard', 'paid' | 'eligible']
  | ['keyExpenditure', 'arranged' | 'total']
  | [
      'assets',
      'total' | 'liabilities' | 'netAssets' | 'fixedAssets' | 'fixedAssetsInUse' | 'vehicles' | 'largeEquipment',
    ]
  | [
      'threePublic',
      'abroadGroups' | 'abroadPersons' | 'vehicles' | 'vehiclesPurchased' | 'receptionBatches' | 'receptionPersons',
    ];

/** 其他情况: one fact per row, label in A, value in B; `count` rows hold whole numbers, the others 万元. */
export const OTHER_ROWS: { label: string; target: OtherTarget; count?: true }[] = [
  { label: '机关运行经费预算数', target: ['runningCost', 'budget'] },
  { label: '机关运行经费决算数', target: ['runningCost', 'final'] },
  { label: '机关运行经费上年决算数', target: ['runningCost', 'previousFinal'] },
  { label: '政府采购预算数', target: ['procurement', 'planned'] },
  { label: '政府采购货物支出', target: ['procurement', 'goods'] },
  { label: '政府采购工程支出', target: ['procurement', 'works'] },
  { label: '政府采购服务支出', target: ['procurement', 'services'] },
  { label: '授予中小企业合同金额', target: ['procurement', 'smeAwarded'] },
  { label: '公务卡结算金额', target: ['officialCard', 'paid'] },
  { label: '应使用公务卡结算金额', target: ['officialCard', 'eligible'] },
  { label: '重点支出安排数', target: ['keyExpenditure', 'arranged'] },
  { label: '重点支出对应的项目支出总额', target: ['keyExpenditure', 'total'] },
  { label: '资产总额', target: ['assets', 'total'] },
  { label: '负债总额', target: ['assets', 'liabilities'] },
  { label: '净资产', target: ['assets', 'netAssets'] },
  { label: '固定资产', target: ['assets', 'fixedAssets'] },
  { label: '在用固定资产', target: ['assets', 'fixedAssetsInUse'] },
  { label: '车辆（辆）', target: ['assets', 'vehicles'], count: true },
  { label: '单价50万元以上通用设备和100万元以上专用设备（台套）', target: ['assets', 'largeEquipment'], count: true },
  { label: '因公出国（境）团组数', target: ['threePublic', 'abroadGroups'], count: true },
  { label: '因公出国（境）人次', target: ['threePublic', 'abroadPersons'], count: true },
  { label: '公务用车保有量（辆）', target: ['threePublic', 'vehicles'], count: true },
  { label: '本年购置公务用车（辆）', target: ['threePublic', 'vehiclesPurchased'], count: true },
  { label: '公务接待批次', target: ['threePublic', 'receptionBatches'], count: true },
  { label: '公务接待人次', target: ['threePublic', 'receptionPersons'], count: true },
];

export const columnLetter = (i: number) => String.fromCharCode(65 + i);
/** Labels compare without spaces, full-width colons and the `*` of required columns. */
export const norm = (s: string | undefined) => (s ?? '').replace(/[\s*＊]/g, '').replace(/:/g, '：');

export interface SheetError {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}
interface Origin {
  sheet: string;
  row: number;
  column: string | null;
}

export interface ReadResult {
  doc: BudgetYearDoc;
  errors: SheetError[];
  warnings: BudgetWarningT[];
  /** Where a validation finding on the document points in the workbook. */
  locate: (f: BudgetFinding) => Origin | null;
}

/** “141.96”, “1,234.5”, a number cell → fen; blank → null. Excel's binary float noise is rounded to 分. */
export function parseWanyuan(text: string): number | null | 'invalid' {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  if (!/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(t)) return 'invalid';
  const n = Number(t);
  if (!Number.isFinite(n) || Math.abs(n) > 1e9) return 'invalid';
  return Math.round(n * 1_000_000);
}

export function parseCount(text: string): number | null | 'invalid' {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : 'invalid';
}

export function readWorkbook(sheets: { name: string; rows: string[][] }[]): ReadResult {
  const doc = emptyBudgetYearDoc();
  const errors: SheetError[] = [];
  const warnings: BudgetWarningT[] = [];
  const origins = new Map<string, Origin>();
  const at = (key: string, o: Origin) => origins.set(key, o);

  const sheetOf = (name: string) => sheets.find((s) => norm(s.name) === norm(name));
  /** The header row (1-based) whose first cells match `headers`, within the first 6 rows. */
  const header = (name: string, rows: string[][], headers: readonly string[]): number | null => {
    for (let r = 0; r < Math.min(rows.length, 6); r++) {
      if (headers.every((h, i) => norm(rows[r]![i]) === norm(h))) return r + 1;
    }
    errors.push({
      sheet: name,
      row: null,
      column: null,
      message: `找不到表头（应为：${headers.join('、')}），请使用下载的模板`,
    });
    return null;
  };
  const amount = (sheet: string, row: number, col: number, text: string | undefined): number | null => {
    const v = parseWanyuan(text ?? '');
    if (v === 'invalid') {
      errors.push({ sheet, row, column: columnLetter(col), message: `“${text}”不是金额（万元，最多6位小数）` });
      return null;
    }
    return v;
  };
  const count = (sheet: string, row: number, col: number, text: string | undefined): number | null => {
    const v = parseCount(text ?? '');
    if (v === 'invalid') {
      errors.push({ sheet, row, column: columnLetter(col), message: `“${text}”不是非负整数` });
      return null;
    }
    return v;
  };
  const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

  // 收入支出决算总表
  {
    const name = SHEETS.totals;
    const s = sheetOf(name);
    if (!s) errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
    const h = s ? header(name, s.rows, ['项目', ...STAGE_HEADERS]) : null;
    if (s && h) {
      for (let r = h; r < s.rows.length; r++) {
        const cells = s.rows[r]!;
        if (blank(cells)) continue;
        const row = r + 1;
        const label = norm(cells[0]);
        const staged = TOTAL_ROWS.find(([l]) => norm(l) === label);
        const single = TOTAL_SINGLE_ROWS.find(([l]) => norm(l) === label);
        if (staged) {
          const rec = doc.totals[staged[1]] as StagedAmount;
          BUDGET_STAGES.forEach((st, i) => {
            rec[st] = amount(name, row, i + 1, cells[i + 1]);
            at(`totals|${staged[1]}|${st}`, { sheet: name, row, column: columnLetter(i + 1) });
          });
        } else if (single) {
          for (let i = 1; i <= 2; i++)
            if ((cells[i] ?? '').trim())
              errors.push({ sheet: name, row, column: columnLetter(i), message: `“${single[0]}”只填决算数（D列）` });
          doc.totals[single[1]] = amount(name, row, 3, cells[3]);
          at(`totals||${single[1]}`, { sheet: name, row, column: 'D' });
        } else errors.push({ sheet: name, row, column: 'A', message: `未知的行“${cells[0]}”` });
      }
    }
  }

  // 收入决算表
  {
    const name = SHEETS.income;
    const s = sheetOf(name);
    if (!s) errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
    const h = s ? header(name, s.rows, ['收入来源', ...STAGE_HEADERS]) : null;
    if (s && h) {
      for (let r = h; r < s.rows.length; r++) {
        const cells = s.rows[r]!;
        if (blank(cells)) continue;
        const row = r + 1;
        const source = INCOME_SOURCES.find((x) => norm(INCOME_SOURCE_LABELS[x]) === norm(cells[0]));
        if (!source) {
          errors.push({ sheet: name, row, column: 'A', message: `未知的收入来源“${cells[0]}”（见模板所列八项）` });
          continue;
        }
        const vals = BUDGET_STAGES.map((_, i) => amount(name, row, i + 1, cells[i + 1]));
        if (vals.every((v) => v === null)) continue;
        const index = doc.income.length;
        doc.income.push({ source, initial: vals[0]!, adjusted: vals[1]!, final: vals[2]! });
        at(`income|${index}|`, { sheet: name, row, column: 'A' });
        BUDGET_STAGES.forEach((st, i) =>
          at(`income|${index}|${st}`, { sheet: name, row, column: columnLetter(i + 1) }),
        );
      }
    }
  }

  // 支出决算表 and 基本支出决算表: coded lines.
  const coded = (
    name: string,
    headers: readonly string[],
    push: (code: string, label: string | null, vals: (number | null)[], row: number) => number,
    fields: readonly string[],
    table: string,
  ) => {
    const s = sheetOf(name);
    if (!s) {
      errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
      return;
    }
    const h = header(name, s.rows, headers);
    if (!h) return;
    for (let r = h; r < s.rows.length; r++) {
      const cells = s.rows[r]!;
      if (blank(cells)) continue;
      const row = r + 1;
      const code = (cells[0] ?? '').replace(/\s/g, '');
      if (!/^\d{3}(\d{2}){0,2}$/.test(code)) {
        errors.push({ sheet: name, row, column: 'A', message: `科目编码“${cells[0] ?? ''}”应为3、5或7位数字` });
        continue;
      }
      const vals = fields.map((_, i) => amount(name, row, i + 2, cells[i + 2]));
      const index = push(code, (cells[1] ?? '').trim() || null, vals, row);
      at(`${table}|${index}|`, { sheet: name, row, column: 'A' });
      at(`${table}|${index}|${table === 'functionLines' ? 'functionCode' : 'economicCode'}`, {
        sheet: name,
        row,
        column: 'A',
      });
      fields.forEach((f, i) => at(`${table}|${index}|${f}`, { sheet: name, row, column: columnLetter(i + 2) }));
    }
  };
  const fnFields = ['initial', 'adjusted', 'final', 'basicFinal', 'projectFinal'] as const;
  coded(
    SHEETS.functionLines,
    FUNCTION_HEADERS,
    (code, label, v) =>
      doc.functionLines.push({
        functionCode: code,
        functionName: label,
        initial: v[0]!,
        adjusted: v[1]!,
        final: v[2]!,
        basicFinal: v[3]!,
        projectFinal: v[4]!,
      }) - 1,
    fnFields,
    'functionLines',
  );
  coded(
    SHEETS.economicLines,
    ECONOMIC_HEADERS,
    (code, label, v) => doc.economicLines.push({ economicCode: code, economicName: label, final: v[0]! }) - 1,
    ['final'],
    'economicLines',
  );

  // 项目支出表
  {
    const name = SHEETS.projects;
    const s = sheetOf(name);
    if (!s) errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
    const h = s ? header(name, s.rows, PROJECT_HEADERS) : null;
    if (s && h) {
      for (let r = h; r < s.rows.length; r++) {
        const cells = s.rows[r]!;
        if (blank(cells)) continue;
        const row = r + 1;
        const pname = (cells[0] ?? '').trim();
        if (!pname) {
          errors.push({ sheet: name, row, column: 'A', message: '项目名称不能为空' });
          continue;
        }
        const v = [1, 2, 3, 4].map((c) => amount(name, row, c, cells[c]));
        const keyText = norm(cells[5]);
        if (keyText && keyText !== '是' && keyText !== '否')
          errors.push({ sheet: name, row, column: 'F', message: `“${cells[5]}”应为“是”或“否”` });
        const index = doc.projects.length;
        doc.projects.push({
          name: pname,
          initial: v[0]!,
          adjusted: v[1]!,
          final: v[2]!,
          allocated: v[3]!,
          key: keyText === '是',
        });
        at(`projects|${index}|`, { sheet: name, row, column: 'A' });
        (['initial', 'adjusted', 'final', 'allocated'] as const).forEach((f, i) =>
          at(`projects|${index}|${f}`, { sheet: name, row, column: columnLetter(i + 1) }),
        );
      }
    }
  }

  // 三公经费表: four parts; the combined vehicle row and the 合计 row are subtotals.
  {
    const name = SHEETS.threePublic;
    const s = sheetOf(name);
    if (!s) errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
    const h = s ? header(name, s.rows, THREE_PUBLIC_HEADERS) : null;
    if (s && h) {
      const got = new Map<string, { row: number; v: (number | null)[] }>();
      for (let r = h; r < s.rows.length; r++) {
        const cells = s.rows[r]!;
        if (blank(cells)) continue;
        const row = r + 1;
        const def = THREE_PUBLIC_ROWS.find(([l]) => norm(l) === norm(cells[0]));
        if (!def) {
          errors.push({ sheet: name, row, column: 'A', message: `未知的行“${cells[0]}”` });
          continue;
        }
        if (got.has(def[1])) {
          errors.push({ sheet: name, row, column: 'A', message: `“${def[0]}”重复，同一分项只能填一行` });
          continue;
        }
        got.set(def[1], { row, v: [1, 2, 3].map((c) => amount(name, row, c, cells[c])) });
      }
      const fields = ['budget', 'final', 'previousFinal'] as const;
      const vehicles = got.get('vehicles');
      // The values of each part; a combined vehicle figure of 0 means both vehicle parts are 0.
      const values = new Map(
        THREE_PUBLIC_PARTS.map((p) => [
          p,
          { row: got.get(p)?.row ?? null, v: [...(got.get(p)?.v ?? [null, null, null])] },
        ]),
      );
      if (vehicles) {
        fields.forEach((f, i) => {
          const combined = vehicles.v[i];
          if (combined === null || combined === undefined) return;
          const purchase = values.get('vehiclePurchase')!;
          const operation = values.get('vehicleOperation')!;
          if (purchase.v[i] === null && operation.v[i] === null) {
            if (combined === 0) {
              for (const part of [purchase, operation]) {
                part.v[i] = 0;
                part.row ??= vehicles.row;
              }
            } else
              // A combined vehicle figure must come with its two parts (三公经费按分项填写).
              errors.push({
                sheet: name,
                row: vehicles.row,
                column: columnLetter(i + 1),
                message:
                  '公务用车购置及运行维护费须分别填写“其中：公务用车购置费”和“其中：公务用车运行维护费”（三公经费按分项填写）',
              });
          } else {
            const sum = (purchase.v[i] ?? 0) + (operation.v[i] ?? 0);
            if (sum !== combined)
              warnings.push({
                rule: 'threePublicVehicles',
                message: `三公经费表第${vehicles.row}行公务用车购置及运行维护费（${['预算数', '决算数', '上年决算数'][i]}）${fenToWanyuan(combined)}万元与其中两项之和${fenToWanyuan(sum)}万元不符，以分项为准`,
                stated: combined,
                computed: sum,
              });
          }
        });
      }
      for (const p of THREE_PUBLIC_PARTS) {
        const g = values.get(p)!;
        if (g.row === null || g.v.every((x) => x === null)) continue;
        const index = doc.threePublic.lines.length;
        doc.threePublic.lines.push({ part: p, budget: g.v[0]!, final: g.v[1]!, previousFinal: g.v[2]! });
        at(`threePublic|${index}|`, { sheet: name, row: g.row, column: 'A' });
        fields.forEach((f, i) =>
          at(`threePublic|${index}|${f}`, { sheet: name, row: g.row!, column: columnLetter(i + 1) }),
        );
      }
      const total = got.get('total');
      if (total) {
        fields.forEach((f, i) => {
          const tv = total.v[i] ?? null;
          if (tv === null) return;
          const parts = doc.threePublic.lines.map((l) => l[f]).filter((x): x is number => x !== null);
          if (!parts.length) {
            doc.threePublic.total[f] = tv;
            at(`threePublic|total|${f}`, { sheet: name, row: total.row, column: columnLetter(i + 1) });
          } else if (parts.reduce((a, b) => a + b, 0) !== tv)
            warnings.push({
              rule: 'threePublicTotal',
              message: `三公经费表第${total.row}行合计${fenToWanyuan(tv)}万元与分项之和${fenToWanyuan(parts.reduce((a, b) => a + b, 0))}万元不符，以分项为准`,
              stated: tv,
              computed: parts.reduce((a, b) => a + b, 0),
            });
        });
      }
    }
  }

  // 其他情况
  {
    const name = SHEETS.other;
    const s = sheetOf(name);
    if (!s) errors.push({ sheet: name, row: null, column: null, message: '缺少该工作表' });
    const h = s ? header(name, s.rows, ['项目', '数值']) : null;
    if (s && h) {
      for (let r = h; r < s.rows.length; r++) {
        const cells = s.rows[r]!;
        if (blank(cells)) continue;
        const row = r + 1;
        const def = OTHER_ROWS.find((d) => norm(d.label) === norm(cells[0]));
        if (!def) {
          errors.push({ sheet: name, row, column: 'A', message: `未知的行“${cells[0]}”` });
          continue;
        }
        const v = def.count ? count(name, row, 1, cells[1]) : amount(name, row, 1, cells[1]);
        const [section, field] = def.target;
        if (section === 'threePublic') doc.threePublic.counts[field] = v;
        else (doc[section] as Record<string, number | null>)[field] = v;
        at(`${section}||${field}`, { sheet: name, row, column: 'B' });
      }
    }
  }

  const locate = (f: BudgetFinding): Origin | null => {
    const where = f.index !== null ? String(f.index) : (f.record ?? '');
    return origins.get(`${f.table}|${where}|${f.field ?? ''}`) ?? origins.get(`${f.table}|${where}|`) ?? null;
  };
  return { doc, errors, warnings, locate };
}
