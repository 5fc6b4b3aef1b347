import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { personsApi } from '../../api/endpoints';
import type { PersonSummaryT } from '../../api/types';
import { formatTotal } from '../../components/format';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { useSession } from '../../auth/SessionContext';
import { CreatePersonModal } from './CreatePersonModal';
import { personColumns } from './personColumns';

const PAGE_SIZE = 50;

/** `/roster/persons`: the roster with server paging, name search and a unit filter. */
export function PersonsPage() {
  const { has } = useSession();
  const notify = useNotify();
  const units = useUnitTree();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [data, setData] = useState<{ items: PersonSummaryT[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    personsApi
      .list({ q: q || undefined, unitId, page, pageSize }, controller.signal)
      .then(setData, (e: unknown) => notify.error(e))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [q, unitId, page, pageSize, version, notify]);

  const applySearch = (value: string) => {
    const next = value.trim();
    if (next === q) return;
    setQ(next);
    setPage(1);
  };
  // Search as the user types (after a short pause).
  useEffect(() => {
    const timer = window.setTimeout(() => applySearch(typed), 350);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const columns = useMemo(() => personColumns(), []);

  return (
    <Card
      title="人员名册"
      extra={
        <Space wrap>
          <div style={{ width: 260 }}>
            <UnitPicker
              treeData={units.treeData}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                setPage(1);
              }}
              placeholder="全部单位"
              loading={!units.tree && !units.error}
              testId="persons-unit-filter"
            />
          </div>
          <Input
            placeholder="按姓名查找"
            prefix={<SearchOutlined />}
            allowClear
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onPressEnter={() => applySearch(typed)}
            style={{ width: 200 }}
            data-testid="persons-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)}>
            刷新
          </Button>
          {has('roster.edit') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="person-create"
            >
              登记人员
            </Button>
          ) : null}
        </Space>
      }
    >
      <div data-testid="persons-table">
        <Table<PersonSummaryT>
          rowKey="id"
          virtual
          columns={columns}
          dataSource={data.items}
          loading={loading}
          size="small"
          scroll={{ x: 1150, y: 560 }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200, 500],
            showTotal: formatTotal,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </div>
      <CreatePersonModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(person) => {
          setCreating(false);
          notify.success(`已登记：${person.name}`);
          setVersion((v) => v + 1);
        }}
      />
    </Card>
  );
}
