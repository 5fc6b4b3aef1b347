import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BudgetYearDocSchema } from '@bianban/contracts';
import { describe, expect, it } from 'vitest';
import { budgetProposal } from './budget-proposal.js';
import { checkDocument } from './check.js';
import { readAny } from './read/index.js';

const SEED = fileURLToPath(new URL('../../../../../../test-data/seeds/002_a6dc4b4ac008ddf4.txt', import.meta.url));

describe('budget proposal from a final-accounts report', () => {
  it('maps the income and expenditure totals and parts of seed 002 to a valid budget year (fen)', async () => {
    const r = checkDocument(await readAny(readFileSync(SEED), '002.txt'));
    const p = budgetProposal(r);
    expect(p.year).toBe(2021);
    expect(BudgetYearDocSchema.parse(p.doc)).toBeTruthy();
    expect(p.doc.totals.incomeTotal.final).toBe(141_960_000);
    expect(p.doc.totals.expenditureTotal.final).toBe(141_960_000);
    expect(p.doc.totals.basicTotal.final).toBe(134_040_000);
    expect(p.doc.totals.projectTotal.final).toBe(7_920_000);
    expect(p.doc.totals.personnel.final).toBe(119_270_000);
    expect(p.doc.totals.operating.final).toBe(14_770_000);
    expect(p.doc.income.find((x) => x.source === 'generalBudget')?.final).toBe(134_040_000);
    expect(p.doc.income.find((x) => x.source === 'governmentFund')?.final).toBe(7_920_000);
    expect(p.mapped.find((m) => m.field === 'totals.incomeTotal.final')).toMatchObject({
      value: '141.96万元',
      line: 45,
    });
  });
});
