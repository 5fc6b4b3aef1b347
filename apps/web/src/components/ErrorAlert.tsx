import { Alert, Tag } from 'antd';
import type { CSSProperties } from 'react';
import { ApiError, errorMessage } from '../api/client';
import type { RuleViolationT } from '../api/types';

/** The rule violations a RULE_VIOLATION error carries in `details` (empty for any other error). */
export function violationsOf(error: unknown): RuleViolationT[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((d: unknown): RuleViolationT[] => {
    if (!d || typeof d !== 'object') return [];
    const { rule, message, item } = d as { rule?: unknown; message?: unknown; item?: unknown };
    if (typeof rule !== 'string' || typeof message !== 'string') return [];
    return [{ rule, message, item: typeof item === 'number' ? item : null }];
  });
}

/** Each broken rule as a list item, with its rule code in a Tag. */
export function ViolationList({ violations, testId }: { violations: readonly RuleViolationT[]; testId?: string }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={testId}>
      {violations.map((v, i) => (
        <li key={`${v.rule}-${i}`} data-testid={testId ? `${testId}-item` : undefined} style={{ marginTop: 4 }}>
          <Tag color="red">{v.rule}</Tag>
          {v.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * An error from the server shown inline: for RULE_VIOLATION errors the list of broken rules,
 * otherwise the Chinese message (with any validation details already part of it).
 */
export function ErrorAlert({ error, testId, style }: { error: unknown; testId?: string; style?: CSSProperties }) {
  if (!error) return null;
  const violations = violationsOf(error);
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid={testId}
      title={violations.length ? '违反以下规则，未能办理：' : errorMessage(error)}
      description={violations.length ? <ViolationList violations={violations} /> : undefined}
    />
  );
}
