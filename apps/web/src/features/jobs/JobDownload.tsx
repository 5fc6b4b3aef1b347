import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { jobsApi } from '../../api/endpoints';
import type { JobInfo } from '../../api/types';

/** 下载 link for a finished job's result file (a plain link: the session cookie authorises it). */
export function JobDownload({ job }: { job: JobInfo }) {
  if (job.state !== 'succeeded' || !job.hasFile) return null;
  return (
    <Button type="link" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)} download data-testid="job-download">
      下载
    </Button>
  );
}
