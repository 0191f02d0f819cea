import { describe, expect, it } from 'vitest';
import { createViewportStore } from './viewportStore';

describe('viewport store', () => {
  it('tells subscribers about every change and takes updater functions, as React state does', () => {
    const store = createViewportStore({ x: 0, y: 0, scale: 1 });
    const seen: number[] = [];
    const off = store.subscribe(() => seen.push(store.get().scale));
    store.set({ x: 10, y: 0, scale: 2 });
    store.set((vp) => ({ ...vp, scale: vp.scale / 4 }));
    off();
    store.set({ x: 0, y: 0, scale: 3 });
    expect(seen).toEqual([2, 0.5]);
    expect(store.get()).toEqual({ x: 0, y: 0, scale: 3 });
  });

  it('does not wake subscribers when an update returns the same view', () => {
    const store = createViewportStore({ x: 0, y: 0, scale: 1 });
    let calls = 0;
    store.subscribe(() => calls++);
    store.set((vp) => vp);
    expect(calls).toBe(0);
  });
});
