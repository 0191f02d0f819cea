import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import type { Store, BoardRecord } from '../store/store';
import type { Bus } from '../bus/bus';
import { canWrite } from '../../shared/board/roles';
import { CLOSE, type Connection } from './connection';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, ProtocolError } from './protocol';
import { applyGuarded, noneHeldBack, RefusedChange, withHeldBack, type HeldBack } from './guardedApply';
import { BoardSizeMeter, checkBoardLimits, DEFAULT_BOARD_LIMITS, type BoardLimits } from './boardLimits';
import { gateAwareness, type AwarenessContext, type AwarenessLimits } from './awarenessGate';
import { readMeta } from '../../shared/board/doc';
import { busMessage, readBusMessage, BUS_AWARENESS, BUS_CONTROL, BUS_UPDATE, type ControlMessage } from './busMessages';

/**
 * Least time between two broadcasts of a room's changes (and of its presence). Bounds what batching
 * adds to a change's latency; under load it turns hundreds of messages per second and socket into
 * at most 1000 / FLUSH_GAP_MS, each carrying every change since the last.
 */
export const FLUSH_GAP_MS = 10;
/**
 * The same for presence: cursors and dragged notes at up to 20 frames a second look smooth, and every
 * stock y-websocket client sends each presence message it receives back to the server, so in a room
 * of N people each broadcast costs N sends and N echoes.
 */
export const PRESENCE_GAP_MS = 50;

/** Origins of doc changes that are not a connection's. */
export const FROM_STORE = Symbol('store');
export const FROM_BUS = Symbol('bus');
export const FROM_SERVER = Symbol('server');

export interface RoomDeps {
  store: Store;
  bus: Bus;
  /** Random per process: bus messages carry it so a process ignores its own echoes. */
  instanceId: Uint8Array;
  log: FastifyBaseLogger;
  compactEvery: number;
  maxBufferedBytes: number;
  limits?: Partial<RoomLimits>;
}

export type RoomLimits = BoardLimits & AwarenessLimits;
export const DEFAULT_ROOM_LIMITS: RoomLimits = { ...DEFAULT_BOARD_LIMITS, maxBytes: 16 * 1024, idsPerConnection: 4, awarenessPerSec: 60, awarenessBurst: 120 };

/**
 * Checks a change a connection made, inside its transaction and before anything is stored or sent;
 * returns a reason to refuse it (the change is rolled back and the socket closed with 1008), or null.
 */
export type ChangeGuard = (room: Room, conn: Connection, tr: Y.Transaction) => string | null;

