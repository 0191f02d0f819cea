import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import type { Store, BoardAccess, BoardRecord } from '../store/store';
import { sessionEnded } from './access';
import type { Bus } from '../bus/bus';
import { canWrite } from '../../shared/board/roles';
import { clearAuthorNames, metaOf, notesLimitOf, notesOf, readMeta, setMeta } from '../../shared/board/doc';
import { migrateBoard } from '../../shared/board/migrations';
import type { Meta } from '../../shared/board/schema';
import type { Connection } from './connection';
import { CLOSE } from './connection';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, ProtocolError } from './protocol';
import { applyGuarded, noneHeldBack, RefusedChange, Scratch, withHeldBack, type HeldBack } from './guardedApply';
import { BoardSizeMeter, checkBoardLimits, type BoardLimits } from './boardLimits';
import { DEFAULT_ROOM_LIMITS } from '../config';
import { gateAwareness, type AwarenessContext, type AwarenessLimits } from './awarenessGate';
import { addsNothing, diffFromState, factOf, hibernate, wake, type BoardReader, type Hibernated } from './hibernation';
import type { ControlMessage } from './busMessages';
import type { DocFeed, RoomExtension } from './extension';
import { FROM_SERVER } from './origins';
import { Broadcaster } from './extensions/broadcaster';
import { Persistence } from './extensions/persistence';
import { Replication } from './extensions/replication';
import { HibernationTimer } from './extensions/hibernationTimer';
import { ViewerProjection } from './extensions/viewerProjection';
import { diffForClient } from './encodedState';
import { withoutUnknownNotes } from './presenceScrub';

export { FROM_BUS, FROM_SERVER, FROM_STORE } from './origins';
export { FLUSH_GAP_MS, PRESENCE_GAP_MS, flushGapMs, lanesFor } from './extensions/broadcaster';

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
  /** Checks every writer's change before the board sees it, after the board's limits. */
  guards?: readonly ChangeGuard[];
  /** Handles a control message from another process, after the room's extensions. */
  onControl?: (room: Room, control: ControlMessage) => Promise<void> | void;
}

export type RoomLimits = BoardLimits & AwarenessLimits;

/**
 * Checks a change a connection made, inside its transaction on the scratch copy, before the board sees it;
 * returns a reason to refuse it (the change never lands and the socket is closed with 1008), or null.
 */
export type ChangeGuard = (room: Room, conn: Connection, tr: Y.Transaction) => string | null;

/** The extensions every board has, in the order their hooks run: stored before it is published. */
function standardExtensions(room: Room, deps: RoomDeps): RoomExtension[] {
  return [
    new Persistence(room, deps),
    new Replication(room, deps),
    new Broadcaster(room, deps.maxBufferedBytes),
    new ViewerProjection(room, deps.maxBufferedBytes),
    new HibernationTimer(room, deps.hibernateAfterMs ?? 0),
  ];
}

/**
 * One board in memory: its doc, its presence, its sockets and the protocol between them; writers'
 * changes pass its guards before the doc sees them. What happens in the board's life beyond that —
 * storing, replicating to other processes, broadcasting in turns, sleeping — is its extensions'
 * (see extension.ts), which it tells of each load, change, presence, control message and destroy.
 */
