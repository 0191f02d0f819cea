/**
 * Rendered note text, kept as bitmaps under a memory budget (least recently drawn goes first).
 * Keyed by everything that changes the pixels, so a note scrolled out of view and back, or shown by
 * two boards' worth of panning, is drawn from the same bitmap.
 */
export class BitmapCache<B extends { width: number; height: number }> {
  private entries = new Map<string, B>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The bitmap if it is drawn already (and it becomes the most recently used). */
  peek(key: string): B | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  get(key: string, draw: () => B): B {
    const hit = this.peek(key);
    if (hit) return hit;
    const made = draw();
    this.entries.set(key, made);
    this.bytes += made.width * made.height * 4;
    while (this.bytes > this.budgetBytes && this.entries.size > 1) {
      const [oldKey, old] = this.entries.entries().next().value!;
      this.entries.delete(oldKey);
      this.bytes -= old.width * old.height * 4;
    }
    return made;
  }
}

/** Marks a bitmap that is not drawn yet: the caller shows something cheaper meanwhile. */
export const PENDING = Symbol('pending');

export interface PainterClock {
  now(): number;
  /** Runs `work` when the page has time, with how many milliseconds it may take. */
  idle(work: (budgetMs: number) => void): void;
}

/**
 * Draws text bitmaps within a time budget per frame. Zooming in on a full board asks for hundreds of
 * new bitmaps in one frame; drawn at once that freezes the page for a third of a second. Within the
 * budget a bitmap is drawn at once; past it, the caller gets PENDING and shows something cheaper, the
 * bitmap is drawn when the page is idle, and `onReady` listeners hear when all of them are.
 */
export class TextPainter<B extends { width: number; height: number }> {
  private frameStart = -Infinity;
  private spent = 0;
  private queue = new Map<string, () => B>();
  /**
   * Keys already deferred once. When more text is on screen than the cache holds, a bitmap drawn while
   * idle can be pushed out before it is used; deferring it again would redraw the board for ever.
   */
  private deferred = new Set<string>();
  private scheduled = false;
  private listeners = new Set<() => void>();

  constructor(
    private readonly cache: BitmapCache<B>,
    private readonly clock: PainterClock,
    private readonly frameBudgetMs = 4,
    private readonly frameMs = 16,
  ) {}

  bitmap(key: string, draw: () => B): B | typeof PENDING {
    const hit = this.cache.peek(key);
    if (hit) return hit;
    const now = this.clock.now();
    if (now - this.frameStart >= this.frameMs) {
      this.frameStart = now;
      this.spent = 0;
    }
    if ((this.spent < this.frameBudgetMs && this.queue.size === 0) || this.deferred.has(key)) {
      this.deferred.delete(key);
      const made = this.cache.get(key, draw);
      this.spent += this.clock.now() - now;
      return made;
    }
    if (this.deferred.size > 10_000) this.deferred.clear();
    this.deferred.add(key);
    this.queue.set(key, draw);
    this.schedule();
    return PENDING;
  }

  get pending(): number {
    return this.queue.size;
  }

  onReady(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.idle((budget) => {
      this.scheduled = false;
      const start = this.clock.now();
      for (const [key, draw] of this.queue) {
        if (this.clock.now() - start >= budget) break;
        this.queue.delete(key);
        this.cache.get(key, draw);
      }
      if (this.queue.size > 0) this.schedule();
      else for (const l of this.listeners) l();
    });
  }
}
