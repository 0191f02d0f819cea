import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { newToken } from '../../shared/board/ids';
import { storeTokens } from '../store/tokens';
import { setMeta } from '../../shared/board/doc';
import { CLOSE } from '../rooms/connection';
import { busMessage, BUS_CONTROL, type ControlMessage } from '../rooms/busMessages';
import type { Room } from '../rooms/room';
import { HttpError, parseInput } from './errors';
import { linksFor, tokensOf } from './boards';

type BoardParams = { Params: { boardId: string } };

const RotateSchema = z.object({ roles: z.array(z.enum(['participant', 'viewer'])).min(1) }).strict();
const SettingsSchema = z.object({ viewerCursors: z.boolean() }).strict();

/**
 * The facilitator's control over a board's links and life: rotate the participant/viewer links
 * (old ones stop working at once, their sockets are closed in every process), delete the board
 * (data gone from the store, every socket closed), allow viewers' cursors. Also the per-address
 * limit on creating boards.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
    const boardsPerHour = app.createRateLimit({ max: app.config.BOARDS_PER_IP_PER_HOUR, timeWindow: 60 * 60 * 1000 });
    app.addHook('onRequest', async (req, reply) => {
      if (req.method !== 'POST' || req.routeOptions.url !== '/api/boards' || app.config.BOARDS_PER_IP_PER_HOUR === 0) return;
      const r = await boardsPerHour(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new HttpError(429, `at most ${app.config.BOARDS_PER_IP_PER_HOUR} new boards per hour from one address; try again in ${Math.ceil(r.ttlInSeconds / 60)} min`);
      }
    });

    /** Tells every process serving the board, whether or not this one has it loaded. */
    const publishControl = (boardId: string, control: ControlMessage) =>
      app.bus.publish(`board:${boardId}`, busMessage(BUS_CONTROL, app.rooms.instanceId, control));

    app.post<BoardParams>('/api/boards/:boardId/rotate', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { roles } = parseInput(RotateSchema, req.body);
      const tokens = tokensOf(req, board);
      for (const role of roles) tokens[role] = newToken();
      const stored = storeTokens(board.id, tokens);
      await app.store.updateBoard(board.id, { tokens: stored });
      const room = await app.rooms.peek(board.id);
      if (room) room.record = { ...room.record, tokens: stored };
      publishControl(board.id, { type: 'tokens-rotated', roles });
      const closed = await app.rooms.closeRoles(board.id, roles, CLOSE.badToken, 'this link was replaced; ask the facilitator for the new one');
      req.log.info({ boardId: board.id, roles, closed }, 'links rotated');
      return { links: linksFor(app.publicUrl(), board.id, tokens), ...Object.fromEntries(roles.map((r) => [`${r}Token`, tokens[r]])) };
    });

    app.delete<BoardParams>('/api/boards/:boardId', async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      // Nothing more is written for it from here on, and what was in flight is stored before the delete.
      const room = await app.rooms.peek(board.id);
      if (room) {
        room.deleted = true;
        await room.flush();
      }
      await app.store.deleteBoard(board.id);
      publishControl(board.id, { type: 'deleted' });
      await app.rooms.forget(board.id, CLOSE.boardDeleted, 'the facilitator deleted this board');
      req.log.info({ boardId: board.id }, 'board deleted');
      return reply.code(204).send();
    });

    app.post<BoardParams>('/api/boards/:boardId/settings', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { viewerCursors } = parseInput(SettingsSchema, req.body);
      const done = await app.rooms.with(board.id, (room) => room.transact((doc) => setMeta(doc, { viewerCursors })));
      if (done === null) throw new HttpError(404, 'board not found');
      return { viewerCursors };
    });

    // The same, in every other process that has the board loaded.
    app.rooms.controlListeners.push(async (room: Room, control: ControlMessage) => {
      if (control.type === 'tokens-rotated') {
        const fresh = await app.store.getBoard(room.boardId);
        if (fresh) room.record = fresh;
        await app.rooms.closeRoles(room.boardId, control.roles, CLOSE.badToken, 'this link was replaced; ask the facilitator for the new one');
      } else if (control.type === 'deleted') {
        await app.rooms.forget(room.boardId, CLOSE.boardDeleted, 'the facilitator deleted this board');
      }
    });
  },
  { name: 'admin', dependencies: ['store', 'auth'] },
);
