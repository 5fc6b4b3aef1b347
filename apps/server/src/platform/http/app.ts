/**
 * The Fastify application: plugins, the access hook, the error handler and every module's routes.
 * `main.ts` composes config → database → this → listen; tests call `buildApp` directly.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS } from '@bianban/contracts';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { fileRoutes } from '../files/files.routes.js';
import { jobRoutes } from '../jobs/jobs.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { userRoutes } from '../users/users.routes.js';
import { backupRoutes } from '../backup/backup.routes.js';
import { unitRoutes } from '../../modules/units/units.routes.js';
import { orgRoutes } from '../../modules/org/org.routes.js';
import { rosterRoutes } from '../../modules/roster/roster.routes.js';
import { importRoutes } from '../../modules/imports/imports.routes.js';
import { dashboardRoutes } from '../../modules/dashboard/dashboard.routes.js';
import { verificationRoutes } from '../../modules/verification/verification.routes.js';
import { ledgerRoutes } from '../../modules/ledgers/ledgers.routes.js';
import { budgetRoutes } from '../../modules/budget/budget.routes.js';
import { reportCheckRoutes } from '../../modules/report-check/report-check.routes.js';
import { performanceRoutes } from '../../modules/performance/performance.routes.js';
import { reportRoutes } from '../../modules/reports/reports.routes.js';
import { registrationRoutes } from '../../modules/registration/registrations.routes.js';
import { codeRoutes } from '../../modules/registration/codes.routes.js';
import { annualReportRoutes } from '../../modules/registration/annual-reports.routes.js';
import { inspectionRoutes } from '../../modules/registration/inspections.routes.js';
import { publicationRoutes } from '../../modules/reports/publication.routes.js';
import { accessHook, collectRoutes, undeclared, type DeclaredRoute } from './access.js';
import { AppError } from './errors.js';
import { healthRoutes, metricsPlugin } from './health.js';
import type { App, AppDeps } from './types.js';
import { loggerOptions } from './logger.js';

export interface BuiltApp {
  app: App;
  routes: DeclaredRoute[];
}

export async function buildApp(deps: AppDeps, opts: { logger?: boolean } = {}): Promise<BuiltApp> {
  const routes: DeclaredRoute[] = [];
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(deps.config.logLevel),
    genReqId: () => randomUUID(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', collectRoutes(routes));
  app.decorateRequest('auth', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design and the API docs inject styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `请求过于频繁，请在 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '编办通 API',
        version: '0.1.0',
        description: '编办通接口文档。错误统一为 {code, message}，message 为中文。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await metricsPlugin(app);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError)
      return reply
        .code(err.status)
        .send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field:
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
          (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ||
          '',
        message: v.message ?? '格式不正确',
      }));
      const where =
        err.validationContext === 'querystring'
          ? '查询参数'
          : err.validationContext === 'params'
            ? '路径参数'
            : '请求体';
      const message = details
        .map((d) => (d.field ? `${where}字段 ${d.field}：${d.message}` : `${where}：${d.message}`))
        .join('；');
      return reply.code(400).send({ code: 'VALIDATION_FAILED', message, details });
    }
    if (err.statusCode === 429)
      return reply.code(429).send({ code: 'RATE_LIMITED', message: err.message || ERRORS.RATE_LIMITED.message });
    if (err.code === 'FST_REQ_FILE_TOO_LARGE')
      return reply.code(413).send({ code: 'FILE_TOO_LARGE', message: '文件超过10 MB上限' });
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send({ code: 'BAD_REQUEST', message: '请求体过大' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: 'BAD_REQUEST', message: `请求格式错误：${err.message}` });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: `${ERRORS.INTERNAL.message}（请求编号 ${req.id}）` });
  });

  // The access hook sits on the root so that no route, in any plugin context, escapes it.
  app.addHook('preHandler', accessHook({ db: deps.db, keys: deps.keys }));
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: `资源不存在：${req.method} ${req.url.split('?')[0]}` }),
  );
  await app.register(async (api) => {
    await authRoutes(api as App, deps);
    await userRoutes(api as App, deps);
    await auditRoutes(api as App, deps);
    await settingsRoutes(api as App, deps);
    await jobRoutes(api as App, deps);
    await fileRoutes(api as App, deps);
    await backupRoutes(api as App, deps);
    await unitRoutes(api as App, deps);
    await orgRoutes(api as App, deps);
    await rosterRoutes(api as App, deps);
    await importRoutes(api as App, deps);
    await dashboardRoutes(api as App, deps);
    await verificationRoutes(api as App, deps);
    await ledgerRoutes(api as App, deps);
    await budgetRoutes(api as App, deps);
    await reportCheckRoutes(api as App, deps);
    await performanceRoutes(api as App, deps);
    await reportRoutes(api as App, deps);
    await registrationRoutes(api as App, deps);
    await codeRoutes(api as App, deps);
    await annualReportRoutes(api as App, deps);
    await inspectionRoutes(api as App, deps);
    await publicationRoutes(api as App, deps);
    api.all('/api/*', { config: { access: 'public' } }, async (req, reply) =>
      reply.code(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` }),
    );
  });
  await healthRoutes(app as App, deps);

  // Everything registered in this context (docs UI, static web assets) is public by declaration.
  await app.register(async (pub) => {
    pub.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: r.config?.access ?? 'public' };
    });
    await pub.register(swaggerUi, { routePrefix: '/api/docs' });
    const web = deps.webDist;
    if (web && existsSync(join(web, 'index.html'))) {
      await pub.register(fastifyStatic, { root: web, wildcard: false, index: 'index.html' });
      pub.get('/*', async (_req, reply) => reply.type('text/html').sendFile('index.html'));
    }
  });

  await app.ready();
  const missing = undeclared(routes);
  if (missing.length)
    throw new Error(`routes without declared access: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  return { app: app as App, routes };
}
