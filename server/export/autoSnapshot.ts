import * as Y from 'yjs';
import type { FastifyInstance } from 'fastify';
import { minutesOf, readAgenda, type Phase } from '../../shared/board/agenda';
import { takeSnapshot } from './source';
import { SERVER } from '../rooms/audit';

const DAY_MS = 24 * 3600 * 1000;
const JST_OFFSET_MS = 9 * 3600 * 1000;

/** Agenda times are the hall's clock: Japan time, which has no daylight saving. */
const jstMidnightBefore = (ms: number): number => ms - ((ms + JST_OFFSET_MS) % DAY_MS);

/** Phases whose end time (HH:MM, Japan time) falls in (fromMs, toMs]. */
export function phasesEndedBetween(agenda: readonly Phase[], fromMs: number, toMs: number): Phase[] {
  if (toMs <= fromMs) return [];
  const ended: Phase[] = [];
  for (let day = jstMidnightBefore(fromMs); day <= toMs; day += DAY_MS) {
    for (const p of agenda) {
      const end = day + minutesOf(p.end) * 60_000;
      if (end > fromMs && end <= toMs) ended.push(p);
    }
  }
  return ended;
}

export const autoSnapshotName = (p: Phase): string => `${p.title}（${p.end} 終了・自動）`;

/** True when the board changed since its latest snapshot, so an unattended board collects no copies. */
async function changedSinceLastSnapshot(app: FastifyInstance, boardId: string, stateVector: Uint8Array): Promise<boolean> {
  const list = await app.store.listSnapshots(boardId);
  const last = list.at(-1);
  if (!last) return true;
  const snap = await app.store.getSnapshot(boardId, last.id);
  if (!snap) return true;
  return Buffer.compare(Buffer.from(Y.encodeStateVectorFromUpdate(snap.state)), Buffer.from(stateVector)) !== 0;
}

/** One board: a snapshot per agenda phase that ended in (fromMs, toMs], unless nothing changed since the last one. */
export async function snapshotEndedPhases(app: FastifyInstance, boardId: string, fromMs: number, toMs: number): Promise<number> {
  const room = await app.rooms.peek(boardId);
  if (!room || room.destroyed) return 0;
  let taken = 0;
  // Read without waking a hibernating board: every loaded board is looked at every 15 s.
  for (const phase of phasesEndedBetween(room.read(readAgenda), fromMs, toMs)) {
    if (!(await changedSinceLastSnapshot(app, boardId, room.stateVector()))) continue;
    if (await takeSnapshot(app, boardId, autoSnapshotName(phase), SERVER, toMs)) taken++;
  }
  return taken;
}

/**
 * Every `intervalMs`, checks the boards loaded in this process for agenda phases that have just ended and
 * snapshots them. A board nobody has open is not loaded — and does not change — so it needs none.
 * Returns a stop function.
 */
export function startAutoSnapshots(app: FastifyInstance, intervalMs = 15_000, now: () => number = Date.now): () => void {
  let last = now();
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    const to = now();
    try {
      for (const boardId of app.rooms.loadedIds()) {
        await snapshotEndedPhases(app, boardId, last, to).catch((err) => app.log.error({ err, boardId }, 'automatic snapshot failed'));
      }
    } finally {
      last = to;
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
