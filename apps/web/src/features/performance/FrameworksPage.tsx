/** `/performance/frameworks`: the framework library (指标体系库) — frameworks, their versions and states. */
import { CopyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { FRAMEWORK_KIND_LABELS, type FrameworkBodyInput } from '@bianban/contracts';
import { Button, Card, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { frameworksApi, type FrameworkSummaryT } from '../../api/performanceApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useNotify } from '../../components/useNotify';
import { NewFrameworkModal } from './NewFrameworkModal';
import { VersionStateTag } from './performanceLabels';

type Version = FrameworkSummaryT['versions'][number];

export function FrameworksPage() {
  const { has } = useSession();
  const canEdit = has('framework.edit');
  const navigate = useNavigate();
  const notify = useNotify();
  const [items, setItems] = useState<FrameworkSummaryT[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await frameworksApi.list()).items);
    } catch (e) {
      notify.error(e);
    } finally {
      setLoading(false);
    }
  }, [notify]);

  useEffect(() => {
    void load();
  }, [load]);

  /** 新建版本: a draft copy of the latest version. */
  const newVersion = async (f: FrameworkSummaryT) => {
    const latest = f.versions[f.versions.length - 1];
    if (!latest) return;
    setBusy(f.id);
    setError(null);
    try {
      const source = await frameworksApi.getVersion(latest.id);
      const created = await frameworksApi.createVersion(
        f.id,
        source.body as FrameworkBodyInput,
        `复制自第${latest.version}版`,
      );
      notify.success(`已新建第${created.version}版（草稿）`);
      navigate(`/performance/frameworks/versions/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableProps<FrameworkSummaryT>['columns'] = [
    {
      title: '指标体系',
      key: 'name',
      render: (_, f) => (
        <span>
          <Typography.Text strong>{f.name}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{f.code}</Typography.Text>
        </span>
      ),
    },
    { title: '类别', key: 'kind', width: 170, render: (_, f) => FRAMEWORK_KIND_LABELS[f.kind] },
    {
      title: '版本',
      key: 'versions',
      render: (_, f) => (
        <Space wrap>
          {f.versions.map((v: Version) => (
            <Link
              key={v.id}
              to={`/performance/frameworks/versions/${v.id}`}
              data-testid={`fw-version-${f.code}-${v.version}`}
            >
              <Tag style={{ cursor: 'pointer' }}>
                第{v.version}版 <VersionStateTag state={v.state} />
              </Tag>
            </Link>
          ))}
        </Space>
      ),
    },
    {
      title: '最近发布',
      key: 'publishedAt',
      width: 170,
      render: (_, f) => formatDateTime([...f.versions].reverse().find((v) => v.publishedAt)?.publishedAt ?? null),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_: unknown, f: FrameworkSummaryT) => (
              <Button
                type="link"
                size="small"
                icon={<CopyOutlined />}
                loading={busy === f.id}
                disabled={!f.versions.length}
                onClick={() => void newVersion(f)}
                data-testid={`fw-new-version-${f.code}`}
              >
                新建版本
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="指标体系库"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="fw-new">
              新建指标体系
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        指标体系按版本管理：草稿可修改，结构检查（下级分值合计等于上级、总分100、每个末级指标有评分规则）通过后发布；已发布的版本不再改变，绩效自评创建时冻结所用版本。
      </Typography.Paragraph>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Table<FrameworkSummaryT>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        data-testid="fw-table"
      />
      {creating ? (
        <NewFrameworkModal
          open
          frameworks={items}
          onCancel={() => setCreating(false)}
          onCreated={(v) => {
            setCreating(false);
            notify.success('已创建草稿第1版');
            navigate(`/performance/frameworks/versions/${v.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
