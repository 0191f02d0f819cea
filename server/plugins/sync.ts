import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { BOARD_ID_RE } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';
import type { Role } from '../../shared/board/roles';
import { CLOSE, type Connection } from '../rooms/connection';
import { roleOf } from './auth';
import { MSG_AWARENESS, ProtocolError } from '../rooms/protocol';
import { RefusedChange } from '../rooms/guardedApply';
import { PerIpCounter, TokenBucket } from '../rooms/rateLimit';
import type { Config } from '../config';
import { sendBinaries, sendBinary } from './frames';

let nextConnId = 1;

/** A close reason is at most 123 bytes of UTF-8; ws throws on a longer one. */
export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (new TextEncoder().encode(cut).length > 120) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function adapt(ws: WebSocket, role: Role, userId: string): Connection & { closed: boolean } {
  const conn = {
    id: nextConnId++,
    role,
    userId,
    closed: false,
    awarenessIds: new Set<number>(),
    send: (m: Uint8Array) => {
      if (ws.readyState === ws.OPEN) sendBinary(ws, m);
    },
    sendTogether: (messages: readonly Uint8Array[]) => {
      if (ws.readyState === ws.OPEN) sendBinaries(ws, messages);
    },
    close: (code: number, reason: string) => {
      conn.closed = true;
      ws.close(code, closeReason(reason));
    },
    bufferedAmount: () => ws.bufferedAmount,
  };
  return conn;
}

/**
 * Where a browser page that opens a socket must come from: the public URL (or a CORS_ORIGIN).
 * Without a configured PUBLIC_URL the hall's LAN address is as good as localhost, so the page
 * must then come from the host it connects to. Clients without an Origin (not browsers) pass.
 */
export function originAllowed(config: Config, publicUrl: string, req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const allowed = new Set([new URL(publicUrl).origin, ...(config.CORS_ORIGIN?.split(',').map((o) => o.trim()) ?? [])]);
  if (allowed.has(origin)) return true;
  if (config.PUBLIC_URL) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Per-socket budget for sync messages: a flood costs the sender its socket (4429) before it costs the
 * room anything. Presence has its own budget in the room (awarenessGate), which can tell a person's
 * own cursor moves from the echoes of everyone else's that a stock client sends back.
 */
export function messageGate(config: Config) {
  const updates = new TokenBucket(config.UPDATES_PER_SEC, config.UPDATES_BURST);
  return (data: Uint8Array): RefusedChange | null => {
    if (data[0] === MSG_AWARENESS || updates.take()) return null;
    return new RefusedChange(CLOSE.rateLimited, `more than ${config.UPDATES_PER_SEC} updates per second`);
  };
}

type Frame = { data: Buffer; isBinary: boolean };

/**
 * Pings every HEARTBEAT_MS and drops a socket that did not answer the last ping: a phone that left
 * the hall's Wi-Fi never sends a close, and its presence and its slot would otherwise stay for hours.
 */
export function heartbeat(ws: WebSocket, everyMs: number): void {
  if (everyMs <= 0) return;
  let answered = true;
  ws.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) return ws.terminate();
    answered = false;
    ws.ping();
  }, everyMs);
  timer.unref?.();
  ws.once('close', () => clearInterval(timer));
}

/**
 * A client breaking the websocket protocol (an oversized or malformed frame) is the client's fault and
 * ws has already closed it with the right code: the route's own listener logs it at warn, without a
 * stack. Anything else is ours, logged as an error, and the socket dropped.
 */
function onSocketError(this: unknown, err: Error & { code?: string }, socket: WebSocket, req: FastifyRequest): void {
  if (err.code?.startsWith('WS_ERR_')) return;
  req.log.error({ err }, 'websocket handler failed');
  socket.terminate();
}

