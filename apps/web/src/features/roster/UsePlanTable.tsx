import { Button, Table, Typography, type TableProps } from 'antd';
import type { UsePlanSummaryT } from '../../api/types';
import { formatNumber } from '../../components/format';
import { typeLabel, UsePlanStateTag } from '../../components/orgLabels';

export interface UsePlanTableProps {
  items: UsePlanSummaryT[];
  loading?: boolean;
  /** Without it there is no 操作 column. */
  onApprove?: (plan: UsePlanSummaryT) => void;
  busyId?: string | null;
  withUnit?: boolean;
  testId?: string;
}

/** 用编计划: 单位, 编制类型, 名额, 已使用, 渠道, 年度, 状态, 通知单号, 操作 (核准 `plan-approve-<index>`). */
export function UsePlanTable({
  items,
  loading,
  onApprove,
  busyId,
  withUnit = true,
  testId = 'use-plan-table',
}: UsePlanTableProps) {
  const columns: NonNullable<TableProps<UsePlanSummaryT>['columns']> = [];
  if (withUnit) columns.push({ title: '单位', dataIndex: 'unitName', key: 'unitName', width: 240, ellipsis: true });
  columns.push(
    { title: '编制类型', key: 'type', render: (_, p) => typeLabel(p.type) },
    { title: '名额', key: 'count', align: 'right', render: (_, p) => formatNumber(p.count) },
    {
      title: '已使用',
      key: 'consumed',
      align: 'right',
      render: (_, p) => (
        <Typography.Text type={p.consumed >= p.count ? 'secondary' : undefined}>
          {formatNumber(p.consumed)}
        </Typography.Text>
      ),
    },
    { title: '渠道', dataIndex: 'channel', key: 'channel' },
    { title: '年度', dataIndex: 'year', key: 'year' },
    {
      title: '状态',
      key: 'state',
      render: (_, p, i) => <UsePlanStateTag state={p.state} testId={`plan-state-${i}`} />,
    },
    {
      title: '通知单号',
      key: 'noticeNumber',
      render: (_, p) => p.noticeNumber ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  );
  if (onApprove)
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, p, i) =>
        p.actions.approve ? (
          <Button
            type="link"
            size="small"
            loading={busyId === p.id}
            onClick={() => onApprove(p)}
            data-testid={`plan-approve-${i}`}
          >
            核准
          </Button>
        ) : null,
    });
  return (
    <div data-testid={testId}>
      <Table<UsePlanSummaryT>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      />
    </div>
  );
}
