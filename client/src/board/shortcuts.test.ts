import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, readBoard } from '../../../shared/board';
import { moveNotesCommand } from '../actions';
import { nudgeMoves, selectedPositions, shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  shortcutFor({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('board shortcuts', () => {
  it('maps the keys people expect', () => {
    expect(key('n')).toEqual({ kind: 'newNote' });
    expect(key('N', { shiftKey: true })).toEqual({ kind: 'newNote' });
    expect(key('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(key('Z', { metaKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(key('y', { ctrlKey: true })).toEqual({ kind: 'redo' });
    expect(key('?', { shiftKey: true })).toEqual({ kind: 'help' });
    expect(key('f')).toEqual({ kind: 'zoomFit' });
    expect(key('Delete')).toEqual({ kind: 'delete' });
    expect(key('ArrowLeft')).toEqual({ kind: 'arrow', dx: -1, dy: 0, big: false });
    expect(key('ArrowDown', { shiftKey: true })).toEqual({ kind: 'arrow', dx: 0, dy: 1, big: true });
  });

  it('leaves the browser’s own shortcuts alone', () => {
    expect(key('n', { ctrlKey: true })).toBeNull(); // new window
    expect(key('f', { ctrlKey: true })).toBeNull(); // find in page
    expect(key('ArrowLeft', { altKey: true })).toBeNull(); // back
    expect(key('Process')).toBeNull(); // a key the IME is handling
  });
});

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
    moveNotesCommand.perform(doc, { moves, sizes: new Map(notes.map((n) => [n.id, n])), sections });
    expect(writes).toBe(1);
    const after = readBoard(doc).notes;
    // Its centre (360, 160) is still inside the section; one more big step takes it out.
    expect(after.find((n) => n.id === a)).toMatchObject({ x: 280, sectionId: 's1' });
    moveNotesCommand.perform(doc, { moves: nudgeMoves(after, new Set([a]), 1, 0, true), sizes: new Map(after.map((n) => [n.id, n])), sections });
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
      moveNotesCommand.perform(doc, { moves: nudgeMoves(selectedPositions(doc, selected), selected, dx, dy, big), sizes, sections: [] });
    }
    expect(readBoard(doc).notes.find((n) => n.id === a)).toMatchObject({ x: 150, y: 120 });
    expect(readBoard(doc).notes.find((n) => n.id === b)).toMatchObject({ x: 0, y: 0 });
  });
});
