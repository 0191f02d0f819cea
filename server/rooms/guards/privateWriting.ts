import * as Y from 'yjs';
import { notesOf } from '../../../shared/board/doc';
import { privateWritingOn, privateWritingSince } from '../../../shared/board/privateNotes';
import type { ChangeGuard } from '../room';
import { locate, rootNames } from './shape';

export const PRIVATE_REFUSED = 'private writing is on: a new note stays with its author until it is revealed';

/**
 * Private writing (shared/board/privateNotes.ts) as the board's guard: nobody switches it over a socket
 * (`POST …/settings` does, and writes when), and while it is on no participant adds a new note to the
 * board — an honest client writes it into the author's private notes instead. A note made before it was
 * switched on (written offline, arriving late) still joins the board, so that client is not closed
 * again and again for a note it wrote when that was allowed.
 */
export const privateWritingGuard: ChangeGuard = (_room, conn, tr) => checkPrivateWriting(conn.role, tr);

export function checkPrivateWriting(role: string, tr: Y.Transaction): string | null {
  const roots = rootNames(tr.doc);
  const notesRoot = notesOf(tr.doc);
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (at?.root === 'meta' && at.path.length === 0 && (keys.has('privateWriting') || keys.has('privateWritingSince')))
      return 'private writing is switched through POST /api/boards/:boardId/settings';
  }
  if (role !== 'participant' || !privateWritingOn(tr.doc)) return null;
  const keys = tr.changed.get(notesRoot as never);
  if (!keys) return null;
  const since = privateWritingSince(tr.doc);
  const event = new Y.YMapEvent(notesRoot, tr, keys);
  for (const [id, change] of event.keys) {
    if (change.action !== 'add') continue;
    const note = notesRoot.get(id);
    const createdAt = note instanceof Y.Map ? note.get('createdAt') : undefined;
    if (typeof createdAt !== 'number' || createdAt >= since) return PRIVATE_REFUSED;
  }
  return null;
}
