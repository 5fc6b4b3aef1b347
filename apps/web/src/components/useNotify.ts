import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError, errorMessage } from '../api/client';

/** Whether an error still needs showing (lost sessions and aborted requests do not). */
export function isReportable(error: unknown): boolean {
  if (error instanceof ApiError && (error.isSessionLost || error.isFlowRequired)) return false;
  if (error instanceof DOMException && error.name === 'AbortError') return false;
  return true;
}

/** The message plus any per-rule details, e.g. "密码不符合安全策略：至少12位；不得包含用户名". */
export function fullErrorText(error: unknown): string {
  const details = error instanceof ApiError ? error.detailMessages : [];
  return details.length ? `${errorMessage(error)}：${details.join('；')}` : errorMessage(error);
}

/**
 * Toasts for pages. `error` shows the server's Chinese message; lost-session errors are skipped
 * because the session layer has already sent the user to the login page with its own notice.
 */
export function useNotify() {
  const { message } = App.useApp();
  return useMemo(
    () => ({
      error: (error: unknown) => {
        if (isReportable(error)) void message.error(fullErrorText(error));
      },
      success: (text: string) => void message.success(text),
    }),
    [message],
  );
}
