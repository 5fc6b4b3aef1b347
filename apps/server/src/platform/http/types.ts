import type { RouteAccess } from '@bianban/contracts';
import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import type { Config, Keys } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../auth/auth.service.js';
import type { JobRunner } from '../jobs/jobs.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route requires, or `public` / `authenticated`. Every route declares one. */
    access?: RouteAccess;
    /** Reachable while the session still has a pending step (password change, TOTP). */
    allowPending?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  keys: Keys;
  jobs: JobRunner;
  /** Region used for answers before anyone is known (e.g. lockout settings of unknown usernames). */
  defaultRegion: string;
  /** Folder of the built web app; omitted in API-only tests. */
  webDist?: string | null;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Like `AuthContext` but non-null: for handlers behind a permission, where the hook guarantees it. */
export function authOf(req: { auth: AuthContext | null }): AuthContext {
  if (!req.auth) throw new Error('route without authentication reached an authenticated handler');
  return req.auth;
}
