import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ChangePasswordBody,
  LoginBody,
  OkSchema,
  SessionInfo,
  TotpCodeBody,
  TotpEnrollResponse,
} from '@bianban/contracts';
import { requestMeta } from '../http/access.js';
import { authOf, type App, type AppDeps } from '../http/types.js';
import {
  SESSION_COOKIE,
  authenticate,
  changePassword,
  checkTotp,
  enrollTotp,
  login,
  logout,
  sessionInfo,
} from './auth.service.js';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  // HttpOnly: scripts never see it. SameSite=Strict: never sent on cross-site requests.
  // Secure whenever the request arrived over TLS (directly or via a trusted proxy).
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
  });
}

export async function authRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['认证'];

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: 60_000 } },
      schema: { tags, summary: '登录', body: LoginBody, response: { 200: SessionInfo } },
    },
    async (req, reply) => {
      const { token } = await login(svc, deps.defaultRegion, req.body.username, req.body.password, requestMeta(req));
      setSessionCookie(req, reply, token);
      return sessionInfo(await authenticate(svc, token, requestMeta(req)));
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', allowPending: true },
      schema: { tags, summary: '退出登录', response: { 200: OkSchema } },
    },
    async (req, reply) => {
      await logout(svc, authOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'authenticated', allowPending: true },
      schema: { tags, summary: '当前会话', response: { 200: SessionInfo } },
    },
    async (req) => sessionInfo(authOf(req)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', allowPending: true },
      schema: { tags, summary: '修改密码', body: ChangePasswordBody, response: { 200: SessionInfo } },
    },
    async (req) => {
      const a = authOf(req);
      await changePassword(svc, a, req.body.oldPassword, req.body.newPassword);
      return sessionInfo(await authenticate(svc, req.cookies[SESSION_COOKIE], requestMeta(req)));
    },
  );

  app.post(
    '/api/auth/totp/enroll',
    {
      config: { access: 'authenticated', allowPending: true },
      schema: { tags, summary: '获取动态口令绑定密钥', response: { 200: TotpEnrollResponse } },
    },
    async (req) => enrollTotp(svc, authOf(req)),
  );

  for (const mode of ['confirm', 'verify'] as const) {
    app.post(
      `/api/auth/totp/${mode}`,
      {
        config: { access: 'authenticated', allowPending: true },
        schema: {
          tags,
          summary: mode === 'confirm' ? '确认绑定动态口令' : '验证动态口令',
          body: TotpCodeBody,
          response: { 200: SessionInfo },
        },
      },
      async (req) => {
        await checkTotp(svc, authOf(req), req.body.code, mode);
        return sessionInfo(await authenticate(svc, req.cookies[SESSION_COOKIE], requestMeta(req)));
      },
    );
  }
}
