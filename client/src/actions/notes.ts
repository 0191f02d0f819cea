import * as Y from 'yjs';
import {
  addNote,
  deleteNotes,
  moveNotes,
  NOTE_SIZE,
  noteText,
  placeNotesByCategory,
  readBoard,
  sectionAt,
  setNoteColor,
  setNoteText,
  spliceNoteText,
  type NoteMove,
  type Section,
  type TextSplice,
} from '../../../shared/board';
import { saveLastColor } from '../board/storage';
import type { Point } from '../canvas/viewport';
import type { Action, ActionContext } from './action';
import { authorName } from './author';
import { LOCAL_ORIGIN } from './origin';
import { byNoteDoc, newNoteDoc, noteDoc } from './privateDocs';
import { BLANK_AREA, freeSpotIn, ownColumnNear } from './placement';

export interface AddNoteArgs {
  text?: string;
  /** Default: the session's colour. */
  color?: string;
  /** Into this section (the list, the phone), or onto the blank sheet of a board without sections. */
  into?: Section | 'blank';
  /** A double-click on the canvas: centred on this point and filed in the section under it. */
  at?: Point;
  /** The Add button or N: the writer's group's column nearest this point, else near the point. */
  near?: Point;
  /** The board is arranged by category: `at` or `near` is a category place; the worksheet place follows the rule above. */
  byCategory?: boolean;
  /** Several people send at this moment (phones): one of the first free spots, so they do not pile up. */
  spread?: boolean;
}

/** The point a canvas add is about: a double-click's, or the middle of the screen fanned out a little. */
function pointOf(a: AddNoteArgs, noteCount: number): Point | null {
  if (a.at) return a.at;
  if (!a.near) return null;
  // Successive Add clicks fan out a little instead of stacking notes exactly on top of each other.
  const k = noteCount % 6;
  return { x: a.near.x + k * 18, y: a.near.y + k * 18 };
}

/** The one rule for where a new note goes, on every screen: its group's column at a free spot when there is one. */
function placeNew(ctx: ActionContext, a: AddNoteArgs, point: Point | null): { x: number; y: number; section: Section | null } {
  const { sections, notes } = readBoard(ctx.doc);
  const group = ctx.session.get().group;
  const column = a.into === 'blank' ? null : (a.into ?? (point && (a.near || a.byCategory) ? ownColumnNear(sections, group, point) : null));
  if (column) return { ...freeSpotIn(column, notes, a.spread), section: column };
  if (a.into === 'blank') return { ...freeSpotIn(BLANK_AREA, notes, a.spread), section: null };
  const p = point ?? { x: 0, y: 0 };
  return { ...centredOn(p), section: sectionAt(sections, p.x, p.y) };
}

const centredOn = (p: Point) => ({ x: Math.round(p.x - NOTE_SIZE.w / 2), y: Math.round(p.y - NOTE_SIZE.h / 2) });

