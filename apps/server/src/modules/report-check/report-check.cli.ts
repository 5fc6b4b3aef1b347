/**
 * `bianban check FILE… [--json]`: per file the extracted facts (year, department, region, the
 * statements with their figures) and the findings. Exit status: 2 when a file could not be read,
 * else 1 when an error was found, else 0.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkBytes } from './report-check.service.js';

export interface CliFileReport {
  file: string;
  error: string | null;
  meta: { year: number | null; department: string | null; region: string | null } | null;
  counts: { statements: number; numbers: number; errors: number; warnings: number };
  statements: { kind: string; line: number; figures: string[] }[];
  findings: {
    severity: 'error' | 'warning';
    line: number | null;
    label: string;
    stated: string;
    recomputed: string;
    how: string;
    message: string;
  }[];
}

export async function checkReportFiles(
  paths: readonly string[],
): Promise<{ reports: CliFileReport[]; exitCode: 0 | 1 | 2 }> {
  const reports: CliFileReport[] = [];
  for (const path of paths) {
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      reports.push(
        unreadable(
          path,
          code === 'ENOENT'
            ? '文件不存在'
            : code === 'EISDIR'
              ? '是目录，不是文件'
              : `无法打开（${code ?? '未知错误'}）`,
        ),
      );
      continue;
    }
    const r = await checkBytes(buf, basename(path));
    if (!r.ok) {
      reports.push(unreadable(path, r.error));
      continue;
    }
    const c = r.result;
    const byId = new Map(c.numbers.map((n) => [n.id, n]));
    reports.push({
      file: path,
      error: null,
      meta: c.meta,
      counts: {
        statements: c.statements.length,
        numbers: c.numbers.length,
        errors: c.findings.filter((f) => f.severity === 'error').length,
        warnings: c.findings.filter((f) => f.severity === 'warning').length,
      },
      statements: c.statements
        .filter((s) => s.kind !== 'figure')
        .map((s) => ({
          kind: s.kind,
          line: s.line,
          figures: s.ids
            .map((id) => byId.get(id))
            .filter((n) => n !== undefined)
            .map((n) => `${n.label ? `${n.label} ` : ''}${n.text}${n.unit}`),
        })),
      findings: c.findings.map((f) => ({
        severity: f.severity,
        line: f.at.location.line ?? null,
        label: f.label,
        stated: f.stated,
        recomputed: f.recomputed,
        how: f.how,
        message: f.message,
      })),
    });
  }
  const exitCode = reports.some((r) => r.error !== null) ? 2 : reports.some((r) => r.counts.errors > 0) ? 1 : 0;
  return { reports, exitCode };
}

function unreadable(file: string, error: string): CliFileReport {
  return {
    file,
    error,
    meta: null,
    counts: { statements: 0, numbers: 0, errors: 0, warnings: 0 },
    statements: [],
    findings: [],
  };
}

const KIND: Record<string, string> = {
  total: '合计与分项',
  share: '占比',
  comparison: '增减比较',
  rate: '完成率',
  count: '人数与个数',
  score: '评分',
  grade: '等级',
  sum: '合计',
};

/** The human-readable listing. */
export function formatReports(reports: readonly CliFileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(`== ${r.file}`);
    if (r.error) {
      out.push(`  无法读取：${r.error}`);
      continue;
    }
    out.push(
      `  年度：${r.meta?.year ?? '未识别'}，部门：${r.meta?.department ?? '未识别'}，地区：${r.meta?.region ?? '未识别'}`,
    );
    out.push(
      `  提取数字${r.counts.numbers}个，表述${r.counts.statements}条；错误${r.counts.errors}个，提示${r.counts.warnings}个`,
    );
    for (const s of r.statements) out.push(`  第${s.line}行 ${KIND[s.kind] ?? s.kind}：${s.figures.join('，')}`);
    for (const f of r.findings) {
      out.push(
        `  ${f.severity === 'error' ? '错误' : '提示'} 第${f.line ?? '?'}行 ${f.label}：表述${f.stated}，重算${f.recomputed || '—'}（${f.how}）`,
      );
    }
  }
  return out.join('\n');
}
