import { NOTE_SIZE, SUMMARY_KIND, type Note, type Section } from '../../../shared/board';
import type { Point } from '../canvas/viewport';

type Box = { x: number; y: number; w: number; h: number };

const PAD = 16;
const TITLE_SPACE = 56;
const GAP = 12;
/** How many of the first free spots a spread note picks from. */
const SPREAD = 3;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function grid(section: Pick<Section, 'w' | 'h'>) {
  const cols = Math.max(1, Math.floor((section.w - 2 * PAD + GAP) / (NOTE_SIZE.w + GAP)));
  const rows = Math.max(1, Math.floor((section.h - TITLE_SPACE - PAD + GAP) / (NOTE_SIZE.h + GAP)));
  return { cols, rows };
}

const cellAt = (section: Pick<Section, 'x' | 'y'>, cols: number, cell: number, shift = 0) => ({
  x: Math.round(section.x + PAD + (cell % cols) * (NOTE_SIZE.w + GAP) + shift),
  y: Math.round(section.y + TITLE_SPACE + Math.floor(cell / cols) * (NOTE_SIZE.h + GAP) + shift),
});

/**
 * The `index`-th cell of a grid inside the column, so notes added one after another line up instead of
 * piling on one spot. Past the bottom of the column the grid starts over, shifted a little, so later
 * notes stay visible rather than hidden exactly behind.
 */
export function placeInSection(section: Pick<Section, 'x' | 'y' | 'w' | 'h'>, index: number): Point {
  const { cols, rows } = grid(section);
  const perLayer = cols * rows;
  const layer = Math.floor(index / perLayer);
  return cellAt(section, cols, index % perLayer, (layer * 8) % 40);
}

/**
 * Where a new note goes in a column, for every screen (canvas, list, phone): the first cell of the
 * column's grid that no note covers; in a full column, the next cell of a shifted layer. `spread` picks
 * among the first few free cells, for phones that send at the same moment and would otherwise all
 * pick the same cell.
 */
export function freeSpotIn(section: Pick<Section, 'x' | 'y' | 'w' | 'h'>, notes: readonly Pick<Note, 'x' | 'y' | 'w' | 'h'>[], spread = false): Point {
  const inside = notes.filter((n) => overlaps(n, section));
  const { cols, rows } = grid(section);
  const free: Point[] = [];
  const want = spread ? SPREAD : 1;
  for (let cell = 0; cell < cols * rows && free.length < want; cell++) {
    const p = cellAt(section, cols, cell);
    if (!inside.some((n) => overlaps({ ...p, ...NOTE_SIZE }, n))) free.push(p);
  }
  if (free.length) return free[spread ? Math.floor(Math.random() * free.length) : 0]!;
  return placeInSection(section, Math.max(cols * rows, inside.length));
}

/** The writer's group's worksheet column (not its まとめ) whose middle is nearest `p`; null without a group. */
export function ownColumnNear(sections: readonly Section[], group: string | null, p: Point): Section | null {
  if (!group) return null;
  const dist = (s: Section) => Math.hypot(s.x + s.w / 2 - p.x, s.y + s.h / 2 - p.y);
  const columns = sections.filter((s) => s.group === group && s.kind !== SUMMARY_KIND).sort((a, b) => dist(a) - dist(b));
  return columns[0] ?? null;
}

/** Where the list puts notes on a board without sections: a grid from the origin, like a blank sheet. */
export const BLANK_AREA = { x: 0, y: -56, w: 1100, h: 100_000 };
