import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startApp } from '../../testing/inProcess';
import { createBoard, type CreatedBoard } from '../../testing/startServer';
import { connectClient, eventually } from '../../testing/clients';
import { attacker, syncBytes } from '../../testing/attacker';
import { rawSocket } from '../../reliability/rawSocket';
import { addNote, deleteNotes, metaOf, moveNotes, noteText, notesOf, readBoard, setMeta, setNoteText } from '../../../shared/board/doc';
import { castVote, setVoting, voteCounts, votesOf } from '../../../shared/board/votes';
import { readScribes, setScribe } from '../../../shared/board/people';
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

/** Sends one crafted change from a fresh modified client and expects it refused, the board untouched for everyone. */
async function refused(b: CreatedBoard, token: string, from: Y.Doc, fn: (d: Y.Doc) => void, setup?: (userId: string) => Promise<void>) {
  const watcher = rawSocket(srv.wsUrl, b.boardId, b.viewerToken);
  await watcher.opened;
  expect(await eventually(() => syncBytes(watcher.received) > 0)).toBe(true);
  const mallory = await attacker(srv.wsUrl, b.boardId, token, from);
  await setup?.(mallory.userId);
  const size = await serverBytes(b);
  const seen = watcher.received.length;
  const sent = mallory.send(fn);
  const closed = await mallory.closed;
  expect(closed.code, closed.reason).toBe(1008);
  expect(await serverBytes(b)).toBe(size);
  expect(syncBytes(watcher.received, seen)).toBe(0);
  watcher.ws.close();
  return { sent, reason: closed.reason, userId: mallory.userId };
}

const big = () => '詰'.repeat(300_000);
const noteMap = (d: Y.Doc, id: string) => notesOf(d).get(id) as unknown as Y.Map<unknown>;

describe('what a change may put into the board: the shape of everything it touches', () => {
  it('refuses list content inside the notes map or inside a note, and unknown or packed keys, and newcomers download none of it', async () => {
    const { b, f, alice, bob, ids } = await boardWithNotes(2);
    const own = note(bob, '自分の付箋');
    expect(await eventually(() => readBoard(f.doc).notes.length === 3)).toBe(true);
    const attacks: ((d: Y.Doc) => void)[] = [
      (d) => Y.Array.prototype.insert.call(notesOf(d) as unknown as Y.Array<unknown>, 0, [big()]),
      (d) => Y.Array.prototype.insert.call(noteMap(d, ids[0]!) as unknown as Y.Array<unknown>, 0, [big()]),
      (d) => noteText(d, ids[0]!) && Y.Array.prototype.insert.call(noteText(d, ids[0]!) as unknown as Y.Array<unknown>, 0, [big()]),
      (d) => addNote(d, { text: 'x', x: 0, y: 0, authorId: 'nobody' }),
    ];
    for (const attack of attacks) {
      const { sent } = await refused(b, b.participantToken, f.doc, attack);
      expect(sent.byteLength).toBeGreaterThan(0);
    }
    // On one's own note, made by the attacker's own id.
    const ownAttacks: ((d: Y.Doc, me: string) => void)[] = [
      (d, me) => {
        const id = addNote(d, { text: 'mine', x: 0, y: 0, authorId: me });
        noteMap(d, id).set('junk', big());
      },
      (d, me) => {
        const id = addNote(d, { text: 'mine', x: 0, y: 0, authorId: me });
        noteText(d, id)!.format(0, 4, { junk: big() });
      },
      (d, me) => {
        const id = addNote(d, { text: 'mine', x: 0, y: 0, authorId: me });
        noteMap(d, id).set(`k${big()}`, 1);
        noteMap(d, id).delete(`k${big()}`);
      },
    ];
    for (const attack of ownAttacks) {
      const mallory = await attacker(srv.wsUrl, b.boardId, b.participantToken, f.doc);
      const size = await serverBytes(b);
      mallory.send((d) => attack(d, mallory.userId));
      expect((await mallory.closed).code).toBe(1008);
      expect(await serverBytes(b)).toBe(size);
    }
    // Bob's own note, from his stock client: a key no note has.
    noteMap(bob.doc, own).set('junk', 'x'.repeat(10_000));
    await barrier(b, alice, f);
    const newcomer = rawSocket(srv.wsUrl, b.boardId, b.viewerToken);
    await newcomer.opened;
    newcomer.ws.send(Buffer.from([0, 0, 1, 0]));
    expect(await eventually(() => newcomer.received.some((m) => m[0] === 0 && m[1] === 1))).toBe(true);
    expect(syncBytes(newcomer.received)).toBeLessThan(20_000);
    for (const doc of [alice.doc, f.doc, await fresh(b)]) {
      expect(readBoard(doc).notes.map((n) => n.text).sort()).toEqual(['自分の付箋', '見守りの付箋 0 地域の居場所づくり', '見守りの付箋 1 地域の居場所づくり']);
      expect(readBoard(doc).broken).toEqual([]);
      expect(noteMap(doc, own).has('junk')).toBe(false);
    }
    newcomer.ws.close();
  }, 60_000);
});

