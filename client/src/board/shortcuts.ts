import type * as Y from 'yjs';
import { notesOf, readNote, type Note } from '../../../shared/board';

/** Board-coordinate step of one arrow press; Shift moves five times as far. */
export const NUDGE_STEP = 10;
export const NUDGE_STEP_BIG = 50;
/** Screen pixels an arrow pans the board by when nothing is selected. */
export const PAN_STEP = 80;
export const PAN_STEP_BIG = 320;

export type ShortcutAction =
  | { kind: 'delete' }
  | { kind: 'escape' }
  | { kind: 'edit' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'selectAll' }
  | { kind: 'newNote' }
  | { kind: 'help' }
  | { kind: 'zoomFit' }
  | { kind: 'zoomIn' }
  | { kind: 'zoomOut' }
  | { kind: 'arrow'; dx: number; dy: number; big: boolean };

export type KeyInput = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** What a key press means on the board (the help overlay lists the same keys); null for keys the board leaves alone. */
export function shortcutFor(e: KeyInput): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return { kind: e.shiftKey ? 'redo' : 'undo' };
    if (key === 'y') return { kind: 'redo' };
    if (key === 'a') return { kind: 'selectAll' };
    return null;
  }
  if (e.altKey) return null;
  const arrow = ARROWS[key];
  if (arrow) return { kind: 'arrow', dx: arrow[0], dy: arrow[1], big: e.shiftKey };
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'escape' };
    case 'Enter':
      return { kind: 'edit' };
    case 'n':
      return { kind: 'newNote' };
    case '?':
      return { kind: 'help' };
    case 'f':
    case '!': // Shift+1 on US and JIS keyboards, as in other whiteboard apps
      return { kind: 'zoomFit' };
    case '+':
    case '=':
    case ';': // the JIS keyboard's "+" key without Shift
      return { kind: 'zoomIn' };
    case '-':
      return { kind: 'zoomOut' };
    default:
      return null;
  }
}

/**
 * Where the selected notes are in the doc right now. The rendered view catches up once per animation
 * frame, so a held arrow key (or a slow laptop) sends presses faster than that: each press must start
 * from where the previous one put the note, or it writes the old position back and that move is lost.
 */
export function selectedPositions(doc: Y.Doc, ids: ReadonlySet<string>, byCategory: readonly Pick<Note, 'id' | 'x' | 'y'>[] | null = null): Pick<Note, 'id' | 'x' | 'y'>[] {
  const notes = notesOf(doc);
  // Arranged by category, a note's place is categoryX/Y; one still in the tray has only the place drawn for it.
  const drawn = new Map((byCategory ?? []).map((n) => [n.id, n]));
  return [...ids].flatMap((id) => {
    const r = readNote(id, notes.get(id));
    if (!r.ok) return [];
    if (!byCategory) return [{ id, x: r.note.x, y: r.note.y }];
    if (r.note.categoryX !== undefined && r.note.categoryY !== undefined) return [{ id, x: r.note.categoryX, y: r.note.categoryY }];
    const d = drawn.get(id);
    return d ? [{ id, x: d.x, y: d.y }] : [];
  });
}

/** One arrow press on the selection: every note it may move, by one step, as one list of moves. */
export function nudgeMoves(notes: readonly Pick<Note, 'id' | 'x' | 'y'>[], ids: ReadonlySet<string>, dx: number, dy: number, big: boolean) {
  const step = big ? NUDGE_STEP_BIG : NUDGE_STEP;
  return notes.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id, x: n.x + dx * step, y: n.y + dy * step }));
}
