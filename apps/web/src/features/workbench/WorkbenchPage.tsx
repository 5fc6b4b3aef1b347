import { ApartmentOutlined, BarChartOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@bianban/contracts';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Spin, Statistic, Tag, Tree } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { figuresApi, unitsApi } from '../../api/endpoints';
import type { FiguresResponseT, UnitTreeResponseT } from '../../api/types';
import { useSession } from '../../auth/SessionContext';
import { FiguresTable } from '../org/FiguresTable';
import { fullErrorText, isReportable } from '../../components/useNotify';
import { countUnits, toTreeData } from '../../components/units';
import { formatNumber } from '../../components/format';
import { useRequiredSession } from '../../auth/SessionContext';

/** The scope's establishment totals today (GET /api/figures without a unit). */
function ScopeFigures() {
  const [figures, setFigures] = useState<FiguresResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    figuresApi.get({}, controller.signal).then(setFigures, (e: unknown) => {
      if (isReportable(e)) setError(fullErrorText(e));
    });
    return () => controller.abort();
  }, []);

  const total = figures?.total;
  return (
    <Card
      title={
        <Space>
          <BarChartOutlined />
          {figures ? `${figures.unitName} 编制情况（截至 ${figures.asOf}）` : '编制情况'}
        </Space>
      }
      extra={<Link to="/org/units">单位与编制</Link>}
      data-testid="workbench-figures"
    >
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {!figures && !error ? <Spin /> : null}
      {total ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="核定编制" value={total.approved} suffix="名" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="实有人员" value={total.actual} suffix="名" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="空编" value={total.vacancy} suffix="名" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="超编"
                value={total.over}
                suffix="名"
                styles={total.over > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Col>
          </Row>
          <FiguresTable figures={figures} testId="workbench-figures-table" />
        </Space>
      ) : null}
    </Card>
  );
}

/** `/workbench`: the user's region, scope and the unit tree within that scope (real data only). */
export function WorkbenchPage() {
  const { user } = useRequiredSession();
  const { has } = useSession();
  const [tree, setTree] = useState<UnitTreeResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    unitsApi.tree(controller.signal).then(setTree, (e: unknown) => {
      if (isReportable(e)) setError(fullErrorText(e));
    });
    return () => controller.abort();
  }, []);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="workbench">
      <Card title="工作台">
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="用户">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="所属区域">
            {user.regionName}（{user.regionCode}）
          </Descriptions.Item>
          <Descriptions.Item label="数据范围">{user.scopeUnitName ?? '全区'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {user.roles.map((r) => (
              <Tag key={r}>{ROLE_LABELS[r]}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {has('unit.read') ? <ScopeFigures /> : null}
      <Card
        title={
          <Space>
            <ApartmentOutlined />
            {tree ? `${tree.regionName} 单位` : '单位'}
          </Space>
        }
        extra={tree ? `共 ${formatNumber(countUnits(tree.roots))} 个单位` : null}
      >
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {!tree && !error ? <Spin /> : null}
        {tree && tree.roots.length === 0 ? <Empty description="数据范围内暂无单位" /> : null}
        {tree && tree.roots.length > 0 ? (
          <Tree
            treeData={toTreeData(tree.roots)}
            defaultExpandAll
            showLine
            selectable={false}
            data-testid="unit-tree"
          />
        ) : null}
      </Card>
    </Space>
  );
}
