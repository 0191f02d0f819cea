/**
 * The fan-out seam between server processes. In-process by default (one process, nothing to share);
 * Redis when several processes serve the same boards. Messages are opaque bytes; the room layer
 * tags them with the sending process so a process ignores its own echoes.
 */
export interface Bus {
  readonly kind: string;
  publish(channel: string, message: Uint8Array): void;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(channel: string, handler: (message: Uint8Array) => void): Promise<() => void>;
  /** Called after the bus reconnects, so rooms can catch up on what they missed from the store. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}
