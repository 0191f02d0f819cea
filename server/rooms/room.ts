import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import { docFromLog, type Store, type BoardRecord, type LoggedUpdate } from '../store/store';
import type { Bus } from '../bus/bus';
import { canWrite } from '../../shared/board/roles';
import { CLOSE, type Connection } from './connection';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, ProtocolError } from './protocol';
import { applyGuarded, noneHeldBack, RefusedChange, Scratch, withHeldBack, type HeldBack } from './guardedApply';
import { BoardSizeMeter, checkBoardLimits, DEFAULT_BOARD_LIMITS, type BoardLimits } from './boardLimits';
import { gateAwareness, type AwarenessContext, type AwarenessLimits } from './awarenessGate';
import { clearAuthorNames, metaOf, readMeta } from '../../shared/board/doc';
import { readAgenda, type Phase } from '../../shared/board/agenda';
import type { Meta } from '../../shared/board/schema';
import { addsNothing, diffFromState, hibernate, wake, type Hibernated } from './hibernation';
import { diffForClient } from './encodedState';
import { RecentMessages } from './recentMessages';
import { Lanes } from './lanes';
import { busMessage, isOwnEcho, readBusMessage, BUS_AWARENESS, BUS_CONTROL, BUS_UPDATE, type ControlMessage } from './busMessages';

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
/**
 * Socket writes a room's broadcasts may cost per millisecond. A broadcast is one write per socket
 * (~30 µs of kernel time each on loopback), so in a room of hundreds the gap between flushes grows
 * with the room: 500 people get a flush every 25 ms, with everything since the last one, instead of
 * every 10 ms at a cost of more than a whole core. They get it in lanes that take turns (see lanes.ts).
 */
export const SOCKET_WRITES_PER_MS = 20;
/**
 * The same budget for presence, counted per socket both ways: each presence message is one write per
 * socket and, from every stock client, one echo back, and it is half the budget the board's changes
 * get. A room of 500 then sends presence ten times a second (a dragged note still moves at the
 * dragger's 10 Hz), not twenty: 5,000 fewer writes and echoes a second, on the server and on a
 * hall's Wi-Fi. Rooms up to 250 people keep PRESENCE_GAP_MS.
 */
export const PRESENCE_SOCKET_OPS_PER_MS = 10;

/** The least time between two flushes of one kind to one socket, for a room with `sockets` connections. */
export function flushGapMs(kind: 'doc' | 'presence', sockets: number): number {
  if (kind === 'doc') return Math.max(FLUSH_GAP_MS, sockets / SOCKET_WRITES_PER_MS);
  return Math.max(PRESENCE_GAP_MS, (2 * sockets) / PRESENCE_SOCKET_OPS_PER_MS);
}

/** Lanes for a room of `sockets` (see lanes.ts): as many as keep each turn to FLUSH_GAP_MS worth of writes. */
export const lanesFor = (sockets: number): number => Math.ceil(flushGapMs('doc', sockets) / FLUSH_GAP_MS);

/** The log's updates applied in a temporary doc, which drops deleted content (Yjs GC). */
function replay(log: LoggedUpdate[]): Uint8Array {
  const d = docFromLog(log);
  const merged = Y.encodeStateAsUpdate(d);
  d.destroy();
  return merged;
}

/** A message for every socket of the room but one (the sender, who has it already), or all. */
interface Outgoing {
  message: Uint8Array;
  except: Connection | null;
}

/** What waits in a lane for its turn: stored changes (merged at the turn), or a presence message. */
type Queued = { update: Uint8Array; sender: Connection | null; message: Uint8Array } | Outgoing;

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
  /** A board with no change for this long keeps only its encoded state (see hibernation.ts); 0 = never. */
  hibernateAfterMs?: number;
  /** Told the (encoded) size of each board doc the room drops: asleep or unloaded (see memoryRelease.ts). */
  onDocDropped?: (encodedBytes: number) => void;
}

