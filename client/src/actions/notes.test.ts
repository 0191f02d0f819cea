import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, readBoard, SUMMARY_KIND, type Note, type Section } from '../../../shared/board';
import { contextFor, dispatch, type CanvasHost } from './index';
import { addNoteAtAction, addNoteInViewAction } from './canvas';
import { addNoteAction, moveToSectionAction } from './notes';

/** A workshop board of three groups, with notes of others already on the first spots of group B's first column. */
function board(opts: { anonymous?: boolean } = {}) {
  const doc = new Y.Doc();
  initBoard(doc, { title: '当別町セミナー', template: 'impressions-unclear', groups: 3, ...opts });
  const sections = readBoard(doc).sections;
  const column = (group: string) => sections.find((s) => s.group === group && s.kind !== SUMMARY_KIND)!;
  const b = column('B');
  ['つながり続ける支援', '多機関協働は必要'].forEach((text, i) => addNote(doc, { text, x: b.x + 16 + i * 172, y: b.y + 56, sectionId: b.id, authorId: `b${i}` }, 'remote'));
  addNote(doc, { text: '地域の居場所', x: b.x + 40, y: b.y + 200, sectionId: b.id, authorId: 'b2' }, 'remote');
  return { doc, column };
}

/** The canvas of someone looking at `centre` (a point of the board in the middle of their screen). */
function screenAt(centre: { x: number; y: number }): CanvasHost & { shown: unknown[] } {
  const shown: unknown[] = [];
  return { shown, centre: () => centre, showOnScreen: (r) => shown.push(r), zoomToFit() {}, zoomBy() {}, panBy() {}, byCategory: null, projecting: false };
}

const apart = (a: Note, b: Note) => a.x >= b.x + b.w || b.x >= a.x + a.w || a.y >= b.y + b.h || b.y >= a.y + a.h;
const inside = (n: Note, s: Section) => n.x >= s.x && n.y >= s.y && n.x + n.w <= s.x + s.w && n.y + n.h <= s.y + s.h;

describe('where a new note goes', () => {
  const person = { userId: 'me', role: 'participant' as const, name: '田中', group: 'B' };

  it('lands in the writer’s group’s column, clear of every note, from the canvas, the list and the phone alike', () => {
    const { doc, column } = board();
    const colA = column('A');
    // The canvas: the Add button while the middle of the screen is over another group's column.
    const canvas = screenAt({ x: colA.x + colA.w / 2, y: colA.y + colA.h / 2 });
    const fromCanvas = dispatch(contextFor(doc, person, { canvas }), addNoteInViewAction, undefined)!;
    // The list's form of that column, and the phone's send button.
    const fromList = dispatch(contextFor(doc, person), addNoteAction, { text: 'リストから', into: column('B') })!;
    const fromPhone = dispatch(contextFor(doc, person), addNoteAction, { text: '電話から', into: column('B'), spread: true })!;

    const notes = readBoard(doc).notes;
    for (const id of [fromCanvas, fromList, fromPhone]) {
      const mine = notes.find((n) => n.id === id)!;
      expect(mine.sectionId).toBe(column('B').id);
      expect(inside(mine, column('B'))).toBe(true);
      for (const other of notes.filter((n) => n.id !== id)) expect(apart(mine, other), `${mine.text} on ${other.text}`).toBe(true);
    }
    // The canvas brings the new note on screen, selected with its editor open.
    expect(canvas.shown).toHaveLength(1);
  });

  it('keeps a double-click’s note where the person clicked, and moves a listed note to a free spot of the chosen column', () => {
    const { doc, column } = board();
    const colA = column('A');
    const at = { x: colA.x + 200, y: colA.y + 300 };
    const session = { ...person };
    const ctx = contextFor(doc, session, { canvas: screenAt({ x: 0, y: 0 }) });
    const id = dispatch(ctx, addNoteAtAction, { at })!;
    const clicked = readBoard(doc).notes.find((n) => n.id === id)!;
    expect(clicked).toMatchObject({ x: at.x - clicked.w / 2, y: at.y - clicked.h / 2, sectionId: colA.id });
    expect(ctx.session.get()).toMatchObject({ editingId: id, selection: new Set([id]) });

    expect(dispatch(contextFor(doc, person), moveToSectionAction, { id, sectionId: column('B').id })).toBe(true);
    const notes = readBoard(doc).notes;
    const moved = notes.find((n) => n.id === id)!;
    expect(moved.sectionId).toBe(column('B').id);
    for (const other of notes.filter((n) => n.id !== id)) expect(apart(moved, other)).toBe(true);
  });

  it('writes nothing for a viewer or on a locked board', () => {
    const { doc, column } = board();
    const before = readBoard(doc).notes.length;
    expect(dispatch(contextFor(doc, { ...person, role: 'viewer' }), addNoteAction, { text: 'x', into: column('B') })).toBeUndefined();
    doc.getMap('meta').set('locked', true);
    expect(dispatch(contextFor(doc, person), addNoteAction, { text: 'x', into: column('B') })).toBeUndefined();
    expect(readBoard(doc).notes.length).toBe(before);
  });
});

describe('the author of a new note', () => {
  const person = { userId: 'me', role: 'participant' as const, name: '田中花子', group: 'A' };
  const addEverywhere = (doc: Y.Doc, into: Section) => [
    dispatch(contextFor(doc, person, { canvas: screenAt({ x: into.x + 50, y: into.y + 50 }) }), addNoteInViewAction, undefined)!,
    dispatch(contextFor(doc, person, { canvas: screenAt({ x: 0, y: 0 }) }), addNoteAtAction, { at: { x: into.x + 300, y: into.y + 300 } })!,
    dispatch(contextFor(doc, person), addNoteAction, { text: 'リスト', into })!,
    dispatch(contextFor(doc, person), addNoteAction, { text: '電話', into, spread: true })!,
  ];

  it('is the writer’s name on an ordinary board', () => {
    const { doc, column } = board();
    const ids = addEverywhere(doc, column('A'));
    expect(readBoard(doc).notes.filter((n) => ids.includes(n.id)).map((n) => n.author)).toEqual(ids.map(() => '田中花子'));
  });

  it('is never written on an anonymous board, from any screen: the name is nowhere in the board’s state', () => {
    const { doc, column } = board({ anonymous: true });
    const ids = addEverywhere(doc, column('A'));
    expect(readBoard(doc).notes.filter((n) => ids.includes(n.id)).map((n) => n.author)).toEqual(ids.map(() => ''));
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain('田中');
  });
});
