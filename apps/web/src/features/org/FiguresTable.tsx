import { ESTABLISHMENT_TYPES } from '@bianban/contracts';
import { Table, Typography, type TableProps } from 'antd';
import type { FigureRowT, FiguresResponseT } from '../../api/types';
import { formatDelta, formatNumber } from '../../components/format';

interface Row extends FigureRowT {
  compare: FigureRowT | null;
}

const FIELDS = ['approved', 'actual', 'vacancy', 'over'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_TITLES: Record<Field, string> = { approved: '核定', actual: '实有', vacancy: '空编', over: '超编' };

function emptyRow(type: string, label: string): FigureRowT {
  return { type, label, approved: 0, actual: 0, vacancy: 0, over: 0 };
}

/** Rows per establishment type (also those only present on the comparison date), then 合计. */
function rowsOf(figures: FiguresResponseT): Row[] {
  const now = new Map(figures.establishment.map((r) => [r.type, r]));
  const then = new Map((figures.compare?.establishment ?? []).map((r) => [r.type, r]));
  const order = (type: string) => {
    const i = (ESTABLISHMENT_TYPES as readonly string[]).indexOf(type);
    return i < 0 ? ESTABLISHMENT_TYPES.length : i;
  };
  const types = [...new Set([...now.keys(), ...then.keys()])].sort((a, b) => order(a) - order(b));
  const rows: Row[] = types.map((type) => {
    const label = now.get(type)?.label ?? then.get(type)?.label ?? type;
    return {
      ...(now.get(type) ?? emptyRow(type, label)),
      compare: figures.compare ? (then.get(type) ?? emptyRow(type, label)) : null,
    };
  });
  rows.push({ ...figures.total, type: 'total', label: '合计', compare: figures.compare?.total ?? null });
  return rows;
}

function cell(testId: string, value: number, tone?: 'danger' | 'warning') {
  return (
    <Typography.Text data-testid={testId} type={value > 0 ? tone : undefined}>
      {formatNumber(value)}
    </Typography.Text>
  );
}

function deltaCell(testId: string, value: number) {
  return (
    <Typography.Text data-testid={testId} type={value < 0 ? 'danger' : value > 0 ? 'success' : 'secondary'}>
      {formatDelta(value)}
    </Typography.Text>
  );
}

/**
 * 编制类型 × 核定 / 实有 / 空编 / 超编, a 合计 row, and — with a comparison date — 对比 columns.
 * Each number carries `fig-<type>-<field>` (the total row `fig-total-<field>`).
 */
export function FiguresTable({
  figures,
  loading,
  testId = 'figures-table',
}: {
  figures: FiguresResponseT | null;
  loading?: boolean;
  testId?: string;
}) {
  const rows = figures ? rowsOf(figures) : [];
  const columns: TableProps<Row>['columns'] = [
    {
      title: '编制类型',
      key: 'label',
      render: (_, r) => (r.type === 'total' ? <Typography.Text strong>合计</Typography.Text> : r.label),
    },
    ...FIELDS.map((field) => ({
      title: FIELD_TITLES[field],
      key: field,
      align: 'right' as const,
      render: (_: unknown, r: Row) => cell(`fig-${r.type}-${field}`, r[field], field === 'over' ? 'danger' : undefined),
    })),
  ];
  if (figures?.compare) {
    columns.push({
      title: `对比（${figures.compare.asOf}）`,
      key: 'compare',
      children: [
        {
          title: '核定',
          key: 'cmp-approved',
          align: 'right',
          render: (_, r) => (r.compare ? cell(`fig-${r.type}-cmp-approved`, r.compare.approved) : '—'),
        },
        {
          title: '实有',
          key: 'cmp-actual',
          align: 'right',
          render: (_, r) => (r.compare ? cell(`fig-${r.type}-cmp-actual`, r.compare.actual) : '—'),
        },
        {
          title: '核定增减',
          key: 'delta-approved',
          align: 'right',
          render: (_, r) =>
            r.compare ? deltaCell(`fig-${r.type}-approved-delta`, r.approved - r.compare.approved) : '—',
        },
        {
          title: '实有增减',
          key: 'delta-actual',
          align: 'right',
          render: (_, r) => (r.compare ? deltaCell(`fig-${r.type}-actual-delta`, r.actual - r.compare.actual) : '—'),
        },
      ],
    });
  }
  return (
    <div data-testid={testId}>
      <Table<Row>
        rowKey="type"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        rowClassName={(r) => (r.type === 'total' ? 'figures-total-row' : '')}
      />
    </div>
  );
}

/** 正职 / 副职领导职数: 核定、实有、空缺、超配 (`post-<level>-<field>`). */
export function PostsTable({ figures, loading }: { figures: FiguresResponseT | null; loading?: boolean }) {
  const columns: TableProps<FigureRowT>['columns'] = [
    { title: '领导职数', dataIndex: 'label', key: 'label' },
    ...FIELDS.map((field) => ({
      title: field === 'vacancy' ? '空缺' : field === 'over' ? '超配' : FIELD_TITLES[field],
      key: field,
      align: 'right' as const,
      render: (_: unknown, r: FigureRowT) =>
        cell(`post-${r.type}-${field}`, r[field], field === 'over' ? 'danger' : undefined),
    })),
  ];
  return (
    <div data-testid="posts-table">
      <Table<FigureRowT>
        rowKey="type"
        size="small"
        bordered
        columns={columns}
        dataSource={figures?.posts ?? []}
        loading={loading}
        pagination={false}
      />
    </div>
  );
}