export type RoomLimits = BoardLimits & AwarenessLimits;
export const DEFAULT_ROOM_LIMITS: RoomLimits = { ...DEFAULT_BOARD_LIMITS, maxBytes: 16 * 1024, idsPerConnection: 4, awarenessPerSec: 60, awarenessBurst: 120 };

/**
 * Checks a change a connection made, inside its transaction on the scratch copy, before the board sees it;
 * returns a reason to refuse it (the change never lands and the socket is closed with 1008), or null.
 */
export type ChangeGuard = (room: Room, conn: Connection, tr: Y.Transaction) => string | null;

/**
 * One board in memory: its doc, its awareness and its sockets. Its life follows hooks in order —
 * load (store, then bus), change (persist, then broadcast locally and to other processes), destroy.
 */
export class Room {
  /** The board's doc while it is awake; null while it hibernates, when `sleeping` holds the board. */
  private live: Y.Doc | null = new Y.Doc();
  private sleeping: Hibernated | null = null;
  private lastChangeAt = performance.now();
  private hibernateTimer: NodeJS.Timeout | null = null;
  /** Presence has a doc of its own (awareness only takes its client id): it lives on while the board hibernates. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly conns = new Set<Connection>();
  private readonly lanes = new Lanes<Connection, Queued>();
  private writeChain: Promise<void> = Promise.resolve();
  /** Client changes of this pass of the event loop, not yet stored nor sent (see flushPending). */
  private pending: { update: Uint8Array; sender: Connection | null }[] = [];
  /** Entries in the board's log, as the last append or load counted them: compaction is due at `compactEvery`. */
  private logLength = 0;
  /** Log entries whose content this room's doc is known to hold: its own appends, what it loaded, its own compactions. */
  private knownEntries = new Set<number>();
  /** The store lacks changes this doc holds: it was away, and the whole state is written when it is back. */
  private dirty = false;
  /**
   * Counts changes left unwritten while the store was away. A retry clears `dirty` only if none came
   * in while it was writing: what arrives then is not in the state it wrote.
   */
  private unwritten = 0;
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
  /** Where writers' updates are tried before the board's doc sees them (see guardedApply.ts). */
  private readonly scratch = new Scratch();
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
    this.live!.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The board's doc; a hibernating board is woken (rebuilt from its encoded state) by asking for it. */
  get doc(): Y.Doc {
    return this.live ?? this.wakeUp();
  }

  get hibernating(): boolean {
    return this.sleeping !== null;
  }

  /** The whole board as one update, without waking it. */
  encodeState(): Uint8Array {
    return this.sleeping ? this.sleeping.state : Y.encodeStateAsUpdate(this.live!);
  }

  stateVector(): Uint8Array {
    return this.sleeping ? this.sleeping.stateVector : Y.encodeStateVector(this.live!);
  }

  meta(): Meta {
    return this.sleeping ? this.sleeping.meta : readMeta(this.live!);
  }

  agenda(): Phase[] {
    return this.sleeping ? this.sleeping.agenda : readAgenda(this.live!);
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
    this.keepAnonymous();
    this.sizeMeter = new BoardSizeMeter(() => this.encodeState().length);
    loaded = true;
    for (const m of early) this.onBusMessage(m);
    this.scheduleHibernation();
  }

  /** Checks when the last change is `hibernateAfterMs` old: one timer per quiet spell, none per change. */
  private scheduleHibernation(wait = (this.deps.hibernateAfterMs ?? 0) - (performance.now() - this.lastChangeAt)): void {
    const after = this.deps.hibernateAfterMs ?? 0;
    if (after <= 0 || this.hibernateTimer || this.destroyed || !this.live) return;
    this.hibernateTimer = setTimeout(() => {
      this.hibernateTimer = null;
      const quietFor = performance.now() - this.lastChangeAt;
      if (quietFor < after) return this.scheduleHibernation(after - quietFor);
      // Changes waiting for their batch or the store, or updates Yjs holds back: not now.
      if (!this.canHibernate()) return this.scheduleHibernation(after);
      this.hibernateNow();
    }, Math.max(0, wait));
    this.hibernateTimer.unref?.();
  }

