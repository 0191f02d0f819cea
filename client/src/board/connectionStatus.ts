export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface LinkState {
  /** The socket is open and the first sync round finished. */
  synced: boolean;
  /** The board has been online at least once in this page's life. */
  everOnline: boolean;
  browserOnline: boolean;
  failedAttempts: number;
}

/** After this many failed attempts without ever connecting, tell the user they are working offline. */
const GIVE_UP_CONNECTING = 3;

/** What to tell the user about the connection; pure so the rules can be tested and read in one place. */
export function connectionStatus(s: LinkState): ConnectionStatus {
  if (s.synced) return 'online';
  if (!s.browserOnline) return 'offline';
  if (s.everOnline) return 'reconnecting';
  return s.failedAttempts >= GIVE_UP_CONNECTING ? 'offline' : 'connecting';
}

/** Close codes the server uses for a link that can never work; reconnecting would not help. */
export const FATAL_CLOSE_CODES: Record<number, 'badToken' | 'forbidden' | 'unknownBoard'> = {
  4401: 'badToken',
  4403: 'forbidden',
  4404: 'unknownBoard',
};
export type FatalReason = 'badToken' | 'forbidden' | 'unknownBoard' | 'noToken';
