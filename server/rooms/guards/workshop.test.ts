import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startApp } from '../../testing/inProcess';
import { createBoard, type CreatedBoard } from '../../testing/startServer';
import { connectClient, eventually } from '../../testing/clients';
import { addNote, deleteNotes, moveNotes, noteText, placeNotesByCategory, readBoard, setMeta, setNoteColor, setNoteText, metaOf } from '../../../shared/board/doc';
import { newClientKey } from '../../../shared/board/ids';
import { userIdFromKey } from '../../../shared/board/identity';
import { readAgenda, setAgenda } from '../../../shared/board/agenda';
import { readScribes, setScribe } from '../../../shared/board/people';
import { castVote, setVoting, voteCounts, votesOf } from '../../../shared/board/votes';
import type { Section } from '../../../shared/board/schema';
import { initBoard } from '../../../shared/board/templates';
import { applyGuarded } from '../guardedApply';
import { checkChange } from './workshop';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

type Client = ReturnType<typeof connectClient> & { userId: string };
const clients: Client[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));

/** A browser joining with its own secret key, as the real client does; `userId` is what the server derives. */
async function join(boardId: string, token: string): Promise<Client> {
  const key = newClientKey();
  const c = Object.assign(connectClient(srv.wsUrl, boardId, token, { key }), { userId: await userIdFromKey(key) });
  clients.push(c);
  await c.synced;
  return c;
}

const texts = (doc: Y.Doc) => readBoard(doc).notes.map((n) => n.text).sort();
const section = (doc: Y.Doc, group: string): Section => readBoard(doc).sections.find((s) => s.group === group && s.kind !== 'summary')!;
const note = (c: Client, text: string, group = 'A') => {
  const s = section(c.doc, group);
  return addNote(c.doc, { text, x: s.x + 10, y: s.y + 10, sectionId: s.id, authorId: c.userId, author: '' });
};

/**
 * Waits until `observer` has seen a later, allowed change from the facilitator: a refused change sent
 * before it would have arrived by then, so its absence afterwards means it never reached anyone.
 */
async function barrier(b: CreatedBoard, ...observers: Client[]): Promise<void> {
  const f = await join(b.boardId, b.facilitatorToken);
  const tag = `barrier-${newClientKey()}`;
  setMeta(f.doc, { title: tag });
  for (const o of observers) expect(await eventually(() => readBoard(o.doc).meta.title === tag)).toBe(true);
  f.destroy();
}

/** What a browser opening the board now would get: the stored board. */
async function fresh(b: CreatedBoard): Promise<Y.Doc> {
  const c = await join(b.boardId, b.viewerToken);
  return c.doc;
}

async function setup() {
  const b = await createBoard(srv.url, { template: 'troubles', groups: 2 });
  const [f, alice, bob] = await Promise.all([join(b.boardId, b.facilitatorToken), join(b.boardId, b.participantToken), join(b.boardId, b.participantToken)]);
  return { b, f, alice, bob };
}

