/**
 * Every benchmark op writes one map entry whose key is a marker `~bm|sender|seq|sentAt~`. A new map
 * key travels as plain UTF-8 inside a Yjs update whatever the protocol's framing, and merged updates
 * keep every key, so a receiver finds each op by scanning the raw bytes it got from its socket,
 * timed on arrival, before any Yjs work on the client side.
 */
const OPEN = Buffer.from('~bm|');
const CLOSE = 0x7e; // '~'

export interface Mark {
  sender: number;
  seq: number;
  sentAt: number;
}

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const markerKey = (sender: number, seq: number, sentAt: number): string => `~bm|${sender}|${seq}|${sentAt.toFixed(3)}~`;

export function scanMarks(buf: Buffer, found: (m: Mark) => void): void {
  let at = buf.indexOf(OPEN);
  while (at !== -1) {
    const end = buf.indexOf(CLOSE, at + OPEN.length);
    if (end === -1) return;
    const parts = buf.toString('latin1', at + OPEN.length, end).split('|');
    if (parts.length === 3) found({ sender: Number(parts[0]), seq: Number(parts[1]), sentAt: Number(parts[2]) });
    at = buf.indexOf(OPEN, end + 1);
  }
}
