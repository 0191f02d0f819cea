import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startApp } from '../../testing/inProcess';
import { createBoard, type CreatedBoard } from '../../testing/startServer';
import { connectClient, eventually } from '../../testing/clients';
import { addNote, moveNotes, readBoard, setMeta } from '../../../shared/board/doc';
import { newClientKey } from '../../../shared/board/ids';
import { userIdFromKey } from '../../../shared/board/identity';
import { clearReadiness, readinessOf, readyPeople, setReady } from '../../../shared/board/readiness';
import { reactionCounts, reactionKey, reactionsOf, toggleReaction } from '../../../shared/board/reactions';
import type { Section } from '../../../shared/board/schema';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

type Client = ReturnType<typeof connectClient> & { userId: string };
const clients: Client[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));

async function join(boardId: string, token: string, key = newClientKey()): Promise<Client> {
  const c = Object.assign(connectClient(srv.wsUrl, boardId, token, { key }), { userId: await userIdFromKey(key) });
  clients.push(c);
  await c.synced;
  return c;
}

/** A later, allowed change of the facilitator seen by every observer: a refused change sent before it never came. */
async function barrier(b: CreatedBoard, ...observers: Client[]): Promise<void> {
  const f = await join(b.boardId, b.facilitatorToken);
  const tag = `barrier-${newClientKey()}`;
  setMeta(f.doc, { title: tag });
  for (const o of observers) expect(await eventually(() => readBoard(o.doc).meta.title === tag)).toBe(true);
  f.destroy();
}

