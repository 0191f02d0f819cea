import type * as Y from 'yjs';
import { PRIVATE_REFUSED, putNotes, readBoard, refusedWhilePrivate } from '../../../shared/board';

/** The server closed the board's socket for a note that private writing keeps off the board (1008). */
export const refusedForPrivateWriting = (e: { code: number; reason?: string }): boolean => e.code === 1008 && e.reason === PRIVATE_REFUSED;

/**
 * A note written on the board before this device heard that private writing is on (offline for a while)
 * is refused by the server; left in the device's copy it would be sent, and refused, on every reconnect.
 * It is moved into the writer's private notes instead (same id, column and text): they keep it, nobody
 * else has had it. Returns how many were moved; the caller then starts the board afresh from the server.
 */
export function rescueRefusedNotes(board: Y.Doc, into: Y.Doc, userId: string): number {
  const view = readBoard(board);
  const refused = view.notes.filter((n) => n.authorId === userId && refusedWhilePrivate(board, n.createdAt));
  if (refused.length) putNotes(into, refused, { anonymous: view.meta.anonymous });
  return refused.length;
}
