import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, type Connection } from './connection';
import { RefusedChange } from './guardedApply';
import { ProtocolError } from './protocol';

export interface AwarenessLimits {
  /** Bytes of one awareness message. */
  maxBytes: number;
  /** Awareness client ids one connection may hold (a stock client uses one). */
  idsPerConnection: number;
}

interface Entry {
  clientId: number;
  clock: number;
  json: string;
}

export interface AwarenessContext {
  /** Client ids that have a state in the room now. */
  present: (clientId: number) => boolean;
  /** The local connection that holds a client id, if any. */
  ownerOf: (clientId: number) => Connection | null;
  /** The room's own awareness id, which no client may speak for. */
  serverClientId: number;
}

/**
 * Checks one awareness update from a connection before the room applies it. A message that is
 * too big or claims too many ids costs the sender its connection; entries for a presence another
 * person holds are dropped (no one moves someone else's cursor or removes their presence).
 * Returns the update to apply (re-encoded without dropped entries), or null when nothing is left.
 */
export function gateAwareness(update: Uint8Array, conn: Connection, ctx: AwarenessContext, limits: AwarenessLimits): Uint8Array | null {
  if (update.length > limits.maxBytes) throw new RefusedChange(CLOSE.tooBig, `awareness state over ${limits.maxBytes} bytes`);
  const entries = decodeEntries(update, limits.idsPerConnection);
  const kept: Entry[] = [];
  const claimed = new Set(conn.awarenessIds);
  for (const e of entries) {
    if (e.clientId === ctx.serverClientId) continue;
    if (!conn.awarenessIds.has(e.clientId) && ctx.present(e.clientId)) {
      const owner = ctx.ownerOf(e.clientId);
      // The same person reconnecting (same secret key) takes their presence over from a socket that has not noticed it died.
      if (owner && owner.userId && owner.userId === conn.userId) owner.awarenessIds.delete(e.clientId);
      else continue;
    }
    if (e.json !== 'null') claimed.add(e.clientId);
    kept.push(e);
  }
  if (claimed.size > limits.idsPerConnection) {
    throw new RefusedChange(CLOSE.policy, `at most ${limits.idsPerConnection} awareness ids per connection`);
  }
  if (kept.length === 0) return null;
  return kept.length === entries.length ? update : encodeEntries(kept);
}

function decodeEntries(update: Uint8Array, maxEntries: number): Entry[] {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    if (count > maxEntries) throw new RefusedChange(CLOSE.policy, `awareness update for ${count} clients (at most ${maxEntries})`);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const len = decoding.peekVarUint(d);
      if (len > d.arr.length - d.pos) throw new ProtocolError('awareness state longer than its message');
      const json = decoding.readVarString(d);
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('awareness state must be an object or null');
      entries.push({ clientId, clock, json });
    }
    return entries;
  } catch (e) {
    if (e instanceof RefusedChange || e instanceof ProtocolError) throw e;
    throw new ProtocolError(`malformed awareness update: ${(e as Error).message}`);
  }
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}
