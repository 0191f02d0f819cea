import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLIENT_UNDER_TEST, freePort } from '../server/testing/startServer';
import type { Protocol, Target } from './load/clients';
import { prioritise } from './lib/proc';

export type ServerName = 'ours' | 'y-websocket' | 'hocuspocus';
export const SERVER_NAMES: readonly ServerName[] = ['ours', 'y-websocket', 'hocuspocus'];

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Ours as deployed (default limits, SQLite in a temp DATA_DIR), except the per-address limits: every
 * simulated participant comes from 127.0.0.1, where a hall's phones would each have their own address.
 */
export const OURS_ENV = { LOG_LEVEL: 'warn', MAX_CONNECTIONS_PER_IP: '0', BOARDS_PER_IP_PER_HOUR: '0' };

/** Servers still running, killed if the benchmark itself is interrupted. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export interface BenchServer {
  name: ServerName;
  pid: number;
  url: string;
  protocol: Protocol;
  /** What every client of this server connects to, minus the room. */
  base: Omit<Target, 'room' | 'token'>;
  /** A fresh board: ours through POST /api/boards (participant token), the peers by naming a room. */
  newBoard(): Promise<{ room: string; token?: string; facilitatorToken?: string }>;
  /** What the server printed so far (warnings, errors). */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Ours only: extra environment (SQLITE_SYNC=FULL, IDLE_UNLOAD_MS…). */
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof for profiling. */
  nodeArgs?: string[];
}

let serverBuilt = false;
/** Ours runs as deployed, built (`npm run build`); rebuilt once per bench run so it measures the code as it is now. */
function buildServer(): void {
  if (serverBuilt) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'server/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  serverBuilt = true;
}

function command(name: ServerName, nodeArgs: string[]): string[] {
  switch (name) {
    case 'ours':
      buildServer();
      return [...nodeArgs, '--enable-source-maps', join(ROOT, 'dist/server/main.js')];
    case 'y-websocket':
      return [...nodeArgs, join(ROOT, 'node_modules/y-websocket-peer/bin/server.cjs')];
    case 'hocuspocus':
      return [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench/peers/hocuspocus-server.ts')];
  }
}

/** Starts one server under test as its own process on a free port; ours over SQLite in a temp DATA_DIR. */
export async function startBenchServer(name: ServerName, opts: ServerOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = name === 'ours' ? mkdtempSync(join(tmpdir(), 'fusen-bench-ours-')) : null;
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(name === 'ours' ? { ...OURS_ENV, DATA_DIR: dataDir!, CLIENT_DIR: join(ROOT, CLIENT_UNDER_TEST), ...opts.env } : {}),
  };
  // BENCH_CPU_PROF=DIR profiles every server started (node --cpu-prof), for finding what a target misses on.
  // BENCH_NODE_ARGS adds node flags to every server, e.g. --perf-basic-prof for `perf record`, whose
  // sampling costs the server far less than V8's profiler does (which evens out what it measures).
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF, name)}`, ...(name === 'y-websocket' ? ['--require', join(ROOT, 'bench/lib/exitOnSignal.cjs')] : [])]
    : [];
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(process.execPath, command(name, [...prof, ...extra, ...(opts.nodeArgs ?? [])]), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  prioritise(proc.pid!);
  let output = '';
  // The log (BENCH_SERVER_LOG) marks each chunk with seconds since start: GC and JIT traces carry no times of their own.
  let log = '';
  const started = performance.now();
  const take = (d: Buffer) => {
    output += d;
    if (process.env.BENCH_SERVER_LOG) log += `[+${((performance.now() - started) / 1000).toFixed(1)}s] ${d}`;
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(proc, url, () => output);
  const protocol: Protocol = name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';
  let rooms = 0;
  return {
    name,
    pid: proc.pid!,
    url,
    protocol,
    base: name === 'ours' ? { protocol, wsUrl: `ws://127.0.0.1:${port}/ws`, provider: 'board' } : { protocol, wsUrl: `ws://127.0.0.1:${port}` },
    newBoard: async () => {
      if (name !== 'ours') return { room: `bench-${process.pid}-${++rooms}` };
      const r = await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'ベンチマーク' }) });
      if (r.status !== 201) throw new Error(`POST /api/boards: ${r.status} ${await r.text()}`);
      const b = (await r.json()) as { boardId: string; participantToken: string; facilitatorToken: string };
      return { room: b.boardId, token: b.participantToken, facilitatorToken: b.facilitatorToken };
    },
    output: () => output,
    stop: async () => {
      if (process.env.BENCH_DEBUG) console.error(`[${name}] ${output.slice(-3000)}`);
      // BENCH_SERVER_LOG=PREFIX keeps what each server printed (with BENCH_NODE_ARGS=--trace-gc, its collections).
      if (process.env.BENCH_SERVER_LOG) writeFileSync(`${process.env.BENCH_SERVER_LOG}-${name}-${proc.pid}.log`, log);
      await stopProcess(proc);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilUp(proc: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

/** Starts a server, runs `fn`, and always stops it. */
export async function withServer<T>(name: ServerName, opts: ServerOptions, fn: (s: BenchServer) => Promise<T>): Promise<T> {
  const s = await startBenchServer(name, opts);
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}
