import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, type Connection } from './connection';
import { RefusedChange } from './guardedApply';
import { ProtocolError } from './protocol';
import { TokenBucket } from './rateLimit';

export interface AwarenessLimits {
  /** Bytes of one presence state a connection sets. */
  maxBytes: number;
  /** Awareness client ids one connection may hold (a stock client uses one). */
  idsPerConnection: number;
  /** Changes to its own presence per second (and burst) a connection may send; 0 = no limit. */
  awarenessPerSec: number;
  awarenessBurst: number;
}

interface Entry {
  clientId: number;
  clock: number;
  /** Raw UTF-8 of the state JSON; decoded only for entries that are kept. */
  json: Uint8Array;
}

export interface AwarenessContext {
  /** Client ids that have a state in the room now. */
  present: (clientId: number) => boolean;
  /** The local connection that holds a client id, if any. */
  ownerOf: (clientId: number) => Connection | null;
  /** The room's own awareness id, which no client may speak for. */
  serverClientId: number;
  /** The last clock the room knows for a client id, also after that person left. */
  clockOf: (clientId: number) => number | undefined;
}

const buckets = new WeakMap<Connection, TokenBucket>();
const NULL_STATE = 'null';

/**
 * Checks one awareness update from a connection before the room applies it.
 *
 * A stock y-websocket client sends back every presence change it receives (and, on connecting, the
 * whole room's), so most entries are echoes of other people's presence: those are dropped unread and
 * cost nothing. What is left is the connection's own presence: each state at most `maxBytes` (else
 * 1009), at most `idsPerConnection` ids (else 1008, so thousands of fake ids cannot join a room),
 * at most `awarenessPerSec` own changes a second (else 4429). Nobody can set or remove someone else's
 * presence. Returns the update to apply, re-encoded without dropped entries, or null for nothing.
 */
export function gateAwareness(update: Uint8Array, conn: Connection, ctx: AwarenessContext, limits: AwarenessLimits): Uint8Array | null {
  const kept: Entry[] = [];
  // Made for the first entry that is kept: most messages are echoes, which allocate nothing here.
  let claimed: Set<number> | null = null;
  for (const e of decodeEntries(update)) {
    if (e.clientId === ctx.serverClientId) continue;
    const own = conn.awarenessIds.has(e.clientId);
    // Someone who left, echoed back by a client that had not heard yet: stale, and not this connection's.
    const known = ctx.clockOf(e.clientId);
    if (!own && !ctx.present(e.clientId) && known !== undefined && e.clock <= known) continue;
    if (!own && ctx.present(e.clientId)) {
      const owner = ctx.ownerOf(e.clientId);
      // The same person reconnecting (same secret key) takes their presence over from a socket that has not noticed it died.
      if (!owner || !owner.userId || owner.userId !== conn.userId) continue;
      owner.awarenessIds.delete(e.clientId);
    }
    const json = new TextDecoder().decode(e.json);
    if (!own && json === NULL_STATE) continue; // removing a presence nobody here holds: an echo
    claimed ??= new Set(conn.awarenessIds);
    if (json !== NULL_STATE) claimed.add(e.clientId);
    if (limits.idsPerConnection > 0 && claimed.size > limits.idsPerConnection) throw new RefusedChange(CLOSE.policy, `at most ${limits.idsPerConnection} awareness ids per connection`);
    checkState(json, limits.maxBytes);
    kept.push(e);
  }
  if (kept.length === 0) return null;
  if (!bucketOf(conn, limits).take()) throw new RefusedChange(CLOSE.rateLimited, `more than ${limits.awarenessPerSec} presence updates per second`);
  return encodeEntries(kept);
}

function bucketOf(conn: Connection, limits: AwarenessLimits): TokenBucket {
  let b = buckets.get(conn);
  if (!b) buckets.set(conn, (b = new TokenBucket(limits.awarenessPerSec, limits.awarenessBurst)));
  return b;
}

function checkState(json: string, maxBytes: number): void {
  if (maxBytes > 0 && json.length > maxBytes) throw new RefusedChange(CLOSE.tooBig, `presence state over ${maxBytes} bytes`);
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch (e) {
    throw new ProtocolError(`malformed presence state: ${(e as Error).message}`);
  }
  if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('presence state must be an object or null');
}

function decodeEntries(update: Uint8Array): Entry[] {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const len = decoding.readVarUint(d);
      if (len > d.arr.length - d.pos) throw new ProtocolError('awareness state longer than its message');
      entries.push({ clientId, clock, json: decoding.readUint8Array(d, len) });
    }
    return entries;
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`malformed awareness update: ${(e as Error).message}`);
  }
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint8Array(e, json);
  }
  return encoding.toUint8Array(e);
}
