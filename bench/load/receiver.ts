import { Histogram } from '../lib/histogram';
import { nowMs, scanMarks } from '../lib/marker';

/** What one generator process saw arrive: latency of every op at every receiver, and gaps. */
export class Receivers {
  readonly latency = new Histogram();
  /** Per receiving client: per sender, how many ops arrived and the highest seq seen. */
  private seen = new Map<number, Map<number, { count: number; max: number }>>();
  reordered = 0;
  /** Ops sent before this moment (the warm-up) count for drops, not for latency. */
  measureFrom = Infinity;

  /** The tap for one client's socket. */
  tap(receiver: number): (buf: Buffer) => void {
    const bySender = new Map<number, { count: number; max: number }>();
    this.seen.set(receiver, bySender);
    return (buf) => {
      const at = nowMs();
      scanMarks(buf, (m) => {
        if (m.sender === receiver) return; // the classic server echoes a client's own update back
        if (m.sentAt >= this.measureFrom) this.latency.record(at - m.sentAt);
        let s = bySender.get(m.sender);
        if (!s) bySender.set(m.sender, (s = { count: 0, max: 0 }));
        s.count++;
        if (m.seq < s.max) this.reordered++;
        else s.max = m.seq;
      });
    };
  }

  /** Ops that some receiver here never got, given how many each sender sent. */
  missing(sent: Record<number, number>): number {
    let missing = 0;
    for (const [receiver, bySender] of this.seen) {
      for (const [sender, n] of Object.entries(sent)) {
        if (Number(sender) === receiver) continue;
        missing += Math.max(0, n - (bySender.get(Number(sender))?.count ?? 0));
      }
    }
    return missing;
  }
}
