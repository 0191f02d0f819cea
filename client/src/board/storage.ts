import { NOTE_COLORS } from '../../../shared/board';
import type { BoardInfo, CreatedBoard } from '../api';

/**
 * Everything the client keeps in the browser. Wrapped because storage throws in some
 * private modes and embedded browsers; the board must still work there, just forgetfully.
 */
function get(store: Storage | undefined, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
function set(store: Storage | undefined, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // Storage full or disabled: nothing to do.
  }
}
const local = () => (typeof localStorage === 'undefined' ? undefined : localStorage);
const session = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

// Dark enough for the white name label on a cursor to reach WCAG AA (4.5:1); see canvas/contrast.test.ts.
const CURSOR_COLORS = ['#c62828', '#8e24aa', '#3949ab', '#0277bd', '#00695c', '#33691e', '#bf360c', '#6d4c41'];
/** A colour per person that stays the same across reloads and devices with the same key. */
export function userColor(userId: string): string {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return CURSOR_COLORS[h % CURSOR_COLORS.length]!;
}

export const displayName = (): string => get(local(), 'fusen.name') ?? '';
export const nameAsked = (): boolean => get(local(), 'fusen.nameAsked') === '1';
export function saveDisplayName(name: string): void {
  set(local(), 'fusen.name', name);
  set(local(), 'fusen.nameAsked', '1');
}

export function lastColor(): string {
  const c = get(local(), 'fusen.color');
  return c && (NOTE_COLORS as readonly string[]).includes(c) ? c : NOTE_COLORS[0];
}
export const saveLastColor = (c: string): void => set(local(), 'fusen.color', c);

/**
 * The token lives in sessionStorage rather than the address bar: a facilitator projects the
 * board, and a token visible in the projected URL would hand the room facilitator rights.
 */
export const boardToken = (boardId: string): string | null => get(session(), `fusen.token.${boardId}`);
export const saveBoardToken = (boardId: string, token: string): void => set(session(), `fusen.token.${boardId}`, token);

/** A short digest so cached info is per link without keeping the token itself in localStorage. */
function tokenTag(token: string): string {
  let h = 2166136261;
  for (const c of token) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36);
}

/** The last known role and flags, so a board opened offline (from IndexedDB) still knows what it may do. */
export function cachedInfo(boardId: string, token: string | null): BoardInfo | null {
  if (!token) return null;
  const raw = get(local(), `fusen.info.${boardId}.${tokenTag(token)}`);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as BoardInfo;
  } catch {
    return null;
  }
}
export const saveInfo = (info: BoardInfo, token: string): void =>
  set(local(), `fusen.info.${info.boardId}.${tokenTag(token)}`, JSON.stringify(info));

/**
 * Participant and viewer links of boards created in this browser, so the facilitator can show the
 * join QR code later. The facilitator link is left out: it must not outlive the tab in storage.
 */
export type ShareLinks = Pick<CreatedBoard['links'], 'participant' | 'viewer'>;
export function createdLinks(boardId: string): ShareLinks | null {
  const raw = get(local(), `fusen.links.${boardId}`);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ShareLinks;
  } catch {
    return null;
  }
}
export const saveCreatedLinks = (b: CreatedBoard): void =>
  set(local(), `fusen.links.${b.boardId}`, JSON.stringify({ participant: b.links.participant, viewer: b.links.viewer }));
