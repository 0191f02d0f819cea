import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, setNoteText } from '../../../shared/board/doc';
import { setPrivateWriting } from '../../../shared/board/privateNotes';
import { applyGuarded } from '../guardedApply';
import { checkPrivateWriting, PRIVATE_GRACE_MS, PRIVATE_REFUSED } from './privateWriting';

/** What the guard says of a change a client made to its copy of `server`. */
function judge(server: Y.Doc, role: string, change: (doc: Y.Doc) => void): string | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(copy);
  change(copy);
  let reason: string | null = null;
  applyGuarded(server, Y.encodeStateAsUpdate(copy, before), 'client', (tr) => {
    reason = checkPrivateWriting(role, tr);
    return null;
  });
  return reason;
}

describe('the private writing guard', () => {
  const SWITCHED_ON = 1_000_000;
  const board = () => {
    const doc = new Y.Doc();
    setPrivateWriting(doc, true, null, SWITCHED_ON);
    return doc;
  };

  it('refuses a participant’s new note while private writing is on, and takes edits of notes already there', () => {
    const doc = board();
    expect(judge(doc, 'participant', (d) => addNote(d, { text: '新しい付箋', x: 0, y: 0, authorId: 'u1' }, null, SWITCHED_ON + PRIVATE_GRACE_MS))).toBe(PRIVATE_REFUSED);
    const earlier = addNote(doc, { text: '前からある付箋', x: 0, y: 0, authorId: 'u1' }, null, SWITCHED_ON - 5);
    expect(judge(doc, 'participant', (d) => setNoteText(d, earlier, '前からある付箋（追記）'))).toBeNull();
    expect(judge(doc, 'facilitator', (d) => addNote(d, { text: '司会の付箋', x: 0, y: 0, authorId: 'f' }, null, SWITCHED_ON + 5))).toBeNull();
  });

  it('lets a note written before it was switched on, or just after, join the board (its client had not heard)', () => {
    expect(judge(board(), 'participant', (d) => addNote(d, { text: 'オフラインで書いた', x: 0, y: 0, authorId: 'u1' }, null, SWITCHED_ON - 60_000))).toBeNull();
    expect(judge(board(), 'participant', (d) => addNote(d, { text: '切り替えと同時に', x: 0, y: 0, authorId: 'u1' }, null, SWITCHED_ON + 5))).toBeNull();
  });

  it('lets new notes in once it is off, and nobody switches it over a socket', () => {
    const doc = board();
    setPrivateWriting(doc, false);
    expect(judge(doc, 'participant', (d) => addNote(d, { text: 'もう共有', x: 0, y: 0, authorId: 'u1' }, null, SWITCHED_ON + 5))).toBeNull();
    expect(judge(doc, 'facilitator', (d) => d.getMap('meta').set('privateWriting', true))).toMatch(/settings/);
    expect(judge(doc, 'facilitator', (d) => d.getMap('meta').set('privateWritingSince', 0))).toMatch(/settings/);
  });
});
