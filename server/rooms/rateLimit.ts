/**
 * A token bucket: `perSecond` sustained, bursts up to `burst`. A client that reconnects after a drop
 * sends its backlog in one sync message, so the burst is for typing and dragging, not for catch-up.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. A rate of 0 means unlimited. */
  take(): boolean {
    if (this.perSecond <= 0) return true;
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts open sockets per client address. */
export class PerIpCounter {
  private counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more socket from `ip`; false (and nothing counted) when that address is at the limit. */
  open(ip: string): boolean {
    const n = this.counts.get(ip) ?? 0;
    if (this.max > 0 && n >= this.max) return false;
    this.counts.set(ip, n + 1);
    return true;
  }

  close(ip: string): void {
    const n = (this.counts.get(ip) ?? 1) - 1;
    if (n <= 0) this.counts.delete(ip);
    else this.counts.set(ip, n);
  }

  count(ip: string): number {
    return this.counts.get(ip) ?? 0;
  }
}
