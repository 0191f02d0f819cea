import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, noteText, notesOf } from '../../shared/board/doc';
import { diffForClient, encodedState } from './encodedState';

const board = (n: number): Y.Doc => {
  const doc = new Y.Doc();
  for (let i = 0; i < n; i++) addNote(doc, { text: `居場所づくり ${i}`, x: i * 10, y: 0, authorId: 'u1' });
  return doc;
};
const texts = (update: Uint8Array): string[] => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return [...notesOf(doc).keys()].map((id) => noteText(doc, id)!.toString()).sort();
};
const emptyVector = Y.encodeStateVector(new Y.Doc());

describe('what a newcomer to a live board is sent', () => {
  it('is the whole board, the same copy for every newcomer while nothing changes', () => {
    const doc = board(3);
    const first = diffForClient(doc, emptyVector);
    expect(texts(first)).toEqual(['居場所づくり 0', '居場所づくり 1', '居場所づくり 2']);
    expect(diffForClient(doc, emptyVector)).toBe(first);
  });

  it('holds a change made after the last newcomer: the kept copy never goes stale', () => {
    const doc = board(2);
    encodedState(doc);
    addNote(doc, { text: '見守りの仕組み', x: 0, y: 200, authorId: 'u2' });
    expect(texts(diffForClient(doc, emptyVector))).toContain('見守りの仕組み');
    // A deletion is a change too.
    const [id] = [...notesOf(doc).keys()];
    notesOf(doc).delete(id!);
    expect(texts(diffForClient(doc, emptyVector))).toHaveLength(2);
  });

  it('is only what is missing for a client that has part of the board (a phone that was here before)', () => {
    const doc = board(2);
    const phone = new Y.Doc();
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc));
    addNote(doc, { text: '多機関協働', x: 0, y: 300, authorId: 'u1' });
    const diff = diffForClient(doc, Y.encodeStateVector(phone));
    expect(diff.length).toBeLessThan(encodedState(doc).length);
    Y.applyUpdate(phone, diff);
    expect([...notesOf(phone).keys()].map((id) => noteText(phone, id)!.toString())).toContain('多機関協働');
  });
});
