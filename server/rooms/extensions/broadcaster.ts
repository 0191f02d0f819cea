import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE, type Connection } from '../connection';
import { encodeAwareness, encodeSyncUpdate } from '../protocol';
import { RecentMessages } from '../recentMessages';
import { Lanes } from '../lanes';
import { FROM_BUS, FROM_STORE } from '../origins';
import type { DocChange, PresenceChange, RoomExtension } from '../extension';

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
 * Socket writes a room's broadcasts may cost per millisecond. A broadcast is one write per socket, so
 * in a room of hundreds the gap between flushes grows with the room instead of costing more than a
 * whole core; the room's sockets get it in lanes that take turns (see lanes.ts).
 */
export const SOCKET_WRITES_PER_MS = 20;
/**
 * The same budget for presence, counted per socket both ways: each presence message is one write per
 * socket and, from every stock client, one echo back, and it is half the budget the board's changes
 * get, which spares the server and a hall's Wi-Fi in big rooms; small rooms keep PRESENCE_GAP_MS.
 */
export const PRESENCE_SOCKET_OPS_PER_MS = 10;

/** The least time between two flushes of one kind to one socket, for a room with `sockets` connections. */
export function flushGapMs(kind: 'doc' | 'presence', sockets: number): number {
  if (kind === 'doc') return Math.max(FLUSH_GAP_MS, sockets / SOCKET_WRITES_PER_MS);
  return Math.max(PRESENCE_GAP_MS, (2 * sockets) / PRESENCE_SOCKET_OPS_PER_MS);
}

/** Lanes for a room of `sockets` (see lanes.ts): as many as keep each turn to FLUSH_GAP_MS worth of writes. */
export const lanesFor = (sockets: number): number => Math.ceil(flushGapMs('doc', sockets) / FLUSH_GAP_MS);

/** A message for every socket of the room but one (the sender, who has it already), or all. */
interface Outgoing {
  message: Uint8Array;
  except: Connection | null;
}

/** What waits in a lane for its turn: stored changes (merged at the turn), or a presence message. */
type Queued = { update: Uint8Array; sender: Connection | null; message: Uint8Array } | Outgoing;
type QueuedChanges = Extract<Queued, { update: Uint8Array }>;

/** What the broadcaster needs of its room. */
export interface BroadcastRoom {
  readonly conns: ReadonlySet<Connection>;
  readonly awareness: awarenessProtocol.Awareness;
  readonly destroyed: boolean;
  /** True for a connection another extension serves a document of its own (a viewer): the board's messages are not for it. */
  fedElsewhere(conn: Connection): boolean;
  /** Runs every extension's onBatch for a batch of changes made here, in order. */
  batch(update: Uint8Array): Promise<void>;
  /** Tells every extension of presence made here, batched. */
  presenceBatch(update: Uint8Array): void;
}

/**
 * Sends a room's changes and presence to its sockets in turns: changes since the last turn go out as
 * one, merged into a single update, handed to the other extensions in one batch (stored, then
 * published) and queued for every lane; the lane whose turn it is gets its queue in one write per
 * socket. Under load more changes share a turn, so batches grow exactly when per-message costs would
 * hurt. Stored before anyone sees it: a client never holds a note the server could lose.
 */
export class Broadcaster implements RoomExtension {
  private readonly lanes = new Lanes<Connection, Queued>();
  private writeChain: Promise<void> = Promise.resolve();
  /** Changes made here this pass of the event loop, not yet stored nor sent. */
  private pending: { update: Uint8Array; sender: Connection | null }[] = [];
  private readonly lastFlushAt = { doc: -Infinity, presence: -Infinity };
  /** Set from when a turn is scheduled until it has been sent: changes and presence meanwhile wait for it. */
  private turnDue = false;
  /**
   * Counts turns scheduled and taken. A turn can be taken before its timer fires (a newcomer's answer
   * waits for the changes it is shown to be stored): the timer then finds the count moved on and does
   * nothing, or a busy board would from then on get two turns per gap, one per timer.
   */
  private turns = 0;
  private readonly recentPresence = new RecentMessages(4);
  /** Set when presence has waited its gap: the next turn takes it, with changes to the board or without. */
  private presenceDue = false;
  private readonly presenceChanged = new Set<number>();
  /** The one socket every change of the pending presence batch came from, or null. */
  private presenceSender: Connection | null = null;
  /** Of those, the ones to tell other processes about (not the ones they told us). */
  private readonly presenceToPublish = new Set<number>();

  constructor(
    private readonly room: BroadcastRoom,
    private readonly maxBufferedBytes: number,
  ) {}

  onConnect(conn: Connection): void {
    if (this.room.fedElsewhere(conn)) return;
    this.lanes.add(conn, lanesFor(this.room.conns.size));
  }

