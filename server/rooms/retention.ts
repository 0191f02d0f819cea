import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/store';
import type { BoardLifecycle } from './lifecycle';
import { SERVER } from './audit';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** When a board touched at `touchedAt` is deleted under RETENTION_DAYS = `days`. */
export const deleteAfter = (touchedAt: number, days: number): number => touchedAt + days * DAY_MS;

/**
 * Deletes the boards nobody changed for `days`, with everything of them (log, snapshots, audit), as
 * the facilitator's delete does. Safe with several processes: each may sweep, a board deleted twice
 * is deleted once, and every process serving it is told. Returns how many it deleted.
 */
export async function sweepRetention(store: Store, lifecycle: BoardLifecycle, days: number, now = Date.now()): Promise<number> {
  let deleted = 0;
  for (const id of await store.untouchedSince(now - days * DAY_MS)) {
    const board = await store.getBoard(id);
    if (!board) continue;
    await lifecycle.delete(board, SERVER);
    deleted++;
  }
  return deleted;
}

/** Sweeps now and then every `everyMs`; returns a stop function. */
export function startRetention(store: Store, lifecycle: BoardLifecycle, days: number, log: FastifyBaseLogger, everyMs = 60 * 60 * 1000): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const n = await sweepRetention(store, lifecycle, days);
      if (n > 0) log.info({ deleted: n, retentionDays: days }, 'boards past their retention deleted');
    } catch (err) {
      log.error({ err }, 'retention sweep failed');
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
