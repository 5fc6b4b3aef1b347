/**
 * `/registration/annual-reports`: 年度报告 — the institution user's reports and the office's worklist
 * (submitted first). 填报年度报告 creates a draft for an institution in the user's scope.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ANNUAL_REPORT_STATE_LABELS, ANNUAL_REPORT_STATES, type AnnualReportState } from '@bianban/contracts';
import { Button, Card, Form, InputNumber, Modal, Select, Space, Table, Tag, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  annualApi,
  type AnnualReportListT,
  type AnnualReportSummaryT,
  type FilableListT,
} from '../../api/annualReportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';

const STATE_COLORS: Record<AnnualReportState, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  reviewed: 'blue',
  published: 'success',
};

export function AnnualStateTag({ state, testId }: { state: AnnualReportState; testId?: string }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId}>
      {ANNUAL_REPORT_STATE_LABELS[state]}
    </Tag>
  );
}

export const lastYear = () => new Date().getFullYear() - 1;

function NewReportModal({ onCancel, onCreated }: { onCancel: () => void; onCreated: (id: string) => void }) {
  const [list, setList] = useState<FilableListT['items']>([]);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState<number>(lastYear());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    annualApi
      .filable()
      .then((r) => {
        setList(r.items);
        if (r.items.length === 1) setUnitId(r.items[0]!.unitId);
      })
      .catch(setError);
  }, []);
  const create = async () => {
    if (!unitId) return setError(new Error('请选择事业单位'));
    setBusy(true);
    setError(null);
    try {
      onCreated((await annualApi.create(unitId, year)).id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="填报年度报告"
      onCancel={onCancel}
      onOk={create}
      confirmLoading={busy}
      okText="起草"
      okButtonProps={{ 'data-testid': 'annual-new-submit' } as never}
    >
      <Form layout="vertical">
        <Form.Item label="事业单位" required>
          <Select
            data-testid="annual-new-unit"
            showSearch={{ optionFilterProp: 'label' }}
            value={unitId}
            onChange={setUnitId}
            options={list.map((i) => ({ value: i.unitId, label: `${i.name}（${i.uscc}）` }))}
            placeholder="选择事业单位"
          />
        </Form.Item>
        <Form.Item label="报告年度" required extra="报告上一年度的情况，次年3月31日前报送">
          <InputNumber
            data-testid="annual-new-year"
            value={year}
            min={2000}
            max={lastYear()}
            onChange={(v) => v && setYear(v)}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} testId="annual-new-error" />
    </Modal>
  );
}

export function AnnualReportsPage() {
  const { hasAny } = useSession();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | null>(null);
  const [state, setState] = useState<AnnualReportState | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AnnualReportListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    const c = new AbortController();
    annualApi
      .list({ year: year ?? undefined, state, page, pageSize: 50 }, c.signal)
      .then((r) => {
        setData(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e);
      });
    return () => c.abort();
  }, [year, state, page]);
  useEffect(load, [load]);

  const columns: TableProps<AnnualReportSummaryT>['columns'] = [
    {
      title: '单位',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/registration/annual-reports/${r.id}`} data-testid="annual-open">
          {name}
        </Link>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
    { title: '年度', dataIndex: 'year', width: 70 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: AnnualReportState) => <AnnualStateTag state={s} testId="annual-row-state" />,
    },
    {
      title: '报送',
      key: 'submitted',
      width: 190,
      render: (_, r) =>
        r.submittedOn ? (
          <Space size={4}>
            {r.submittedOn}
            {r.late ? <Tag color="volcano">逾期{r.lateDays}天</Tag> : null}
          </Space>
        ) : (
          <span>截止 {r.dueOn}</span>
        ),
    },
    { title: '公示日期', dataIndex: 'publishedOn', width: 110, render: (d: string | null) => d ?? '—' },
  ];

  return (
    <Card
      title="事业单位法人年度报告"
      extra={
        <Space>
          <InputNumber placeholder="年度" value={year} onChange={(v) => setYear(v)} data-testid="annual-filter-year" />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={state}
            onChange={setState}
            options={ANNUAL_REPORT_STATES.map((s) => ({ value: s, label: ANNUAL_REPORT_STATE_LABELS[s] }))}
          />
          <Button icon={<ReloadOutlined />} onClick={load} />
          {hasAny(['annualReport.file']) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="annual-new">
              填报年度报告
            </Button>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Table
        rowKey="id"
        size="small"
        data-testid="annual-table"
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 份`,
        }}
      />
      {creating ? (
        <NewReportModal
          onCancel={() => setCreating(false)}
          onCreated={(rid) => navigate(`/registration/annual-reports/${rid}`)}
        />
      ) : null}
    </Card>
  );
}
