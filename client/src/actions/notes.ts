import * as Y from 'yjs';
import {
  addNote,
  deleteNotes,
  moveNotes,
  NOTE_SIZE,
  placeNotesByCategory,
  sectionAt,
  setNoteColor,
  noteText,
  spliceNoteText,
  type Note,
  type NoteMove,
  type Section,
  type TextSplice,
} from '../../../shared/board';
import { LOCAL_ORIGIN, type Command } from './command';

export interface AddNoteArgs {
  /** The point the note is centred on, in board coordinates. */
  x: number;
  y: number;
  color: string;
  sections: readonly Section[];
  author: string;
  authorId: string;
  /**
   * The board is arranged by category: the point is a category place, and the note is filed in the worksheet in
   * `worksheetColumn` (the writer's group's column), at a free spot, or else where the point is.
   */
  byCategory?: { worksheetColumn: Section | null; notes: readonly Pick<Note, 'x' | 'y' | 'w' | 'h' | 'sectionId'>[] };
  /**
   * Added with the Add button by someone in a group: the note goes to a free spot of that group's column, not
   * wherever the middle of the screen happens to be (another group's column, on top of a note).
   */
  intoColumn?: { column: Section; notes: readonly Pick<Note, 'x' | 'y' | 'w' | 'h'>[] };
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Top-left of a note-sized spot in the section that no note covers, row by row below its title; the first
 * spot when the column is full (the note then sits on top, as on paper).
 */
export function freeSpotIn(section: Section, notes: readonly Pick<Note, 'x' | 'y' | 'w' | 'h'>[]): { x: number; y: number } {
  const pad = 20;
  const top = section.y + 80;
  const step = { x: NOTE_SIZE.w + 16, y: NOTE_SIZE.h + 16 };
  const cols = Math.max(1, Math.floor((section.w - 2 * pad + 16) / step.x));
  const rows = Math.max(1, Math.floor((section.y + section.h - top - pad + 16) / step.y));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const spot = { x: section.x + pad + c * step.x, y: top + r * step.y, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
      if (!notes.some((n) => overlaps(spot, n))) return { x: spot.x, y: spot.y };
    }
  }
  return { x: section.x + pad, y: top };
}

/** Centres a new note on the point and files it in the section under that point. */
export const addNoteCommand: Command<AddNoteArgs, string> = {
  name: 'addNote',
  perform(doc, a) {
    const x = Math.round(a.x - NOTE_SIZE.w / 2);
    const y = Math.round(a.y - NOTE_SIZE.h / 2);
    const own = a.byCategory ? null : (a.intoColumn ?? null);
    const column = a.byCategory?.worksheetColumn ?? own?.column ?? null;
    const section = column ?? sectionAt(a.sections, a.x, a.y);
    const at =
      column && a.byCategory ? freeSpotIn(column, a.byCategory.notes.filter((n) => n.sectionId === column.id)) : own ? freeSpotIn(own.column, own.notes) : { x, y };
    let id = '';
    doc.transact(() => {
      id = addNote(doc, { text: '', ...at, color: a.color, sectionId: section?.id ?? null, author: a.author, authorId: a.authorId }, LOCAL_ORIGIN);
      if (a.byCategory) placeNotesByCategory(doc, [{ id, at: { x, y } }], LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
    return id;
  },
};

/** Typing in a note: one splice of its live text, never a replacement, so what others type meanwhile stays. */
export const spliceTextCommand: Command<{ id: string } & TextSplice> = {
  name: 'spliceText',
  perform(doc, { id, ...splice }) {
    spliceNoteText(doc, id, splice, LOCAL_ORIGIN);
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

/** The drop of a drag: every moved note in one transaction, each re-filed in the section under its centre. */
export const moveNotesCommand: Command<MoveNotesArgs> = {
  name: 'moveNotes',
  perform(doc, { moves, sizes, sections, mayMove }) {
    const filed = moves.map((m) => {
      const size = sizes.get(m.id) ?? NOTE_SIZE;
      const x = Math.round(m.x);
      const y = Math.round(m.y);
      return { id: m.id, x, y, sectionId: sectionAt(sections, x + size.w / 2, y + size.h / 2)?.id ?? null };
    });
    moveNotes(doc, mayMove ? filed.filter((m) => mayMove(m.id, m.sectionId)) : filed, LOCAL_ORIGIN);
  },
};

export const colorNotesCommand: Command<{ ids: readonly string[]; color: string }> = {
  name: 'colorNotes',
  perform(doc, { ids, color }) {
    if (ids.length) setNoteColor(doc, ids, color, LOCAL_ORIGIN);
  },
};

export const deleteNotesCommand: Command<{ ids: readonly string[] }> = {
  name: 'deleteNotes',
  perform(doc, { ids }) {
    if (ids.length) deleteNotes(doc, ids, LOCAL_ORIGIN);
  },
};
