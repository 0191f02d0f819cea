import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { SqliteStore } from '../store/sqlite';
import type { Appended } from '../store/store';
import { LocalBus } from '../bus/local';
import { Room } from './room';
import { Persistence } from './extensions/persistence';
import type { Connection } from './connection';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncUpdate, MSG_AWARENESS } from './protocol';
import { addNote, deleteNotes, notesOf } from '../../shared/board/doc';
import { SCHEMA_VERSION } from '../../shared/board/migrations';
import type { Role } from '../../shared/board/roles';
import { eventually } from '../testing/clients';
import { newTokens, storeTokens } from '../store/tokens';

/** The real SQLite store, noting in a shared timeline when each write is done. */
class TimedStore extends SqliteStore {
  constructor(
    dir: string,
    private readonly timeline: string[],
  ) {
    super(dir);
  }
  override async appendUpdate(boardId: string, update: Uint8Array): Promise<Appended> {
    const appended = await super.appendUpdate(boardId, update);
    this.timeline.push('stored');
    return appended;
  }
}

let nextId = 1;
function socket(name: string, timeline: string[], role: Role = 'facilitator') {
  const received: Uint8Array[] = [];
  /** Socket writes: one per send, one per sendTogether however many messages it carries. */
  const writes = { count: 0 };
  const deliver = (m: Uint8Array) => {
    received.push(m);
    // Doc content only (sync step 2 or update), not the server's own state-vector request.
    if (m[0] === 0 && m[1] !== 0) timeline.push(`sent:${name}`);
  };
  const conn: Connection = {
    id: nextId++,
    role,
    userId: name,
    awarenessIds: new Set(),
    send: (m) => {
      writes.count++;
      deliver(m);
    },
    sendTogether: (messages) => {
      writes.count++;
      messages.forEach(deliver);
    },
    close: () => {},
    bufferedAmount: () => 0,
  };
  /** Everything of the doc this socket was sent, applied to a fresh doc. */
  const doc = () => {
    const d = new Y.Doc();
    for (const m of received) {
      if (m[0] !== 0) continue;
      const msg = decodeClientMessage(m);
      if (msg.type === 'sync-update' || msg.type === 'sync-step2') Y.applyUpdate(d, msg.update);
    }
    return d;
  };
  return { conn, received, writes, doc };
}

/** A room with a connected socket for each name. */
async function roomWith(...names: string[]) {
  const room = await openRoom([]);
  const sockets = names.map((n) => socket(n, []));
  for (const s of sockets) room.addConnection(s.conn);
  return { room, sockets };
}

/** A person's presence as a stock client sends it: `set` replaces their whole state and sends it to the room. */
function presenceOf(room: Room, conn: Connection, id: string, role: Role = 'facilitator') {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const set = (fields: Record<string, unknown>) => {
    awareness.setLocalState({ user: { id, name: id.toUpperCase(), color: '#000000', role }, ...fields });
    room.handleMessage(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])));
  };
  return { clientID: awareness.clientID, set };
}

/** What a socket was told of everyone's presence, applied as a stock client would, and the messages that told it. */
function presenceSeenBy(s: { received: Uint8Array[] }, from = 0) {
  const seen = new awarenessProtocol.Awareness(new Y.Doc());
  const messages = s.received.slice(from).filter((m) => m[0] === MSG_AWARENESS);
  for (const m of messages) {
    const msg = decodeClientMessage(m);
    if (msg.type === 'awareness') awarenessProtocol.applyAwarenessUpdate(seen, msg.update, null);
  }
  return { states: seen.getStates(), messages };
}

/** A person's own doc: what they type becomes the sync-update messages a stock client sends. */
function person(name: string) {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(encodeSyncUpdate(u)));
  return { doc, out, addNote: (text: string) => addNote(doc, { text, x: 0, y: 0, authorId: name }) };
}

const dirs: string[] = [];
const rooms: Room[] = [];
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.destroy();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openRoom(timeline: string[]) {
  return (await openRoomIn(timeline)).room;
}

