import fp from 'fastify-plugin';
import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from '../../shared/board/schema';
import { newBoardId } from '../../shared/board/ids';
import { newTokens, storeTokens } from '../store/tokens';
import { readMeta, setMeta } from '../../shared/board/doc';
import { toJsonExport } from '../../shared/export/json';
import type { BoardRecord } from '../store/store';
import { findSnapshot, snapshotSource, SNAPSHOTS_PER_BOARD, takeSnapshot } from '../export/source';
import { linksFor } from './boards';
import { startAutoSnapshots } from '../export/autoSnapshot';
import { HttpError, parseInput } from './errors';

type BoardParams = { Params: { boardId: string } };
type SnapshotParams = { Params: { boardId: string; snapshotId: string } };

export const SnapshotInputSchema = z.object({ name: z.string().trim().min(1, 'give the snapshot a name').max(100) }).strict();
const RestoreInputSchema = z.object({ title: z.string().trim().min(1).max(LIMITS.titleMax).optional() }).strict();

/** A board made from a snapshot: fresh record and tokens; unlocked, whatever the snapshot's board was. */
function restoredDoc(state: Uint8Array, titleFor: (snapshotTitle: string) => string): { update: Uint8Array; title: string } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const title = titleFor(readMeta(doc).title);
    setMeta(doc, { title, locked: false });
    return { update: Y.encodeStateAsUpdate(doc), title };
  } finally {
    doc.destroy();
  }
}

/**
 * Named snapshots of a board. They are organiser material (the board at the end of each phase, for the
 * report), so every snapshot route is for the facilitator link only: participants and viewers get 403.
 */
export default fp(
  async (app) => {
    const facilitatorOnly = ['facilitator'] as const;
    // One snapshot per agenda phase, taken when its end time passes (see export/autoSnapshot.ts).
    let stopAuto: (() => void) | null = null;
    app.addHook('onReady', async () => {
      stopAuto = startAutoSnapshots(app);
    });
    app.addHook('onClose', async () => stopAuto?.());

    app.post<BoardParams>('/api/boards/:boardId/snapshots', async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const { name } = parseInput(SnapshotInputSchema, req.body);
      if ((await app.store.listSnapshots(board.id)).length >= SNAPSHOTS_PER_BOARD) {
        throw new HttpError(409, `a board keeps at most ${SNAPSHOTS_PER_BOARD} snapshots`);
      }
      const snap = await takeSnapshot(app, board.id, name);
      if (!snap) throw new HttpError(404, 'board not found');
      return reply.code(201).send({ snapshotId: snap.id, name: snap.name, createdAt: snap.createdAt });
    });

    app.get<BoardParams>('/api/boards/:boardId/snapshots', async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const list = await app.store.listSnapshots(board.id);
      return { snapshots: list.map(({ id, name, createdAt }) => ({ id, name, createdAt })) };
    });

    app.get<SnapshotParams>('/api/boards/:boardId/snapshots/:snapshotId', async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const src = await snapshotSource(app, board.id, req.params.snapshotId);
      reply.header('cache-control', 'no-store');
      return toJsonExport(board.id, board.title, src.view, src.extras, src.snapshot);
    });

    app.post<SnapshotParams>('/api/boards/:boardId/snapshots/:snapshotId/restore', async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const input = parseInput(RestoreInputSchema, req.body);
      const snap = await findSnapshot(app, board.id, req.params.snapshotId);
      const { update, title } = restoredDoc(snap.state, (old) => input.title ?? [...`${old || board.title}（${snap.name}）`].slice(0, LIMITS.titleMax).join(''));
      const id = newBoardId();
      const tokens = newTokens();
      const restored: BoardRecord = { id, title, createdAt: Date.now(), tokens: storeTokens(id, tokens), locked: false };
      await app.store.createBoard(restored, update);
      req.log.info({ boardId: restored.id, from: board.id, snapshotId: snap.id }, 'board restored from snapshot');
      return reply.code(201).send({
        boardId: restored.id,
        facilitatorToken: tokens.facilitator,
        participantToken: tokens.participant,
        viewerToken: tokens.viewer,
        links: linksFor(app.publicUrl(), restored.id, tokens),
        restoredFrom: { boardId: board.id, snapshotId: snap.id, name: snap.name },
      });
    });
  },
  { name: 'snapshots', dependencies: ['store', 'auth'] },
);
