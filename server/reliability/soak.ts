import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { numberArg } from './args';
import { startServer, createBoard, type RunningServer } from '../testing/startServer';
import { eventually } from '../testing/clients';
import { moveNotes, notesOf } from '../../shared/board/doc';
import { honestClient, type HonestClient } from './honest';
import { rng, type Rng } from './hostile';
import { rssMiB } from './fuzzer';

/**
 * `npm run soak [-- --clients 200 --minutes 10 --warmup 1 --seed S]`: workshop-like editing on a live
 * server (40 people per board, each writing, editing, moving and deleting their own notes every few
 * seconds, cursors moving every second) and what it does to the server over time: resident memory
 * after warm-up, errors, and the latency from one person's edit to another person's screen, per minute.
 */

interface Minute {
  samples: number[];
  rss: number[];
  errors: number;
  ops: number;
  /** p99 delay of this (load generator) process's event loop: latency figures are only as good as this. */
  loopDelayP99: number;
  /** Server process CPU over the minute, % of one core. */
  serverCpu: number;
  load: number;
}

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

const PHRASES = ['伴走型支援', '居場所づくり', '見守り活動', '多機関協働', 'ひきこもりの相談', '8050 の世帯', 'サロンの担い手', '就労体験'];

async function main(): Promise<void> {
  const clients = numberArg('clients', 200);
  const minutes = numberArg('minutes', 10);
  const warmup = numberArg('warmup', 1);
  const perBoard = numberArg('per-board', 40);
  const seed = numberArg('seed', Date.now() % 1_000_000);
  const cursorSeconds = numberArg('cursor-seconds', 3);
  const r = rng(seed);
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  console.log(`Soak: ${clients} clients (${perBoard} per board) editing for ${minutes} min, warm-up ${warmup} min, seed ${seed}`);
  const server = await startServer({ env: { LOG_LEVEL: 'warn', IDLE_UNLOAD_MS: '30000' } });
  const all: HonestClient[] = [];
  const boards: HonestClient[][] = [];
  const sentAt = new Map<string, number>();
  const perMinute: Minute[] = [];
  const now = () => perMinute[perMinute.length - 1]!;
  let disconnects = 0;
  let measuring = false;
  try {
    for (let i = 0; i < clients; i += perBoard) {
      const b = await createBoard(server.url, { title: `ソーク ${i / perBoard + 1}` });
      const group: HonestClient[] = [];
      for (let j = i; j < Math.min(clients, i + perBoard); j++) group.push(await honestClient(server.wsUrl, b.boardId, b.participantToken, `p${j}`));
      await Promise.all(group.map((c) => c.synced));
      boards.push(group);
      all.push(...group);
    }
    for (const c of all) c.provider.on('connection-close', () => measuring && (disconnects++, now().errors++));
    for (const group of boards) observeLatency(group[0]!, sentAt, (ms) => measuring && now().samples.push(ms));
    console.log(`  ${all.length} clients connected on ${boards.length} boards; server RSS ${rssMiB(server.proc.pid!)} MiB`);

    measuring = true;
    const end = Date.now() + minutes * 60_000;
    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    let cpuMark = { t: Date.now(), cpu: cpuSeconds(server.proc.pid!) };
    const newMinute = (): Minute => ({ samples: [], rss: [], errors: 0, ops: 0, loopDelayP99: 0, serverCpu: 0, load: 0 });
    perMinute.push(newMinute());
    let minuteEnd = Date.now() + 60_000;
    const logLinesAtStart = errorLines(server);
    let logLinesSoFar = logLinesAtStart;
    const closeMinute = () => {
      const lines = errorLines(server);
      now().errors += lines - logLinesSoFar;
      logLinesSoFar = lines;
      now().loopDelayP99 = Math.round(loop.percentile(99) / 1e6);
      loop.reset();
      const cpu = cpuSeconds(server.proc.pid!);
      now().serverCpu = Math.round(((cpu - cpuMark.cpu) / ((Date.now() - cpuMark.t) / 1000)) * 100);
      cpuMark = { t: Date.now(), cpu };
      now().load = Math.round(loadavg()[0]! * 10) / 10;
      printMinute(perMinute.length, now());
    };
    // An observer's own edits reach it at once; timing them would only add zeros (and stale entries).
    const observers = new Set(boards.map((g) => g[0]!));
    const loops = all.map((c) => editLoop(c, rng(Math.floor(r() * 1e9)), observers.has(c) ? null : sentAt, () => Date.now() < end, () => now().ops++));
    // Each person's cursor moves every few seconds, at their own moments (not all 200 at once).
    const cursors = all.map((c) =>
      setInterval(() => c.provider.awareness.setLocalStateField('cursor', { x: Math.round(r() * 2000), y: Math.round(r() * 1500) }), cursorSeconds * 1000 * (0.8 + r() * 0.4)),
    );
    while (Date.now() < end) {
      await new Promise((res) => setTimeout(res, 5000));
      now().rss.push(rssMiB(server.proc.pid!));
      if (Date.now() >= minuteEnd && Date.now() < end) {
        closeMinute();
        perMinute.push(newMinute());
        minuteEnd += 60_000;
      }
    }
    cursors.forEach(clearInterval);
    loop.disable();
    await Promise.all(loops);
    closeMinute();
    measuring = false;
    const serverErrors = errorLines(server) - logLinesAtStart;

    // Every client of a board ends with the same notes.
    const converged = await eventually(() => boards.every((g) => g.every((c) => sameNotes(c.doc, g[0]!.doc))), 30_000);
    report({ perMinute, warmup, disconnects, serverErrors, converged, server });
  } finally {
    for (const c of all) c.destroy();
    await server.stop();
  }
}

