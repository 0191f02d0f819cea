import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus';
import type { Connection } from '../connection';
import { boardChannel, busMessage, isOwnEcho, readBusMessage, BUS_AWARENESS, BUS_CONTROL, BUS_UPDATE, type ControlMessage } from '../busMessages';
import { FROM_BUS } from '../origins';
import type { RoomExtension } from '../extension';

/** What replication needs of its room. */
export interface ReplicatedRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns: ReadonlySet<Connection>;
  readonly destroyed: boolean;
  encodeState(): Uint8Array;
  /** Hands a control message from another process to the room's extensions and its owner. */
  control(control: ControlMessage): Promise<void>;
}

export interface ReplicationOptions {
  bus: Bus;
  /** Random per process: bus messages carry it so a process ignores its own echoes. */
  instanceId: Uint8Array;
  log: FastifyBaseLogger;
}

/**
 * Keeps the board the same in every process serving it: publishes what happens here on the bus and
 * applies what the others publish. Subscribes before the store is read so nothing published in
 * between is missed (updates are idempotent), and holds what arrives until the board is loaded.
 */
export class Replication implements RoomExtension {
  private unsubscribe: (() => void) | null = null;
  private early: Uint8Array[] | null = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly room: ReplicatedRoom,
    private readonly opts: ReplicationOptions,
  ) {}

  private get channel(): string {
    return boardChannel(this.room.boardId);
  }

  async beforeLoad(): Promise<void> {
    this.unsubscribe = await this.opts.bus.subscribe(this.channel, (m) => (this.early ? this.early.push(m) : this.onBusMessage(m)));
  }

  afterLoad(): void {
    const early = this.early ?? [];
    this.early = null;
    for (const m of early) this.onBusMessage(m);
  }

  onBatch(update: Uint8Array): void {
    this.publish(BUS_UPDATE, update);
  }

  onPresenceBatch(update: Uint8Array): void {
    this.publish(BUS_AWARENESS, update);
  }

  /** Tells the other processes serving this board that its record changed (lock, tokens, deletion). */
  publishControl(control: ControlMessage): void {
    this.opts.bus.publish(this.channel, busMessage(BUS_CONTROL, this.opts.instanceId, control));
  }

  /**
   * After the bus was away: the whole doc and our sockets' presence, for processes that came back
   * before this one and so missed what it could not publish meanwhile (Yjs drops what they have).
   */
  publishState(): void {
    this.publish(BUS_UPDATE, this.room.encodeState());
    const { awareness } = this.room;
    const ours = [...this.room.conns].flatMap((c) => [...c.awarenessIds]).filter((id) => awareness.states.has(id));
    if (ours.length > 0) this.publish(BUS_AWARENESS, awarenessProtocol.encodeAwarenessUpdate(awareness, ours));
  }

  private publish(type: typeof BUS_UPDATE | typeof BUS_AWARENESS, payload: Uint8Array): void {
    this.opts.bus.publish(this.channel, busMessage(type, this.opts.instanceId, payload));
  }

  /**
   * In arrival order, and a control message's record reload finishes before later messages apply:
   * the lock's doc change follows its control message, so a client that sees the lock is held to it.
   */
  private onBusMessage(raw: Uint8Array): void {
    // In one process every change comes back from the bus: dropped here, without a turn in the queue.
    if (isOwnEcho(raw, this.opts.instanceId)) return;
    this.queue = this.queue.then(() => this.apply(raw));
  }

  private async apply(raw: Uint8Array): Promise<void> {
    try {
      const m = readBusMessage(raw, this.opts.instanceId);
      if (!m || this.room.destroyed) return;
      if (m.type === BUS_UPDATE) Y.applyUpdate(this.room.doc, m.payload, FROM_BUS);
      else if (m.type === BUS_AWARENESS) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, m.payload, FROM_BUS);
      else if (m.type === BUS_CONTROL) await this.room.control(m.control!);
    } catch (err) {
      this.opts.log.warn({ err, boardId: this.room.boardId }, 'bad bus message ignored');
    }
  }

  onDestroy(): void {
    this.unsubscribe?.();
  }
}
