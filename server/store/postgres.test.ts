import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeStoreContract } from './store.contract';
import { PostgresStore } from './postgres';
import { servicesAvailable, startPostgres, type Service } from '../testing/services';
import { freePort } from '../testing/startServer';
import { newBoardId } from '../../shared/board/ids';
import { hashToken, newTokens, openTokens, roleOfToken, storeTokens } from './tokens';

const available = servicesAvailable();
let pg: Service | undefined;
beforeAll(async () => {
  if (available) pg = await startPostgres();
});
afterAll(async () => {
  await pg?.close();
});

const newBoard = () => ({
  id: newBoardId(),
  title: '苫小牧 研修',
  createdAt: Date.now(),
  tokens: storeTokens('board', newTokens()),
  locked: false,
});

/** n updates of one doc, each adding one string to an array. */
function updates(n: number, prefix: string): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getArray<string>('t').push([`${prefix}${i}`]);
  return out;
}

/** Ends every session but the one asking, synchronously, from psql. */
function terminateOtherSessions(url: string): void {
  const r = spawnSync('psql', [url, '-Atc', 'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $$client backend$$'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
}

const replay = (log: Uint8Array[]): string[] => {
  const d = new Y.Doc();
  for (const u of log) Y.applyUpdate(d, u);
  return d.getArray<string>('t').toArray();
};

describe.skipIf(!available)('PostgresStore', () => {
  describeStoreContract('postgres', () => PostgresStore.connect(pg!.url));

  it('keeps every update another process appends while this one compacts', async () => {
    const [a, b] = await Promise.all([PostgresStore.connect(pg!.url), PostgresStore.connect(pg!.url)]);
    try {
      const board = newBoard();
      await a.createBoard(board, Y.encodeStateAsUpdate(new Y.Doc()));
      const log = updates(300, 'n');
      let appending = true;
      const compactions = (async () => {
        let n = 0;
        while (appending) {
          await a.compact(board.id, (log) => Y.mergeUpdates(log.map((e) => e.update)));
          n++;
        }
        return n;
      })();
      // Ten at a time on several connections, so appends commit out of id order around the compactions.
      for (let i = 0; i < log.length; i += 10) await Promise.all(log.slice(i, i + 10).map((u) => b.appendUpdate(board.id, u)));
      appending = false;
      expect(await compactions).toBeGreaterThan(0);
      expect(replay((await b.loadLog(board.id)).map((e) => e.update))).toEqual(log.map((_, i) => `n${i}`));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('counts the rows of the board log on each append, so the room knows when to compact', async () => {
    const store = await PostgresStore.connect(pg!.url);
    try {
      const board = newBoard();
      await store.createBoard(board, Y.encodeStateAsUpdate(new Y.Doc()));
      const counts = [];
      for (const u of updates(3, 'x')) counts.push((await store.appendUpdate(board.id, u)).logLength);
      expect(counts).toEqual([2, 3, 4]);
      await store.compact(board.id, (log) => Y.mergeUpdates(log.map((e) => e.update)));
      expect((await store.appendUpdate(board.id, updates(1, 'y')[0]!)).logLength).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('fails a compaction whose connection the database drops midway, without ending the process, and keeps working after', async () => {
    const store = await PostgresStore.connect(pg!.url);
    try {
      const board = newBoard();
      await store.createBoard(board, Y.encodeStateAsUpdate(new Y.Doc()));
      for (const u of updates(3, 'x')) await store.appendUpdate(board.id, u);
      const dropped = await store
        .compact(board.id, (log) => {
          // As a restart of the database does: every other session is ended while this one is inside its transaction.
          terminateOtherSessions(pg!.url);
          return Y.mergeUpdates(log.map((e) => e.update));
        })
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(dropped).toBeInstanceOf(Error);
      await new Promise((r) => setTimeout(r, 200));
      expect(replay((await store.loadLog(board.id)).map((e) => e.update))).toEqual(['x0', 'x1', 'x2']);
    } finally {
      await store.close();
    }
  });

  it('migrates boards stored with plain tokens on start: hashes only in the table, the old links still open them', async () => {
    const first = await PostgresStore.connect(pg!.url);
    const id = newBoardId();
    const tokens = newTokens();
    // A row as the version before hashing wrote it.
    await first.pool.query('INSERT INTO boards (id, title, created_at, tokens, locked) VALUES ($1, $2, 1, $3, false)', [id, '苫小牧', JSON.stringify(tokens)]);
    await first.close();
    const store = await PostgresStore.connect(pg!.url);
    try {
      const { rows } = await store.pool.query<{ t: string }>('SELECT tokens::text AS t FROM boards WHERE id = $1', [id]);
      for (const t of Object.values(tokens)) expect(rows[0]!.t).not.toContain(t);
      const board = (await store.getBoard(id))!;
      expect(roleOfToken(board.tokens, tokens.participant)).toBe('participant');
      expect(roleOfToken(board.tokens, tokens.viewer)).toBe('viewer');
      expect(openTokens(id, board.tokens, tokens.facilitator)).toEqual(tokens);
    } finally {
      await store.close();
    }
  });

  it('adds the series tables to a database an older version made, on start', async () => {
    const first = await PostgresStore.connect(pg!.url);
    await first.pool.query('DROP TABLE series; DROP TABLE series_boards;');
    await first.close();
    // Read-only (`npm run migrate` from an older deployment): no series, and nothing created.
    const reader = await PostgresStore.connect(pg!.url, { readonly: true });
    try {
      expect(await reader.listSeries()).toEqual([]);
      expect(await reader.getSeries(newBoardId())).toBeNull();
      expect(await reader.seriesBoards(newBoardId())).toEqual([]);
    } finally {
      await reader.close();
    }
    const store = await PostgresStore.connect(pg!.url);
    try {
      const series = { id: newBoardId(), title: '連続研修', createdAt: 2, tokenHash: hashToken('t') };
      await store.createSeries(series);
      expect(await store.getSeries(series.id)).toEqual(series);
    } finally {
      await store.close();
    }
  });

  it('starts several processes on an empty database at once (schema creation does not race)', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.connect(pg!.url)));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuses to start on an unreachable database, naming DATABASE_URL and the address but never the password', async () => {
    const port = await freePort();
    const err = await PostgresStore.connect(`postgres://fusen:s3cret-pw@127.0.0.1:${port}/fusen`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('DATABASE_URL');
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });
});
