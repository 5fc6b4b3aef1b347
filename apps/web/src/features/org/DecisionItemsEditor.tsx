import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Form,
  Input,
  InputNumber,
  Pagination,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import type { RuleViolationT } from '../../api/types';
import { UNIT_FUNCTIONS_MAX } from '@bianban/contracts';
import {
  CONTROL_OPTIONS,
  ESTABLISHMENT_TYPE_OPTIONS,
  FUNDING_FORM_OPTIONS,
  LEADERSHIP_LEVEL_OPTIONS,
  UNIT_CATEGORY_OPTIONS,
  UNIT_KIND_OPTIONS,
  UNIT_RANK_OPTIONS,
  type LabeledOption,
} from '../../components/orgLabels';
import { UnitPicker, type UnitPickerNode } from '../../components/UnitPicker';
import type { UnitTreeOption } from '../../components/units';
import { ViolationList } from '../../components/ErrorAlert';
import { createdBefore, ITEM_KIND_LABELS, ITEM_KINDS, newDraft, type ItemDraft, type ItemKind } from './decisionItems';

const CREATED_GROUP = '__created__';

/** Existing units plus the units created by earlier items (`ref:<ref>`), for item `index`. */
function pickerTree(units: UnitTreeOption[], drafts: readonly ItemDraft[], index: number): UnitPickerNode[] {
  const created = createdBefore(drafts, index);
  if (!created.length) return units;
  return [
    {
      value: CREATED_GROUP,
      key: CREATED_GROUP,
      title: '本文件新设机构',
      selectable: false,
      children: created.map((c) => ({
        value: `ref:${c.ref}`,
        key: `ref:${c.ref}`,
        title: `${c.name || '（未命名）'}（${c.ref}）`,
        children: [],
      })),
    },
    ...units,
  ];
}

function LabeledSelect<V extends string>({
  value,
  onChange,
  options,
  placeholder,
  testId,
  allowClear,
  disabled,
}: {
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options: LabeledOption<V>[];
  placeholder?: string;
  testId?: string;
  allowClear?: boolean;
  disabled?: boolean;
}) {
  return (
    <Select<V>
      data-testid={testId}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      placeholder={placeholder ?? '请选择'}
      disabled={disabled}
      style={{ width: '100%' }}
    />
  );
}

function Field({
  label,
  children,
  extra,
  span = 12,
}: {
  label: string;
  children: ReactNode;
  extra?: string;
  span?: number;
}) {
  return (
    <Col xs={24} md={span}>
      <Form.Item label={label} extra={extra} style={{ marginBottom: 12 }}>
        {children}
      </Form.Item>
    </Col>
  );
}

interface ItemFormProps {
  draft: ItemDraft;
  index: number;
  tree: UnitPickerNode[];
  disabled: boolean;
  onChange: (patch: Partial<ItemDraft>) => void;
}

type UnitField = 'target' | 'parent' | 'into' | 'reassignTo';
type TextField = 'name' | 'shortName' | 'uscc';
type SelectField = 'unitKind' | 'category' | 'rank' | 'fundingForm' | 'type' | 'level' | 'control';

/**
 * The attributes a new unit is given and 调整属性 may change. On a new unit the placeholder is
 * `blank` (default 请选择) and only `required` ones cannot be cleared; on 调整属性 every one reads
 * 不调整 and may be cleared.
 */
const ATTRIBUTE_SELECTS: {
  label: string;
  field: 'unitKind' | 'category' | 'rank' | 'fundingForm';
  options: LabeledOption[];
  testId: string;
  blank?: string;
  required?: boolean;
}[] = [
  { label: '机构类别', field: 'unitKind', options: UNIT_KIND_OPTIONS, testId: 'kind', required: true },
  { label: '事业单位类别', field: 'category', options: UNIT_CATEGORY_OPTIONS, testId: 'category', blank: '不适用' },
  { label: '机构规格', field: 'rank', options: UNIT_RANK_OPTIONS, testId: 'rank' },
  { label: '经费形式', field: 'fundingForm', options: FUNDING_FORM_OPTIONS, testId: 'funding-form' },
];

