import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { HttpError, parseInput } from './errors';
import { linksFor } from './boards';

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

    app.post<BoardParams>('/api/boards/:boardId/rotate', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { roles } = parseInput(RotateSchema, req.body);
      const fresh = await app.lifecycle.rotate(board, roles);
      return { links: linksFor(app.publicUrl(), fresh), ...Object.fromEntries(roles.map((r) => [`${r}Token`, fresh.tokens[r]])) };
    });

    app.delete<BoardParams>('/api/boards/:boardId', async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      await app.lifecycle.delete(board);
      return reply.code(204).send();
    });

    app.post<BoardParams>('/api/boards/:boardId/settings', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { viewerCursors } = parseInput(SettingsSchema, req.body);
      if (!(await app.lifecycle.settings(board, { viewerCursors }))) throw new HttpError(404, 'board not found');
      return { viewerCursors };
    });
  },
  { name: 'admin', dependencies: ['store', 'auth'] },
);
