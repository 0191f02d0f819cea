import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import { createHash } from 'node:crypto';
import type { WebSocket } from 'ws';
import { BOARD_ID_RE } from '../../shared/board/ids';
import type { Role } from '../../shared/board/roles';
import { CLOSE, type Connection } from '../rooms/connection';
import { roleOf } from './auth';
import { ProtocolError } from '../rooms/protocol';

let nextConnId = 1;

/** A stable author id a client cannot forge: derived from its secret per-browser key. */
export const userIdFromKey = (key: string): string =>
  key ? createHash('sha256').update(`fusen-user:${key}`).digest('base64url').slice(0, 22) : '';

function adapt(ws: WebSocket, role: Role, userId: string): Connection {
  return {
    id: nextConnId++,
    role,
    userId,
    awarenessIds: new Set(),
    send: (m) => {
      if (ws.readyState === ws.OPEN) ws.send(m);
    },
    close: (code, reason) => ws.close(code, reason),
    bufferedAmount: () => ws.bufferedAmount,
  };
}

/** `/ws/:boardId?token=…`: the y-websocket protocol, unchanged, so a stock WebsocketProvider connects. */
export default fp(
  async (app) => {
    await app.register(websocket, { options: { maxPayload: app.config.MAX_MESSAGE_BYTES } });

    app.get<{ Params: { boardId: string }; Querystring: { token?: string; key?: string } }>(
      '/ws/:boardId',
      { websocket: true },
      async (ws, req) => {
        ws.binaryType = 'nodebuffer';
        const { boardId } = req.params;
        // Messages that arrive while the board loads are kept, in order, not dropped.
        const early: Buffer[] = [];
        const buffer = (d: Buffer) => early.push(d);
        ws.on('message', buffer);
        const token = typeof req.query.token === 'string' ? req.query.token : '';
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
        if (ws.readyState !== ws.OPEN) return app.rooms.release(boardId);
        const conn = adapt(ws, role, userIdFromKey(typeof req.query.key === 'string' ? req.query.key.slice(0, 128) : ''));
        const onMessage = (data: Buffer, isBinary = true) => {
          if (!isBinary) return conn.close(CLOSE.invalidPayload, 'binary messages only');
          try {
            room.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          } catch (err) {
            const bad = err instanceof ProtocolError;
            req.log.warn({ boardId, conn: conn.id, err: (err as Error).message }, bad ? 'malformed message' : 'message failed');
            conn.close(CLOSE.invalidPayload, bad ? 'malformed message' : 'message could not be applied');
          }
        };
        ws.off('message', buffer);
        ws.on('message', onMessage);
        ws.on('close', () => {
          room.removeConnection(conn);
          app.rooms.release(boardId);
        });
        ws.on('error', (err) => req.log.warn({ boardId, err: err.message }, 'socket error'));
        room.addConnection(conn);
        for (const d of early) onMessage(d);
      },
    );
  },
  { name: 'sync', dependencies: ['store'] },
);
