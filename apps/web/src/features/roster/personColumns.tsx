import { Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import type { PersonSummaryT } from '../../api/types';
import { sexLabel, typeLabel } from '../../components/orgLabels';

/** Columns of a roster table; `withUnit: false` when the table is already about one unit. */
export function personColumns({ withUnit = true } = {}): NonNullable<TableProps<PersonSummaryT>['columns']> {
  const columns: NonNullable<TableProps<PersonSummaryT>['columns']> = [
    {
      title: '姓名',
      key: 'name',
      width: 120,
      render: (_, p) => (
        <Link to={`/roster/persons/${p.id}`} data-testid="person-link">
          {p.name}
        </Link>
      ),
    },
    { title: '性别', key: 'sex', width: 70, render: (_, p) => sexLabel(p.sex) },
    { title: '出生日期', dataIndex: 'birthDate', key: 'birthDate', width: 120 },
    {
      title: '身份证号',
      key: 'citizenId',
      width: 200,
      render: (_, p) => <Typography.Text code>{p.citizenId}</Typography.Text>,
    },
  ];
  if (withUnit)
    columns.push({
      title: '单位',
      key: 'unit',
      width: 200,
      ellipsis: true,
      render: (_, p) => p.current?.unitName ?? <Typography.Text type="secondary">不在编</Typography.Text>,
    });
  columns.push(
    { title: '编制类型', key: 'type', width: 180, render: (_, p) => (p.current ? typeLabel(p.current.type) : '—') },
    { title: '职务', key: 'post', width: 140, ellipsis: true, render: (_, p) => p.current?.post ?? '—' },
    { title: '上编日期', key: 'validFrom', width: 120, render: (_, p) => p.current?.validFrom ?? '—' },
  );
  return columns;
}
