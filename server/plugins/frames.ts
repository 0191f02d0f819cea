import type { WebSocket } from 'ws';

/**
 * A room sends the same message to every socket of a board (a note to 29 people, a dragged note to
 * all of them ten times a second). `ws.send` frames it anew for each socket: an options object, a
 * Buffer view, a header, and a corked two-part write that goes through the stream's buffering and
 * `writev`. Here a message is framed once, the first time any socket sends it, and every socket writes
 * that one buffer. Measured with `npm run bench -- --only fanout-30`: the per-socket JavaScript of a
 * broadcast was a third of what the server spent outside the kernel.
 */
const framed = new WeakMap<Uint8Array, Buffer>();

/** An unmasked, unfragmented binary frame (RFC 6455 §5.2), as a server sends it. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82; // FIN + binary
  if (n < 126) frame[1] = n;
  else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(payload, head);
  return frame;
}

/** The parts of a `ws` socket a pre-framed write needs; absent (other ws versions), ws.send is used. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean; writable?: boolean };
  _sender?: { _state?: number };
  _extensions?: Record<string, unknown>;
}

/** ws's socket when a pre-framed write may go straight to it, else null (then ws.send is used). */
function rawSocket(ws: WebSocket): { write(chunk: Buffer): boolean } | null {
  const w = ws as unknown as WsInternals;
  const socket = w._socket;
  if (!socket || typeof socket.write !== 'function' || w._sender?._state !== 0 || w._extensions?.['permessage-deflate'] !== undefined) return null;
  return socket;
}

const frameOf = (message: Uint8Array): Buffer => {
  let frame = framed.get(message);
  if (!frame) framed.set(message, (frame = binaryFrame(message)));
  return frame;
};

/**
 * Writes a pre-framed message straight to the socket when nothing else is in ws's send path: no
 * compression negotiated, and ws's sender idle (state 0: not compressing or reading a Blob, so it
 * queues nothing that this frame could overtake). Otherwise, or on another ws version, ws.send.
 */
export function sendBinary(ws: WebSocket, message: Uint8Array): void {
  const socket = rawSocket(ws);
  if (socket) socket.write(frameOf(message));
  else ws.send(message);
}

const together = new WeakMap<readonly Uint8Array[], Buffer>();

/**
 * Several messages, each its own frame, in one socket write; the frames of one array are joined
 * once for every socket that is sent that same array.
 */
export function sendBinaries(ws: WebSocket, messages: readonly Uint8Array[]): void {
  const socket = rawSocket(ws);
  if (!socket) {
    for (const m of messages) ws.send(m);
    return;
  }
  let frames = together.get(messages);
  if (!frames) together.set(messages, (frames = Buffer.concat(messages.map(frameOf))));
  socket.write(frames);
}
