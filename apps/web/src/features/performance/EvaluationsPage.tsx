/**
 * `/performance/evaluations`: department self-evaluations (绩效自评) by year and department, with
 * 新建 for evaluation.edit and two comparisons drawn from the same list: totals across departments
 * for a year, and across years for a department.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CreateEvaluationBody } from '@bianban/contracts';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  evaluationsApi,
  frameworksApi,
  type EvaluationSummaryT,
  type FrameworkSummaryT,
} from '../../api/performanceApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatTotal } from '../../components/format';
import { testId } from '../../components/testId';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree, type UnitTreeState } from '../../components/useUnitTree';
import { EvaluationStateTag, GradeTag } from './performanceLabels';
import { EChart, type EChartOption } from '../dashboard/EChart';

const lastYear = () => new Date().getFullYear() - 1;

/** One evaluation per department and year for the charts: the most recently updated. */
function latestPer(items: readonly EvaluationSummaryT[], key: (e: EvaluationSummaryT) => string) {
  const map = new Map<string, EvaluationSummaryT>();
  for (const e of items) {
    const k = key(e);
    const seen = map.get(k);
    if (!seen || seen.updatedAt < e.updatedAt) map.set(k, e);
  }
  return [...map.values()];
}

/** Details fetched for the charts, at most this many (one request each). */
const CHART_DETAILS = 40;

function barOption(
  labels: string[],
  values: (number | null)[],
  name: string,
  exec: (number | null)[],
): EChartOption {
  const withExec = exec.some((v) => v !== null);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 24, bottom: 80 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0 },
    series: [
      { type: 'bar', name, data: values, barMaxWidth: 40, label: { show: true, position: 'top' } },
      ...(withExec
        ? [
            {
              type: 'bar' as const,
              name: '预算执行率（%）',
              data: exec,
              barMaxWidth: 40,
              label: { show: true, position: 'top' as const },
            },
          ]
        : []),
    ],
  };
}

