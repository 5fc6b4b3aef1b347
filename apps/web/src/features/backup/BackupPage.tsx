import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { backupApi } from '../../api/endpoints';
import type { JobInfo } from '../../api/types';
import { JobProgress } from '../../components/JobProgress';
import { useNotify } from '../../components/useNotify';
import { JobDownload } from '../jobs/JobDownload';

/** `/admin/backup`: start a backup job, follow its progress, download the file when done. */
export function BackupPage() {
  const notify = useNotify();
  const [job, setJob] = useState<JobInfo | null>(null);
  const [done, setDone] = useState<JobInfo | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      setDone(null);
      setJob(await backupApi.run());
    } catch (e) {
      notify.error(e);
    } finally {
      setStarting(false);
    }
  };

  const running = job !== null && done === null;
  return (
    <Card title="数据备份" style={{ maxWidth: 720 }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          立即备份将导出数据库和已上传文件，完成后可下载备份文件。备份文件含敏感数据，请妥善保管。历次备份可在“后台任务”中查看。
        </Typography.Paragraph>
        <div>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={starting}
            disabled={running}
            onClick={() => void start()}
            data-testid="backup-start"
          >
            立即备份
          </Button>
        </div>
        {job ? <JobProgress jobId={job.id} initial={job} onDone={setDone} /> : null}
        {done?.state === 'succeeded' ? (
          <Alert
            type="success"
            showIcon
            title="备份完成"
            description={done.hasFile ? <JobDownload job={done} /> : (done.message ?? undefined)}
            data-testid="backup-done"
          />
        ) : null}
      </Space>
    </Card>
  );
}
