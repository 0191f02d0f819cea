import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './startServer';

/**
 * Real redis-server and PostgreSQL for the scale-out tests, from Debian's packages
 * (`apt-get install redis-server postgresql`), each on a free port in a temp folder.
 */

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

/** The newest PostgreSQL bin folder (PG_BIN overrides), or null. */
export function postgresBin(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  return null;
}

const hasRedis = (): boolean => spawnSync('redis-server', ['--version']).status === 0;
const postgresUid = (): { uid: number; gid: number } | null => {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null;
};

/** Why the services cannot run here, or null when they can. */
export function missingServices(): string | null {
  const missing: string[] = [];
  if (!hasRedis()) missing.push('redis-server (apt-get install redis-server)');
  if (!postgresBin()) missing.push('PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  else if (isRoot && !postgresUid()) missing.push("a 'postgres' user to run initdb as (running as root)");
  return missing.length ? `scale-out services unavailable: missing ${missing.join(', ')}` : null;
}

/**
 * True when the tests can run. Without the binaries the tests skip with a message,
 * except under CI=true, where a missing service is a failure, not a silent skip.
 */
export function servicesAvailable(): boolean {
  const missing = missingServices();
  if (!missing) return true;
  if (process.env.CI === 'true') throw new Error(`${missing}. .ci/run installs them; CI must not skip these tests.`);
  console.warn(`SKIPPED: ${missing}`);
  return false;
}

/** Kills what is still running if the test process exits without its afterAll. */
const atExit = new Set<() => void>();
process.once('exit', () => atExit.forEach((f) => f()));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = (ok: boolean) => {
      s.destroy();
      res(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.on('error', () => res(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      got += d;
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
  });
}

export interface Service {
  url: string;
  port: number;
  /** Stops the server, keeping port and data, as when it is lost while the app runs. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** `redis-server` on a free port, no persistence, in its own temp folder. */
export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fusen-redis-'));
  let proc: ChildProcess | null = null;
  let log = '';
  const kill = () => proc?.kill('SIGKILL');
  const service: Service = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      log = '';
      const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc = p;
      p.stdout!.on('data', (d) => (log += d));
      p.stderr!.on('data', (d) => (log += d));
      atExit.add(kill);
      await waitFor('redis-server', async () => {
        if (p.exitCode !== null) throw new Error(`redis-server exited with ${p.exitCode}:\n${log}`);
        return redisPing(port);
      });
    },
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
      atExit.delete(kill);
    },
    async close() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/** A fresh PostgreSQL cluster (trust auth, 127.0.0.1 only) on a free port; run as 'postgres' when we are root. */
export async function startPostgres(): Promise<Service> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found in /usr/lib/postgresql/*/bin');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fusen-pg-'));
  const data = join(dir, 'data');
  const owner = isRoot ? postgresUid() : null;
  if (isRoot && !owner) throw new Error("running as root needs a 'postgres' user to run PostgreSQL");
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const pgRun = (tool: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const pgRunSync = (tool: string, args: string[]) =>
    owner ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : spawnSync(join(bin, tool), args);

  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const emergencyStop = () => void pgRunSync('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']);
  const service: Service = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
      await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', opts, 'start']);
      atExit.add(emergencyStop);
    },
    async stop() {
      if (!existsSync(join(data, 'postmaster.pid'))) return;
      await pgRun('pg_ctl', ['-D', data, '-w', 'stop', '-m', 'fast']);
      atExit.delete(emergencyStop);
    },
    async close() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}
