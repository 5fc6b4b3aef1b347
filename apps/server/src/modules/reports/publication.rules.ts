/**
 * Pure rules of publication: which findings block, which warnings are accepted, the personal-data
 * scan of the published files, and the 预决算 deadline. No I/O.
 */
import { PUBLICATION_DEADLINE_DAYS, type PublicationFinding } from '@bianban/contracts';
import type { Finding } from './domain/claims.js';
import type { AcceptedWarning } from './publication.schema.js';

/**
 * A finding's stable key: the check, the number judged and the label. The same report with the
 * same numbers gives the same keys, so a warning accepted at preflight is recognised at publish.
 */
export function findingKey(f: Finding): string {
  return `${f.check}:${f.at.id}:${f.label}`;
}

export function presentFinding(f: Finding): PublicationFinding {
  return {
    key: findingKey(f),
    severity: f.severity,
    check: f.check,
    label: f.label,
    message: f.message,
    stated: f.stated,
    recomputed: f.recomputed,
    how: f.how,
    sentence: f.at.sentence,
  };
}

export type Gate =
  | { ok: true; accepted: AcceptedWarning[] }
  | { ok: false; reason: 'errors' | 'unaccepted' | 'unknown'; message: string; findings: PublicationFinding[] };

const list = (fs: PublicationFinding[], max = 5) =>
  fs
    .slice(0, max)
    .map((f) => `“${f.label}”：${f.message}`)
    .join('；') + (fs.length > max ? `；等共${fs.length}项` : '');

/**
 * Publication is blocked while any error remains; every warning must be accepted with a reason;
 * an acceptance naming a warning the checks no longer report is refused (the report changed
 * since the publisher looked at it).
 */
export function gate(findings: Finding[], accept: readonly { key: string; reason: string }[]): Gate {
  const shown = findings.map(presentFinding);
  const errors = shown.filter((f) => f.severity === 'error');
  if (errors.length)
    return {
      ok: false,
      reason: 'errors',
      message: `一致性检查发现${errors.length}项错误，不能公开：${list(errors)}`,
      findings: errors,
    };
  const warnings = shown.filter((f) => f.severity === 'warning');
  const byKey = new Map(warnings.map((w) => [w.key, w]));
  const unknown = accept.filter((a) => !byKey.has(a.key));
  if (unknown.length)
    return {
      ok: false,
      reason: 'unknown',
      message: `接受的警告“${unknown[0]!.key}”不在当前检查结果中（报告可能已修改），请重新检查后再公开`,
      findings: warnings,
    };
  const reasons = new Map(accept.map((a) => [a.key, a.reason.trim()]));
  const missing = warnings.filter((w) => !reasons.get(w.key));
  if (missing.length)
    return {
      ok: false,
      reason: 'unaccepted',
      message: `有${missing.length}项警告未说明接受理由，不能公开：${list(missing)}`,
      findings: missing,
    };
  return {
    ok: true,
    accepted: warnings.map((w) => ({ key: w.key, label: w.label, message: w.message, reason: reasons.get(w.key)! })),
  };
}

/**
 * 18-character citizen ID numbers (GB 11643: 6-digit area, birth date, sequence, check
 * character), whether or not the check character is right: a published document never
 * carries one. Returns each hit masked (first 6 and last 2 kept).
 */
const CITIZEN_ID =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;

export function findCitizenIds(text: string): string[] {
  return [...text.matchAll(CITIZEN_ID)].map((m) => `${m[0].slice(0, 6)}**********${m[0].slice(-2)}`);
}

/** The text of a published HTML page: tags, entities and embedded images removed. */
export function htmlText(html: string): string {
  return (
    html
      .replace(/data:[a-z/+.-]+;base64,[A-Za-z0-9+/=]+/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      // Tags become spaces: the text of adjacent table cells must not run together into one number.
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  );
}

// ── deadline ─────────────────────────────────────────────────────────────────────────────────

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type DeadlineStatus = 'noApproval' | 'due' | 'overdue' | 'publishedOnTime' | 'publishedLate';

/**
 * 预决算: published within 20 calendar days of the 批复 (《地方预决算公开操作规程》: 批复后20日内).
 * `publishedOn` and `today` are China calendar days.
 */
export function deadline(
  approvedOn: string | null,
  publishedOn: string | null,
  today: string,
): { dueOn: string | null; status: DeadlineStatus; daysLeft: number | null } {
  if (!approvedOn) return { dueOn: null, status: 'noApproval', daysLeft: null };
  const dueOn = addDays(approvedOn, PUBLICATION_DEADLINE_DAYS);
  if (publishedOn) return { dueOn, status: publishedOn <= dueOn ? 'publishedOnTime' : 'publishedLate', daysLeft: null };
  const daysLeft = daysBetween(today, dueOn);
  return { dueOn, status: daysLeft < 0 ? 'overdue' : 'due', daysLeft };
}
