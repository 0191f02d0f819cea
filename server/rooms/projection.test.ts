import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, metaOf, notesOf, readBoard, setNoteText } from '../../shared/board/doc';
import { reactionCounts, toggleReaction } from '../../shared/board/reactions';
import { Projection, noneDirty, collectDirty } from './projection';
import { locate, rootNames } from './guards/shape';

/** A projection kept up to date change by change, as the room's extension does. */
function follow(board: Y.Doc, excluded: () => Set<string>) {
  const p = new Projection();
  p.update(board, excluded(), null);
  let dirty = noneDirty();
  board.on('afterTransaction', (tr: Y.Transaction) => collectDirty(tr, dirty, (t) => locate(t, rootNames(tr.doc))));
  const sync = () => {
    p.update(board, excluded(), dirty);
    dirty = noneDirty();
  };
  // A viewer's copy, fed only the projection's updates.
  const viewer = new Y.Doc();
  Y.applyUpdate(viewer, Y.encodeStateAsUpdate(p.doc));
  p.doc.on('update', (u: Uint8Array) => Y.applyUpdate(viewer, u));
  return { p, sync, viewer };
}

describe('the viewer projection', () => {
  it('leaves out the stamps on an excluded note, and brings them once it is shown', () => {
    const board = new Y.Doc();
    const kept = new Set<string>();
    const shown = addNote(board, { text: 'みんなの付箋', x: 0, y: 0, authorId: 'u1' });
    const secret = addNote(board, { text: '承認待ち', x: 5, y: 5, authorId: 'u2' });
    kept.add(secret);
    const { sync, viewer } = follow(board, () => kept);
    toggleReaction(board, shown, 'agree', 'u3');
    toggleReaction(board, secret, 'question', 'u3');
    sync();
    expect([...viewer.getMap('reactions').keys()].some((k) => k.includes(secret))).toBe(false);
    expect(reactionCounts(viewer).counts.get(shown)).toEqual({ agree: 1, insight: 0, question: 0 });
    kept.delete(secret);
    sync();
    expect(reactionCounts(viewer).counts.get(secret)).toEqual({ agree: 0, insight: 0, question: 1 });
  });

  it('follows edits, moves, deletes and votes, and leaves out the excluded notes and what is keyed by them', () => {
    const board = new Y.Doc();
    const kept = new Set<string>();
    const shown = addNote(board, { text: 'みんなの付箋', x: 0, y: 0, authorId: 'u1' });
    const { sync, viewer } = follow(board, () => kept);
    const secret = addNote(board, { text: '非公開の付箋 090-1111-2222', x: 5, y: 5, authorId: 'u2' });
    kept.add(secret);
    board.transact(() => {
      const ballot = new Y.Map<number>();
      board.getMap('votes').set('voter', ballot);
      ballot.set(shown, 1);
      ballot.set(secret, 2);
      metaOf(board).set('groupingReasons', { [secret]: { reasons: ['090'] }, [shown]: { reasons: ['みんな'] } });
    });
    setNoteText(board, shown, 'みんなの付箋（追記😀）');
    sync();
    expect(readBoard(viewer).notes.map((n) => n.text)).toEqual(['みんなの付箋（追記😀）']);
    expect(Buffer.from(Y.encodeStateAsUpdate(viewer)).includes(Buffer.from('非公開'))).toBe(false);
    expect((viewer.getMap('votes').get('voter') as Y.Map<number>).toJSON()).toEqual({ [shown]: 1 });
    expect(viewer.getMap('meta').get('groupingReasons')).toEqual({ [shown]: { reasons: ['みんな'] } });

    setNoteText(board, shown, 'みんなの付箋（追記😀😀）');
    (notesOf(board).get(shown) as Y.Map<unknown>).set('x', 99);
    sync();
    expect(readBoard(viewer).notes[0]).toMatchObject({ text: 'みんなの付箋（追記😀😀）', x: 99 });

    kept.delete(secret);
    sync();
    expect(readBoard(viewer).notes.map((n) => n.text).sort()).toEqual(['みんなの付箋（追記😀😀）', '非公開の付箋 090-1111-2222'].sort());
    expect((viewer.getMap('votes').get('voter') as Y.Map<number>).get(secret)).toBe(2);

    kept.add(shown);
    notesOf(board).delete(secret);
    sync();
    expect(readBoard(viewer).notes).toEqual([]);
    expect(viewer.getMap('moderation').size).toBe(0);
  });
});
