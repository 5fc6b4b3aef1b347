/**
 * The establishment dashboard (统计看板): as-of totals per establishment type, vacancy rate per
 * sector (系统), units over establishment, and the monthly enrol / disenrol trend — all within the
 * caller's data scope.
 */
import { z } from 'zod';
import { FigureRow } from './org.js';

export const DashboardQuery = z.object({
  asOf: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  months: z.coerce
    .number({ message: '月数应为整数' })
    .int('月数应为整数')
    .min(1, '月数至少为1')
    .max(60, '月数至多为60')
    .default(12),
});

export const DashboardSector = z.object({
  /** The top-level unit's id, or the unit kind when grouped by kind. */
  key: z.string(),
  sector: z.string(),
  approved: z.number().int(),
  actual: z.number().int(),
  vacancy: z.number().int(),
  over: z.number().int(),
  /** vacancy / approved, 0…1 (four decimals); 0 when nothing is approved. */
  vacancyRate: z.number(),
});

export const DashboardOverUnit = z.object({
  unitId: z.uuid(),
  name: z.string(),
  type: z.string(),
  label: z.string(),
  approved: z.number().int(),
  actual: z.number().int(),
  over: z.number().int(),
});

export const DashboardTrendPoint = z.object({
  /** YYYY-MM */
  month: z.string(),
  enrolled: z.number().int(),
  disenrolled: z.number().int(),
});

export const DashboardResponse = z.object({
  asOf: z.string(),
  months: z.number().int(),
  /** Name of the scope root, or 全区. */
  scopeName: z.string(),
  /** Per establishment type present, then the 合计 row (type `total`). */
  totals: z.array(FigureRow),
  /** Leadership posts (领导职数) per level. */
  posts: z.array(FigureRow),
  /**
   * `unit`: sectors are the top-level units under the scope root (区委 / 区政府 systems; the root's
   * own establishment is its own sector, 本级). `kind`: more than 12 such units (a flat tree), so
   * they are grouped by the top-level unit's kind.
   */
  sectorBy: z.enum(['unit', 'kind']),
  bySector: z.array(DashboardSector),
  /** (unit, type) pairs over establishment, most over first; at most 20. */
  overUnits: z.array(DashboardOverUnit),
  /** The last `months` calendar months ending with asOf's month, oldest first; 划转 excluded. */
  trend: z.array(DashboardTrendPoint),
});
