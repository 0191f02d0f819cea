import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Hands memory back to the operating system after many boards went to sleep at once (the end of a
 * session, a break on a training day). V8 reuses freed heap at once, but returns it to the system only
 * when its memory reducer runs, which can take a minute; meanwhile the process holds the boards' old
 * docs' pages (a container limit or a small VM sees that). So after hibernations that freed a lot, and
 * only when that is a large share of the heap (a full collection pauses the process for a few tens of
 * milliseconds, which active boards would notice if it were frequent), one full collection is asked
 * for, at most once per `minGapMs`.
 */
export class MemoryRelease {
  private released = 0;
  private timer: NodeJS.Timeout | null = null;
  /** A wave that came too soon after the last collection, waiting for the gap to pass. */
  private deferred: NodeJS.Timeout | null = null;
  private lastAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly collect: (() => void) | null,
    private readonly opts = { minBytes: 16 * 1024 * 1024, heapShare: 0.25, settleMs: 1000, minGapMs: 60_000 },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A board's doc holding about `heapBytes` was just dropped. */
  note(heapBytes: number): void {
    if (!this.collect || this.stopped) return;
    this.released += heapBytes;
    // Boards fall asleep in waves: one collection once the wave is over.
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.maybeCollect(), this.opts.settleMs);
      this.timer.unref?.();
    }
  }

  /** Whether the release so far is worth a full collection now. */
  worthCollecting(heapUsed = process.memoryUsage().heapUsed): boolean {
    return this.largeShare(heapUsed) && this.now() - this.lastAt >= this.opts.minGapMs;
  }

  private largeShare(heapUsed: number): boolean {
    return this.released >= this.opts.minBytes && this.released >= heapUsed * this.opts.heapShare;
  }

  /**
   * Once per wave: what an earlier wave freed V8 has reclaimed on its own by then, so it does not add
   * up. A large wave within the gap after the last collection (the second half of a training day's
   * groups going quiet) is collected once the gap has passed, not dropped.
   */
  private maybeCollect(): void {
    this.timer = null;
    const heapUsed = process.memoryUsage().heapUsed;
    if (!this.largeShare(heapUsed)) {
      this.released = 0;
      return;
    }
    if (!this.worthCollecting(heapUsed)) {
      this.deferred ??= setTimeout(
        () => {
          this.deferred = null;
          this.maybeCollect();
        },
        this.lastAt + this.opts.minGapMs - this.now(),
      );
      this.deferred.unref?.();
      return;
    }
    this.released = 0;
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = null;
    this.lastAt = this.now();
    this.collect!();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.deferred) clearTimeout(this.deferred);
    this.timer = null;
    this.deferred = null;
  }
}

/** V8's full collection, which Node exposes only behind a flag: enabled for this one function. */
export function fullCollection(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** About what a board's Y.Doc takes on the heap, from its encoded size (measured: ~340 KB for 18 KB encoded). */
export const docHeapBytes = (encodedBytes: number): number => encodedBytes * 19;
