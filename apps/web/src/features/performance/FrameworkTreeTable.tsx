/** A framework version's indicator tree, read-only: levels, points, 评分标准, the rule in words, the metric binding. */
import { METRICS, RULE_KIND_LABELS, type IndicatorNodeInput } from '@bianban/contracts';
import { Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { describeRule, levelLabel, unitOf } from './performanceLabels';

interface Row {
  key: string;
  node: IndicatorNodeInput;
  depth: number;
  children?: Row[];
}

function rowsOf(nodes: readonly IndicatorNodeInput[], depth: number): Row[] {
  return nodes.map((node) => ({
    key: node.key,
    node,
    depth,
    ...(node.children?.length ? { children: rowsOf(node.children, depth + 1) } : {}),
  }));
}

export function allKeys(nodes: readonly IndicatorNodeInput[]): string[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children ?? [])]);
}

export function FrameworkTreeTable({
  indicators,
  problemKeys,
}: {
  indicators: readonly IndicatorNodeInput[];
  /** Indicators named by a structural problem, marked red. */
  problemKeys?: ReadonlySet<string>;
}) {
  const rows = useMemo(() => rowsOf(indicators, 1), [indicators]);
  const expanded = useMemo(() => allKeys(indicators), [indicators]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const columns: TableProps<Row>['columns'] = [
    {
      title: '指标',
      key: 'name',
      width: 260,
      render: (_, r) => (
        <span data-testid={`fw-node-${r.node.key}`}>
          <Typography.Text type={problemKeys?.has(r.node.key) ? 'danger' : undefined} strong={r.depth === 1}>
            {r.node.key} {r.node.name}
          </Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {levelLabel(r.depth)}
          </Typography.Text>
        </span>
      ),
    },
    { title: '分值', key: 'points', width: 70, align: 'right', render: (_, r) => r.node.points },
    {
      title: '评分标准',
      key: 'guidance',
      render: (_, r) =>
        r.node.guidance ? (
          <Typography.Paragraph
            style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
            ellipsis={{ rows: 3, expandable: true }}
          >
            {r.node.guidance}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: '评分规则',
      key: 'rule',
      width: 300,
      render: (_, r) =>
        r.node.children?.length ? (
          <Typography.Text type="secondary">由下级指标汇总</Typography.Text>
        ) : (
          <span>
            {r.node.rule ? <Tag>{RULE_KIND_LABELS[r.node.rule.kind]}</Tag> : null}
            {describeRule(r.node.rule, unitOf(r.node))}
          </span>
        ),
    },
    {
      title: '数据来源',
      key: 'source',
      width: 190,
      render: (_, r) => {
        if (r.node.children?.length) return null;
        if (r.node.source?.kind === 'metric') {
          const m = METRICS[r.node.source.metric];
          return (
            <Tooltip title={`公式：${m.formula}`}>
              <Tag color="blue">{m.label}</Tag>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{m.formula}</div>
            </Tooltip>
          );
        }
        return <Tag>人工填报</Tag>;
      },
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      expandable={{
        expandedRowKeys: expanded.filter((k) => !collapsed.has(k)),
        onExpand: (open, r) => {
          const next = new Set(collapsed);
          if (open) next.delete(r.key);
          else next.add(r.key);
          setCollapsed(next);
        },
      }}
      scroll={{ x: 1000 }}
      data-testid="fw-tree"
    />
  );
}
