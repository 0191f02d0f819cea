import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import type { Store } from '../store/store';
import type { Bus } from '../bus/bus';

/** The real app on a real port in this process, over a fresh SQLite store unless one is given. */
export async function startApp(
  opts: { env?: Record<string, string>; store?: Store; bus?: Bus } = {},
): Promise<{ app: FastifyInstance; url: string; wsUrl: string; config: Config; store: Store; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fusen-app-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', IDLE_UNLOAD_MS: '200', CLIENT_DIR: join(dataDir, 'no-client'), ...opts.env });
  const store = opts.store ?? new SqliteStore(dataDir);
  const app = await buildApp(config, { store, bus: opts.bus ?? new LocalBus() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws`, config, store, close: () => app.close() };
}
