import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { docFromLog, type LoggedUpdate, type Store } from '../../store/store';
import { FROM_STORE } from '../origins';
import type { RoomExtension } from '../extension';

/** The log's updates applied in a temporary doc, which drops deleted content (Yjs GC). */
function replay(log: LoggedUpdate[]): Uint8Array {
  const d = docFromLog(log);
  const merged = Y.encodeStateAsUpdate(d);
  d.destroy();
  return merged;
}

/** How often a board that keeps changing tells the store so (for RETENTION_DAYS): a day is counted in hours, not writes. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** What persistence needs of its room. */
export interface StoredRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly deleted: boolean;
  readonly destroyed: boolean;
  encodeState(): Uint8Array;
  flush(): Promise<void>;
}

export interface PersistenceOptions {
  store: Store;
  log: FastifyBaseLogger;
  /** Log entries after which the log is folded into one. */
  compactEvery: number;
}

/**
 * Keeps a board in the store: loads its log, appends every batch before anyone sees it, folds the log
 * when it grows, and rides out a store outage by serving from memory and writing the whole state when
 * the store is back.
 */
export class Persistence implements RoomExtension {
  /** Log entries whose content this room's doc is known to hold: its own appends, what it loaded, its own compactions. */
  private knownEntries = new Set<number>();
  /** The store lacks changes this doc holds: it was away, and the whole state is written when it is back. */
  private dirty = false;
  /**
   * Counts changes left unwritten while the store was away. A retry clears `dirty` only if none came
   * in while it was writing: what arrives then is not in the state it wrote.
   */
  private unwritten = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private touchedAt = -Infinity;

  constructor(
    private readonly room: StoredRoom,
    private readonly opts: PersistenceOptions,
  ) {}

  onLoad(): Promise<void> {
    return this.catchUp();
  }

  /** Applies whatever the store has that this doc lacks: on load, and after the bus comes back. */
  async catchUp(): Promise<void> {
    const log = await this.opts.store.loadLog(this.room.boardId);
    if (log.length > 0) Y.applyUpdate(this.room.doc, Y.mergeUpdates(log.map((e) => e.update)), FROM_STORE);
    this.knownEntries = new Set(log.map((e) => e.seq));
  }

  async onBatch(update: Uint8Array): Promise<void> {
    if (this.room.deleted) return;
    if (this.dirty) {
      this.unwritten++;
      return;
    }
    try {
      const { seq, logLength } = await this.opts.store.appendUpdate(this.room.boardId, update);
      this.knownEntries.add(seq);
      if (logLength >= this.opts.compactEvery) void this.compact();
      await this.touch();
    } catch (err) {
      this.opts.log.error({ err, boardId: this.room.boardId }, 'store write failed; serving from memory and retrying');
      this.dirty = true;
      this.scheduleRetry();
    }
  }

  private async touch(): Promise<void> {
    const now = Date.now();
    if (now - this.touchedAt < TOUCH_EVERY_MS) return;
    this.touchedAt = now;
    await this.opts.store.touchBoard(this.room.boardId, now);
  }

  settled(): boolean {
    return !this.dirty;
  }

  private scheduleRetry(wait = 1000): void {
    if (this.retryTimer || this.room.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.writeWholeState().then((stored) => {
        if (stored) this.opts.log.info({ boardId: this.room.boardId }, 'store is back; board state written');
        else this.scheduleRetry(this.dirty ? 1000 : 0);
      });
    }, wait);
    this.retryTimer.unref?.();
  }

  /**
   * Writes the whole board while the store lacks some of it; true once the store holds everything
   * this doc holds. Changes that arrive during the write are not in it: then it is written again.
   */
  private async writeWholeState(): Promise<boolean> {
    if (!this.dirty || this.room.deleted) return true;
    const before = this.unwritten;
    try {
      this.knownEntries.add((await this.opts.store.appendUpdate(this.room.boardId, this.room.encodeState())).seq);
    } catch {
      return false;
    }
    if (this.unwritten !== before) return false;
    this.dirty = false;
    return true;
  }

  /**
   * Waits for every change so far to be stored and, if the store was away, writes the whole board:
   * false while the store still lacks something, so the caller keeps the board in memory.
   */
  async storeEverything(): Promise<boolean> {
    await this.room.flush();
    return this.writeWholeState();
  }

  /**
   * Folds the update log into one entry. When the room knows every entry (one process serving the
   * board: what it loaded, stored and compacted itself), its own state is that entry, already free of
   * deleted content, and far cheaper to encode than replaying the log on the event loop. An entry it
   * does not know (another process's) means the log is replayed into a temporary doc, and the result
   * is not known either: it may hold what this room never heard of.
   */
  async compact(): Promise<void> {
    let folded: LoggedUpdate[] = [];
    let ownState = false;
    try {
      const seq = await this.opts.store.compact(this.room.boardId, (log) => {
        folded = log;
        ownState = log.every((e) => this.knownEntries.has(e.seq));
        return ownState ? this.room.encodeState() : replay(log);
      });
      if (seq === null) return;
      for (const e of folded) this.knownEntries.delete(e.seq);
      if (ownState) this.knownEntries.add(seq);
    } catch (err) {
      this.opts.log.error({ err, boardId: this.room.boardId }, 'compaction failed');
    }
  }

  async onDestroy(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (!(await this.writeWholeState())) this.opts.log.error({ boardId: this.room.boardId }, 'could not store board state on unload');
  }
}