describe('votes on notes that do not exist yet count against the budget', () => {
  it('refuses a ballot of 3 + 3 + 3 on a budget of 3, so creating those notes later counts no more than 3', async () => {
    const { b, f, alice, bob, ids } = await boardWithNotes(1);
    setVoting(f.doc, { open: true, perPerson: 3 });
    expect(await eventually(() => metaOf(bob.doc).get('voting') === true)).toBe(true);
    const ballot = (d: Y.Doc, me: string, entries: Record<string, number>) => {
      const m = new Y.Map<number>();
      votesOf(d).set(me, m);
      for (const [k, v] of Object.entries(entries)) m.set(k, v);
    };
    const mallory = await attacker(srv.wsUrl, b.boardId, b.participantToken, f.doc);
    mallory.send((d) => ballot(d, mallory.userId, { [ids[0]!]: 3, n_future1: 3, n_future2: 3 }));
    expect((await mallory.closed).code).toBe(1008);
    // Within the budget on a note that exists, then the future ones in a second update.
    const eve = await attacker(srv.wsUrl, b.boardId, b.participantToken, f.doc);
    eve.send((d) => ballot(d, eve.userId, { [ids[0]!]: 3 }));
    eve.send((d) => votesOf(d).get(eve.userId)!.set('n_future1', 3));
    expect((await eve.closed).code).toBe(1008);
    for (const id of ['n_future1', 'n_future2']) {
      const s = section(alice.doc, 'A');
      alice.doc.transact(() => {
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({ x: s.x, y: s.y, w: 160, h: 120, color: '#fff176', sectionId: s.id, author: '', authorId: alice.userId, createdAt: 1, category: 'unsorted' })) m.set(k, v);
        m.set('text', new Y.Text('後から'));
        notesOf(alice.doc).set(id, m);
      });
    }
    await barrier(b, alice, f);
    for (const doc of [f.doc, await fresh(b)]) {
      expect(readBoard(doc).notes).toHaveLength(3);
      expect([...voteCounts(doc).values()].reduce((a, c) => a + c, 0)).toBe(3);
    }
  }, 30_000);

  it('gives a deleted note’s dots back: the voter votes again without going over on the server', async () => {
    const { f, alice, bob, ids } = await boardWithNotes(2);
    setVoting(f.doc, { open: true, perPerson: 2 });
    expect(await eventually(() => metaOf(bob.doc).get('voting') === true)).toBe(true);
    castVote(bob.doc, ids[0]!, bob.userId);
    castVote(bob.doc, ids[0]!, bob.userId);
    expect(await eventually(() => voteCounts(f.doc).get(ids[0]!) === 2)).toBe(true);
    deleteNotes(alice.doc, [ids[0]!]);
    expect(await eventually(() => !notesOf(bob.doc).has(ids[0]!))).toBe(true);
    castVote(bob.doc, ids[1]!, bob.userId);
    expect(await eventually(() => voteCounts(f.doc).get(ids[1]!) === 1)).toBe(true);
    expect(bob.provider.wsconnected).toBe(true);
  }, 30_000);
});

