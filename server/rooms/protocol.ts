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

export class ProtocolError extends Error {}

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
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload };
        if (sub === SYNC_STEP2) return { type: 'sync-step2', update: payload };
        if (sub === SYNC_UPDATE) return { type: 'sync-update', update: payload };
        throw new ProtocolError(`unknown sync message ${sub}`);
      }
      case MSG_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(d) };
      case MSG_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
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
