import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNotes } from './doc';
import { parseReactionKey, reactionCounts, reactionKey, reactionsOf, toggleReaction } from './reactions';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const counts = (doc: Y.Doc, id: string) => reactionCounts(doc).counts.get(id);

describe('reactions (stamps)', () => {
  it('counts each stamp per note, one per person, and takes one’s own back', () => {
    const doc = new Y.Doc();
    const n = addNote(doc, { text: '見守り訪問', x: 0, y: 0, authorId: 'a' });
    expect(toggleReaction(doc, n, 'agree', 'alice')).toBe(true);
    toggleReaction(doc, n, 'agree', 'bob');
    toggleReaction(doc, n, 'question', 'bob');
    expect(counts(doc, n)).toEqual({ agree: 2, insight: 0, question: 1 });
    expect([...reactionCounts(doc, 'bob').mine].sort()).toEqual([reactionKey(n, 'agree', 'bob'), reactionKey(n, 'question', 'bob')].sort());
    expect(toggleReaction(doc, n, 'agree', 'alice')).toBe(false);
    expect(counts(doc, n)).toEqual({ agree: 1, insight: 0, question: 1 });
  });

  it('keeps both of two first stamps given on the same note at the same moment on two devices', () => {
    const a = new Y.Doc();
    const n = addNote(a, { text: 'ゴミ屋敷の相談', x: 0, y: 0, authorId: 'w' });
    const b = new Y.Doc();
    sync(a, b);
    // Neither device has seen any reaction: each creates the first entry for this note.
    toggleReaction(a, n, 'agree', 'alice');
    toggleReaction(b, n, 'agree', 'bob');
    toggleReaction(b, n, 'insight', 'bob');
    sync(a, b);
    expect(counts(a, n)).toEqual({ agree: 2, insight: 1, question: 0 });
    expect(counts(b, n)).toEqual(counts(a, n));
  });

  it('counts no stamp on a deleted note, nor a malformed entry', () => {
    const doc = new Y.Doc();
    const n = addNote(doc, { text: 'x', x: 0, y: 0, authorId: 'a' });
    toggleReaction(doc, n, 'insight', 'alice');
    reactionsOf(doc).set(`${n}:love:alice`, 1);
    reactionsOf(doc).set(reactionKey(n, 'agree', 'bob'), 'yes');
    expect(counts(doc, n)).toEqual({ agree: 0, insight: 1, question: 0 });
    deleteNotes(doc, [n]);
    expect(reactionCounts(doc).counts.size).toBe(0);
    expect(toggleReaction(doc, n, 'agree', 'alice')).toBe(false);
  });

  it('parses a key from its end', () => {
    expect(parseReactionKey('n_a:b:question:u1')).toEqual({ noteId: 'n_a:b', stamp: 'question', userId: 'u1' });
    expect(parseReactionKey('n_a:love:u1')).toBeNull();
    expect(parseReactionKey('n_a:agree:')).toBeNull();
    expect(parseReactionKey(':agree:u1')).toBeNull();
    expect(parseReactionKey('agree:u1')).toBeNull();
  });
});