describe('authorship on the server', () => {
  it('passes a note written in one’s own name to everyone, and never one claiming somebody else', async () => {
    const { b, f, alice, bob } = await setup();
    note(alice, '8050世帯への訪問');
    expect(await eventually(() => texts(bob.doc).includes('8050世帯への訪問'))).toBe(true);
    const s = section(alice.doc, 'A');
    addNote(alice.doc, { text: 'forged: bob wrote this', x: s.x, y: s.y, sectionId: s.id, authorId: bob.userId });
    await barrier(b, bob, f);
    expect(texts(bob.doc)).toEqual(['8050世帯への訪問']);
    expect(texts(f.doc)).toEqual(['8050世帯への訪問']);
    expect(texts(await fresh(b))).toEqual(['8050世帯への訪問']);
  });

  it("lets a participant move anyone's note but never edit, recolour or delete it", async () => {
    const { b, f, alice, bob } = await setup();
    const id = note(alice, 'アウトリーチが大事');
    expect(await eventually(() => texts(bob.doc).length === 1)).toBe(true);
    moveNotes(bob.doc, [{ id, x: 777, y: 555 }]);
    expect(await eventually(() => readBoard(alice.doc).notes[0]?.x === 777)).toBe(true);
    setNoteText(bob.doc, id, 'bob rewrote it');
    setNoteColor(bob.doc, [id], '#90caf9');
    await barrier(b, alice, f);
    for (const doc of [alice.doc, f.doc, await fresh(b)]) {
      expect(readBoard(doc).notes.map((n) => [n.text, n.color, n.x])).toEqual([['アウトリーチが大事', '#fff176', 777]]);
    }
    const bob2 = await join(b.boardId, b.participantToken);
    deleteNotes(bob2.doc, [id]);
    await barrier(b, alice, f);
    expect(texts(alice.doc)).toEqual(['アウトリーチが大事']);
    expect(texts(await fresh(b))).toEqual(['アウトリーチが大事']);
  });

  it('lets the author edit and delete their own note', async () => {
    const { alice, bob } = await setup();
    const id = note(alice, '居場所');
    expect(await eventually(() => texts(bob.doc).length === 1)).toBe(true);
    setNoteText(alice.doc, id, '居場所と役割');
    expect(await eventually(() => texts(bob.doc)[0] === '居場所と役割')).toBe(true);
    deleteNotes(alice.doc, [id]);
    expect(await eventually(() => texts(bob.doc).length === 0)).toBe(true);
  });

  it("lets a group's scribe (書記役) edit any note of that group, and no other group's", async () => {
    const { b, f, alice, bob } = await setup();
    const inA = note(alice, '連携の工夫', 'A');
    const inB = note(alice, '社会資源が足りない', 'B');
    setScribe(f.doc, 'A', bob.userId);
    expect(await eventually(() => readScribes(bob.doc).A === bob.userId && texts(bob.doc).length === 2)).toBe(true);
    setNoteText(bob.doc, inA, '連携の工夫（まとめ）');
    expect(await eventually(() => readBoard(alice.doc).notes.some((n) => n.text === '連携の工夫（まとめ）'))).toBe(true);
    setNoteText(bob.doc, inB, 'scribe of A edits B');
    await barrier(b, alice, f);
    expect(texts(alice.doc)).toEqual(['社会資源が足りない', '連携の工夫（まとめ）'].sort());
    expect(texts(await fresh(b))).toEqual(['社会資源が足りない', '連携の工夫（まとめ）'].sort());
  });

  it('keeps the agenda, scribes, voting settings and sections for the facilitator alone', async () => {
    const { b, f, alice, bob } = await setup();
    setAgenda(f.doc, [{ id: 'p1', title: 'グループ討議 ①', start: '13:35', end: '14:10' }]);
    expect(await eventually(() => readAgenda(alice.doc).length === 1)).toBe(true);
    setScribe(bob.doc, 'A', bob.userId);
    setAgenda(bob.doc, []);
    metaOf(bob.doc).set('votesPerPerson', 20);
    await barrier(b, alice, f);
    const sectionsBefore = readBoard(f.doc).sections.length;
    const bob2 = await join(b.boardId, b.participantToken);
    bob2.doc.getMap('sections').clear();
    await barrier(b, alice, f);
    for (const doc of [alice.doc, f.doc, await fresh(b)]) {
      expect(readScribes(doc)).toEqual({});
      expect(readAgenda(doc).map((p) => p.title)).toEqual(['グループ討議 ①']);
      expect(metaOf(doc).get('votesPerPerson')).toBeUndefined();
      expect(readBoard(doc).sections.length).toBe(sectionsBefore);
    }
  });
});

