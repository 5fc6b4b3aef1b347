/**
 * `/performance/frameworks/versions/:id`: one framework version — the indicator tree, the structural
 * problems the server found, and for a draft (with framework.edit) the tree editor, save and publish.
 */
import {
  ArrowLeftOutlined,
  CheckOutlined,
  CopyOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  FRAMEWORK_KIND_LABELS,
  FrameworkBodySchema,
  SCORE_LAYOUTS,
  SCORE_LAYOUT_LABELS,
  type FrameworkBodyInput,
  type IndicatorNodeInput,
} from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { frameworksApi, type FrameworkVersionDetailT } from '../../api/performanceApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useNotify } from '../../components/useNotify';
import { FrameworkEditor } from './FrameworkEditor';
import { FrameworkTreeTable } from './FrameworkTreeTable';
import { VersionStateTag } from './performanceLabels';

export function FrameworkVersionRoute() {
  const { id } = useParams();
  return id ? <FrameworkVersionPage key={id} id={id} /> : null;
}

/** "indicators.0.children.1.points" → "1.2 名称：分值" for validation messages. */
function describeIssuePath(body: FrameworkBodyInput, path: readonly PropertyKey[]): string {
  let list: readonly IndicatorNodeInput[] | undefined;
  let node: IndicatorNodeInput | undefined;
  const rest: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (p === 'indicators' && i === 0) list = body.indicators;
    else if (p === 'children') list = node?.children;
    else if (typeof p === 'number' && list) {
      node = list[p];
      list = undefined;
    } else rest.push(String(p));
  }
  const where = node ? `${node.key} ${node.name}` : '';
  return [where, rest.join('.')].filter(Boolean).join(' ');
}