/** The fields of one item, by kind. Test ids are `item-<index>-<field>`. */
function ItemFields({ draft: d, index, tree, disabled, onChange }: ItemFormProps) {
  const id = (field: string) => `item-${index}-${field}`;
  const unit = (field: UnitField, placeholder?: string) => (
    <UnitPicker
      treeData={tree}
      value={d[field]}
      onChange={(v) => onChange({ [field]: v })}
      placeholder={placeholder}
      disabled={disabled}
      testId={id(field)}
    />
  );
  /** 单位 (the item's target), half a row or, beside two narrower fields, 10 of 24 columns. */
  const target = (span?: number) => (
    <Field label="单位" span={span}>
      {unit('target')}
    </Field>
  );
  const text = (field: TextField, testId: string, maxLength: number, placeholder?: string) => (
    <Input
      value={d[field] ?? ''}
      onChange={(e) => onChange({ [field]: e.target.value })}
      maxLength={maxLength}
      placeholder={placeholder}
      disabled={disabled}
      data-testid={id(testId)}
    />
  );
  const functions = (placeholder: string) => (
    <Input.TextArea
      value={d.functions ?? ''}
      onChange={(e) => onChange({ functions: e.target.value })}
      autoSize={{ minRows: 3, maxRows: 12 }}
      maxLength={UNIT_FUNCTIONS_MAX}
      placeholder={placeholder}
      disabled={disabled}
      data-testid={id('functions')}
    />
  );
  const select = (
    field: SelectField,
    options: LabeledOption[],
    testId: string,
    placeholder?: string,
    allowClear?: boolean,
  ) => (
    <LabeledSelect<string>
      value={d[field]}
      onChange={(v) => onChange({ [field]: v })}
      options={options}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      testId={id(testId)}
    />
  );
  const delta = (
    <InputNumber<number>
      data-testid={id('delta')}
      value={d.delta ?? null}
      onChange={(v) => onChange({ delta: v })}
      precision={0}
      placeholder="核增为正数，核减为负数"
      disabled={disabled}
      style={{ width: '100%' }}
    />
  );
  /** 编制类型 / 领导职数 / 控制数类别 and its 增减数. */
  const deltaOf = (label: string, field: SelectField, options: LabeledOption[]) => (
    <>
      <Field label={label} span={8}>
        {select(field, options, field)}
      </Field>
      <Field label="增减数（名）" span={6}>
        {delta}
      </Field>
    </>
  );
  const attributeFields = (changing: boolean) => (
    <>
      {ATTRIBUTE_SELECTS.map((a) => (
        <Field key={a.field} label={a.label}>
          {select(a.field, a.options, a.testId, changing ? '不调整' : a.blank, changing || !a.required)}
        </Field>
      ))}
      <Field label="统一社会信用代码">{text('uscc', 'uscc', 18, changing ? '不调整' : '可选，18位')}</Field>
    </>
  );

  switch (d.kind) {
    case 'createUnit':
      return (
        <Row gutter={16}>
          <Field label="机构名称">{text('name', 'name', 100, '如：区数据局')}</Field>
          <Field label="简称">{text('shortName', 'short-name', 40, '可选')}</Field>
          <Field label="上级单位" extra="不选择即为区直单位（顶级）">
            {unit('parent', '顶级（无上级单位）')}
          </Field>
          {attributeFields(false)}
          <Field label="主要职责（三定）" span={24} extra="可选；此后只能通过“调整主要职责”事项修改">
            {functions('按“三定”规定填写，如：1.负责……；2.承办……')}
          </Field>
        </Row>
      );
    case 'rename':
      return (
        <Row gutter={16}>
          {target()}
          <Field label="新名称">{text('name', 'name', 100)}</Field>
          <Field label="新简称">{text('shortName', 'short-name', 40, '可选')}</Field>
        </Row>
      );
    case 'changeAttributes':
      return (
        <Row gutter={16}>
          {target()}
          {attributeFields(true)}
        </Row>
      );
    case 'move':
      return (
        <Row gutter={16}>
          {target()}
          <Field label="新的上级单位" extra="不选择即调整为区直单位（顶级）">
            {unit('parent', '顶级（无上级单位）')}
          </Field>
        </Row>
      );
    case 'merge':
      return (
        <Row gutter={16}>
          <Field label="被合并单位" extra="可选多个；其编制与人员划入合并后的单位">
            <TreeSelect
              data-testid={id('sources')}
              multiple
              value={d.sources ?? []}
              onChange={(v: string[]) => onChange({ sources: v })}
              treeData={tree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              placeholder="选择单位"
              disabled={disabled}
              style={{ width: '100%' }}
              popupMatchSelectWidth={false}
            />
          </Field>
          <Field label="合并后的单位">{unit('into')}</Field>
        </Row>
      );
    case 'revoke':
      return (
        <Row gutter={16}>
          <Field label="撤销的单位">{unit('target')}</Field>
          <Field label="编制与人员划转至" extra="不选择则须该单位已无在编人员">
            {unit('reassignTo', '不划转')}
          </Field>
        </Row>
      );
    case 'quota':
    case 'posts':
      return (
        <Row gutter={16}>
          {target(10)}
          {d.kind === 'quota'
            ? deltaOf('编制类型', 'type', ESTABLISHMENT_TYPE_OPTIONS)
            : deltaOf('领导职数', 'level', LEADERSHIP_LEVEL_OPTIONS)}
        </Row>
      );
    case 'nameplate':
      return (
        <Row gutter={16}>
          {target(10)}
          <Field label="牌子名称" span={8}>
            {text('name', 'name', 100)}
          </Field>
          <Field label="操作" span={6}>
            <Radio.Group
              value={d.action ?? 'add'}
              onChange={(e) => onChange({ action: e.target.value as 'add' | 'remove' })}
              disabled={disabled}
              data-testid={id('action')}
              optionType="button"
              options={[
                { value: 'add', label: '加挂' },
                { value: 'remove', label: '摘除' },
              ]}
            />
          </Field>
        </Row>
      );
    case 'control':
      return (
        <Row gutter={16}>
          <Field label="控制数类别">{select('control', CONTROL_OPTIONS, 'control')}</Field>
          <Field label="增减数">{delta}</Field>
        </Row>
      );
    case 'functions':
      return (
        <Row gutter={16}>
          {target(10)}
          <Field label="新的主要职责（三定）" span={24} extra="自生效日期起取代原有的主要职责">
            {functions('完整填写调整后的主要职责')}
          </Field>
        </Row>
      );
    case 'offCap':
      return (
        <Row gutter={16}>
          {target(10)}
          <Field label="编外用工控制数（名）" span={8}>
            <InputNumber
              value={d.cap ?? null}
              onChange={(v) => onChange({ cap: typeof v === 'number' ? v : null })}
              min={0}
              precision={0}
              style={{ width: '100%' }}
              disabled={disabled}
              data-testid={id('cap')}
            />
          </Field>
        </Row>
      );
  }
}

/** Cards per page: a draft from a units import can hold thousands of items. */
const ITEMS_PER_PAGE = 50;

export interface DecisionItemsEditorProps {
  drafts: ItemDraft[];
  onChange: (drafts: ItemDraft[]) => void;
  units: UnitTreeOption[];
  /** Rule problems of the saved version, by 0-based item index. */
  violations?: Map<number, RuleViolationT[]>;
  disabled?: boolean;
}

/** The list of item cards and the 添加事项 menu (`dec-add-item`, entries `dec-add-<kind>`). */
export function DecisionItemsEditor({
  drafts,
  onChange,
  units,
  violations,
  disabled = false,
}: DecisionItemsEditorProps) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(drafts.length / ITEMS_PER_PAGE));
  const current = Math.min(page, pages);
  const first = (current - 1) * ITEMS_PER_PAGE;
  const visible = drafts.slice(first, first + ITEMS_PER_PAGE);
  // Only the visible cards get a picker tree: a draft of thousands of items (a units import)
  // would otherwise build one tree per item on every keystroke.
  const trees = useMemo(
    () => drafts.slice(first, first + ITEMS_PER_PAGE).map((_, j) => pickerTree(units, drafts, first + j)),
    [units, drafts, first],
  );
  const withProblems = useMemo(
    () => [...(violations?.keys() ?? [])].filter((i) => i < drafts.length).sort((a, b) => a - b),
    [violations, drafts.length],
  );
  const goTo = (index: number) => setPage(Math.floor(index / ITEMS_PER_PAGE) + 1);

  const update = (index: number, patch: Partial<ItemDraft>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const remove = (index: number) => onChange(drafts.filter((_, i) => i !== index));
  const swap = (a: number, b: number) => {
    const next = [...drafts];
    const [x, y] = [next[a], next[b]];
    if (!x || !y) return;
    next[a] = y;
    next[b] = x;
    onChange(next);
  };
  const add = (kind: ItemKind) => {
    onChange([...drafts, newDraft(kind, drafts)]);
    goTo(drafts.length);
  };
  const pager =
    drafts.length > ITEMS_PER_PAGE ? (
      <Pagination
        current={current}
        pageSize={ITEMS_PER_PAGE}
        total={drafts.length}
        showSizeChanger={false}
        showTotal={(total, [a, b]) => `第${a}–${b}项，共${total}项`}
        onChange={setPage}
        data-testid="dec-items-pages"
      />
    ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dec-items">
      {drafts.length === 0 ? <Empty description="尚未添加事项，请点击“添加事项”" /> : null}
      {withProblems.length && drafts.length > ITEMS_PER_PAGE ? (
        <Alert
          type="warning"
          showIcon
          title={
            <Space wrap size={4}>
              <span>{withProblems.length}项不符合机构编制规则：</span>
              {withProblems.slice(0, 20).map((i) => (
                <Button key={i} size="small" type="link" onClick={() => goTo(i)}>
                  第{i + 1}项
                </Button>
              ))}
              {withProblems.length > 20 ? <span>等</span> : null}
            </Space>
          }
        />
      ) : null}
      {pager}
      <Form layout="vertical" component={false}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {visible.map((d, j) => {
            const i = first + j;
            const problems = violations?.get(i) ?? [];
            return (
              <Card
                key={d.key}
                size="small"
                className={`decision-item-card${problems.length ? ' has-violation' : ''}`}
                data-testid={`item-${i}`}
                title={
                  <Space>
                    <Typography.Text strong>第{i + 1}项</Typography.Text>
                    <Tag color="blue">{ITEM_KIND_LABELS[d.kind]}</Tag>
                    {d.kind === 'createUnit' ? (
                      <Tooltip title="本文件内引用该新设机构所用的代号">
                        <Tag data-testid={`item-${i}-ref`}>代号 {d.ref}</Tag>
                      </Tooltip>
                    ) : null}
                  </Space>
                }
                extra={
                  disabled ? null : (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => swap(i, i - 1)}
                        title="上移"
                      />
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === drafts.length - 1}
                        onClick={() => swap(i, i + 1)}
                        title="下移"
                      />
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(i)}
                        data-testid={`item-${i}-remove`}
                      >
                        删除
                      </Button>
                    </Space>
                  )
                }
              >
                <ItemFields
                  draft={d}
                  index={i}
                  tree={trees[j] ?? units}
                  disabled={disabled}
                  onChange={(patch) => update(i, patch)}
                />
                {problems.length ? (
                  <Alert type="error" showIcon title={<ViolationList violations={problems} />} />
                ) : null}
              </Card>
            );
          })}
        </Space>
      </Form>
      {pager}
      {disabled ? null : (
        <Dropdown
          trigger={['click']}
          menu={{
            items: ITEM_KINDS.map((kind) => ({
              key: kind,
              label: <span data-testid={`dec-add-${kind}`}>{ITEM_KIND_LABELS[kind]}</span>,
            })),
            onClick: ({ key }) => add(key as ItemKind),
          }}
        >
          <Button icon={<PlusOutlined />} data-testid="dec-add-item">
            添加事项 <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
