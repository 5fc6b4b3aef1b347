import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { decisionsApi } from '../../api/endpoints';
import type { DecisionDetailT, DecisionSummaryT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTotal } from '../../components/format';
import { DecisionStateTag } from '../../components/orgLabels';
import { useNotify } from '../../components/useNotify';
import { useSession } from '../../auth/SessionContext';
import { RejectModal } from './RejectModal';

/** `/org/decisions`: the list of 机构编制事项; row buttons follow each row's `actions`. */
export function DecisionsPage() {
  const { has } = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const [items, setItems] = useState<DecisionSummaryT[]>([]);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState<DecisionSummaryT | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await decisionsApi.list()).items);
    } catch (e) {
      notify.error(e);
    } finally {
      setLoading(false);
    }
  }, [notify]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (d: DecisionSummaryT, action: () => Promise<DecisionDetailT>, done: string) => {
    setBusy(d.id);
    setError(null);
    try {
      await action();
      notify.success(done);
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableProps<DecisionSummaryT>['columns'] = [
    {
      title: '文号',
      key: 'docNumber',
      render: (_, d, i) => (
        <Link to={`/org/decisions/${d.id}`} data-testid={`dec-link-${i}`}>
          {d.docNumber}
        </Link>
      ),
    },
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '生效日期', dataIndex: 'effectiveDate', key: 'effectiveDate', width: 120 },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_, d, i) => <DecisionStateTag state={d.state} testId={`dec-row-state-${i}`} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 280,
      render: (_, d, i) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => navigate(`/org/decisions/${d.id}`)}
            data-testid={`dec-open-${i}`}
          >
            {d.actions.edit ? '编辑' : '查看'}
          </Button>
          {d.actions.submit ? (
            <Button
              type="link"
              size="small"
              loading={busy === d.id}
              onClick={() => void run(d, () => decisionsApi.submit(d.id), '已提交审批')}
              data-testid={`dec-row-submit-${i}`}
            >
              提交
            </Button>
          ) : null}
          {d.actions.approve ? (
            <Button
              type="link"
              size="small"
              loading={busy === d.id}
              onClick={() => void run(d, () => decisionsApi.approve(d.id), '已批准')}
              data-testid={`dec-row-approve-${i}`}
            >
              批准
            </Button>
          ) : null}
          {d.actions.reject ? (
            <Button type="link" size="small" danger onClick={() => setRejecting(d)} data-testid={`dec-row-reject-${i}`}>
              退回
            </Button>
          ) : null}
          {d.actions.apply ? (
            <Button
              type="link"
              size="small"
              loading={busy === d.id}
              onClick={() => void run(d, () => decisionsApi.apply(d.id), '已执行，机构编制数据已按生效日期更新')}
              data-testid={`dec-row-apply-${i}`}
            >
              执行
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="机构编制事项"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {has('decision.edit') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/org/decisions/new')}
              data-testid="dec-new"
            >
              新建
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        机构编制事项经起草、提交、编办领导批准后执行；执行时按生效日期原子地写入机构与编制数据，并检查总量控制等规则。
      </Typography.Paragraph>
      <ErrorAlert error={error} testId="dec-list-error" style={{ marginBottom: 16 }} />
      <div data-testid="dec-table">
        <Table<DecisionSummaryT>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={loading}
          size="middle"
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, showTotal: formatTotal, hideOnSinglePage: true }}
        />
      </div>
      <RejectModal
        open={rejecting !== null}
        title={rejecting ? `退回：${rejecting.docNumber}` : '退回'}
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          const d = rejecting;
          if (!d) return;
          await run(d, () => decisionsApi.reject(d.id, reason), '已退回');
          setRejecting(null);
        }}
      />
    </Card>
  );
}
