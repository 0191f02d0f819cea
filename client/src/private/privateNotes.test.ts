import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, PRIVATE_GRACE_MS, PRIVATE_REFUSED, putNotes, readBoard, setPrivateWriting } from '../../../shared/board';
import { byDoc, docForNewNote, docOfNote } from './context';
import { NO_PRIVATE_NOTES, withPrivateNotes, type PrivateNotes } from './usePrivateNotes';
import { refusedForPrivateWriting, rescueRefusedNotes } from './rescue';
import { shouldReconnect } from '../board/connectionStatus';

function privateNotesOf(doc: Y.Doc, writing: boolean): PrivateNotes {
  const notes = readBoard(doc).notes;
  return { doc, notes, ids: new Set(notes.map((n) => n.id)), writing };
}

describe('a participant’s private notes among the board’s', () => {
  it('shows them with the board’s notes in creation order, a revealed one only once', () => {
    const board = new Y.Doc();
    const mine = new Y.Doc();
    const shared = addNote(board, { text: '共有', x: 0, y: 0, authorId: 'u2' }, null, 2);
    const privateOne = addNote(mine, { text: '自分だけ', x: 0, y: 0, authorId: 'u1' }, null, 1);
    const own = privateNotesOf(mine, true);
    expect(withPrivateNotes(readBoard(board), own).notes.map((n) => n.id)).toEqual([privateOne, shared]);
    // Revealed while the device still held its copy: the board's copy counts.
    putNotes(board, readBoard(mine).notes, { anonymous: false });
    expect(withPrivateNotes(readBoard(board), own).notes.filter((n) => n.id === privateOne)).toHaveLength(1);
    const view = readBoard(board);
    expect(withPrivateNotes(view, NO_PRIVATE_NOTES)).toBe(view);
  });

  it('writes each note where it lives, and a new one privately only while private writing is on', () => {
    const board = new Y.Doc();
    const mine = new Y.Doc();
    const a = addNote(board, { text: 'a', x: 0, y: 0, authorId: 'u1' });
    const b = addNote(mine, { text: 'b', x: 0, y: 0, authorId: 'u1' });
    const own = privateNotesOf(mine, true);
    expect(docOfNote(board, own, a)).toBe(board);
    expect(docOfNote(board, own, b)).toBe(mine);
    expect(docForNewNote(board, own)).toBe(mine);
    expect(docForNewNote(board, { ...own, writing: false })).toBe(board);
    expect(byDoc(board, own, [a, b])).toEqual([
      [board, [a]],
      [mine, [b]],
    ]);
    expect(byDoc(board, own, [{ id: b, x: 1, y: 2 }])).toEqual([[mine, [{ id: b, x: 1, y: 2 }]]]);
  });
});

describe('a note the server refused for private writing', () => {
  it('moves into the writer’s private notes (only theirs, only what the server refuses), and the socket does not retry it', () => {
    const board = new Y.Doc();
    const mine = new Y.Doc();
    setPrivateWriting(board, true, null, 1_000_000);
    const late = addNote(board, { text: 'オフラインで書き続けた', x: 0, y: 0, sectionId: 's_a', authorId: 'u1' }, null, 1_000_000 + PRIVATE_GRACE_MS + 1);
    addNote(board, { text: '切り替え前', x: 0, y: 0, authorId: 'u1' }, null, 999_000);
    addNote(board, { text: '他の人の', x: 0, y: 0, authorId: 'u2' }, null, 1_000_000 + PRIVATE_GRACE_MS + 1);
    expect(rescueRefusedNotes(board, mine, 'u1')).toBe(1);
    expect(readBoard(mine).notes.map((n) => [n.id, n.text, n.sectionId])).toEqual([[late, 'オフラインで書き続けた', 's_a']]);
    expect(refusedForPrivateWriting({ code: 1008, reason: PRIVATE_REFUSED })).toBe(true);
    expect(shouldReconnect({ code: 1008, reason: PRIVATE_REFUSED })).toBe(false);
    expect(shouldReconnect({ code: 1008, reason: 'a participant may only edit their own notes' })).toBe(true);
  });
});
