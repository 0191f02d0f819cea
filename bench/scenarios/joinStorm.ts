import { withServer, type ServerName } from '../servers';
import { withGenerators } from '../load/rpc';
import { percentile } from '../lib/histogram';
import { cpuMs, watchRss } from '../lib/proc';
import { round, type ScenarioResult } from '../lib/result';

export interface JoinStormOptions {
  name: string;
  server: ServerName;
  /** People opening the board. */
  clients: number;
  /** Notes on the board they open. */
  notes: number;
  /** All of them open within this window, evenly spread (the QR goes up, the hall scans it). */
  spreadMs: number;
  /** Separate load processes the clients are dealt across. */
  generators: number;
}

/**
 * `join-storm`: `clients` people open one `notes`-note board within `spreadMs`, from `generators`
 * processes; each one's time from opening its socket to being synced with every note, p50 and p99.
 */
export async function joinStorm(o: JoinStormOptions): Promise<ScenarioResult> {
  return withServer(o.server, {}, async (server) => {
    const board = await server.newBoard();
    const target = { ...server.base, ...board };
    return withGenerators(o.generators + 1, async ([seeder, ...loaders]) => {
      await seeder!.call({ cmd: 'connect', target: server.base, clients: [{ sender: 0, ...board }], perSecond: 10, passive: false });
      const seeded = await seeder!.call({ cmd: 'seed', count: o.notes, batch: 100, everyClient: false, inSections: true });
      // One client first, so the board is in the server's memory with every note before the storm (as on the peers).
      await loaders[0]!.call({ cmd: 'coldLoad', target, expect: o.notes });
      const rss = watchRss(server.pid);
      const cpu0 = cpuMs(server.pid);
      // Slots dealt round-robin: each generator's clients are spread over the whole window, not bunched.
      const startAt = Date.now() + 500;
      const replies = await Promise.all(
        loaders.map((g, i) =>
          g.call({
            cmd: 'storm',
            target,
            slots: Array.from({ length: o.clients }, (_, s) => s).filter((s) => s % loaders.length === i),
            of: o.clients,
            startAt,
            spreadMs: o.spreadMs,
            expect: o.notes,
            timeoutMs: 60_000,
          }),
        ),
      );
      const cpu = cpuMs(server.pid) - cpu0;
      const times = replies.flatMap((r) => r.ms);
      const failed = replies.reduce((n, r) => n + r.failed, 0);
      return {
        name: o.name,
        server: server.name,
        p50Ms: times.length ? round(percentile(times, 0.5)) : null,
        p99Ms: times.length ? round(percentile(times, 0.99)) : null,
        maxMs: times.length ? round(Math.max(...times)) : null,
        cpuMsPerOp: round(cpu / o.clients, 1),
        rssMb: round(rss.stop(), 1),
        dropped: failed,
        extra: { clients: o.clients, synced: times.length, notes: seeded.notes, withinMs: o.spreadMs, generators: o.generators, serverCpuMs: round(cpu, 0) },
      };
    });
  });
}
