import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { SessionInfo } from '../api/types';
import { MODULES } from './modules';
import { useSession } from './SessionContext';

/** Where a session in the given state must go; null when it may use the app. */
export function flowPath(session: SessionInfo): string | null {
  switch (session.state) {
    case 'passwordChange':
      return '/password';
    case 'mfaEnroll':
      return '/mfa/enroll';
    case 'mfaVerify':
      return '/mfa/verify';
    case 'active':
      return null;
  }
}

/** The first menu item the user may open, or `/` (which explains that nothing is granted). */
export function landingPath(session: SessionInfo): string {
  const permissions = new Set<string>(session.permissions);
  const first = MODULES.find((m) => m.anyOf.some((p) => permissions.has(p)));
  return first?.path ?? '/';
}

/** Where to go right after a login step succeeded. */
export function homePath(session: SessionInfo): string {
  return flowPath(session) ?? landingPath(session);
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Everything except /login sits behind this gate: without a session go to /login (remembering the
 * page), and a session that must change its password or do TOTP first is held on that page.
 */
export function SessionGate() {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const required = flowPath(session);
  if (required && location.pathname !== required) return <Navigate to={required} replace />;
  if (!required && (location.pathname === '/mfa/enroll' || location.pathname === '/mfa/verify')) {
    return <Navigate to={landingPath(session)} replace />;
  }
  return <Outlet />;
}