function FrameworkVersionPage({ id }: { id: string }) {
  const { has } = useSession();
  const canEdit = has('framework.edit');
  const navigate = useNavigate();
  const notify = useNotify();
  const [version, setVersion] = useState<FrameworkVersionDetailT | null>(null);
  const [draft, setDraft] = useState<FrameworkBodyInput | null>(null);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'publish' | 'copy' | null>(null);

  const accept = useCallback((v: FrameworkVersionDetailT) => {
    setVersion(v);
    setDraft(v.body as FrameworkBodyInput);
    setDirty(false);
  }, []);

  useEffect(() => {
    frameworksApi.getVersion(id).then(accept, setLoadError);
  }, [id, accept]);

  const problemKeys = useMemo(() => new Set(version?.problems.map((p) => p.key) ?? []), [version]);

  if (loadError)
    return <Result status="error" title="无法打开指标体系版本" subTitle={<ErrorAlert error={loadError} />} />;
  if (!version || !draft) return <Spin style={{ display: 'block', margin: 48 }} />;

  const editable = canEdit && version.state === 'draft';
  const body = version.body as FrameworkBodyInput;
  const edit = (next: FrameworkBodyInput) => {
    setDraft(next);
    setDirty(true);
    setInvalid([]);
  };

  const save = async () => {
    const parsed = FrameworkBodySchema.safeParse(draft);
    if (!parsed.success) {
      setInvalid(parsed.error.issues.map((i) => `${describeIssuePath(draft, i.path)}：${i.message}`));
      return;
    }
    setBusy('save');
    setError(null);
    try {
      accept(await frameworksApi.updateVersion(version.id, draft));
      notify.success('已保存');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    setError(null);
    try {
      accept(await frameworksApi.publish(version.id));
      notify.success('已发布');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    setBusy('copy');
    setError(null);
    try {
      const created = await frameworksApi.createVersion(version.frameworkId, body, `复制自第${version.version}版`);
      notify.success(`已新建第${created.version}版（草稿）`);
      navigate(`/performance/frameworks/versions/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const publishBlocked = dirty
    ? '有未保存的修改，请先保存'
    : version.problems.length
      ? '结构检查未通过，不能发布'
      : null;
  const grades = draft.grades ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/performance/frameworks')}
              aria-label="返回"
            />
            <span data-testid="fw-title">
              {body.name} 第{version.version}版
            </span>
            <span data-testid="fw-state">
              <VersionStateTag state={version.state} />
            </span>
            {dirty ? <Tag color="orange">未保存</Tag> : null}
          </Space>
        }
        extra={
          <Space>
            {editable ? (
              <>
                <Button
                  icon={<SaveOutlined />}
                  loading={busy === 'save'}
                  onClick={() => void save()}
                  data-testid="fw-save"
                >
                  保存
                </Button>
                <Tooltip title={publishBlocked}>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={!!publishBlocked}
                    loading={busy === 'publish'}
                    onClick={() => void publish()}
                    data-testid="fw-publish"
                  >
                    发布
                  </Button>
                </Tooltip>
              </>
            ) : null}
            {canEdit && version.state === 'published' ? (
              <Button
                icon={<CopyOutlined />}
                loading={busy === 'copy'}
                onClick={() => void copy()}
                data-testid="fw-copy-version"
              >
                新建版本
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'code', label: '代码', children: version.code },
            { key: 'kind', label: '类别', children: FRAMEWORK_KIND_LABELS[body.kind] },
            { key: 'basis', label: '文件依据', children: body.basis || '—' },
            { key: 'total', label: '总分', children: body.total ?? 100 },
            {
              key: 'scoreLayout',
              label: '报告评分版式',
              children: SCORE_LAYOUT_LABELS[body.scoreLayout ?? 'scoreTable'],
            },
            {
              key: 'grades',
              label: '等级',
              children: (body.grades ?? []).map((g) => `${g.grade} ≥${g.min}`).join('，'),
            },
            { key: 'created', label: '创建时间', children: formatDateTime(version.createdAt) },
            { key: 'published', label: '发布时间', children: formatDateTime(version.publishedAt) },
            { key: 'note', label: '版本说明', children: version.note ?? '—' },
          ]}
        />
        <div style={{ marginTop: 12 }} data-testid="fw-problems">
          {version.problems.length ? (
            <Alert
              type="error"
              showIcon
              title={`结构检查发现${version.problems.length}个问题${dirty ? '（按上次保存的内容）' : ''}，修正前不能发布：`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {version.problems.map((p, i) => (
                    <li key={i} data-testid="fw-problem">
                      {p.message}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={`结构检查通过${dirty ? '（按上次保存的内容）' : ''}`}
              data-testid="fw-no-problems"
            />
          )}
        </div>
        {invalid.length ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title="内容不完整，未保存："
            data-testid="fw-invalid"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {invalid.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <ErrorAlert error={error} style={{ marginTop: 12 }} testId="fw-error" />
      </Card>

      {editable ? (
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'edit',
                label: '编辑',
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Form layout="inline" style={{ rowGap: 8 }}>
                      <Form.Item label="名称" required>
                        <Input
                          value={draft.name}
                          style={{ width: 360 }}
                          onChange={(e) => edit({ ...draft, name: e.target.value })}
                          data-testid="fw-name"
                        />
                      </Form.Item>
                      <Form.Item label="文件依据">
                        <Input
                          value={draft.basis ?? ''}
                          style={{ width: 240 }}
                          onChange={(e) => edit({ ...draft, basis: e.target.value })}
                        />
                      </Form.Item>
                      <Form.Item label="报告评分版式" tooltip="据此体系新建的自评报告默认的评分版式">
                        <Select
                          value={draft.scoreLayout ?? 'scoreTable'}
                          style={{ width: 150 }}
                          onChange={(v) => edit({ ...draft, scoreLayout: v })}
                          options={SCORE_LAYOUTS.map((l) => ({ value: l, label: SCORE_LAYOUT_LABELS[l] }))}
                          data-testid="fw-score-layout"
                        />
                      </Form.Item>
                      <Form.Item label="等级">
                        <Space wrap>
                          {grades.map((g, i) => (
                            <Space.Compact key={i}>
                              <Input
                                style={{ width: 48 }}
                                value={g.grade}
                                onChange={(e) =>
                                  edit({
                                    ...draft,
                                    grades: grades.map((x, j) => (j === i ? { ...x, grade: e.target.value } : x)),
                                  })
                                }
                              />
                              <InputNumber
                                style={{ width: 70 }}
                                min={0}
                                max={100}
                                value={g.min}
                                prefix="≥"
                                onChange={(v) =>
                                  edit({
                                    ...draft,
                                    grades: grades.map((x, j) =>
                                      j === i ? { ...x, min: typeof v === 'number' ? v : 0 } : x,
                                    ),
                                  })
                                }
                              />
                              <Button
                                icon={<DeleteOutlined />}
                                disabled={grades.length <= 1}
                                onClick={() => edit({ ...draft, grades: grades.filter((_, j) => j !== i) })}
                                aria-label="删除等级"
                              />
                            </Space.Compact>
                          ))}
                          <Button
                            icon={<PlusOutlined />}
                            onClick={() => edit({ ...draft, grades: [...grades, { grade: '', min: 0 }] })}
                            aria-label="添加等级"
                          />
                        </Space>
                      </Form.Item>
                    </Form>
                    <FrameworkEditor body={draft} onChange={edit} problemKeys={problemKeys} />
                  </Space>
                ),
              },
              {
                key: 'preview',
                label: '预览',
                children: <FrameworkTreeTable indicators={draft.indicators} problemKeys={problemKeys} />,
              },
            ]}
          />
        </Card>
      ) : (
        <Card size="small" title="指标">
          <FrameworkTreeTable key={version.id} indicators={body.indicators} problemKeys={problemKeys} />
          {version.state === 'draft' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              草稿版本，尚不能用于绩效自评。
            </Typography.Paragraph>
          ) : null}
        </Card>
      )}
    </Space>
  );
}
