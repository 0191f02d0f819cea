import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import type { Store } from '../store/store';

/** Statuses a Response may not carry a body with. */
const NO_BODY = new Set([101, 204, 205, 304]);

/** inject would send any object other than a Buffer as JSON: bytes go as bytes. */
function payloadOf(body: BodyInit): string | Buffer {
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new Error('injectFetch sends strings and bytes only');
}

/** A `fetch` answered by `app.inject`: the request runs through every hook and route, with no port or socket. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://injected');
    const res = await app.inject({
      method: (init.method ?? 'GET') as InjectOptions['method'],
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      ...(init.body !== undefined && init.body !== null ? { payload: payloadOf(init.body) } : {}),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const one of [v].flat()) headers.append(k, String(one));
    return new Response(NO_BODY.has(res.statusCode) ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  };
}

export interface InjectedApp {
  app: FastifyInstance;
  /** The address the app puts in links; nothing listens on it. */
  url: string;
  /** Requests to this app, as `fetch` would send them to `url`. */
  fetch: typeof fetch;
  config: Config;
  store: Store;
  close: () => Promise<void>;
}

/** The real app over a fresh SQLite store, for tests of routes that need no websocket: no port is opened. */
export async function injectedApp(opts: { env?: Record<string, string> } = {}): Promise<InjectedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fusen-inject-'));
  const config = loadConfig({ HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', IDLE_UNLOAD_MS: '200', CLIENT_DIR: join(dataDir, 'no-client'), ...opts.env });
  const store = new SqliteStore(dataDir);
  const app = await buildApp(config, { store, bus: new LocalBus() });
  await app.ready();
  return {
    app,
    url: app.publicUrl(),
    fetch: injectFetch(app),
    config,
    store,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
