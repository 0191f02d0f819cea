import WebSocket from 'ws';
import { readFileSync, rmSync } from 'node:fs';
import { startServer, createBoard, type CreatedBoard, type RunningServer } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { readBoard } from '../../shared/board/doc';
import { SqliteStore } from '../store/sqlite';
import { honestClient, missingNotes, type HonestClient } from './honest';
import { EXPECTED_CLOSE, MAY_DROP, hostileMessage, makeSeeds, rng, type HostileKind, type Rng } from './hostile';

export interface FuzzOptions {
  messages: number;
  seed: number;
  /** Hostile sockets open at once. */
  concurrency?: number;
  honestPerBoard?: number;
  progress?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  messagesSent: number;
  byKind: Partial<Record<HostileKind, number>>;
  hostileSockets: number;
  /** Server close codes of hostile sockets (refused at connect included), by code. */
  closeCodes: Record<number, number>;
  /** Hostile sockets that sent only tolerated messages and were closed by the fuzzer after the server answered. */
  closedByFuzzer: number;
  /** Sockets the server neither closed nor answered within 10 s (a slow or stuck server), and what they had sent. */
  timedOut: number;
  timedOutKinds: string[];
  unexpectedCloseCodes: number[];
  serverExitedDuringRun: boolean;
  healthChecks: number;
  healthFailures: number;
  healthMaxMs: number;
  honestNotes: number;
  honestMissing: number;
  honestDisconnects: number;
  honestCloseCodes: string[];
  honestPresenceIntact: boolean;
  boardsLoadedAfterIdle: number;
  unexpectedServerErrors: number;
  rssMiB: { start: number; peak: number; end: number };
  sigtermExitCode: number | null;
  afterRestartMissing: number;
  integrity: string;
  durationS: number;
  hostileSeconds: number;
}