describe("a scribe's rights stop at their group", () => {
  it("refuses the scribe of A moving a group-B note into A (to edit it and move it back); moves within a group and one's own stay open", async () => {
    const { b, f, alice, bob } = await boardWithNotes(0);
    const inB = note(alice, '社会資源が足りない', 'B');
    const mineInA = note(bob, '自分の付箋', 'A');
    expect(await eventually(() => readBoard(f.doc).notes.length === 2)).toBe(true);
    const a = section(f.doc, 'A');
    const bOther = readBoard(f.doc).sections.filter((s) => s.group === 'B' && s.id !== readBoard(f.doc).notes.find((n) => n.id === inB)!.sectionId);
    let scribe = '';
    await refused(b, b.participantToken, f.doc, (d) => moveNotes(d, [{ id: inB, x: a.x + 20, y: a.y + 20, sectionId: a.id }]), async (me) => {
      scribe = me;
      setScribe(f.doc, 'A', me);
      expect(await eventually(() => readScribes(bob.doc).A === me)).toBe(true);
    });
    // The same attack from any participant: a note changes group only in the hands of someone who may edit it.
    await refused(b, b.participantToken, f.doc, (d) => moveNotes(d, [{ id: inB, x: a.x, y: a.y, sectionId: a.id }]));
    // In one update: move in, edit, move back.
    await refused(b, b.participantToken, f.doc, (d) => {
      const m = noteMap(d, inB);
      const from = m.get('sectionId') as string;
      m.set('sectionId', a.id);
      setNoteText(d, inB, 'scribe of A rewrote it');
      m.set('sectionId', from);
    }, async (me) => {
      setScribe(f.doc, 'A', me);
      expect(await eventually(() => readScribes(bob.doc).A === me)).toBe(true);
    });
    expect(scribe).not.toBe('');
    // Allowed: anyone moves a note within its group, an author moves their own note anywhere.
    if (bOther[0]) moveNotes(bob.doc, [{ id: inB, x: bOther[0].x, y: bOther[0].y, sectionId: bOther[0].id }]);
    moveNotes(bob.doc, [{ id: mineInA, x: 5, y: 5, sectionId: readBoard(bob.doc).sections.find((s) => s.group === 'B')!.id }]);
    await barrier(b, alice, f);
    for (const doc of [alice.doc, f.doc, await fresh(b)]) {
      const notes = readBoard(doc).notes;
      const victim = notes.find((n) => n.id === inB)!;
      expect(victim.text).toBe('社会資源が足りない');
      expect(readBoard(doc).sections.find((s) => s.id === victim.sectionId)?.group).toBe('B');
      if (bOther[0]) expect(victim.sectionId).toBe(bOther[0].id);
      expect(readBoard(doc).sections.find((s) => s.id === notes.find((n) => n.id === mineInA)!.sectionId)?.group).toBe('B');
    }
    expect(bob.provider.wsconnected).toBe(true);
  }, 30_000);
});

