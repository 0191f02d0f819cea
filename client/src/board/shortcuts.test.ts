import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, readBoard } from '../../../shared/board';
import { moveAndFile } from '../actions';
import { nudgeMoves, selectedPositions } from './shortcuts';

describe('nudging the selection', () => {
  it('moves only the selected notes, in one write per key press, and re-files them by their centre', () => {
    const doc = new Y.Doc();
    const sections = [{ id: 's1', title: 'A', x: 0, y: 0, w: 400, h: 400, group: 'A', kind: 'impression' }];
    const a = addNote(doc, { text: 'a', x: 230, y: 100, sectionId: 's1', authorId: 'u' });
    const b = addNote(doc, { text: 'b', x: 0, y: 0, sectionId: 's1', authorId: 'u' });
    let writes = 0;
    doc.on('update', () => writes++);
    const notes = readBoard(doc).notes;
    const moves = nudgeMoves(notes, new Set([a]), 1, 0, true);
    expect(moves).toEqual([{ id: a, x: 280, y: 100 }]);
    moveAndFile(doc, { moves, sizes: new Map(notes.map((n) => [n.id, n])), sections });
    expect(writes).toBe(1);
    const after = readBoard(doc).notes;
    // Its centre (360, 160) is still inside the section; one more big step takes it out.
    expect(after.find((n) => n.id === a)).toMatchObject({ x: 280, sectionId: 's1' });
    moveAndFile(doc, { moves: nudgeMoves(after, new Set([a]), 1, 0, true), sizes: new Map(after.map((n) => [n.id, n])), sections });
    expect(readBoard(doc).notes.find((n) => n.id === a)).toMatchObject({ x: 330, sectionId: null });
    expect(readBoard(doc).notes.find((n) => n.id === b)).toMatchObject({ x: 0, y: 0 });
  });

  it('keeps every press of a held arrow key, even when presses come faster than the view refreshes', () => {
    const doc = new Y.Doc();
    const a = addNote(doc, { text: 'a', x: 100, y: 100, sectionId: null, authorId: 'u' });
    const b = addNote(doc, { text: 'b', x: 0, y: 0, sectionId: null, authorId: 'u' });
    const sizes = new Map(readBoard(doc).notes.map((n) => [n.id, n]));
    const selected = new Set([a, 'n_deleted-meanwhile']);
    // Three presses with no re-render in between: each starts where the previous one left the note.
    for (const [dx, dy, big] of [[1, 0, true], [0, 1, false], [0, 1, false]] as const) {
      moveAndFile(doc, { moves: nudgeMoves(selectedPositions((id) => readBoard(doc).notes.find((n) => n.id === id) ?? null, selected), selected, dx, dy, big), sizes, sections: [] });
    }
    expect(readBoard(doc).notes.find((n) => n.id === a)).toMatchObject({ x: 150, y: 120 });
    expect(readBoard(doc).notes.find((n) => n.id === b)).toMatchObject({ x: 0, y: 0 });
  });
});
