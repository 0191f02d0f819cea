import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Output so far, for failure messages. */
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop: () => Promise<number | null>;
  /** SIGKILL: no chance to flush anything. */
  kill: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The built client the e2e tests and benchmarks drive: the test build (`npm run build:test-client`),
 * which exposes the board on window for them, unless CLIENT_DIR names another.
 */
export const CLIENT_UNDER_TEST = process.env.CLIENT_DIR ?? 'dist/test-client';

/** Spawns the real server (`server/main.ts`) as a child process: what `npm start` runs, from source (tsx as a loader), so tests need no build. */
export async function startServer(opts: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fusen-data-'));
  const port = opts.port ?? (await freePort());
  let out = '';
  // Node itself runs main.ts (tsx only as a loader), so SIGKILL and SIGTERM reach the server: the
  // tsx CLI would be a wrapper process, and killing it would leave the real server running.
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, CLIENT_DIR: CLIENT_UNDER_TEST, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', IDLE_UNLOAD_MS: '2000', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    dataDir,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

export interface CreatedBoard {
  boardId: string;
  facilitatorToken: string;
  participantToken: string;
  viewerToken: string;
  links: Record<'facilitator' | 'participant' | 'viewer', string>;
}

export async function createBoard(at: string | { url: string; fetch: typeof fetch }, body: Record<string, unknown> = {}): Promise<CreatedBoard> {
  const { url, fetch: send } = typeof at === 'string' ? { url: at, fetch } : at;
  const r = await send(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 201) throw new Error(`create board: ${r.status} ${await r.text()}`);
  return (await r.json()) as CreatedBoard;
}
