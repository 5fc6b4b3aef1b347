import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';

/** A node of the picker: an existing unit (value = its id) or, in a decision, a unit it creates. */
export interface UnitPickerNode {
  value: string;
  title: string;
  key: string;
  /** Pinyin initials, so that typing 'czj' finds 财政局. */
  initials?: string;
  selectable?: boolean;
  children: UnitPickerNode[];
}

export interface UnitPickerProps {
  treeData: UnitPickerNode[];
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  loading?: boolean;
  style?: CSSProperties;
  testId?: string;
}

/** A searchable unit TreeSelect: type part of a name, then click the unit. */
export function UnitPicker({
  treeData,
  value,
  onChange,
  placeholder = '选择单位',
  allowClear = true,
  disabled,
  loading,
  style,
  testId,
}: UnitPickerProps) {
  return (
    <TreeSelect
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      allowClear={allowClear}
      showSearch={{
        filterTreeNode: (input, node) => {
          const q = input.trim().toLowerCase();
          const n = node as unknown as UnitPickerNode;
          return String(n.title).toLowerCase().includes(q) || (n.initials ?? '').includes(q);
        },
      }}
      treeDefaultExpandAll
      placeholder={placeholder}
      disabled={disabled}
      loading={loading}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
