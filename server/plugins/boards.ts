import fp from 'fastify-plugin';
import * as Y from 'yjs';
import { z } from 'zod';
import { CreateBoardSchema, type TemplateId } from '../../shared/board/schema';
import { newBoardId, newToken } from '../../shared/board/ids';
import { initBoard } from '../../shared/board/templates';
import { readBoard } from '../../shared/board/doc';
import type { Role } from '../../shared/board/roles';
import { HttpError, parseInput } from './errors';
import type { BoardRecord } from '../store/store';

type BoardParams = { Params: { boardId: string } };

export const linksFor = (base: string, board: BoardRecord): Record<Role, string> => ({
  facilitator: `${base}/b/${board.id}?token=${board.tokens.facilitator}`,
  participant: `${base}/b/${board.id}?token=${board.tokens.participant}`,
  viewer: `${base}/b/${board.id}?token=${board.tokens.viewer}`,
});

/** Creating boards, their summary and the lock. */
export default fp(
  async (app) => {
    app.post('/api/boards', async (req, reply) => {
      const input = parseInput(CreateBoardSchema, req.body);
      const template: TemplateId = input.template ?? 'impressions-unclear';
      const board: BoardRecord = {
        id: newBoardId(),
        title: input.title || 'ワークショップ',
        createdAt: Date.now(),
        tokens: { facilitator: newToken(), participant: newToken(), viewer: newToken() },
        locked: false,
      };
      const doc = new Y.Doc();
      initBoard(doc, { title: board.title, template, groups: input.groups ?? 3, anonymous: input.anonymous });
      await app.store.createBoard(board, Y.encodeStateAsUpdate(doc));
      doc.destroy();
      req.log.info({ boardId: board.id, template }, 'board created');
      return reply.code(201).send({
        boardId: board.id,
        facilitatorToken: board.tokens.facilitator,
        participantToken: board.tokens.participant,
        viewerToken: board.tokens.viewer,
        links: linksFor(app.publicUrl(), board),
      });
    });

    app.get<BoardParams>('/api/boards/:boardId', async (req) => {
      const { board, role } = await app.authorize(req, req.params.boardId, ['facilitator', 'participant', 'viewer']);
      const view = await app.rooms.with(board.id, (room) => readBoard(room.doc));
      if (!view) throw new HttpError(404, 'board not found');
      return {
        boardId: board.id,
        title: view.meta.title || board.title,
        template: view.meta.template,
        role,
        locked: board.locked,
        anonymous: view.meta.anonymous,
        noteCount: view.notes.length,
        brokenNoteCount: view.broken.length,
        sectionCount: view.sections.length,
        groups: [...new Set(view.sections.map((s) => s.group))],
        createdAt: board.createdAt,
      };
    });

    app.get<BoardParams>('/api/boards/:boardId/links', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      return { links: linksFor(app.publicUrl(), board) };
    });

    app.post<BoardParams>('/api/boards/:boardId/lock', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { locked } = parseInput(z.object({ locked: z.boolean() }).strict(), req.body);
      await app.lifecycle.lock(board, locked);
      return { locked };
    });

    // Downloads (export.json/csv/xlsx/md) live in plugins/export.ts.
  },
  { name: 'boards', dependencies: ['store', 'auth'] },
);
