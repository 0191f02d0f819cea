import type { BoardRecord, SnapshotMeta, SnapshotRecord, Store } from './store';

/** Keeps everything in memory: for tests and benchmarks, never for a real workshop. */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  private boards = new Map<string, BoardRecord>();
  private logs = new Map<string, Uint8Array[]>();
  private snapshots = new Map<string, SnapshotRecord[]>();

  async createBoard(board: BoardRecord, initialUpdate: Uint8Array): Promise<void> {
    if (this.boards.has(board.id)) throw new Error(`board ${board.id} exists`);
    this.boards.set(board.id, structuredClone(board));
    this.logs.set(board.id, [initialUpdate.slice()]);
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const b = this.boards.get(boardId);
    return b ? structuredClone(b) : null;
  }

  async updateBoard(boardId: string, patch: Partial<Pick<BoardRecord, 'title' | 'tokens' | 'locked'>>): Promise<void> {
    const b = this.boards.get(boardId);
    if (b) this.boards.set(boardId, { ...b, ...structuredClone(patch) });
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.boards.delete(boardId);
    this.logs.delete(boardId);
    this.snapshots.delete(boardId);
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    const log = this.logs.get(boardId);
    if (!log) throw new Error(`unknown board ${boardId}`);
    log.push(update.slice());
    return log.length;
  }

  async loadUpdates(boardId: string): Promise<Uint8Array[]> {
    return [...(this.logs.get(boardId) ?? [])];
  }

  async compact(boardId: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<void> {
    const log = this.logs.get(boardId);
    if (!log || log.length < 2) return;
    const n = log.length;
    const merged = merge(log.slice(0, n));
    this.logs.set(boardId, [merged, ...log.slice(n)]);
  }

  async saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
    const list = this.snapshots.get(snapshot.boardId) ?? [];
    list.push({ ...snapshot, state: snapshot.state.slice() });
    this.snapshots.set(snapshot.boardId, list);
  }

  async listSnapshots(boardId: string): Promise<SnapshotMeta[]> {
    return (this.snapshots.get(boardId) ?? []).map(({ id, boardId: b, name, createdAt }) => ({ id, boardId: b, name, createdAt }));
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null> {
    return (this.snapshots.get(boardId) ?? []).find((s) => s.id === snapshotId) ?? null;
  }

  async close(): Promise<void> {}
}
