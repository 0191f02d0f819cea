/**
 * A load generator process: runs many clients of one protocol and answers the orchestrator over IPC.
 * It never shares a process with the server under test.
 */
import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { addNote, noteText, notesOf, sectionsOf } from '../../shared/board/doc';
import { userIdFromKey } from '../../shared/board/identity';
import { openClient, type BenchClient, type Target } from './clients';
import { Receivers } from './receiver';
import { markerKey, nowMs } from '../lib/marker';
import type { GeneratorRequest, StartRequest, StormRequest } from './rpc';

interface Member {
  sender: number;
  /** The author id our server derives from this client's key: notes must claim it. */
  authorId: string;
  client: BenchClient;
  ownNotes: string[];
  seq: number;
}

process.setMaxListeners(0); // every y-websocket provider adds an exit listener
const members: Member[] = [];
const receivers = new Receivers();
const timers: NodeJS.Timeout[] = [];
/**
 * A receiver stamps an op when its event loop gets to the frame, so a busy generator adds its own
 * delay to every latency: reported beside the figures, for telling the server's share from the machine's.
 */
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
/** The histogram holds the time between the monitor's ticks, in nanoseconds: the tick period is not delay. */
const lateMs = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PHRASES = ['相談できる場所がほしい', '居場所づくりが大切', '見守りの仕組み', '多機関協働の工夫', 'ひきこもりの方への支援', '地域のサロン'];

async function connect(target: Omit<Target, 'room' | 'token'>, clients: { sender: number; room: string; token?: string }[], perSecond: number, passive: boolean) {
  const gap = 1000 / perSecond;
  const pending: Promise<void>[] = [];
  for (const c of clients) {
    const key = `bench-${process.pid}-${c.sender}`;
    const client = openClient({ ...target, room: c.room, token: c.token, key }, { tap: receivers.tap(c.sender), passive });
    const authorId = await userIdFromKey(key);
    client.awareness.setLocalStateField('user', { id: authorId, name: `参加者${c.sender}`, color: '#1a73e8', role: 'participant' });
    members.push({ sender: c.sender, authorId, client, ownNotes: [], seq: 0 });
    pending.push(client.synced);
    await sleep(gap);
  }
  const timeout = sleep(60_000).then(() => 'timeout');
  const done = await Promise.race([Promise.all(pending).then(() => 'ok'), timeout]);
  return { connected: members.length, allSynced: done === 'ok' };
}

/**
 * One note op, as a participant would make it: a new note, or a rewrite of one of their own notes.
 * The text carries the marker; a rewrite inserts the whole new text before deleting the old, so the
 * marker travels as one contiguous string that receivers can find in the raw update.
 */
function op(m: Member, mode: 'mixed' | 'create'): void {
  const sentAt = nowMs();
  const seq = ++m.seq;
  const text = `${PHRASES[seq % PHRASES.length]} ${markerKey(m.sender, seq, sentAt)}`;
  const doc = m.client.doc;
  if (mode === 'create' || m.ownNotes.length < 3) {
    m.ownNotes.push(addNote(doc, { text, x: (m.sender % 40) * 30, y: (seq % 100) * 5, authorId: m.authorId }));
    return;
  }
  const t = noteText(doc, m.ownNotes[seq % m.ownNotes.length]!);
  if (!t) throw new Error('own note vanished');
  doc.transact(() => {
    const old = t.length;
    t.insert(0, text);
    t.delete(text.length, old);
  });
}

/**
 * Each writer makes `opsPerSecond` ops from the measured window on, and `warmupOpsPerSecond` before it:
 * a small room warms up faster than it is measured, so the warm-up reaches the op count that gets every
 * server's per-op code compiled without taking minutes.
 */
