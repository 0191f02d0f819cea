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

  get(key: string, draw: () => B): B {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
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
