/**
 * The sockets of a big room in lanes that take turns: each turn writes one lane everything queued
 * for it since its last turn. A room of 500 people with a flush every 25 ms then writes about 170
 * sockets every 8 ms instead of all 500 at once: every socket still gets at most one write per flush
 * gap, but the server's event loop is never held for a whole room's writes in one go, and 500 devices
 * on one Wi-Fi are not all woken in the same instant. A room small enough for one write to all
 * every FLUSH_GAP_MS has one lane, and a turn is an ordinary broadcast.
 *
 * Lanes are opened as the room grows and the emptiest one takes each newcomer. A socket only changes
 * lanes when its lane has nothing queued, so it never misses what was queued for it.
 */
export class Lanes<Socket, Item> {
  private readonly lanes: Lane<Socket, Item>[] = [];
  private readonly laneOf = new Map<Socket, Lane<Socket, Item>>();
  private turn = 0;

  /** Puts `socket` in the emptiest lane, first opening lanes up to `wanted` (at least one). */
  add(socket: Socket, wanted: number): void {
    while (this.lanes.length < Math.max(1, wanted)) this.lanes.push({ sockets: new Set(), queue: [] });
    const lane = this.emptiest();
    lane.sockets.add(socket);
    this.laneOf.set(socket, lane);
    this.rebalance();
  }

  /**
   * Moves sockets out of crowded lanes that have nothing queued (their sockets have been sent
   * everything so far, so in another lane they can only get something twice, never miss it): a room
   * that grew one newcomer at a time ends up with even lanes.
   */
  private rebalance(): void {
    const most = Math.ceil(this.laneOf.size / this.lanes.length);
    for (const lane of this.lanes) {
      if (lane.queue.length > 0) continue;
      for (const socket of lane.sockets) {
        if (lane.sockets.size <= most) break;
        const to = this.emptiest();
        lane.sockets.delete(socket);
        to.sockets.add(socket);
        this.laneOf.set(socket, to);
      }
    }
  }

  private emptiest(): Lane<Socket, Item> {
    let lane = this.lanes[0]!;
    for (const l of this.lanes) if (l.sockets.size < lane.sockets.size) lane = l;
    return lane;
  }

  remove(socket: Socket): void {
    this.laneOf.get(socket)?.sockets.delete(socket);
    this.laneOf.delete(socket);
  }

  /** Lanes open (at least one): a round of turns reaches every socket once. */
  get count(): number {
    return Math.max(1, this.lanes.length);
  }

  /** Queues an item for every lane (an empty lane drops it: a newcomer is synced from the doc). */
  push(item: Item): void {
    for (const l of this.lanes) if (l.sockets.size > 0) l.queue.push(item);
  }

  /** Whether some lane still has items queued. */
  get busy(): boolean {
    return this.lanes.some((l) => l.queue.length > 0);
  }

  /** The next lane in turn that has items queued: its sockets, and its items (the queue is emptied). */
  take(): { sockets: ReadonlySet<Socket>; items: Item[] } | null {
    for (let i = 0; i < this.lanes.length; i++) {
      const lane = this.lanes[(this.turn + i) % this.lanes.length]!;
      if (lane.queue.length === 0) continue;
      this.turn = (this.turn + i + 1) % this.lanes.length;
      const items = lane.queue;
      lane.queue = [];
      return { sockets: lane.sockets, items };
    }
    return null;
  }
}

interface Lane<Socket, Item> {
  sockets: Set<Socket>;
  queue: Item[];
}