/** The server process's resident memory, from /proc. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : 0;
  } catch {
    return 0;
  }
}

interface Target {
  boardId: string;
  token: string;
}

/**
 * Hostile sockets send mutated and malformed messages at a live server while honest clients keep
 * editing; afterwards the honest boards must be exactly what the honest clients wrote, in every
 * client, in a fresh client, and in the store after a SIGTERM and a restart.
 */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const r = rng(opts.seed);
  const say = opts.progress ?? (() => {});
  const server = await startServer({ env: { LOG_LEVEL: 'error', IDLE_UNLOAD_MS: '1500' } });
  const report: FuzzReport = {
    seed: opts.seed,
    messagesSent: 0,
    byKind: {},
    hostileSockets: 0,
    closeCodes: {},
    closedByFuzzer: 0,
    timedOut: 0,
    timedOutKinds: [],
    unexpectedCloseCodes: [],
    serverExitedDuringRun: false,
    healthChecks: 0,
    healthFailures: 0,
    healthMaxMs: 0,
    honestNotes: 0,
    honestMissing: 0,
    honestDisconnects: 0,
    honestCloseCodes: [],
    honestPresenceIntact: false,
    boardsLoadedAfterIdle: -1,
    unexpectedServerErrors: 0,
    rssMiB: { start: 0, peak: 0, end: 0 },
    sigtermExitCode: null,
    afterRestartMissing: -1,
    integrity: '',
    durationS: 0,
    hostileSeconds: 0,
  };
  let restarted: RunningServer | null = null;
  const honest: HonestClient[] = [];
  try {
    const boards = [await createBoard(server.url), await createBoard(server.url)];
    const spare = await createBoard(server.url);
    for (const b of boards) for (let i = 0; i < (opts.honestPerBoard ?? 3); i++) honest.push(await honestClient(server.wsUrl, b.boardId, b.participantToken, `honest${i}`));
    await Promise.all(honest.map((h) => h.synced));
    let counting = true;
    for (const h of honest)
      h.provider.on('connection-close', (e: CloseEvent | null) => {
        if (!counting) return;
        report.honestDisconnects++;
        report.honestCloseCodes.push(`${e?.code ?? 0} ${e?.reason ?? ''}`.trim());
      });
    report.rssMiB.start = report.rssMiB.peak = rssMiB(server.proc.pid!);

    let running = true;
    const honestLoop = runHonest(honest, r, () => running);
    const watchdog = watch(server, report, () => running);
    const seeds = makeSeeds(r);
    const ctx = { seeds, honestAwarenessIds: () => honest.map((h) => h.doc.clientID), maxMessageBytes: 1024 * 1024 };
    const targets = targetsFor(boards, spare);
    let lastSay = 0;
    const hostileStart = Date.now();
    const worker = async (wr: Rng) => {
      while (report.messagesSent < opts.messages && server.proc.exitCode === null) {
        await hostileSocket(server.wsUrl, pickTarget(wr, targets), wr, ctx, report);
        if (report.messagesSent - lastSay >= 5000) {
          lastSay = report.messagesSent;
          const s = Math.round((Date.now() - hostileStart) / 1000);
          say(`  ${s} s: ${report.messagesSent} messages, ${report.hostileSockets} sockets (${report.timedOut} timed out), server RSS ${rssMiB(server.proc.pid!)} MiB`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 12 }, (_, i) => worker(rng(opts.seed * 31 + i + 1))));
    report.hostileSeconds = Math.round((Date.now() - hostileStart) / 100) / 10;
    running = false;
    await honestLoop;
    await watchdog;
    report.serverExitedDuringRun = server.proc.exitCode !== null;
    if (report.serverExitedDuringRun) throw new Error(`server exited during the fuzz run:\n${server.output().slice(-4000)}`);

    // Honest boards: every client, and a fresh one, hold exactly what the honest clients wrote.
    const expected = new Map<string, Map<string, string>>();
    for (const h of honest) {
      const board = h.provider.roomname;
      const m = expected.get(board) ?? new Map<string, string>();
      for (const [id, text] of h.written) m.set(id, text);
      expected.set(board, m);
    }
    report.honestNotes = [...expected.values()].reduce((n, m) => n + m.size, 0);
    const converged = await eventually(() => honest.every((h) => missingNotes(expected.get(h.provider.roomname)!, h.texts()).length === 0), 15_000);
    report.honestPresenceIntact = await eventually(
      () => honest.every((h) => honest.filter((o) => o !== h && o.provider.roomname === h.provider.roomname).every((o) => h.provider.awareness.getStates().has(o.doc.clientID))),
      5000,
    );
    report.honestMissing = converged ? 0 : honest.reduce((n, h) => n + missingNotes(expected.get(h.provider.roomname)!, h.texts()).length, 0);
    for (const b of boards) report.honestMissing += await missingInFreshClient(server.wsUrl, b, expected.get(b.boardId)!);
    counting = false;
    for (const h of honest) h.destroy();
    honest.length = 0;

    // No board stays in memory once everyone has left, whatever the hostile sockets did.
    await eventually(() => false, 3000);
    report.boardsLoadedAfterIdle = ((await (await fetch(`${server.url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded;
    report.rssMiB.end = rssMiB(server.proc.pid!);
    report.unexpectedServerErrors = (server.output().match(/"msg":"message failed"/g) ?? []).length;

    report.sigtermExitCode = await server.stop();
    const store = new SqliteStore(server.dataDir);
    report.integrity = store.integrityCheck();
    await store.close();
    restarted = await startServer({ dataDir: server.dataDir, env: { LOG_LEVEL: 'error' } });
    report.afterRestartMissing = 0;
    for (const b of boards) report.afterRestartMissing += await missingInFreshClient(restarted.wsUrl, b, expected.get(b.boardId)!);
  } finally {
    for (const h of honest) h.destroy();
    await server.kill();
    await restarted?.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
    report.durationS = Math.round((Date.now() - started) / 100) / 10;
  }
  return report;
}

function targetsFor(boards: CreatedBoard[], spare: CreatedBoard) {
  return {
    honestBoards: boards.map((b) => ({ boardId: b.boardId, token: b.participantToken })),
    viewer: boards.map((b) => ({ boardId: b.boardId, token: b.viewerToken })),
    spare: { boardId: spare.boardId, token: spare.participantToken },
    badToken: { boardId: boards[0]!.boardId, token: 'not-a-token' },
    unknownBoard: { boardId: 'AAAAAAAAAAAAAAAAAAAAAA', token: boards[0]!.participantToken },
  };
}

function pickTarget(r: Rng, t: ReturnType<typeof targetsFor>): Target {
  const x = r();
  if (x < 0.65) return t.honestBoards[Math.floor(r() * t.honestBoards.length)]!;
  if (x < 0.8) return t.spare;
  if (x < 0.9) return t.viewer[Math.floor(r() * t.viewer.length)]!;
  return x < 0.95 ? t.badToken : t.unknownBoard;
}

/**
 * One hostile socket: a burst of 1–6 hostile messages, then a sync step 1 as a probe. The server
 * handles a socket's messages in order, so its step-2 answer means it took the burst without
 * closing: the fuzzer then closes the socket itself.
 */
async function hostileSocket(wsUrl: string, target: Target, r: Rng, ctx: Parameters<typeof hostileMessage>[1], report: FuzzReport): Promise<void> {
  report.hostileSockets++;
  const ws = new WebSocket(`${wsUrl}/${target.boardId}?token=${encodeURIComponent(target.token)}`);
  ws.on('error', () => {});
  let byUs = false;
  let mayDrop = false;
  const sent: HostileKind[] = [];
  const closed = new Promise<void>((res) => {
    const timer = setTimeout(() => {
      byUs = true;
      // Raw bytes can leave a frame half sent: the server rightly waits for the rest (its heartbeat drops the socket later).
      if (!mayDrop) {
        report.timedOut++;
        report.timedOutKinds.push(`${target.token === 'not-a-token' ? 'bad-token' : ''}${sent.join('+') || 'nothing sent'}`);
      }
      ws.terminate();
    }, 10_000);
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (byUs) report.closedByFuzzer++;
      else {
        report.closeCodes[code] = (report.closeCodes[code] ?? 0) + 1;
        if (!EXPECTED_CLOSE(code) && !(code === 1006 && mayDrop)) report.unexpectedCloseCodes.push(code);
      }
      res();
    });
  });
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 1 && !byUs) {
      byUs = true;
      ws.close(1000);
    }
  });
  ws.on('open', () => {
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n && ws.readyState === ws.OPEN; i++) {
      const m = hostileMessage(r, ctx);
      report.messagesSent++;
      report.byKind[m.kind] = (report.byKind[m.kind] ?? 0) + 1;
      mayDrop ||= MAY_DROP.has(m.kind);
      sent.push(m.kind);
      if (m.raw) (ws as unknown as { _socket: { write(b: Uint8Array): void } })._socket.write(m.data as Uint8Array);
      else ws.send(m.data, { binary: typeof m.data !== 'string' });
    }
    if (ws.readyState === ws.OPEN) ws.send(Uint8Array.from([0, 0, 1, 0]));
  });
  await closed;
}

/** Honest participants keep writing, editing and deleting their own notes for the whole run. */
async function runHonest(clients: HonestClient[], r: Rng, running: () => boolean): Promise<void> {
  let n = 0;
  while (running()) {
    const h = clients[Math.floor(r() * clients.length)]!;
    const own = [...h.written.keys()];
    const x = r();
    if (own.length < 10 || x < 0.4) h.write(`本物の付箋 ${n++} 伴走型支援`);
    else if (x < 0.9) h.edit(own[Math.floor(r() * own.length)]!, `編集済み ${n++} 居場所づくり`);
    else h.remove(own[0]!);
    // About ten edits a second on the two boards: a busy workshop.
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The server must answer /healthz throughout; a hang shows up here even when nothing crashes. */
async function watch(server: RunningServer, report: FuzzReport, running: () => boolean): Promise<void> {
  while (running() && server.proc.exitCode === null) {
    const t = performance.now();
    report.healthChecks++;
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) report.healthFailures++;
    } catch {
      report.healthFailures++;
    }
    report.healthMaxMs = Math.max(report.healthMaxMs, Math.round(performance.now() - t));
    report.rssMiB.peak = Math.max(report.rssMiB.peak, rssMiB(server.proc.pid!));
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function missingInFreshClient(wsUrl: string, b: CreatedBoard, expected: ReadonlyMap<string, string>): Promise<number> {
  const c = connectClient(wsUrl, b.boardId, b.viewerToken);
  try {
    await c.synced;
    const texts = new Map(readBoard(c.doc).notes.map((n) => [n.id, n.text]));
    return missingNotes(expected, texts).length;
  } finally {
    c.destroy();
  }
}
