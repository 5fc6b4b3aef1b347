import { ExportOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES, type Role } from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { auditApi } from '../../api/endpoints';
import type { AuditQueryT, AuditRow, JobInfo } from '../../api/types';
import { formatDateTimeMs, formatTotal } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { JobDownload } from '../jobs/JobDownload';
import { useNotify } from '../../components/useNotify';
import { useSession } from '../../auth/SessionContext';

const PAGE_SIZE = 50;

interface FilterForm {
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Omit<AuditQueryT, 'page' | 'pageSize'>;

const RESULT_LABELS: Record<string, { text: string; color: string }> = {
  success: { text: '成功', color: 'success' },
  ok: { text: '成功', color: 'success' },
  failure: { text: '失败', color: 'error' },
  failed: { text: '失败', color: 'error' },
  fail: { text: '失败', color: 'error' },
  denied: { text: '拒绝', color: 'warning' },
  locked: { text: '锁定', color: 'warning' },
  error: { text: '错误', color: 'error' },
};

function roleLabel(role: string | null): string {
  if (!role) return '—';
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

function toFilters(values: FilterForm): Filters {
  const trim = (v?: string) => v?.trim() || undefined;
  const [from, to] = values.range ?? [null, null];
  return {
    username: trim(values.username),
    action: trim(values.action),
    objectType: trim(values.objectType),
    objectId: trim(values.objectId),
    from: from ? from.format() : undefined,
    to: to ? to.format() : undefined,
  };
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre className="json-block">
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

const columns: TableProps<AuditRow>['columns'] = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 90 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 200, render: (v: string) => formatDateTimeMs(v) },
  { title: '用户', dataIndex: 'username', key: 'username', render: (v: string | null) => v ?? '—' },
  { title: '角色', dataIndex: 'role', key: 'role', render: roleLabel },
  { title: 'IP', dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 210,
    render: (v: string) => (
      <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
        {v}
      </Typography.Text>
    ),
  },
  {
    title: '对象',
    key: 'object',
    ellipsis: true,
    render: (_, r) =>
      r.objectType || r.objectId ? (
        <span>
          {r.objectType ?? ''}
          {r.objectId ? <Typography.Text type="secondary"> {r.objectId}</Typography.Text> : null}
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '结果',
    dataIndex: 'result',
    key: 'result',
    render: (v: string) => {
      const label = RESULT_LABELS[v];
      return <Tag color={label?.color ?? 'default'}>{label?.text ?? v}</Tag>;
    },
  },
];

function VerifyResult({ job }: { job: JobInfo }) {
  if (job.state !== 'succeeded') return null;
  return (
    <Alert
      style={{ marginTop: 8 }}
      type="success"
      showIcon
      title={job.message ?? '审计链校验完成'}
      description={
        job.result != null ? <pre className="json-block">{JSON.stringify(job.result, null, 2)}</pre> : undefined
      }
      data-testid="audit-verify-result"
    />
  );
}

/** `/audit`: filterable audit log with before/after details, plus the audit-chain verification job. */
export function AuditPage() {
  const { has } = useSession();
  const notify = useNotify();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [data, setData] = useState<{ items: AuditRow[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [verifyJob, setVerifyJob] = useState<JobInfo | null>(null);
  const [verifyDone, setVerifyDone] = useState<JobInfo | null>(null);
  const [starting, setStarting] = useState(false);

  // Only the latest request may set the table: a slow earlier one must not overwrite a newer filter.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await auditApi.list({ ...filters, page, pageSize });
      if (ticket === latest.current) setData(result);
    } catch (e) {
      if (ticket === latest.current) notify.error(e);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [filters, page, pageSize, notify]);

  useEffect(() => {
    void load();
  }, [load]);

  const [exportJob, setExportJob] = useState<JobInfo | null>(null);
  const [exportDone, setExportDone] = useState<JobInfo | null>(null);
  const startExport = async () => {
    try {
      setExportDone(null);
      setExportJob(await auditApi.exportXlsx(filters));
    } catch (e) {
      notify.error(e);
    }
  };

  const startVerify = async () => {
    setStarting(true);
    try {
      setVerifyDone(null);
      setVerifyJob(await auditApi.verify());
    } catch (e) {
      notify.error(e);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="审计日志"
        extra={
          <Space>
            <Button icon={<ExportOutlined />} onClick={() => void startExport()} data-testid="audit-export">
              导出当前筛选结果
            </Button>
            {has('audit.verify') ? (
              <Button
                icon={<SafetyOutlined />}
                loading={starting}
                onClick={() => void startVerify()}
                data-testid="audit-verify"
              >
                校验审计链
              </Button>
            ) : null}
          </Space>
        }
      >
        {exportJob ? (
          <Card size="small" title="导出审计日志（XLSX）" style={{ marginBottom: 16 }}>
            <JobProgress jobId={exportJob.id} initial={exportJob} onDone={setExportDone} />
            {exportDone ? <JobDownload job={exportDone} /> : null}
          </Card>
        ) : null}
        {verifyJob ? (
          <Card size="small" title="审计链校验" style={{ marginBottom: 16 }}>
            <JobProgress jobId={verifyJob.id} initial={verifyJob} onDone={setVerifyDone} />
            {verifyDone ? <VerifyResult job={verifyDone} /> : null}
          </Card>
        ) : null}
        <Form<FilterForm>
          form={form}
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(1);
          }}
          data-testid="audit-filter"
        >
          <Row gutter={16}>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="用户名" name="username">
                <Input allowClear maxLength={64} data-testid="audit-username" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="操作" name="action">
                <Input allowClear maxLength={64} placeholder="如 auth.login.failed" data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="对象类型" name="objectType">
                <Input allowClear maxLength={64} data-testid="audit-object-type" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="对象编号" name="objectId">
                <Input allowClear maxLength={128} data-testid="audit-object-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16} xl={12}>
              <Form.Item label="时间范围" name="range">
                <DatePicker.RangePicker showTime style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={12} style={{ textAlign: 'right' }}>
              <Space>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setFilters({});
                    setPage(1);
                  }}
                >
                  重置
                </Button>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                  查询
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        <div data-testid="audit-table">
          <Table<AuditRow>
            rowKey="seq"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            size="small"
            scroll={{ x: 1100 }}
            expandable={{
              expandedRowRender: (r) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {r.requestId ? <Typography.Text type="secondary">请求编号：{r.requestId}</Typography.Text> : null}
                  <div style={{ display: 'flex', gap: 16 }}>
                    <JsonBlock title="变更前" value={r.before} />
                    <JsonBlock title="变更后" value={r.after} />
                  </div>
                </Space>
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: formatTotal,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
          />
        </div>
      </Card>
    </Space>
  );
}
