import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { setNudge } from '../../shared/board/readiness';
import { HttpError } from './errors';
import { serve } from './contract';

/**
 * The facilitator's 「あと1分です」 (issue 24): written into the board's meta as the server, with the server's
 * clock, so it reaches every socket of the board in every process the way any change does (the bus carries
 * doc updates), viewers' projection included; each device shows it as a banner when `at` changes.
 */
export default fp(
  async (app) => {
    serve(app, API.nudge, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const nudge = { at: Date.now(), ...(req.body.message ? { message: req.body.message } : {}) };
      const done = await app.rooms.with(board.id, (room) => room.transact((doc) => setNudge(doc, nudge)));
      if (done === null) throw new HttpError(404, 'board not found');
      return nudge;
    });
  },
  { name: 'readiness', dependencies: ['store', 'auth'] },
);
