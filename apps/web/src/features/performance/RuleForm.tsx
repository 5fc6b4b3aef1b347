/** The parameters of one scoring rule, with a form per rule kind; controlled (value → onChange). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleInput } from '@bianban/contracts';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { COUNTING_OPTIONS } from './performanceLabels';

type Bands = Extract<RuleInput, { kind: 'bands' }>;
type Linear = Extract<RuleInput, { kind: 'linear' }>;
type Checklist = Extract<RuleInput, { kind: 'checklist' }>;
type PerOccurrence = Extract<RuleInput, { kind: 'perOccurrence' }>;
type Ratio = Extract<RuleInput, { kind: 'ratio' }>;
type Band = Bands['bands'][number];

const num = (v: number | string | null | undefined) => (typeof v === 'number' ? v : undefined);

function BandsForm({ rule, unit, onChange, disabled }: FormProps<Bands>) {
  const setBand = (i: number, patch: Partial<Band>) =>
    onChange({ ...rule, bands: rule.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  return (
    <>
      <Table<Band & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={rule.bands.map((b, i) => ({ ...b, i }))}
        data-testid="rule-bands"
        columns={[
          {
            title: `下限${unit ? `（${unit}）` : ''}`,
            key: 'min',
            render: (_, b) => (
              <Space size={4}>
                <InputNumber
                  size="small"
                  value={b.min ?? null}
                  placeholder="不限"
                  disabled={disabled}
                  onChange={(v) => setBand(b.i, { min: num(v) })}
                  data-testid={`band-${b.i}-min`}
                />
                <Checkbox
                  checked={b.minInclusive ?? true}
                  disabled={disabled || b.min === undefined}
                  onChange={(e) => setBand(b.i, { minInclusive: e.target.checked })}
                >
                  含
                </Checkbox>
              </Space>
            ),
          },
          {
            title: `上限${unit ? `（${unit}）` : ''}`,
            key: 'max',
            render: (_, b) => (
              <Space size={4}>
                <InputNumber
                  size="small"
                  value={b.max ?? null}
                  placeholder="不限"
                  disabled={disabled}
                  onChange={(v) => setBand(b.i, { max: num(v) })}
                  data-testid={`band-${b.i}-max`}
                />
                <Checkbox
                  checked={b.maxInclusive ?? false}
                  disabled={disabled || b.max === undefined}
                  onChange={(e) => setBand(b.i, { maxInclusive: e.target.checked })}
                >
                  含
                </Checkbox>
              </Space>
            ),
          },
          {
            title: '得分',
            key: 'score',
            width: 100,
            render: (_, b) => (
              <InputNumber
                size="small"
                min={0}
                value={b.score}
                disabled={disabled}
                onChange={(v) => setBand(b.i, { score: num(v) ?? 0 })}
                data-testid={`band-${b.i}-score`}
              />
            ),
          },
          {
            title: '',
            key: 'remove',
            width: 40,
            render: (_, b) => (
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={disabled || rule.bands.length <= 1}
                onClick={() => onChange({ ...rule, bands: rule.bands.filter((_, j) => j !== b.i) })}
                aria-label="删除区间"
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() =>
            onChange({ ...rule, bands: [...rule.bands, { minInclusive: true, maxInclusive: false, score: 0 }] })
          }
        >
          添加区间
        </Button>
        <span>不在任何区间时得</span>
        <InputNumber
          size="small"
          min={0}
          value={rule.otherwise ?? 0}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, otherwise: num(v) ?? 0 })}
        />
        <span>分</span>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        按顺序取第一个包含该值的区间。
      </Typography.Paragraph>
    </>
  );
}

function LinearForm({ rule, unit, onChange, disabled }: FormProps<Linear>) {
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <Form.Item label="满分条件">
        <Space.Compact>
          <Select
            value={rule.full.op}
            disabled={disabled}
            style={{ width: 72 }}
            options={[
              { value: '<=', label: '≤' },
              { value: '>=', label: '≥' },
              { value: '=', label: '=' },
            ]}
            onChange={(op) => onChange({ ...rule, full: { ...rule.full, op } })}
            data-testid="linear-op"
          />
          <InputNumber
            value={rule.full.value}
            disabled={disabled}
            onChange={(v) => onChange({ ...rule, full: { ...rule.full, value: num(v) ?? 0 } })}
            suffix={unit || undefined}
            data-testid="linear-value"
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item label="每">
        <InputNumber
          min={0}
          value={rule.per ?? 1}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, per: num(v) ?? 1 })}
          suffix={unit === '%' ? '个百分点' : unit || '单位'}
          data-testid="linear-per"
        />
      </Form.Item>
      <Form.Item label="扣">
        <InputNumber
          min={0}
          value={rule.deductPer}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, deductPer: num(v) ?? 0 })}
          suffix="分"
          data-testid="linear-deduct"
        />
      </Form.Item>
      <Form.Item label="计数">
        <Select
          value={rule.counting ?? 'proportional'}
          disabled={disabled}
          style={{ width: 170 }}
          options={COUNTING_OPTIONS}
          onChange={(counting) => onChange({ ...rule, counting })}
        />
      </Form.Item>
      <Form.Item label="最低">
        <InputNumber
          min={0}
          value={rule.floor ?? 0}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, floor: num(v) ?? 0 })}
          suffix="分"
        />
      </Form.Item>
    </Form>
  );
}

function ChecklistForm({ rule, onChange, disabled }: FormProps<Checklist>) {
  type Item = Checklist['items'][number];
  const setItem = (i: number, patch: Partial<Item>) =>
    onChange({ ...rule, items: rule.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) });
  const total = rule.items.reduce((s, it) => s + it.points, 0);
  return (
    <>
      <Table<Item & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={rule.items.map((it, i) => ({ ...it, i }))}
        columns={[
          {
            title: '代码',
            key: 'key',
            width: 90,
            render: (_, it) => (
              <Input
                size="small"
                value={it.key}
                disabled={disabled}
                onChange={(e) => setItem(it.i, { key: e.target.value })}
              />
            ),
          },
          {
            title: '检查项',
            key: 'label',
            render: (_, it) => (
              <Input
                size="small"
                value={it.label}
                disabled={disabled}
                onChange={(e) => setItem(it.i, { label: e.target.value })}
                data-testid={`check-${it.i}-label`}
              />
            ),
          },
          {
            title: '分值',
            key: 'points',
            width: 100,
            render: (_, it) => (
              <InputNumber
                size="small"
                min={0}
                value={it.points}
                disabled={disabled}
                onChange={(v) => setItem(it.i, { points: num(v) ?? 0 })}
                data-testid={`check-${it.i}-points`}
              />
            ),
          },
          {
            title: '',
            key: 'remove',
            width: 40,
            render: (_, it) => (
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={disabled || rule.items.length <= 1}
                onClick={() => onChange({ ...rule, items: rule.items.filter((_, j) => j !== it.i) })}
                aria-label="删除检查项"
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => {
            const used = new Set(rule.items.map((it) => it.key));
            let k = rule.items.length;
            while (used.has(String.fromCharCode(97 + (k % 26)) + (k >= 26 ? String(k) : ''))) k++;
            const key = String.fromCharCode(97 + (k % 26)) + (k >= 26 ? String(k) : '');
            onChange({ ...rule, items: [...rule.items, { key, label: `检查项${rule.items.length + 1}`, points: 0 }] });
          }}
        >
          添加检查项
        </Button>
        <Typography.Text type="secondary">各项合计{total}分，须等于指标分值。</Typography.Text>
      </Space>
    </>
  );
}

function PerOccurrenceForm({ rule, onChange, disabled }: FormProps<PerOccurrence>) {
  return (
    <Form layout="vertical">
      <Space>
        <Form.Item label="每例扣分">
          <InputNumber
            min={0}
            value={rule.deductPer}
            disabled={disabled}
            onChange={(v) => onChange({ ...rule, deductPer: num(v) ?? 0 })}
          />
        </Form.Item>
        <Form.Item label="最低得分">
          <InputNumber
            min={0}
            value={rule.floor ?? 0}
            disabled={disabled}
            onChange={(v) => onChange({ ...rule, floor: num(v) ?? 0 })}
          />
        </Form.Item>
      </Space>
      <Form.Item label="要求（每行一条）" style={{ marginBottom: 0 }}>
        <Input.TextArea
          rows={3}
          disabled={disabled}
          value={(rule.requirements ?? []).join('\n')}
          onChange={(e) => onChange({ ...rule, requirements: e.target.value.split('\n') })}
          onBlur={() =>
            onChange({ ...rule, requirements: (rule.requirements ?? []).map((r) => r.trim()).filter(Boolean) })
          }
        />
      </Form.Item>
    </Form>
  );
}

function RatioForm({ rule, unit, onChange, disabled }: FormProps<Ratio>) {
  return (
    <Form layout="inline">
      <Form.Item label="目标值">
        <InputNumber
          min={0}
          value={rule.target}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, target: num(v) ?? 0 })}
          suffix={unit || undefined}
        />
      </Form.Item>
      <Form.Item label="比例上限" tooltip="完成比例超过该值时按该值计，1 即 100%">
        <InputNumber
          min={0}
          step={0.1}
          value={rule.cap ?? 1}
          disabled={disabled}
          onChange={(v) => onChange({ ...rule, cap: num(v) ?? 1 })}
        />
      </Form.Item>
    </Form>
  );
}

interface FormProps<R extends RuleInput> {
  rule: R;
  unit: string;
  onChange: (rule: RuleInput) => void;
  disabled?: boolean;
}

export function RuleForm({ rule, unit, onChange, disabled }: FormProps<RuleInput>) {
  switch (rule.kind) {
    case 'bands':
      return <BandsForm rule={rule} unit={unit} onChange={onChange} disabled={disabled} />;
    case 'linear':
      return <LinearForm rule={rule} unit={unit} onChange={onChange} disabled={disabled} />;
    case 'checklist':
      return <ChecklistForm rule={rule} unit={unit} onChange={onChange} disabled={disabled} />;
    case 'perOccurrence':
      return <PerOccurrenceForm rule={rule} unit={unit} onChange={onChange} disabled={disabled} />;
    case 'ratio':
      return <RatioForm rule={rule} unit={unit} onChange={onChange} disabled={disabled} />;
    case 'manual':
      return <Typography.Text type="secondary">评价人员直接打分；未得满分须填写扣分原因。</Typography.Text>;
  }
}
