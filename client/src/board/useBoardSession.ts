import { useEffect, useState } from 'react';
import { boardToken, saveBoardToken } from './storage';
import { useIdentity } from './identity';
import { useBoardConnection } from './useBoardConnection';
import { useBoardView } from './useBoardView';

/**
 * What every board screen (canvas and phone) starts from: the link's token, this browser's identity,
 * the live connection and the validated view of the doc.
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
  const view = useBoardView(conn.doc);
  return { token, identity, conn, view };
}
