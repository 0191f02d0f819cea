import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { readBoard } from '../../shared/board/doc';
import type { GroupingNote } from '../../shared/grouping/types';
import { loadGroupingService } from '../grouping/service';
import { HttpError } from './errors';

type BoardRoute = { Params: { boardId: string } };

/** The board's notes as the grouping sees them: text, and the category when the facilitator set it by hand. */
async function boardNotes(app: FastifyInstance, boardId: string): Promise<GroupingNote[]> {
  const notes = await app.rooms.with(boardId, (room) =>
    readBoard(room.doc).notes.map((n) => ({ id: n.id, text: n.text, category: n.category, categorySource: n.categorySource ?? undefined })),
  );
  if (!notes) throw new HttpError(404, 'board not found');
  return notes;
}

/**
 * Auto-grouping with the learned model, whose analyser dictionary is too big for a phone (facilitator only):
 * - POST /api/boards/:boardId/grouping → {grouping, reviewBelow}: every note's category, confidence, reasons
 *   and needsReview, and the topic clusters; the notes set by hand keep their category and teach the model.
 *   The board is not changed: the facilitator's browser writes the arrangement, as one undo step.
 * - POST /api/boards/:boardId/grouping/warm → 204 once the model is loaded (the board calls it on opening).
 * - GET /api/boards/:boardId/corrections.jsonl: the notes the facilitator categorised by hand, one
 *   {"id", "text", "category", "board"} per line, for an organisation's model (`npm run group -- --corrections`).
 */
export default fp(
  async (app) => {
    app.post<BoardRoute>('/api/boards/:boardId/grouping', async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const notes = await boardNotes(app, board.id);
      const service = await loadGroupingService();
      const grouping = service.group(notes);
      await app.lifecycle.audit.record(board.id, 'group', by, { notes: notes.length });
      return { grouping, reviewBelow: service.reviewBelow };
    });

    // The facilitator's board asks for this when it opens, so the first Auto-group does not wait for the dictionary.
    app.post<BoardRoute>('/api/boards/:boardId/grouping/warm', async (req, reply) => {
      await app.authorize(req, req.params.boardId, ['facilitator']);
      await loadGroupingService();
      return reply.code(204).send();
    });

    app.get<BoardRoute>('/api/boards/:boardId/corrections.jsonl', async (req, reply) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const notes = await boardNotes(app, board.id);
      if (req.method === 'GET') await app.lifecycle.audit.record(board.id, 'export', by, { format: 'corrections.jsonl' });
      const lines = notes
        .filter((n) => n.categorySource === 'manual' && n.category && n.text.trim())
        .map((n) => JSON.stringify({ id: n.id, text: n.text, category: n.category, board: board.id }));
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="corrections-${board.id}.jsonl"`)
        .header('cache-control', 'no-store')
        .send(lines.length ? lines.join('\n') + '\n' : '');
    });
  },
  { name: 'grouping', dependencies: ['store', 'auth'] },
);
