import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './store.contract';
import { SqliteStore } from './sqlite';
import { newBoardId } from '../../shared/board/ids';
import { hashToken, newTokens, openTokens, roleOfToken, storeTokens } from './tokens';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fusen-sqlite-'));
  dirs.push(dir);
  return dir;
};

describeStoreContract('sqlite', () => new SqliteStore(tempDir()));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('SqliteStore on disk', () => {
  it('makes the data folder 0700 and the database, -wal and -shm 0600, even under a permissive umask', async () => {
    const dataDir = join(tempDir(), 'data', 'boards');
    const before = process.umask(0o000);
    let store: SqliteStore;
    try {
      store = new SqliteStore(dataDir);
      const doc = new Y.Doc();
      await store.createBoard({ id: newBoardId(), title: 't', createdAt: 1, tokens: { hashes: { facilitator: 'a', participant: 'b', viewer: 'c' }, sealed: '' }, locked: false }, Y.encodeStateAsUpdate(doc));
    } finally {
      process.umask(before);
    }
    const file = join(dataDir, 'boards.sqlite3');
    expect(mode(dataDir).toString(8)).toBe('700');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(`${f}: ${mode(f).toString(8)}`).toBe(`${f}: 600`);
    await store.close();
  });

  it('tightens a database file an older version left 0644', async () => {
    const dir = tempDir();
    const file = join(dir, 'boards.sqlite3');
    const before = process.umask(0o022);
    try {
      new Database(file).close();
    } finally {
      process.umask(before);
    }
    expect(mode(file).toString(8)).toBe('644');
    const store = new SqliteStore(dir);
    expect(mode(file).toString(8)).toBe('600');
    await store.close();
  });

  it('migrates boards stored with plain tokens: hashes only on disk, the old links still open them, the facilitator sees them again', async () => {
    const dir = tempDir();
    const id = newBoardId();
    const tokens = newTokens();
    // A database as the version before hashing wrote it.
    const first = new SqliteStore(dir);
    first.db.prepare('INSERT INTO boards (id, title, created_at, tokens, locked) VALUES (?, ?, ?, ?, 0)').run(id, '当別町', 1, JSON.stringify(tokens));
    first.db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, 1, ?)').run(id, Y.encodeStateAsUpdate(new Y.Doc()));
    await first.close();
    // Opened by a reader first (`npm run migrate` reads read-only): it hashes in memory and writes nothing.
    const reader = new SqliteStore(dir, { readonly: true });
    expect(roleOfToken((await reader.getBoard(id))!.tokens, tokens.viewer)).toBe('viewer');
    await reader.close();

    const store = new SqliteStore(dir);
    const raw = store.db.prepare<[string], { tokens: string }>('SELECT tokens FROM boards WHERE id = ?').get(id)!.tokens;
    for (const t of Object.values(tokens)) expect(raw).not.toContain(t);
    const board = (await store.getBoard(id))!;
    expect(roleOfToken(board.tokens, tokens.facilitator)).toBe('facilitator');
    expect(roleOfToken(board.tokens, tokens.participant)).toBe('participant');
    expect(openTokens(id, board.tokens, tokens.facilitator)).toEqual(tokens);
    await store.close();
    // Nowhere in the files: the old cells were overwritten (secure_delete) and the WAL checkpointed.
    const file = join(dir, 'boards.sqlite3');
    const bytes = Buffer.concat([readFileSync(file), ...[`${file}-wal`].filter((f) => statSync(f, { throwIfNoEntry: false })).map((f) => readFileSync(f))]);
    for (const t of Object.values(tokens)) expect(bytes.includes(Buffer.from(t))).toBe(false);
  });

  it('adds the series tables to a database an older version wrote, keeping its boards', async () => {
    const dir = tempDir();
    const id = newBoardId();
    const old = new SqliteStore(dir);
    old.db.exec('DROP TABLE series; DROP TABLE series_boards;');
    old.db.prepare('INSERT INTO boards (id, title, created_at, tokens, locked) VALUES (?, ?, 1, ?, 0)').run(id, '第1回', JSON.stringify(storeTokens(id, newTokens())));
    await old.close();
    // Read-only (`npm run migrate` from an older deployment): no series, and nothing written.
    const reader = new SqliteStore(dir, { readonly: true });
    expect(await reader.listSeries()).toEqual([]);
    expect(await reader.seriesBoards(newBoardId())).toEqual([]);
    expect((await reader.getBoard(id))?.title).toBe('第1回');
    await reader.close();
    const store = new SqliteStore(dir);
    const series = { id: newBoardId(), title: '連続研修', createdAt: 2, tokenHash: hashToken('t') };
    await store.createSeries(series);
    expect(await store.getSeries(series.id)).toEqual(series);
    expect((await store.getBoard(id))?.title).toBe('第1回');
    await store.close();
  });
});
