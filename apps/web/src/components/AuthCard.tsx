import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Centered card used by the login, forced password change and TOTP pages. */
export function AuthCard({
  title,
  extra,
  children,
  width = 420,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #e6f0ff 0%, #f5f7fa 100%)',
        padding: 16,
      }}
    >
      <div style={{ width, maxWidth: '100%' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 24 }}>
          编办通
        </Typography.Title>
        <Card title={title} extra={extra}>
          {children}
        </Card>
      </div>
    </div>
  );
}
