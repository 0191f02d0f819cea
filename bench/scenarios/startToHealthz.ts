import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../server/testing/startServer';
import { whyRebuild } from '../../scripts/buildState.mjs';
import { percentile } from '../lib/histogram';
import { round, sleep, type ScenarioResult } from '../lib/result';

const ROOT = resolve(import.meta.dirname, '../..');

/** One `npm start` on the built tree: time from spawning it to the first 200 from /healthz. */
async function once(): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fusen-bench-start-'));
  const t0 = performance.now();
  const proc = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}`);
      if (performance.now() - t0 > 30_000) throw new Error('no answer from /healthz within 30 s');
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return performance.now() - t0;
      await sleep(10);
    }
  } finally {
    // npm runs node as its child: the whole group goes.
    try {
      process.kill(-proc.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `start-to-healthz`: a crash restart under systemd on a built tree, from `npm start` to the health check answering. */
export async function startToHealthz(runs: number): Promise<ScenarioResult> {
  const stale = whyRebuild(ROOT);
  if (stale) throw new Error(`the build is not current (${stale}): run \`npm run build\` first, or this measures a build`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return {
    name: 'start-to-healthz',
    server: 'ours',
    p50Ms: round(percentile(times, 0.5)),
    p99Ms: null,
    maxMs: round(Math.max(...times)),
    cpuMsPerOp: null,
    rssMb: null,
    dropped: null,
    extra: { runs, spread: `${round(Math.min(...times), 0)}–${round(Math.max(...times), 0)}` },
  };
}