describe('dot voting on the server', () => {
  it('counts votes cast in one’s own name while voting is open, within the budget', async () => {
    const { b, f, alice, bob } = await setup();
    const id = note(alice, '見守りネットワーク');
    setVoting(f.doc, { open: true, perPerson: 2 });
    expect(await eventually(() => metaOf(bob.doc).get('voting') === true && texts(bob.doc).length === 1)).toBe(true);
    castVote(bob.doc, id, bob.userId);
    castVote(alice.doc, id, alice.userId);
    expect(await eventually(() => voteCounts(f.doc).get(id) === 2)).toBe(true);
    // A third vote from a second tab of bob's would exceed his budget of 2 once both arrive.
    const ballot = votesOf(bob.doc).get(bob.userId)!;
    ballot.set(id, 3);
    await barrier(b, alice, f);
    expect(voteCounts(f.doc).get(id)).toBe(2);
    expect(voteCounts(await fresh(b)).get(id)).toBe(2);
  });

  it('never counts a vote in somebody else’s name or while voting is closed', async () => {
    const { b, f, alice, bob } = await setup();
    const id = note(alice, '断らない相談');
    setVoting(f.doc, { open: true, perPerson: 3 });
    expect(await eventually(() => metaOf(bob.doc).get('voting') === true && texts(bob.doc).length === 1)).toBe(true);
    castVote(bob.doc, id, alice.userId);
    await barrier(b, alice, f);
    expect(voteCounts(f.doc).get(id)).toBeUndefined();
    setVoting(f.doc, { open: false });
    const carol = await join(b.boardId, b.participantToken);
    expect(await eventually(() => metaOf(carol.doc).get('voting') === false)).toBe(true);
    // Bypasses castVote's own check, as a modified client would.
    carol.doc.transact(() => {
      const m = new Y.Map<number>();
      votesOf(carol.doc).set(carol.userId, m);
      m.set(id, 1);
    });
    await barrier(b, alice, f);
    expect(voteCounts(f.doc).size).toBe(0);
    expect(voteCounts(await fresh(b)).size).toBe(0);
  });
});

