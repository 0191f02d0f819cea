import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberListView, startsAsList } from './preference';

function fakeStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('list view preference', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens as the list with ?view=list, and remembers the person’s own choice', () => {
    vi.stubGlobal('localStorage', fakeStorage());
    expect(startsAsList('')).toBe(false);
    expect(startsAsList('?view=list&lang=en')).toBe(true);
    rememberListView(true);
    expect(startsAsList('')).toBe(true);
    expect(startsAsList('?view=board')).toBe(false);
  });

  it('still works where storage throws (private modes, embedded browsers)', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    expect(() => rememberListView(true)).not.toThrow();
    expect(startsAsList('')).toBe(false);
  });
});