export class Room {
  /** The board's doc while it is awake; null while it hibernates, when `sleeping` holds the board. */
  private live: Y.Doc | null = new Y.Doc();
  private sleeping: Hibernated | null = null;
  /** Presence has a doc of its own (awareness only takes its client id): it lives on while the board hibernates. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly conns = new Set<Connection>();
  readonly limits: RoomLimits;
  private currentRecord: BoardRecord;
  private currentAccess: BoardAccess = { passcodeHash: null, expiresAt: null };
  private endTimer: NodeJS.Timeout | null = null;
  private isDeleted = false;
  private isDestroyed = false;
  private readonly extensions: RoomExtension[];
  private readonly guards: readonly ChangeGuard[];
  private sizeMeter: BoardSizeMeter | null = null;
  /** Each connection's held-back updates; dropped with the connection (its client resends them on reconnect). */
  private readonly heldBack = new WeakMap<Connection, HeldBack>();
  /** Connections an extension serves a document of its own (viewers: the projection); the rest get the board. */
  private readonly feeds = new WeakMap<Connection, DocFeed>();
  /** Where writers' updates are tried before the board's doc sees them (see guardedApply.ts). */
  private readonly scratch = new Scratch();
  /** Facts read from the board that are kept for it while it sleeps. */
  private readonly readers = new Set<BoardReader<unknown>>();
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
    record: BoardRecord,
    private readonly deps: RoomDeps,
    extensions: (room: Room, deps: RoomDeps) => RoomExtension[] = standardExtensions,
  ) {
    this.currentRecord = record;
    this.limits = { ...DEFAULT_ROOM_LIMITS, ...deps.limits };
    this.guards = deps.guards ?? [];
    this.awareness.setLocalState(null);
    this.live!.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.extensions = extensions(this, deps);
  }

  /** The installed extension of a kind (e.g. Persistence); throws when the room has none. */
  extension<T extends RoomExtension>(kind: abstract new (...args: never[]) => T): T {
    const found = this.extensions.find((e): e is T => e instanceof kind);
    if (!found) throw new Error(`room ${this.boardId} has no ${kind.name}`);
    return found;
  }

  /** The board's record as the store last gave it (tokens, lock). */
  get record(): BoardRecord {
    return this.currentRecord;
  }

  /** Takes the record the store now holds (see lifecycle.ts, the only writer of records). */
  recordChanged(record: BoardRecord): void {
    this.currentRecord = record;
  }

  /** Who may take part beyond the link (passcode, end of the session), as the store last gave it. */
  get access(): BoardAccess {
    return this.currentAccess;
  }

  /** Takes the access rules the store now holds; participants can no longer write once the session ended. */
  accessChanged(access: BoardAccess): void {
    this.currentAccess = access;
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = null;
    const wait = access.expiresAt === null ? null : access.expiresAt - Date.now();
    // At the end of the session the board tells its clients so (a timer's longest wait is about 24 days).
    if (wait !== null && wait > 0 && wait < 2 ** 31 - 1) {
      this.endTimer = setTimeout(() => !this.isDestroyed && this.sizeMeter && this.mirrorServerFacts(), wait + 10);
      this.endTimer.unref?.();
    }
    if (this.sizeMeter) this.mirrorServerFacts();
  }

  /** Set once the board is deleted: nothing is written for it any more. */
  get deleted(): boolean {
    return this.isDeleted;
  }

  markDeleted(): void {
    this.isDeleted = true;
  }

  get destroyed(): boolean {
    return this.isDestroyed;
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

  /**
   * A fact of the board read without waking it: asked for often while the board is idle (the meta on
   * every presence message, the agenda by the auto-snapshot), it is kept while the board sleeps.
   */
  read<T>(reader: BoardReader<T>): T {
    this.readers.add(reader as BoardReader<unknown>);
    return this.sleeping ? factOf(this.sleeping, reader) : reader(this.live!);
  }

  meta(): Meta {
    return this.read(readMeta);
  }

  async load(): Promise<void> {
    for (const e of this.extensions) await e.beforeLoad?.();
    for (const e of this.extensions) await e.onLoad?.();
    this.migrate();
    this.keepAnonymous();
    this.mirrorServerFacts();
    this.sizeMeter = new BoardSizeMeter(() => this.encodeState().length);
    for (const e of this.extensions) e.afterLoad?.();
  }

  /**
   * Brings a board saved by older software up to the current model, stored and sent like any server
   * change; a board from newer software is not opened at all (NewerBoardError), so nothing of it is lost.
   */
  private migrate(): void {
    const { from, to, applied } = migrateBoard(this.doc, FROM_SERVER);
    if (applied.length > 0) this.deps.log.info({ boardId: this.boardId, from, to, applied }, 'board model migrated');
  }

  /** Whether the board can sleep: awake, and nothing waiting for its batch, the store, or changes Yjs holds back. */
  canHibernate(): boolean {
    const doc = this.live;
    return !!doc && !this.isDestroyed && !doc.store.pendingStructs && !doc.store.pendingDs && this.extensions.every((e) => e.settled?.() ?? true);
  }

  /** Keeps only the encoded state and the facts read between changes (see hibernation.ts). */
  hibernateNow(): void {
    if (!this.canHibernate()) return;
    const doc = this.live!;
    this.sleeping = hibernate(doc, this.readers);
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
    for (const e of this.extensions) e.onWake?.();
    return doc;
  }

  canWriteNow(conn: Connection): boolean {
    if (conn.role === 'facilitator') return true;
    return canWrite(conn.role) && !this.currentRecord.locked && !sessionEnded(this.currentAccess);
  }

  addConnection(conn: Connection): void {
    this.conns.add(conn);
    const feed = this.extensions.map((e) => e.feedFor?.(conn)).find((f) => f);
    if (feed) this.feeds.set(conn, feed);
    for (const e of this.extensions) e.onConnect?.(conn);
    conn.send(encodeSyncStep1(feed ? feed.stateVector() : this.stateVector()));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(this.presenceFor(conn, states)));
  }

  /** Whether an extension serves this connection a document of its own, so the board's changes are not for it. */
  fedElsewhere(conn: Connection): boolean {
    return this.feeds.has(conn);
  }

  private presenceFor(conn: Connection, ids: number[]): Uint8Array {
    const feed = this.feeds.get(conn);
    return feed ? feed.presence(ids) : awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    for (const e of this.extensions) e.onDisconnect?.(conn);
    for (const id of conn.awarenessIds) if (this.presenceOwners.get(id) === conn) this.presenceOwners.delete(id);
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
  }

  /** Handles one binary message; throws ProtocolError (the caller closes that socket) on anything malformed. */
  handleMessage(conn: Connection, data: Uint8Array): void {
    if (this.extensions.some((e) => e.ignores?.(data))) return;
    const msg = decodeClientMessage(data);
    switch (msg.type) {
      case 'sync-step1': {
        const feed = this.feeds.get(conn);
        if (feed) return conn.send(encodeSyncStep2(feed.diffFor(msg.stateVector)));
        const answer = encodeSyncStep2(this.diffFor(msg.stateVector));
        // A newcomer never holds a note the server could lose: the answer may wait for changes it shows to be stored.
        if (!this.extensions.some((e) => e.deferAnswer?.(() => conn.send(answer)))) conn.send(answer);
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
        if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, withoutUnknownNotes(update, (id) => notesOf(this.doc).has(id)), conn);
        return;
      }
      case 'query-awareness':
        conn.send(encodeAwareness(this.presenceFor(conn, [...this.awareness.getStates().keys()])));
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

  /** Changes made by the server itself (lock flag, auto-group from the API…; FROM_REVEAL: participants' private notes). */
  transact(fn: (doc: Y.Doc) => void, origin: symbol = FROM_SERVER): void {
    this.doc.transact(() => fn(this.doc), origin);
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
      this.mirrorServerFacts();
      return;
    }
    if ('refused' in outcome) {
      this.deps.log.warn({ boardId: this.boardId, conn: conn.id, reason: outcome.refused.message }, 'change refused');
      throw outcome.refused;
    }
    this.deps.log.warn({ boardId: this.boardId, conn: conn.id, err: outcome.error.message }, 'update could not be applied');
    throw new ProtocolError('update could not be applied');
  }

  private isAnonymous(): boolean {
    return metaOf(this.doc).get('anonymous') === true;
  }

  /** A board made anonymous keeps no names: newcomers download none (Yjs drops the replaced values). */
  private keepAnonymous(): void {
    if (this.isAnonymous()) clearAuthorNames(this.doc, FROM_SERVER);
  }

  /**
   * What the server enforces, shown to clients in the board's meta: the lock (the record's) and the note
   * limit (the configuration's). A client that writes either itself is put right, so what people see is
   * what holds, and an honest client refuses a note the server would refuse.
   */
  private mirrorServerFacts(): void {
    const meta = metaOf(this.doc);
    const { locked } = this.currentRecord;
    const { notesPerBoard } = this.limits;
    const ended = sessionEnded(this.currentAccess);
    // A board without the flags reads as unlocked, open and at the default limit: nothing to write for most boards.
    if ((meta.get('locked') === true) === locked && notesLimitOf(this.doc) === notesPerBoard && (meta.get('sessionEnded') === true) === ended) return;
    this.transact((doc) => setMeta(doc, { locked, notesPerBoard, sessionEnded: ended }));
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
    this.sizeMeter?.add(update.length);
    const sender = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    for (const e of this.extensions) e.onChange?.({ update, origin, sender });
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = [...added, ...updated, ...removed];
    if (ids.length === 0) return;
    const sender = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    if (sender) {
      // `updated` too: a reconnecting client may take its own presence over from its dead socket.
      for (const id of [...added, ...updated]) {
        sender.awarenessIds.add(id);
        this.presenceOwners.set(id, sender);
      }
      for (const id of removed) {
        sender.awarenessIds.delete(id);
        if (this.presenceOwners.get(id) === sender) this.presenceOwners.delete(id);
      }
    }
    for (const e of this.extensions) e.onPresence?.({ ids, origin, sender });
  };

  /** A batch of changes made here, handed to every extension in order (stored, then published). */
  async batch(update: Uint8Array): Promise<void> {
    for (const e of this.extensions) await e.onBatch?.(update);
  }

  /** Presence made here, batched, for every extension (published to other processes). */
  presenceBatch(update: Uint8Array): void {
    for (const e of this.extensions) e.onPresenceBatch?.(update);
  }

  /** A control message from another process: the room's extensions, then its owner. */
  async control(control: ControlMessage): Promise<void> {
    for (const e of this.extensions) await e.onControl?.(control);
    await this.deps.onControl?.(this, control);
  }

  /** Waits until every change so far is stored and sent. */
  async flush(): Promise<void> {
    for (const e of this.extensions) await e.flush?.();
  }

  async destroy(): Promise<void> {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    if (this.endTimer) clearTimeout(this.endTimer);
    await this.flush();
    for (const e of this.extensions) await e.onDestroy?.();
    this.scratch.drop();
    this.awareness.destroy();
    this.awareness.doc.destroy();
    if (this.live) {
      this.live.destroy();
      this.deps.onDocDropped?.(this.sizeMeter?.estimate ?? 0);
    }
  }
}
