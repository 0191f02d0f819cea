import { useMemo } from 'react';
import type * as Y from 'yjs';
import { mayEditNote, mayMoveNote, readScribes, type BoardView, type Note, type Role } from '../../../shared/board';

export interface Permissions {
  /** May add notes and move any note. */
  canWrite: boolean;
  /** May change this note's text or colour, or delete it (its author, its group's scribe, the facilitator). */
  mayEdit(note: Pick<Note, 'authorId' | 'sectionId'>): boolean;
  /** May put this note in that section: within its group anyone who writes (unless the board lets participants move only their own notes), into another group who may edit it. */
  mayMove(note: Pick<Note, 'authorId' | 'sectionId'>, toSectionId: string | null): boolean;
}

/**
 * The client offers only what the server will accept: the server refuses a forbidden change by
 * closing the socket, and a refused change left in the local doc would be resent on every reconnect.
 */
export function usePermissions(doc: Y.Doc | null, view: BoardView, role: Role | null, userId: string | null): Permissions {
  return useMemo(() => permissionsFor(doc, view, role, userId), [doc, view, role, userId]);
}

export function permissionsFor(doc: Y.Doc | null, view: BoardView, role: Role | null, userId: string | null): Permissions {
  const canWrite = !!userId && (role === 'facilitator' || (role === 'participant' && !view.meta.locked && !view.meta.sessionEnded));
  const scribes = doc ? readScribes(doc) : {};
  const actor = { role: role ?? 'viewer', userId: userId ?? '' } as const;
  const ownNotesOnly = view.meta.ownNotesOnly === true;
  return {
    canWrite,
    mayEdit: (note) => canWrite && mayEditNote(actor, note, { scribes, sections: view.sections }),
    mayMove: (note, to) => canWrite && mayMoveNote(actor, note, to, { scribes, sections: view.sections, ownNotesOnly }),
  };
}