function start(o: StartRequest): void {
  receivers.measureFrom = o.measureFrom;
  // From the end of the warm-up on, like the latencies (and never after a stop).
  const untilMeasured = Math.max(0, o.measureFrom - nowMs());
  timers.push(setTimeout(() => (loopDelay.reset(), loopDelay.enable()), untilMeasured));
  for (const m of members) {
    if (o.writers === 'all' || o.writers.includes(m.sender)) {
      const warmup = o.warmupOpsPerSecond ?? o.opsPerSecond;
      const stopWarmup = writeEvery(m, o.mode, 1000 / warmup);
      if (warmup !== o.opsPerSecond) timers.push(setTimeout(() => (stopWarmup(), writeEvery(m, o.mode, 1000 / o.opsPerSecond)), untilMeasured));
    }
    if (m.sender === o.dragger) {
      let t = 0;
      timers.push(
        setInterval(() => {
          t++;
          const pos = { x: 200 + 100 * Math.cos(t / 10), y: 200 + 100 * Math.sin(t / 10) };
          // One awareness update per tick, cursor and dragged note together, as the canvas sends them.
          m.client.awareness.setLocalState({ ...m.client.awareness.getLocalState(), cursor: pos, dragging: { [m.ownNotes[0] ?? 'none']: pos } });
        }, 100),
      );
    }
  }
}

/** One op every `period` ms from a random phase on; returns what stops it (a `stop` command stops it too). */
function writeEvery(m: Member, mode: 'mixed' | 'create', period: number): () => void {
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    op(m, mode);
    timers.push((interval = setInterval(() => op(m, mode), period)));
  }, Math.random() * period);
  timers.push(first);
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}

const sentSoFar = (): Record<number, number> => Object.fromEntries(members.filter((m) => m.seq > 0).map((m) => [m.sender, m.seq]));

function stop(): Record<number, number> {
  loopDelay.disable();
  for (const t of timers) clearTimeout(t); // clears intervals too
  timers.length = 0;
  return sentSoFar();
}

