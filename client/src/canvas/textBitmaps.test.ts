import { describe, expect, it } from 'vitest';
import { BitmapCache, PENDING, TextPainter } from './textBitmaps';

describe('text bitmap cache', () => {
  it('draws each bitmap once and forgets the least recently used past its budget', () => {
    let drawn = 0;
    const cache = new BitmapCache<{ width: number; height: number }>(3 * 10 * 10 * 4);
    const get = (k: string) =>
      cache.get(k, () => {
        drawn++;
        return { width: 10, height: 10 };
      });
    get('a');
    get('b');
    get('c');
    get('a'); // a is now the most recent
    expect(drawn).toBe(3);
    get('d'); // over budget: b goes
    expect(cache.size).toBe(3);
    get('a');
    get('c');
    expect(drawn).toBe(4);
    get('b');
    expect(drawn).toBe(5);
  });
});

describe('text painter', () => {
  /** A clock the test moves by hand, and idle callbacks it runs when told. */
  function manualClock() {
    let t = 0;
    const idle: ((budget: number) => void)[] = [];
    return {
      clock: { now: () => t, idle: (work: (budget: number) => void) => void idle.push(work) },
      advance: (ms: number) => (t += ms),
      runIdle: (budget: number) => idle.splice(0).forEach((w) => w(budget)),
    };
  }
  const bitmap = () => ({ width: 10, height: 10 });

  it('draws at once within the frame budget, defers the rest and says when all are drawn', () => {
    const m = manualClock();
    const painter = new TextPainter(new BitmapCache<{ width: number; height: number }>(1e9), m.clock, 4);
    let ready = 0;
    painter.onReady(() => ready++);
    const costly = (ms: number) => () => {
      m.advance(ms);
      return bitmap();
    };
    expect(painter.bitmap('a', costly(3))).not.toBe(PENDING);
    expect(painter.bitmap('b', costly(3))).not.toBe(PENDING); // 3 ms spent: still under 4
    expect(painter.bitmap('c', costly(3))).toBe(PENDING);
    expect(painter.bitmap('d', costly(3))).toBe(PENDING);
    expect(painter.pending).toBe(2);
    m.runIdle(2); // room for one
    expect(painter.pending).toBe(1);
    expect(ready).toBe(0);
    m.runIdle(10);
    expect(painter.pending).toBe(0);
    expect(ready).toBe(1);
    // Drawn while idle: now served from the cache, in any frame.
    expect(painter.bitmap('c', costly(3))).not.toBe(PENDING);
  });

  it('starts a fresh budget in the next frame', () => {
    const m = manualClock();
    const painter = new TextPainter(new BitmapCache<{ width: number; height: number }>(1e9), m.clock, 4, 16);
    const costly = () => {
      m.advance(5);
      return bitmap();
    };
    painter.bitmap('a', costly);
    expect(painter.bitmap('b', costly)).toBe(PENDING);
    m.runIdle(100);
    m.advance(20);
    expect(painter.bitmap('e', costly)).not.toBe(PENDING);
  });
});

describe('text painter with more text than the cache holds', () => {
  it('draws a bitmap at once the second time it is asked for, so redraws cannot go round for ever', () => {
    let t = 0;
    const idle: ((budget: number) => void)[] = [];
    const clock = { now: () => t, idle: (w: (budget: number) => void) => void idle.push(w) };
    // Room for one 10×10 bitmap only.
    const painter = new TextPainter(new BitmapCache<{ width: number; height: number }>(10 * 10 * 4), clock, 4);
    const costly = () => {
      t += 5;
      return { width: 10, height: 10 };
    };
    painter.bitmap('a', costly); // drawn at once, budget used up
    expect(painter.bitmap('b', costly)).toBe(PENDING);
    expect(painter.bitmap('c', costly)).toBe(PENDING);
    idle.splice(0).forEach((w) => w(100)); // draws b, then c, which pushes b out
    t += 100;
    painter.bitmap('x', costly); // a new frame's budget spent on another text
    expect(painter.bitmap('b', costly)).not.toBe(PENDING);
  });
});