/** A new note, written by this person, where placeNew puts it; returns its id. */
export const addNoteAction: Action<AddNoteArgs, string> = {
  name: 'addNote',
  label: 'action.addNote',
  predicate: (ctx) => ctx.perms.canWrite && !!ctx.session.get().userId,
  perform(ctx, a) {
    const { session } = ctx;
    const doc = newNoteDoc(ctx);
    const point = pointOf(a, ctx.view.notes.length);
    const { x, y, section } = placeNew(ctx, a, point);
    const me = session.get();
    let id = '';
    doc.transact(() => {
      id = addNote(doc, { text: a.text ?? '', x, y, color: a.color ?? me.color, sectionId: section?.id ?? null, author: authorName(ctx), authorId: me.userId ?? '' }, LOCAL_ORIGIN);
      if (a.byCategory && point) placeNotesByCategory(doc, [{ id, at: centredOn(point) }], LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
    return id;
  },
};

/** Typing in a note: one splice of its live text, as the editor computed it, so what others type meanwhile stays. */
export const spliceTextAction: Action<{ id: string } & TextSplice> = {
  name: 'spliceText',
  label: 'action.spliceText',
  perform(ctx, { id, ...splice }) {
    spliceNoteText(noteDoc(ctx, id), id, splice, LOCAL_ORIGIN);
  },
};

/** The facilitator's edit of a queued note before approving it: a draft sent at once, as its changed part only. */
export const editNoteTextAction: Action<{ id: string; text: string }> = {
  name: 'editNoteText',
  label: 'action.editNoteText',
  perform(ctx, { id, text }) {
    setNoteText(noteDoc(ctx, id), id, text, LOCAL_ORIGIN);
  },
};

/**
 * What this person types into one note from now on, so Cancel takes back exactly that and keeps
 * what others typed meanwhile.
 */
export class OwnTyping {
  private readonly undo: Y.UndoManager | null;

  constructor(doc: Y.Doc, id: string) {
    const text = noteText(doc, id);
    this.undo = text ? new Y.UndoManager(text, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: Number.POSITIVE_INFINITY }) : null;
  }

  takeBack(): void {
    while (this.undo?.canUndo()) this.undo.undo();
  }

  stop(): void {
    this.undo?.destroy();
  }
}

export interface MoveNotesArgs {
  moves: readonly Omit<NoteMove, 'sectionId'>[];
  sizes: ReadonlyMap<string, { w: number; h: number }>;
  sections: readonly Section[];
  /** Whether this user may file the note in that section (see mayMoveNote); a move they may not make is left out, the note stays. */
  mayMove?: (noteId: string, toSectionId: string | null) => boolean;
}

/** Every moved note in one transaction, each re-filed in the section under its centre (part of a drop, see dropNotes). */
export function moveAndFile(doc: Y.Doc, { moves, sizes, sections, mayMove }: MoveNotesArgs): void {
  const filed = moves.map((m) => {
    const size = sizes.get(m.id) ?? NOTE_SIZE;
    const x = Math.round(m.x);
    const y = Math.round(m.y);
    return { id: m.id, x, y, sectionId: sectionAt(sections, x + size.w / 2, y + size.h / 2)?.id ?? null };
  });
  moveNotes(doc, mayMove ? filed.filter((m) => mayMove(m.id, m.sectionId)) : filed, LOCAL_ORIGIN);
}

/** The list's "Move to": the note goes to a free spot of that section (the same rule as a new note). */
export const moveToSectionAction: Action<{ id: string; sectionId: string }, boolean> = {
  name: 'moveToSection',
  label: 'action.moveToSection',
  predicate(ctx, { id, sectionId }) {
    const n = ctx.view.notes.find((x) => x.id === id);
    return !!n && ctx.view.sections.some((s) => s.id === sectionId) && ctx.perms.mayMove(n, sectionId);
  },
  perform(ctx, { id, sectionId }) {
    const { sections, notes } = ctx.view;
    const target = sections.find((s) => s.id === sectionId)!;
    moveNotes(noteDoc(ctx, id), [{ id, ...freeSpotIn(target, notes.filter((n) => n.id !== id)), sectionId }], LOCAL_ORIGIN);
    return true;
  },
};

/** Only the notes this person may edit; the others stay as they are. */
const editable = (ctx: ActionContext, ids: Iterable<string>) => {
  const wanted = new Set(ids);
  return ctx.view.notes.filter((n) => wanted.has(n.id) && ctx.perms.mayEdit(n)).map((n) => n.id);
};

export const deleteNotesAction: Action<{ ids: readonly string[] }> = {
  name: 'deleteNotes',
  label: 'action.deleteNotes',
  perform(ctx, { ids }) {
    const mine = editable(ctx, ids);
    for (const [doc, ids] of byNoteDoc(ctx, mine)) deleteNotes(doc, ids, LOCAL_ORIGIN);
  },
};

/** The colour new notes get; the selected notes this person may edit take it too. */
export const pickColorAction: Action<{ color: string }> = {
  name: 'pickColor',
  label: 'action.pickColor',
  perform(ctx, { color }) {
    ctx.session.set({ color });
    saveLastColor(color);
    const ids = editable(ctx, ctx.session.get().selection);
    for (const [doc, mine] of byNoteDoc(ctx, ids)) setNoteColor(doc, mine, color, LOCAL_ORIGIN);
  },
};
