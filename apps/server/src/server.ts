/**
 * Composition root: config → database (embedded unless DATABASE_URL) → migrations → first-start
 * bootstrap → job runner → HTTP app → listen. `stop()` undoes it in reverse order.
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { bootstrap, formatCredentials, type InitialAccount } from './db/bootstrap.js';
import { loadDemoReports } from './db/demo/publications.js';
import { connect, runMigrations, type Database } from './db/client.js';
import { startEmbedded, type EmbeddedServer } from './db/embedded.js';
import { buildApp } from './platform/http/app.js';
import type { App } from './platform/http/types.js';
import { JobRunner } from './platform/jobs/jobs.service.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface DatabaseHandle extends Database {
  embedded: EmbeddedServer | null;
  url: string;
}

/** Opens the configured database (starting the embedded server when needed) and migrates it. */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<DatabaseHandle> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded({ dir: config.dataDir, log });
    url = embedded.url();
  }
  const database = connect(url, 20);
  try {
    await runMigrations(database.db);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    ...database,
    embedded,
    url,
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}

export interface RunningServer {
  app: App;
  url: string;
  initialAccounts: InitialAccount[];
  stop: () => Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { logger?: boolean; webDist?: string | null } = {},
): Promise<RunningServer> {
  const database = await openDatabase(config);
  try {
    const initialAccounts = await bootstrap(database.db, config.keys, { region: config.region, demo: config.demo });
    if (initialAccounts.length) {
      const file = join(config.dataDir, 'initial-credentials.txt');
      writeFileSync(file, formatCredentials(initialAccounts), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    const jobs = new JobRunner(database.db);
    const { app } = await buildApp(
      {
        config,
        db: database.db,
        pool: database.pool,
        keys: config.keys,
        jobs,
        defaultRegion: config.region.code,
        webDist: opts.webDist === undefined ? (existsSync(WEB_DIST) ? WEB_DIST : null) : opts.webDist,
      },
      { logger: opts.logger ?? true },
    );
    // The demo's published report renders DOCX/PDF outside the bootstrap transaction: first start
    // only. A failure leaves the demo without it (logged); it must not stop the platform starting.
    if (initialAccounts.length && config.demo)
      await loadDemoReports(database.db, config.keys, config.region.code).catch((err: unknown) =>
        app.log.error({ err }, 'demo report could not be published'),
      );
    const interrupted = await jobs.start();
    if (interrupted) app.log.warn({ interrupted }, 'jobs cut by the previous stop were marked failed');
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      app,
      url: address,
      initialAccounts,
      stop: async () => {
        await app.close();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
