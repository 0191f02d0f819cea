import * as Y from 'yjs';
import { metaOf, notesOf } from '../../../shared/board';
import { ARRANGEMENT_KEYS } from '../../../shared/grouping/arrangement';

/**
 * The origin of every write made by this user's own actions. Undo tracks only this origin,
 * so Ctrl+Z never reverts what somebody else did.
 */
export const LOCAL_ORIGIN = Symbol('local-user-action');

/**
 * Undo covers this person's changes to notes. The meta map is in scope only for transactions that also
 * change notes, or switch the board between the worksheet and the category arrangement, so a facilitator's
 * auto-group (categories, category places, the region rectangles, one transaction) or "back to the original
 * layout" comes back in one step, while a timer start or a vote setting is never undone by Ctrl+Z.
 */
export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  const notes = notesOf(doc);
  const meta = metaOf(doc);
  return new Y.UndoManager([notes, meta], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 600,
    // (Yjs types the map's events more narrowly than the transaction's set of changed types.)
    captureTransaction: (tr) => tr.changedParentTypes.has(notes as never) || !!tr.changed.get(meta as never)?.has(ARRANGEMENT_KEYS.arrangement),
  });
}
