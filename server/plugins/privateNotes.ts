import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import { API } from '../../shared/api/contract';
import { BOARD_ID_RE } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';
import { CLOSE } from '../rooms/connection';
import { RefusedChange } from '../rooms/guardedApply';
import { ProtocolError } from '../rooms/protocol';
import { PerIpCounter } from '../rooms/rateLimit';
import { PrivateDesks } from '../rooms/privateDesks';
import type { Room } from '../rooms/room';
import { roleOf } from './auth';
import { HttpError } from './errors';
import { serve } from './contract';
import { adapt, heartbeat, messageGate, originAllowed } from './sync';

/** How often an open private notes socket checks that its board and its link still stand. */
const RECHECK_MS = 2_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every participant's private notes loaded in this process (rooms/privateDesks.ts). */
    privateDesks: PrivateDesks;
  }
}

/**
 * Private writing (issue 24): `/ws/:boardId/private?token=…&key=…` syncs one participant's private notes
 * with their own devices only — the participant link opens it, and the device key says whose notes they
 * are, so nobody can open another person's — and the facilitator counts and reveals them over REST.
 */
export default fp(
  async (app) => {
    const config = app.config;
    const desks = new PrivateDesks({ store: app.store, bus: app.bus, instanceId: app.rooms.instanceId, log: app.log });
    app.decorate('privateDesks', desks);
    app.addHook('onClose', async () => desks.closeAll());
    // Counted apart from the board's sockets (a participant holds one of each), to the same limit.
    const perIp = new PerIpCounter(config.MAX_CONNECTIONS_PER_IP);

    app.get<{ Params: { boardId: string }; Querystring: { token?: string; key?: string; passcode?: string } }>(
      '/ws/:boardId/private',
      { websocket: true },
      async (ws, req) => {
        ws.binaryType = 'nodebuffer';
        ws.on('error', (err: Error & { code?: string }) => req.log.warn({ err: err.message, code: err.code }, 'socket error'));
        heartbeat(ws, config.HEARTBEAT_MS);
        const early: { data: Buffer; isBinary: boolean }[] = [];
        const buffer = (data: Buffer, isBinary: boolean) => early.push({ data, isBinary });
        ws.on('message', buffer);
        if (!originAllowed(config, app.publicUrl(), req)) return ws.close(CLOSE.forbidden, 'this page may not open the board');
        const ip = req.ip;
        if (!perIp.open(ip)) return ws.close(CLOSE.rateLimited, `more than ${config.MAX_CONNECTIONS_PER_IP} connections from one address`);
        ws.once('close', () => perIp.close(ip));
        const { boardId } = req.params;
        if (!BOARD_ID_RE.test(boardId)) return ws.close(CLOSE.unknownBoard, 'board not found');
        const token = typeof req.query.token === 'string' ? req.query.token : '';
        const key = typeof req.query.key === 'string' ? req.query.key : '';
        const room = await app.rooms.acquire(boardId).catch(() => undefined);
        if (room === undefined) return ws.close(CLOSE.internal, 'board could not be loaded');
        if (room === null) return ws.close(CLOSE.unknownBoard, 'board not found');
        const leave = () => app.rooms.release(boardId);
        const role = token ? roleOf(room.record, token) : null;
        if (!role) return leave(), ws.close(CLOSE.badToken, token ? 'this token does not open this board' : 'token required');
        if (role !== 'participant') return leave(), ws.close(CLOSE.forbidden, 'private notes are a participant’s');
        if (!key) return leave(), ws.close(CLOSE.forbidden, 'private notes need the device key');
        const admitted = app.doorkeeper.admit(room.access, role, typeof req.query.passcode === 'string' ? req.query.passcode : undefined, req.ip);
        if (!admitted.ok) return leave(), ws.close(admitted.reason === 'too many wrong passcodes' ? CLOSE.rateLimited : CLOSE.passcode, admitted.reason);
        const authorId = await userIdFromKey(key);
        const desk = await desks.acquire(boardId, authorId).catch((err: unknown) => {
          req.log.error({ err, boardId }, 'private notes could not be loaded');
          return null;
        });
        if (!desk) return leave(), ws.close(CLOSE.internal, 'private notes could not be loaded');
        if (ws.readyState !== ws.OPEN) return desks.release(boardId, authorId), leave();
        serveDesk(ws, room, token, () => {
          desks.release(boardId, authorId);
          leave();
        });

        function serveDesk(socket: WebSocket, r: Room, t: string, done: () => void) {
          const conn = adapt(socket, role!, authorId);
          const gate = messageGate(config);
          const refuse = (code: number, reason: string) => {
            req.log.warn({ boardId, conn: conn.id, code, reason }, 'private notes message refused');
            conn.close(code, reason);
          };
          /** The board deleted, or the participant link rotated, since this socket opened: it is closed. */
          const stillOpen = (): boolean => {
            if (r.deleted || r.destroyed) refuse(CLOSE.boardDeleted, 'the facilitator deleted this board');
            else if (roleOf(r.record, t) !== 'participant') refuse(CLOSE.badToken, 'this token does not open this board');
            return !conn.closed;
          };
          // Also without a message: the board's own sockets are closed at once, and so are these, soon after.
          const watch = setInterval(() => !conn.closed && stillOpen(), RECHECK_MS);
          watch.unref?.();
          const onMessage = (data: Buffer, isBinary: boolean) => {
            if (conn.closed || !stillOpen()) return;
            if (!isBinary) return refuse(CLOSE.invalidPayload, 'binary messages only');
            const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            const limited = gate(bytes);
            if (limited) return refuse(limited.code, limited.message);
            try {
              desk!.handleMessage(conn, bytes, r.canWriteNow(conn));
            } catch (err) {
              if (err instanceof RefusedChange || err instanceof ProtocolError) return refuse(err.code, err.message);
              req.log.error({ boardId, conn: conn.id, err }, 'private notes message failed');
              conn.close(CLOSE.invalidPayload, 'message could not be applied');
            }
          };
          socket.off('message', buffer);
          socket.on('message', onMessage);
          socket.on('close', () => {
            clearInterval(watch);
            conn.closed = true;
            desk!.removeConnection(conn);
            done();
          });
          desk!.addConnection(conn);
          for (const f of early) onMessage(f.data, f.isBinary);
        }
      },
    );

    serve(app, API.privateCounts, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const counts = await app.rooms.with(board.id, (room) => desks.counts(room));
      if (!counts) throw new HttpError(404, 'board not found');
      return counts;
    });

    serve(app, API.reveal, async (req) => {
      const { board, role, userId } = await app.authorize(req, req.params.boardId, ['facilitator', 'participant']);
      const { group } = req.body;
      if (role === 'participant' && group !== undefined) throw new HttpError(403, 'a participant reveals only their own notes', 'group');
      if (role === 'participant' && !userId) throw new HttpError(400, 'give the device key (X-Client-Key) whose notes to reveal', 'X-Client-Key');
      const answer = await app.rooms.with(board.id, (room) => {
        if (role === 'participant' && !room.canWriteNow({ role } as never)) throw new HttpError(403, 'the board is locked or the session has ended');
        return desks.reveal(room, role === 'participant' ? { authorId: userId! } : { group });
      });
      if (!answer) throw new HttpError(404, 'board not found');
      await app.lifecycle.audit.record(board.id, 'reveal', { role, userId }, { revealed: answer.revealed, authors: answer.authors, ...(group ? { group } : {}) });
      return answer;
    });
  },
  { name: 'privateNotes', dependencies: ['store', 'auth', 'sync'] },
);
