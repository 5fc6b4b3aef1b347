/**
 * The one fetch client of the web app.
 *
 * - Same-origin cookies carry the session; every request sends `X-Requested-With: bianban`
 *   (the login request has no session yet and relies on it).
 * - Every state-changing request (POST/PUT/PATCH/DELETE) also sends `X-CSRF-Token` with the token
 *   from the latest SessionInfo (see `setCsrfToken`).
 * - Errors are thrown as `ApiError` carrying the server's `{code, message, details}` and HTTP status.
 * - 401 UNAUTHENTICATED / SESSION_EXPIRED and 403 "finish the login flow first" errors are reported
 *   to the session layer through `setAuthErrorHandler`, which sends the user back to the right page.
 */

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The session is gone; the session layer has already sent the user to the login page. */
  get isSessionLost(): boolean {
    return this.status === 401 && (this.code === 'UNAUTHENTICATED' || this.code === 'SESSION_EXPIRED');
  }

  /** The session exists but must first finish the password / MFA step. */
  get isFlowRequired(): boolean {
    return (
      this.status === 403 &&
      (this.code === 'PASSWORD_CHANGE_REQUIRED' || this.code === 'MFA_REQUIRED' || this.code === 'MFA_ENROLL_REQUIRED')
    );
  }

  /** `details` as a list of Chinese strings, when the server sent one (e.g. PASSWORD_POLICY). */
  get detailMessages(): string[] {
    if (Array.isArray(this.details)) return this.details.filter((d): d is string => typeof d === 'string');
    return [];
  }
}

export type AuthErrorHandler = (error: ApiError, path: string) => void;

let csrfToken: string | null = null;
let authErrorHandler: AuthErrorHandler | null = null;
let lastRequestAt = Date.now();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setAuthErrorHandler(handler: AuthErrorHandler | null): void {
  authErrorHandler = handler;
}

/** When the last API request was sent (ms since epoch); used by the idle-timeout check. */
export function getLastRequestAt(): number {
  return lastRequestAt;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'bianban' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  lastRequestAt = Date.now();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (error.isSessionLost || error.isFlowRequired) authErrorHandler?.(error, path);
    throw error;
  }
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object' && 'code' in data && 'message' in data) {
    const { code, message, details } = data as { code: unknown; message: unknown; details?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(status, code, message, details);
  }
  const fallback = status >= 500 ? '服务器内部错误，请稍后再试' : `请求失败（HTTP ${status}）`;
  return new ApiError(status, 'HTTP_' + status, fallback);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** Multipart upload (field `file`). */
  upload: <T>(path: string, file: File | Blob, fileName?: string) => {
    const form = new FormData();
    if (fileName) form.append('file', file, fileName);
    else form.append('file', file);
    return request<T>('POST', path, form);
  },
};

/** The Chinese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后再试';
}
