/** The units import template: the columns, one example row, the allowed values and notes. */
import ExcelJS from 'exceljs';
import {
  FUNDING_FORM_LABELS,
  UNIT_CATEGORY_LABELS,
  UNIT_KIND_LABELS,
  UNIT_RANKS,
  UNITS_IMPORT_COLUMNS,
} from '@bianban/contracts';
import { UNITS_REQUIRED } from './domain/unit-rows.js';

const EXAMPLE: Record<string, string> = {
  单位名称: '（示例）某某服务中心',
  简称: '某某中心',
  上级单位: '（填写已有单位全称，或本文件中另一行的单位名称）',
  机构类别: '事业单位',
  事业单位类别: '公益一类',
  机构规格: '股级',
  经费形式: '全额拨款',
  统一社会信用代码: '',
  主要职责: '1.负责……；2.承办……。',
  '事业编制（全额拨款）': '5',
  正职领导职数: '1',
};

export async function unitsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位及编制');
  ws.addRow(UNITS_IMPORT_COLUMNS.map((c) => ((UNITS_REQUIRED as readonly string[]).includes(c) ? `*${c}` : c)));
  ws.addRow(UNITS_IMPORT_COLUMNS.map((c) => EXAMPLE[c] ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = [30, 14, 30, 22, 12, 14, 10, 10, 22, 40][i] ?? 12;
    col.numFmt = '@';
  });

  const lists: [string, string[]][] = [
    ['机构类别', Object.values(UNIT_KIND_LABELS)],
    ['事业单位类别', Object.values(UNIT_CATEGORY_LABELS)],
    ['机构规格', [...UNIT_RANKS]],
    ['经费形式', Object.values(FUNDING_FORM_LABELS)],
  ];
  const values = wb.addWorksheet('可选值');
  values.addRow(lists.map(([title]) => title)).font = { bold: true };
  const depth = Math.max(...lists.map(([, v]) => v.length));
  for (let i = 0; i < depth; i++) values.addRow(lists.map(([, v]) => v[i] ?? ''));
  values.columns.forEach((col) => (col.width = 20));

  const notes = wb.addWorksheet('填写说明');
  for (const line of [
    '导入后生成一份机构编制事项草稿（设立单位、核定编制和领导职数），须按程序提交、审批后执行才生效。',
    '带*的列必填；表头须在前20行内，列的顺序不限；表头与模板不同时，可在导入向导中指定列的对应关系。',
    '上级单位：填写已有单位的全称、简称或挂牌名称，或本文件中另一行的单位名称；同名单位请改填“上级单位编号”（单位编号或统一社会信用代码）。不填表示顶层单位（须有全区数据范围）。',
    '同一上级单位下单位名称不能重复；内设机构须填写上级单位，且不单独核定编制。',
    '编制数和领导职数填不小于0的整数，不填视为0；全区总量控制数和机构限额同样校验。',
    '统一社会信用代码按 GB 32100 校验，可不填。主要职责填写“三定”规定所列主要职责。',
    '导入前先整体校验：有误的行按行、列列出；可选择全部无误才导入，或只导入无误的行（上级单位有误的行一并跳过）。',
    '请删除示例行后再导入。',
  ])
    notes.addRow([line]);
  notes.getColumn(1).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