  private canHibernate(): boolean {
    const doc = this.live;
    return !!doc && !this.destroyed && this.pending.length === 0 && !this.dirty && !doc.store.pendingStructs && !doc.store.pendingDs;
  }

  /** Keeps only the encoded state and the few facts read between changes (see hibernation.ts). */
  hibernateNow(): void {
    if (!this.canHibernate()) return;
    const doc = this.live!;
    this.sleeping = hibernate(doc);
    this.live = null;
    this.scratch.drop();
    doc.off('update', this.onDocUpdate);
    doc.destroy();
    this.deps.onDocDropped?.(this.sleeping.state.length);
  }

  private wakeUp(): Y.Doc {
    const doc = wake(this.sleeping!);
    this.sleeping = null;
    this.live = doc;
    doc.on('update', this.onDocUpdate);
    this.lastChangeAt = performance.now();
    this.scheduleHibernation();
    return doc;
  }

  /** Applies whatever the store has that this doc lacks: on load, and after the bus comes back. */
  async catchUp(): Promise<void> {
    const log = await this.deps.store.loadLog(this.boardId);
    if (log.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(log.map((e) => e.update)), FROM_STORE);
    this.logLength = log.length;
    this.knownEntries = new Set(log.map((e) => e.seq));
  }

  canWriteNow(conn: Connection): boolean {
    return canWrite(conn.role) && (!this.record.locked || conn.role === 'facilitator');
  }

  addConnection(conn: Connection): void {
    this.conns.add(conn);
    this.lanes.add(conn, lanesFor(this.conns.size));
    conn.send(encodeSyncStep1(this.stateVector()));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.lanes.remove(conn);
    for (const id of conn.awarenessIds) if (this.presenceOwners.get(id) === conn) this.presenceOwners.delete(id);
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
  }

  /** Handles one binary message; throws ProtocolError (the caller closes that socket) on anything malformed. */
  handleMessage(conn: Connection, data: Uint8Array): void {
    // Most of what a room reads: its own presence messages, which a stock client sends straight back
    // byte for byte. The room holds every state in them at that clock or newer, so they change nothing.
    if (this.recentPresence.has(data)) return;
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
        // Every client's side of the sync on connecting: nothing new, so no reason to wake the board.
        if (this.sleeping && addsNothing(this.sleeping, msg.update)) return;
        this.applyClientUpdate(conn, msg.update);
        return;
      case 'awareness': {
        // A viewer is read-only, presence included, unless the facilitator lets viewers' cursors show.
        if (conn.role === 'viewer' && !this.meta().viewerCursors) return;
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
      return this.sleeping ? diffFromState(this.sleeping, stateVector) : diffForClient(this.live!, stateVector);
    } catch (err) {
      throw new ProtocolError(`malformed state vector: ${(err as Error).message}`);
    }
  }

