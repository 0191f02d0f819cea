import type { Role } from '../../shared/board/roles';

/** A board's server-side record: who may do what (capability tokens) and whether it is locked. */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  tokens: Record<Role, string>;
  locked: boolean;
}

export interface SnapshotMeta {
  id: string;
  boardId: string;
  name: string;
  createdAt: number;
}

export interface SnapshotRecord extends SnapshotMeta {
  /** The whole board as one Yjs update. */
  state: Uint8Array;
}

/**
 * The persistence seam. SQLite is the embedded default, PostgreSQL the optional one, memory serves tests.
 * A board's document is an append-only log of Yjs updates, compacted now and then into one update;
 * nothing outside an implementation knows which engine is in use. Every implementation passes
 * `store.contract.ts`.
 */
export interface Store {
  readonly kind: string;
  /** Creates the record and the document's first update atomically. */
  createBoard(board: BoardRecord, initialUpdate: Uint8Array): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  updateBoard(boardId: string, patch: Partial<Pick<BoardRecord, 'title' | 'tokens' | 'locked'>>): Promise<void>;
  /** Removes the board, its document and its snapshots. */
  deleteBoard(boardId: string): Promise<void>;
  /** Durably appends one update; resolves once it is stored. Returns the number of updates in the log. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
  /** Every stored update of the board's document, in order (the compacted state first). */
  loadUpdates(boardId: string): Promise<Uint8Array[]>;
  /**
   * Replaces the log with `merge(log)` atomically. Updates appended while `merge` runs are kept,
   * so compaction never loses a concurrent write (another process may be appending).
   */
  compact(boardId: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<void>;
  saveSnapshot(snapshot: SnapshotRecord): Promise<void>;
  listSnapshots(boardId: string): Promise<SnapshotMeta[]>;
  getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {}
