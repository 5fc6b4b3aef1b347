import { CloudUploadOutlined, FileZipOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import {
  DEADLINE_STATUS_LABELS,
  PUBLICATION_DEADLINE_DAYS,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  REPORT_STATE_LABELS,
} from '@bianban/contracts';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { JobInfo } from '../../api/types';
import { useSession } from '../../auth/SessionContext';
import { formatDateTime } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { useNotify } from '../../components/useNotify';
import { JobDownload } from '../jobs/JobDownload';
import { Digest } from './PublicPortalPage';
import {
  publicationApi,
  type DeadlineRowT,
  type PreflightT,
  type PublicationInfoT,
  type ReportSummaryT,
} from './publicationApi';

type Kind = (typeof REPORT_KINDS)[number];

function DeadlineTag({ row }: { row: DeadlineRowT }) {
  switch (row.status) {
    case 'overdue':
      return <Tag color="red">已逾期 {-(row.daysLeft ?? 0)} 天</Tag>;
    case 'due':
      return (
        <Tag color={row.daysLeft! <= 5 ? 'orange' : 'blue'}>
          {row.daysLeft === 0 ? '今日到期' : `还剩 ${row.daysLeft} 天`}
        </Tag>
      );
    case 'publishedOnTime':
      return <Tag color="green">{DEADLINE_STATUS_LABELS.publishedOnTime}</Tag>;
    case 'publishedLate':
      return <Tag color="volcano">{DEADLINE_STATUS_LABELS.publishedLate}</Tag>;
    default:
      return <Tag>{DEADLINE_STATUS_LABELS.noApproval}</Tag>;
  }
}

/** The publish dialog: the checks (errors block), a reason per warning, the 批复日期 for 预决算. */
function PublishModal({ report, onClose }: { report: ReportSummaryT | null; onClose: (published: boolean) => void }) {
  const notify = useNotify();
  const [pre, setPre] = useState<PreflightT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [approvedOn, setApprovedOn] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPre(null);
    setError(null);
    setReasons({});
    if (!report) return;
    publicationApi.preflight(report.id).then(
      (p) => {
        setPre(p);
        setApprovedOn(p.approvedOn);
      },
      (e: unknown) => setError(e),
    );
  }, [report]);

  const warnings = pre?.findings.filter((f) => f.severity === 'warning') ?? [];
  const errors = pre?.findings.filter((f) => f.severity === 'error') ?? [];
  const ready =
    !!pre &&
    errors.length === 0 &&
    !pre.published &&
    warnings.every((w) => (reasons[w.key] ?? '').trim().length >= 2) &&
    (!pre.deadlineApplies || !!approvedOn);

  const submit = async () => {
    if (!report || !pre) return;
    setBusy(true);
    try {
      await publicationApi.publish(report.id, {
        ...(pre.deadlineApplies && approvedOn ? { approvedOn } : {}),
        acceptWarnings: warnings.map((w) => ({ key: w.key, reason: reasons[w.key]!.trim() })),
      });
      notify.success('已公开');
      onClose(true);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!report}
      title={`公开：${report?.title ?? ''}`}
      width={760}
      okText="公开"
      okButtonProps={{ disabled: !ready, loading: busy, 'data-testid': 'publish-confirm' }}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error instanceof Error ? error.message : '检查失败'} /> : null}
      {!pre && !error ? <Spin /> : null}
      {pre ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {pre.published ? <Alert type="info" showIcon title="该报告已公开；如需重新公开，请先撤回" /> : null}
          {errors.length ? (
            <Alert
              type="error"
              showIcon
              title={`一致性检查发现 ${errors.length} 项错误，修改报告后才能公开`}
              description={
                <List size="small" dataSource={errors} renderItem={(f) => <List.Item>{f.message}</List.Item>} />
              }
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={`一致性检查无错误${warnings.length ? `，有 ${warnings.length} 项警告` : ''}`}
            />
          )}
          {warnings.length && !errors.length ? (
            <Card size="small" title="警告：请逐项说明接受理由（将随报告公开）">
              {warnings.map((w) => (
                <Form.Item key={w.key} label={w.message} layout="vertical" required>
                  <Input.TextArea
                    rows={2}
                    value={reasons[w.key] ?? ''}
                    onChange={(e) => setReasons((r) => ({ ...r, [w.key]: e.target.value }))}
                    placeholder="如：各分项四舍五入形成的尾差"
                  />
                </Form.Item>
              ))}
            </Card>
          ) : null}
          {pre.deadlineApplies ? (
            <Form.Item label={`批复日期（须在批复后 ${PUBLICATION_DEADLINE_DAYS} 日内公开）`} required>
              <DatePicker
                value={approvedOn ? dayjs(approvedOn) : null}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(d) => setApprovedOn(d ? d.format('YYYY-MM-DD') : null)}
              />
            </Form.Item>
          ) : null}
          <Typography.Text type="secondary">
            公开时生成 DOCX、PDF、HTML 三种文件并固化保存，记录 PDF 的 SM3 摘要
            {pre.signing ? '，并以 SM2 签名' : '（未配置签名密钥，不签名）'}
            ；公开后报告不能再修改，撤回后可修改并重新公开。
          </Typography.Text>
        </Space>
      ) : null}
    </Modal>
  );
}

