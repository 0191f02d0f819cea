import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { keptFromViewers, moderationOf, moderationOn, readModerationEntry, setModeration } from '../../../shared/board/moderation';
import { notesOf } from '../../../shared/board/doc';
import { CLOSE, type Connection } from '../connection';
import type { DocFeed, PresenceChange, RoomExtension } from '../extension';
import { RefusedChange } from '../guardedApply';
import { encodeAwareness, encodeSyncUpdate } from '../protocol';
import { FROM_SERVER } from '../origins';
import { locate, rootNames } from '../guards/shape';
import { collectDirty, noneDirty, Projection, type Dirty } from '../projection';
import { flushGapMs, FLUSH_GAP_MS } from './broadcaster';

/** What the projection needs of its room. */
export interface ProjectionRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly conns: ReadonlySet<Connection>;
  readonly awareness: awarenessProtocol.Awareness;
  readonly destroyed: boolean;
  readonly deleted: boolean;
  transact(fn: (doc: Y.Doc) => void): void;
}

const REBUILT = 'the view was rebuilt on the server; reconnect with an empty board';

/**
 * Approval before the projector (issue 24): viewer sockets are served a projection of the board — a
 * server-side Y.Doc with everything but the notes the viewer link may not show yet (pending while
 * moderation is on, or hidden) and whatever is keyed by them — kept up to date from the board's changes.
 * Viewers' sync and updates come from it only, and their presence is scrubbed of those notes, so no
 * byte a viewer socket receives carries a pending note. Each process derives its own projection from
 * its own copy of the board, where the moderation marks arrive like any change.
 *
 * It also marks the facilitator's own new notes approved: the queue is for participants' notes.
 */
export class ViewerProjection implements RoomExtension {
  private projection: Projection | null = null;
  private readonly viewers = new Set<Connection>();
  private readonly feed: DocFeed;
  private dirty: Dirty = noneDirty();
  /** The facilitator's (and the server's) new notes, to approve right after their transaction. */
  private readonly toApprove = new Set<string>();
  private turnDue = false;
  private lastTurnAt = -Infinity;
  private readonly outgoing: Uint8Array[] = [];
  private readonly presenceChanged = new Set<number>();
  private presenceDue = false;
  private watched: Y.Doc | null = null;

  constructor(
    private readonly room: ProjectionRoom,
    private readonly maxBufferedBytes: number,
  ) {
    this.feed = {
      stateVector: () => Y.encodeStateVector(this.open().doc),
      diffFor: (sv) => this.diffFor(sv),
      presence: (ids) => this.presenceOf(ids),
    };
  }

  feedFor(conn: Connection): DocFeed | null {
    return conn.role === 'viewer' ? this.feed : null;
  }

  afterLoad(): void {
    this.watch();
  }

  onWake(): void {
    this.watch();
  }

  onConnect(conn: Connection): void {
    if (conn.role === 'viewer') this.viewers.add(conn);
  }

  onDisconnect(conn: Connection): void {
    this.viewers.delete(conn);
  }

  onPresence({ ids }: PresenceChange): void {
    if (this.viewers.size === 0) return;
    for (const id of ids) this.presenceChanged.add(id);
    if (this.presenceDue) return;
    this.presenceDue = true;
    setTimeout(this.flushPresence, flushGapMs('presence', this.room.conns.size)).unref?.();
  }

  settled(): boolean {
    return !this.turnDue;
  }

  flush(): Promise<void> {
    if (this.turnDue) this.takeTurn();
    return Promise.resolve();
  }

  onDestroy(): void {
    this.unwatch();
    this.projection?.destroy();
    this.projection = null;
  }

  /** The projection, built from the whole board when the first viewer comes. */
  private open(): Projection {
    if (this.projection) return this.projection;
    const p = new Projection();
    p.update(this.room.doc, keptFromViewers(this.room.doc), null);
    p.doc.on('update', (u: Uint8Array) => this.outgoing.push(u));
    this.projection = p;
    return p;
  }

  /**
   * What a viewer lacks. A viewer whose state holds another projection's history (this board reloaded,
   * another process, an earlier server) would merge stale entries into what it shows: it is closed with
   * 4409, and its client starts again from an empty board.
   */
  private diffFor(stateVector: Uint8Array): Uint8Array {
    const p = this.open();
    const mine = Y.encodeStateVector(p.doc);
    let theirs: Map<number, number>;
    try {
      theirs = Y.decodeStateVector(stateVector);
    } catch {
      throw new RefusedChange(CLOSE.invalidPayload, 'malformed state vector');
    }
    const own = Y.decodeStateVector(mine);
    for (const [client, clock] of theirs) if (clock > (own.get(client) ?? 0)) throw new RefusedChange(CLOSE.rebuilt, REBUILT);
    return Y.encodeStateAsUpdate(p.doc, stateVector);
  }