describe('an anonymous board sends no author names to any socket', () => {
  it('refuses a named note, writes the honest views’ notes without names, and a board made anonymous keeps none for newcomers', async () => {
    const b = await createBoard(srv.url, { template: 'troubles', groups: 2, anonymous: true });
    const [f, alice] = await Promise.all([join(b.boardId, b.facilitatorToken), join(b.boardId, b.participantToken)]);
    const s = section(f.doc, 'A');
    let me = '';
    const named1 = await refused(b, b.participantToken, f.doc, (d) => {
      const m = new Y.Map<unknown>();
      notesOf(d).set('n_named', m);
      for (const [k, v] of Object.entries({ x: s.x, y: s.y, w: 160, h: 120, color: '#fff176', sectionId: s.id, author: '山田花子', authorId: me, createdAt: 1, category: 'unsorted' })) m.set(k, v);
      m.set('text', new Y.Text('名前つき'));
    }, async (userId) => void (me = userId));
    expect(named1.reason).toMatch(/anonymous/);
    // The phone and list views pass the display name: the note is written without it.
    addNote(alice.doc, { text: '匿名の付箋', x: s.x, y: s.y, sectionId: s.id, authorId: alice.userId, author: '山田花子' });
    expect(await eventually(() => readBoard(f.doc).notes.length === 1)).toBe(true);
    // Naming one's own note afterwards.
    const later = await attacker(srv.wsUrl, b.boardId, b.participantToken, alice.doc);
    let own = '';
    later.send((d) => (own = addNote(d, { text: '後で名前を', x: s.x, y: s.y, sectionId: s.id, authorId: later.userId })));
    later.send((d) => noteMap(d, own).set('author', '山田花子'));
    expect((await later.closed).reason).toMatch(/anonymous/);
    expect(await eventually(() => readBoard(f.doc).notes.length === 2)).toBe(true);
    // The facilitator's own client too.
    addNote(f.doc, { text: '進行の付箋', x: s.x, y: s.y, sectionId: s.id, authorId: f.userId, author: '司会花子' });
    expect(await eventually(() => readBoard(alice.doc).notes.length === 3)).toBe(true);

    // A named board made anonymous: what a newcomer downloads holds no names.
    const named = await createBoard(srv.url, { template: 'troubles', groups: 2 });
    const [f2, carol] = await Promise.all([join(named.boardId, named.facilitatorToken), join(named.boardId, named.participantToken)]);
    addNote(carol.doc, { text: '記名の付箋', x: 0, y: 0, authorId: carol.userId, author: '佐藤一郎' });
    expect(await eventually(() => readBoard(f2.doc).notes[0]?.author === '佐藤一郎')).toBe(true);
    setMeta(f2.doc, { anonymous: true });
    expect(await eventually(() => readBoard(carol.doc).notes[0]?.author === '')).toBe(true);
    for (const board of [b, named]) {
      const newcomer = rawSocket(srv.wsUrl, board.boardId, board.viewerToken);
      await newcomer.opened;
      newcomer.ws.send(Buffer.from([0, 0, 1, 0]));
      expect(await eventually(() => newcomer.received.some((m) => m[0] === 0 && m[1] === 1))).toBe(true);
      const all = Buffer.concat(newcomer.received).toString('utf8');
      for (const name of ['山田花子', '司会花子', '佐藤一郎']) expect(all).not.toContain(name);
      expect(all).toMatch(/付箋/);
      newcomer.ws.close();
    }
    for (const doc of [alice.doc, f.doc, await fresh(b)]) expect(readBoard(doc).notes.map((n) => n.author)).toEqual(['', '', '']);
  }, 30_000);
});

describe('every copy of a note holds the same text', () => {
  it('lone surrogates, and edits that would cut a surrogate pair, read the same for the writer, everyone else and newcomers', async () => {
    const { b, f, alice, bob } = await boardWithNotes(0);
    const id = note(alice, 'a\uD800b\uDC00c😀');
    expect(await eventually(() => readBoard(bob.doc).notes.length === 1)).toBe(true);
    setNoteText(alice.doc, id, 'a\uD800b\uDC00c😃');
    setNoteText(alice.doc, id, 'a\uD800b\uDC00c😃 👍\uD83D');
    setNoteText(alice.doc, id, 'a\uD800b\uDC00c👍 😃');
    const mine = () => noteText(alice.doc, id)!.toString();
    expect(await eventually(() => noteText(bob.doc, id)?.toString() === mine())).toBe(true);
    await barrier(b, bob, f);
    for (const doc of [bob.doc, f.doc, await fresh(b)]) expect(noteText(doc, id)!.toString()).toBe(mine());
    expect(mine()).toBe('a\uFFFDb\uFFFDc👍 😃');
  }, 30_000);
});
