import fp from 'fastify-plugin';
import { API } from '../../shared/api/contract';
import { notesOf, readBoard } from '../../shared/board/doc';
import { hiddenNotes, moderationOn, moderationQueue, setModeration, type ModerationState, type QueuedNote } from '../../shared/board/moderation';
import { noteGroup } from '../../shared/board/people';
import type { Section } from '../../shared/board/schema';
import { HttpError } from './errors';
import { serve } from './contract';

const asQueued = ({ note, warnings }: QueuedNote, sections: readonly Section[]) => ({
  noteId: note.id,
  text: note.text,
  sectionId: note.sectionId,
  group: noteGroup(note, sections),
  author: note.author,
  createdAt: note.createdAt,
  warnings,
});

/**
 * Approval before the projector (issue 24): the facilitator's queue, and approve / hide of one note.
 * The marks are written into the board doc as the server (shared/board/moderation.ts), so every
 * process's viewer projection (rooms/extensions/viewerProjection.ts) follows them; the audit log
 * names the note, never its text.
 */
export default fp(
  async (app) => {
    serve(app, API.moderationQueue, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const answer = await app.rooms.with(board.id, (room) => {
        const { sections } = readBoard(room.doc);
        return {
          moderation: moderationOn(room.doc),
          queue: moderationQueue(room.doc).map((q) => asQueued(q, sections)),
          hidden: hiddenNotes(room.doc).map((q) => asQueued(q, sections)),
        };
      });
      if (!answer) throw new HttpError(404, 'board not found');
      return answer;
    });

    const mark = (state: ModerationState) => async (req: { params: { boardId: string; noteId: string } } & Parameters<typeof app.authorize>[0]) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { noteId } = req.params;
      const at = Date.now();
      const found = await app.rooms.with(board.id, (room) => {
        if (!notesOf(room.doc).has(noteId)) return false;
        room.transact((doc) => setModeration(doc, [noteId], state, null, at));
        return true;
      });
      if (found === null) throw new HttpError(404, 'board not found');
      if (!found) throw new HttpError(404, 'note not found', 'noteId');
      await app.lifecycle.audit.record(board.id, state === 'approved' ? 'approve' : 'hide', by, { noteId });
      return { noteId, state, at };
    };
    serve(app, API.approveNote, mark('approved'));
    serve(app, API.hideNote, mark('hidden'));
  },
  { name: 'moderation', dependencies: ['store', 'auth'] },
);
