import * as Y from 'yjs';
import { notesOf } from '../../../shared/board';

/**
 * The origin of every write made by this user's own actions. Undo tracks only this origin,
 * so Ctrl+Z never reverts what somebody else did.
 */
export const LOCAL_ORIGIN = Symbol('local-user-action');

/** A user action: a name (for logs and tests) and one doc transaction through shared/board. */
export interface Command<Args, Result = void> {
  readonly name: string;
  perform(doc: Y.Doc, args: Args): Result;
}

export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(notesOf(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 600 });
}
