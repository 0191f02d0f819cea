import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { BoardView, Note, Role } from '../../../shared/board';
import { BoardProvider } from '../board/boardProvider';
import { shouldReconnect } from '../board/connectionStatus';
import { useBoardView } from '../board/useBoardView';
import { storedPasscode } from '../join/passcode';

/** This person's private notes on a board (shared/board/privateNotes.ts), as the screens use them. */
export interface PrivateNotes {
  doc: Y.Doc | null;
  /** Their notes not yet revealed, oldest first. */
  notes: readonly Note[];
  ids: ReadonlySet<string>;
  /** Private writing is on and this person is a participant: their new notes go here. */
  writing: boolean;
}

export const NO_PRIVATE_NOTES: PrivateNotes = { doc: null, notes: [], ids: new Set(), writing: false };

const wsOrigin = (): string => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`;

/** The device's copy of one person's private notes: apart from the board's, so clearing one leaves the other. */
export const privateStoreName = (boardId: string): string => `fusen-private:${boardId}`;

/**
 * A participant's private notes: a doc of their own, kept on the device (written offline, it survives a
 * reload) and synced over `/ws/:boardId/private` with the server, which shares it with this person's
 * other devices only. No presence travels on it.
 */
export function usePrivateNotesConnection(boardId: string, token: string | null, key: string, role: Role | null, privateWriting: boolean): PrivateNotes {
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const participant = role === 'participant';
  useEffect(() => {
    if (!token || !participant) return;
    const d = new Y.Doc();
    const idb = new IndexeddbPersistence(privateStoreName(boardId), d);
    const passcode = storedPasscode(boardId);
    const params: Record<string, string> = passcode ? { token, key, passcode } : { token, key };
    const provider = new BoardProvider(`${wsOrigin()}/ws`, `${boardId}/private`, d, { params, shouldReconnect });
    // Nothing of this doc is presence: the provider's own awareness stays empty.
    provider.awareness.setLocalState(null);
    setDoc(d);
    return () => {
      provider.destroy();
      void idb.destroy();
      d.destroy();
      setDoc(null);
    };
  }, [boardId, token, key, participant]);
  const view = useBoardView(doc);
  return useMemo(() => {
    const notes = doc ? view.notes : [];
    return { doc, notes, ids: new Set(notes.map((n) => n.id)), writing: participant && privateWriting && !!doc };
  }, [doc, view.notes, participant, privateWriting]);
}

/** The board as this person sees it: its notes and their own private ones (a note revealed meanwhile only once). */
export function withPrivateNotes(view: BoardView, own: PrivateNotes): BoardView {
  if (own.notes.length === 0) return view;
  const onBoard = new Set(view.notes.map((n) => n.id));
  const extra = own.notes.filter((n) => !onBoard.has(n.id));
  if (extra.length === 0) return view;
  const notes = [...view.notes, ...extra].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { ...view, notes };
}
