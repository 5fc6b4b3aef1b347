/** The columns of each import, with the titles recognised without a mapping. */
import { ROSTER_IMPORT_COLUMNS, UNITS_IMPORT_COLUMNS, type ImportKind } from '@bianban/contracts';
import type { ColumnSpec } from './mapping.js';
import { TITLES } from './roster-rows.js';
import { UNIT_TITLES, UNITS_REQUIRED } from './unit-rows.js';

const ROSTER_REQUIRED = new Set(['姓名', '公民身份号码', '编制类型', '上编时间', '上编方式']);

export const ROSTER_COLUMN_SPECS: readonly ColumnSpec[] = [
  ...ROSTER_IMPORT_COLUMNS.map((name) => ({
    name,
    required: ROSTER_REQUIRED.has(name),
    aliases: TITLES[name].filter((t) => t !== name),
  })),
  { name: '单位编号', required: false, aliases: TITLES['单位编号'].filter((t) => t !== '单位编号') },
];

export const UNITS_COLUMN_SPECS: readonly ColumnSpec[] = UNITS_IMPORT_COLUMNS.map((name) => ({
  name,
  required: UNITS_REQUIRED.includes(name),
  aliases: UNIT_TITLES[name].filter((t) => t !== name),
}));

export const COLUMN_SPECS: Record<ImportKind, readonly ColumnSpec[]> = {
  roster: ROSTER_COLUMN_SPECS,
  units: UNITS_COLUMN_SPECS,
};
