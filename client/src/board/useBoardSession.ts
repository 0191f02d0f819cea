import { useEffect, useMemo, useState } from 'react';
import { boardToken, saveBoardToken } from './storage';
import { useIdentity } from './identity';
import { useBoardConnection } from './useBoardConnection';
import { useBoardView } from './useBoardView';
import { usePrivateNotesConnection, withPrivateNotes, NO_PRIVATE_NOTES } from '../private/usePrivateNotes';
import { publishPrivateNotes } from '../private/context';

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
  const conn = useBoardConnection(boardId, token, identity.key);
  const boardView = useBoardView(conn.doc);
  // A participant's private notes are theirs alone: shown to them among the board's (marked), nobody else's screen.
  const privateNotes = usePrivateNotesConnection(boardId, token, identity.key, conn.role, boardView.meta.privateWriting === true);
  const view = useMemo(() => withPrivateNotes(boardView, privateNotes), [boardView, privateNotes]);
  useEffect(() => {
    publishPrivateNotes(privateNotes);
    return () => publishPrivateNotes(NO_PRIVATE_NOTES);
  }, [privateNotes]);
  return { token, identity, conn, view, privateNotes };
}
