import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import * as Y from 'yjs';
import { z } from 'zod';
import { CreateBoardSchema, type TemplateId } from '../../shared/board/schema';
import { newBoardId } from '../../shared/board/ids';
import { newTokens, openTokens, storeTokens, type BoardTokens } from '../store/tokens';
import { initBoard } from '../../shared/board/templates';
import { readBoard, setMeta } from '../../shared/board/doc';
import type { Role } from '../../shared/board/roles';
import { HttpError, parseInput } from './errors';
import { tokenFrom } from './auth';
import type { BoardRecord } from '../store/store';

type BoardParams = { Params: { boardId: string } };

export const linksFor = (base: string, boardId: string, tokens: BoardTokens): Record<Role, string> => ({
  facilitator: `${base}/b/${boardId}?token=${tokens.facilitator}`,
  participant: `${base}/b/${boardId}?token=${tokens.participant}`,
  viewer: `${base}/b/${boardId}?token=${tokens.viewer}`,
});

/**
 * Every token of a board, opened with the facilitator's token the request carries (the store keeps
 * hashes, and the other two sealed under the facilitator's): what rotation and the links page need.
 */
export function tokensOf(req: FastifyRequest, board: BoardRecord): BoardTokens {
  const tokens = openTokens(board.id, board.tokens, tokenFrom(req) ?? '');
  if (!tokens) throw new HttpError(500, "this board's stored links cannot be opened");
  return tokens;
}

/** Creating boards, their summary and the lock. */
export default fp(
  async (app) => {
    app.post('/api/boards', async (req, reply) => {
      const input = parseInput(CreateBoardSchema, req.body);
      const template: TemplateId = input.template ?? 'impressions-unclear';
      const id = newBoardId();
      const tokens = newTokens();
      const board: BoardRecord = { id, title: input.title || 'ワークショップ', createdAt: Date.now(), tokens: storeTokens(id, tokens), locked: false };
      const doc = new Y.Doc();
      initBoard(doc, { title: board.title, template, groups: input.groups ?? 3, anonymous: input.anonymous });
      await app.store.createBoard(board, Y.encodeStateAsUpdate(doc));
      doc.destroy();
      req.log.info({ boardId: board.id, template }, 'board created');
      return reply.code(201).send({
        boardId: board.id,
        facilitatorToken: tokens.facilitator,
        participantToken: tokens.participant,
        viewerToken: tokens.viewer,
        links: linksFor(app.publicUrl(), board.id, tokens),
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
      return { links: linksFor(app.publicUrl(), board.id, tokensOf(req, board)) };
    });

    app.post<BoardParams>('/api/boards/:boardId/lock', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      const { locked } = parseInput(z.object({ locked: z.boolean() }).strict(), req.body);
      await app.store.updateBoard(board.id, { locked });
      await app.rooms.with(board.id, (room) => {
        room.record = { ...room.record, locked };
        room.transact((doc) => setMeta(doc, { locked }));
        room.publishControl({ type: 'record-changed' });
      });
      req.log.info({ boardId: board.id, locked }, 'board lock changed');
      return { locked };
    });

    // Downloads (export.json/csv/xlsx/md) live in plugins/export.ts.

    // Other processes changed this board's record (lock, tokens): reload it from the store.
    app.rooms.onControl = async (room, control) => {
      if (control.type === 'record-changed' || control.type === 'tokens-rotated') {
        const fresh = await app.store.getBoard(room.boardId);
        if (fresh) room.record = fresh;
      }
    };
  },
  { name: 'boards', dependencies: ['store', 'auth'] },
);
