import type { Note } from '../../../shared/board';

/** Board-coordinate step of one arrow press; Shift moves five times as far. */
export const NUDGE_STEP = 10;
export const NUDGE_STEP_BIG = 50;
/** Screen pixels an arrow pans the board by when nothing is selected. */
export const PAN_STEP = 80;
export const PAN_STEP_BIG = 320;

/**
 * Where the selected notes are in the doc right now. The rendered view catches up once per animation
 * frame, so a held arrow key (or a slow laptop) sends presses faster than that: each press must start
 * from where the previous one put the note, or it writes the old position back and that move is lost.
 */
export function selectedPositions(noteOf: (id: string) => Note | null, ids: ReadonlySet<string>, byCategory: readonly Pick<Note, 'id' | 'x' | 'y'>[] | null = null): Pick<Note, 'id' | 'x' | 'y'>[] {
  // Arranged by category, a note's place is categoryX/Y; one still in the tray has only the place drawn for it.
  const drawn = new Map((byCategory ?? []).map((n) => [n.id, n]));
  return [...ids].flatMap((id) => {
    const note = noteOf(id);
    if (!note) return [];
    if (!byCategory) return [{ id, x: note.x, y: note.y }];
    if (note.categoryX !== undefined && note.categoryY !== undefined) return [{ id, x: note.categoryX, y: note.categoryY }];
    const d = drawn.get(id);
    return d ? [{ id, x: d.x, y: d.y }] : [];
  });
}

/** One arrow press on the selection: every note it may move, by one step, as one list of moves. */
export function nudgeMoves(notes: readonly Pick<Note, 'id' | 'x' | 'y'>[], ids: ReadonlySet<string>, dx: number, dy: number, big: boolean) {
  const step = big ? NUDGE_STEP_BIG : NUDGE_STEP;
  return notes.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id, x: n.x + dx * step, y: n.y + dy * step }));
}
