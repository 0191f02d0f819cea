import { describe, expect, it } from 'vitest';
import { MemoryRelease } from './memoryRelease';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('handing memory back after boards fall asleep', () => {
  const setup = (now = { t: 0 }) => {
    let collections = 0;
    const release = new MemoryRelease(() => collections++, { minBytes: 16 * MB, heapShare: 0.25, settleMs: 20, minGapMs: 60_000 }, () => now.t);
    return { release, collections: () => collections, now };
  };

  it('collects once after a wave of sleeping boards that freed a large share of the heap', async () => {
    const { release, collections } = setup();
    for (let i = 0; i < 200; i++) release.note(340 * 1024);
    await sleep(60);
    expect(collections()).toBe(1);
  });

  it('leaves a few boards, or a busy heap, to V8', async () => {
    const { release, collections } = setup();
    release.note(2 * MB);
    await sleep(60);
    expect(collections()).toBe(0);
    release.note(20 * MB);
    // 20 MB freed from a 400 MB heap of active boards: not worth pausing them for.
    expect(release.worthCollecting(400 * MB)).toBe(false);
    expect(release.worthCollecting(60 * MB)).toBe(true);
    release.stop();
  });

  it('waits at least the minimum gap between two collections', async () => {
    const { release, collections, now } = setup();
    release.note(100 * MB);
    await sleep(60);
    now.t = 30_000;
    release.note(100 * MB);
    await sleep(60);
    expect(collections()).toBe(1);
    now.t = 61_000;
    release.note(100 * MB);
    await sleep(60);
    expect(collections()).toBe(2);
  });

  it('collects a second large wave once the gap has passed, instead of dropping it', async () => {
    let collections = 0;
    const release = new MemoryRelease(() => collections++, { minBytes: 16 * MB, heapShare: 0, settleMs: 10, minGapMs: 150 });
    release.note(100 * MB);
    await sleep(40);
    expect(collections).toBe(1);
    release.note(100 * MB);
    await sleep(40);
    // Too soon after the first collection: not yet…
    expect(collections).toBe(1);
    // …but once the gap has passed.
    await sleep(200);
    expect(collections).toBe(2);
    release.stop();
  });
});
