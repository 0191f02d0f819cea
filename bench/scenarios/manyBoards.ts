import { withServer, type ServerName, type ServerOptions } from '../servers';
import { withGenerators, type Generator } from '../load/rpc';
import { rssMb } from '../lib/proc';
import { round, sleep, type ScenarioResult } from '../lib/result';

export interface ManyBoardsOptions {
  name: string;
  server: ServerName;
  boards: number;
  clientsPerBoard: number;
  notesPerBoard: number;
  serverOptions?: ServerOptions;
  /** Pause before each memory reading, for sockets and garbage collection to settle. */
  settleMs?: number;
  /**
   * How long after the last note was written the boards count as idle, when per board is read (every
   * server waits the same). Ours keeps a board nobody changed for HIBERNATE_AFTER_MS (5 s) as its encoded
   * state; the reading at `settleMs` is kept too, as `perBoardKbJustWritten`.
   */
  idleMs?: number;
}

const settle = (ms: number) => sleep(ms);
/**
 * RSS differences carry garbage-collection timing: a collection between two readings can free more
 * (start-up garbage, a seeding's leftovers) than the step added. At or below zero there is no figure.
 */
const kb = (v: number): number | string => (v > 0 ? round(v, 0) : 'below noise');

/**
 * `many-boards`: B boards × C clients, each board holding a workshop's worth of notes. Memory is read
 * in steps — idle server; one client per board (board + first connection); all clients (the extra
 * connections); after everyone left — so per board and per connection come out separately.
 */
export async function manyBoards(o: ManyBoardsOptions): Promise<ScenarioResult> {
  // Ours unloads a board 2 s after its last client leaves (default 30 s), so "after" shows unloaded boards.
  const serverOptions = { ...o.serverOptions, env: { ...o.serverOptions?.env, IDLE_UNLOAD_MS: '2000' } };
  return withServer(o.server, serverOptions, async (server) => {
    const boards: { room: string; token?: string }[] = [];
    for (let i = 0; i < o.boards; i++) boards.push(await server.newBoard());
    await settle(o.settleMs ?? 3000);
    const base = rssMb(server.pid);
    return withGenerators(2, async (gens) => {
      let sender = 0;
      const connect = (gs: Generator[], perBoard: number) =>
        Promise.all(
          gs.map((g, gi) => {
            const clients = boards.filter((_, b) => b % gs.length === gi).flatMap((b) => Array.from({ length: perBoard }, () => ({ sender: sender++, ...b })));
            return g.call({ cmd: 'connect', target: server.base, clients, perSecond: 200, passive: true });
          }),
        );
      // Phase 1: one client per board, which writes the board's notes.
      await connect(gens, 1);
      await Promise.all(gens.map((g) => g.call({ cmd: 'seed', count: o.notesPerBoard, batch: o.notesPerBoard, everyClient: true })));
      await settle(o.settleMs ?? 3000);
      const justWritten = rssMb(server.pid);
      await settle(Math.max(0, (o.idleMs ?? 10_000) - (o.settleMs ?? 3000)));
      const withBoards = rssMb(server.pid);
      // Phase 2: the rest of each board's clients.
      await connect(gens, o.clientsPerBoard - 1);
      await settle(o.settleMs ?? 3000);
      const withAll = rssMb(server.pid);
      await Promise.all(gens.map((g) => g.call({ cmd: 'close' })));
      await sleep(2000);
      await settle(o.settleMs ?? 3000);
      const after = rssMb(server.pid);
      const loaded = server.name === 'ours' ? ((await (await fetch(`${server.url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded : null;
      const perConnKb = ((withAll - withBoards) * 1024) / (o.boards * (o.clientsPerBoard - 1));
      const perBoardKb = ((withBoards - base) * 1024) / o.boards - Math.max(0, perConnKb);
      const perBoardKbJustWritten = ((justWritten - base) * 1024) / o.boards - Math.max(0, perConnKb);
      return {
        name: o.name,
        server: server.name,
        p50Ms: null,
        p99Ms: null,
        maxMs: null,
        cpuMsPerOp: null,
        rssMb: round(withAll, 1),
        dropped: null,
        extra: {
          idleMb: round(base, 1),
          perBoardKb: kb(perBoardKb),
          perConnKb: kb(perConnKb),
          perBoardKbJustWritten: kb(perBoardKbJustWritten),
          afterLeaveMb: round(after, 1),
          afterLeavePerBoardKb: round(((after - base) * 1024) / o.boards, 0),
          ...(loaded === null ? {} : { boardsLoadedAfterLeave: loaded }),
        },
      };
    });
  });
}