/** Waits up to `drainMs` for every op to reach every receiver here, then reports. */
async function stats(sent: Record<number, number>, drainMs: number) {
  const end = Date.now() + drainMs;
  while (receivers.missing(sent) > 0 && Date.now() < end) await sleep(50);
  const cpu = process.cpuUsage();
  return {
    latency: receivers.latency.toJSON(),
    samples: receivers.latency.count,
    dropped: receivers.missing(sent),
    reordered: receivers.reordered,
    reconnects: members.reduce((n, m) => n + m.client.reconnects(), 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayMs: loopDelay.count ? { p99: lateMs(loopDelay.percentile(99)), max: lateMs(loopDelay.max) } : { p99: 0, max: 0 },
  };
}

/**
 * Seeds `count` notes through the first client (or every client), in transactions of `batch`; with
 * `inSections`, dealt round the board's columns as phones write them, and counted per group.
 */
async function seed(count: number, batch: number, everyClient: boolean, inSections = false) {
  const columns = inSections ? boardColumns(members[0]!.client.doc) : [];
  for (const m of everyClient ? members : members.slice(0, 1)) await seedThrough(m, count, batch, columns);
  const m = members[0]!;
  const perGroup: Record<string, number> = {};
  for (let i = 0; i < count && columns.length; i++) perGroup[columns[i % columns.length]!.group] = (perGroup[columns[i % columns.length]!.group] ?? 0) + 1;
  return { notes: notesOf(m.client.doc).size, bytes: Y.encodeStateAsUpdate(m.client.doc).length, perGroup };
}

interface Column {
  id: string;
  group: string;
  x: number;
  y: number;
}

function boardColumns(doc: Y.Doc): Column[] {
  const out: Column[] = [];
  sectionsOf(doc).forEach((s, id) => {
    if (s.get('kind') !== 'summary') out.push({ id, group: String(s.get('group')), x: Number(s.get('x')), y: Number(s.get('y')) });
  });
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function seedThrough(m: Member, count: number, batch: number, columns: Column[]): Promise<void> {
  for (let done = 0; done < count; done += batch) {
    m.client.doc.transact(() => {
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const text = `${PHRASES[i % PHRASES.length]}、${i}番目の付箋です`;
        const col = columns[i % columns.length];
        const at = col ? { x: col.x + 16 + (i % 3) * 20, y: col.y + 56 + (i % 7) * 20, sectionId: col.id } : { x: (i % 50) * 170, y: Math.floor(i / 50) * 130 };
        addNote(m.client.doc, { text, ...at, authorId: m.authorId });
      }
    });
    await sleep(count > batch ? 20 : 0);
  }
}

/** Time for a brand-new client to be synced with a board of at least `expect` notes, and what it downloaded. */
async function coldLoad(target: Target, expect: number) {
  const t0 = nowMs();
  const client = openClient(target);
  await client.synced;
  while (notesOf(client.doc).size < expect) await sleep(1);
  const ms = nowMs() - t0;
  const bytes = client.bytesIn();
  client.destroy();
  return { ms, bytes };
}

/** Whether `doc` holds `expect` notes, now or on a later update. */
function untilNotes(doc: Y.Doc, expect: number): Promise<void> {
  return new Promise((res) => {
    const check = () => {
      if (notesOf(doc).size < expect) return;
      doc.off('update', check);
      res();
    };
    doc.on('update', check);
    check();
  });
}

/** Each of this generator's storm clients opens at its moment; its time runs from opening to synced with every note. */
async function storm(r: StormRequest) {
  const opened: BenchClient[] = [];
  let failed = 0;
  const one = async (slot: number): Promise<number | null> => {
    await sleep(Math.max(0, r.startAt + (slot / r.of) * r.spreadMs - Date.now()));
    const t0 = nowMs();
    // Passive: once synced, a client does not apply others' live traffic (there is none here but presence).
    const client = openClient(r.target, { passive: true });
    opened.push(client);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((res) => (timer = setTimeout(() => res(null), r.timeoutMs)));
    const done = await Promise.race([client.synced.then(() => untilNotes(client.doc, r.expect)).then(() => nowMs() - t0), timeout]);
    clearTimeout(timer);
    if (done === null) failed++;
    return done;
  };
  const times = await Promise.all(r.slots.map(one));
  for (const c of opened) c.destroy();
  return { ms: times.filter((t): t is number => t !== null), failed };
}

function closeAll(): void {
  stop();
  for (const m of members) m.client.destroy();
  members.length = 0;
}

async function handle(req: GeneratorRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'connect':
      return connect(req.target, req.clients, req.perSecond, req.passive);
    case 'start':
      return start(req);
    case 'stop':
      return stop();
    case 'sent':
      return sentSoFar();
    case 'stats':
      return stats(req.sent, req.drainMs);
    case 'seed':
      return seed(req.count, req.batch, req.everyClient, req.inSections);
    case 'coldLoad':
      return coldLoad(req.target, req.expect);
    case 'storm':
      return storm(req);
    case 'close':
      return closeAll();
  }
}

process.on('message', (msg: { id: number; req: GeneratorRequest }) => {
  handle(msg.req).then(
    (result) => process.send!({ id: msg.id, result }),
    (err: Error) => process.send!({ id: msg.id, error: err.stack ?? err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
if (process.env.BENCH_DEBUG) {
  let last = performance.now();
  let lag = 0;
  let c0 = process.cpuUsage();
  let rd0 = 0;
  setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 10);
    last = now;
  }, 10).unref();
  setInterval(() => {
    const c = process.cpuUsage(c0);
    c0 = process.cpuUsage();
    const rd = Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
    console.error(`[gen ${process.pid}] lag ${lag.toFixed(0)}ms cpu ${((c.user + c.system) / 10000).toFixed(0)}% runqueue ${(rd - rd0).toFixed(0)}ms members ${members.length} samples ${receivers.latency.count}`);
    rd0 = rd;
    lag = 0;
  }, 1000).unref();
}
