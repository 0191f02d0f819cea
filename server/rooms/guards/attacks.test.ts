import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startApp } from '../../testing/inProcess';
import { createBoard, type CreatedBoard } from '../../testing/startServer';
import { connectClient, eventually } from '../../testing/clients';
import { attacker, syncBytes } from '../../testing/attacker';
import { rawSocket } from '../../reliability/rawSocket';
import { addNote, noteText, notesOf, readBoard, setMeta } from '../../../shared/board/doc';
import { newClientKey } from '../../../shared/board/ids';
import { userIdFromKey } from '../../../shared/board/identity';
import type { Section } from '../../../shared/board/schema';

/**
 * Attacks of issue 28, each through a real socket against the running app: what honest clients, and
 * a browser opening the board afterwards, see.
 */
let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

type Client = ReturnType<typeof connectClient> & { userId: string };
const clients: Client[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));

async function join(boardId: string, token: string): Promise<Client> {
  const key = newClientKey();
  const c = Object.assign(connectClient(srv.wsUrl, boardId, token, { key }), { userId: await userIdFromKey(key) });
  clients.push(c);
  await c.synced;
  return c;
}

const section = (doc: Y.Doc, group: string): Section => readBoard(doc).sections.find((s) => s.group === group && s.kind !== 'summary')!;
const note = (c: Client, text: string, group = 'A') => {
  const s = section(c.doc, group);
  return addNote(c.doc, { text, x: s.x + 10, y: s.y + 10, sectionId: s.id, authorId: c.userId, author: '' });
};

/** A later, allowed change every observer must have seen: a refused change sent before it would have arrived by then. */
async function barrier(b: CreatedBoard, ...observers: Client[]): Promise<void> {
  const f = await join(b.boardId, b.facilitatorToken);
  const tag = `barrier-${newClientKey()}`;
  setMeta(f.doc, { title: tag });
  for (const o of observers) expect(await eventually(() => readBoard(o.doc).meta.title === tag)).toBe(true);
  f.destroy();
}

async function fresh(b: CreatedBoard): Promise<Y.Doc> {
  return (await join(b.boardId, b.viewerToken)).doc;
}

/** The board's doc in the server, encoded: what a newcomer downloads. */
async function serverBytes(b: CreatedBoard): Promise<number> {
  const room = await srv.app.rooms.peek(b.boardId);
  return Y.encodeStateAsUpdate(room!.doc).byteLength;
}

async function boardWithNotes(n: number) {
  const b = await createBoard(srv.url, { template: 'troubles', groups: 2 });
  const [f, alice, bob] = await Promise.all([join(b.boardId, b.facilitatorToken), join(b.boardId, b.participantToken), join(b.boardId, b.participantToken)]);
  const ids = Array.from({ length: n }, (_, i) => note(alice, `見守りの付箋 ${i} 地域の居場所づくり`));
  expect(await eventually(() => readBoard(bob.doc).notes.length === n && readBoard(f.doc).notes.length === n)).toBe(true);
  return { b, f, alice, bob, ids };
}

describe('a refused change costs nobody else anything', () => {
  it('deleting every note: refused before the board sees it, nothing re-sent, the doc no bigger, typing meanwhile kept', async () => {
    const { b, f, alice, bob, ids } = await boardWithNotes(200);
    const watcher = rawSocket(srv.wsUrl, b.boardId, b.viewerToken);
    await watcher.opened;
    expect(await eventually(() => syncBytes(watcher.received) > 0)).toBe(true);
    const sizeBefore = await serverBytes(b);
    const typed: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const seen = watcher.received.length;
      const mallory = await attacker(srv.wsUrl, b.boardId, b.participantToken, bob.doc);
      const wipe = mallory.send((d) => notesOf(d).clear());
      expect(wipe.byteLength).toBeLessThan(100);
      // Honest typing into the very notes the attack deletes, while it is refused.
      const id = ids[attempt]!;
      noteText(alice.doc, id)!.insert(0, `${attempt}`);
      typed.push(id);
      expect((await mallory.closed).code).toBe(1008);
      expect(syncBytes(watcher.received, seen)).toBeLessThan(200);
    }
    // Alone, with nobody typing: the doc a newcomer downloads is byte for byte as long as before.
    const quiet = await serverBytes(b);
    for (let attempt = 0; attempt < 5; attempt++) {
      const mallory = await attacker(srv.wsUrl, b.boardId, b.participantToken, bob.doc);
      mallory.send((d) => notesOf(d).clear());
      expect((await mallory.closed).code).toBe(1008);
    }
    expect(await serverBytes(b)).toBe(quiet);
    expect(quiet).toBeLessThan(sizeBefore + 200);
    await barrier(b, bob, f);
    for (const doc of [bob.doc, f.doc, await fresh(b)]) {
      const notes = readBoard(doc).notes;
      expect(notes).toHaveLength(200);
      for (const [attempt, id] of typed.entries()) expect(notes.find((n) => n.id === id)?.text).toBe(`${attempt}見守りの付箋 ${attempt} 地域の居場所づくり`);
    }
  }, 60_000);
});
