import fp from 'fastify-plugin';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/board/schema';
import { readMeta, setMeta } from '../../shared/board/doc';
import { toJsonExport } from '../../shared/export/json';
import { API } from '../../shared/api/contract';
import { findSnapshot, snapshotSource, SNAPSHOTS_PER_BOARD, takeSnapshot } from '../export/source';
import { createdBoard, newBoard } from './boards';
import { startAutoSnapshots } from '../export/autoSnapshot';
import { HttpError } from './errors';
import { serve } from './contract';


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

    serve(app, API.takeSnapshot, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const { name } = req.body;
      if ((await app.store.listSnapshots(board.id)).length >= SNAPSHOTS_PER_BOARD) {
        throw new HttpError(409, `a board keeps at most ${SNAPSHOTS_PER_BOARD} snapshots`);
      }
      const snap = await takeSnapshot(app, board.id, name, by);
      if (!snap) throw new HttpError(404, 'board not found');
      return { snapshotId: snap.id, name: snap.name, createdAt: snap.createdAt };
    });

    serve(app, API.listSnapshots, async (req) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const list = await app.store.listSnapshots(board.id);
      return { snapshots: list.map(({ id, name, createdAt }) => ({ id, name, createdAt })) };
    });

    serve(app, API.snapshot, async (req, reply) => {
      const { board } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const src = await snapshotSource(app, board.id, req.params.snapshotId);
      reply.header('cache-control', 'no-store');
      return toJsonExport(board.id, board.title, src.view, src.extras, src.snapshot);
    });

    serve(app, API.restoreSnapshot, async (req) => {
      const { board, ...by } = await app.authorize(req, req.params.boardId, facilitatorOnly);
      const input = req.body;
      const snap = await findSnapshot(app, board.id, req.params.snapshotId);
      const { update, title } = restoredDoc(snap.state, (old) => input.title ?? [...`${old || board.title}（${snap.name}）`].slice(0, LIMITS.titleMax).join(''));
      const { record: restored, tokens } = newBoard(title);
      await app.store.createBoard(restored, update);
      await app.lifecycle.audit.record(board.id, 'restore', by, { snapshotId: snap.id, restoredAs: restored.id });
      return { ...createdBoard(app.publicUrl(), restored.id, tokens), restoredFrom: { boardId: board.id, snapshotId: snap.id, name: snap.name } };
    });
  },
  { name: 'snapshots', dependencies: ['store', 'auth'] },
);
