import * as decoding from 'lib0/decoding';
import type { Protocol } from './clients';

/** A frame's kind: a sync message's own (1 = whole state, 2 = live update), or one of these. */
export const PRESENCE = -1;
export const OTHER = -2;

/** What a frame carries (y-websocket's and Hocuspocus's message types agree: 0 sync, 1 awareness). */
export function frameKind(buf: Uint8Array, protocol: Protocol): number {
  try {
    const d = decoding.createDecoder(buf);
    if (protocol === 'hocuspocus') decoding.readVarString(d); // the document name
    const type = decoding.readVarUint(d);
    return type === 0 ? decoding.readVarUint(d) : type === 1 ? PRESENCE : OTHER;
  } catch {
    return OTHER;
  }
}

/**
 * A provider that hears nothing for 30 s takes its connection for dead and reconnects: a passive
 * client that skips presence still lets one presence message through this often.
 */
export const KEEPALIVE_MS = 5000;

export interface FilterOptions {
  /** See ClientOptions.passive. */
  passive: boolean;
  /**
   * Whether the client's provider sends presence it applies back to the server (the stock y-websocket
   * provider and Hocuspocus's do, ours' own does not). Such a client must apply presence even when
   * passive, or the server would be spared the echoes a room of real devices sends it.
   */
  answersPresence: boolean;
}

/**
 * Which incoming frames a client's provider gets. A passive client, once synced, skips live doc
 * updates and the presence its provider would not answer: what a simulated device renders costs the
 * generator, not the server, whose traffic stays that of a room of real devices.
 */
export function frameFilter(o: FilterOptions): (kind: number, synced: boolean, nowMs: number) => boolean {
  let presenceKeptAt = -Infinity;
  return (kind, synced, nowMs) => {
    if (!o.passive || !synced) return true;
    if (kind === 2) return false;
    if (kind !== PRESENCE || o.answersPresence) return true;
    if (nowMs - presenceKeptAt < KEEPALIVE_MS) return false;
    presenceKeptAt = nowMs;
    return true;
  };
}