function CreateEvaluationModal({
  units,
  frameworks,
  onCancel,
  onCreated,
}: {
  units: UnitTreeState;
  frameworks: readonly FrameworkSummaryT[];
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState<number>(lastYear());
  const [versionId, setVersionId] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const options = frameworks.flatMap((f) =>
    f.versions
      .filter((v) => v.state === 'published')
      .map((v) => ({ value: v.id, label: `${f.name} 第${v.version}版` })),
  );

  const submit = async () => {
    const parsed = CreateEvaluationBody.safeParse({ unitId, year, frameworkVersionId: versionId });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      onCreated((await evaluationsApi.create(parsed.data)).id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="新建绩效自评"
      okText="创建"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={testId('eval-new-submit')}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="部门" required>
          <UnitPicker
            treeData={units.treeData}
            value={unitId}
            onChange={setUnitId}
            placeholder="选择部门"
            testId="eval-new-unit"
          />
        </Form.Item>
        <Form.Item label="年度" required>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => setYear(typeof v === 'number' ? v : lastYear())}
            data-testid="eval-new-year"
          />
        </Form.Item>
        <Form.Item label="指标体系（已发布版本）" required help="创建后版本即冻结，不随指标体系后续修订而变化。">
          <Select
            value={versionId}
            onChange={setVersionId}
            options={options}
            placeholder={options.length ? '选择版本' : '尚无已发布的指标体系'}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="eval-new-framework"
          />
        </Form.Item>
      </Form>
      {problem ? <ErrorAlert error={new Error(problem)} /> : null}
      <ErrorAlert error={error} testId="eval-new-error" />
    </Modal>
  );
}

export function EvaluationsPage() {
  const { has } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const units = useUnitTree();
  const [items, setItems] = useState<EvaluationSummaryT[]>([]);
  const [frameworks, setFrameworks] = useState<FrameworkSummaryT[]>([]);
  const [loading, setLoading] = useState(false);
  const [year, setYear] = useState<number | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [execRates, setExecRates] = useState<ReadonlyMap<string, number | null>>(new Map());

  const load = useCallback(async () => {
    setLoading(true);
    setExecRates(new Map());
    try {
      const [list, fws] = await Promise.all([evaluationsApi.list(), frameworksApi.list()]);
      setItems(list.items);
      setFrameworks(fws.items);
    } catch (e) {
      notify.error(e);
    } finally {
      setLoading(false);
    }
  }, [notify]);

  useEffect(() => {
    void load();
  }, [load]);

  const years = useMemo(() => [...new Set(items.map((e) => e.year))].sort((a, b) => b - a), [items]);
  const shown = items.filter(
    (e) => (year === undefined || e.year === year) && (unitId === undefined || e.unitId === unitId),
  );

  // Comparisons: the filter's year (else the latest), the filter's department (else the first listed).
  const chartYear = year ?? years[0];
  const chartUnit = unitId ?? items[0]?.unitId;
  const acrossUnits = useMemo(
    () =>
      latestPer(
        items.filter((e) => e.year === chartYear),
        (e) => e.unitId,
      ).sort((a, b) => Number(b.total ?? -1) - Number(a.total ?? -1)),
    [items, chartYear],
  );
  const acrossYears = useMemo(
    () =>
      latestPer(
        items.filter((e) => e.unitId === chartUnit),
        (e) => String(e.year),
      ).sort((a, b) => a.year - b.year),
    [items, chartUnit],
  );
  // 预算执行率 of the charted evaluations, from their details (when the framework reads it).
  useEffect(() => {
    const wanted = [...new Set([...acrossUnits, ...acrossYears].map((e) => e.id))]
      .filter((id) => !execRates.has(id))
      .slice(0, CHART_DETAILS);
    if (!wanted.length) return;
    const controller = new AbortController();
    Promise.all(
      wanted.map((id) =>
        evaluationsApi.get(id, controller.signal).then(
          (d) => {
            const m = d.metrics.find((x) => x.key === 'budgetExecutionRate');
            return [id, m?.ok && m.display !== null ? Number(m.display) : null] as const;
          },
          () => [id, null] as const,
        ),
      ),
    ).then(
      (pairs) => {
        if (controller.signal.aborted) return;
        setExecRates((prev) => new Map([...prev, ...pairs]));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [acrossUnits, acrossYears, execRates]);

  const unitsOption = useMemo(
    () =>
      barOption(
        acrossUnits.map((e) => e.unitName),
        acrossUnits.map((e) => (e.total === null ? null : Number(e.total))),
        `${chartYear ?? ''}年度自评总分`,
        acrossUnits.map((e) => execRates.get(e.id) ?? null),
      ),
    [acrossUnits, chartYear, execRates],
  );
  const yearsOption = useMemo(
    () =>
      barOption(
        acrossYears.map((e) => `${e.year}年`),
        acrossYears.map((e) => (e.total === null ? null : Number(e.total))),
        '自评总分',
        acrossYears.map((e) => execRates.get(e.id) ?? null),
      ),
    [acrossYears, execRates],
  );

  const columns: TableProps<EvaluationSummaryT>['columns'] = [
    {
      title: '部门',
      key: 'unit',
      render: (_, e, i) => (
        <Link to={`/performance/evaluations/${e.id}`} data-testid={`eval-link-${i}`}>
          {e.unitName}
        </Link>
      ),
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
    { title: '指标体系', key: 'framework', render: (_, e) => `${e.frameworkName} 第${e.frameworkVersion}版` },
    {
      title: '状态',
      key: 'state',
      width: 110,
      render: (_, e, i) => <EvaluationStateTag state={e.state} testId={`eval-row-state-${i}`} />,
    },
    { title: '自评总分', key: 'total', width: 100, align: 'right', render: (_, e) => e.total ?? '—' },
    { title: '等级', key: 'grade', width: 70, render: (_, e) => <GradeTag grade={e.grade} /> },
    { title: '更新时间', key: 'updatedAt', width: 170, render: (_, e) => formatDateTime(e.updatedAt) },
  ];

  const chartUnitName = items.find((e) => e.unitId === chartUnit)?.unitName ?? '';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="部门整体支出绩效自评"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              刷新
            </Button>
            {has('evaluation.edit') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="eval-new">
                新建自评
              </Button>
            ) : null}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder="全部年度"
            style={{ width: 140 }}
            value={year}
            onChange={(v?: number) => setYear(v)}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
            data-testid="eval-filter-year"
          />
          <div style={{ width: 280 }}>
            <UnitPicker
              treeData={units.treeData}
              value={unitId}
              onChange={setUnitId}
              placeholder="全部部门"
              testId="eval-filter-unit"
            />
          </div>
        </Space>
        {units.error ? <ErrorAlert error={new Error(units.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<EvaluationSummaryT>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={loading}
          size="middle"
          pagination={{ pageSize: 20, showTotal: formatTotal, hideOnSinglePage: true }}
          data-testid="eval-table"
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={chartYear ? `${chartYear}年度各部门自评总分` : '各部门自评总分'}>
            {acrossUnits.length ? (
              <EChart option={unitsOption} testId="eval-chart-units" />
            ) : (
              <Empty description="暂无自评" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={chartUnitName ? `${chartUnitName}历年自评总分` : '部门历年自评总分'}>
            {acrossYears.length ? (
              <EChart option={yearsOption} testId="eval-chart-years" />
            ) : (
              <Empty description="暂无自评" />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">
        图中每个部门每年取最近更新的一份自评；总分为空表示仍有指标未能评分。选择上方的年度或部门可切换对比对象。
      </Typography.Paragraph>
      {creating ? (
        <CreateEvaluationModal
          units={units}
          frameworks={frameworks}
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            notify.success('已创建绩效自评');
            navigate(`/performance/evaluations/${id}`);
          }}
        />
      ) : null}
    </Space>
  );
}
