import { refusedForPrivateWriting } from '../private/rescue';

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

export type FatalReason = 'badToken' | 'forbidden' | 'unknownBoard' | 'boardDeleted' | 'noToken' | 'passcode';

/** Close codes the server uses for a link that can never work; reconnecting would not help. */
export const FATAL_CLOSE_CODES: Record<number, FatalReason> = {
  4401: 'badToken',
  4403: 'forbidden',
  4404: 'unknownBoard',
  4410: 'boardDeleted',
  4423: 'passcode',
};

/** The server rebuilt the viewer link's projection: the viewer starts again from an empty board, not this one. */
export const PROJECTION_REBUILT = 4409;

/**
 * y-websocket gives up on every 44xx code by default, but "slow consumer" (4408) and "rate
 * limited" (4429) are exactly what a weak hall connection meets: those reconnect, with backoff.
 */
export const shouldReconnect = (event: { code: number; reason?: string }): boolean =>
  !(event.code in FATAL_CLOSE_CODES) && event.code !== PROJECTION_REBUILT && !refusedForPrivateWriting(event);
