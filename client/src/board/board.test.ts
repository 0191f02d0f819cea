import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, notesOf, readBoard, setNoteText, writeSection } from '../../../shared/board';
import { connectionStatus } from './connectionStatus';
import { shareUnchanged } from './useBoardView';
import { addNoteAction, contextFor, createUndoManager, deleteNotesAction, dispatch, moveAndFile } from '../actions';

describe('board view', () => {
  it('keeps unchanged notes as the same objects so their shapes skip re-rendering', () => {
    const doc = new Y.Doc();
    const a = addNote(doc, { text: 'a', x: 0, y: 0, authorId: 'u1' });
    addNote(doc, { text: 'b', x: 200, y: 0, authorId: 'u1' });
    const v1 = readBoard(doc);
    setNoteText(doc, a, 'a2');
    const v2 = shareUnchanged(v1, readBoard(doc));
    expect(v2.notes[0]).not.toBe(v1.notes[0]);
    expect(v2.notes[1]).toBe(v1.notes[1]);
    expect(shareUnchanged(v2, readBoard(doc)).notes).toBe(v2.notes);
  });

  it('shows a broken note instead of failing', () => {
    const doc = new Y.Doc();
    const m = new Y.Map<unknown>();
    m.set('text', new Y.Text('壊れた付箋'));
    m.set('x', 'not a number');
    notesOf(doc).set('n_bad', m);
    const v = readBoard(doc);
    expect(v.notes).toEqual([]);
    expect(v.broken).toEqual([expect.objectContaining({ id: 'n_bad', text: '壊れた付箋' })]);
  });
});

describe('actions', () => {
  const sections = [{ id: 's1', title: 'A', x: 0, y: 0, w: 500, h: 500, group: 'A', kind: 'impression' }];
  const withSections = (doc: Y.Doc) => (sections.forEach((s) => writeSection(doc, s)), doc);
  const me = (doc: Y.Doc, userId = 'u1') => contextFor(doc, { userId, role: 'participant' });
  const add = (doc: Y.Doc, at: { x: number; y: number }, color = '#fff176', userId = 'u1') => dispatch(me(doc, userId), addNoteAction, { at, color })!;

  it('centres a new note on the point and files it in the section under it', () => {
    const doc = withSections(new Y.Doc());
    const id = add(doc, { x: 100, y: 100 }, '#a5d6a7');
    const n = readBoard(doc).notes.find((x) => x.id === id)!;
    expect(n).toMatchObject({ x: 20, y: 40, sectionId: 's1', color: '#a5d6a7' });
  });

  it('moves a whole selection in one update and re-files each note', () => {
    const doc = withSections(new Y.Doc());
    const a = add(doc, { x: 100, y: 100 });
    const b = add(doc, { x: 300, y: 100 });
    let updates = 0;
    doc.on('update', () => updates++);
    const sizes = new Map([a, b].map((id) => [id, { w: 160, h: 120 }]));
    moveAndFile(doc, { moves: [{ id: a, x: 900, y: 900 }, { id: b, x: 100.4, y: 10 }], sizes, sections });
    expect(updates).toBe(1);
    const notes = readBoard(doc).notes;
    expect(notes.find((n) => n.id === a)).toMatchObject({ x: 900, y: 900, sectionId: null });
    expect(notes.find((n) => n.id === b)).toMatchObject({ x: 100, y: 10, sectionId: 's1' });
  });

  it('undoes only this user’s own actions', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const mine = add(doc, { x: 0, y: 0 }, '#fff176', 'me');
    const theirs = addNote(doc, { text: 'remote', x: 0, y: 0, authorId: 'other' }, 'remote');
    undo.stopCapturing();
    dispatch(me(doc, 'me'), deleteNotesAction, { ids: [mine] });
    undo.undo();
    expect(readBoard(doc).notes.map((n) => n.id).sort()).toEqual([mine, theirs].sort());
    undo.undo();
    expect(readBoard(doc).notes.map((n) => n.id)).toEqual([theirs]);
  });
});

describe('connection status', () => {
  const base = { synced: false, everOnline: false, browserOnline: true, failedAttempts: 0 };
  it('says what people need to know', () => {
    expect(connectionStatus({ ...base, synced: true, everOnline: true })).toBe('online');
    expect(connectionStatus(base)).toBe('connecting');
    expect(connectionStatus({ ...base, failedAttempts: 3 })).toBe('offline');
    expect(connectionStatus({ ...base, everOnline: true, failedAttempts: 9 })).toBe('reconnecting');
    expect(connectionStatus({ ...base, everOnline: true, browserOnline: false })).toBe('offline');
  });
});

describe('reconnecting', () => {
  it('gives up only on links that can never work', async () => {
    const { shouldReconnect } = await import('./connectionStatus');
    for (const code of [4401, 4403, 4404, 4410]) expect(shouldReconnect({ code })).toBe(false);
    for (const code of [1000, 1001, 1006, 1008, 1011, 4408, 4429]) expect(shouldReconnect({ code })).toBe(true);
  });
});
