import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { AuthCard } from '../../components/AuthCard';
import { FullPageSpin, homePath } from '../../auth/SessionGate';
import { useSession } from '../../auth/SessionContext';

interface LoginForm {
  username: string;
  password: string;
}

/** Where the user wanted to go before being sent to the login page. */
function fromPath(state: unknown): string | null {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : null;
  }
  return null;
}

export function LoginPage() {
  const { session, loading, notice, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (loading) return <FullPageSpin />;
  if (session && !submitting) return <Navigate to={homePath(session)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const info = await authApi.login(values.username.trim(), values.password);
      setSession(info);
      const from = fromPath(location.state);
      navigate(info.state === 'active' && from && from !== '/' ? from : homePath(info), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title="用户登录">
      {notice && !error ? (
        <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      ) : null}
      <Form<LoginForm> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} autoComplete="on">
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input
            id="username"
            name="username"
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            maxLength={64}
          />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            id="password"
            name="password"
            prefix={<LockOutlined />}
            autoComplete="current-password"
            maxLength={256}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form.Item>
      </Form>
    </AuthCard>
  );
}
