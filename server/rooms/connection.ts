import type { Role } from '../../shared/board/roles';

/** One client socket as a room sees it; the websocket plugin adapts a real socket to this. */
export interface Connection {
  readonly id: number;
  readonly role: Role;
  /** Stable, unforgeable author id derived from the client's secret key (empty when none was given). */
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Several messages in one write (one packet where they fit), in order. */
  sendTogether(messages: readonly Uint8Array[]): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written: a slow socket is dropped rather than buffering forever. */
  bufferedAmount(): number;
  /** Awareness client ids this connection controls, removed when it leaves. */
  readonly awarenessIds: Set<number>;
}

/** Close codes a client can act on (4000–4999 are the application's own). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  invalidPayload: 1007,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  badToken: 4401,
  forbidden: 4403,
  unknownBoard: 4404,
  slowConsumer: 4408,
  boardDeleted: 4410,
  rateLimited: 4429,
  /** The board asks participants for a passcode, and none or a wrong one came. */
  passcode: 4423,
  /** The viewer's state came from a projection this server no longer holds: start again from an empty board. */
  rebuilt: 4409,
} as const;
