import { Button, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../api/endpoints';
import { AuthCard } from '../../components/AuthCard';
import { homePath } from '../../auth/SessionGate';
import { useRequiredSession, useSession } from '../../auth/SessionContext';
import { TotpCodeForm } from './TotpCodeForm';

/** `/mfa/verify`: second login step for accounts with a bound authenticator. */
export function MfaVerifyPage() {
  const session = useRequiredSession();
  const { setSession, logout } = useSession();
  const navigate = useNavigate();
  return (
    <AuthCard
      title="动态口令验证"
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
      <Typography.Paragraph>{session.user.displayName}，请输入身份验证器应用中显示的6位动态口令。</Typography.Paragraph>
      <TotpCodeForm
        buttonText="验证"
        submit={authApi.totpVerify}
        onSuccess={(info) => {
          setSession(info);
          navigate(homePath(info), { replace: true });
        }}
      />
    </AuthCard>
  );
}
