import { withServer, type ServerName, type ServerOptions } from '../servers';
import { withGenerators } from '../load/rpc';
import { percentile } from '../lib/histogram';
import { cpuMs, watchRss } from '../lib/proc';
import { round, sleep, type ScenarioResult } from '../lib/result';

export interface ColdLoadOptions {
  name: string;
  server: ServerName;
  notes: number;
  runs: number;
  /**
   * Ours only: let the board unload between runs, so each new client waits for it to be read from
   * SQLite; otherwise a seeding client stays connected and the board stays in memory (as on the peers).
   */
  fromStore?: boolean;
  serverOptions?: ServerOptions;
}

/** `cold-load`: a board of `notes` notes; time for a brand-new client to be synced, and the bytes it received. */
export async function coldLoad(o: ColdLoadOptions): Promise<ScenarioResult> {
  const unloadMs = 1000;
  const serverOptions = o.fromStore ? { ...o.serverOptions, env: { ...o.serverOptions?.env, IDLE_UNLOAD_MS: String(unloadMs) } } : (o.serverOptions ?? {});
  return withServer(o.server, serverOptions, async (server) => {
    const board = await server.newBoard();
    const target = { ...server.base, ...board };
    return withGenerators(2, async ([seeder, loader]) => {
      await seeder!.call({ cmd: 'connect', target: server.base, clients: [{ sender: 0, ...board }], perSecond: 10, passive: false });
      const seeded = await seeder!.call({ cmd: 'seed', count: o.notes, batch: 250, everyClient: false });
      // A first client that waits for every note: the server has them all before timing starts.
      await loader!.call({ cmd: 'coldLoad', target, expect: o.notes });
      if (o.fromStore) await seeder!.call({ cmd: 'close' });
      const times: number[] = [];
      const bytes: number[] = [];
      const rss = watchRss(server.pid);
      let cpu = 0;
      for (let i = 0; i < o.runs; i++) {
        if (o.fromStore) await sleep(unloadMs + 1500);
        const cpu0 = cpuMs(server.pid);
        const r = await loader!.call({ cmd: 'coldLoad', target, expect: o.notes });
        cpu += cpuMs(server.pid) - cpu0;
        times.push(r.ms);
        bytes.push(r.bytes);
        await sleep(200);
      }
      return {
        name: o.name,
        server: server.name,
        p50Ms: round(percentile(times, 0.5)),
        p99Ms: round(percentile(times, 0.99)),
        maxMs: round(Math.max(...times)),
        cpuMsPerOp: round(cpu / o.runs, 1),
        rssMb: round(rss.stop(), 1),
        dropped: null,
        extra: { runs: o.runs, notes: seeded.notes, bytesReceived: percentile(bytes, 0.5), docBytes: seeded.bytes },
      };
    });
  });
}
