/** The budget import template: one sheet per published table, amounts in 万元, with a notes sheet. */
import ExcelJS from 'exceljs';
import { INCOME_SOURCE_LABELS, INCOME_SOURCES } from '@bianban/contracts';
import {
  ECONOMIC_HEADERS,
  FUNCTION_HEADERS,
  OTHER_ROWS,
  PROJECT_HEADERS,
  SHEETS,
  STAGE_HEADERS,
  THREE_PUBLIC_HEADERS,
  THREE_PUBLIC_ROWS,
  TOTAL_ROWS,
  TOTAL_SINGLE_ROWS,
} from './domain/sheets.js';

export async function budgetTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, headers: readonly string[], rows: string[][], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...headers]).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    // Codes keep their digits as typed.
    ws.getColumn(1).numFmt = '@';
    return ws;
  };
  sheet(
    SHEETS.totals,
    ['项目', ...STAGE_HEADERS],
    [...TOTAL_ROWS.map(([l]) => [l]), ...TOTAL_SINGLE_ROWS.map(([l]) => [l])],
    [22, 14, 14, 14],
  );
  sheet(
    SHEETS.income,
    ['收入来源', ...STAGE_HEADERS],
    INCOME_SOURCES.map((s) => [INCOME_SOURCE_LABELS[s]]),
    [32, 14, 14, 14],
  );
  sheet(SHEETS.functionLines, FUNCTION_HEADERS, [['2013101', '行政运行']], [12, 36, 14, 14, 14, 14, 14]);
  sheet(SHEETS.economicLines, ECONOMIC_HEADERS, [['301', '工资福利支出']], [12, 30, 14]);
  sheet(SHEETS.projects, PROJECT_HEADERS, [], [40, 14, 14, 14, 14, 16]);
  sheet(
    SHEETS.threePublic,
    THREE_PUBLIC_HEADERS,
    THREE_PUBLIC_ROWS.map(([l]) => [l]),
    [30, 14, 14, 14],
  );
  sheet(
    SHEETS.other,
    ['项目', '数值'],
    OTHER_ROWS.map((r) => [r.label]),
    [50, 14],
  );

  const notes = wb.addWorksheet('填写说明');
  for (const line of [
    '金额单位：万元，可填到6位小数（即精确到分）；不填表示“未填报”，与0不同。',
    '各表的表头和行名请勿修改；不需要的行留空即可，示例行（2013101 行政运行、301 工资福利支出）请改为实际数据或删除。',
    '支出决算表：按政府收支分类科目填写类（3位）、款（5位）、项（7位）编码；编码须为当年的有效科目。同一科目只能填一行。',
    '基本支出决算表：按部门预算支出经济分类科目填写（301 工资福利支出、302 商品和服务支出、303 对个人和家庭的补助、310 资本性支出及其款级科目）。',
    '三公经费表：按分项填写；“公务用车购置及运行维护费”须分别填写其中两项。只有报告未公开分项时，才只填“合计”。',
    '年初结转和结余、年末结转和结余、收、支总计只填决算数（D列）。负债总额、净资产及结转结余可为负数，其余金额不能为负数。',
    '人员编制和实有人数不在此填报，由实名制数据按日期计算。',
    '导入时先整体校验，有误的按工作表、行、列列出，全部无误才写入；收支平衡等勾稽关系不符只作提示，不阻止导入。',
  ])
    notes.addRow([line]);
  notes.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
