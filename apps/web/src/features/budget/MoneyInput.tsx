import { InputNumber } from 'antd';
import { fenToWanyuan, wanyuanToFen } from '@bianban/contracts';

/** An amount typed and shown in 万元 (up to 6 decimals = 分), held as fen; empty is "not entered". */
export function MoneyInput(props: {
  value: number | null;
  onChange: (fen: number | null) => void;
  disabled?: boolean;
  allowNegative?: boolean;
  width?: number;
  testId?: string;
}) {
  return (
    <InputNumber<string>
      stringMode
      size="small"
      style={{ width: props.width ?? 120 }}
      disabled={props.disabled}
      data-testid={props.testId}
      placeholder="未填"
      value={props.value === null ? null : fenToWanyuan(props.value, 6).replace(/\.?0+$/, '')}
      min={props.allowNegative ? undefined : '0'}
      precision={undefined}
      onChange={(v) => {
        if (v === null || v === '') return props.onChange(null);
        try {
          props.onChange(wanyuanToFen(String(v)));
        } catch {
          /* not an amount yet (e.g. "-"): keep the previous value */
        }
      }}
    />
  );
}

export const show = (fen: number | null) => (fen === null ? '—' : fenToWanyuan(fen));
