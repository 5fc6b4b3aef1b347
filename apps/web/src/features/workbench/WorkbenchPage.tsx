import { ApartmentOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@bianban/contracts';
import { Alert, Card, Descriptions, Empty, Space, Spin, Tag, Tree } from 'antd';
import { useEffect, useState } from 'react';
import { unitsApi } from '../../api/endpoints';
import type { UnitTreeResponseT } from '../../api/types';
import { fullErrorText, isReportable } from '../../components/useNotify';
import { countUnits, toTreeData } from '../../components/units';
import { formatNumber } from '../../components/format';
import { useRequiredSession } from '../../auth/SessionContext';

/** `/workbench`: the user's region, scope and the unit tree within that scope (real data only). */
export function WorkbenchPage() {
  const { user } = useRequiredSession();
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
