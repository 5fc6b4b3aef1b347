import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usePlansApi } from '../../api/endpoints';
import type { UsePlanSummaryT } from '../../api/types';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { useSession } from '../../auth/SessionContext';
import { CreateUsePlanModal } from './CreateUsePlanModal';
import { UsePlanTable } from './UsePlanTable';

/** `/roster/use-plans`: 用编计划 list, 新建 (usePlan.edit) and 核准 (usePlan.approve, per row `actions`). */
export function UsePlansPage() {
  const { has } = useSession();
  const notify = useNotify();
  const units = useUnitTree();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<UsePlanSummaryT[]>([]);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

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
  }, [unitId, version, notify]);

  const approve = async (plan: UsePlanSummaryT) => {
    setBusyId(plan.id);
    try {
      const done = await usePlansApi.approve(plan.id);
      notify.success(done.noticeNumber ? `已核准，通知单号 ${done.noticeNumber}` : '已核准');
      setVersion((v) => v + 1);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Card
      title="用编计划"
      extra={
        <Space wrap>
          <div style={{ width: 260 }}>
            <UnitPicker
              treeData={units.treeData}
              value={unitId}
              onChange={setUnitId}
              placeholder="全部单位"
              loading={!units.tree && !units.error}
              testId="plans-unit-filter"
            />
          </div>
          <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)}>
            刷新
          </Button>
          {has('usePlan.edit') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              新建
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        用编计划经编办核准后出具核准使用编制通知单（编核〔年度〕N号），上编时须依据尚有名额的已核准计划。
      </Typography.Paragraph>
      <UsePlanTable items={items} loading={loading} onApprove={(p) => void approve(p)} busyId={busyId} />
      <CreateUsePlanModal
        open={creating}
        units={units.treeData}
        defaultUnitId={unitId}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          notify.success('已编报，待核准');
          setVersion((v) => v + 1);
        }}
      />
    </Card>
  );
}
