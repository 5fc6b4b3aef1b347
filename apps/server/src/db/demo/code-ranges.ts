/**
 * Demo organization-code ranges (号段) for 赋码: one per region and prefix (11 机关, 12 事业单位,
 * 13 群团), disjoint across prefixes. Bodies start "MB" as the staffing offices' codes issued since
 * 2015 do; the rest counts in the USCC alphabet (base 31). Real ranges are entered by the office
 * (PUT /api/codes/ranges/:prefix) as the upper authority allots them.
 */
import { codeRange } from '../schema.js';
import type { Tx } from '../client.js';

export const DEMO_CODE_RANGES = [
  { prefix: '11', first: 'MB100001', last: 'MB1YYYYY' },
  { prefix: '12', first: 'MB200001', last: 'MB2YYYYY' },
  { prefix: '13', first: 'MB300001', last: 'MB3YYYYY' },
] as const;

export async function loadCodeRanges(tx: Tx, regions: readonly string[]): Promise<void> {
  await tx
    .insert(codeRange)
    .values(regions.flatMap((regionCode) => DEMO_CODE_RANGES.map((r) => ({ regionCode, ...r }))))
    .onConflictDoNothing();
}