  private watch(): void {
    this.unwatch();
    const doc = this.room.doc;
    doc.on('afterTransaction', this.onTransaction);
    this.watched = doc;
  }

  private unwatch(): void {
    this.watched?.off('afterTransaction', this.onTransaction);
    this.watched = null;
  }

  private onTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.size === 0) return;
    // With no viewer yet there is no projection to bring up: the first viewer's is built from the whole board.
    if (this.projection) {
      const roots = rootNames(tr.doc);
      collectDirty(tr, this.dirty, (type) => locate(type, roots));
      this.scheduleTurn();
    }
    if (this.approvesNewNotes(tr.origin) && moderationOn(tr.doc)) {
      const notesRoot = tr.doc.share.get('notes');
      const keys = notesRoot ? tr.changed.get(notesRoot) : undefined;
      const marks = moderationOf(tr.doc);
      const notes = notesOf(tr.doc);
      const before = this.toApprove.size;
      for (const id of keys ?? []) if (id !== null && notes.has(id) && !readModerationEntry(marks.get(id))) this.toApprove.add(id);
      // Right after this transaction, so the mark joins the same batch (stored and published with the note).
      if (before === 0 && this.toApprove.size > 0) queueMicrotask(this.approve);
    }
  };

  private approve = (): void => {
    const ids = [...this.toApprove];
    this.toApprove.clear();
    if (ids.length === 0 || this.room.destroyed || this.room.deleted) return;
    this.room.transact((doc) => setModeration(doc, ids, 'approved', FROM_SERVER));
  };

  /** A note the facilitator (or the server, e.g. an import) adds needs no approval. */
  private approvesNewNotes(origin: unknown): boolean {
    if (origin === FROM_SERVER) return true;
    return this.room.conns.has(origin as Connection) && (origin as Connection).role === 'facilitator';
  }

  private scheduleTurn(): void {
    if (this.turnDue || this.room.destroyed) return;
    this.turnDue = true;
    const wait = this.lastTurnAt + FLUSH_GAP_MS - performance.now();
    const run = () => this.turnDue && this.takeTurn();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }

  /** Approves what needs no approval, brings the projection up to the board and sends viewers the difference. */
  private takeTurn(): void {
    this.turnDue = false;
    this.lastTurnAt = performance.now();
    if (this.room.destroyed) return;
    const dirty = this.dirty;
    this.dirty = noneDirty();
    if (!this.projection) return;
    this.projection.update(this.room.doc, keptFromViewers(this.room.doc), dirty);
    if (this.outgoing.length === 0) return;
    const update = this.outgoing.length === 1 ? this.outgoing[0]! : Y.mergeUpdates(this.outgoing);
    this.outgoing.length = 0;
    const message = encodeSyncUpdate(update);
    for (const c of this.viewers) if (this.keepsUp(c)) c.send(message);
  }

  private flushPresence = (): void => {
    this.presenceDue = false;
    if (this.room.destroyed || this.viewers.size === 0) return;
    const ids = [...this.presenceChanged].filter((id) => this.room.awareness.meta.has(id));
    this.presenceChanged.clear();
    if (ids.length === 0) return;
    const message = encodeAwareness(this.presenceOf(ids));
    for (const c of this.viewers) if (this.keepsUp(c)) c.send(message);
  };

  /** Presence as a viewer may see it: nothing that names a note the projection does not hold. */
  private presenceOf(ids: number[]): Uint8Array {
    const shown = this.open().doc.getMap('notes');
    const states = new Map<number, Record<string, unknown>>();
    for (const id of ids) {
      const state = this.room.awareness.states.get(id);
      if (state) states.set(id, scrub(state, shown) as Record<string, unknown>);
    }
    return awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids, states);
  }

  private keepsUp(c: Connection): boolean {
    if (c.bufferedAmount() <= this.maxBufferedBytes) return true;
    c.close(CLOSE.slowConsumer, 'too slow to keep up; reconnect to resync');
    return false;
  }
}

const NOTE_ID = /^n_/;

/**
 * Leaves out of a presence state every key and every string that names a note the viewer does not hold
 * (a dragged note, the note being typed in, and whatever else a client puts there), default deny.
 */
function scrub(value: unknown, shown: Y.Map<unknown>): unknown {
  if (typeof value === 'string') return NOTE_ID.test(value) && !shown.has(value) ? null : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, shown));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!(NOTE_ID.test(k) && !shown.has(k))) out[k] = scrub(v, shown);
  return out;
}