const fresh = async (b: CreatedBoard) => (await join(b.boardId, b.viewerToken)).doc;
const section = (doc: Y.Doc): Section => readBoard(doc).sections.find((s) => s.group === 'A' && s.kind !== 'summary')!;
const note = (c: Client, text: string) => {
  const s = section(c.doc);
  return addNote(c.doc, { text, x: s.x + 10, y: s.y + 10, sectionId: s.id, authorId: c.userId, author: '' });
};
const api = (b: CreatedBoard, path: string, token: string, body: unknown) =>
  fetch(`${srv.url}/api/boards/${b.boardId}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function setup() {
  const b = await createBoard(srv.url, { template: 'troubles', groups: 2 });
  const [f, alice, bob] = await Promise.all([join(b.boardId, b.facilitatorToken), join(b.boardId, b.participantToken), join(b.boardId, b.participantToken)]);
  return { b, f, alice, bob };
}

describe('readiness on the server', () => {
  it('passes one’s own "Done" and its taking back, never one in somebody else’s name, and none from a viewer', async () => {
    const { b, f, alice, bob } = await setup();
    setReady(alice.doc, alice.userId, true);
    expect(await eventually(() => readyPeople(f.doc).has(alice.userId))).toBe(true);
    setReady(alice.doc, alice.userId, false);
    expect(await eventually(() => readyPeople(f.doc).size === 0)).toBe(true);

    setReady(bob.doc, alice.userId, true);
    const viewer = await join(b.boardId, b.viewerToken);
    setReady(viewer.doc, viewer.userId, true);
    const carol = await join(b.boardId, b.participantToken);
    readinessOf(carol.doc).set(carol.userId, 'done');
    await barrier(b, f, alice);
    for (const doc of [f.doc, alice.doc, await fresh(b)]) expect(readyPeople(doc).size).toBe(0);
  });

  it('never lets a participant clear somebody else’s "Done"; the facilitator clears everyone’s', async () => {
    const { b, f, alice, bob } = await setup();
    setReady(alice.doc, alice.userId, true);
    setReady(bob.doc, bob.userId, true);
    expect(await eventually(() => readyPeople(f.doc).size === 2 && readyPeople(bob.doc).size === 2)).toBe(true);
    readinessOf(bob.doc).delete(alice.userId);
    await barrier(b, f, alice);
    expect([...readyPeople(await fresh(b)).keys()].sort()).toEqual([alice.userId, bob.userId].sort());
    clearReadiness(f.doc);
    expect(await eventually(() => readyPeople(alice.doc).size === 0)).toBe(true);
  });

  it('keeps a "Done" across a reconnect of the same device', async () => {
    const { b, f } = await setup();
    const key = newClientKey();
    const alice = await join(b.boardId, b.participantToken, key);
    setReady(alice.doc, alice.userId, true);
    expect(await eventually(() => readyPeople(f.doc).has(alice.userId))).toBe(true);
    alice.destroy();
    const again = await join(b.boardId, b.participantToken, key);
    expect(readyPeople(again.doc).has(again.userId)).toBe(true);
  });
});

describe('the shape of own entries', () => {
  it('refuses a nested map, several values packed in one item, or an oversized key, even one’s own', async () => {
    const { b, f, alice } = await setup();
    const id = note(alice, '配食サービス');
    const tries: ((c: Client) => void)[] = [
      (c) => readinessOf(c.doc).set(c.userId, new Y.Map()),
      (c) => reactionsOf(c.doc).set(reactionKey(id, 'agree', c.userId), new Y.Map()),
      (c) => reactionsOf(c.doc).set(`${'n'.repeat(120)}:agree:${c.userId}`, 1),
      (c) => c.doc.getMap('reactions').set(reactionKey(id, 'agree', c.userId), [1, 2]),
    ];
    for (const write of tries) write(await join(b.boardId, b.participantToken));
    await barrier(b, f, alice);
    for (const doc of [f.doc, await fresh(b)]) {
      expect(readinessOf(doc).size).toBe(0);
      expect(reactionsOf(doc).size).toBe(0);
    }
  });
});

describe('reactions on the server', () => {
  it('keeps both of two participants’ first stamps on the same note, sent at the same moment', async () => {
    const { f, alice, bob } = await setup();
    const id = note(alice, '民生委員との連携');
    expect(await eventually(() => readBoard(bob.doc).notes.length === 1)).toBe(true);
    toggleReaction(alice.doc, id, 'agree', alice.userId);
    toggleReaction(bob.doc, id, 'agree', bob.userId);
    toggleReaction(f.doc, id, 'agree', f.userId);
    const all = (doc: Y.Doc) => reactionCounts(doc).counts.get(id)?.agree === 3;
    expect(await eventually(() => all(alice.doc) && all(bob.doc) && all(f.doc))).toBe(true);
  });

  it('lets a participant take back only their own stamp, never give one as somebody else, and a viewer none', async () => {
    const { b, f, alice, bob } = await setup();
    const id = note(alice, '買い物支援');
    toggleReaction(alice.doc, id, 'insight', alice.userId);
    expect(await eventually(() => reactionCounts(bob.doc).counts.get(id)?.insight === 1)).toBe(true);
    reactionsOf(bob.doc).delete(reactionKey(id, 'insight', alice.userId));
    const carol = await join(b.boardId, b.participantToken);
    reactionsOf(carol.doc).set(reactionKey(id, 'question', alice.userId), 1);
    const dave = await join(b.boardId, b.participantToken);
    reactionsOf(dave.doc).set(`${id}:love:${dave.userId}`, 1);
    const erin = await join(b.boardId, b.participantToken);
    reactionsOf(erin.doc).set(reactionKey(id, 'agree', erin.userId), 'many');
    const viewer = await join(b.boardId, b.viewerToken);
    toggleReaction(viewer.doc, id, 'agree', viewer.userId);
    await barrier(b, f, alice);
    for (const doc of [f.doc, alice.doc, await fresh(b)]) {
      expect(reactionCounts(doc).counts.get(id)).toEqual({ agree: 0, insight: 1, question: 0 });
      expect(reactionsOf(doc).size).toBe(1);
    }
    toggleReaction(alice.doc, id, 'insight', alice.userId);
    expect(await eventually(() => reactionsOf(f.doc).size === 0)).toBe(true);
  });
});

describe('participants move only their own notes', () => {
  it('refuses moving another’s note while the setting is on, allows it again once it is off', async () => {
    const { b, f, alice, bob } = await setup();
    const id = note(alice, '地域ケア会議');
    expect(await eventually(() => readBoard(bob.doc).notes.length === 1)).toBe(true);
    const on = await api(b, '/settings', b.facilitatorToken, { ownNotesOnly: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ ownNotesOnly: true });
    expect(await eventually(() => readBoard(bob.doc).meta.ownNotesOnly === true)).toBe(true);
    moveNotes(bob.doc, [{ id, x: 901, y: 902 }]);
    await barrier(b, f, alice);
    expect(readBoard(await fresh(b)).notes[0]!.x).not.toBe(901);
    // The author still moves it, and so does the facilitator.
    moveNotes(alice.doc, [{ id, x: 300, y: 301 }]);
    expect(await eventually(() => readBoard(f.doc).notes[0]!.x === 300)).toBe(true);

    expect((await api(b, '/settings', b.facilitatorToken, { ownNotesOnly: false })).status).toBe(200);
    const carol = await join(b.boardId, b.participantToken);
    expect(readBoard(carol.doc).meta.ownNotesOnly).toBe(false);
    moveNotes(carol.doc, [{ id, x: 555, y: 556 }]);
    expect(await eventually(() => readBoard(alice.doc).notes[0]!.x === 555)).toBe(true);
  });

  it('takes the setting from the facilitator only, and names a bad value', async () => {
    const { b } = await setup();
    expect((await api(b, '/settings', b.participantToken, { ownNotesOnly: true })).status).toBe(403);
    const bad = await api(b, '/settings', b.facilitatorToken, { ownNotesOnly: 'yes' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('ownNotesOnly');
    expect(readBoard(await fresh(b)).meta.ownNotesOnly).toBeUndefined();
  });
});
