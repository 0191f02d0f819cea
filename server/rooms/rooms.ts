import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';
import type { Bus } from '../bus/bus';
import { Room, type ChangeGuard, type RoomLimits } from './room';
import type { Connection } from './connection';
import type { Role } from '../../shared/board/roles';
import type { ControlMessage } from './busMessages';
import { docHeapBytes, fullCollection, MemoryRelease } from './memoryRelease';
import { Persistence } from './extensions/persistence';
import { Replication } from './extensions/replication';

export interface RoomsOptions {
  store: Store;
  bus: Bus;
  log: FastifyBaseLogger;
  /** How long a board with no sockets stays in memory before it is unloaded. */
  idleUnloadMs: number;
  compactEvery: number;
  maxBufferedBytes: number;
  /** A loaded board nobody changed for this long keeps only its encoded state until the next change; 0 = never. */
  hibernateAfterMs?: number;
  guards?: ChangeGuard[];
  limits?: Partial<RoomLimits>;
}

export type ControlListener = (room: Room, control: ControlMessage) => Promise<void> | void;

/** Loads boards on first use, shares one Room per board, unloads boards nobody is using. */
export class Rooms {
  private rooms = new Map<string, Promise<Room>>();
  private idleTimers = new Map<string, NodeJS.Timeout>();
  private users = new Map<string, number>();
  readonly instanceId = new Uint8Array(randomBytes(16));
  private controlHandler: ControlListener | null = null;
  private readonly memoryRelease: MemoryRelease;

