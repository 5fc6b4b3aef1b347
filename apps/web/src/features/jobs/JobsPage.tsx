import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { jobsApi } from '../../api/endpoints';
import type { JobInfo } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { isJobFinished, JOB_STATE_LABELS, jobKindLabel, progressStatus } from '../../components/jobLabels';
import { useNotify } from '../../components/useNotify';
import { JobDownload } from './JobDownload';

const REFRESH_MS = 3000;

const columns: TableProps<JobInfo>['columns'] = [
  { title: '任务', dataIndex: 'kind', key: 'kind', render: (v: string) => jobKindLabel(v) },
  {
    title: '状态',
    dataIndex: 'state',
    key: 'state',
    render: (v: JobInfo['state']) => <Tag color={JOB_STATE_LABELS[v].color}>{JOB_STATE_LABELS[v].text}</Tag>,
  },
  {
    title: '进度',
    key: 'progress',
    width: 220,
    render: (_, j) => <Progress percent={j.progress} size="small" status={progressStatus(j)} />,
  },
  {
    title: '说明',
    key: 'message',
    render: (_, j) =>
      j.state === 'failed' ? (
        <Typography.Text type="danger">{j.error ?? '任务失败'}</Typography.Text>
      ) : (
        (j.message ?? '—')
      ),
  },
  { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
  { title: '完成时间', dataIndex: 'finishedAt', key: 'finishedAt', render: (v: string | null) => formatDateTime(v) },
  { title: '结果文件', key: 'file', render: (_, j) => <JobDownload job={j} /> },
];

/** `/jobs`: the user's background jobs; refreshes itself while any job is still running. */
export function JobsPage() {
  const notify = useNotify();
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setLoading(true);
      try {
        setJobs((await jobsApi.list()).items);
      } catch (e) {
        if (!quiet) notify.error(e);
      } finally {
        if (!quiet) setLoading(false);
      }
    },
    [notify],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const anyRunning = jobs.some((j) => !isJobFinished(j));
  useEffect(() => {
    if (!anyRunning) return;
    const timer = window.setInterval(() => void load(true), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [anyRunning, load]);

  return (
    <Card
      title="后台任务"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      }
    >
      <div data-testid="jobs-table">
        <Table<JobInfo>
          rowKey="id"
          columns={columns}
          dataSource={jobs}
          loading={loading}
          size="middle"
          scroll={{ x: 900 }}
        />
      </div>
    </Card>
  );
}
