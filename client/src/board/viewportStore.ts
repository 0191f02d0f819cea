import { useState, useSyncExternalStore, type ReactNode, type SetStateAction } from 'react';
import type { Viewport } from '../canvas/viewport';

/**
 * The board's pan and zoom, outside React state: a wheel or pinch changes it up to 120 times a second,
 * and only what is drawn at the view's position (canvas, editor, badges) re-renders for it, not the page.
 */
export interface ViewportStore {
  get(): Viewport;
  set(update: SetStateAction<Viewport>): void;
  subscribe(listener: () => void): () => void;
}

export function createViewportStore(initial: Viewport): ViewportStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(update) {
      const next = typeof update === 'function' ? update(current) : update;
      if (next === current) return;
      current = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useViewportStore(initial: Viewport): ViewportStore {
  return useState(() => createViewportStore(initial))[0];
}

export function useViewport(store: ViewportStore): Viewport {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Renders `children` with the current viewport; only this part re-renders when the view moves. */
export function AtViewport({ store, children }: { store: ViewportStore; children: (viewport: Viewport) => ReactNode }) {
  return children(useViewport(store));
}
