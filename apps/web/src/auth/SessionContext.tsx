import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getLastRequestAt, setAuthErrorHandler, setCsrfToken, type ApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import type { Permission, SessionInfo } from '../api/types';

const SESSION_LOST_MESSAGE = '会话已过期，请重新登录';

export interface SessionContextValue {
  /** null when not logged in. */
  session: SessionInfo | null;
  /** true until the first GET /api/auth/session has answered. */
  loading: boolean;
  /** A message for the login page (e.g. why the user was sent back there). */
  notice: string | null;
  /** Store the SessionInfo returned by login / password change / TOTP steps. */
  setSession: (session: SessionInfo) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  clearNotice: () => void;
  has: (permission: Permission) => boolean;
  hasAny: (permissions: readonly Permission[]) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const sessionRef = useRef<SessionInfo | null>(null);

  const setSession = useCallback((next: SessionInfo | null) => {
    sessionRef.current = next;
    setCsrfToken(next?.csrfToken ?? null);
    setSessionState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setSession(await authApi.session());
    } catch (error) {
      // 401 is handled by the auth-error handler below; other failures keep the current state.
      if (!(error as ApiError).isSessionLost) throw error;
    }
  }, [setSession]);

  // Route 401 / "finish login first" errors from any request to the session state.
  useEffect(() => {
    setAuthErrorHandler((error, path) => {
      if (error.isSessionLost) {
        const hadSession = sessionRef.current !== null;
        setSession(null);
        if (hadSession || error.code === 'SESSION_EXPIRED') {
          setNotice(error.code === 'SESSION_EXPIRED' ? error.message : SESSION_LOST_MESSAGE);
        }
      } else if (error.isFlowRequired && path !== '/api/auth/session') {
        void authApi.session().then(setSession, () => undefined);
      }
    });
    return () => setAuthErrorHandler(null);
  }, [setSession]);

  // Initial session check.
  useEffect(() => {
    let cancelled = false;
    authApi
      .session()
      .then((info) => {
        if (!cancelled) setSession(info);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [setSession]);

  // Idle timeout: once the server's idle period has passed without any request, ask the server;
  // an expired session answers 401 and the handler above sends the user to the login page.
  useEffect(() => {
    if (!session) return;
    const idleMs = session.idleTimeoutSeconds * 1000;
    if (idleMs <= 0) return;
    const timer = window.setInterval(() => {
      if (Date.now() - getLastRequestAt() > idleMs + 5000) void refresh().catch(() => undefined);
    }, 10_000);
    return () => window.clearInterval(timer);
  }, [session, refresh]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The session may already be gone; the user is logged out locally either way.
    }
    setNotice(null);
    setSession(null);
  }, [setSession]);

  const value = useMemo<SessionContextValue>(() => {
    const permissions = new Set<string>(session?.permissions ?? []);
    return {
      session,
      loading,
      notice,
      setSession: (next: SessionInfo) => {
        setNotice(null);
        setSession(next);
      },
      refresh,
      logout,
      clearNotice: () => setNotice(null),
      has: (permission) => session?.state === 'active' && permissions.has(permission),
      hasAny: (list) => session?.state === 'active' && list.some((p) => permissions.has(p)),
    };
  }, [session, loading, notice, refresh, logout, setSession]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The session of a page rendered behind the gate (always present there). */
export function useRequiredSession(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('No session');
  return session;
}
