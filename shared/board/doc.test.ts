import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNotes, moveNotes, noteText, notesOf, readBoard, readNote, sectionAt, setNoteCategory, setNoteColor, setNoteText, spliceNoteText, NoteInputError } from './doc';
import { initBoard } from './templates';

const fresh = () => {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'テスト', template: 'impressions-unclear', groups: 2 });
  return doc;
};
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('the board document', () => {
  it('writes notes exactly as the contract says', () => {
    const doc = fresh();
    const id = addNote(doc, { text: '断らない相談支援', x: 12, y: 34, authorId: 'u1', author: '佐藤' }, null, 1_700_000_000_000);
    const m = notesOf(doc).get(id)!;
    expect(m.get('text')).toBeInstanceOf(Y.Text);
    expect(Object.fromEntries([...m.entries()].map(([k, v]) => [k, v instanceof Y.Text ? v.toString() : v]))).toEqual({
      text: '断らない相談支援',
      x: 12,
      y: 34,
      w: 160,
      h: 120,
      color: '#fff176',
      sectionId: null,
      author: '佐藤',
      authorId: 'u1',
      createdAt: 1_700_000_000_000,
      category: 'unsorted',
    });
    expect(m.has('categorySource')).toBe(false);
  });

  it('refuses a note over 500 characters and changes nothing', () => {
    const doc = fresh();
    expect(() => addNote(doc, { text: 'あ'.repeat(501), x: 0, y: 0, authorId: 'u' })).toThrow(NoteInputError);
    expect(notesOf(doc).size).toBe(0);
    const id = addNote(doc, { text: 'ok', x: 0, y: 0, authorId: 'u' });
    expect(() => setNoteText(doc, id, 'x'.repeat(501))).toThrow(/500/);
    expect(noteText(doc, id)!.toString()).toBe('ok');
    expect(() => spliceNoteText(doc, id, { index: 2, deleteCount: 0, insert: 'x'.repeat(499) })).toThrow(/500/);
    expect(() => spliceNoteText(doc, id, { index: 1, deleteCount: 5, insert: '' })).toThrow(NoteInputError);
    expect(noteText(doc, id)!.toString()).toBe('ok');
  });

  it('lets a note that a merge took past 500 characters be shortened, never lengthened', () => {
    const doc = fresh();
    const id = addNote(doc, { text: 'あ'.repeat(495), x: 0, y: 0, authorId: 'u' });
    noteText(doc, id)!.insert(0, 'ABCDEFGHIJ'); // someone else's typing, merged in
    expect(() => spliceNoteText(doc, id, { index: 0, deleteCount: 0, insert: 'x' })).toThrow(/500/);
    spliceNoteText(doc, id, { index: 0, deleteCount: 1, insert: '' });
    spliceNoteText(doc, id, { index: 0, deleteCount: 1, insert: 'b' });
    expect(noteText(doc, id)!.toString()).toBe('bCDEFGHIJ' + 'あ'.repeat(495));
    setNoteText(doc, id, 'あ'.repeat(495));
    expect(noteText(doc, id)!.length).toBe(495);
  });

  it('splices a note in the middle, keeping what another person typed elsewhere in it', () => {
    const [a, b] = [fresh(), fresh()];
    const id = addNote(a, { text: 'メモ', x: 0, y: 0, authorId: 'u' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    spliceNoteText(a, id, { index: 2, deleteCount: 0, insert: '日本語' });
    spliceNoteText(b, id, { index: 0, deleteCount: 0, insert: 'B4B3B2B1' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(noteText(a, id)!.toString()).toBe('B4B3B2B1メモ日本語');
    expect(noteText(b, id)!.toString()).toBe('B4B3B2B1メモ日本語');
  });

  it('shows a note that breaks the contract as broken, and reads the rest', () => {
    const doc = fresh();
    addNote(doc, { text: 'good', x: 0, y: 0, authorId: 'u' });
    const bad = new Y.Map<unknown>();
    bad.set('text', new Y.Text('半分壊れた付箋'));
    bad.set('x', 'left');
    notesOf(doc).set('n_bad', bad);
    notesOf(doc).set('n_worse', 42 as unknown as Y.Map<unknown>);
    const view = readBoard(doc);
    expect(view.notes.map((n) => n.text)).toEqual(['good']);
    expect(view.broken.map((b) => b.id).sort()).toEqual(['n_bad', 'n_worse']);
    expect(view.broken.find((b) => b.id === 'n_bad')!.text).toBe('半分壊れた付箋');
    expect(readNote('x', undefined).ok).toBe(false);
  });

  it('merges concurrent edits to the same note character by character', () => {
    const a = fresh();
    const b = new Y.Doc();
    const id = addNote(a, { text: '地域のサロン', x: 0, y: 0, authorId: 'u' });
    sync(a, b);
    setNoteText(a, id, '地域のサロンと見守り');
    setNoteText(b, id, '町の地域のサロン');
    sync(a, b);
    expect(noteText(a, id)!.toString()).toBe(noteText(b, id)!.toString());
    expect(noteText(a, id)!.toString()).toBe('町の地域のサロンと見守り');
  });

  it('moves several notes in one transaction, and does not grow with repeated identical moves', () => {
    const doc = fresh();
    const ids = [0, 1, 2].map((i) => addNote(doc, { text: `${i}`, x: 0, y: 0, authorId: 'u' }, null, 1000 + i));
    let updates = 0;
    doc.on('update', () => updates++);
    moveNotes(doc, ids.map((id, i) => ({ id, x: 100 + i, y: 50 })));
    expect(updates).toBe(1);
    const size = Y.encodeStateAsUpdate(doc).length;
    moveNotes(doc, ids.map((id, i) => ({ id, x: 100 + i, y: 50 })));
    expect(Y.encodeStateAsUpdate(doc).length).toBe(size);
    expect(readBoard(doc).notes.map((n) => n.x)).toEqual([100, 101, 102]);
  });

  it('changes colour, category and deletes', () => {
    const doc = fresh();
    const id = addNote(doc, { text: 'x', x: 0, y: 0, authorId: 'u' });
    setNoteColor(doc, [id], '#90caf9');
    expect(() => setNoteColor(doc, [id], 'red; drop')).toThrow(NoteInputError);
    setNoteCategory(doc, id, 'consultation', 'manual');
    expect(readBoard(doc).notes[0]).toMatchObject({ color: '#90caf9', category: 'consultation', categorySource: 'manual' });
    deleteNotes(doc, [id]);
    expect(readBoard(doc).notes).toEqual([]);
  });

  it('finds the section under a point', () => {
    const view = readBoard(fresh());
    const s = view.sections.find((x) => x.kind === 'unclear' && x.group === 'B')!;
    expect(sectionAt(view.sections, s.x + 5, s.y + 5)?.id).toBe(s.id);
    expect(sectionAt(view.sections, -10_000, -10_000)).toBeNull();
  });
});