  onDisconnect(conn: Connection): void {
    this.lanes.remove(conn);
  }

  /**
   * Most of what a room reads: its own presence messages, which a stock client sends straight back
   * byte for byte. The room holds every state in them at that clock or newer, so they change nothing.
   */
  ignores(message: Uint8Array): boolean {
    return this.recentPresence.has(message);
  }

  onChange({ update, origin, sender }: DocChange): void {
    // Already stored, or another process's to store. From the store it is news to our sockets when the
    // board catches up after the bus was away (on load there are no sockets yet).
    if (origin === FROM_STORE || origin === FROM_BUS) this.lanes.push({ update, sender: null, message: encodeSyncUpdate(update) });
    else this.pending.push({ update, sender });
    this.scheduleTurn();
  }

  /** The doc holds changes still waiting for their batch: the answer goes out once they are stored. */
  deferAnswer(send: () => void): boolean {
    if (this.pending.length === 0) return false;
    this.flushPending();
    this.writeChain = this.writeChain.then(send);
    return true;
  }

  settled(): boolean {
    return this.pending.length === 0;
  }

  flush(): Promise<void> {
    this.flushPending();
    return this.writeChain;
  }

  onPresence({ ids, origin, sender }: PresenceChange): void {
    if (this.presenceChanged.size === 0) {
      this.scheduleFlush('presence', this.flushPresence);
      this.presenceSender = sender;
    } else if (this.presenceSender !== sender) this.presenceSender = null;
    for (const id of ids) {
      this.presenceChanged.add(id);
      if (origin !== FROM_BUS) this.presenceToPublish.add(id);
    }
  }

  /**
   * Right after this pass of the event loop, or — when the last flush is less than the room's gap ago
   * (flushGapMs) — that long after it: a lone change goes out at once, a busy board's in batches.
   */
  private scheduleFlush(kind: 'doc' | 'presence', flush: () => void, gap = flushGapMs(kind, this.room.conns.size)): void {
    const wait = this.lastFlushAt[kind] + gap - performance.now();
    if (wait <= 0) setImmediate(flush);
    else setTimeout(flush, wait);
  }

  /** The next lane's turn, a lane's share of the gap after the last (a room of one lane: the gap). */
  private scheduleTurn(): void {
    if (this.turnDue || this.room.destroyed) return;
    this.turnDue = true;
    const turn = ++this.turns;
    const gap = flushGapMs('doc', this.room.conns.size) / this.lanes.count;
    this.scheduleFlush('doc', () => turn === this.turns && this.flushPending(), gap);
  }

  /** A turn (a room of up to 200 has one lane: everyone, every turn). */
  private flushPending = (): void => {
    if (this.pending.length === 0 && !this.turnDue) return;
    this.turns++;
    this.lastFlushAt.doc = performance.now();
    const batch = this.pending;
    this.pending = [];
    const update = batch.length === 0 ? null : batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update));
    this.writeChain = this.writeChain.then(async () => {
      if (update) {
        await this.room.batch(update);
        this.lanes.push({ update, sender: commonSender(batch), message: encodeSyncUpdate(update) });
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

  /**
   * Presence changes since the last flush (a dragged note, cursors, each client's keep-alive) go out
   * as one message with the latest state of each: one send per socket. A turn already due takes it
   * along, in the same write as the changes it carries: on a busy board presence never costs a
   * broadcast of its own.
   */
  private flushPresence = (): void => {
    this.presenceDue = true;
    this.scheduleTurn();
  };

  /** The pending presence batch as one message (handed to the other extensions now), or null. */
  private takePresence(): Outgoing | null {
    this.presenceDue = false;
    if (this.room.destroyed || this.presenceChanged.size === 0) return null;
    this.lastFlushAt.presence = performance.now();
    const { awareness } = this.room;
    const known = (ids: Set<number>) => [...ids].filter((id) => awareness.meta.has(id));
    const changed = known(this.presenceChanged);
    const toPublish = known(this.presenceToPublish);
    this.presenceChanged.clear();
    this.presenceToPublish.clear();
    if (changed.length === 0) return null;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
    if (toPublish.length > 0) this.room.presenceBatch(toPublish.length === changed.length ? update : awarenessProtocol.encodeAwarenessUpdate(awareness, toPublish));
    const message = encodeAwareness(update);
    this.recentPresence.add(message);
    // A batch of one socket's own presence (a dragged note) is news to everyone but that socket.
    return { message, except: this.presenceSender };
  }

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
    if (c.bufferedAmount() <= this.maxBufferedBytes) return true;
    c.close(CLOSE.slowConsumer, 'too slow to keep up; reconnect to resync');
    return false;
  }
}

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
