import * as Y from 'yjs';
import { PRIVATE_GRACE_MS, PRIVATE_REFUSED, privateWritingOn, refusedWhilePrivate } from '../../../shared/board/privateNotes';
import type { ChangeGuard } from '../room';
import { locate, rootNames } from './shape';

export { PRIVATE_GRACE_MS, PRIVATE_REFUSED };

/**
 * Private writing (shared/board/privateNotes.ts) as the board's guard: nobody switches it over a socket
 * (`POST …/settings` does, and writes when), and while it is on no participant adds a new note to the
 * board — an honest client writes it into the author's private notes instead. A note made before it was
 * switched on (written offline, arriving late), or just after (PRIVATE_GRACE_MS), still joins the board,
 * so that client is not closed again and again for a note it wrote before it could know.
 */
export const privateWritingGuard: ChangeGuard = (_room, conn, tr) => checkPrivateWriting(conn.role, tr);

export function checkPrivateWriting(role: string, tr: Y.Transaction): string | null {
  const roots = rootNames(tr.doc);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let added: { notes: Y.AbstractType<any>; keys: Set<string | null> } | null = null;
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (at?.root === 'meta' && at.path.length === 0 && (keys.has('privateWriting') || keys.has('privateWritingSince')))
      return 'private writing is switched through POST /api/boards/:boardId/settings';
    // The notes root as the transaction names it: a board loaded from the store may hold it untyped.
    if (at?.root === 'notes' && at.path.length === 0) added = { notes: type, keys };
  }
  if (role !== 'participant' || !added || !privateWritingOn(tr.doc)) return null;
  for (const [id, change] of new Y.YMapEvent(added.notes as Y.Map<unknown>, tr, added.keys).keys) {
    if (change.action !== 'add') continue;
    const note: unknown = added.notes._map.get(id)?.content.getContent().at(-1);
    const createdAt = note instanceof Y.Map ? note.get('createdAt') : undefined;
    if (refusedWhilePrivate(tr.doc, createdAt)) return PRIVATE_REFUSED;
  }
  return null;
}
