import { Alert, Button, DatePicker, Descriptions, Form, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FiguresResponseT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../auth/SessionContext';

/**
 * 编外用工: the cap (from decisions), the latest reported count and the excess, for the unit (or
 * subtree) the figures are shown for; holders of offEstablishment.report file a new count.
 */
export function OffEstablishmentPanel({
  figures,
  unitId,
  onReported,
}: {
  figures: FiguresResponseT | null;
  unitId: string | null;
  onReported: () => void;
}) {
  const { has } = useSession();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ asOf: Dayjs; count: number }>();
  const off = figures?.offEstablishment;

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/off-establishment/reports', { unitId, asOf: v.asOf.format('YYYY-MM-DD'), count: v.count });
      setOpen(false);
      onReported();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="off-establishment">
      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          编外用工
        </Typography.Title>
        {unitId && has('offEstablishment.report') ? (
          <Button size="small" onClick={() => setOpen(true)} data-testid="off-report">
            填报编外用工人数
          </Button>
        ) : null}
      </Space>
      <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
        <Descriptions.Item label="控制数">{off?.cap ?? 0}</Descriptions.Item>
        <Descriptions.Item label="实有">{off?.actual ?? 0}</Descriptions.Item>
        <Descriptions.Item label="超出">
          <Typography.Text type={off && off.over > 0 ? 'danger' : undefined} data-testid="off-over">
            {off?.over ?? 0}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {off && off.unitsOverCap > 0 ? (
        <Alert type="warning" showIcon title={`${off.unitsOverCap}个单位编外用工超过控制数，共超出${off.over}名`} />
      ) : null}
      <Modal
        title="填报编外用工人数"
        open={open}
        onOk={() => void submit()}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
        okText="提交"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ asOf: dayjs(), count: 0 }}>
          <Form.Item label="截至日期" name="asOf" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format="YYYY-MM-DD" allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="编外用工人数（名）" name="count" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="off-count" />
          </Form.Item>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
      </Modal>
    </div>
  );
}
