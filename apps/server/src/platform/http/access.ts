/**
 * Route access: every route declares `config.access`. This hook authenticates the session,
 * enforces pending steps, CSRF, and the permission — before any handler runs.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission, RouteAccess } from '@bianban/contracts';
import { appendAudit } from '../audit/audit.service.js';
import { SESSION_COOKIE, authenticate, type Services } from '../auth/auth.service.js';
import { AppError, appError } from './errors.js';

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestMeta(req: FastifyRequest) {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function collectRoutes(routes: DeclaredRoute[]) {
  return (opts: RouteOptions) => {
    const methods = Array.isArray(opts.method) ? opts.method : [opts.method];
    // Read `access` lazily: an onRoute hook of a child context (see app.ts) may still set it.
    for (const m of methods) {
      routes.push({
        method: m,
        url: opts.url,
        get access() {
          return opts.config?.access;
        },
      });
    }
  };
}

export function undeclared(routes: DeclaredRoute[]): DeclaredRoute[] {
  return routes.filter((r) => r.method !== 'HEAD' && !r.access);
}

export function accessHook(svc: Services) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.auth = null;
    if (req.is404) return; // the not-found handler answers without touching anything
    const cfg = req.routeOptions.config;
    const access = cfg.access;
    if (!access) throw appError('FORBIDDEN', '该接口未声明访问权限，已拒绝');
    const token = req.cookies[SESSION_COOKIE];
    const stateChanging = !SAFE_METHODS.has(req.method);

    if (access === 'public') {
      // Pre-session requests (login) carry a custom header, which a cross-site form cannot send
      // and a cross-site script cannot add without a CORS preflight that we never grant.
      if (stateChanging && req.headers['x-requested-with'] !== 'bianban') throw appError('CSRF_FAILED');
      return;
    }

    const auth = await authenticate(svc, token, requestMeta(req));
    req.auth = auth;
    if (stateChanging) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, auth.csrfToken)) throw appError('CSRF_FAILED');
    }
    if (auth.state !== 'active' && !cfg.allowPending) {
      throw appError(
        auth.state === 'passwordChange'
          ? 'PASSWORD_CHANGE_REQUIRED'
          : auth.state === 'mfaEnroll'
            ? 'MFA_ENROLL_REQUIRED'
            : 'MFA_REQUIRED',
      );
    }
    if (access === 'authenticated') return;
    const anyOf: readonly Permission[] = typeof access === 'string' ? [access] : access;
    if (!anyOf.some((p) => auth.permissions.has(p))) {
      await svc.db.transaction((tx) =>
        appendAudit(tx, svc.keys.audit, auth.actor, {
          action: 'access.denied',
          objectType: 'route',
          objectId: `${req.method} ${req.routeOptions.url}`,
          after: { permission: anyOf },
          result: 'denied',
        }),
      );
      throw new AppError('FORBIDDEN');
    }
  };
}