/**
 * One board in memory: its doc, its awareness and its sockets. Its life follows hooks in order —
 * load (store, then bus), change (persist, then broadcast locally and to other processes), destroy.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Connection>();
  private writeChain: Promise<void> = Promise.resolve();
  /** Client changes of this pass of the event loop, not yet stored nor sent (see flushPending). */
  private pending: { update: Uint8Array; sender: Connection | null }[] = [];
  private appended = 0;
  private dirty = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  destroyed = false;
  /** Set once the board is deleted: nothing is written for it any more. */
  deleted = false;
  readonly guards: ChangeGuard[] = [];
  readonly limits: RoomLimits;
  private sizeMeter: BoardSizeMeter | null = null;
  /** Each connection's held-back updates; dropped with the connection (its client resends them on reconnect). */
  private readonly heldBack = new WeakMap<Connection, HeldBack>();
  /** Which connection last took each presence id (ids are only ever added in onAwarenessUpdate). */
  private readonly presenceOwners = new Map<number, Connection>();
  private readonly awarenessContext: AwarenessContext = {
    present: (id) => this.awareness.states.has(id),
    // Asked for every entry of every presence echo: an index, not a scan of every socket (O(N²) a second).
    ownerOf: (id) => {
      const c = this.presenceOwners.get(id);
      return c && this.conns.has(c) && c.awarenessIds.has(id) ? c : null;
    },
    serverClientId: this.awareness.clientID,
    clockOf: (id) => this.awareness.meta.get(id)?.clock,
  };

  constructor(
    readonly boardId: string,
    public record: BoardRecord,
    private readonly deps: RoomDeps,
  ) {
    this.limits = { ...DEFAULT_ROOM_LIMITS, ...deps.limits };
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.doc.on('update', (update: Uint8Array) => this.sizeMeter?.add(update.length));
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get channel(): string {
    return `board:${this.boardId}`;
  }

  /** Subscribes before reading the store so nothing published in between is missed (updates are idempotent). */
  async load(): Promise<void> {
    const early: Uint8Array[] = [];
    let loaded = false;
    this.unsubscribe = await this.deps.bus.subscribe(this.channel, (m) => (loaded ? this.onBusMessage(m) : early.push(m)));
    await this.catchUp();
    this.sizeMeter = new BoardSizeMeter(this.doc);
    loaded = true;
    for (const m of early) this.onBusMessage(m);
  }

  /** Applies whatever the store has that this doc lacks: on load, and after the bus comes back. */
  async catchUp(): Promise<void> {
    const updates = await this.deps.store.loadUpdates(this.boardId);
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates), FROM_STORE);
    this.appended = updates.length;
  }

  canWriteNow(conn: Connection): boolean {
    return canWrite(conn.role) && (!this.record.locked || conn.role === 'facilitator');
  }

  addConnection(conn: Connection): void {
    this.conns.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    for (const id of conn.awarenessIds) if (this.presenceOwners.get(id) === conn) this.presenceOwners.delete(id);
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
  }

  /** Handles one binary message; throws ProtocolError (the caller closes that socket) on anything malformed. */
  handleMessage(conn: Connection, data: Uint8Array): void {
    const msg = decodeClientMessage(data);
    switch (msg.type) {
      case 'sync-step1': {
        const diff = encodeSyncStep2(this.diffFor(msg.stateVector));
        if (this.pending.length === 0) return conn.send(diff);
        // The doc holds changes still waiting for their batch: the answer goes out once they are
        // stored, so a newcomer never holds a note the server could lose either.
        this.flushPending();
        this.writeChain = this.writeChain.then(() => conn.send(diff));
        return;
      }
      case 'sync-step2':
      case 'sync-update':
        // A read-only or locked-out client's changes are dropped, never applied: its peers never see them.
        if (!this.canWriteNow(conn)) return;
        this.applyClientUpdate(conn, msg.update);
        return;
      case 'awareness': {
        // A viewer is read-only, presence included, unless the facilitator lets viewers' cursors show.
        if (conn.role === 'viewer' && !readMeta(this.doc).viewerCursors) return;
        const update = gateAwareness(msg.update, conn, this.awarenessContext, this.limits);
        if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
        return;
      }
      case 'query-awareness':
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
    }
  }

  private diffFor(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch (err) {
      throw new ProtocolError(`malformed state vector: ${(err as Error).message}`);
    }
  }

  /** Changes made by the server itself (lock flag, auto-group from the API…). */
  transact(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), FROM_SERVER);
  }

  /**
   * Applies a writer's update so that a refused or broken one never lands: it is checked inside its
   * transaction and rolled back there, so what is stored and broadcast holds none of it (see applyGuarded).
   * Throws RefusedChange or ProtocolError; the socket layer closes the sender with its code.
   */
  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    const full = this.sizeMeter?.check(update.length, this.limits.maxBoardBytes);
    if (full) throw full;
    let held = this.heldBack.get(conn);
    if (!held) this.heldBack.set(conn, (held = noneHeldBack()));
    const outcome = withHeldBack(this.doc, held, () => applyGuarded(this.doc, update, conn, (tr) => this.checkChange(conn, tr)));
    if (outcome.ok) return;
    if ('refused' in outcome) {
      this.deps.log.warn({ boardId: this.boardId, conn: conn.id, reason: outcome.refused.message }, 'change refused');
      throw outcome.refused;
    }
    this.deps.log.warn({ boardId: this.boardId, conn: conn.id, err: outcome.error.message }, 'update could not be applied');
    throw new ProtocolError('update could not be applied');
  }

  private checkChange(conn: Connection, tr: Y.Transaction): RefusedChange | null {
    const limit = checkBoardLimits(tr, this.limits);
    if (limit) return limit;
    for (const guard of this.guards) {
      const reason = guard(this, conn, tr);
      if (reason) return new RefusedChange(CLOSE.policy, reason);
    }
    return null;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    // Already stored, or another process's to store. From the store it is news to our sockets when
    // catchUp runs after the bus was away (on load there are no sockets yet).
    if (origin === FROM_STORE || origin === FROM_BUS) {
      this.broadcast(encodeSyncUpdate(update), null);
      return;
    }
    const sender = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    this.pending.push({ update, sender });
    if (this.pending.length === 1) this.scheduleFlush('doc', this.flushPending);
  }

  private readonly lastFlushAt = { doc: -Infinity, presence: -Infinity };
  /**
   * Right after this pass of the event loop, or — when the last flush is less than FLUSH_GAP_MS ago —
   * that long after it: a lone change goes out at once, a busy board's changes go out in batches.
   */
  private scheduleFlush(kind: 'doc' | 'presence', flush: () => void): void {
    const wait = this.lastFlushAt[kind] + (kind === 'doc' ? FLUSH_GAP_MS : PRESENCE_GAP_MS) - performance.now();
    if (wait <= 0) setImmediate(flush);
    else setTimeout(flush, wait);
  }

  /**
   * Changes since the last flush go out as one: merged into a single update, stored in one write, sent
   * as one message per socket and one bus message. Under load more changes share a flush, so batches
   * grow exactly when per-message costs (a syscall per socket) would hurt.
   * Stored before anyone sees it: a client never holds a note the server could lose.
   */
  private flushPending = (): void => {
    if (this.pending.length === 0) return;
    this.lastFlushAt.doc = performance.now();
    const batch = this.pending;
    this.pending = [];
    const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update));
    // The sender already has its own change; a batch from several senders goes to all of them alike
    // (encoded once), and a sender applying its own change again is a no-op in Yjs.
    const sender = batch.every((b) => b.sender === batch[0]!.sender) ? batch[0]!.sender : null;
    this.writeChain = this.writeChain.then(async () => {
      await this.persist(update);
      this.broadcast(encodeSyncUpdate(update), sender);
      this.deps.bus.publish(this.channel, busMessage(BUS_UPDATE, this.deps.instanceId, update));
    });
  };

  private async persist(update: Uint8Array): Promise<void> {
    if (this.dirty || this.deleted) return; // the store is away; the whole state is written when it is back
    try {
      this.appended = await this.deps.store.appendUpdate(this.boardId, update);
      if (this.appended >= this.deps.compactEvery) void this.compact();
    } catch (err) {
      this.deps.log.error({ err, boardId: this.boardId }, 'store write failed; serving from memory and retrying');
      this.dirty = true;
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = null;
      try {
        await this.deps.store.appendUpdate(this.boardId, Y.encodeStateAsUpdate(this.doc));
        this.dirty = false;
        this.deps.log.info({ boardId: this.boardId }, 'store is back; board state written');
      } catch {
        this.scheduleRetry();
      }
    }, 1000);
    this.retryTimer.unref?.();
  }

  /** Folds the update log into one update; a temporary doc drops deleted content (Yjs GC). */
  async compact(): Promise<void> {
    this.appended = 0;
    try {
      await this.deps.store.compact(this.boardId, (updates) => {
        const d = new Y.Doc();
        d.transact(() => updates.forEach((u) => Y.applyUpdate(d, u)));
        const merged = Y.encodeStateAsUpdate(d);
        d.destroy();
        return merged;
      });
    } catch (err) {
      this.deps.log.error({ err, boardId: this.boardId }, 'compaction failed');
    }
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const conn = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    if (conn) {
      // `updated` too: a reconnecting client may take its own presence over from its dead socket.
      for (const id of [...added, ...updated]) {
        conn.awarenessIds.add(id);
        this.presenceOwners.set(id, conn);
      }
      for (const id of removed) {
        conn.awarenessIds.delete(id);
        if (this.presenceOwners.get(id) === conn) this.presenceOwners.delete(id);
      }
    }
    if (this.presenceChanged.size === 0) this.scheduleFlush('presence', this.flushPresence);
    for (const id of changed) {
      this.presenceChanged.add(id);
      if (origin !== FROM_BUS) this.presenceToPublish.add(id);
    }
  };

  /**
   * Presence changes since the last flush (a dragged note at 10 Hz, cursors, each client's 15 s
   * keep-alive) go out as one message with the latest state of each: one send per socket.
   */
  private flushPresence = (): void => {
    if (this.destroyed || this.presenceChanged.size === 0) return;
    this.lastFlushAt.presence = performance.now();
    const known = (ids: Set<number>) => [...ids].filter((id) => this.awareness.meta.has(id));
    const changed = known(this.presenceChanged);
    const toPublish = known(this.presenceToPublish);
    this.presenceChanged.clear();
    this.presenceToPublish.clear();
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcast(encodeAwareness(update), null);
    if (toPublish.length === 0) return;
    const published = toPublish.length === changed.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, toPublish);
    this.deps.bus.publish(this.channel, busMessage(BUS_AWARENESS, this.deps.instanceId, published));
  };
  private readonly presenceChanged = new Set<number>();
  /** Of those, the ones to tell other processes about (not the ones they told us). */
  private readonly presenceToPublish = new Set<number>();

  /** Encodes once, sends the same bytes to every socket; a socket that cannot keep up is dropped. */
  broadcast(message: Uint8Array, except: Connection | null): void {
    for (const c of this.conns) {
      if (c === except) continue;
      if (c.bufferedAmount() > this.deps.maxBufferedBytes) {
        c.close(CLOSE.slowConsumer, 'too slow to keep up; reconnect to resync');
        continue;
      }
      c.send(message);
    }
  }

  /**
   * In arrival order, and a control message's record reload finishes before later messages apply:
   * the lock's doc change follows its control message, so a client that sees the lock is held to it.
   */
  private onBusMessage(raw: Uint8Array): void {
    this.busQueue = this.busQueue.then(() => this.applyBusMessage(raw));
  }

  private busQueue: Promise<void> = Promise.resolve();
  private async applyBusMessage(raw: Uint8Array): Promise<void> {
    try {
      const m = readBusMessage(raw, this.deps.instanceId);
      if (!m || this.destroyed) return;
      if (m.type === BUS_UPDATE) Y.applyUpdate(this.doc, m.payload, FROM_BUS);
      else if (m.type === BUS_AWARENESS) awarenessProtocol.applyAwarenessUpdate(this.awareness, m.payload, FROM_BUS);
      else if (m.type === BUS_CONTROL) await this.onControl(m.control!);
    } catch (err) {
      this.deps.log.warn({ err, boardId: this.boardId }, 'bad bus message ignored');
    }
  }

  /** Tells the other processes serving this board that its record changed (lock, tokens, deletion). */
  publishControl(control: ControlMessage): void {
    this.deps.bus.publish(this.channel, busMessage(BUS_CONTROL, this.deps.instanceId, control));
  }

  /**
   * After the bus was away: the whole doc and our sockets' presence, for processes that came back
   * before this one and so missed what it could not publish meanwhile (Yjs drops what they have).
   */
  publishState(): void {
    this.deps.bus.publish(this.channel, busMessage(BUS_UPDATE, this.deps.instanceId, Y.encodeStateAsUpdate(this.doc)));
    const ours = [...this.conns].flatMap((c) => [...c.awarenessIds]).filter((id) => this.awareness.states.has(id));
    if (ours.length > 0) {
      const presence = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ours);
      this.deps.bus.publish(this.channel, busMessage(BUS_AWARENESS, this.deps.instanceId, presence));
    }
  }

  onControlMessage: ((room: Room, control: ControlMessage) => Promise<void> | void) | null = null;
  private async onControl(control: ControlMessage): Promise<void> {
    await this.onControlMessage?.(this, control);
  }

  /** Waits until every change so far is stored. */
  flush(): Promise<void> {
    this.flushPending();
    return this.writeChain;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.flush();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.dirty && !this.deleted) {
      await this.deps.store.appendUpdate(this.boardId, Y.encodeStateAsUpdate(this.doc)).catch((err) =>
        this.deps.log.error({ err, boardId: this.boardId }, 'could not store board state on unload'),
      );
    }
    this.unsubscribe?.();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
