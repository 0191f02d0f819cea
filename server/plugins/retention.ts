import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { deleteAfter, startRetention } from '../rooms/retention';
import { HttpError } from './errors';
import { serve } from './contract';

/**
 * RETENTION_DAYS: boards nobody changed for that long are deleted by a sweep in every process, and
 * their facilitator can put it off, once per period.
 */
export default fp(
  async (app) => {
    const days = app.config.RETENTION_DAYS;
    if (days !== undefined) {
      let stop: (() => void) | null = null;
      app.addHook('onReady', async () => {
        stop = startRetention(app.store, app.lifecycle, days, app.log);
      });
      app.addHook('onClose', async () => stop?.());
    }

    serve(app, API.extendRetention, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      if (days === undefined) throw new HttpError(409, 'this server keeps every board without a time limit (RETENTION_DAYS is not set)');
      const activity = await app.store.boardActivity(board.id);
      if (!activity) throw new HttpError(404, 'board not found');
      const now = Date.now();
      if (activity.extendedAt !== null && now - activity.extendedAt < deleteAfter(0, days)) {
        throw new HttpError(409, `this board's keeping was already extended on ${new Date(activity.extendedAt).toISOString().slice(0, 10)}: once per ${days} days`);
      }
      await app.store.extendBoard(board.id, now);
      await app.lifecycle.audit.record(board.id, 'extend', by, { retentionDays: days });
      return { deleteAfter: new Date(deleteAfter(now, days)).toISOString() };
    });
  },
  { name: 'retention', dependencies: ['store', 'auth'] },
);
