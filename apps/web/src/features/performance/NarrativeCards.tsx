/** The evaluation's narrative sections and evaluators (说明章节、评价人员) and the satisfaction surveys. */
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { NARRATIVE_SECTIONS, NarrativeBody, SurveysBody } from '@bianban/contracts';
import { Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { EvaluationDetailT, EvaluatorT, SurveyGroupT } from '../../api/performanceApi';
import { ErrorAlert } from '../../components/ErrorAlert';

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
  const [evaluators, setEvaluators] = useState<EvaluatorT[]>(detail.evaluators);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const setEvaluator = (i: number, patch: Partial<EvaluatorT>) => {
    setEvaluators(evaluators.map((e, j) => (j === i ? { ...e, ...patch } : e)));
    setDirty(true);
  };

  const save = async () => {
    setError(null);
    const parsed = NarrativeBody.safeParse({ narrative, evaluators });
    if (!parsed.success) {
      setError(new Error(parsed.error.issues.map((i) => i.message).join('；')));
      return;
    }
    setBusy(true);
    try {
      await onSave(parsed.data.narrative, parsed.data.evaluators);
      setDirty(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title="说明章节与评价人员"
      extra={
        editable ? (
          <Button
            icon={<SaveOutlined />}
            type={dirty ? 'primary' : 'default'}
            loading={busy}
            onClick={() => void save()}
            data-testid="narrative-save"
          >
            保存
          </Button>
        ) : null
      }
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
                  setDirty(true);
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
        dataSource={evaluators.map((e, i) => ({ ...e, i }))}
        locale={{ emptyText: '未填写评价人员' }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            render: (_, e) =>
              editable ? (
                <Input
                  size="small"
                  maxLength={20}
                  value={e.name}
                  onChange={(ev) => setEvaluator(e.i, { name: ev.target.value })}
                />
              ) : (
                e.name
              ),
          },
          {
            title: '职务/职称',
            key: 'title',
            render: (_, e) =>
              editable ? (
                <Input
                  size="small"
                  maxLength={40}
                  value={e.title}
                  onChange={(ev) => setEvaluator(e.i, { title: ev.target.value })}
                />
              ) : (
                e.title
              ),
          },
          {
            title: '评价组分工',
            key: 'role',
            render: (_, e) =>
              editable ? (
                <Input
                  size="small"
                  maxLength={40}
                  value={e.role}
                  onChange={(ev) => setEvaluator(e.i, { role: ev.target.value })}
                />
              ) : (
                e.role
              ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 40,
                  render: (_: unknown, e: EvaluatorT & { i: number }) => (
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label="删除"
                      onClick={() => {
                        setEvaluators(evaluators.filter((_, j) => j !== e.i));
                        setDirty(true);
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable ? (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          disabled={evaluators.length >= 20}
          onClick={() => {
            setEvaluators([...evaluators, { name: '', title: '', role: '' }]);
            setDirty(true);
          }}
        >
          添加评价人员
        </Button>
      ) : null}
      <ErrorAlert error={error} style={{ marginTop: 12 }} testId="narrative-error" />
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
  const [groups, setGroups] = useState<SurveyGroupT[]>(detail.surveys.map(strip));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const satisfaction = detail.metrics.find((m) => m.key === 'satisfaction');

  const setGroup = (i: number, patch: Partial<SurveyGroupT>) => {
    setGroups(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
    setDirty(true);
  };

  const save = async () => {
    setError(null);
    const parsed = SurveysBody.safeParse({ groups });
    if (!parsed.success) {
      setError(
        new Error(
          parsed.error.issues
            .map((i) => {
              const row = typeof i.path[1] === 'number' ? `第${i.path[1] + 1}行` : '';
              return `${row}${i.message}`;
            })
            .join('；'),
        ),
      );
      return;
    }
    setBusy(true);
    try {
      await onSave(parsed.data.groups);
      setDirty(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  /** Rates come from the server for the saved rows (same order); an edited table shows them after saving. */
  const rateOf = (i: number) => (dirty ? null : (detail.surveys[i]?.rate ?? null));

  return (
    <Card
      size="small"
      title="满意度调查"
      extra={
        editable ? (
          <Button
            icon={<SaveOutlined />}
            type={dirty ? 'primary' : 'default'}
            loading={busy}
            onClick={() => void save()}
            data-testid="surveys-save"
          >
            保存
          </Button>
        ) : null
      }
    >
      <Table<SurveyGroupT & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={groups.map((g, i) => ({ ...g, i }))}
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
                  onChange={(e) => setGroup(g.i, { groupName: e.target.value })}
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
                  onChange={(v) => setGroup(g.i, { [field]: typeof v === 'number' ? v : 0 })}
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
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 40,
                  render: (_: unknown, g: SurveyGroupT & { i: number }) => (
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label="删除"
                      onClick={() => {
                        setGroups(groups.filter((_, j) => j !== g.i));
                        setDirty(true);
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space style={{ marginTop: 8 }} wrap>
        {editable ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={groups.length >= 20}
            onClick={() => {
              setGroups([
                ...groups,
                { groupName: '', issued: 0, valid: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 },
              ]);
              setDirty(true);
            }}
            data-testid="survey-add"
          >
            添加调查对象
          </Button>
        ) : null}
        <Typography.Text type="secondary">
          满意率 =（满意 + 基本满意）÷ 有效份数；合并满意度按有效份数加权
          {satisfaction?.ok ? `：${satisfaction.display}%` : ''}。
        </Typography.Text>
      </Space>
      <ErrorAlert error={error} style={{ marginTop: 12 }} testId="surveys-error" />
    </Card>
  );
}
