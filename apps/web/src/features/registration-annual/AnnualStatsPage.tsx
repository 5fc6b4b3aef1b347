/**
 * `/registration/annual-stats`: statistics of a report year — due, submitted, published, the rates,
 * the overdue list, and the institutions to mark as abnormal (not filed by 30 June), with the action.
 */
import { ANNUAL_REPORT_STATE_LABELS, type AnnualReportState } from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  InputNumber,
  Popconfirm,
  Space,
  Statistic,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { annualApi, type AnnualStatsT } from '../../api/annualReportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/useNotify';
import { lastYear } from './AnnualReportsPage';

type Item = AnnualStatsT['overdue'][number];

export function AnnualStatsPage() {
  const { hasAny } = useSession();
  const notify = useNotify();
  const [year, setYear] = useState(lastYear());
  const [asOf, setAsOf] = useState<string | undefined>();
  const [stats, setStats] = useState<AnnualStatsT | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    annualApi.stats(year, asOf).then((s) => {
      setStats(s);
      setError(null);
      setSelected([]);
    }, setError);
  }, [year, asOf]);
  useEffect(load, [load]);

  const mark = async () => {
    try {
      const r = await annualApi.markAbnormal(year, selected);
      notify.success(`已列入异常名录：${r.names.join('、')}`);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const columns: TableProps<Item>['columns'] = [
    { title: '单位', dataIndex: 'name' },
    { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
    { title: '逾期天数', dataIndex: 'daysOverdue', width: 90 },
    {
      title: '登记状态',
      dataIndex: 'status',
      width: 120,
      render: (s: string) => (s === 'abnormal' ? <Tag color="red">列入异常名录</Tag> : <Tag>存续</Tag>),
    },
    {
      title: '报告',
      dataIndex: 'state',
      width: 90,
      render: (s: string | null) => (s ? (ANNUAL_REPORT_STATE_LABELS[s as AnnualReportState] ?? s) : '未起草'),
    },
  ];

  return (
    <Card
      title="年度报告统计"
      extra={
        <Space>
          报告年度
          <InputNumber data-testid="stats-year" value={year} onChange={(v) => v && setYear(v)} />
          统计日期
          <DatePicker
            value={asOf ? dayjs(asOf) : null}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Space>
      }
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      {stats ? (
        <>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title="应报送" value={stats.due} />
            <Statistic title="已报送" value={stats.submitted} />
            <Statistic title="按期报送" value={stats.submittedOnTime} />
            <Statistic title="已公示" value={stats.published} />
            <Statistic title="报送率" value={stats.submissionRate ?? '—'} suffix={stats.submissionRate ? '%' : ''} />
            <Statistic title="公示率" value={stats.publicationRate ?? '—'} suffix={stats.publicationRate ? '%' : ''} />
          </Space>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`截止日期 ${stats.dueOn}；异常标记日 ${stats.abnormalCutoff} 以后；统计日期 ${stats.asOf}`}
            description={stats.rule}
          />
          <Card size="small" title={`逾期未报送（${stats.overdue.length}）`} style={{ marginBottom: 12 }}>
            <Table
              rowKey="legalPersonId"
              size="small"
              columns={columns}
              dataSource={stats.overdue}
              data-testid="stats-overdue"
            />
          </Card>
          <Card
            size="small"
            title={`异常名录候选（${stats.abnormalCandidates.length}）`}
            extra={
              hasAny(['annualReport.review']) ? (
                <Popconfirm
                  title={`将选中的${selected.length}个单位列入异常名录？`}
                  onConfirm={mark}
                  disabled={!selected.length}
                >
                  <Button danger disabled={!selected.length} data-testid="stats-mark">
                    列入异常名录
                  </Button>
                </Popconfirm>
              ) : null
            }
          >
            <Table
              rowKey="legalPersonId"
              size="small"
              columns={columns}
              dataSource={stats.abnormalCandidates}
              rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
              data-testid="stats-candidates"
            />
          </Card>
        </>
      ) : null}
    </Card>
  );
}
