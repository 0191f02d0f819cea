import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type * as Y from 'yjs';
import { startServer, createBoard, freePort, type RunningServer } from './testing/startServer';
import { connectClient, eventually, eventuallyAsync } from './testing/clients';
import { servicesAvailable, startPostgres, startRedis, type Service } from './testing/services';
import { addNote, moveNotes, readBoard, setNoteText } from '../shared/board/doc';
import { newClientKey } from '../shared/board/ids';
import { userIdFromKey } from '../shared/board/identity';
import { PostgresStore } from './store/postgres';
import * as Yjs from 'yjs';

/**
 * Several server processes on one board: real redis-server, real PostgreSQL, real server
 * processes, stock y-websocket clients split between them.
 */
const available = servicesAvailable();
let redis: Service;
let pg: Service;
const servers: RunningServer[] = [];
type Client = ReturnType<typeof connectClient> & { userId: string };
const clients: Client[] = [];

beforeAll(async () => {
  if (!available) return;
  [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await Promise.all(servers.splice(0).map((s) => s.kill()));
});
afterAll(async () => {
  await Promise.all([redis?.close(), pg?.close()]);
});

// A small COMPACT_EVERY so the processes also compact the shared log while both append to it.
const env = () => ({ DATABASE_URL: pg.url, REDIS_URL: redis.url, COMPACT_EVERY: '20' });
async function server(): Promise<RunningServer> {
  const s = await startServer({ env: env() });
  servers.push(s);
  onTestFailed(() => console.log(`--- server on port ${s.port} ---\n${s.output().slice(-4000)}`));
  return s;
}
/** A browser with its own secret key, as the real client joins; the server only lets it write notes in its own id. */
async function client(s: RunningServer, boardId: string, token: string): Promise<Client> {
  const key = newClientKey();
  const c = Object.assign(connectClient(s.wsUrl, boardId, token, { key }), { userId: await userIdFromKey(key) });
  clients.push(c);
  await c.synced;
  return c;
}
const texts = (doc: Y.Doc) => readBoard(doc).notes.map((n) => n.text).sort();
/** Everything a user sees of the notes, in a stable order. */
const view = (doc: Y.Doc) =>
  JSON.stringify(
    readBoard(doc)
      .notes.map((n) => [n.id, n.text, n.x, n.y])
      .sort(),
  );
const note = (c: Client, text: string, x = 0) => addNote(c.doc, { text, x, y: 100, authorId: c.userId });
/** Every note the board holds in PostgreSQL, read without any server. */
async function storedTexts(boardId: string): Promise<string[]> {
  const store = await PostgresStore.connect(pg.url);
  try {
    const doc = new Yjs.Doc();
    for (const e of await store.loadLog(boardId)) Yjs.applyUpdate(doc, e.update);
    return texts(doc);
  } finally {
    await store.close();
  }
}

describe.skipIf(!available)('scale-out: two server processes on Redis and PostgreSQL', () => {
  it('converges clients split between the processes, shares presence, and loses nothing when one process is killed', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const board = await createBoard(a.url, { title: '全国研修の日' });
    const onA = await Promise.all([client(a, board.boardId, board.facilitatorToken), client(a, board.boardId, board.participantToken)]);
    const onB = await Promise.all([client(b, board.boardId, board.participantToken), client(b, board.boardId, board.participantToken)]);
    const all = [...onA, ...onB];

    // Everyone writes at once: 4 clients x 15 notes.
    all.forEach((c, i) => {
      for (let n = 0; n < 15; n++) note(c, `client${i} 付箋${n}`, n * 10);
    });
    expect(await eventually(() => all.every((c) => readBoard(c.doc).notes.length === 60), 20_000)).toBe(true);

    // Then edits across the processes: the facilitator on A edits the text of notes written on B
    // while a participant on B moves notes written on A.
    const fromB = readBoard(onA[0]!.doc).notes.filter((n) => n.text.startsWith('client2'));
    const fromA = readBoard(onB[1]!.doc).notes.filter((n) => n.text.startsWith('client1'));
    for (const n of fromB) setNoteText(onA[0]!.doc, n.id, `${n.text}（見守り）`);
    moveNotes(
      onB[1]!.doc,
      fromA.map((n) => ({ id: n.id, x: n.x + 500, y: 900 })),
    );
    expect(await eventually(() => all.every((c) => view(c.doc) === view(onA[1]!.doc)), 20_000)).toBe(true);
    const final = readBoard(onB[0]!.doc).notes;
    expect(final.filter((n) => n.text.endsWith('（見守り）'))).toHaveLength(15);
    expect(final.filter((n) => n.text.startsWith('client1') && n.y === 900)).toHaveLength(15);

    // Presence set by a client on A reaches a client on B.
    onA[0]!.provider.awareness.setLocalStateField('user', { id: 'u1', name: '進行役 A', color: '#f00', role: 'facilitator' });
    const sees = () => [...onB[0]!.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === '進行役 A');
    expect(await eventually(sees, 10_000)).toBe(true);

    // Kill A without warning; B keeps serving its clients.
    const seen = texts(onB[0]!.doc);
    await a.kill();
    note(onB[0]!, 'after A died');
    expect(await eventually(() => texts(onB[1]!.doc).includes('after A died'), 10_000)).toBe(true);

    // A new process loads the board from PostgreSQL: every note anyone had received is there.
    const c = await server();
    const late = await client(c, board.boardId, board.viewerToken);
    expect(texts(late.doc)).toEqual([...seen, 'after A died'].sort());
    expect(view(late.doc)).toBe(view(onB[1]!.doc));
  }, 120_000);

  it('enforces a lock set through process A on participants connected to process B', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const board = await createBoard(a.url);
    const facilitatorOnA = await client(a, board.boardId, board.facilitatorToken);
    const participantOnB = await client(b, board.boardId, board.participantToken);
    const viewerOnB = await client(b, board.boardId, board.viewerToken);

    const r = await fetch(`${a.url}/api/boards/${board.boardId}/lock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.facilitatorToken}` },
      body: JSON.stringify({ locked: true }),
    });
    expect(r.status).toBe(200);
    expect(await eventually(() => readBoard(participantOnB.doc).meta.locked === true, 10_000)).toBe(true);

    note(participantOnB, 'written while locked');
    // The participant's presence goes through B after its note, so once the viewer sees it, B has handled the note.
    participantOnB.provider.awareness.setLocalStateField('user', { id: 'p', name: 'after note', color: '#00f', role: 'participant' });
    const viewerSeesPresence = () => [...viewerOnB.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'after note');
    expect(await eventually(viewerSeesPresence, 10_000)).toBe(true);
    note(facilitatorOnA, 'facilitator after lock');
    expect(await eventually(() => texts(viewerOnB.doc).includes('facilitator after lock'), 10_000)).toBe(true);

    expect(texts(viewerOnB.doc)).not.toContain('written while locked');
    expect(texts(facilitatorOnA.doc)).not.toContain('written while locked');
    expect(await storedTexts(board.boardId)).toEqual(['facilitator after lock']);
  }, 120_000);

  it('refuses to start when Redis or PostgreSQL is unreachable, naming the variable and the address', async () => {
    const port = await freePort();
    const noRedis = await startServer({ env: { REDIS_URL: `redis://:pw-redis@127.0.0.1:${port}` } }).catch((e: Error) => e);
    expect(noRedis).toBeInstanceOf(Error);
    expect((noRedis as Error).message).toMatch(/server exited with [1-9]/);
    expect((noRedis as Error).message).toContain(`REDIS_URL: cannot reach Redis at 127.0.0.1:${port}`);
    expect((noRedis as Error).message).not.toContain('pw-redis');

    const noDb = await startServer({ env: { DATABASE_URL: `postgres://fusen:pw-db@127.0.0.1:${port}/fusen` } }).catch((e: Error) => e);
    expect(noDb).toBeInstanceOf(Error);
    expect((noDb as Error).message).toMatch(/server exited with [1-9]/);
    expect((noDb as Error).message).toContain(`DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:${port}`);
    expect((noDb as Error).message).not.toContain('pw-db');
  }, 60_000);

  it('keeps serving while Redis is away, and brings both processes together again when it returns', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const board = await createBoard(a.url);
    const [a1, a2] = await Promise.all([client(a, board.boardId, board.participantToken), client(a, board.boardId, board.participantToken)]);
    const b1 = await client(b, board.boardId, board.participantToken);
    note(a1, 'before');
    expect(await eventually(() => texts(b1.doc).includes('before'), 10_000)).toBe(true);

    await redis.stop();
    for (let i = 0; i < 5; i++) note(a1, `A while Redis is away ${i}`);
    note(b1, 'B while Redis is away');
    // Clients of the same process still work together.
    expect(await eventually(() => texts(a2.doc).filter((t) => t.startsWith('A while')).length === 5, 10_000)).toBe(true);

    await redis.start();
    const everything = ['before', 'B while Redis is away', ...Array.from({ length: 5 }, (_, i) => `A while Redis is away ${i}`)].sort();
    expect(await eventually(() => [a1, a2, b1].every((c) => JSON.stringify(texts(c.doc)) === JSON.stringify(everything)), 20_000)).toBe(true);

    // And the bus carries new edits again.
    note(b1, 'after Redis came back');
    expect(await eventually(() => texts(a2.doc).includes('after Redis came back'), 10_000)).toBe(true);
  }, 120_000);

  it('keeps serving from memory while PostgreSQL is away, stores everything when it returns, and loses nothing', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const board = await createBoard(a.url);
    const [a1, a2] = await Promise.all([client(a, board.boardId, board.participantToken), client(a, board.boardId, board.participantToken)]);
    const b1 = await client(b, board.boardId, board.participantToken);

    await pg.stop();
    for (let i = 0; i < 5; i++) note(a1, `A while the database is away ${i}`);
    note(b1, 'B while the database is away');
    const everything = ['B while the database is away', ...Array.from({ length: 5 }, (_, i) => `A while the database is away ${i}`)].sort();
    // Served from memory, through Redis, to everyone.
    expect(await eventually(() => [a1, a2, b1].every((c) => JSON.stringify(texts(c.doc)) === JSON.stringify(everything)), 10_000)).toBe(true);

    await pg.start();
    // Each process writes its board state once the database answers again.
    const stored = async () => JSON.stringify(await storedTexts(board.boardId).catch(() => [])) === JSON.stringify(everything);
    expect(await eventuallyAsync(stored, 20_000)).toBe(true);

    await Promise.all([a.kill(), b.kill()]);
    const c = await server();
    const late = await client(c, board.boardId, board.viewerToken);
    expect(texts(late.doc)).toEqual(everything);
  }, 120_000);
});

