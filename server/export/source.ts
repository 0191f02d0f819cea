import * as Y from 'yjs';
import type { Actor } from '../rooms/audit';
import type { FastifyInstance } from 'fastify';
import { readBoard, type BoardView } from '../../shared/board/doc';
import { readAgenda, type Phase } from '../../shared/board/agenda';
import { keptFromViewers } from '../../shared/board/moderation';
import { newBoardId } from '../../shared/board/ids';
import { readExportExtras, type ExportExtras } from '../../shared/export/extras';
import type { SnapshotRef } from '../../shared/export/json';
import type { SnapshotMeta, SnapshotRecord } from '../store/store';
import { HttpError } from '../plugins/errors';

/** What an export is made from: the live board, or the board as a snapshot kept it. */
export interface ExportSource {
  view: BoardView;
  extras: ExportExtras;
  snapshot: SnapshotRef | null;
  /** The session's timed agenda, for the report. */
  agenda: Phase[];
}

const SNAPSHOT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function readDoc(doc: Y.Doc, snapshot: SnapshotRef | null): ExportSource {
  return { view: readBoard(doc), extras: readExportExtras(doc), snapshot, agenda: readAgenda(doc) };
}

/** The live board; for the viewer link, as the projector shows it: without pending or hidden notes (shared/board/moderation.ts). */
export async function liveSource(app: FastifyInstance, boardId: string, asViewer = false): Promise<ExportSource> {
  const source = await app.rooms.with(boardId, (room) => (asViewer ? withoutNotes(readDoc(room.doc, null), keptFromViewers(room.doc)) : readDoc(room.doc, null)));
  if (!source) throw new HttpError(404, 'board not found');
  return source;
}

function withoutNotes(src: ExportSource, kept: ReadonlySet<string>): ExportSource {
  if (kept.size === 0) return src;
  const keep = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([id]) => !kept.has(id)));
  return {
    ...src,
    view: { ...src.view, notes: src.view.notes.filter((n) => !kept.has(n.id)), broken: src.view.broken.filter((b) => !kept.has(b.id)) },
    extras: { ...src.extras, votes: keep(src.extras.votes), clusterLabels: keep(src.extras.clusterLabels), originalSectionIds: keep(src.extras.originalSectionIds), reactions: keep(src.extras.reactions ?? {}) },
  };
}

/** The stored snapshot, or a 404 that names what was not found. */
export async function findSnapshot(app: FastifyInstance, boardId: string, snapshotId: string): Promise<SnapshotRecord> {
  const snap = SNAPSHOT_ID_RE.test(snapshotId) ? await app.store.getSnapshot(boardId, snapshotId) : null;
  if (!snap) throw new HttpError(404, 'snapshot not found');
  return snap;
}

/** Reads a snapshot in a throwaway doc, so the live board is never touched. */
export async function snapshotSource(app: FastifyInstance, boardId: string, snapshotId: string): Promise<ExportSource> {
  const snap = await findSnapshot(app, boardId, snapshotId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snap.state);
    return readDoc(doc, { id: snap.id, name: snap.name, createdAt: snap.createdAt });
  } finally {
    doc.destroy();
  }
}

export const SNAPSHOTS_PER_BOARD = 200;

/**
 * Saves the board as it is now under `name`. For the facilitator's button and for automatic snapshots
 * (e.g. when an agenda phase ends). Returns null for an unknown board.
 */
export async function takeSnapshot(app: FastifyInstance, boardId: string, name: string, by: Actor, now = Date.now()): Promise<SnapshotMeta | null> {
  const state = await app.rooms.with(boardId, (room) => room.encodeState());
  if (!state) return null;
  const meta: SnapshotMeta = { id: newBoardId(), boardId, name, createdAt: now };
  await app.store.saveSnapshot({ ...meta, state });
  await app.lifecycle.audit.record(boardId, 'snapshot', by, { snapshotId: meta.id });
  return meta;
}