/** Warn and error lines the server logged so far (pino levels 40 and up). */
function errorLines(server: RunningServer): number {
  return (server.output().match(/"level":(4|5|6)0/g) ?? []).length;
}

/** One person at a workshop: writes, rewrites, moves and now and then removes their own notes. */
async function editLoop(c: HonestClient, r: Rng, sentAt: Map<string, number> | null, running: () => boolean, op: () => void): Promise<void> {
  let n = 0;
  while (running()) {
    await new Promise((res) => setTimeout(res, 2000 + r() * 2000));
    if (!running()) break;
    const own = [...c.written.keys()];
    const x = r();
    const text = `${PHRASES[Math.floor(r() * PHRASES.length)]} ${c.userId.slice(0, 4)}-${n++}`;
    if (own.length < 8) {
      const id = c.write(text);
      sentAt?.set(`${id}\n${text}`, performance.now());
    } else if (x < 0.5) {
      const id = own[Math.floor(r() * own.length)]!;
      c.edit(id, text);
      sentAt?.set(`${id}\n${text}`, performance.now());
    } else if (x < 0.8) {
      moveNotes(c.doc, [{ id: own[Math.floor(r() * own.length)]!, x: Math.round(r() * 2000), y: Math.round(r() * 1500) }]);
    } else {
      c.remove(own[0]!);
    }
    op();
  }
}

/** Times each note write or text edit from the writer's call to this observer seeing it. */
function observeLatency(observer: HonestClient, sentAt: Map<string, number>, sample: (ms: number) => void): void {
  notesOf(observer.doc).observeDeep((events) => {
    const seen = new Set<Y.Map<unknown>>();
    for (const e of events) {
      let t: Y.AbstractType<unknown> | null = e.target as Y.AbstractType<unknown>;
      if (t === (notesOf(observer.doc) as unknown)) {
        for (const key of e.changes.keys.keys()) {
          const m = notesOf(observer.doc).get(key);
          if (m instanceof Y.Map) seen.add(m);
        }
        continue;
      }
      while (t && !(t instanceof Y.Map)) t = t.parent as Y.AbstractType<unknown> | null;
      if (t instanceof Y.Map) seen.add(t);
    }
    for (const m of seen) {
      const id = m._item?.parentSub;
      const text = m.get('text');
      if (!id || !(text instanceof Y.Text)) continue;
      const key = `${id}\n${text.toString()}`;
      const t0 = sentAt.get(key);
      if (t0 === undefined) continue;
      sentAt.delete(key);
      sample(performance.now() - t0);
    }
  });
}

function sameNotes(a: Y.Doc, b: Y.Doc): boolean {
  const list = (d: Y.Doc) =>
    [...notesOf(d).entries()]
      .map(([id, m]) => `${id}:${String(m.get('text'))}:${String(m.get('x'))}`)
      .sort()
      .join('|');
  return list(a) === list(b);
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
};
const median = (xs: number[]) => pct(xs, 50);

function printMinute(i: number, m: Minute): void {
  console.log(
    `  minute ${String(i).padStart(2)}: ${m.ops} edits, ${m.samples.length} latency samples, p50 ${pct(m.samples, 50)} ms, p99 ${pct(m.samples, 99)} ms, max ${pct(m.samples, 100)} ms, server RSS ${median(m.rss)} MiB, server CPU ${m.serverCpu} %, load-generator loop delay p99 ${m.loopDelayP99} ms, machine load ${m.load}, errors ${m.errors}`,
  );
}

function report(x: { perMinute: Minute[]; warmup: number; disconnects: number; serverErrors: number; converged: boolean; server: RunningServer }): void {
  const after = x.perMinute.slice(Math.min(x.warmup, x.perMinute.length - 1));
  const base = median(after[0]!.rss);
  const end = median(x.perMinute.at(-1)!.rss);
  const growth = base > 0 ? Math.round(((end - base) / base) * 1000) / 10 : 0;
  const p99s = after.map((m) => pct(m.samples, 99));
  const errors = x.disconnects + x.serverErrors + (x.converged ? 0 : 1);
  console.log(`
Soak results
  RSS after warm-up (median of minute ${x.warmup + 1})   ${base} MiB
  RSS at the end (median of the last minute)  ${end} MiB
  RSS growth after warm-up                    ${growth} %
  p99 per minute after warm-up (ms)           ${p99s.join(', ')}
  client disconnects                          ${x.disconnects}
  server warnings/errors logged               ${x.serverErrors}
  all clients of each board converged         ${x.converged ? 'yes' : 'NO'}
  errors in all                               ${errors}
  verdict                                     ${growth < 10 && errors === 0 ? 'PASS' : 'FAIL'} (RSS growth < 10 %, 0 errors)`);
  if (x.serverErrors > 0) console.log(x.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(0, 5).join('\n'));
}

void main();