/** `/ws/:boardId?token=…`: the y-websocket protocol, unchanged, so a stock WebsocketProvider connects. */
export default fp(
  async (app) => {
    const config = app.config;
    // Larger frames are refused by ws itself, which closes the socket with 1009.
    await app.register(websocket, { options: { maxPayload: config.MAX_MESSAGE_BYTES }, errorHandler: onSocketError });
    const perIp = new PerIpCounter(config.MAX_CONNECTIONS_PER_IP);

    app.get<{ Params: { boardId: string }; Querystring: { token?: string; key?: string; passcode?: string } }>(
      '/ws/:boardId',
      { websocket: true },
      async (ws, req) => {
        ws.binaryType = 'nodebuffer';
        // First of all: a socket error with no listener would take the whole process down.
        ws.on('error', (err: Error & { code?: string }) => req.log.warn({ err: err.message, code: err.code }, 'socket error'));
        heartbeat(ws, config.HEARTBEAT_MS);
        const { boardId } = req.params;
        // Messages that arrive while the board loads are kept, in order, not dropped.
        const early: Frame[] = [];
        const buffer = (data: Buffer, isBinary: boolean) => early.push({ data, isBinary });
        ws.on('message', buffer);
        if (!originAllowed(config, app.publicUrl(), req)) return ws.close(CLOSE.forbidden, 'this page may not open the board');
        const ip = req.ip;
        if (!perIp.open(ip)) return ws.close(CLOSE.rateLimited, `more than ${config.MAX_CONNECTIONS_PER_IP} connections from one address`);
        ws.once('close', () => perIp.close(ip));
        const token = typeof req.query.token === 'string' ? req.query.token : '';
        // A stable author id a client cannot forge: derived from its secret per-browser key, as the browser derives it.
        const userId = await userIdFromKey(typeof req.query.key === 'string' ? req.query.key : '');
        if (!BOARD_ID_RE.test(boardId)) return ws.close(CLOSE.unknownBoard, 'board not found');
        const room = await app.rooms.acquire(boardId).catch((err) => {
          req.log.error({ err, boardId }, 'board could not be loaded');
          return undefined;
        });
        if (room === undefined) return ws.close(CLOSE.internal, 'board could not be loaded');
        if (room === null) return ws.close(CLOSE.unknownBoard, 'board not found');
        const role = token ? roleOf(room.record, token) : null;
        if (!role) {
          app.rooms.release(boardId);
          return ws.close(CLOSE.badToken, token ? 'this token does not open this board' : 'token required');
        }
        const passcode = typeof req.query.passcode === 'string' ? req.query.passcode : undefined;
        const admitted = app.doorkeeper.admit(room.access, role, passcode, ip);
        if (!admitted.ok) {
          app.rooms.release(boardId);
          return ws.close(admitted.reason === 'too many wrong passcodes' ? CLOSE.rateLimited : CLOSE.passcode, admitted.reason);
        }
        if (ws.readyState !== ws.OPEN) return app.rooms.release(boardId);
        const conn = adapt(ws, role, userId);
        const gate = messageGate(config);
        const refuse = (code: number, reason: string, logMessage: string) => {
          req.log.warn({ boardId, conn: conn.id, code, reason }, logMessage);
          conn.close(code, reason);
        };
        const onMessage = (data: Buffer, isBinary: boolean) => {
          // Frames already received when the socket was closed are not this room's business any more.
          if (conn.closed) return;
          if (!isBinary) return refuse(CLOSE.invalidPayload, 'binary messages only', 'text frame');
          const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
          const limited = gate(bytes);
          if (limited) return refuse(limited.code, limited.message, 'limit reached');
          try {
            room.handleMessage(conn, bytes);
          } catch (err) {
            if (err instanceof RefusedChange) return refuse(err.code, err.message, 'message refused');
            if (err instanceof ProtocolError) return refuse(err.code, err.message, 'malformed message');
            req.log.error({ boardId, conn: conn.id, err }, 'message failed');
            conn.close(CLOSE.invalidPayload, 'message could not be applied');
          }
        };
        ws.off('message', buffer);
        ws.on('message', onMessage);
        ws.on('close', () => {
          conn.closed = true;
          room.removeConnection(conn);
          app.rooms.release(boardId);
        });
        room.addConnection(conn);
        for (const f of early) onMessage(f.data, f.isBinary);
      },
    );
  },
  { name: 'sync', dependencies: ['store'] },
);
