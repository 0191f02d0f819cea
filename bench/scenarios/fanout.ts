import { withServer, type ServerName, type ServerOptions } from '../servers';
import { withGenerators, type Generator } from '../load/rpc';
import { Histogram } from '../lib/histogram';
import { cpuMs, cpuSplitMs, watchRss } from '../lib/proc';
import { round, sleep, type ScenarioResult } from '../lib/result';
import { nowMs } from '../lib/marker';

export interface FanoutOptions {
  name: string;
  server: ServerName;
  clients: number;
  durationMs: number;
  /** Ops run this long first, unmeasured: JIT and first-use costs on every side settle. */
  warmupMs?: number;
  /** Clients that write (default: all, once a second each); the rest only receive. */
  writers?: number[] | 'all';
  opsPerSecond?: number;
  /** Each writer's rate during the warm-up (default: opsPerSecond). */
  warmupOpsPerSecond?: number;
  /** 'create' adds a note every op; 'mixed' adds up to three notes per client, then edits them. */
  mode?: 'mixed' | 'create';
  dragger?: boolean;
  serverOptions?: ServerOptions;
  generators?: number;
  /** Apply every update in every client's doc (see ClientOptions.passive); affordable up to a few dozen clients. */
  fullClients?: boolean;
  /** Ours driven by the stock y-websocket provider, as an outside tool would connect, instead of its own app's. */
  stockClient?: boolean;
}

/**
 * `fanout-N`: N clients on one board, each adding or editing a note once a second, one of them dragging
 * at 10 Hz (awareness). Latency is from the op on one client to its arrival at every other client.
 */
export async function fanout(o: FanoutOptions): Promise<ScenarioResult> {
  return withServer(o.server, o.serverOptions ?? {}, async (server) => {
    const board = await server.newBoard();
    const target = o.stockClient ? { ...server.base, provider: 'stock' as const } : server.base;
    return withGenerators(o.generators ?? 2, async (gens) => {
      const slices = gens.map((_, g) => Array.from({ length: o.clients }, (_, i) => i).filter((i) => i % gens.length === g));
      // Connects are staggered so 500 handshakes do not land in one instant on two cores.
      const perSecond = Math.max(50, Math.ceil(o.clients / 4 / gens.length));
      const connected = await Promise.all(
        gens.map((g, i) => g.call({ cmd: 'connect', target, clients: slices[i]!.map((sender) => ({ sender, ...board })), perSecond, passive: !o.fullClients })),
      );
      if (!connected.every((c) => c.allSynced)) throw new Error(`${o.name}/${server.name}: not every client synced`);
      await sleep(1000);

      const dragger = o.dragger === false ? null : 0;
      const warmupMs = o.warmupMs ?? 3000;
      const measureFrom = nowMs() + warmupMs;
      await Promise.all(gens.map((g) => g.call({ cmd: 'start', writers: o.writers ?? 'all', opsPerSecond: o.opsPerSecond ?? 1, warmupOpsPerSecond: o.warmupOpsPerSecond, dragger, mode: o.mode ?? 'mixed', measureFrom })));
      await sleep(warmupMs);
      const genCpu0 = gens.map((g) => cpuMs(g.pid));
      const cpu0 = cpuSplitMs(server.pid);
      const rss = watchRss(server.pid);
      const t0 = Date.now();
      const ops0 = await Promise.all(gens.map((g) => g.call({ cmd: 'sent' })));
      await sleep(o.durationMs);
      const sent = Object.assign({}, ...(await Promise.all(gens.map((g) => g.call({ cmd: 'stop' }))))) as Record<number, number>;
      const stats = await Promise.all(gens.map((g) => g.call({ cmd: 'stats', sent, drainMs: 5000 })));
      const wallMs = Date.now() - t0;
      const cpu1 = cpuSplitMs(server.pid);
      const serverCpu = cpu1.user + cpu1.system - cpu0.user - cpu0.system;
      const peakRss = rss.stop();

      const latency = new Histogram();
      for (const s of stats) latency.merge(s.latency);
      const total = (m: Record<number, number>) => Object.values(m).reduce((a, b) => a + b, 0);
      // CPU is read over the measured window only, so it is divided by the ops of that window.
      const ops = total(sent) - ops0.reduce((n, m) => n + total(m), 0);
      return {
        name: o.name,
        server: server.name,
        p50Ms: round(latency.quantile(0.5)),
        p99Ms: round(latency.quantile(0.99)),
        maxMs: round(latency.max),
        cpuMsPerOp: round(serverCpu / ops, 3),
        rssMb: round(peakRss, 1),
        dropped: stats.reduce((n, s) => n + s.dropped, 0),
        reordered: stats.reduce((n, s) => n + s.reordered, 0),
        extra: {
          ops,
          deliveries: latency.count,
          reconnects: stats.reduce((n, s) => n + s.reconnects, 0),
          serverCpuPct: round((100 * serverCpu) / wallMs, 0),
          // Kernel time is mostly socket writes: the same count for every server, so differences show in user time.
          serverSysMsPerOp: round((cpu1.system - cpu0.system) / ops, 3),
          generatorCpuPct: round((100 * gens.reduce((n, g: Generator, i) => n + cpuMs(g.pid) - genCpu0[i]!, 0)) / wallMs, 0),
          // The worst generator's: a latency figure near this one is the measuring side's, not the server's.
          generatorLoopDelayP99Ms: round(Math.max(...stats.map((s) => s.loopDelayMs.p99)), 1),
          generatorLoopDelayMaxMs: round(Math.max(...stats.map((s) => s.loopDelayMs.max)), 1),
        },
      };
    });
  });
}
