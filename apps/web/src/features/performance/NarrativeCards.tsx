/** The evaluation's narrative sections and evaluators (说明章节、评价人员) and the satisfaction surveys. */
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { NARRATIVE_SECTIONS, NarrativeBody, SurveysBody } from '@bianban/contracts';
import { Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { EvaluationDetailT, EvaluatorT, SurveyGroupT } from '../../api/performanceApi';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The most evaluators, and survey groups, a card takes. */
const MAX_ROWS = 20;

/**
 * The rows a card edits and saves together: `dirty` from the first change until saved; `save` checks
 * with `parse` (an Error is shown, nothing sent) and then stores.
 */
function useEditedRows<T>(initial: T[]) {
  const [rows, setRows] = useState<T[]>(initial);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = (next: T[]) => {
    setRows(next);
    setDirty(true);
  };
  const save = async <P,>(parse: () => P | Error, store: (parsed: P) => Promise<void>) => {
    setError(null);
    const parsed = parse();
    if (parsed instanceof Error) {
      setError(parsed);
      return;
    }
    setBusy(true);
    try {
      await store(parsed);
      setDirty(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return {
    rows,
    dirty,
    error,
    busy,
    touch: () => setDirty(true),
    setRow: (i: number, patch: Partial<T>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))),
    remove: (i: number) => change(rows.filter((_, j) => j !== i)),
    add: (row: T) => change([...rows, row]),
    save,
  };
}

/** The card's 保存 button (primary once something changed), or nothing when not editable. */
function saveButton(editable: boolean, edited: { dirty: boolean; busy: boolean }, onClick: () => void, testId: string) {
  return editable ? (
    <Button
      icon={<SaveOutlined />}
      type={edited.dirty ? 'primary' : 'default'}
      loading={edited.busy}
      onClick={onClick}
      data-testid={testId}
    >
      保存
    </Button>
  ) : null;
}

/** A row's delete button as the table's last column, when editable. */
function removeColumns<R extends { i: number }>(editable: boolean, remove: (i: number) => void) {
  return editable
    ? [
        {
          title: '',
          key: 'remove',
          width: 40,
          render: (_: unknown, r: R) => (
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label="删除"
              onClick={() => remove(r.i)}
            />
          ),
        },
      ]
    : [];
}

/** Adds a row, up to MAX_ROWS. */
function AddRowButton({
  count,
  onClick,
  children,
  style,
  testId,
}: {
  count: number;
  onClick: () => void;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <Button
      size="small"
      icon={<PlusOutlined />}
      style={style}
      disabled={count >= MAX_ROWS}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

/** The evaluator columns, each a text of at most `max` characters. */
const EVALUATOR_FIELDS = [
  ['name', '姓名', 20],
  ['title', '职务/职称', 40],
  ['role', '评价组分工', 40],
] as const;

export function NarrativeCard({
  detail,
  editable,
  onSave,
}: {
  detail: EvaluationDetailT;
  editable: boolean;
  onSave: (narrative: Record<string, string>, evaluators: EvaluatorT[]) => Promise<void>;
}) {
  const [narrative, setNarrative] = useState<Record<string, string>>(detail.narrative);
  const evaluators = useEditedRows<EvaluatorT>(detail.evaluators);

  const save = () =>
    evaluators.save(
      () => {
        const parsed = NarrativeBody.safeParse({ narrative, evaluators: evaluators.rows });
        return parsed.success ? parsed.data : new Error(parsed.error.issues.map((i) => i.message).join('；'));
      },
      (data) => onSave(data.narrative, data.evaluators),
    );

  return (
    <Card
      size="small"
      title="说明章节与评价人员"
      extra={saveButton(editable, evaluators, () => void save(), 'narrative-save')}
    >
      <Form layout="vertical">
        {NARRATIVE_SECTIONS.map((s, i) => (
          <Form.Item key={s.key} label={`${['一', '二', '三', '四', '五', '六'][i] ?? i + 1}、${s.label}`}>
            {editable ? (
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 12 }}
                maxLength={20000}
                value={narrative[s.key] ?? ''}
                onChange={(e) => {
                  setNarrative({ ...narrative, [s.key]: e.target.value });
                  evaluators.touch();
                }}
                data-testid={`narrative-${s.key}`}
              />
            ) : (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {narrative[s.key] || '—'}
              </Typography.Paragraph>
            )}
          </Form.Item>
        ))}
      </Form>
      <Typography.Title level={5}>评价人员</Typography.Title>
      <Table<EvaluatorT & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={evaluators.rows.map((e, i) => ({ ...e, i }))}
        locale={{ emptyText: '未填写评价人员' }}
        columns={[
          ...EVALUATOR_FIELDS.map(([field, title, max]) => ({
            title,
            key: field,
            render: (_: unknown, e: EvaluatorT & { i: number }) =>
              editable ? (
                <Input
                  size="small"
                  maxLength={max}
                  value={e[field]}
                  onChange={(ev) => evaluators.setRow(e.i, { [field]: ev.target.value })}
                />
              ) : (
                e[field]
              ),
          })),
          ...removeColumns(editable, evaluators.remove),
        ]}
      />
      {editable ? (
        <AddRowButton
          count={evaluators.rows.length}
          style={{ marginTop: 8 }}
          onClick={() => evaluators.add({ name: '', title: '', role: '' })}
        >
          添加评价人员
        </AddRowButton>
      ) : null}
      <ErrorAlert error={evaluators.error} style={{ marginTop: 12 }} testId="narrative-error" />
    </Card>
  );
}

const COUNT_FIELDS = [
  ['issued', '发放份数'],
  ['valid', '有效份数'],
  ['satisfied', '满意'],
  ['basicallySatisfied', '基本满意'],
  ['dissatisfied', '不满意'],
] as const;

export function SurveysCard({
  detail,
  editable,
  onSave,
}: {
  detail: EvaluationDetailT;
  editable: boolean;
  onSave: (groups: SurveyGroupT[]) => Promise<void>;
}) {
  const strip = (g: EvaluationDetailT['surveys'][number]): SurveyGroupT => ({
    groupName: g.groupName,
    issued: g.issued,
    valid: g.valid,
    satisfied: g.satisfied,
    basicallySatisfied: g.basicallySatisfied,
    dissatisfied: g.dissatisfied,
  });
  const groups = useEditedRows<SurveyGroupT>(detail.surveys.map(strip));
  const satisfaction = detail.metrics.find((m) => m.key === 'satisfaction');

  const save = () =>
    groups.save(
      () => {
        const parsed = SurveysBody.safeParse({ groups: groups.rows });
        if (parsed.success) return parsed.data;
        return new Error(
          parsed.error.issues
            .map((i) => {
              const row = typeof i.path[1] === 'number' ? `第${i.path[1] + 1}行` : '';
              return `${row}${i.message}`;
            })
            .join('；'),
        );
      },
      (data) => onSave(data.groups),
    );

  /** Rates come from the server for the saved rows (same order); an edited table shows them after saving. */
  const rateOf = (i: number) => (groups.dirty ? null : (detail.surveys[i]?.rate ?? null));

  return (
    <Card size="small" title="满意度调查" extra={saveButton(editable, groups, () => void save(), 'surveys-save')}>
      <Table<SurveyGroupT & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={groups.rows.map((g, i) => ({ ...g, i }))}
        locale={{ emptyText: '尚未录入满意度调查' }}
        scroll={{ x: 800 }}
        data-testid="surveys-table"
        columns={[
          {
            title: '调查对象',
            key: 'groupName',
            render: (_, g) =>
              editable ? (
                <Input
                  size="small"
                  maxLength={40}
                  value={g.groupName}
                  onChange={(e) => groups.setRow(g.i, { groupName: e.target.value })}
                  data-testid={`survey-${g.i}-name`}
                />
              ) : (
                g.groupName
              ),
          },
          ...COUNT_FIELDS.map(([field, label]) => ({
            title: label,
            key: field,
            width: 96,
            align: 'right' as const,
            render: (_: unknown, g: SurveyGroupT & { i: number }) =>
              editable ? (
                <InputNumber
                  size="small"
                  min={0}
                  precision={0}
                  value={g[field]}
                  onChange={(v) => groups.setRow(g.i, { [field]: typeof v === 'number' ? v : 0 })}
                  style={{ width: 84 }}
                  data-testid={`survey-${g.i}-${field}`}
                />
              ) : (
                g[field]
              ),
          })),
          {
            title: '满意率',
            key: 'rate',
            width: 90,
            align: 'right',
            render: (_, g) => {
              const r = rateOf(g.i);
              return <span data-testid={`survey-${g.i}-rate`}>{r === null ? '—' : `${r}%`}</span>;
            },
          },
          ...removeColumns(editable, groups.remove),
        ]}
      />
      <Space style={{ marginTop: 8 }} wrap>
        {editable ? (
          <AddRowButton
            count={groups.rows.length}
            onClick={() =>
              groups.add({ groupName: '', issued: 0, valid: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 })
            }
            testId="survey-add"
          >
            添加调查对象
          </AddRowButton>
        ) : null}
        <Typography.Text type="secondary">
          满意率 =（满意 + 基本满意）÷ 有效份数；合并满意度按有效份数加权
          {satisfaction?.ok ? `：${satisfaction.display}%` : ''}。
        </Typography.Text>
      </Space>
      <ErrorAlert error={groups.error} style={{ marginTop: 12 }} testId="surveys-error" />
    </Card>
  );
}
