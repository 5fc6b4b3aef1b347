/**
 * The number style (数字格式, ADR 0013) of each seed office, as its own report writes amounts and
 * rates: a report the office creates takes it as the region's default. Counted in the seed text
 * (test-data/seeds): a non-integer written with a trailing zero ("2.30万元") speaks for 两位小数, one
 * written with a single decimal ("63.2万元") for 去掉末尾的零; a kind the seed never shows either way
 * keeps today's default (去掉末尾的零). The acceptance test recounts them from the seed files.
 */
import type { NumberStyle } from '@bianban/contracts';
import { writeRegionNumberStyle } from '../../modules/reports/reports.service.js';
import type { Tx } from '../client.js';

export type SeedKey = '000' | '001' | '002' | '003' | '004';

export interface SeedNumberStyle {
  /** The seed office's region; null: the demo tenant (seed 002's office lives there). */
  region: string | null;
  style: NumberStyle;
  /** The count behind the choice, with seed lines. */
  evidence: string;
}

export const SEED_NUMBER_STYLES: Readonly<Record<SeedKey, SeedNumberStyle>> = {
  '000': {
    region: '500101',
    style: { amounts: 'trimZeros', rates: 'twoDecimals' },
    evidence:
      '金额：去零2处（L10 -0.1万元，L32 63.2万元），两位0处；百分比：两位2处（L10 67.80%、1,566.40%），去零1处（L32 81.3%）',
  },
  '001': {
    region: '430611',
    style: { amounts: 'twoDecimals', rates: 'twoDecimals' },
    evidence:
      '金额：两位7处（L155、L156、L162、L163 表中1.50，L399 2.30万元，L400 1.50万元×2），去零2处（L400 1.5万元×2）；百分比：两位1处（L399 2.20%）',
  },
  '002': {
    region: null,
    style: { amounts: 'trimZeros', rates: 'trimZeros' },
    evidence: '金额：无可区分的数；百分比：去零1处（L75 6.6%），两位0处',
  },
  '003': {
    region: '510800',
    style: { amounts: 'trimZeros', rates: 'trimZeros' },
    evidence:
      '金额：去零15处（L85 9.2万元×2，L586 8.3万元、4.7万元，L664 7.6万元、1.4万元，L914 7.8万元 …），两位0处；百分比：去零4处（L16 40.8%，L18 11.8%，L41 99.1%，L53 79.5%），两位0处',
  },
  '004': {
    region: '621024',
    style: { amounts: 'trimZeros', rates: 'trimZeros' },
    evidence: '金额：去零3处（L48 1752007.7万元，L54 0.1万元×2），两位0处；百分比：无可区分的数',
  },
};

/** Each seed region's default number style (inside the demo's transaction, audited there). */
export async function loadReportStyles(tx: Tx, tenantCode: string, regions: readonly string[]): Promise<void> {
  for (const s of Object.values(SEED_NUMBER_STYLES)) {
    // A tenant configured with a seed region's code holds the Xiqu data (seed 002's office) only.
    if (s.region === tenantCode) continue;
    const code = s.region ?? tenantCode;
    if (regions.includes(code)) await writeRegionNumberStyle(tx, code, s.style, null);
  }
}
