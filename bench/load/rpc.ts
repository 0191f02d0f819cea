import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { HistogramData } from '../lib/histogram';
import type { Target } from './clients';
import { prioritise } from '../lib/proc';

export type GeneratorRequest =
  | { cmd: 'connect'; target: Omit<Target, 'room' | 'token'>; clients: { sender: number; room: string; token?: string }[]; perSecond: number; passive: boolean }
  | StartRequest
  | { cmd: 'stop' }
  | { cmd: 'sent' }
  | { cmd: 'stats'; sent: Record<number, number>; drainMs: number }
  | { cmd: 'seed'; count: number; batch: number; everyClient: boolean; inSections?: boolean }
  | { cmd: 'coldLoad'; target: Target; expect: number }
  | StormRequest
  | { cmd: 'close' };

/**
 * Join storm: this generator's share of the people opening one board at once. Client `slots[i]` of
 * `of` opens at `startAt + slots[i] / of * spreadMs` (wall clock, shared by the generators on this machine).
 */
export interface StormRequest {
  cmd: 'storm';
  target: Target;
  slots: number[];
  of: number;
  startAt: number;
  spreadMs: number;
  expect: number;
  timeoutMs: number;
}

export interface StartRequest {
  cmd: 'start';
  writers: number[] | 'all';
  opsPerSecond: number;
  /** Each writer's rate before `measureFrom` (default: opsPerSecond). */
  warmupOpsPerSecond?: number;
  dragger: number | null;
  mode: 'mixed' | 'create';
  measureFrom: number;
}

export interface GeneratorStats {
  latency: HistogramData;
  samples: number;
  dropped: number;
  reordered: number;
  reconnects: number;
  cpuMs: number;
  /** How late this generator's event loop ran over the measured window: arrivals are timed no better than this. */
  loopDelayMs: { p99: number; max: number };
}

export interface Replies {
  connect: { connected: number; allSynced: boolean };
  start: void;
  stop: Record<number, number>;
  sent: Record<number, number>;
  stats: GeneratorStats;
  seed: { notes: number; bytes: number; perGroup: Record<string, number> };
  coldLoad: { ms: number; bytes: number };
  /** Time from opening to synced with every note, per client that got there; `failed` did not within the timeout. */
  storm: { ms: number[]; failed: number };
  close: void;
}

const ENTRY = resolve(import.meta.dirname, 'generator.ts');

/** Generators still running, killed if the benchmark itself is interrupted. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** The orchestrator's handle on one load generator child process. */
export class Generator {
  private proc: ChildProcess;
  private nextId = 1;
  private waiting = new Map<number, { res: (v: unknown) => void; rej: (e: Error) => void }>();
  private exited: Promise<void>;

  constructor() {
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF, 'generators')}`] : [];
    // BENCH_GENERATOR_NODE_ARGS: node flags for the generators (`--perf-basic-prof`, `--trace-gc`), as BENCH_NODE_ARGS for servers.
    const extra = process.env.BENCH_GENERATOR_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.proc = fork(ENTRY, [], { execArgv: [...prof, ...extra, '--import', 'tsx', '--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
    prioritise(this.proc.pid!);
    running.add(this.proc);
    this.proc.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.rej(new Error(`load generator: ${m.error}`));
      else w.res(m.result);
    });
    this.exited = new Promise((res) =>
      this.proc.once('exit', () => {
        running.delete(this.proc);
        for (const w of this.waiting.values()) w.rej(new Error('load generator exited'));
        this.waiting.clear();
        res();
      }),
    );
  }

  get pid(): number {
    return this.proc.pid!;
  }

  call<C extends GeneratorRequest['cmd']>(req: Extract<GeneratorRequest, { cmd: C }>): Promise<Replies[C]> {
    const id = this.nextId++;
    return new Promise((res, rej) => {
      this.waiting.set(id, { res: res as (v: unknown) => void, rej });
      this.proc.send({ id, req });
    });
  }

  async close(): Promise<void> {
    if (this.proc.exitCode === null) {
      await this.call({ cmd: 'close' }).catch(() => {});
      this.proc.disconnect();
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(t);
    }
  }
}

/** Runs `n` generators and closes them all afterwards, whatever happens. */
export async function withGenerators<T>(n: number, fn: (gens: Generator[]) => Promise<T>): Promise<T> {
  const gens = Array.from({ length: n }, () => new Generator());
  try {
    return await fn(gens);
  } finally {
    await Promise.all(gens.map((g) => g.close()));
  }
}
