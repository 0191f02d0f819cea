import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { NO_PRIVATE_NOTES, type PrivateNotes } from './usePrivateNotes';

/**
 * This person's private notes on the board the page shows (one board a page), for every part of the
 * screen that writes a note or marks one, without threading them through every component.
 */
let current: PrivateNotes = NO_PRIVATE_NOTES;
const listeners = new Set<() => void>();

export function publishPrivateNotes(own: PrivateNotes): void {
  if (own === current) return;
  current = own;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export const usePrivateNotes = (): PrivateNotes => useSyncExternalStore(subscribe, () => current);

/** The private notes as they are now, for the actions (client/src/actions/privateDocs.ts). */
export const privateNotesNow = (): PrivateNotes => current;

/** The doc a note lives in: the person's private notes for one of theirs, else the board. */
export function docOfNote(board: Y.Doc, own: PrivateNotes, noteId: string): Y.Doc {
  return own.doc && own.ids.has(noteId) ? own.doc : board;
}

/** Where a new note goes: the private notes while private writing is on, else the board. */
export function docForNewNote(board: Y.Doc, own: PrivateNotes): Y.Doc {
  return own.writing && own.doc ? own.doc : board;
}

/** Items (notes or note ids) by the doc each lives in, for a change to several at once (delete, colour, move). */
export function byDoc<T extends { id: string } | string>(board: Y.Doc, own: PrivateNotes, items: readonly T[]): [Y.Doc, T[]][] {
  const mine: T[] = [];
  const rest: T[] = [];
  for (const item of items) (own.doc && own.ids.has(typeof item === 'string' ? item : item.id) ? mine : rest).push(item);
  const out: [Y.Doc, T[]][] = [];
  if (rest.length) out.push([board, rest]);
  if (mine.length && own.doc) out.push([own.doc, mine]);
  return out;
}
