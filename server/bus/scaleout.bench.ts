/**
 * Scale-out figures: `npx tsx server/bus/scaleout.bench.ts` (needs redis-server and PostgreSQL, as the tests).
 * Prints what it measures; asserts nothing. Numbers depend on the machine and its load (printed first).
 */
import * as Y from 'yjs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresStore } from '../store/postgres';
import { SqliteStore } from '../store/sqlite';
import type { Store } from '../store/store';
import { RedisBus } from './redis';
import { missingServices, startPostgres, startRedis } from '../testing/services';
import { startServer, createBoard, type RunningServer } from '../testing/startServer';
import { connectClient } from '../testing/clients';
import { addNote, notesOf } from '../../shared/board/doc';
import { newBoardId, newClientKey } from '../../shared/board/ids';
import { newTokens, storeTokens } from '../store/tokens';
import { userIdFromKey } from '../../shared/board/identity';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};
const fmt = (xs: number[]) => `p50 ${q(xs, 0.5).toFixed(2)} ms  p99 ${q(xs, 0.99).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms  (n=${xs.length})`;

/** A note-sized update (one note with 40 Japanese characters), as a client sends when it adds a note. */
function noteUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) addNote(doc, { text: `地域の見守り活動を続けるための担い手が不足している ${i}`, x: i, y: 0, authorId: 'bench' });
  return out;
}

async function storeAppend(name: string, store: Store): Promise<void> {
  const board = { id: newBoardId(), title: 'bench', createdAt: Date.now(), tokens: storeTokens('board', newTokens()), locked: false };
  await store.createBoard(board, Y.encodeStateAsUpdate(new Y.Doc()));
  const ups = noteUpdates(1000);
  const lat: number[] = [];
  for (const u of ups.slice(0, 500)) {
    const t = performance.now();
    await store.appendUpdate(board.id, u);
    lat.push(performance.now() - t);
  }
  // Ten boards appending at once, as ten busy rooms in one process.
  const boards = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const b = { ...board, id: newBoardId() };
      await store.createBoard(b, Y.encodeStateAsUpdate(new Y.Doc()));
      return b.id;
    }),
  );
  const t0 = performance.now();
  await Promise.all(boards.map(async (id) => {
    for (const u of ups.slice(500)) await store.appendUpdate(id, u);
  }));
  const perSec = (10 * 500) / ((performance.now() - t0) / 1000);
  console.log(`${name} appendUpdate, one board, sequential: ${fmt(lat)}`);
  console.log(`${name} appendUpdate, 10 boards concurrently: ${Math.round(perSec)} updates/s`);
}

async function busLatency(url: string): Promise<void> {
  const [a, b] = await Promise.all([RedisBus.connect(url, { log: quiet }), RedisBus.connect(url, { log: quiet })]);
  const lat: number[] = [];
  await b.subscribe('board:bench', (m) => lat.push(performance.now() - new DataView(m.buffer, m.byteOffset).getFloat64(0)));
  const payload = new Uint8Array(200);
  for (let i = 0; i < 2000; i++) {
    new DataView(payload.buffer).setFloat64(0, performance.now());
    a.publish('board:bench', payload.slice());
    if (i % 10 === 9) await sleep(10); // ~1000 messages/s
  }
  await sleep(500);
  console.log(`Redis pub/sub, process to process, 200-byte message at ~1000/s: ${fmt(lat)}`);
  await Promise.all([a.close(), b.close()]);
}

/** 40 participants on one board, 20 per server process, each adding a note every 2 s: write-to-screen latency. */
async function endToEnd(servers: RunningServer[], seconds: number): Promise<void> {
  const board = await createBoard(servers[0]!.url);
  const perServer = 20;
  const clients = await Promise.all(
    servers.flatMap((s, si) =>
      Array.from({ length: perServer }, async () => {
        const key = newClientKey();
        const c = connectClient(s.wsUrl, board.boardId, board.participantToken, { key });
        await c.synced;
        return { ...c, si, userId: await userIdFromKey(key) };
      }),
    ),
  );
  const sentAt = new Map<string, { t: number; si: number }>();
  const same: number[] = [];
  const cross: number[] = [];
  for (const c of clients) {
    notesOf(c.doc).observe((e, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const [id, change] of e.changes.keys) {
        const s = change.action === 'add' ? sentAt.get(id) : undefined;
        if (s) (s.si === c.si ? same : cross).push(now - s.t);
      }
    });
  }
  const end = Date.now() + seconds * 1000;
  let i = 0;
  while (Date.now() < end) {
    const c = clients[i++ % clients.length]!;
    const t = performance.now();
    const id = addNote(c.doc, { text: `付箋 ${i}`, x: i % 1000, y: 0, authorId: c.userId });
    sentAt.set(id, { t, si: c.si });
    await sleep(2000 / clients.length);
  }
  await sleep(2000);
  const expected = sentAt.size * (clients.length - 1);
  console.log(`end to end, ${clients.length} clients on 2 processes, ${(sentAt.size / seconds).toFixed(1)} notes/s for ${seconds} s:`);
  console.log(`  same process:  ${fmt(same)}`);
  console.log(`  other process: ${fmt(cross)}`);
  console.log(`  deliveries: ${same.length + cross.length} of ${expected} expected`);
  clients.forEach((c) => c.destroy());
}

async function main(): Promise<void> {
  process.setMaxListeners(100); // each stock WebsocketProvider adds an 'exit' listener
  const missing = missingServices();
  if (missing) throw new Error(missing);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}`);
  const [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
  const dir = mkdtempSync(join(tmpdir(), 'fusen-bench-sqlite-'));
  const servers: RunningServer[] = [];
  try {
    const postgres = await PostgresStore.connect(pg.url);
    await storeAppend('PostgreSQL 15 (defaults: fsync and synchronous_commit on; TCP to 127.0.0.1)', postgres);
    await postgres.close();
    const sqlite = new SqliteStore(dir);
    await storeAppend('SQLite (WAL, synchronous NORMAL)', sqlite);
    await sqlite.close();
    await busLatency(redis.url);
    const env = { DATABASE_URL: pg.url, REDIS_URL: redis.url };
    for (let i = 0; i < 2; i++) servers.push(await startServer({ env }));
    await endToEnd(servers, 20);
  } finally {
    await Promise.all(servers.map((s) => s.kill()));
    await Promise.all([redis.close(), pg.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