/** `/publication` (公开管理): 预决算 deadlines, publishing and withdrawal, the year's batch. */
export function PublicationPage() {
  const notify = useNotify();
  const { hasAny } = useSession();
  const canPublish = hasAny(['report.publish']);
  const [year, setYear] = useState(dayjs().year() - 1);
  const [deadlines, setDeadlines] = useState<DeadlineRowT[]>([]);
  const [reports, setReports] = useState<ReportSummaryT[]>([]);
  const [publications, setPublications] = useState<PublicationInfoT[]>([]);
  const [loading, setLoading] = useState(false);
  const [publishing, setPublishing] = useState<ReportSummaryT | null>(null);
  const [withdrawing, setWithdrawing] = useState<PublicationInfoT | null>(null);
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<{ row: DeadlineRowT; date: string | null } | null>(null);
  const [batchKind, setBatchKind] = useState<Kind>('finalAccounts');
  const [batchFormat, setBatchFormat] = useState<'pdf' | 'docx' | 'html'>('pdf');
  const [job, setJob] = useState<JobInfo | null>(null);
  const [finished, setFinished] = useState<JobInfo | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [d, r, p] = await Promise.all([
        publicationApi.deadlines(year),
        publicationApi.reports(year),
        publicationApi.list(year),
      ]);
      setDeadlines(d.items);
      setReports(r.items);
      setPublications(p.items);
    } catch (e) {
      notify.error(e);
    } finally {
      setLoading(false);
    }
  }, [year, notify]);

  useEffect(() => {
    void load();
  }, [load]);

  const deadlineColumns: TableProps<DeadlineRowT>['columns'] = [
    { title: '部门', dataIndex: 'unitName', key: 'unitName' },
    { title: '报告', dataIndex: 'title', key: 'title' },
    {
      title: '批复日期',
      dataIndex: 'approvedOn',
      key: 'approvedOn',
      render: (v: string | null, row) => (
        <Space>
          {v ?? '—'}
          {canPublish && row.status !== 'publishedOnTime' && row.status !== 'publishedLate' ? (
            <Button size="small" type="link" onClick={() => setApproval({ row, date: v })}>
              {v ? '修改' : '录入'}
            </Button>
          ) : null}
        </Space>
      ),
    },
    { title: '公开期限', dataIndex: 'dueOn', key: 'dueOn', render: (v: string | null) => v ?? '—' },
    { title: '公开日期', dataIndex: 'publishedOn', key: 'publishedOn', render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', render: (_, row) => <DeadlineTag row={row} /> },
  ];

  const reportColumns: TableProps<ReportSummaryT>['columns'] = [
    { title: '部门', dataIndex: 'unitName', key: 'unitName' },
    { title: '报告', dataIndex: 'title', key: 'title' },
    { title: '类型', dataIndex: 'kind', key: 'kind', render: (k: Kind) => REPORT_KIND_LABELS[k] },
    {
      title: '状态',
      dataIndex: 'state',
      key: 'state',
      render: (s: ReportSummaryT['state']) => (
        <Tag color={s === 'published' ? 'green' : undefined}>{REPORT_STATE_LABELS[s]}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) =>
        canPublish && r.state !== 'published' ? (
          <Button
            size="small"
            icon={<CloudUploadOutlined />}
            onClick={() => setPublishing(r)}
            data-testid="publish-open"
          >
            检查并公开
          </Button>
        ) : null,
    },
  ];

  const publicationColumns: TableProps<PublicationInfoT>['columns'] = [
    { title: '报告', dataIndex: 'title', key: 'title' },
    { title: '部门', dataIndex: 'unitName', key: 'unitName' },
    {
      title: '公开',
      key: 'published',
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(p.publishedAt)}</span>
          <Typography.Text type="secondary">{p.publishedBy}</Typography.Text>
        </Space>
      ),
    },
    { title: 'PDF 摘要', dataIndex: 'pdfSm3', key: 'pdfSm3', render: (v: string) => <Digest value={v} /> },
    {
      title: '签名',
      key: 'signature',
      render: (_, p) => (p.signature ? <Tag color="green">SM2</Tag> : <Tag>未签名</Tag>),
    },
    {
      title: '状态',
      key: 'state',
      render: (_, p) =>
        p.state === 'published' ? (
          <Tag color="green">已公开</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color="default">已撤回</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(p.withdrawnAt)} {p.withdrawnBy}：{p.withdrawReason}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: '警告说明',
      key: 'warnings',
      render: (_, p) =>
        p.acceptedWarnings.length
          ? p.acceptedWarnings.map((w) => (
              <div key={w.key} style={{ fontSize: 12 }}>
                {w.label}：{w.reason}
              </div>
            ))
          : '—',
    },
    {
      title: '文件',
      key: 'files',
      render: (_, p) => (
        <Space size={4}>
          {p.files.map((f) => (
            <Button key={f.format} size="small" href={publicationApi.fileUrl(p.id, f.format)} download>
              {f.format.toUpperCase()}
            </Button>
          ))}
          {canPublish && p.state === 'published' ? (
            <Button
              size="small"
              danger
              icon={<RollbackOutlined />}
              onClick={() => {
                setReason('');
                setWithdrawing(p);
              }}
            >
              撤回
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const startBatch = async () => {
    try {
      setFinished(null);
      setJob(await publicationApi.batch({ year, kind: batchKind, format: batchFormat }));
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <span>年度</span>
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="publication-year"
          />
          <Button onClick={() => void load()}>刷新</Button>
          <a href="/public" target="_blank" rel="noreferrer">
            打开公开页面
          </a>
        </Space>
      </Card>
      <Card title={`预决算公开时限（批复后 ${PUBLICATION_DEADLINE_DAYS} 日内公开）`}>
        <Table
          rowKey="reportId"
          size="small"
          loading={loading}
          columns={deadlineColumns}
          dataSource={deadlines}
          pagination={false}
          data-testid="deadline-table"
        />
      </Card>
      <Card title="报告">
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          columns={reportColumns}
          dataSource={reports}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      <Card title="公开记录">
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          columns={publicationColumns}
          dataSource={publications}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      <Card title="批量生成">
        <Space wrap>
          <Select<Kind>
            style={{ width: 240 }}
            value={batchKind}
            onChange={setBatchKind}
            options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))}
          />
          <Select
            style={{ width: 100 }}
            value={batchFormat}
            onChange={setBatchFormat}
            options={[
              { value: 'pdf', label: 'PDF' },
              { value: 'docx', label: 'DOCX' },
              { value: 'html', label: 'HTML' },
            ]}
          />
          <Button type="primary" icon={<FileZipOutlined />} onClick={() => void startBatch()} data-testid="batch-start">
            生成{year}年全部部门报告（ZIP）
          </Button>
        </Space>
        {job ? (
          <div style={{ marginTop: 12 }}>
            <JobProgress key={job.id} jobId={job.id} initial={job} onDone={setFinished} />
            {finished ? <JobDownload job={finished} /> : null}
          </div>
        ) : null}
      </Card>

      <PublishModal
        report={publishing}
        onClose={(published) => {
          setPublishing(null);
          if (published) void load();
        }}
      />
      <Modal
        open={!!withdrawing}
        title={`撤回：${withdrawing?.title ?? ''}`}
        okText="撤回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setWithdrawing(null)}
        onOk={() => {
          if (!withdrawing) return;
          publicationApi.withdraw(withdrawing.id, reason.trim()).then(
            () => {
              notify.success('已撤回；记录和文件保留');
              setWithdrawing(null);
              void load();
            },
            (e: unknown) => notify.error(e),
          );
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">撤回后公开页面不再提供该报告，公开记录和文件保留。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="撤回理由（必填）"
        />
      </Modal>
      <Modal
        open={!!approval}
        title={`批复日期：${approval?.row.title ?? ''}`}
        okButtonProps={{ disabled: !approval?.date }}
        onCancel={() => setApproval(null)}
        onOk={() => {
          if (!approval?.date) return;
          publicationApi.approval(approval.row.reportId, approval.date).then(
            () => {
              setApproval(null);
              void load();
            },
            (e: unknown) => notify.error(e),
          );
        }}
        destroyOnHidden
      >
        <DatePicker
          value={approval?.date ? dayjs(approval.date) : null}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => setApproval((a) => (a ? { ...a, date: d ? d.format('YYYY-MM-DD') : null } : a))}
        />
      </Modal>
    </Space>
  );
}
