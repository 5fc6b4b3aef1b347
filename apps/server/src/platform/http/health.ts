/**
 * /healthz (the process answers), /readyz (the database answers and is migrated) and Prometheus
 * /metrics (loopback, or with the configured bearer token).
 */
import { sql } from 'drizzle-orm';
import client from 'prom-client';
import type { App, AppDeps } from './types.js';
import { appError } from './errors.js';

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const httpDuration = new client.Histogram({
  name: 'bianban_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export async function metricsPlugin(app: App): Promise<void> {
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function healthRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      const r = await deps.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      return { status: 'ready', migrations: r.rows[0]?.n ?? 0 };
    } catch {
      return reply.code(503).send({ code: 'NOT_READY', message: '数据库不可用或尚未完成迁移' });
    }
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const token = deps.config.metricsToken;
    const bearer = req.headers.authorization === `Bearer ${token}`;
    if (!(token ? bearer : LOOPBACK.has(req.socket.remoteAddress ?? '')))
      throw appError('FORBIDDEN', '监控指标仅限本机或持有令牌的采集端访问');
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
