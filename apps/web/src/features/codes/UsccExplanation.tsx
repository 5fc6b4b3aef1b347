import { Typography } from 'antd';

/** The part-by-part explanation of a code, one line each. */
export function UsccExplanation({ lines }: { lines: readonly string[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="uscc-explanation">
      {lines.map((l) => (
        <li key={l}>
          <Typography.Text type={l.startsWith('校验未通过') ? 'danger' : undefined}>{l}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
