import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyGuarded, noneHeldBack, RefusedChange, withHeldBack } from './guardedApply';
import { checkBoardLimits } from './boardLimits';
import { DEFAULT_ROOM_LIMITS } from '../config';
import { addNote, noteText, notesOf, readBoard, setNoteText } from '../../shared/board/doc';

const counts = new WeakMap<Y.Doc, { n: number }>();
/** Updates the doc has emitted since the first call for it. */
function emittedCount(doc: Y.Doc): number {
  let c = counts.get(doc);
  if (!c) {
    const box = { n: 0 };
    doc.on('update', () => box.n++);
    counts.set(doc, (c = box));
  }
  return c.n;
}

/** A server doc and one client that starts from it; every update the server emits is kept. */
function setup() {
  const server = new Y.Doc();
  const id = addNote(server, { text: '伴走型支援', x: 0, y: 0, authorId: 'a' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const emitted: Uint8Array[] = [];
  server.on('update', (u: Uint8Array) => emitted.push(u));
  const change = (fn: () => void) => {
    const before = Y.encodeStateVector(client);
    fn();
    return Y.encodeStateAsUpdate(client, before);
  };
  const limits = (tr: Y.Transaction) => checkBoardLimits(tr, DEFAULT_ROOM_LIMITS);
  /** Everything the server stored and broadcast, as text a reader could find in it. */
  const leaked = () => Buffer.concat(emitted.map((u) => Buffer.from(u))).toString('utf8');
  return { server, client, id, change, limits, leaked };
}

describe('applyGuarded: a refused change never lands', () => {
  it('rolls back typing past 1,000 characters, and what is stored and broadcast holds none of it', () => {
    const { server, client, id, change, limits, leaked } = setup();
    const update = change(() => noteText(client, id)!.insert(5, '長'.repeat(1_000)));
    const outcome = applyGuarded(server, update, 'conn', limits);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && 'refused' in outcome && outcome.refused.message).toMatch(/1000 characters/);
    expect(readBoard(server).notes.map((n) => n.text)).toEqual(['伴走型支援']);
    expect(leaked()).not.toContain('長長');
  });

  it('leaves the doc byte for byte as it was after a refused deletion of every note: nothing re-created, nothing emitted', () => {
    const { server, client, change } = setup();
    for (let i = 0; i < 20; i++) addNote(server, { text: `付箋 ${i}`, x: i, y: 0, authorId: 'a' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const before = Y.encodeStateAsUpdate(server);
    const emittedBefore = emittedCount(server);
    const wipe = change(() => notesOf(client).clear());
    expect(applyGuarded(server, wipe, 'conn', () => new RefusedChange(1008, 'not yours')).ok).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(server)).equals(Buffer.from(before))).toBe(true);
    expect(emittedCount(server)).toBe(emittedBefore);
    expect(readBoard(server).notes).toHaveLength(21);
  });

  it('restores what the refused change deleted or replaced (a note replaced by an over-long one)', () => {
    const { server, client, id, change, limits, leaked } = setup();
    const update = change(() => {
      noteText(client, id)!.delete(0, 2);
      (notesOf(client).get(id) as Y.Map<unknown>).set('text', new Y.Text('Z'.repeat(1_001)));
    });
    expect(applyGuarded(server, update, 'conn', limits).ok).toBe(false);
    expect(readBoard(server).notes.map((n) => n.text)).toEqual(['伴走型支援']);
    expect(readBoard(server).broken).toEqual([]);
    expect(leaked()).not.toContain('ZZZZ');
  });

  it('refuses a note beyond the per-board count but keeps the ones before it', () => {
    const { server, client, change } = setup();
    const tight = (tr: Y.Transaction) => checkBoardLimits(tr, { ...DEFAULT_ROOM_LIMITS, notesPerBoard: 2 });
    expect(applyGuarded(server, change(() => addNote(client, { text: '二枚目', x: 0, y: 0, authorId: 'a' })), 'c', tight).ok).toBe(true);
    const third = applyGuarded(server, change(() => addNote(client, { text: '三枚目', x: 0, y: 0, authorId: 'a' })), 'c', tight);
    expect(third.ok === false && 'refused' in third && third.refused.message).toMatch(/at most 2 notes/);
    expect(readBoard(server).notes.map((n) => n.text).sort()).toEqual(['二枚目', '伴走型支援'].sort());
  });

  it('accepts an ordinary edit as one update, exactly as Y.applyUpdate would', () => {
    const { server, client, id, change, limits } = setup();
    const update = change(() => setNoteText(client, id, '伴走型支援（つながり続ける支援）'));
    expect(applyGuarded(server, update, 'conn', limits)).toEqual({ ok: true });
    expect(readBoard(server).notes[0]!.text).toBe('伴走型支援（つながり続ける支援）');
  });

  it('undoes a change whose check throws, and reports the error', () => {
    const { server, client, id, change } = setup();
    const update = change(() => notesOf(client).delete(id));
    const outcome = applyGuarded(server, update, 'conn', () => {
      throw new Error('check failed');
    });
    expect(outcome.ok === false && 'error' in outcome && outcome.error.message).toBe('check failed');
    expect(readBoard(server).notes.map((n) => n.text)).toEqual(['伴走型支援']);
  });

  it('passes a RefusedChange through with its close code', () => {
    const { server, client, change } = setup();
    const outcome = applyGuarded(server, change(() => client.getMap('meta').set('title', 'x')), 'conn', () => new RefusedChange(1008, 'facilitator only'));
    expect(outcome.ok === false && 'refused' in outcome && outcome.refused.code).toBe(1008);
    expect(server.getMap('meta').get('title')).toBeUndefined();
  });

  it("keeps one sender's held-back update out of another sender's transaction", () => {
    const server = new Y.Doc();
    const hostile = new Y.Doc();
    const updates: Uint8Array[] = [];
    hostile.on('update', (u: Uint8Array) => updates.push(u));
    addNote(hostile, { text: '一枚目', x: 0, y: 0, authorId: 'h' });
    addNote(hostile, { text: '二枚目（保留）', x: 0, y: 0, authorId: 'h' });
    const held = noneHeldBack();
    // The second alone waits for the first.
    expect(withHeldBack(server, held, () => applyGuarded(server, updates[1]!, 'hostile', () => null)).ok).toBe(true);
    expect(readBoard(server).notes).toEqual([]);
    expect(held.structs).not.toBeNull();
    // What it waits for arrives some other way (another process, the store).
    Y.applyUpdate(server, updates[0]!);
    const honest = new Y.Doc();
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(honest);
    const mine = addNote(honest, { text: '本物', x: 0, y: 0, authorId: 'p' });
    let touched: string[] = [];
    const outcome = withHeldBack(server, noneHeldBack(), () =>
      applyGuarded(server, Y.encodeStateAsUpdate(honest, before), 'honest', (tr) => {
        touched = [...(tr.changed.get(notesOf(tr.doc) as unknown as Parameters<typeof tr.changed.get>[0]) ?? [])].filter((k): k is string => k !== null);
        return null;
      }),
    );
    expect(outcome.ok).toBe(true);
    expect(touched).toEqual([mine]);
    expect(readBoard(server).notes.map((n) => n.text).sort()).toEqual(['一枚目', '本物']);
  });
});
