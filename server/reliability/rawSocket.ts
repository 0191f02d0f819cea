import WebSocket from 'ws';

/** A bare websocket to a board, for sending exactly the bytes a test wants and seeing how it ends. */
export function rawSocket(wsUrl: string, boardId: string, token: string, opts: { headers?: Record<string, string>; query?: string } = {}) {
  const ws = new WebSocket(`${wsUrl}/${boardId}?token=${encodeURIComponent(token)}${opts.query ?? ''}`, { headers: opts.headers });
  ws.on('error', () => {});
  const received: Buffer[] = [];
  ws.on('message', (d: Buffer) => received.push(d));
  const opened = new Promise<void>((res) => ws.once('open', () => res()));
  const closed = new Promise<{ code: number; reason: string }>((res) => ws.once('close', (code, reason) => res({ code, reason: reason.toString() })));
  return { ws, opened, closed, received };
}
