import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_LIST } from '@bianban/contracts';
import { createTestApp, type TestApp } from '../../test/app.js';
import { buildApp } from './app.js';
import { collectRoutes, undeclared, type DeclaredRoute } from './access.js';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
});
afterAll(() => ta.close());

describe('route table', () => {
  it('every route declares its access, and every declared permission exists', async () => {
    const { routes } = await buildApp(
      {
        config: (await import('../../test/app.js')).testConfig(ta.t),
        db: ta.t.db,
        pool: ta.t.pool,
        keys: ta.t.keys,
        jobs: ta.jobs,
        defaultRegion: '510403',
        webDist: null,
      },
      { logger: false },
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(undeclared(routes)).toEqual([]);
    for (const r of routes) {
      const list = typeof r.access === 'string' ? [r.access] : [...(r.access ?? [])];
      for (const a of list)
        expect(['public', 'authenticated', ...PERMISSION_LIST], `${r.method} ${r.url}`).toContain(a);
    }
    // Under /api only sign-in, the docs, the not-found catch-all and the public portal (/api/public/) are public.
    const publicApi = routes.filter(
      (r) =>
        r.access === 'public' &&
        r.url.startsWith('/api/') &&
        !r.url.startsWith('/api/docs') &&
        !r.url.startsWith('/api/public/') &&
        r.url !== '/api/*' &&
        r.method !== 'HEAD',
    );
    expect(publicApi.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/auth/login']);
    // …and everything under /api/public/ is public: nothing there needs a session.
    const portal = routes.filter((r) => r.url.startsWith('/api/public/') && r.method !== 'HEAD');
    expect(portal.filter((r) => r.access !== 'public')).toEqual([]);
  });

  it('the walk catches a route without a declaration', async () => {
    const routes: DeclaredRoute[] = [];
    const app = Fastify();
    app.addHook('onRoute', collectRoutes(routes));
    app.get('/declared', { config: { access: 'public' } }, async () => 'ok');
    app.get('/forgotten', async () => 'oops');
    await app.ready();
    expect(undeclared(routes).map((r) => r.url)).toEqual(['/forgotten']);
    await app.close();
  });
});

describe('http behaviour', () => {
  it('sends security headers', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age/);
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.json().message).toMatch(/接口不存在/);
  });

  it('answers anonymous calls with UNAUTHENTICATED', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('rejects malformed JSON with a clear error', async () => {
    const res = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'bianban', 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_REQUEST');
  });

  it('rate-limits sign-in attempts', async () => {
    const limited = await createTestApp({ loginRatePerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.login('someone', 'Wrong-Password-1')).statusCode);
      expect(codes.slice(-1)).toEqual([429]);
      expect((await limited.login('someone', 'x')).json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('serves health, readiness, metrics (loopback only) and the OpenAPI document', async () => {
    expect((await ta.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = (await ta.app.inject({ method: 'GET', url: '/readyz' })).json();
    expect(ready.status).toBe('ready');
    expect(ready.migrations).toBeGreaterThan(0);
    const m = await ta.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(m.body).toMatch(/bianban_http_request_duration_seconds/);
    expect((await ta.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
    const doc = (await ta.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    expect(doc.paths['/api/users'].get.parameters.map((p: { name: string }) => p.name)).toContain('pageSize');
  });
});