  constructor(private readonly opts: RoomsOptions) {
    const collect = fullCollection();
    this.memoryRelease = new MemoryRelease(
      collect &&
        (() => {
          const t0 = performance.now();
          // The second pass compacts what the first left in half-empty pages, so those go back too.
          collect();
          collect();
          opts.log.info({ ms: Math.round(performance.now() - t0), heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576) }, 'memory of sleeping boards released');
        }),
    );
    opts.bus.onReconnect(() => {
      // Whatever others published while the bus was away is in the store; what this process could
      // not publish goes out now, for processes whose bus came back before ours.
      for (const p of this.rooms.values())
        void p
          .then(async (r) => {
            r.extension(Replication).publishState();
            await r.extension(Persistence).catchUp();
          })
          .catch((err) => this.opts.log.warn({ err }, 'catching up after the bus came back failed'));
    });
  }

  /** Who handles control messages from other processes (see lifecycle.ts): set once. */
  handleControl(handler: ControlListener): void {
    if (this.controlHandler) throw new Error('control messages already have a handler');
    this.controlHandler = handler;
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Ids of the boards loaded in this process now (e.g. for the automatic snapshot at a phase's end). */
  loadedIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** The loaded room, or null: never loads. */
  async peek(boardId: string): Promise<Room | null> {
    const p = this.rooms.get(boardId);
    return p ? p.catch(() => null) : null;
  }

  /** Borrows a room for as long as `use` runs (a socket's lifetime, or one REST call). Returns null for an unknown board. */
  async acquire(boardId: string): Promise<Room | null> {
    this.users.set(boardId, (this.users.get(boardId) ?? 0) + 1);
    const t = this.idleTimers.get(boardId);
    if (t) {
      clearTimeout(t);
      this.idleTimers.delete(boardId);
    }
    try {
      let p = this.rooms.get(boardId);
      if (!p) {
        p = this.load(boardId);
        this.rooms.set(boardId, p);
      }
      const room = await p;
      return room;
    } catch (err) {
      this.rooms.delete(boardId);
      this.release(boardId);
      if (err instanceof UnknownBoard) return null;
      throw err;
    }
  }

  release(boardId: string): void {
    const n = (this.users.get(boardId) ?? 1) - 1;
    if (n > 0) {
      this.users.set(boardId, n);
      return;
    }
    this.users.delete(boardId);
    if (this.rooms.has(boardId)) this.scheduleUnload(boardId);
  }

  private scheduleUnload(boardId: string): void {
    const timer = setTimeout(() => void this.unload(boardId), this.opts.idleUnloadMs);
    timer.unref?.();
    this.idleTimers.set(boardId, timer);
  }

  /** Runs `fn` with the board loaded, then lets it go. */
  async with<T>(boardId: string, fn: (room: Room) => Promise<T> | T): Promise<T | null> {
    const room = await this.acquire(boardId);
    if (!room) return null;
    try {
      return await fn(room);
    } finally {
      this.release(boardId);
    }
  }

  private async load(boardId: string): Promise<Room> {
    const record = await this.opts.store.getBoard(boardId);
    if (!record) throw new UnknownBoard(boardId);
    const room = new Room(boardId, record, {
      store: this.opts.store,
      bus: this.opts.bus,
      instanceId: this.instanceId,
      log: this.opts.log,
      compactEvery: this.opts.compactEvery,
      maxBufferedBytes: this.opts.maxBufferedBytes,
      limits: this.opts.limits,
      hibernateAfterMs: this.opts.hibernateAfterMs,
      onDocDropped: (bytes) => this.memoryRelease.note(docHeapBytes(bytes)),
      guards: this.opts.guards,
      onControl: (r, c) => this.controlHandler?.(r, c),
    });
    room.accessChanged(await this.opts.store.getAccess(boardId));
    await room.load();
    return room;
  }

  /**
   * Drops an idle board from memory once the store holds all of it; while the store is away the board
   * stays loaded (memory is then its only copy) and unloading is tried again later.
   */
  async unload(boardId: string): Promise<void> {
    this.idleTimers.delete(boardId);
    if (this.inUse(boardId)) return;
    const p = this.rooms.get(boardId);
    if (!p) return;
    const room = await p.catch(() => null);
    if (room && !(await room.extension(Persistence).storeEverything())) {
      if (!this.inUse(boardId) && this.rooms.get(boardId) === p) this.scheduleUnload(boardId);
      return;
    }
    if (this.inUse(boardId) || this.rooms.get(boardId) !== p) return;
    this.rooms.delete(boardId);
    if (!room) return;
    await room.extension(Persistence).compact();
    await room.destroy();
  }

  private inUse(boardId: string): boolean {
    return (this.users.get(boardId) ?? 0) > 0 || this.idleTimers.has(boardId);
  }

  /** Closes the sockets of a loaded board that `which` picks (e.g. the holders of a rotated link). */
  async closeConnections(boardId: string, which: (conn: Connection) => boolean, code: number, reason: string): Promise<number> {
    const room = await this.peek(boardId);
    if (!room) return 0;
    let closed = 0;
    for (const conn of [...room.conns]) {
      if (!which(conn)) continue;
      room.removeConnection(conn);
      conn.close(code, reason);
      closed++;
    }
    return closed;
  }

  closeRoles(boardId: string, roles: readonly Role[], code: number, reason: string): Promise<number> {
    return this.closeConnections(boardId, (c) => roles.includes(c.role), code, reason);
  }

  /**
   * Forgets a deleted board in this process: closes its sockets, lets writes in flight finish,
   * then drops it from memory without writing anything more for it.
   */
  async forget(boardId: string, code: number, reason: string): Promise<void> {
    const room = await this.peek(boardId);
    if (!room) return;
    room.markDeleted();
    await this.closeConnections(boardId, () => true, code, reason);
    await room.flush();
    const t = this.idleTimers.get(boardId);
    if (t) {
      clearTimeout(t);
      this.idleTimers.delete(boardId);
    }
    if (this.rooms.get(boardId)) this.rooms.delete(boardId);
    await room.destroy();
  }

  /** Stores everything and unloads every board: for a graceful shutdown. */
  async closeAll(): Promise<void> {
    this.memoryRelease.stop();
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => null)));
    this.rooms.clear();
    for (const room of rooms) {
      if (!room) continue;
      await room.flush();
      await room.destroy();
    }
  }
}

export class UnknownBoard extends Error {}
