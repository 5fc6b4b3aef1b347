/**
 * 报告核查 (issue 7): reading uploaded reports (text, DOCX, PDF), their figures and the findings of
 * the consistency checks; export of the findings; a budget-year proposal from the extracted facts.
 */
import { z } from 'zod';
import { BudgetYearDocSchema } from './budget.js';

const FileIds = z
  .array(z.uuid({ message: '文件编号格式不正确' }), { message: '请选择文件' })
  .min(1, '请至少选择一个文件')
  .max(50, '一次最多核查50个文件');

export const ReportCheckBody = z.object({ fileIds: FileIds });
/** GET ?fileIds=a,b (a download link needs no request body). */
export const ReportCheckExportQuery = z.object({
  fileIds: z
    .string({ message: '请选择文件' })
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(FileIds),
});
export const ReportCheckBudgetBody = z.object({ fileId: z.uuid({ message: '文件编号格式不正确' }) });

export const ReportCheckLocation = z.object({
  block: z.number(),
  kind: z.string(),
  row: z.number().optional(),
  col: z.number().optional(),
  start: z.number().optional(),
  end: z.number().optional(),
  line: z.number().optional(),
});

export const ReportCheckBlock = z.union([
  z.object({ kind: z.literal('paragraph'), line: z.number(), text: z.string() }),
  z.object({
    kind: z.literal('table'),
    line: z.number(),
    rows: z.array(z.object({ line: z.number(), cells: z.array(z.object({ text: z.string(), line: z.number() })) })),
  }),
]);

export const ReportCheckNumber = z.object({
  id: z.string(),
  text: z.string(),
  value: z.string(),
  unit: z.string(),
  label: z.string().optional(),
  sentence: z.string(),
  location: ReportCheckLocation,
});

export const ReportCheckFinding = z.object({
  severity: z.enum(['error', 'warning']),
  source: z.enum(['check', 'year', 'department', 'numbering', 'text']),
  check: z.string(),
  label: z.string(),
  message: z.string(),
  stated: z.string(),
  recomputed: z.string(),
  how: z.string(),
  /** The number (or words) judged: id, sentence and location. */
  numberId: z.string(),
  sentence: z.string(),
  location: ReportCheckLocation,
});

export const ReportCheckFileResult = z.object({
  fileId: z.string(),
  name: z.string(),
  /** null when the file could not be read. */
  error: z.string().nullable(),
  meta: z
    .object({ year: z.number().nullable(), department: z.string().nullable(), region: z.string().nullable() })
    .nullable(),
  format: z.string().nullable(),
  blocks: z.array(ReportCheckBlock),
  numbers: z.array(ReportCheckNumber),
  findings: z.array(ReportCheckFinding),
  counts: z.object({ statements: z.number(), numbers: z.number(), errors: z.number(), warnings: z.number() }),
});
export type ReportCheckFileResult = z.infer<typeof ReportCheckFileResult>;

export const CheckedReportsResponse = z.object({ items: z.array(ReportCheckFileResult) });
export type CheckedReportsResponse = z.infer<typeof CheckedReportsResponse>;

export const ReportCheckBudgetProposal = z.object({
  year: z.number().nullable(),
  department: z.string().nullable(),
  doc: BudgetYearDocSchema,
  /** What was mapped: the field, the report's label, the value in 万元 and the line. */
  mapped: z.array(z.object({ field: z.string(), label: z.string(), value: z.string(), line: z.number().nullable() })),
});
export type ReportCheckBudgetProposal = z.infer<typeof ReportCheckBudgetProposal>;
