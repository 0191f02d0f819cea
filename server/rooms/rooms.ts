import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';
import type { Bus } from '../bus/bus';
import { Room, type ChangeGuard } from './room';
import type { ControlMessage } from './busMessages';

export interface RoomsOptions {
  store: Store;
  bus: Bus;
  log: FastifyBaseLogger;
  /** How long a board with no sockets stays in memory before it is unloaded. */
  idleUnloadMs: number;
  compactEvery: number;
  maxBufferedBytes: number;
  guards?: ChangeGuard[];
}

/** Loads boards on first use, shares one Room per board, unloads boards nobody is using. */
export class Rooms {
  private rooms = new Map<string, Promise<Room>>();
  private idleTimers = new Map<string, NodeJS.Timeout>();
  private users = new Map<string, number>();
  readonly instanceId = new Uint8Array(randomBytes(16));
  onControl: ((room: Room, control: ControlMessage) => Promise<void> | void) | null = null;

  constructor(private readonly opts: RoomsOptions) {
    opts.bus.onReconnect(() => {
      // Whatever was published while the bus was away is in the store.
      for (const p of this.rooms.values()) void p.then((r) => r.catchUp()).catch(() => {});
    });
  }

  get loadedCount(): number {
    return this.rooms.size;
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
    if (t) (clearTimeout(t), this.idleTimers.delete(boardId));
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
    if (!this.rooms.has(boardId)) return;
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
    });
    room.guards.push(...(this.opts.guards ?? []));
    room.onControlMessage = (r, c) => this.onControl?.(r, c);
    await room.load();
    return room;
  }

  async unload(boardId: string): Promise<void> {
    this.idleTimers.delete(boardId);
    if ((this.users.get(boardId) ?? 0) > 0) return;
    const p = this.rooms.get(boardId);
    if (!p) return;
    this.rooms.delete(boardId);
    const room = await p.catch(() => null);
    if (!room) return;
    await room.compact();
    await room.destroy();
  }

  /** Stores everything and unloads every board: for a graceful shutdown. */
  async closeAll(): Promise<void> {
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
