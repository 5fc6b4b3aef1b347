import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { codesApi, type UnitCodeStatusT } from '../../api/codesApi';
import { useSession } from '../../auth/SessionContext';
import { useNotify } from '../../components/useNotify';
import { UsccExplanation } from './UsccExplanation';

const PREFIX_LABEL: Record<string, string> = { '11': '机关（11）', '13': '群团（13）' };

/**
 * 统一社会信用代码 on the unit page: the code the unit was given (赋码) with each part explained,
 * or — for an active organ or mass organization without one — the request button; otherwise why
 * it cannot be given one. Shown to holders of `registration.read`; requesting needs `registration.edit`.
 */
export function UnitCodePanel({ unitId }: { unitId: string }) {
  const { has } = useSession();
  const notify = useNotify();
  const [status, setStatus] = useState<UnitCodeStatusT | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    codesApi.unitStatus(unitId, controller.signal).then(setStatus, (e: unknown) => notify.error(e));
    return () => controller.abort();
  }, [unitId, notify]);

  if (!has('registration.read')) return null;

  const request = async () => {
    setBusy(true);
    try {
      const a = await codesApi.assign(unitId);
      notify.success(`已赋码：${a.uscc}`);
      setStatus(await codesApi.unitStatus(unitId));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          统一社会信用代码（赋码）
        </Space>
      }
      style={{ marginTop: 16 }}
      data-testid="unit-code-panel"
    >
      {!status ? <Spin /> : null}
      {status?.assignment ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            已于 {status.assignment.assignedOn} 赋码：
            <Typography.Text strong copyable data-testid="unit-code">
              {status.assignment.uscc}
            </Typography.Text>
          </Typography.Text>
          <UsccExplanation lines={status.assignment.explanation} />
          {status.unitUscc !== status.assignment.uscc ? (
            <Typography.Text type="secondary">
              单位属性中的统一社会信用代码由机构编制事项登记：下次为本单位起草机构编制事项时，可在“调整属性”中填入此代码。
            </Typography.Text>
          ) : null}
        </Space>
      ) : null}
      {status && !status.assignment && status.unitUscc ? (
        <Typography.Text>
          统一社会信用代码：
          <Typography.Text strong copyable>
            {status.unitUscc}
          </Typography.Text>
          <Typography.Text type="secondary">（见单位属性）</Typography.Text>
        </Typography.Text>
      ) : null}
      {status && !status.assignment && !status.unitUscc ? (
        status.canAssign ? (
          <Space orientation="vertical">
            <Typography.Text>
              本单位尚无统一社会信用代码。可从本地区{status.prefix ? PREFIX_LABEL[status.prefix] : ''}
              号段取下一个代码赋予本单位。
            </Typography.Text>
            <Popconfirm
              title="确认赋码？"
              description="代码一经赋予即记入登记簿并留痕，不能撤回。"
              onConfirm={() => void request()}
              okText="赋码"
              cancelText="取消"
            >
              <Button type="primary" loading={busy} data-testid="unit-code-request">
                申请赋码
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Alert type="info" showIcon title={status.refusal ?? '没有赋码权限'} />
        )
      ) : null}
    </Card>
  );
}
