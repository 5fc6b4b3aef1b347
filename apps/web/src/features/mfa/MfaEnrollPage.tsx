import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import type { TotpEnrollResponseT } from '../../api/types';
import { AuthCard } from '../../components/AuthCard';
import { homePath } from '../../auth/SessionGate';
import { useSession } from '../../auth/SessionContext';
import { TotpCodeForm } from './TotpCodeForm';

/** Only render what looks like an SVG document from our own server. */
function isSvg(markup: string): boolean {
  const head = markup.trimStart().slice(0, 200).toLowerCase();
  return (head.startsWith('<svg') || head.startsWith('<?xml')) && !/<script|\son\w+=/i.test(markup);
}

/** `/mfa/enroll`: administrators bind an authenticator app (QR code + base32 secret), then confirm a code. */
export function MfaEnrollPage() {
  const { setSession, logout } = useSession();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<TotpEnrollResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const enroll = useCallback(() => {
    setError(null);
    authApi.totpEnroll().then(setEnrolment, (e: unknown) => setError(errorMessage(e)));
  }, []);

  useEffect(() => {
    // Guard against the double effect of React StrictMode: each call makes a new secret.
    if (started.current) return;
    started.current = true;
    enroll();
  }, [enroll]);

  return (
    <AuthCard
      title="绑定动态口令"
      width={520}
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
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="管理员账户须绑定动态口令"
        description="请使用身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、FreeOTP）扫描下方二维码，或手动输入密钥，然后输入应用显示的6位动态口令完成绑定。"
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={error}
          action={
            <Button size="small" onClick={enroll}>
              重试
            </Button>
          }
        />
      ) : null}
      {!enrolment && !error ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : null}
      {enrolment ? (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {isSvg(enrolment.qrSvg) ? (
            <div
              data-testid="totp-qr"
              style={{ width: 200, height: 200, margin: '0 auto' }}
              className="totp-qr"
              dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
            />
          ) : null}
          <div style={{ textAlign: 'center' }}>
            <Typography.Text type="secondary">密钥：</Typography.Text>
            <Typography.Text code copyable={{ text: enrolment.secret, tooltips: ['复制密钥', '已复制'] }}>
              <span data-testid="totp-secret">{enrolment.secret}</span>
            </Typography.Text>
          </div>
          <TotpCodeForm
            buttonText="确认绑定"
            submit={authApi.totpConfirm}
            onSuccess={(info) => {
              setSession(info);
              navigate(homePath(info), { replace: true });
            }}
          />
        </Space>
      ) : null}
    </AuthCard>
  );
}