/** A room over a real SQLite store in its own folder (which a second store, another process's, may open too). */
/** A store holding one board, `board-1`, whose log starts with `initial`; and a room for it, not yet loaded. */
async function boardIn(store: SqliteStore, initial: Y.Doc = new Y.Doc()) {
  const record = { id: 'board-1', title: 't', createdAt: 0, tokens: storeTokens('board', newTokens()), locked: false };
  await store.createBoard(record, Y.encodeStateAsUpdate(initial));
  return new Room('board-1', record, {
    store,
    bus: new LocalBus(),
    instanceId: new Uint8Array(16),
    log: pino({ level: 'silent' }) as unknown as FastifyBaseLogger,
    compactEvery: 500,
    maxBufferedBytes: 1 << 20,
  });
}

async function openRoomIn(timeline: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-room-'));
  dirs.push(dir);
  const store = new TimedStore(dir, timeline);
  const room = await boardIn(store);
  await room.load();
  rooms.push(room);
  return { room, store, dir };
}

describe('a room under a burst of changes', () => {
  it('gives everyone everybody else’s notes, each stored before any socket is sent it', async () => {
    const timeline: string[] = [];
    const room = await openRoom(timeline);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => socket(n, timeline));
    for (const s of [a!, b!, c!]) room.addConnection(s.conn);
    const alice = person('a');
    const bob = person('b');
    const ids = [alice.addNote('相談の場'), bob.addNote('居場所づくり'), alice.addNote('見守り')];
    // Arriving together, as they do on a busy board.
    for (const m of alice.out) room.handleMessage(a!.conn, m);
    for (const m of bob.out) room.handleMessage(b!.conn, m);

    const hasAll = (d: Y.Doc) => ids.every((id) => notesOf(d).has(id));
    expect(await eventually(() => hasAll(c!.doc()))).toBe(true);
    expect(notesOf(a!.doc()).has(ids[1]!)).toBe(true);
    expect(notesOf(b!.doc()).has(ids[0]!) && notesOf(b!.doc()).has(ids[2]!)).toBe(true);
    const firstSend = timeline.findIndex((e) => e.startsWith('sent:'));
    expect(timeline.indexOf('stored')).toBeGreaterThanOrEqual(0);
    expect(timeline.indexOf('stored')).toBeLessThan(firstSend);
  });

  it('keeps its pace on a busy board when newcomers join: at most one write to each socket per gap', async () => {
    const { room, sockets: [writer, watcher] } = await roomWith('writer', 'watcher');
    const docWrites = () => watcher!.received.filter((m) => m[0] === 0 && m[1] === 2).length;
    const alice = person('writer');
    const ids: string[] = [];
    const started = performance.now();
    // A change about every millisecond for 300 ms, and someone joining every 50 ms, asking for the
    // board while changes wait for their turn.
    for (let i = 0; performance.now() - started < 300; i++) {
      ids.push(alice.addNote(`付箋${i}`));
      for (const m of alice.out.splice(0)) room.handleMessage(writer!.conn, m);
      if (i % 50 === 25) {
        const late = socket(`late${i}`, []);
        room.addConnection(late.conn);
        room.handleMessage(late.conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      }
      const until = performance.now() + 1;
      while (performance.now() < until);
      await new Promise((r) => setImmediate(r));
    }
    const elapsed = performance.now() - started;
    const newcomers = Math.ceil(ids.length / 50);
    expect(await eventually(() => ids.every((id) => notesOf(watcher!.doc()).has(id)))).toBe(true);
    // One turn per FLUSH_GAP_MS (10 ms), one for what is left when the changes stop, and one more
    // for each newcomer, answered once what it is shown is stored.
    expect(docWrites()).toBeLessThanOrEqual(Math.ceil(elapsed / 10) + 1 + newcomers);
  });

  it('answers a newcomer only once the changes it is shown are stored', async () => {
    const timeline: string[] = [];
    const room = await openRoom(timeline);
    const a = socket('a', timeline);
    const late = socket('late', timeline);
    room.addConnection(a.conn);
    const alice = person('a');
    const id = alice.addNote('書記役のメモ');
    for (const m of alice.out) room.handleMessage(a.conn, m);
    // The newcomer asks for the board in the same instant.
    room.addConnection(late.conn);
    room.handleMessage(late.conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));

    expect(await eventually(() => notesOf(late.doc()).has(id))).toBe(true);
    const shown = timeline.findIndex((e) => e === 'sent:late');
    expect(timeline.slice(0, shown)).toContain('stored');
  });

  it('passes on where someone is dragging a note: the latest position, not a message per move', async () => {
    const timeline: string[] = [];
    const room = await openRoom(timeline);
    const a = socket('a', timeline);
    const watcher = socket('watcher', timeline);
    room.addConnection(a.conn);
    room.addConnection(watcher.conn);
    const before = watcher.received.length;
    const presence = presenceOf(room, a.conn, 'a');
    for (let i = 1; i <= 10; i++) presence.set({ cursor: { x: i, y: i } });
    const lastCursor = () => (presenceSeenBy(watcher, before).states.get(presence.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x;
    expect(await eventually(() => lastCursor() === 10)).toBe(true);
    expect(presenceSeenBy(watcher, before).messages.length).toBeLessThan(10);
  });
});

describe('a room sending presence and changes', () => {
  it('sends presence waiting for its turn in the same write as the next change to the board', async () => {
    const { room, sockets: [a, b, watcher] } = await roomWith('a', 'b', 'watcher');
    const presence = presenceOf(room, a!.conn, 'a');
    const move = (x: number) => presence.set({ cursor: { x, y: 0 } });
    const kinds = () => watcher!.received.map((m) => decodeClientMessage(m).type);
    move(1);
    expect(await eventually(() => kinds().includes('awareness'))).toBe(true);
    const before = { writes: watcher!.writes.count, messages: watcher!.received.length };
    // The next move waits for its turn (at most 20 presence messages a second)…
    move(2);
    // …and a note added meanwhile takes it along.
    const bob = person('b');
    const id = bob.addNote('見守り活動');
    for (const m of bob.out) room.handleMessage(b!.conn, m);
    expect(await eventually(() => notesOf(watcher!.doc()).has(id))).toBe(true);
    expect(kinds().slice(before.messages)).toEqual(['sync-update', 'awareness']);
    expect(watcher!.writes.count - before.writes).toBe(1);
  });

  it('on a busy board, never sends presence in a write of its own', async () => {
    const { room, sockets: [a, b, watcher] } = await roomWith('a', 'b', 'watcher');
    const presence = presenceOf(room, a!.conn, 'a');
    const bob = person('b');
    const isChange = (m: Uint8Array) => decodeClientMessage(m).type === 'sync-update';
    const before = { writes: watcher!.writes.count, messages: watcher!.received.length };
    const ids: string[] = [];
    for (let i = 1; i <= 100; i++) {
      presence.set({ cursor: { x: i, y: 0 } });
      ids.push(bob.addNote(`付箋${i}`));
      for (const m of bob.out.splice(0)) room.handleMessage(b!.conn, m);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await eventually(() => ids.every((id) => notesOf(watcher!.doc()).has(id)))).toBe(true);
    const lastCursor = () => (presenceSeenBy(watcher!, before.messages).states.get(presence.clientID) as { cursor: { x: number } } | undefined)?.cursor.x;
    expect(await eventually(() => lastCursor() === 100)).toBe(true);
    // Every write carried changes to the board (presence, when there was some, rode along).
    const changes = watcher!.received.slice(before.messages).filter(isChange).length;
    expect(watcher!.writes.count - before.writes).toBe(changes);
  });
});

describe('presence sent back', () => {
  it("never moves someone's cursor back, nor goes out again, when a client returns what it was sent late", async () => {
    const { room, sockets: [a, b, c] } = await roomWith('a', 'b', 'c');
    const presence = presenceOf(room, a!.conn, 'a');
    const move = (x: number) => presence.set({ cursor: { x, y: 0 } });
    const presenceTo = (s: { received: Uint8Array[] }) => presenceSeenBy(s).messages;
    move(1);
    expect(await eventually(() => presenceTo(b!).length === 1)).toBe(true);
    move(2);
    expect(await eventually(() => presenceTo(b!).length === 2)).toBe(true);
    const [first, second] = presenceTo(b!);
    // b sends back both, the older one last, as a stock client on a slow phone would.
    room.handleMessage(b!.conn, Buffer.from(second!));
    room.handleMessage(b!.conn, Buffer.from(first!));
    await new Promise((r) => setTimeout(r, 120));
    expect((room.awareness.getStates().get(presence.clientID) as { cursor: { x: number } }).cursor.x).toBe(2);
    expect(presenceTo(c!)).toHaveLength(2);
    expect(presenceTo(a!)).toHaveLength(0);
  });
});

describe('a room of hundreds', () => {
  it('sends a burst of changes in fewer, larger messages the more people it has to reach', async () => {
    const { room, sockets: [writer, watcher] } = await roomWith('writer', ...Array.from({ length: 1000 }, (_, i) => `p${i}`));
    const docWrites = () => watcher!.received.filter((m) => m[0] === 0 && m[1] === 2).length;
    const alice = person('writer');
    const ids: string[] = [];
    const started = performance.now();
    for (let i = 0; i < 60; i++) {
      ids.push(alice.addNote(`付箋${i}`));
      for (const m of alice.out.splice(0)) room.handleMessage(writer!.conn, m);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await eventually(() => ids.every((id) => notesOf(watcher!.doc()).has(id)))).toBe(true);
    const elapsed = performance.now() - started;
    // 1,000 sockets: at least 1000 / SOCKET_WRITES_PER_MS = 50 ms between two broadcasts.
    expect(docWrites()).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(docWrites()).toBeLessThan(ids.length / 4);
  });

  it('writes to a room of 500 in turns, never to everyone at once, and everyone still gets every note', async () => {
    const { room, sockets } = await roomWith('writer', ...Array.from({ length: 500 }, (_, i) => `p${i}`));
    // Socket writes made in one go, without the event loop getting a turn in between.
    let inARow = 0;
    let mostInARow = 0;
    const counted = () => {
      if (inARow++ > 0) return;
      queueMicrotask(() => {
        mostInARow = Math.max(mostInARow, inARow);
        inARow = 0;
      });
    };
    for (const { conn } of sockets) {
      const { send, sendTogether } = conn;
      conn.send = (m) => (counted(), send(m));
      conn.sendTogether = (ms) => (counted(), sendTogether(ms));
    }
    const alice = person('writer');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(alice.addNote(`付箋${i}`));
      for (const m of alice.out.splice(0)) room.handleMessage(sockets[0]!.conn, m);
      await new Promise((r) => setTimeout(r, 2));
    }
    const hasAll = (s: (typeof sockets)[number]) => {
      const notes = notesOf(s.doc());
      return ids.every((id) => notes.has(id));
    };
    // The last of the three turns to go round reaches the rest; then everyone is checked once.
    await eventually(() => sockets.slice(-3).every(hasAll));
    expect(sockets.slice(1).filter((s) => !hasAll(s))).toEqual([]);
    // 500 sockets at SOCKET_WRITES_PER_MS: a flush every 25 ms, written in three turns of about 167.
    expect(mostInARow).toBeGreaterThan(100);
    expect(mostInARow).toBeLessThanOrEqual(Math.ceil(501 / 3));
  });

  it("passes on a dragged note's latest position at most ten times a second to 1,000 people", async () => {
    const { room, sockets: [dragger, watcher] } = await roomWith('dragger', ...Array.from({ length: 1000 }, (_, i) => `p${i}`));
    const presence = presenceOf(room, dragger!.conn, 'dragger', 'participant');
    const started = performance.now();
    for (let x = 1; x <= 30; x++) {
      presence.set({ dragging: { n1: { x, y: 0 } } });
      await new Promise((r) => setTimeout(r, 10));
    }
    const lastX = () => (presenceSeenBy(watcher!).states.get(presence.clientID) as { dragging?: { n1: { x: number } } } | undefined)?.dragging?.n1.x;
    expect(await eventually(() => lastX() === 30)).toBe(true);
    const elapsed = performance.now() - started;
    // Each presence message costs 1,000 writes and 1,000 echoes: 2,000 / PRESENCE_SOCKET_OPS_PER_MS = 200 ms apart.
    expect(presenceSeenBy(watcher!).messages.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
  });
});

describe('a room compacting its log', () => {
  /** What the store holds for the board, read back as a fresh client would load it. */
  const stored = async (store: SqliteStore) => {
    const log = await store.loadLog('board-1');
    const d = new Y.Doc();
    for (const e of log) Y.applyUpdate(d, e.update);
    return { entries: log.length, bytes: Buffer.concat(log.map((e) => e.update)), notes: notesOf(d) };
  };

  it('folds the log into one entry holding every note, and no longer the text of a deleted one', async () => {
    const { room, store } = await openRoomIn([]);
    const a = socket('a', []);
    room.addConnection(a.conn);
    const alice = person('a');
    const kept = alice.addNote('地域の居場所');
    const removed = alice.addNote('個人が特定できる相談内容');
    deleteNotes(alice.doc, [removed]);
    for (const m of alice.out) room.handleMessage(a.conn, m);
    await room.flush();
    expect((await stored(store)).bytes.includes(Buffer.from('個人が特定できる相談内容'))).toBe(true);

    await room.extension(Persistence).compact();
    const after = await stored(store);
    expect(after.entries).toBe(1);
    expect([...after.notes.keys()]).toEqual([kept]);
    expect(after.bytes.includes(Buffer.from('個人が特定できる相談内容'))).toBe(false);
  });

  it('keeps what another process stored that this room never heard of', async () => {
    const { room, store, dir } = await openRoomIn([]);
    const a = socket('a', []);
    room.addConnection(a.conn);
    const alice = person('a');
    const ours = alice.addNote('この部屋のメモ');
    for (const m of alice.out) room.handleMessage(a.conn, m);
    await room.flush();
    // Another server process on the same database, whose bus message never arrived here.
    const other = new SqliteStore(dir);
    const elsewhere = new Y.Doc();
    const theirs = addNote(elsewhere, { text: '別プロセスのメモ', x: 0, y: 0, authorId: 'b' });
    await other.appendUpdate('board-1', Y.encodeStateAsUpdate(elsewhere));
    await other.close();

    await room.extension(Persistence).compact();
    const after = await stored(store);
    expect(after.entries).toBe(1);
    expect(after.notes.has(ours) && after.notes.has(theirs)).toBe(true);
    // And the room goes on folding its own changes into that entry.
    const more = alice.addNote('あとからのメモ');
    for (const m of alice.out.splice(0)) room.handleMessage(a.conn, m);
    await room.flush();
    await room.extension(Persistence).compact();
    expect([...(await stored(store)).notes.keys()].sort()).toEqual([ours, theirs, more].sort());
  });
});

describe('a room opening a board saved by other software', () => {
  it('does not open a board from a newer board model, and writes nothing to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fusen-room-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    const newer = new Y.Doc();
    addNote(newer, { text: '新しい版で書いた付箋', x: 0, y: 0, authorId: 'a' });
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const room = await boardIn(store, newer);
    const before = await store.loadLog('board-1');
    await expect(room.load()).rejects.toThrow(/newer version of the software/);
    await room.destroy();
    expect(await store.loadLog('board-1')).toEqual(before);
    await store.close();
  });
});
