import { LIMITS, NOTE_COLORS, NOTE_SIZE, type Note, type Section } from './schema';
import { SUMMARY_KIND, sectionTitleIn } from './templates';

/** One note to bring onto the board, as read from a file or the paste box; `row` is what the person sees (a spreadsheet's row number). */
export interface ImportRow {
  row: number;
  text: string;
  group?: string;
  column?: string;
  author?: string;
  color?: string;
}

/** Why a file cannot be imported; `row` names the row when one row is to blame. Nothing is imported then. */
export class ImportProblem extends Error {
  constructor(
    message: string,
    readonly row: number | null = null,
  ) {
    super(row === null ? message : `row ${row}: ${message}`);
  }
}

/** A note ready to be added: where it goes and what it says. */
export interface PlannedNote {
  text: string;
  x: number;
  y: number;
  sectionId: string | null;
  author: string;
  color?: string;
}

export interface ImportTarget {
  sections: readonly Section[];
  notes: readonly Pick<Note, 'x' | 'y' | 'w' | 'h'>[];
  anonymous: boolean;
  /** How many notes the board may hold (0 = no limit), and how many it holds. */
  notesLimit: number;
}

/** The most rows one import takes: a whole day's paper notes of a large hall, not a database dump. */
export const IMPORT_ROWS_MAX = 2_000;

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The colours people write in a sheet, by name, besides #rrggbb. */
const COLOR_NAMES: Record<string, string> = {
  yellow: '#fff176', 黄: '#fff176', 黄色: '#fff176',
  orange: '#ffab91', pink: '#ffab91', ピンク: '#ffab91', オレンジ: '#ffab91',
  green: '#a5d6a7', 緑: '#a5d6a7',
  blue: '#90caf9', 青: '#90caf9', 水色: '#90caf9',
  purple: '#ce93d8', 紫: '#ce93d8',
  white: '#ffffff', 白: '#ffffff',
};

function colorOf(r: ImportRow): string | undefined {
  if (!r.color?.trim()) return undefined;
  const c = norm(r.color);
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  const named = COLOR_NAMES[c];
  if (named) return named;
  throw new ImportProblem(`unknown colour "${r.color}" (use #rrggbb or one of ${NOTE_COLORS.join(', ')})`, r.row);
}

/** The columns a row may name: a section's kind, its title as written, or its title in either language. */
function columnNames(s: Section): string[] {
  return [s.kind, s.title, sectionTitleIn(s, 'ja'), sectionTitleIn(s, 'en')].map(norm);
}

function sectionFor(r: ImportRow, sections: readonly Section[]): Section | null {
  const group = r.group?.trim() ? norm(r.group).replace(/^(グループ|group)\s*/, '') : null;
  const column = r.column?.trim() ? norm(r.column) : null;
  if (group === null && column === null) return null;
  const groups = new Set(sections.map((s) => norm(s.group)));
  if (group !== null && !groups.has(group)) throw new ImportProblem(`unknown group "${r.group}" (the board has ${[...groups].map((g) => g.toUpperCase()).join(', ') || 'no groups'})`, r.row);
  const inGroup = sections.filter((s) => group === null || norm(s.group) === group);
  if (column === null) {
    const first = inGroup.filter((s) => s.kind !== SUMMARY_KIND).sort((a, b) => a.y - b.y || a.x - b.x)[0];
    return first ?? inGroup[0] ?? null;
  }
  const named = inGroup.filter((s) => columnNames(s).includes(column));
  if (named.length === 0) throw new ImportProblem(`unknown column "${r.column}"${group === null ? '' : ` in group ${r.group}`}`, r.row);
  if (named.length > 1) throw new ImportProblem(`column "${r.column}" is in several groups: give the group too`, r.row);
  return named[0]!;
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Note-sized spots no note covers, row by row below the section's title; when the section is full,
 * further rows below it (the column grows on paper too), so imported notes never hide each other.
 */
function spotIn(area: Box, taken: Box[]): { x: number; y: number } {
  const pad = 20;
  const top = area.y + 80;
  const step = { x: NOTE_SIZE.w + 16, y: NOTE_SIZE.h + 16 };
  const cols = Math.max(1, Math.floor((area.w - 2 * pad + 16) / step.x));
  for (let r = 0; ; r++) {
    for (let c = 0; c < cols; c++) {
      const spot = { x: area.x + pad + c * step.x, y: top + r * step.y, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
      if (!taken.some((n) => overlaps(spot, n))) return { x: spot.x, y: spot.y };
    }
  }
}

/** Where notes without a group or column go: a free area to the right of everything on the board. */
function outsideArea(target: ImportTarget): Box {
  const right = Math.max(0, ...target.sections.map((s) => s.x + s.w), ...target.notes.map((n) => n.x + n.w));
  const top = Math.min(0, ...target.sections.map((s) => s.y));
  return { x: right + 80, y: top - 80, w: 5 * (NOTE_SIZE.w + 16) + 40, h: 0 };
}

/**
 * Checks every row first and lays the notes out: the whole import is refused (ImportProblem naming the
 * row) when one row is wrong, so a file is imported entirely or not at all.
 */
export function planImport(target: ImportTarget, rows: readonly ImportRow[]): PlannedNote[] {
  if (rows.length === 0) throw new ImportProblem('no notes to import');
  if (rows.length > IMPORT_ROWS_MAX) throw new ImportProblem(`at most ${IMPORT_ROWS_MAX} notes in one import`);
  if (target.notesLimit > 0 && target.notes.length + rows.length > target.notesLimit) {
    throw new ImportProblem(`the board holds at most ${target.notesLimit} notes; it has ${target.notes.length}, the file ${rows.length}`);
  }
  const taken: Box[] = target.notes.map((n) => ({ x: n.x, y: n.y, w: n.w, h: n.h }));
  const outside = outsideArea(target);
  return rows.map((r) => {
    const text = r.text.replace(/\r\n?/g, '\n').trim();
    if (!text) throw new ImportProblem('the text is empty', r.row);
    if (text.length > LIMITS.noteTextMax) throw new ImportProblem(`the text has ${text.length} characters; a note holds at most ${LIMITS.noteTextMax}`, r.row);
    const author = target.anonymous ? '' : (r.author ?? '').trim();
    if (author.length > LIMITS.displayNameMax) throw new ImportProblem(`the author's name has more than ${LIMITS.displayNameMax} characters`, r.row);
    const color = colorOf(r);
    const section = sectionFor(r, target.sections);
    const at = spotIn(section ?? outside, taken);
    taken.push({ ...at, ...NOTE_SIZE });
    return { text, ...at, sectionId: section?.id ?? null, author, ...(color ? { color } : {}) };
  });
}
