/**
 * An evaluation's indicators as a tree table: points, self-score, the finance-adjusted score and
 * its reason, the explanation sentence (or the missing input in red), and on hover the metric's
 * formula and inputs with their sources. Row buttons: 填报 for manual leaves, 调整 in finance review.
 */
import { EditOutlined, FunctionOutlined } from '@ant-design/icons';
import { RuleSchema, type Rule } from '@bianban/contracts';
import { Button, Popover, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { IndicatorViewT, MetricViewT } from '../../api/performanceApi';
import { describeRule, levelLabel } from './performanceLabels';

interface Row {
  key: string;
  ind: IndicatorViewT;
  children?: Row[];
}

function buildRows(indicators: readonly IndicatorViewT[]): Row[] {
  const byParent = new Map<string | null, IndicatorViewT[]>();
  for (const i of indicators) {
    const list = byParent.get(i.parentKey) ?? [];
    list.push(i);
    byParent.set(i.parentKey, list);
  }
  const rowsOf = (parent: string | null): Row[] =>
    (byParent.get(parent) ?? []).map((ind) => {
      const children = rowsOf(ind.key);
      return { key: ind.key, ind, ...(children.length ? { children } : {}) };
    });
  return rowsOf(null);
}

/** The metric behind a value: formula, the value, each input with its source. */
export function MetricDetail({ metric }: { metric: MetricViewT }) {
  return (
    <div style={{ maxWidth: 460 }} data-testid={`metric-detail-${metric.key}`}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{metric.label}</Typography.Text>
        {metric.ok ? (
          <span>
            ＝{metric.display}
            {metric.unit}
          </span>
        ) : null}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        公式：{metric.formula}
      </Typography.Paragraph>
      {metric.inputs.length ? (
        <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
          <tbody>
            {metric.inputs.map((inp, i) => (
              <tr key={i}>
                <td style={{ paddingRight: 8 }}>{inp.label}</td>
                <td style={{ paddingRight: 8, textAlign: 'right' }}>{inp.value}</td>
                <td style={{ color: 'rgba(0,0,0,0.45)' }}>{inp.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {metric.error ? <Typography.Text type="danger">{metric.error}</Typography.Text> : null}
    </div>
  );
}

export function IndicatorTable({
  indicators,
  metrics,
  canEnter,
  canAdjust,
  showAdjusted,
  onEnter,
  onAdjust,
}: {
  indicators: readonly IndicatorViewT[];
  metrics: readonly MetricViewT[];
  canEnter: boolean;
  canAdjust: boolean;
  showAdjusted: boolean;
  onEnter: (ind: IndicatorViewT) => void;
  onAdjust: (ind: IndicatorViewT) => void;
}) {
  const rows = useMemo(() => buildRows(indicators), [indicators]);
  const metricByKey = useMemo(() => new Map(metrics.map((m) => [m.key, m])), [metrics]);
  const branchKeys = useMemo(
    () => indicators.filter((i) => indicators.some((c) => c.parentKey === i.key)).map((i) => i.key),
    [indicators],
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const ruleOf = (ind: IndicatorViewT): Rule | null => {
    const parsed = RuleSchema.safeParse(ind.rule);
    return parsed.success ? parsed.data : null;
  };
  const isLeaf = (ind: IndicatorViewT) => ind.ruleKind !== null || !branchKeys.includes(ind.key);

  const columns: TableProps<Row>['columns'] = [
    {
      title: '指标',
      key: 'name',
      width: 260,
      fixed: 'left',
      render: (_, { ind }) => {
        const rule = ruleOf(ind);
        const metric = ind.metricKey ? metricByKey.get(ind.metricKey) : undefined;
        const content = (
          <div style={{ maxWidth: 460 }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {levelLabel(ind.depth)}，{ind.points}分
            </Typography.Paragraph>
            {ind.guidance ? (
              <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
                评分标准：{ind.guidance}
              </Typography.Paragraph>
            ) : null}
            {rule ? (
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                规则：{describeRule(rule, metric?.unit ?? '')}
              </Typography.Paragraph>
            ) : null}
            {metric ? <MetricDetail metric={metric} /> : null}
          </div>
        );
        return (
          <Popover content={content} title={`${ind.key} ${ind.name}`} placement="right" mouseEnterDelay={0.3}>
            <span data-testid={`ind-name-${ind.key}`} style={{ cursor: 'help' }}>
              <Typography.Text strong={ind.depth === 1} type={ind.error ? 'danger' : undefined}>
                {ind.key} {ind.name}
              </Typography.Text>
            </span>
          </Popover>
        );
      },
    },
    { title: '分值', key: 'points', width: 64, align: 'right', render: (_, { ind }) => ind.points },
    {
      title: '自评得分',
      key: 'score',
      width: 86,
      align: 'right',
      render: (_, { ind }) =>
        ind.score !== null ? (
          <Typography.Text strong={ind.depth === 1} data-testid={`ind-score-${ind.key}`}>
            {ind.score}
          </Typography.Text>
        ) : (
          <Typography.Text type={ind.error ? 'danger' : 'secondary'} data-testid={`ind-score-${ind.key}`}>
            —
          </Typography.Text>
        ),
    },
    ...(showAdjusted
      ? [
          {
            title: '复核得分',
            key: 'adjusted',
            width: 150,
            render: (_: unknown, { ind }: Row) =>
              ind.adjustedScore !== null ? (
                <span data-testid={`ind-adjusted-${ind.key}`}>
                  <Typography.Text strong type={ind.adjustedScore !== ind.score ? 'warning' : undefined}>
                    {ind.adjustedScore}
                  </Typography.Text>
                  {ind.adjustmentReason ? (
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>理由：{ind.adjustmentReason}</div>
                  ) : null}
                </span>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    {
      title: '计分说明',
      key: 'explanation',
      render: (_, { ind }) => {
        if (ind.error)
          return (
            <Typography.Text type="danger" data-testid={`ind-error-${ind.key}`}>
              {ind.error}
            </Typography.Text>
          );
        return (
          <span data-testid={`ind-explanation-${ind.key}`}>
            {ind.explanation ?? (isLeaf(ind) ? '' : <Typography.Text type="secondary">下级指标合计</Typography.Text>)}
            {ind.entry?.reason && ind.ruleKind !== 'manual' ? (
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>说明：{ind.entry.reason}</div>
            ) : null}
          </span>
        );
      },
    },
    {
      title: '来源',
      key: 'source',
      width: 200,
      render: (_, { ind }) => {
        if (!isLeaf(ind)) return null;
        const metric = ind.metricKey ? metricByKey.get(ind.metricKey) : undefined;
        if (metric)
          return (
            <Popover content={<MetricDetail metric={metric} />} placement="left">
              <Tag icon={<FunctionOutlined />} color={metric.ok ? 'blue' : 'red'} style={{ cursor: 'help' }}>
                {metric.label}
                {metric.ok ? ` ${metric.display}${metric.unit}` : ''}
              </Tag>
            </Popover>
          );
        return <Tag>人工填报</Tag>;
      },
    },
    ...(canEnter || canAdjust
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, { ind }: Row) => {
              if (!isLeaf(ind)) return null;
              return (
                <Space size={0}>
                  {canEnter && ind.metricKey === null ? (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => onEnter(ind)}
                      data-testid={`entry-open-${ind.key}`}
                    >
                      填报
                    </Button>
                  ) : null}
                  {canAdjust ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => onAdjust(ind)}
                      data-testid={`adjust-open-${ind.key}`}
                    >
                      调整
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1000 }}
      expandable={{
        expandedRowKeys: branchKeys.filter((k) => !collapsed.has(k)),
        onExpand: (open, r) => {
          const next = new Set(collapsed);
          if (open) next.delete(r.key);
          else next.add(r.key);
          setCollapsed(next);
        },
      }}
      onRow={(r) => (r.ind.error ? { style: { background: '#fff1f0' } } : {})}
      data-testid="eval-indicators"
    />
  );
}
