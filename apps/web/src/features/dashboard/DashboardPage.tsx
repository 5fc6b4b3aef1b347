import {
  Alert,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import type { DashboardResponse } from '@bianban/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { formatNumber } from '../../components/format';
import { fullErrorText, isReportable } from '../../components/useNotify';
import { EChart, type EChartOption } from './EChart';

type DashboardT = z.infer<typeof DashboardResponse>;
type OverUnitT = DashboardT['overUnits'][number];

const DATE = 'YYYY-MM-DD';
const MONTHS = 12;

const dashboardApi = {
  get: (query: { asOf: string; months: number }, signal?: AbortSignal) =>
    api.get<DashboardT>('/api/dashboard', { ...query }, signal),
};

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function totalsOption(d: DashboardT): EChartOption {
  const types = d.totals.filter((r) => r.type !== 'total');
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['核定', '实有'] },
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: types.map((r) => r.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '核定', type: 'bar', data: types.map((r) => r.approved) },
      { name: '实有', type: 'bar', data: types.map((r) => r.actual) },
    ],
  };
}

function sectorOption(d: DashboardT): EChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
        const s = p ? d.bySector[p.dataIndex] : undefined;
        return s
          ? `${s.sector}<br/>空编率 ${percent(s.vacancyRate)}<br/>核定 ${formatNumber(s.approved)}，实有 ${formatNumber(s.actual)}，空编 ${formatNumber(s.vacancy)}`
          : '';
      },
    },
    grid: { left: 48, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: d.bySector.map((s) => s.sector),
      axisLabel: { interval: 0, rotate: 30, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '空编率',
        type: 'bar',
        data: d.bySector.map((s) => Math.round(s.vacancyRate * 1000) / 10),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

function trendOption(d: DashboardT): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['上编', '下编'] },
    grid: { left: 40, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: d.trend.map((t) => t.month), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '上编', type: 'line', data: d.trend.map((t) => t.enrolled) },
      { name: '下编', type: 'line', data: d.trend.map((t) => t.disenrolled) },
    ],
  };
}

const overColumns: TableProps<OverUnitT>['columns'] = [
  { title: '单位', dataIndex: 'name', key: 'name', ellipsis: true },
  { title: '编制类型', dataIndex: 'label', key: 'label' },
  { title: '核定', dataIndex: 'approved', key: 'approved', align: 'right', render: (v: number) => formatNumber(v) },
  { title: '实有', dataIndex: 'actual', key: 'actual', align: 'right', render: (v: number) => formatNumber(v) },
  {
    title: '超编',
    dataIndex: 'over',
    key: 'over',
    align: 'right',
    render: (v: number) => <Typography.Text type="danger">{formatNumber(v)}</Typography.Text>,
  },
];

/** 统计看板: establishment totals, vacancy rate by sector, units over establishment, monthly trend. */
export function DashboardPage() {
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [data, setData] = useState<DashboardT | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    dashboardApi
      .get({ asOf: asOf.format(DATE), months: MONTHS }, controller.signal)
      .then(setData, (e: unknown) => {
        if (isReportable(e)) setError(fullErrorText(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [asOf]);

  const options = useMemo(
    () => (data ? { totals: totalsOption(data), sectors: sectorOption(data), trend: trendOption(data) } : null),
    [data],
  );
  const total = data?.totals.find((r) => r.type === 'total');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Card
        title={
          <Space>
            统计看板
            <Typography.Text type="secondary">{data ? `${data.scopeName}（截至 ${data.asOf}）` : ''}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <span>截至日期</span>
            <DatePicker
              value={asOf}
              onChange={(d: Dayjs | null) => setAsOf(d ?? dayjs())}
              allowClear={false}
              format={DATE}
              data-testid="dash-as-of"
            />
          </Space>
        }
      >
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {!data && !error ? <Spin /> : null}
        {data ? (
          <Typography.Text type="secondary">
            编外人员尚未纳入统计。上编/下编按在编人员起止日期计，划转（撤并单位时人员随编制转移）不计入。
          </Typography.Text>
        ) : null}
      </Card>
      {data && options && total ? (
        <Spin spinning={loading}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="编制总体情况" style={{ height: '100%' }}>
                <Row gutter={16}>
                  <Col span={6}>
                    <Statistic
                      title="核定编制"
                      value={total.approved}
                      formatter={(v) => <span data-testid="dash-total-approved">{formatNumber(Number(v))}</span>}
                    />
                  </Col>
                  <Col span={6}>
                    <Statistic
                      title="实有人员"
                      value={total.actual}
                      formatter={(v) => <span data-testid="dash-total-actual">{formatNumber(Number(v))}</span>}
                    />
                  </Col>
                  <Col span={6}>
                    <Statistic title="空编" value={total.vacancy} formatter={(v) => formatNumber(Number(v))} />
                  </Col>
                  <Col span={6}>
                    <Statistic
                      title="超编"
                      value={total.over}
                      formatter={(v) => formatNumber(Number(v))}
                      styles={total.over > 0 ? { content: { color: '#cf1322' } } : undefined}
                    />
                  </Col>
                </Row>
                {data.totals.length > 1 ? (
                  <EChart option={options.totals} testId="dash-totals-chart" />
                ) : (
                  <Empty description="暂无编制数据" />
                )}
                <Typography.Text type="secondary">
                  领导职数：
                  {data.posts
                    .map((p) => `${p.label} 核定 ${p.approved}、实有 ${p.actual}${p.over ? `、超配 ${p.over}` : ''}`)
                    .join('；')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title="各系统空编率"
                extra={
                  <Typography.Text type="secondary">
                    {data.sectorBy === 'unit' ? '按顶层单位（系统）' : '按顶层单位类别'}
                  </Typography.Text>
                }
                style={{ height: '100%' }}
              >
                {data.bySector.length ? (
                  <EChart option={options.sectors} height={340} testId="dash-sector-chart" />
                ) : (
                  <Empty description="暂无编制数据" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title="超编单位"
                extra={<Typography.Text type="secondary">按超编数排序，前 20 项</Typography.Text>}
                style={{ height: '100%' }}
              >
                <div data-testid="dash-over-table">
                  <Table<OverUnitT>
                    rowKey={(r) => `${r.unitId}|${r.type}`}
                    size="small"
                    columns={overColumns}
                    dataSource={data.overUnits}
                    pagination={false}
                    locale={{ emptyText: '无超编单位' }}
                  />
                </div>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={`月度上编/下编趋势（近 ${data.months} 个月）`} style={{ height: '100%' }}>
                <EChart option={options.trend} height={320} testId="dash-trend-chart" />
              </Card>
            </Col>
          </Row>
        </Spin>
      ) : null}
    </Space>
  );
}
