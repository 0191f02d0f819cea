/**
 * The last few messages a room sent, for recognising one that comes back unchanged. Echoes arrive
 * within milliseconds, so a handful covers the presence broadcasts of the last 200 ms or more.
 */
export class RecentMessages {
  private readonly ring: (Uint8Array | null)[];
  private next = 0;

  constructor(size: number) {
    this.ring = new Array<Uint8Array | null>(size).fill(null);
  }

  add(message: Uint8Array): void {
    this.ring[this.next] = message;
    this.next = (this.next + 1) % this.ring.length;
  }

  /** Byte for byte; a length check first, so a message of another size costs one comparison each. */
  has(data: Uint8Array): boolean {
    for (const m of this.ring) if (m && m.length === data.length && Buffer.compare(m, data) === 0) return true;
    return false;
  }
}