describe('facilitator actions over REST', () => {
  const api = (path: string, token: string, body?: unknown) =>
    fetch(`${srv.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('answers 403 to a participant or viewer, and applies nothing', async () => {
    const { b, alice } = await setup();
    for (const token of [b.participantToken, b.viewerToken]) {
      const lock = await api(`/api/boards/${b.boardId}/lock`, token, { locked: true });
      expect(lock.status).toBe(403);
      expect((await lock.json()).error).toMatch(/cannot do this/);
      expect((await api(`/api/boards/${b.boardId}/links`, token)).status).toBe(403);
    }
    const info = await (await api(`/api/boards/${b.boardId}`, b.facilitatorToken)).json();
    expect(info.locked).toBe(false);
    expect(readBoard(alice.doc).meta.locked).toBe(false);
    note(alice, 'still writable');
    const other = await join(b.boardId, b.viewerToken);
    expect(await eventually(() => texts(other.doc).includes('still writable'))).toBe(true);
  });
});

describe('templates chosen at creation', () => {
  it('lays out the case review per group with group and kind on every section', async () => {
    const b = await createBoard(srv.url, { template: 'case-review', groups: 2 });
    const doc = await fresh(b);
    const sections = readBoard(doc).sections;
    expect(sections.filter((s) => s.group === 'B').map((s) => s.kind).sort()).toEqual(
      ['summary', 'case-success', 'success-factors', 'case-hard', 'wanted-agencies', 'wished-resources'].sort(),
    );
    expect(sections.find((s) => s.kind === 'wished-resources')?.title).toMatch(/^\(c\) あったらよかった社会資源 \(.*Resources we wished existed\)$/);
    const dflt = await createBoard(srv.url, { template: 'efficiency' });
    expect(new Set(readBoard(await fresh(dflt)).sections.map((s) => s.group))).toEqual(new Set(['A', 'B', 'C']));
  });
});

describe('the rule itself, on one change at a time', () => {
  const server = new Y.Doc();
  initBoard(server, { title: 't', template: 'impressions-unclear', groups: 1 });
  const alice = { role: 'participant' as const, userId: 'alice' };
  const s = readBoard(server).sections.find((x) => x.kind === 'impression')!;
  const mine = addNote(server, { text: 'mine', x: s.x, y: s.y, sectionId: s.id, authorId: 'alice' });
  const theirs = addNote(server, { text: 'theirs', x: s.x, y: s.y, sectionId: s.id, authorId: 'bob' });

  /** What the guard says about `change` made on a copy of the board, judged the way the room applies it. */
  function judge(actor: Parameters<typeof checkChange>[0], change: (doc: Y.Doc) => void): string | null {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(copy);
    change(copy);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(server));
    let reason: string | null = 'not judged';
    applyGuarded(probe, Y.encodeStateAsUpdate(copy, before), 'client', (tr) => {
      reason = checkChange(actor, tr);
      return null;
    });
    return reason;
  }
  const note = (doc: Y.Doc, id: string) => doc.getMap('notes').get(id) as Y.Map<unknown>;

  it('refuses a value that would break anyone’s note, even a move', () => {
    expect(judge(alice, (d) => note(d, theirs).set('x', 'left'))).toMatch(/invalid note x/);
    expect(judge(alice, (d) => note(d, mine).set('color', 'red'))).toMatch(/invalid note color/);
    expect(judge(alice, (d) => note(d, theirs).set('x', 42))).toBeNull();
  });

  it("lets a participant move anyone's note in the category arrangement, with a valid position only", () => {
    expect(judge(alice, (d) => placeNotesByCategory(d, [{ id: theirs, at: { x: 1200, y: 900 } }]))).toBeNull();
    expect(judge(alice, (d) => note(d, theirs).set('categoryX', 'left'))).toMatch(/invalid note categoryX/);
    expect(judge({ role: 'viewer', userId: 'v' }, (d) => placeNotesByCategory(d, [{ id: theirs, at: { x: 1, y: 1 } }]))).toMatch(/viewer/);
  });

  it('never lets a participant hand a note to somebody else or touch unknown parts', () => {
    expect(judge(alice, (d) => note(d, mine).set('authorId', 'bob'))).toMatch(/only the facilitator/);
    expect(judge(alice, (d) => note(d, mine).set('extra', 1))).toMatch(/only the facilitator/);
    expect(judge(alice, (d) => d.getMap('comments').set('c1', 'hi'))).toMatch(/only the facilitator can change "comments"/);
    const longNote = (d: Y.Doc) => noteText(d, addNote(d, { text: '', x: 0, y: 0, authorId: 'alice' }))!.insert(0, 'あ'.repeat(1_001));
    expect(judge(alice, longNote)).toMatch(/invalid note: text/);
  });

  it('judges a note written and deleted offline by its deletion alone', () => {
    expect(judge(alice, (d) => (setNoteColor(d, [mine], '#90caf9'), deleteNotes(d, [mine])))).toBeNull();
    expect(judge(alice, (d) => (setNoteColor(d, [theirs], '#90caf9'), deleteNotes(d, [theirs])))).toMatch(/only delete their own/);
  });

  it('judges a room freshly loaded from the store, whose roots are not typed yet', () => {
    // Two changes in one update (a note written offline, an edit of an older one), as a phone sends on reconnect.
    const offline = (d: Y.Doc) => d.transact(() => (setNoteText(d, mine, 'mine, edited'), setNoteColor(d, [mine], '#90caf9'), addNote(d, { text: 'offline', x: 0, y: 0, authorId: 'alice' })));
    expect(judge(alice, offline)).toBeNull();
    expect(judge(alice, (d) => (addNote(d, { text: 'offline', x: 0, y: 0, authorId: 'alice' }), setNoteText(d, theirs, 'hijacked')))).toMatch(/only edit their own/);
  });

  it('lets the facilitator do anything and a viewer nothing', () => {
    expect(judge({ role: 'facilitator', userId: '' }, (d) => (note(d, theirs).set('authorId', 'x'), d.getMap('sections').clear()))).toBeNull();
    expect(judge({ role: 'viewer', userId: 'v' }, (d) => note(d, theirs).set('x', 1))).toMatch(/viewer/);
  });
});
