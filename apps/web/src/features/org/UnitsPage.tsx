import { ApartmentOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Input, Row, Space, Spin, Table, Tree, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { figuresApi, personsApi, usePlansApi } from '../../api/endpoints';
import type { FiguresResponseT, PersonSummaryT, UsePlanSummaryT } from '../../api/types';
import { formatNumber, formatTotal } from '../../components/format';
import { allUnitIds, countUnits, filterUnitTree, toTreeData, type UnitTreeOption } from '../../components/units';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { useSession } from '../../auth/SessionContext';
import { personColumns } from '../roster/personColumns';
import { UsePlanTable } from '../roster/UsePlanTable';
import { CertificateButton } from './CertificateButton';
import { FiguresTable, PostsTable } from './FiguresTable';
import { OffEstablishmentPanel } from './OffEstablishmentPanel';
import { UnitHistory } from './UnitHistory';
import { UnitCodePanel } from '../codes/UnitCodePanel';

const DATE = 'YYYY-MM-DD';
const PERSON_PAGE_SIZE = 20;

interface TreeNode {
  key: string;
  title: ReactNode;
  children: TreeNode[];
}

/** The name with the searched part highlighted. */
function highlight(name: string, query: string) {
  const q = query.trim();
  const at = q ? name.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return name;
  return (
    <span>
      {name.slice(0, at)}
      <Typography.Text mark>{name.slice(at, at + q.length)}</Typography.Text>
      {name.slice(at + q.length)}
    </span>
  );
}

/** As-of figures of a unit (or the whole scope): date, optional comparison date, two tables. */
export function FiguresPanel({ unitId }: { unitId: string | null }) {
  const notify = useNotify();
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [compareTo, setCompareTo] = useState<Dayjs | null>(null);
  const [figures, setFigures] = useState<FiguresResponseT | null>(null);
  const [loading, setLoading] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    figuresApi
      .get(
        {
          unitId: unitId ?? undefined,
          asOf: asOf.format(DATE),
          compareTo: compareTo ? compareTo.format(DATE) : undefined,
        },
        controller.signal,
      )
      .then(setFigures, (e: unknown) => notify.error(e))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [unitId, asOf, compareTo, notify, reloads]);

  return (
    <Card
      title={
        <Space>
          编制情况
          <Typography.Text type="secondary" data-testid="figures-unit-name">
            {figures?.unitName ?? ''}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <span>截至日期</span>
          <DatePicker
            value={asOf}
            onChange={(d: Dayjs | null) => setAsOf(d ?? dayjs())}
            allowClear={false}
            format={DATE}
            data-testid="figures-as-of"
          />
          <span>同比日期</span>
          <DatePicker
            value={compareTo}
            onChange={(d: Dayjs | null) => setCompareTo(d)}
            format={DATE}
            placeholder="不对比"
            data-testid="figures-compare-to"
          />
          {unitId ? <CertificateButton unitId={unitId} asOf={asOf.format(DATE)} /> : null}
        </Space>
      }
    >
      <FiguresTable figures={figures} loading={loading} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        领导职数
      </Typography.Title>
      <PostsTable figures={figures} loading={loading} />
      <OffEstablishmentPanel figures={figures} unitId={unitId} onReported={() => setReloads((n) => n + 1)} />
    </Card>
  );
}

function UnitPersons({ unitId }: { unitId: string }) {
  const notify = useNotify();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: PersonSummaryT[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    personsApi
      .list({ unitId, page, pageSize: PERSON_PAGE_SIZE }, controller.signal)
      .then(setData, (e: unknown) => notify.error(e))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [unitId, page, notify]);

  const columns = useMemo(() => personColumns({ withUnit: false }), []);
  return (
    <div data-testid="unit-persons">
      <Table<PersonSummaryT>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PERSON_PAGE_SIZE,
          total: data.total,
          showSizeChanger: false,
          showTotal: formatTotal,
          onChange: setPage,
        }}
      />
    </div>
  );
}

function UnitUsePlans({ unitId }: { unitId: string }) {
  const notify = useNotify();
  const [items, setItems] = useState<UsePlanSummaryT[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    usePlansApi
      .list(unitId, controller.signal)
      .then(
        (r) => setItems(r.items),
        (e: unknown) => notify.error(e),
      )
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [unitId, notify]);
  return <UsePlanTable items={items} loading={loading} withUnit={false} testId="unit-use-plans" />;
}

/** `/org/units`: the unit tree on the left; figures of the selected unit (or 全区), its persons and use plans. */
export function UnitsPage() {
  const { has } = useSession();
  const { tree, error, index, reload } = useUnitTree();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const filtered = useMemo(() => filterUnitTree(tree?.roots ?? [], query), [tree, query]);
  const treeData = useMemo(() => {
    const decorate = (nodes: UnitTreeOption[]): TreeNode[] =>
      nodes.map((n) => ({ key: n.key, title: highlight(n.title, query), children: decorate(n.children) }));
    return decorate(toTreeData(filtered));
  }, [filtered, query]);

  // Expand everything on load and whenever the search changes.
  useEffect(() => setExpanded(allUnitIds(filtered)), [filtered]);

  const unit = selected ? index.get(selected) : undefined;
  const canRoster = has('roster.read');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="org-units-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <Card
            title={
              <Space>
                <ApartmentOutlined />
                {tree ? tree.regionName : '单位'}
              </Space>
            }
            extra={
              <Space size={4}>
                {tree ? (
                  <Typography.Text type="secondary">{formatNumber(countUnits(tree.roots))} 个</Typography.Text>
                ) : null}
                <Button type="text" size="small" icon={<ReloadOutlined />} onClick={reload} title="刷新" />
              </Space>
            }
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input
                placeholder="按名称查找单位"
                prefix={<SearchOutlined />}
                allowClear
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                data-testid="org-unit-search"
              />
              <Button
                type={selected ? 'default' : 'primary'}
                block
                onClick={() => setSelected(null)}
                data-testid="org-unit-all"
              >
                {tree ? `全区（${tree.regionName}）` : '全区'}
              </Button>
              {error ? <Alert type="error" showIcon title={error} /> : null}
              {!tree && !error ? <Spin /> : null}
              {tree && filtered.length === 0 ? (
                <Empty description={query ? '没有名称匹配的单位' : '数据范围内暂无单位'} />
              ) : null}
              <div data-testid="org-unit-tree" style={{ maxHeight: 640, overflow: 'auto' }}>
                {tree && filtered.length > 0 ? (
                  <Tree
                    treeData={treeData}
                    showLine
                    blockNode
                    expandedKeys={expanded}
                    onExpand={(keys) => setExpanded(keys.map(String))}
                    selectedKeys={selected ? [selected] : []}
                    onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
                  />
                ) : null}
              </div>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <FiguresPanel unitId={selected} />
          {selected ? <UnitHistory key={selected} unitId={selected} /> : null}
          {selected && has('registration.read') ? <UnitCodePanel key={selected} unitId={selected} /> : null}
        </Col>
      </Row>
      {canRoster ? (
        <Card title={unit ? `在编人员 · ${unit.name}` : '在编人员'}>
          {selected ? (
            <UnitPersons key={selected} unitId={selected} />
          ) : (
            <Empty description="在左侧选择单位后显示其在编人员" />
          )}
        </Card>
      ) : null}
      {canRoster ? (
        <Card title={unit ? `用编计划 · ${unit.name}` : '用编计划'}>
          {selected ? <UnitUsePlans unitId={selected} /> : <Empty description="在左侧选择单位后显示其用编计划" />}
        </Card>
      ) : null}
    </Space>
  );
}
