import { Histogram } from '../lib/histogram';
import { nowMs, scanMarks } from '../lib/marker';

/**
 * What one receiving client got from each sender: how many ops and the highest seq, indexed by sender
 * (the bench numbers its clients 0…N−1). Arrays, not a map per receiver: at 500 clients a generator
 * records over a hundred thousand ops a second into 250 × 500 tallies.
 */
class Tally {
  count = new Uint32Array(64);
  max = new Float64Array(64);

  countOf(sender: number): number {
    return sender < this.count.length ? this.count[sender]! : 0;
  }

  /** Counts one op; false when it came after a later one from the same sender. */
  add(sender: number, seq: number): boolean {
    if (sender >= this.count.length) this.grow(sender);
    this.count[sender]!++;
    if (seq < this.max[sender]!) return false;
    this.max[sender] = seq;
    return true;
  }

  private grow(sender: number): void {
    let n = this.count.length;
    while (n <= sender) n *= 2;
    const count = new Uint32Array(n);
    const max = new Float64Array(n);
    count.set(this.count);
    max.set(this.max);
    this.count = count;
    this.max = max;
  }
}

/** Sender numbers beyond this are a marker cut or corrupted in a way that still parses, not a client. */
const MAX_SENDER = 100_000;

/** What one generator process saw arrive: latency of every op at every receiver, and gaps. */
export class Receivers {
  readonly latency = new Histogram();
  private seen = new Map<number, Tally>();
  reordered = 0;
  /** Ops sent before this moment (the warm-up) count for drops, not for latency. */
  measureFrom = Infinity;

  /** The tap for one client's socket. */
  tap(receiver: number): (buf: Buffer) => void {
    const tally = new Tally();
    this.seen.set(receiver, tally);
    return (buf) => {
      const at = nowMs();
      scanMarks(buf, (sender, seq, sentAt) => {
        if (sender === receiver) return; // the classic server echoes a client's own update back
        if (sender > MAX_SENDER) return;
        if (sentAt >= this.measureFrom) this.latency.record(at - sentAt);
        if (!tally.add(sender, seq)) this.reordered++;
      });
    };
  }

  /** Ops that some receiver here never got, given how many each sender sent. */
  missing(sent: Record<number, number>): number {
    let missing = 0;
    for (const [receiver, tally] of this.seen) {
      for (const [sender, n] of Object.entries(sent)) {
        if (Number(sender) === receiver) continue;
        missing += Math.max(0, n - tally.countOf(Number(sender)));
      }
    }
    return missing;
  }
}
