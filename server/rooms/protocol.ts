import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** The y-websocket wire protocol: message types as the stock WebsocketProvider speaks them. */
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** A message the protocol does not allow: 1007 for a malformed one, 1002 for one of a kind no client sends. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: 1002 | 1007 = 1007,
  ) {
    super(message);
  }
}

/** A length-prefixed payload; lib0 would silently return fewer bytes than a hostile prefix declares. */
function readPayload(d: decoding.Decoder, what: string): Uint8Array {
  const len = decoding.readVarUint(d);
  if (len > d.arr.length - d.pos) throw new ProtocolError(`${what} declares ${len} bytes, message has ${d.arr.length - d.pos}`);
  return decoding.readUint8Array(d, len);
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Decodes one client message; anything malformed throws ProtocolError and costs the sender its connection. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MSG_SYNC: {
        const sub = decoding.readVarUint(d);
        if (sub > SYNC_UPDATE) throw new ProtocolError(`unknown sync message ${sub}`, 1002);
        const payload = readPayload(d, 'sync payload');
        if (sub === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload };
        // Zero bytes is not an update (the smallest, an empty one, is two bytes): refuse it before Yjs sees it.
        if (payload.length === 0) throw new ProtocolError('empty update');
        return { type: sub === SYNC_STEP2 ? 'sync-step2' : 'sync-update', update: payload };
      }
      case MSG_AWARENESS:
        return { type: 'awareness', update: readPayload(d, 'awareness payload') };
      case MSG_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`, 1002);
    }
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`malformed message: ${(e as Error).message}`);
  }
}

function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (sub !== null) encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => frame(MSG_SYNC, SYNC_STEP1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => frame(MSG_SYNC, SYNC_STEP2, update);
export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => frame(MSG_SYNC, SYNC_UPDATE, update);
export const encodeAwareness = (update: Uint8Array): Uint8Array => frame(MSG_AWARENESS, null, update);
