/** Bus frames: [type][16-byte sender id][payload]. Control payloads are JSON. */
export const BUS_UPDATE = 0;
export const BUS_AWARENESS = 1;
export const BUS_CONTROL = 2;

export type ControlMessage =
  | { type: 'record-changed' }
  | { type: 'deleted' }
  | { type: 'tokens-rotated'; roles: ('participant' | 'viewer')[] };

const ID_LEN = 16;

/** The bus channel of one board. */
export const boardChannel = (boardId: string): string => `board:${boardId}`;

export function busMessage(type: number, sender: Uint8Array, payload: Uint8Array | ControlMessage): Uint8Array {
  const body = payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
  const out = new Uint8Array(1 + ID_LEN + body.length);
  out[0] = type;
  out.set(sender.subarray(0, ID_LEN), 1);
  out.set(body, 1 + ID_LEN);
  return out;
}

/** Whether a frame is this process's own echo (or too short to be anyone's): cheap, allocates nothing. */
export function isOwnEcho(raw: Uint8Array, self: Uint8Array): boolean {
  if (raw.length < 1 + ID_LEN) return true;
  for (let i = 0; i < ID_LEN; i++) if (raw[1 + i] !== self[i]) return false;
  return true;
}

/** Returns null for this process's own echoes and for frames too short to be ours. */
export function readBusMessage(
  raw: Uint8Array,
  self: Uint8Array,
): { type: number; payload: Uint8Array; control?: ControlMessage } | null {
  if (isOwnEcho(raw, self)) return null;
  const type = raw[0]!;
  const payload = raw.subarray(1 + ID_LEN);
  if (type === BUS_CONTROL) return { type, payload, control: JSON.parse(new TextDecoder().decode(payload)) as ControlMessage };
  return { type, payload };
}
