import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/store';
import type { Bus } from '../bus/bus';
import { busMessage, BUS_UPDATE, readBusMessage } from './busMessages';
import { CLOSE, type Connection } from './connection';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, ProtocolError } from './protocol';
import { applyGuarded, RefusedChange, Scratch } from './guardedApply';
import { checkChange } from './guards/workshop';
import { locate, rootNames } from './guards/shape';
import { notesOf } from '../../shared/board/doc';
import { FROM_BUS, FROM_STORE } from './origins';

/** The bus channel of one participant's private notes on one board: only their own desks listen. */
export const privateChannel = (boardId: string, authorId: string): string => `private:${boardId}:${authorId}`;

/** One person's private notes are a handful: a cap keeps a hostile client from filling the server's memory. */
export const PRIVATE_LIMITS = { notes: 300, bytes: 512 * 1024 } as const;

export interface DeskDeps {
  store: Store;
  bus: Bus;
  instanceId: Uint8Array;
  log: FastifyBaseLogger;
}

/** The stored state and new updates as one update, without deleted content (Yjs GC): a deleted note's text is gone. */
function compacted(stored: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  const d = new Y.Doc();
  d.transact(() => {
    if (stored) Y.applyUpdate(d, stored);
    for (const u of updates) Y.applyUpdate(d, u);
  });
  const out = Y.encodeStateAsUpdate(d);
  d.destroy();
  return out;
}

const RETRY_MS = 2_000;

/**
 * One participant's private notes on one board, in this process (shared/board/privateNotes.ts): a doc
 * of their own that only their own sockets sync with (the y-websocket protocol, no presence at all),
 * checked by the workshop's rules as theirs, stored in its own row, and shared with their sockets in
 * other processes over a bus channel of its own. Nothing of it reaches the board, its sockets or its
 * bus channel until it is revealed.
 */
export class PrivateDesk {
  readonly doc = new Y.Doc();
  readonly conns = new Set<Connection>();
  private unsubscribe: (() => void) | null = null;
  private readonly scratch = new Scratch();
  private unstored: Uint8Array[] = [];
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;
  private retry: NodeJS.Timeout | null = null;
  private bytes = 0;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    readonly authorId: string,
    private readonly deps: DeskDeps,
  ) {
    this.doc.on('update', this.onUpdate);
  }

  /** Subscribes first, so nothing another process publishes while the store is read is missed. */
  async load(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(privateChannel(this.boardId, this.authorId), this.onBus);
    const stored = await this.deps.store.loadPrivate(this.boardId, this.authorId);
    if (stored) Y.applyUpdate(this.doc, stored, FROM_STORE);
  }

  addConnection(conn: Connection): void {
    this.conns.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  removeConnection(conn: Connection): void {
    this.conns.delete(conn);
  }

  /** One message of the author's socket; throws ProtocolError or RefusedChange (the caller closes it). */
  handleMessage(conn: Connection, data: Uint8Array, mayWrite: boolean): void {
    const msg = decodeClientMessage(data);
    if (msg.type === 'sync-step1') {
      let answer: Uint8Array;
      try {
        answer = Y.encodeStateAsUpdate(this.doc, msg.stateVector);
      } catch (err) {
        throw new ProtocolError(`malformed state vector: ${(err as Error).message}`);
      }
      return conn.send(encodeSyncStep2(answer));
    }
    // No presence on this channel: nobody else is here, and a typing indicator is exactly what must not travel.
    if (msg.type === 'awareness' || msg.type === 'query-awareness') return;
    // A locked board or an ended session holds private notes as it holds the board: readable, not writable.
    if (!mayWrite) return;
    const outcome = applyGuarded(this.doc, msg.update, conn, (tr) => this.check(tr), this.scratch);
    if (outcome.ok) return;
    if ('refused' in outcome) throw outcome.refused;
    throw new ProtocolError('update could not be applied');
  }

  private check(tr: Y.Transaction): RefusedChange | null {
    const roots = rootNames(tr.doc);
    for (const type of tr.changed.keys()) if (locate(type, roots)?.root !== 'notes') return new RefusedChange(CLOSE.policy, 'private notes hold notes only');
    const reason = checkChange({ role: 'participant', userId: this.authorId }, tr);
    if (reason) return new RefusedChange(CLOSE.policy, reason);
    if (notesOf(tr.doc).size > PRIVATE_LIMITS.notes) return new RefusedChange(CLOSE.policy, `at most ${PRIVATE_LIMITS.notes} private notes`);
    if (this.bytes > PRIVATE_LIMITS.bytes) return new RefusedChange(CLOSE.tooBig, 'private notes are full');
    return null;
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.bytes += update.length;
    if (origin === FROM_STORE) return;
    const message = encodeSyncUpdate(update);
    for (const c of this.conns) if (c !== origin) c.send(message);
    if (origin === FROM_BUS) return;
    this.deps.bus.publish(privateChannel(this.boardId, this.authorId), busMessage(BUS_UPDATE, this.deps.instanceId, update));
    this.unstored.push(update);
    this.write();
  };

  private onBus = (raw: Uint8Array): void => {
    const m = readBusMessage(raw, this.deps.instanceId);
    if (m?.type === BUS_UPDATE && !this.destroyed) Y.applyUpdate(this.doc, m.payload, FROM_BUS);
  };

  /** Writes what is not stored yet, in turn; while the store is away it is kept and written when it is back. */
  private write(): void {
    if (this.writeQueued) return;
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      const batch = this.unstored;
      if (batch.length === 0) return;
      this.unstored = [];
      try {
        await this.deps.store.mergePrivate(this.boardId, this.authorId, (stored) => compacted(stored, batch));
      } catch (err) {
        this.unstored = [...batch, ...this.unstored];
        this.deps.log.warn({ boardId: this.boardId, err: (err as Error).message }, 'private notes could not be stored; retrying');
        if (!this.retry && !this.destroyed) {
          this.retry = setTimeout(() => {
            this.retry = null;
            this.write();
          }, RETRY_MS);
          this.retry.unref?.();
        }
      }
    });
  }

  /** Resolves once every change so far is stored (or failed to be, and waits for its retry). */
  flush(): Promise<void> {
    return this.writing;
  }

  get settled(): boolean {
    return this.unstored.length === 0 && !this.writeQueued;
  }

  async destroy(): Promise<void> {
    await this.flush();
    this.destroyed = true;
    if (this.retry) clearTimeout(this.retry);
    this.unsubscribe?.();
    this.scratch.drop();
    this.doc.destroy();
  }
}
