/**
 * 数字格式 (ADR 0013): how a report writes amounts (万元) and rates (%) — 两位小数 (2.30万元, 2.20%)
 * or 去掉末尾的零 (2.3万元, 2.2%); integers are bare in both. One Select for each, as an office may
 * write its amounts one way and its rates the other (seed 000).
 */
import { DECIMAL_STYLES, DECIMAL_STYLE_LABELS, type NumberStyle } from '@bianban/contracts';
import { Select, Space, Typography } from 'antd';

const EXAMPLE = {
  amounts: { twoDecimals: '2.30万元', trimZeros: '2.3万元' },
  rates: { twoDecimals: '2.20%', trimZeros: '2.2%' },
};

export function NumberStyleSelect({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: NumberStyle;
  onChange: (next: NumberStyle) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Space size={4} wrap>
      {(['amounts', 'rates'] as const).map((k) => (
        <Space key={k} size={4}>
          <Typography.Text type="secondary">{k === 'amounts' ? '金额' : '百分比'}</Typography.Text>
          <Select
            size="small"
            style={{ width: 190 }}
            value={value[k]}
            disabled={disabled}
            onChange={(v) => onChange({ ...value, [k]: v })}
            options={DECIMAL_STYLES.map((s) => ({ value: s, label: `${DECIMAL_STYLE_LABELS[s]}（${EXAMPLE[k][s]}）` }))}
            data-testid={`${testId}-${k}`}
          />
        </Space>
      ))}
    </Space>
  );
}
