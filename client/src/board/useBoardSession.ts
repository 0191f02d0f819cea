import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { boardToken, saveBoardToken } from './storage';
import { useIdentity } from './identity';
import { useBoardConnection } from './useBoardConnection';
import { useBoardView } from './useBoardView';
import { usePrivateNotesConnection, withPrivateNotes, NO_PRIVATE_NOTES } from '../private/usePrivateNotes';
import { publishPrivateNotes } from '../private/context';
import { rescueRefusedNotes } from '../private/rescue';

/**
 * What every board screen (canvas and phone) starts from: the link's token, this browser's identity,
 * the live connection and the validated view of the doc, with this person's private notes among its notes.
 */
export function useBoardSession(boardId: string, urlToken: string | null) {
  const [token] = useState(() => urlToken ?? boardToken(boardId));
  useEffect(() => {
    if (!urlToken) return;
    saveBoardToken(boardId, urlToken);
    // The token stays out of the address bar, so a projected screen or a screenshot does not carry it off.
    window.history.replaceState(null, '', `/b/${boardId}`);
  }, [boardId, urlToken]);

  const identity = useIdentity();
  // Set below, once the private notes are open: the connection asks for it only when the server refused a note.
  const rescueInto = useRef<{ doc: Y.Doc | null; userId: string | null }>({ doc: null, userId: null });
  const conn = useBoardConnection(boardId, token, identity.key, {
    onPrivateRefused: (board) => {
      const { doc, userId } = rescueInto.current;
      if (!doc || !userId) return false;
      rescueRefusedNotes(board, doc, userId);
      return true;
    },
  });
  const boardView = useBoardView(conn.doc);
  // A participant's private notes are theirs alone: shown to them among the board's (marked), nobody else's screen.
  const privateNotes = usePrivateNotesConnection(boardId, token, identity.key, conn.role, boardView.meta.privateWriting === true);
  const view = useMemo(() => withPrivateNotes(boardView, privateNotes), [boardView, privateNotes]);
  useEffect(() => {
    rescueInto.current = { doc: privateNotes.doc, userId: identity.userId };
  }, [privateNotes.doc, identity.userId]);
  useEffect(() => {
    publishPrivateNotes(privateNotes);
    return () => publishPrivateNotes(NO_PRIVATE_NOTES);
  }, [privateNotes]);
  return { token, identity, conn, view, privateNotes };
}
