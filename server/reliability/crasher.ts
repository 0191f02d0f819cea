import { rmSync } from 'node:fs';
import { startServer, createBoard, type RunningServer } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { notesOf, readBoard } from '../../shared/board/doc';
import { SqliteStore } from '../store/sqlite';
import { honestClient, type HonestClient } from './honest';
import { rng } from './hostile';

export interface CrashOptions {
  kills: number;
  writers: number;
  seed: number;
  /** How the server goes down each time. */
  signal?: 'SIGKILL' | 'SIGTERM';
  progress?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  writers: number;
  notesWritten: number;
  /** Notes some other client had received when the server died, summed over the kills. */
  receivedChecked: number;
  /** Of those, missing after the restart: must be 0. */
  lostAcrossKills: number;
  /** Written by anyone, missing at the end once every client has reconnected and synced: must be 0. */
  lostAtEnd: number;
  integrityFailures: string[];
  exitCodes: (number | null)[];
  restartMs: { median: number; max: number };
  durationS: number;
}

/**
 * Writers keep adding notes while the server is killed at random moments. A note counts as received
 * once a client other than its writer holds it: it went through the server, which stores before it
 * broadcasts, so after every restart it must be there. At the end every note anyone wrote must be
 * there too: the writers kept what the server never got and send it when they reconnect.
 */
export async function runCrash(opts: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const r = rng(opts.seed);
  const say = opts.progress ?? (() => {});
  let server: RunningServer = await startServer({ env: { LOG_LEVEL: 'error' } });
  const { dataDir, port } = server;
  const board = await createBoard(server.url);
  const writers: HonestClient[] = [];
  const report: CrashReport = {
    kills: 0,
    writers: opts.writers,
    notesWritten: 0,
    receivedChecked: 0,
    lostAcrossKills: 0,
    lostAtEnd: -1,
    integrityFailures: [],
    exitCodes: [],
    restartMs: { median: 0, max: 0 },
    durationS: 0,
  };
  const restarts: number[] = [];
  let writing = true;
  try {
    for (let i = 0; i < opts.writers; i++) writers.push(await honestClient(server.wsUrl, board.boardId, board.participantToken, `writer${i}`));
    await Promise.all(writers.map((w) => w.synced));
    const loop = keepWriting(writers, r, () => writing);
    for (let k = 0; k < opts.kills; k++) {
      await sleep(300 + r() * 1200);
      const exit = opts.signal === 'SIGTERM' ? server.stop() : server.kill().then(() => server.proc.exitCode);
      report.exitCodes.push(await exit);
      report.kills++;
      // Bytes the server wrote before it died may still be on their way to the clients.
      await sleep(100);
      const received = receivedByOthers(writers);
      report.receivedChecked += received.size;
      const check = new SqliteStore(dataDir);
      const integrity = check.integrityCheck();
      await check.close();
      if (integrity !== 'ok') report.integrityFailures.push(integrity);
      const t = Date.now();
      server = await startServer({ dataDir, port, env: { LOG_LEVEL: 'error' } });
      restarts.push(Date.now() - t);
      const lost = await missingIn(server.wsUrl, board.boardId, board.viewerToken, received);
      report.lostAcrossKills += lost;
      say(`  kill ${k + 1}/${opts.kills}: ${received.size} notes received by others before it, ${lost} lost; store ${integrity}`);
    }
    writing = false;
    await loop;
    // Everyone reconnects and sends what the server never got.
    const everything = new Map<string, string>();
    for (const w of writers) for (const [id, text] of w.written) everything.set(id, text);
    report.notesWritten = everything.size;
    // Counting map keys, not parsing every note: polling must not starve the sockets it waits for.
    const all = await eventually(() => writers.every((w) => notesOf(w.doc).size >= everything.size), 60_000);
    report.lostAtEnd = all ? await missingIn(server.wsUrl, board.boardId, board.viewerToken, everything) : everything.size;
  } finally {
    writing = false;
    for (const w of writers) w.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    restarts.sort((a, b) => a - b);
    report.restartMs = { median: restarts[Math.floor(restarts.length / 2)] ?? 0, max: restarts.at(-1) ?? 0 };
    report.durationS = Math.round((Date.now() - started) / 100) / 10;
  }
  return report;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function keepWriting(writers: HonestClient[], r: () => number, writing: () => boolean): Promise<void> {
  let n = 0;
  while (writing()) {
    const w = writers[Math.floor(r() * writers.length)]!;
    w.write(`付箋 ${n++}: 見守り活動の担い手が足りない`);
    await sleep(20 + r() * 40);
  }
}

/** Notes each client holds that another client wrote (id → text). */
function receivedByOthers(writers: HonestClient[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of writers) for (const n of readBoard(w.doc).notes) if (n.authorId !== w.userId) out.set(n.id, n.text);
  return out;
}

async function missingIn(wsUrl: string, boardId: string, token: string, expected: ReadonlyMap<string, string>): Promise<number> {
  const c = connectClient(wsUrl, boardId, token);
  try {
    await c.synced;
    const texts = new Map(readBoard(c.doc).notes.map((n) => [n.id, n.text]));
    let missing = 0;
    for (const [id, text] of expected) if (texts.get(id) !== text) missing++;
    return missing;
  } finally {
    c.destroy();
  }
}
