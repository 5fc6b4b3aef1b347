/** The roster import template: the columns, one example row, and a sheet of the allowed values. */
import ExcelJS from 'exceljs';
import {
  ENROL_REASONS,
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  LEADERSHIP_LEVEL_LABELS,
  ROSTER_IMPORT_COLUMNS,
} from '@bianban/contracts';
import { EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES } from '../roster/domain/codes.js';

const REQUIRED = new Set(['姓名', '公民身份号码', '单位', '编制类型', '上编时间', '上编方式']);

/** A made-up but valid citizen ID (checksum correct) and a unit name to be replaced. */
const EXAMPLE = [
  '张三',
  '51040219900101001X',
  '（填写单位全称，或另加“单位编号”列）',
  '行政编制',
  '2015-09-01',
  '录用',
  '汉族',
  '中共党员',
  '大学本科毕业',
  '',
];

export async function rosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实名制人员');
  ws.addRow(ROSTER_IMPORT_COLUMNS.map((c) => (REQUIRED.has(c) ? `*${c}` : c)));
  ws.addRow(EXAMPLE);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = [10, 22, 30, 22, 12, 10, 10, 12, 16, 10][i] ?? 12;
    // Text cells, so that Excel keeps the ID's digits and the codes' leading zeros.
    col.numFmt = '@';
  });

  const lists: [string, string[]][] = [
    ['编制类型', ESTABLISHMENT_TYPES.map((t) => ESTABLISHMENT_TYPE_LABELS[t])],
    ['上编方式', [...ENROL_REASONS]],
    ['领导职务', Object.values(LEADERSHIP_LEVEL_LABELS)],
    ['民族', ETHNICITIES.map((e) => `${e.code} ${e.name}`)],
    ['政治面貌', POLITICAL_STATUSES.map((e) => `${e.code} ${e.name}`)],
    ['学历', EDUCATION_LEVELS.map((e) => `${e.code} ${e.name}`)],
  ];
  const values = wb.addWorksheet('可选值');
  values.addRow(lists.map(([title]) => title)).font = { bold: true };
  const depth = Math.max(...lists.map(([, v]) => v.length));
  for (let i = 0; i < depth; i++) values.addRow(lists.map(([, v]) => v[i] ?? ''));
  values.columns.forEach((col) => (col.width = 22));

  const notes = wb.addWorksheet('填写说明');
  for (const line of [
    '带*的列必填；表头须在前20行内，列的顺序不限。',
    '单位：填写单位全称、简称或挂牌名称；同名单位须另加“单位编号”列（单位编号或统一社会信用代码）。',
    '编制类型、上编方式、领导职务：见“可选值”表；民族、政治面貌、学历可填代码或名称，可不填。',
    '上编时间：YYYY-MM-DD，例如 2015-09-01。',
    '同一公民身份号码在文件中只能出现一次；已在编的人员不能重复导入（一人一编）。',
    '导入前先整体校验：有误的行按行、列列出；可选择全部无误才导入，或只导入无误的行。',
    '请删除示例行后再导入。',
  ])
    notes.addRow([line]);
  notes.getColumn(1).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
