import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startApp } from '../testing/inProcess';
import { connectClient, eventually } from '../testing/clients';
import { createBoard } from '../testing/startServer';
import { rawSocket } from '../reliability/rawSocket';
import { addNote, deleteNotes, notesOf, readBoard, setNoteText } from '../../shared/board/doc';
import { userIdFromKey } from '../../shared/board/identity';
import { encodeSyncUpdate } from './protocol';
import { addsNothing, diffFromState, hibernate } from './hibernation';
import type { Room } from './room';

const HIBERNATE_AFTER_MS = 300;
const texts = (doc: Y.Doc) => readBoard(doc).notes.map((n) => n.text).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a hibernating board (no change for HIBERNATE_AFTER_MS)', () => {
  let server: Awaited<ReturnType<typeof startApp>>;
  let board: Awaited<ReturnType<typeof createBoard>>;
  let room: Room;
  const clients: ReturnType<typeof connectClient>[] = [];
  const client = async (key: string) => {
    const c = connectClient(server.wsUrl, board.boardId, board.participantToken, { key });
    clients.push(c);
    await c.synced;
    return { ...c, userId: await userIdFromKey(key) };
  };
  const asleep = () => eventually(() => room.hibernating, 3000);

  beforeEach(async () => {
    server = await startApp({ env: { HIBERNATE_AFTER_MS: String(HIBERNATE_AFTER_MS) } });
    board = await createBoard(server.url);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  /** Alice writes three notes and deletes one, then everyone waits for the board to fall asleep. */
  async function quietBoard() {
    const alice = await client('alice-key-0123456789');
    room = (await server.app.rooms.peek(board.boardId))!;
    const ids = ['地域の見守り', '居場所づくり', '消す付箋'].map((text, i) => addNote(alice.doc, { text, x: i * 200, y: 0, authorId: alice.userId }));
    deleteNotes(alice.doc, [ids[2]!]);
    expect(await eventually(() => notesOf(room.doc).size === 2)).toBe(true);
    expect(await asleep()).toBe(true);
    return { alice, ids };
  }

  it('serves a newcomer every note, and presence, without waking', async () => {
    const { alice } = await quietBoard();
    const bob = await client('bob-key-0123456789ab');
    expect(texts(bob.doc)).toEqual(['地域の見守り', '居場所づくり']);
    alice.provider.awareness.setLocalState({ cursor: { x: 10, y: 20 } });
    expect(await eventually(() => [...bob.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 10))).toBe(true);
    await sleep(100);
    expect(room.hibernating).toBe(true);
  });

  it('wakes on the next change, which reaches everyone and is stored', async () => {
    const { alice } = await quietBoard();
    const bob = await client('bob-key-0123456789ab');
    addNote(bob.doc, { text: '相談を断らない', x: 0, y: 300, authorId: bob.userId });
    expect(await eventually(() => texts(alice.doc).includes('相談を断らない'))).toBe(true);
    const stored = new Y.Doc();
    for (const e of await server.store.loadLog(board.boardId)) Y.applyUpdate(stored, e.update);
    expect(texts(stored)).toEqual(['地域の見守り', '居場所づくり', '相談を断らない']);
    // And it falls asleep again once quiet.
    expect(await asleep()).toBe(true);
  });

  it('lets a client that reconnects with nothing new in without waking, and keeps an offline edit', async () => {
    const { alice, ids } = await quietBoard();
    alice.provider.disconnect();
    alice.provider.connect();
    await eventually(() => alice.provider.synced);
    await sleep(100);
    expect(room.hibernating).toBe(true);
    // Edited while away: the edit arrives with the reconnect and is not lost.
    alice.provider.disconnect();
    setNoteText(alice.doc, ids[0]!, '地域の見守り（オフラインで追記）');
    alice.provider.connect();
    expect(await eventually(() => texts(room.doc).includes('地域の見守り（オフラインで追記）'))).toBe(true);
    const bob = await client('bob-key-0123456789ab');
    expect(texts(bob.doc)).toContain('地域の見守り（オフラインで追記）');
  });

  it('still enforces the workshop rules: a forged edit of someone else’s note is refused', async () => {
    const { ids } = await quietBoard();
    const forger = new Y.Doc();
    Y.applyUpdate(forger, room.encodeState());
    expect(room.hibernating).toBe(true);
    const before = Y.encodeStateVector(forger);
    setNoteText(forger, ids[0]!, '書き換えられた');
    const raw = rawSocket(server.wsUrl, board.boardId, board.participantToken, { query: '&key=mallory-key-0123456789' });
    await raw.opened;
    raw.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(forger, before)));
    expect((await raw.closed).code).toBe(1008);
    expect(texts(room.doc)).toEqual(['地域の見守り', '居場所づくり']);
  });
});

describe('hibernation without a doc', () => {
  const board = () => {
    const doc = new Y.Doc();
    const ids = ['a', 'b', 'c'].map((text) => addNote(doc, { text, x: 0, y: 0, authorId: 'u1' }));
    deleteNotes(doc, [ids[1]!]);
    return { doc, ids };
  };

  it('tells updates that add nothing from changes', () => {
    const { doc, ids } = board();
    const h = hibernate(doc);
    // A client that holds exactly the board sends its deletions and nothing else.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, h.state);
    expect(addsNothing(h, Y.encodeStateAsUpdate(copy, h.stateVector))).toBe(true);
    expect(addsNothing(h, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(addsNothing(h, h.state)).toBe(true);
    // A new note, an edit, a deletion: each is a change.
    const sv = Y.encodeStateVector(copy);
    const ops: ((d: Y.Doc) => void)[] = [
      (d) => addNote(d, { text: 'd', x: 0, y: 0, authorId: 'u1' }),
      (d) => setNoteText(d, ids[0]!, 'a!'),
      (d) => deleteNotes(d, [ids[2]!]),
    ];
    for (const op of ops) {
      const d = new Y.Doc();
      Y.applyUpdate(d, h.state);
      op(d);
      expect(addsNothing(h, Y.encodeStateAsUpdate(d, sv))).toBe(false);
    }
    expect(addsNothing(h, new Uint8Array([0xff, 0xff, 0xff]))).toBe(false);
  });

  it('gives a client with part of the board exactly what it lacks', () => {
    const { doc } = board();
    const part = new Y.Doc();
    Y.applyUpdate(part, Y.encodeStateAsUpdate(doc));
    addNote(doc, { text: 'later', x: 0, y: 0, authorId: 'u1' });
    const h = hibernate(doc);
    Y.applyUpdate(part, diffFromState(h, Y.encodeStateVector(part)));
    expect(texts(part)).toEqual(texts(doc));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, diffFromState(h, Y.encodeStateVector(fresh)));
    expect(texts(fresh)).toEqual(['a', 'c', 'later']);
  });
});
