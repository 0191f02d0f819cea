import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import * as Y from 'yjs';
import type { TemplateId } from '../../shared/board/schema';
import type { FastifyRequest } from 'fastify';
import { newBoardId } from '../../shared/board/ids';
import { newTokens, openTokens, sealForSeries, storeTokens, type BoardTokens } from '../store/tokens';
import { initBoard } from '../../shared/board/templates';
import { readBoard } from '../../shared/board/doc';
import { keptFromViewers } from '../../shared/board/moderation';
import type { Role } from '../../shared/board/roles';
import { API } from '../../shared/api/contract';
import { HttpError } from './errors';
import { tokenFrom } from './auth';
import { serve } from './contract';
import { deleteAfter } from '../rooms/retention';
import { hashPasscode } from '../rooms/access';
import { UnknownSeriesError, type BoardRecord } from '../store/store';
import { openSeries } from '../series/access';

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

/** A new board: its record (fresh id, the tokens kept as the store keeps them, unlocked) and its tokens. */
export function newBoard(title: string): { record: BoardRecord; tokens: BoardTokens } {
  const id = newBoardId();
  const tokens = newTokens();
  return { record: { id, title, createdAt: Date.now(), tokens: storeTokens(id, tokens), locked: false }, tokens };
}

/** What the creator of a board is told: its id, its three tokens and links. The only time tokens are shown. */
export const createdBoard = (base: string, boardId: string, tokens: BoardTokens) => ({
  boardId,
  facilitatorToken: tokens.facilitator,
  participantToken: tokens.participant,
  viewerToken: tokens.viewer,
  links: linksFor(base, boardId, tokens),
});

/** Creating boards (at most BOARDS_PER_IP_PER_HOUR from one address), their summary, links and the lock. */
export default fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
    const perHour = app.config.BOARDS_PER_IP_PER_HOUR;
    const boardsPerHour = {
      max: perHour,
      timeWindow: 60 * 60 * 1000,
      errorResponseBuilder: (_req: unknown, { ttl }: { ttl: number }) =>
        new HttpError(429, `at most ${perHour} new boards per hour from one address; try again in ${Math.ceil(ttl / 60_000)} min`),
    };
    const createOptions = perHour === 0 ? {} : { config: { rateLimit: boardsPerHour } };
    serve(app, API.createBoard, async (req) => {
      const input = req.body;
      const template: TemplateId = input.template ?? 'impressions-unclear';
      const expiresAt = input.expiresAt === undefined ? null : Date.parse(input.expiresAt);
      if (expiresAt !== null && expiresAt <= Date.now()) throw new HttpError(400, 'expiresAt: the session would end before it starts', 'expiresAt');
      const series = input.series && (await openSeries(app, input.series.id, input.series.token, 'series'));
      const { record: board, tokens } = newBoard(input.title || 'ワークショップ');
      const inSeries = series ? { seriesId: series.id, sealedToken: sealForSeries(series.id, input.series!.token, board.id, tokens.facilitator) } : undefined;
      const doc = new Y.Doc();
      initBoard(doc, { title: board.title, template, groups: input.groups ?? 3, anonymous: input.anonymous });
      await app.store.createBoard(board, Y.encodeStateAsUpdate(doc), inSeries).catch((err: unknown) => {
        throw err instanceof UnknownSeriesError ? new HttpError(404, 'series not found', 'series.id') : err;
      });
      doc.destroy();
      if (input.passcode !== undefined || expiresAt !== null) {
        await app.store.setAccess(board.id, { passcodeHash: input.passcode === undefined ? null : hashPasscode(input.passcode), expiresAt });
      }
      req.log.info({ boardId: board.id, template, ...(series ? { seriesId: series.id } : {}) }, 'board created');
      return createdBoard(app.publicUrl(), board.id, tokens);
    }, createOptions);

    const retentionOf = async (boardId: string) => {
      const days = app.config.RETENTION_DAYS;
      const activity = days === undefined ? null : await app.store.boardActivity(boardId);
      return activity && days !== undefined ? { deleteAfter: new Date(deleteAfter(activity.touchedAt, days)).toISOString() } : {};
    };

    const accessOf = async (boardId: string) => {
      const { passcodeHash, expiresAt } = await app.store.getAccess(boardId);
      return { passcode: passcodeHash !== null, ...(expiresAt === null ? {} : { expiresAt: new Date(expiresAt).toISOString() }) };
    };

    serve(app, API.endSession, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      return { expiresAt: new Date(await app.lifecycle.endSession(board, by)).toISOString() };
    });

    serve(app, API.boardInfo, async (req) => {
      const { board, role } = await app.authorize(req, req.params.boardId, ['facilitator', 'participant', 'viewer']);
      // The viewer link counts only what it may show (approval before the projector).
      const read = await app.rooms.with(board.id, (room) => ({ view: readBoard(room.doc), kept: role === 'viewer' ? keptFromViewers(room.doc) : new Set<string>() }));
      if (!read) throw new HttpError(404, 'board not found');
      const { kept } = read;
      const view = { ...read.view, notes: read.view.notes.filter((n) => !kept.has(n.id)), broken: read.view.broken.filter((b) => !kept.has(b.id)) };
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
        ...(await retentionOf(board.id)),
        ...(await accessOf(board.id)),
      };
    });

    serve(app, API.links, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, ['facilitator']);
      return { links: linksFor(app.publicUrl(), board.id, tokensOf(req, board)) };
    });

    serve(app, API.lock, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, ['facilitator']);
      await app.lifecycle.lock(board, req.body.locked, by);
      return { locked: req.body.locked };
    });

    // Downloads (export.json/csv/xlsx/md) live in plugins/export.ts.
  },
  { name: 'boards', dependencies: ['store', 'auth'] },
);
