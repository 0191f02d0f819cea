import * as Y from 'yjs';
import { moderationOf, readModerationEntry } from '../../../shared/board/moderation';
import type { ChangeGuard } from '../room';
import { locate, rootNames } from './shape';

/**
 * The moderation marks (shared/board/moderation.ts) are server-authoritative: only the facilitator's
 * socket may write them (the approve and hide routes write them as the server), each a well-formed
 * mark, and nobody switches moderation itself over a socket — `POST …/settings` does, so the notes
 * already on the board are approved in the same step.
 */
export const moderationGuard: ChangeGuard = (_room, conn, tr) => checkModeration(conn.role, tr);

export function checkModeration(role: string, tr: Y.Transaction): string | null {
  const roots = rootNames(tr.doc);
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (at?.root === 'meta' && at.path.length === 0 && keys.has('moderation')) return 'moderation is switched through POST /api/boards/:boardId/settings';
    if (at?.root !== 'moderation') continue;
    if (role !== 'facilitator') return 'only the facilitator can approve or hide notes';
    if (at.path.length > 0) return 'a moderation mark is one plain value';
    const marks = moderationOf(tr.doc);
    for (const key of keys) if (key === null || (marks.has(key) && !readModerationEntry(marks.get(key)))) return 'a moderation mark is {state: "approved" | "hidden", at}';
  }
  return null;
}