  /** Changes made by the server itself (lock flag, auto-group from the API…). */
  transact(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), FROM_SERVER);
  }

  /**
   * Applies a writer's update so that a refused or broken one never lands: it is tried and checked on
   * the room's scratch copy first, and the board's doc only ever sees accepted changes (see applyGuarded).
   * Throws RefusedChange or ProtocolError; the socket layer closes the sender with its code.
   */
  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    const full = this.sizeMeter?.check(update.length, this.limits.maxBoardBytes);
    if (full) throw full;
    let held = this.heldBack.get(conn);
    if (!held) this.heldBack.set(conn, (held = noneHeldBack()));
    const wasAnonymous = this.isAnonymous();
    const outcome = withHeldBack(this.doc, held, () => applyGuarded(this.doc, update, conn, (tr) => this.checkChange(conn, tr), this.scratch));
    if (outcome.ok) {
      if (!wasAnonymous) this.keepAnonymous();
      return;
    }
    if ('refused' in outcome) {
      this.deps.log.warn({ boardId: this.boardId, conn: conn.id, reason: outcome.refused.message }, 'change refused');
      throw outcome.refused;
    }
    this.deps.log.warn({ boardId: this.boardId, conn: conn.id, err: outcome.error.message }, 'update could not be applied')
    throw new ProtocolError('update could not be applied');
  }

  private isAnonymous(): boolean {
    return metaOf(this.doc).get('anonymous') === true;
  }

  /** A board made anonymous keeps no names: newcomers download none (Yjs drops the replaced values). */
  private keepAnonymous(): void {
    if (this.isAnonymous()) clearAuthorNames(this.doc, FROM_SERVER);
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

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.lastChangeAt = performance.now();
    this.sizeMeter?.add(update.length);
    // Already stored, or another process's to store. From the store it is news to our sockets when
    // catchUp runs after the bus was away (on load there are no sockets yet).
    if (origin === FROM_STORE || origin === FROM_BUS) {
      this.lanes.push({ update, sender: null, message: encodeSyncUpdate(update) });
      this.scheduleTurn();
      return;
    }
    const sender = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    this.pending.push({ update, sender });
    this.scheduleTurn();
  };

  private readonly lastFlushAt = { doc: -Infinity, presence: -Infinity };
  /**
   * Right after this pass of the event loop, or — when the last flush is less than the room's gap ago
   * (flushGapMs) — that long after it: a lone change goes out at once, a busy board's in batches.
   */
  private scheduleFlush(kind: 'doc' | 'presence', flush: () => void, gap = flushGapMs(kind, this.conns.size)): void {
    const wait = this.lastFlushAt[kind] + gap - performance.now();
    if (wait <= 0) setImmediate(flush);
    else setTimeout(flush, wait);
  }

  /** Set from when a turn is scheduled until it has been sent: changes and presence meanwhile wait for it. */
  private turnDue = false;
  /**
   * Counts turns scheduled and taken. A turn can be taken before its timer fires (a newcomer's answer
   * waits for the changes it is shown to be stored): the timer then finds the count moved on and does
   * nothing, or a busy board would from then on get two turns per gap, one per timer.
   */
  private turns = 0;
  /** The next lane's turn, a lane's share of the gap after the last (a room of one lane: the gap). */
  private scheduleTurn(): void {
    if (this.turnDue || this.destroyed) return;
    this.turnDue = true;
    const turn = ++this.turns;
    const gap = flushGapMs('doc', this.conns.size) / this.lanes.count;
    this.scheduleFlush('doc', () => turn === this.turns && this.flushPending(), gap);
  }

  /**
   * A turn: changes since the last one go out as one, merged into a single update, stored in one write
   * and published in one bus message, then queued for every lane; the lane whose turn it is gets its
   * queue in one write per socket (a room of up to 200 has one lane: everyone, every turn). Under load
   * more changes share a turn, so batches grow exactly when per-message costs (a syscall per socket)
   * would hurt. Stored before anyone sees it: a client never holds a note the server could lose.
   */
  private flushPending = (): void => {
    if (this.pending.length === 0 && !this.turnDue) return;
    this.turns++;
    this.lastFlushAt.doc = performance.now();
    const batch = this.pending;
    this.pending = [];
    const update = batch.length === 0 ? null : batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update));
    this.writeChain = this.writeChain.then(async () => {
      if (update) {
        await this.persist(update);
        this.lanes.push({ update, sender: commonSender(batch), message: encodeSyncUpdate(update) });
        this.deps.bus.publish(this.channel, busMessage(BUS_UPDATE, this.deps.instanceId, update));
      }
      // Presence waiting for its gap rides along with changes, in the same write, rather than in one of its own.
      const presence = update || this.presenceDue ? this.takePresence() : null;
      if (presence) this.lanes.push(presence);
      this.sendTurn();
    });
  };

  /** One lane gets what was queued for it; the next turn is scheduled while anything waits. */
  private sendTurn(): void {
    const turn = this.lanes.take();
    if (turn) this.broadcast(outgoingOf(turn.items), turn.sockets);
    this.turnDue = false;
    if (this.pending.length > 0 || this.lanes.busy) this.scheduleTurn();
  }

  private async persist(update: Uint8Array): Promise<void> {
    if (this.deleted) return;
    if (this.dirty) {
      this.unwritten++;
      return;
    }
    try {
      const { seq, logLength } = await this.deps.store.appendUpdate(this.boardId, update);
      this.knownEntries.add(seq);
      this.logLength = logLength;
      if (logLength >= this.deps.compactEvery) void this.compact();
    } catch (err) {
      this.deps.log.error({ err, boardId: this.boardId }, 'store write failed; serving from memory and retrying');
      this.dirty = true;
      this.scheduleRetry();
    }
  }

  private scheduleRetry(wait = 1000): void {
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.writeWholeState().then((stored) => {
        if (stored) this.deps.log.info({ boardId: this.boardId }, 'store is back; board state written');
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
    if (!this.dirty || this.deleted) return true;
    const before = this.unwritten;
    try {
      this.knownEntries.add((await this.deps.store.appendUpdate(this.boardId, this.encodeState())).seq);
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
    await this.flush();
    return this.writeWholeState();
  }

  /**
   * Folds the update log into one entry. When the room knows every entry (one process serving the
   * board: what it loaded, stored and compacted itself), its own state is that entry, already free of
   * deleted content; encoding it costs a fraction of replaying hundreds of updates on the event loop.
   * An entry it does not know (another process's) means the log is replayed into a temporary doc, and
   * the result is not known either: it may hold what this room never heard of.
   */
  async compact(): Promise<void> {
    this.logLength = 0;
    let folded: LoggedUpdate[] = [];
    let ownState = false;
    try {
      const seq = await this.deps.store.compact(this.boardId, (log) => {
        folded = log;
        ownState = log.every((e) => this.knownEntries.has(e.seq));
        return ownState ? this.encodeState() : replay(log);
      });
      if (seq === null) return;
      for (const e of folded) this.knownEntries.delete(e.seq);
      if (ownState) this.knownEntries.add(seq);
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
    if (this.presenceChanged.size === 0) {
      this.scheduleFlush('presence', this.flushPresence);
      this.presenceSender = conn;
    } else if (this.presenceSender !== conn) this.presenceSender = null;
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
    // A turn already due takes presence along, in the same write to each socket as the changes it
    // carries: on a busy board presence never costs a broadcast of its own.
    this.presenceDue = true;
    this.scheduleTurn();
  };

  /** The pending presence batch as one message (published to other processes now), or null. */
  private takePresence(): Outgoing | null {
    this.presenceDue = false;
    if (this.destroyed || this.presenceChanged.size === 0) return null;
    this.lastFlushAt.presence = performance.now();
    const known = (ids: Set<number>) => [...ids].filter((id) => this.awareness.meta.has(id));
    const changed = known(this.presenceChanged);
    const toPublish = known(this.presenceToPublish);
    this.presenceChanged.clear();
    this.presenceToPublish.clear();
    if (changed.length === 0) return null;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    if (toPublish.length > 0) {
      const published = toPublish.length === changed.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, toPublish);
      this.deps.bus.publish(this.channel, busMessage(BUS_AWARENESS, this.deps.instanceId, published));
    }
    const message = encodeAwareness(update);
    this.recentPresence.add(message);
    // A batch of one socket's own presence (a dragged note) is news to everyone but that socket.
    return { message, except: this.presenceSender };
  }
  private readonly recentPresence = new RecentMessages(4);
  /** Set when presence has waited its gap: the next turn takes it, with changes to the board or without. */
  private presenceDue = false;
  private readonly presenceChanged = new Set<number>();
  /** The one socket every change of the pending presence batch came from, or null. */
  private presenceSender: Connection | null = null;
  /** Of those, the ones to tell other processes about (not the ones they told us). */
  private readonly presenceToPublish = new Set<number>();

  /**
   * Encodes once, sends the same bytes to every socket; a socket that cannot keep up is dropped.
   * Several messages (the board's changes and the presence waiting for its turn) go to each socket
   * in one write: a socket write costs about as much as a whole small message's work on the server.
   */
  private broadcast(outgoing: Outgoing[], sockets: ReadonlySet<Connection>): void {
    if (outgoing.length === 1) return this.broadcastOne(outgoing[0]!, sockets);
    const all = outgoing.map((o) => o.message);
    const skipping = outgoing.map((o) => o.except);
    for (const c of sockets) {
      // Only the sender of a message is skipped for it: every other socket gets the same array.
      const mine = skipping.includes(c) ? outgoing.filter((o) => o.except !== c).map((o) => o.message) : all;
      if (mine.length === 0 || !this.keepsUp(c)) continue;
      if (mine.length === 1) c.send(mine[0]!);
      // The same array for every socket that gets them all, so it is framed once.
      else c.sendTogether(mine.length === all.length ? all : mine);
    }
  }

  /** Most broadcasts: one message, every socket but its sender's. */
  private broadcastOne({ message, except }: Outgoing, sockets: ReadonlySet<Connection>): void {
    for (const c of sockets) if (c !== except && this.keepsUp(c)) c.send(message);
  }

  /** False, and the socket dropped, when it cannot keep up (it resyncs on reconnect). */
  private keepsUp(c: Connection): boolean {
    if (c.bufferedAmount() <= this.deps.maxBufferedBytes) return true;
    c.close(CLOSE.slowConsumer, 'too slow to keep up; reconnect to resync');
    return false;
  }

  /**
   * In arrival order, and a control message's record reload finishes before later messages apply:
   * the lock's doc change follows its control message, so a client that sees the lock is held to it.
   */
  private onBusMessage(raw: Uint8Array): void {
    // In one process every change comes back from the bus: dropped here, without a turn in the queue.
    if (isOwnEcho(raw, this.deps.instanceId)) return;
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
    this.deps.bus.publish(this.channel, busMessage(BUS_UPDATE, this.deps.instanceId, this.encodeState()));
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
    if (this.hibernateTimer) clearTimeout(this.hibernateTimer);
    if (!(await this.writeWholeState())) this.deps.log.error({ boardId: this.boardId }, 'could not store board state on unload');
    this.unsubscribe?.();
    this.scratch.drop();
    this.awareness.destroy();
    this.awareness.doc.destroy();
    if (this.live) {
      this.live.destroy();
      this.deps.onDocDropped?.(this.sizeMeter?.estimate ?? 0);
    }
  }
}

type QueuedChanges = Extract<Queued, { update: Uint8Array }>;

/**
 * The sender already has its own change; changes from several senders go to all of them alike
 * (encoded once), and a sender applying its own change again is a no-op in Yjs.
 */
function commonSender(batch: readonly { sender: Connection | null }[]): Connection | null {
  return batch.every((b) => b.sender === batch[0]!.sender) ? batch[0]!.sender : null;
}

/**
 * A lane's queue as messages for one write: its changes merged into one update (a device applies one,
 * not one per turn it waited), then presence in the order it came.
 */
function outgoingOf(items: readonly Queued[]): Outgoing[] {
  const changes = items.filter((i): i is QueuedChanges => 'update' in i);
  const presence = items.filter((i): i is Outgoing => !('update' in i));
  if (changes.length === 0) return presence;
  const merged: Outgoing =
    changes.length === 1
      ? { message: changes[0]!.message, except: changes[0]!.sender }
      : { message: encodeSyncUpdate(Y.mergeUpdates(changes.map((c) => c.update))), except: commonSender(changes) };
  return [merged, ...presence];
}
