import * as Y from 'yjs';
import { rawSocket } from '../reliability/rawSocket';
import { encodeSyncUpdate, MSG_SYNC } from '../rooms/protocol';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

/**
 * A modified client: a bare socket with its own key and a copy of the board it changes with raw Yjs
 * calls, sending each change as one update, exactly the bytes it made.
 */
export async function attacker(wsUrl: string, boardId: string, token: string, board: Y.Doc) {
  const key = newClientKey();
  const userId = await userIdFromKey(key);
  const sock = rawSocket(wsUrl, boardId, token, { query: `&key=${encodeURIComponent(key)}` });
  await sock.opened;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board));
  return {
    userId,
    doc,
    closed: sock.closed,
    /** Makes `fn`'s change on the copy and sends it; returns the update sent. */
    send(fn: (doc: Y.Doc) => void): Uint8Array {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => fn(doc));
      const update = Y.encodeStateAsUpdate(doc, before);
      sock.ws.send(encodeSyncUpdate(update));
      return update;
    },
    close: () => sock.ws.close(),
  };
}

/** Bytes of board content (sync messages) a bare socket receives: what a client downloads. */
export function syncBytes(received: readonly Buffer[], from = 0): number {
  return received.slice(from).reduce((n, m) => n + (m[0] === MSG_SYNC ? m.length : 0), 0);
}
