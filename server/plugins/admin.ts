import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { HttpError } from './errors';
import { linksFor, tokensOf } from './boards';
import { serve } from './contract';

/**
 * The facilitator's control over a board's links and life: rotate the participant/viewer links
 * (old ones stop working at once, their sockets are closed in every process), delete the board
 * (data gone from the store, every socket closed), allow viewers' cursors, and read the board's audit log. The work is the
 * lifecycle's (rooms/lifecycle.ts); these routes check who asks and say what was done.
 */
export default fp(
  async (app) => {
    serve(app, API.rotate, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { roles } = req.body;
      const tokens = await app.lifecycle.rotate(board, tokensOf(req, board), roles, by);
      return { links: linksFor(app.publicUrl(), board.id, tokens), ...Object.fromEntries(roles.map((r) => [`${r}Token`, tokens[r]])) };
    });

    serve(app, API.deleteBoard, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      await app.lifecycle.delete(board, by);
    });

    serve(app, API.settings, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      if (!(await app.lifecycle.settings(board, req.body, by))) throw new HttpError(404, 'board not found');
      return req.body;
    });

    serve(app, API.audit, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      return { entries: await app.store.listAudit(board.id) };
    });
  },
  { name: 'admin', dependencies: ['store', 'auth'] },
);
