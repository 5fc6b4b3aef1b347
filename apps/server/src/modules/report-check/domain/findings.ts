/** A finding of report checking: the library's Finding, and which producer raised it. */
import type { Finding } from '../../reports/domain/claims.js';

export type FindingSource = 'check' | 'year' | 'department' | 'numbering' | 'text';

export interface ReportFinding extends Finding {
  source: FindingSource;
}
