import { JOB_KIND_LABELS } from '@bianban/contracts';
import type { JobInfo } from '../api/types';

export function jobKindLabel(kind: string): string {
  return JOB_KIND_LABELS[kind] ?? kind;
}

export const JOB_STATE_LABELS: Record<JobInfo['state'], { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '进行中', color: 'processing' },
  succeeded: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

export function isJobFinished(job: Pick<JobInfo, 'state'>): boolean {
  return job.state === 'succeeded' || job.state === 'failed';
}

export function progressStatus(job: Pick<JobInfo, 'state'>): 'active' | 'success' | 'exception' | 'normal' {
  if (job.state === 'succeeded') return 'success';
  if (job.state === 'failed') return 'exception';
  return job.state === 'running' ? 'active' : 'normal';
}
