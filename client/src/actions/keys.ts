/** The part of a key press a shortcut looks at. */
export type KeyInput = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** The key, lower-case for letters (Shift+N is still N). */
export const keyOf = (e: KeyInput): string => (e.key.length === 1 ? e.key.toLowerCase() : e.key);
const withMod = (e: KeyInput) => (e.ctrlKey || e.metaKey) && !e.altKey;
const plain = (e: KeyInput) => !e.ctrlKey && !e.metaKey && !e.altKey;

/** Ctrl (⌘ on a Mac) with one of the keys. */
export const modKey =
  (...keys: string[]) =>
  (e: KeyInput): boolean =>
    withMod(e) && keys.includes(keyOf(e));
/** One of the keys, with no Ctrl, ⌘ or Alt (Shift allowed: it types "?" and "+"). */
export const plainKey =
  (...keys: string[]) =>
  (e: KeyInput): boolean =>
    plain(e) && keys.includes(keyOf(e));

export const ARROWS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
