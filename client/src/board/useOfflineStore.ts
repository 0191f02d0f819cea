import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

/** The browser's copy of a board; one database per board so clearing one board's copy leaves the others. */
export const offlineStoreName = (boardId: string): string => `fusen:${boardId}`;

/**
 * Keeps the board in IndexedDB: a board visited once opens from the device while the server is out of
 * reach, and what is written offline survives a reload until the socket can send it. Yjs merges the two
 * copies on reconnect by update ids, so nothing arrives twice.
 */
export function openOfflineStore(boardId: string, doc: Y.Doc): IndexeddbPersistence {
  return new IndexeddbPersistence(offlineStoreName(boardId), doc);
}

/**
 * Whether this person has changes the server has not had yet: anything they wrote while not synced.
 * y-websocket sends every later edit at once, and the sync on reconnect sends the earlier ones.
 */
export function useUnsentChanges(doc: Y.Doc | null, remoteOrigins: readonly unknown[], synced: boolean): boolean {
  const [unsent, setUnsent] = useState(false);
  // The device's store may open after the doc (once the role is known): always the latest origins.
  const origins = useRef(remoteOrigins);
  useEffect(() => {
    origins.current = remoteOrigins;
  });
  useEffect(() => {
    if (synced) setUnsent(false);
    if (!doc || synced) return;
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (!origins.current.includes(origin)) setUnsent(true);
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc, synced]);
  return unsent;
}