/** Rounds of the outage test: a few in CI; OUTAGE_ROUNDS=20 for a long run. */
const OUTAGE_ROUNDS = Number(process.env.OUTAGE_ROUNDS ?? 3);

describe.skipIf(!available)('fault injection: PostgreSQL stopped and started while two processes take notes', () => {
  it(`loses no note a client was sent, over ${OUTAGE_ROUNDS} outages under load`, async () => {
    const fast = { ...env(), IDLE_UNLOAD_MS: '300' };
    const [a, b] = await Promise.all([startServer({ env: fast }), startServer({ env: fast })]);
    servers.push(a, b);
    onTestFailed(() => console.log(`--- A ---\n${a.output().slice(-3000)}\n--- B ---\n${b.output().slice(-3000)}`));
    const board = await createBoard(a.url, { title: '停止試験' });
    const seeder = await client(a, board.boardId, board.facilitatorToken);
    seeder.doc.transact(() => {
      for (let i = 0; i < 500; i++) note(seeder, `既存の付箋 ${i}`, i);
    });
    const writers = await Promise.all(Array.from({ length: 10 }, (_, i) => client(i < 5 ? a : b, board.boardId, board.participantToken)));
    let written = 0;
    const timers = writers.map((c, i) => setInterval(() => note(c, `writer${i} note${written++}`), 100));
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      for (let round = 0; round < OUTAGE_ROUNDS; round++) {
        await pause(800);
        await pg.stop();
        await pause(2500);
        await pg.start();
        await pause(1200);
      }
    } finally {
      timers.forEach(clearInterval);
    }
    const everyone = [seeder, ...writers];
    // Counting is cheap enough to poll on eleven docs of two thousand notes; the texts are compared once.
    const counts = () => everyone.map((c) => c.doc.getMap('notes').size);
    await eventually(() => counts().every((n) => n === 500 + written), 30_000);
    expect(counts()).toEqual(everyone.map(() => 500 + written));
    const seen = [...new Set(everyone.flatMap((c) => texts(c.doc)))].sort();
    expect(seen.length).toBe(500 + written);

    // Everyone leaves; the board unloads on both processes, which then stop.
    clients.splice(0).forEach((c) => c.destroy());
    const loaded = async (s: RunningServer) => ((await (await fetch(`${s.url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded;
    expect(await eventuallyAsync(async () => (await loaded(a)) === 0 && (await loaded(b)) === 0, 10_000)).toBe(true);
    await Promise.all([a.stop(), b.stop()]);

    const fresh = await server();
    const late = await client(fresh, board.boardId, board.viewerToken);
    const lost = seen.filter((t) => !texts(late.doc).includes(t));
    expect(lost).toEqual([]);
  }, 300_000);
});
