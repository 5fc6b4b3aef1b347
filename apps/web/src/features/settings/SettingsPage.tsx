import { SettingsSchema } from '@bianban/contracts';
import { Alert, Button, Card, Form, InputNumber, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { settingsApi } from '../../api/endpoints';
import type { Settings } from '../../api/types';
import { isReportable, useNotify } from '../../components/useNotify';
import { useSession } from '../../auth/SessionContext';

interface Field {
  name: keyof Settings;
  label: string;
  min: number;
  max: number;
}

/** Labels and the same bounds as SettingsSchema in contracts. */
const FIELDS: readonly Field[] = [
  { name: 'passwordExpiryDays', label: '密码有效期（天，0为不过期）', min: 0, max: 365 },
  { name: 'lockoutThreshold', label: '连续失败锁定阈值（次）', min: 3, max: 10 },
  { name: 'lockoutMinutes', label: '锁定时长（分钟）', min: 5, max: 1440 },
  { name: 'idleTimeoutMinutes', label: '空闲超时（分钟）', min: 5, max: 30 },
  { name: 'adminIdleTimeoutMinutes', label: '管理员空闲超时（分钟）', min: 5, max: 15 },
  { name: 'absoluteTimeoutHours', label: '会话最长时长（小时）', min: 1, max: 12 },
  { name: 'passwordHistory', label: '禁止重复使用最近密码数', min: 5, max: 24 },
];

/** `/admin/settings`: security settings; read-only without settings.manage. */
export function SettingsPage() {
  const { has } = useSession();
  const canManage = has('settings.manage');
  const notify = useNotify();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    settingsApi.get().then(
      (s) => {
        form.setFieldsValue(s);
        setLoaded(true);
      },
      (e: unknown) => {
        if (isReportable(e)) setLoadError(errorMessage(e));
      },
    );
  }, [form]);

  const save = async (values: Settings) => {
    setSaveError(null);
    // Same rules as the server (shared schema); show each problem next to its field.
    const parsed = SettingsSchema.safeParse(values);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({ name: issue.path[0] as keyof Settings, errors: [issue.message] })),
      );
      return;
    }
    setSaving(true);
    try {
      const saved = await settingsApi.save(parsed.data);
      if (saved && typeof saved === 'object') form.setFieldsValue(saved);
      notify.success('设置已保存');
    } catch (e) {
      if (!isReportable(e)) return;
      const details = e instanceof ApiError ? e.detailMessages : [];
      setSaveError(details.length ? `${errorMessage(e)}：${details.join('；')}` : errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="系统设置" style={{ maxWidth: 720 }}>
      {loadError ? <Alert type="error" showIcon title={loadError} /> : null}
      {!loaded && !loadError ? <Spin /> : null}
      {!canManage && loaded ? (
        <Alert type="info" showIcon title="您只有查看权限，不能修改系统设置。" style={{ marginBottom: 16 }} />
      ) : null}
      {saveError ? (
        <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} data-testid="settings-error" />
      ) : null}
      <Form<Settings>
        form={form}
        layout="horizontal"
        labelCol={{ span: 10 }}
        wrapperCol={{ span: 14 }}
        onFinish={(values) => void save(values)}
        disabled={!canManage}
        style={{ display: loaded ? undefined : 'none' }}
      >
        {FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            label={f.label}
            name={f.name}
            rules={[{ required: true, message: `请填写${f.label.replace(/（.*）/, '')}` }]}
            extra={`取值范围 ${f.min}–${f.max}`}
          >
            <InputNumber precision={0} style={{ width: 160 }} data-testid={`setting-${f.name}`} />
          </Form.Item>
        ))}
        <Form.Item wrapperCol={{ offset: 10, span: 14 }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!canManage} data-testid="settings-save">
              保存
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
