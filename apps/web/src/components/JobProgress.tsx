import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { jobsApi } from '../api/endpoints';
import type { JobInfo } from '../api/types';
import { isJobFinished, JOB_STATE_LABELS, jobKindLabel, progressStatus } from './jobLabels';
import { fullErrorText, isReportable } from './useNotify';

const POLL_MS = 1500;

export interface JobProgressProps {
  jobId: string;
  /** The JobInfo returned when the job was started, shown until the first event arrives. */
  initial?: JobInfo;
  onDone?: (job: JobInfo) => void;
  /** Also show the job kind label and state tag. */
  showKind?: boolean;
}

/**
 * Follows a background job through `GET /api/jobs/:id/events` (Server-Sent Events, each `data:` a
 * JobInfo). If the stream breaks before the job finished, it falls back to polling `GET /api/jobs/:id`.
 */
export function JobProgress({ jobId, initial, onDone, showKind }: JobProgressProps) {
  const [job, setJob] = useState<JobInfo | null>(initial && initial.id === jobId ? initial : null);
  const [connectionError, setConnectionError] = useState<string | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  useEffect(() => {
    let stopped = false;
    let finished = false;
    let pollTimer: number | undefined;

    const accept = (next: JobInfo) => {
      if (stopped || finished) return;
      setJob(next);
      setConnectionError(null);
      if (isJobFinished(next)) {
        finished = true;
        source?.close();
        onDoneRef.current?.(next);
      }
    };

    const poll = () => {
      if (stopped || finished) return;
      jobsApi
        .get(jobId)
        .then(accept, (error: unknown) => {
          if (!isReportable(error)) {
            stopped = true;
            return;
          }
          setConnectionError(fullErrorText(error));
        })
        .finally(() => {
          if (!stopped && !finished) pollTimer = window.setTimeout(poll, POLL_MS);
        });
    };

    let source: EventSource | null = null;
    if (typeof EventSource === 'undefined') {
      poll();
    } else {
      source = new EventSource(jobsApi.eventsUrl(jobId));
      source.onmessage = (event: MessageEvent<string>) => {
        try {
          accept(JSON.parse(event.data) as JobInfo);
        } catch {
          // ignore malformed frames (e.g. keep-alive comments are not delivered here anyway)
        }
      };
      source.onerror = () => {
        // The server ends the stream when the job is done; anything else: switch to polling.
        source?.close();
        source = null;
        if (!finished) poll();
      };
    }

    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(pollTimer);
    };
  }, [jobId]);

  const current = job ?? { state: 'queued' as const, progress: 0, message: null, error: null, kind: '' };
  const stateLabel = JOB_STATE_LABELS[current.state];

  return (
    <div data-testid="job-progress" data-job-state={current.state}>
      {showKind && current.kind ? (
        <Space style={{ marginBottom: 4 }}>
          <Typography.Text strong>{jobKindLabel(current.kind)}</Typography.Text>
          <Tag color={stateLabel.color}>{stateLabel.text}</Tag>
        </Space>
      ) : null}
      <Progress percent={current.progress} status={progressStatus(current)} />
      <Typography.Text type="secondary" data-testid="job-message">
        {current.message ?? stateLabel.text}
      </Typography.Text>
      {current.state === 'failed' ? (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title="任务失败"
          description={current.error ?? '任务执行失败'}
          data-testid="job-error"
        />
      ) : null}
      {connectionError ? (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title={`无法获取任务进度：${connectionError}`} />
      ) : null}
    </div>
  );
}
