import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import type { SessionInfo } from '../../api/types';
import { AppLayout } from '../../components/AppLayout';
import { AuthCard } from '../../components/AuthCard';
import { useNotify } from '../../components/useNotify';
import { homePath } from '../../auth/SessionGate';
import { useRequiredSession, useSession } from '../../auth/SessionContext';

const POLICY =
  '至少12位，包含大写字母、小写字母、数字、符号中的至少3类，不得包含用户名，不得为常见密码，不得与最近5次相同。';

interface PasswordFormValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface FormError {
  message: string;
  details: string[];
}

function PasswordForm({ onChanged }: { onChanged: (next: SessionInfo) => void }) {
  const { setSession } = useSession();
  const [form] = Form.useForm<PasswordFormValues>();
  const [error, setError] = useState<FormError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: PasswordFormValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const info = await authApi.changePassword(values.oldPassword, values.newPassword);
      form.resetFields();
      setSession(info);
      onChanged(info);
    } catch (e) {
      setError({ message: errorMessage(e), details: e instanceof ApiError ? e.detailMessages : [] });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon title="密码要求" description={POLICY} style={{ marginBottom: 16 }} />
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="password-error"
          title={error.message}
          description={
            error.details.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {error.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<PasswordFormValues> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="old-password" maxLength={256} />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" maxLength={256} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={submitting} block data-testid="password-submit">
            确认修改
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

/**
 * `/password`: forced (initial / expired password) as a standalone page, or voluntary from the user
 * menu inside the app layout.
 */
export function PasswordPage() {
  const session = useRequiredSession();
  const { logout } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();

  if (session.state === 'passwordChange') {
    const reason =
      session.passwordChangeReason === 'expired'
        ? '您的密码已过期，请设置新密码后继续。'
        : '首次登录须修改初始密码后才能继续使用。';
    return (
      <AuthCard
        title="修改密码"
        width={480}
        extra={
          <Button
            type="link"
            onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
            data-testid="logout"
          >
            退出登录
          </Button>
        }
      >
        <Alert type="warning" showIcon title={reason} style={{ marginBottom: 12 }} data-testid="password-reason" />
        <PasswordForm onChanged={(next) => navigate(homePath(next), { replace: true })} />
      </AuthCard>
    );
  }

  return (
    <AppLayout>
      <Card title="修改密码" style={{ maxWidth: 560 }}>
        {session.passwordExpiresAt ? (
          <Typography.Paragraph type="secondary">
            当前密码有效期至 {new Date(session.passwordExpiresAt).toLocaleString('zh-CN')}
          </Typography.Paragraph>
        ) : null}
        <PasswordForm
          onChanged={(next) => {
            notify.success('密码已修改');
            navigate(homePath(next), { replace: true });
          }}
        />
      </Card>
    </AppLayout>
  );
}
