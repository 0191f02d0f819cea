import {
  addNote,
  deleteNotes,
  moveNotes,
  NOTE_SIZE,
  sectionAt,
  setNoteColor,
  setNoteText,
  type NoteMove,
  type Section,
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
}

/** Centres a new note on the point and files it in the section under that point. */
export const addNoteCommand: Command<AddNoteArgs, string> = {
  name: 'addNote',
  perform(doc, a) {
    const x = Math.round(a.x - NOTE_SIZE.w / 2);
    const y = Math.round(a.y - NOTE_SIZE.h / 2);
    const section = sectionAt(a.sections, a.x, a.y);
    return addNote(
      doc,
      { text: '', x, y, color: a.color, sectionId: section?.id ?? null, author: a.author, authorId: a.authorId },
      LOCAL_ORIGIN,
    );
  },
};

export const editTextCommand: Command<{ id: string; text: string }> = {
  name: 'editText',
  perform(doc, { id, text }) {
    setNoteText(doc, id, text, LOCAL_ORIGIN);
  },
};

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
