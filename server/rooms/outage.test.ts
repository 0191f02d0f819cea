import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient, eventuallyAsync } from '../testing/clients';
import { faultyStore, type FaultyStore } from '../testing/faultyStore';
import { SqliteStore } from '../store/sqlite';
import { docFromLog } from '../store/store';
import { addNote, readBoard } from '../../shared/board/doc';
import type * as Y from 'yjs';

const open: { close(): Promise<void> }[] = [];
const clients: ReturnType<typeof connectClient>[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function appOnFaultyStore() {
  const store = faultyStore(new SqliteStore(mkdtempSync(join(tmpdir(), 'fusen-outage-'))));
  const app = await startApp({ store });
  open.push(app);
  const board = await createBoard(app.url);
  const client = connectClient(app.wsUrl, board.boardId, board.facilitatorToken);
  clients.push(client);
  await client.synced;
  return { app, store, board, client };
}

const texts = (doc: Y.Doc) => readBoard(doc).notes.map((n) => n.text).sort();
const stored = async (store: FaultyStore, boardId: string) => texts(docFromLog(await store.loadLog(boardId)));
const note = (doc: Y.Doc, text: string) => addNote(doc, { text, x: 0, y: 0, authorId: 'u1' });
const boardsLoaded = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded;

describe('a store outage loses no note', () => {
  it('stores the notes written while the comeback write was still in flight', async () => {
    const { store, board, client } = await appOnFaultyStore();
    store.down();
    note(client.doc, 'while the store is away');
    await new Promise((r) => setTimeout(r, 100));
    store.holdAppends();
    const held = store.appendHeld();
    store.up();
    await held; // the room's write of the whole board is under way
    note(client.doc, 'during the comeback write 1');
    note(client.doc, 'during the comeback write 2');
    await new Promise((r) => setTimeout(r, 100));
    store.release();
    const everything = ['during the comeback write 1', 'during the comeback write 2', 'while the store is away'];
    await eventuallyAsync(async () => JSON.stringify(await stored(store, board.boardId)) === JSON.stringify(everything));
    expect(await stored(store, board.boardId)).toEqual(everything);
  });

  it('keeps an idle board in memory while the store lacks its notes, and stores it before letting it go', async () => {
    const { app, store, board, client } = await appOnFaultyStore();
    store.down();
    note(client.doc, 'only in memory');
    await new Promise((r) => setTimeout(r, 100));
    client.destroy();
    clients.length = 0;
    // Well past IDLE_UNLOAD_MS: unloading now would drop the only copy.
    await new Promise((r) => setTimeout(r, 800));
    expect(await boardsLoaded(app.url)).toBe(1);
    store.up();
    expect(await eventuallyAsync(async () => (await boardsLoaded(app.url)) === 0)).toBe(true);
    expect(await stored(store, board.boardId)).toEqual(['only in memory']);
  });

  it('answers REST with 503 and a clear error while the store is away, and changes nothing', async () => {
    const { app, store, board } = await appOnFaultyStore();
    store.down();
    const created = await fetch(`${app.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(created.status).toBe(503);
    expect(created.headers.get('retry-after')).toBe('5');
    expect(((await created.json()) as { error: string }).error).toMatch(/store is unavailable/);
    const lock = await fetch(`${app.url}/api/boards/${board.boardId}/lock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.facilitatorToken}` },
      body: '{"locked":true}',
    });
    expect(lock.status).toBe(503);
    store.up();
    expect((await store.listBoards()).map((b) => b.id)).toEqual([board.boardId]);
    expect((await store.getBoard(board.boardId))?.locked).toBe(false);
  });
});
