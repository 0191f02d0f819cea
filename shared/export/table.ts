import type { BoardView } from '../board/doc';
import { sectionAt } from '../board/doc';
import type { Note, Section } from '../board/schema';
import { DEFAULT_CATEGORIES } from '../board/schema';
import { columnKindLabel, sectionTitleIn } from '../board/templates';
import { DEFAULT_TAXONOMY } from '../grouping/taxonomy';
import { NO_EXTRAS, type ExportExtras } from './extras';
import { noStamps } from '../board/reactions';

/** One row of the 付箋記入記録 (the report's table of every note by group and column). */
export interface NoteRow {
  noteId: string;
  /** 'A', 'B'…; '' for a note outside every group. */
  group: string;
  groupLabel: string;
  sectionTitle: string;
  /** The section's kind, e.g. 'impression', 'summary'. */
  columnKind: string;
  /** The kind in words, as the table shows it (印象に残ったこと, まとめ). */
  columnKindLabel: string;
  text: string;
  category: string;
  categoryLabel: string;
  clusterLabel: string;
  votes: number;
  /** Stamps: 👍 同感, 💡 なるほど, ❓ 質問. */
  agree: number;
  insight: number;
  question: number;
  /** null on an anonymous board: names are never exported there. */
  author: string | null;
  /** Japan time, `YYYY-MM-DD HH:mm:ss`. */
  createdAt: string;
  createdAtMs: number;
}

export interface NoteTable {
  title: string;
  anonymous: boolean;
  rows: NoteRow[];
  /** Every group on the board, in board order; '' (outside every group) last when it has notes. */
  groups: string[];
  /** The default categories, then any other category a note carries. */
  categories: { id: string; label: string }[];
}

export type ColumnKey = 'groupLabel' | 'sectionTitle' | 'columnKindLabel' | 'text' | 'categoryLabel' | 'clusterLabel' | 'votes' | 'agree' | 'insight' | 'question' | 'author' | 'createdAt';

export interface Column {
  key: ColumnKey;
  header: string;
}

const ALL_COLUMNS: Column[] = [
  { key: 'groupLabel', header: 'グループ' },
  { key: 'sectionTitle', header: '欄' },
  { key: 'columnKindLabel', header: '欄の種類' },
  { key: 'text', header: '付箋' },
  { key: 'categoryLabel', header: '分類' },
  { key: 'clusterLabel', header: 'クラスター' },
  { key: 'votes', header: '投票' },
  { key: 'agree', header: '同感' },
  { key: 'insight', header: 'なるほど' },
  { key: 'question', header: '質問' },
  { key: 'author', header: '記入者' },
  { key: 'createdAt', header: '記入日時（日本時間）' },
];

/** The table's columns; the author column is left out entirely on an anonymous board. */
export const columnsOf = (table: Pick<NoteTable, 'anonymous'>): Column[] =>
  table.anonymous ? ALL_COLUMNS.filter((c) => c.key !== 'author') : ALL_COLUMNS;

export const cellOf = (row: NoteRow, key: ColumnKey): string | number => row[key] ?? '';

export const NO_GROUP_LABEL = 'グループ外';
export const NO_SECTION_LABEL = '（欄外）';
export const groupLabel = (group: string): string => (group ? `グループ${group}` : NO_GROUP_LABEL);

const JST_OFFSET_MS = 9 * 3600 * 1000;
/** Japan has no daylight saving, so a fixed offset is exact and needs no time-zone data. */
export const formatJst = (ms: number): string => new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

const DEFAULT_LABELS: Record<string, string> = Object.fromEntries(DEFAULT_TAXONOMY.categories.map((c) => [c.id, c.label.ja]));
export const categoryLabel = (id: string): string => DEFAULT_LABELS[id] ?? id;

/**
 * The section a note belongs to in the table: its own sectionId, else the section under its centre,
 * else the one it was written in before auto-grouping moved it into a category region.
 */
function sectionOf(note: Note, byId: Map<string, Section>, sections: readonly Section[], extras: ExportExtras): Section | null {
  const own = note.sectionId ? byId.get(note.sectionId) : undefined;
  const original = extras.originalSectionIds[note.id];
  return own ?? sectionAt(sections, note.x + note.w / 2, note.y + note.h / 2) ?? (original ? (byId.get(original) ?? null) : null);
}

function groupsInOrder(sections: readonly Section[], rows: readonly NoteRow[]): string[] {
  const groups = [...new Set(sections.map((s) => s.group).filter(Boolean))];
  for (const r of rows) if (r.group && !groups.includes(r.group)) groups.push(r.group);
  groups.sort((a, b) => a.localeCompare(b, 'ja'));
  if (rows.some((r) => !r.group)) groups.push('');
  return groups;
}

function categoriesOf(rows: readonly NoteRow[]): { id: string; label: string }[] {
  const ids: string[] = [...DEFAULT_CATEGORIES];
  for (const r of rows) if (!ids.includes(r.category)) ids.push(r.category);
  return ids.map((id) => ({ id, label: categoryLabel(id) }));
}

/** Builds the 付箋記入記録: rows by group, then section in board order, then creation time. */
export function buildNoteTable(view: BoardView, extras: ExportExtras = NO_EXTRAS): NoteTable {
  const byId = new Map(view.sections.map((s) => [s.id, s]));
  const sectionRank = new Map(view.sections.map((s, i) => [s.id, i]));
  const anonymous = view.meta.anonymous;
  const placed = view.notes.map((note) => ({ note, section: sectionOf(note, byId, view.sections, extras) }));
  const rows: (NoteRow & { rank: number })[] = placed.map(({ note, section }) => ({
    noteId: note.id,
    group: section?.group ?? '',
    groupLabel: groupLabel(section?.group ?? ''),
    // The table is Japanese, as the report's is: a template's bilingual column title in Japanese only.
    sectionTitle: section ? sectionTitleIn(section, 'ja') : NO_SECTION_LABEL,
    columnKind: section?.kind ?? '',
    columnKindLabel: section ? columnKindLabel(section.kind, 'ja') : '',
    text: note.text,
    category: note.category,
    categoryLabel: categoryLabel(note.category),
    clusterLabel: extras.clusterLabels[note.id] ?? '',
    votes: extras.votes[note.id] ?? 0,
    ...(extras.reactions?.[note.id] ?? noStamps()),
    author: anonymous ? null : note.author,
    createdAt: formatJst(note.createdAt),
    createdAtMs: note.createdAt,
    rank: section ? sectionRank.get(section.id)! : Number.MAX_SAFE_INTEGER,
  }));
  const groups = groupsInOrder(view.sections, rows);
  const groupRank = (g: string) => (g ? groups.indexOf(g) : groups.length);
  rows.sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.rank - b.rank || a.createdAtMs - b.createdAtMs);
  return {
    title: view.meta.title,
    anonymous,
    rows: rows.map(({ rank: _rank, ...row }) => row),
    groups,
    categories: categoriesOf(rows),
  };
}

export interface TableSummary {
  total: number;
  byGroup: { group: string; label: string; count: number }[];
  byCategory: { id: string; label: string; count: number }[];
  /** group → category id → count, for the summary sheet and the PDF cover. */
  matrix: Record<string, Record<string, number>>;
}

/** Counts per group and per category, as the cover page and the summary sheet show them. */
export function summarize(table: NoteTable): TableSummary {
  const matrix: Record<string, Record<string, number>> = {};
  for (const g of table.groups) matrix[g] = Object.fromEntries(table.categories.map((c) => [c.id, 0]));
  for (const r of table.rows) matrix[r.group]![r.category] = (matrix[r.group]![r.category] ?? 0) + 1;
  const count = (pred: (r: NoteRow) => boolean) => table.rows.filter(pred).length;
  return {
    total: table.rows.length,
    byGroup: table.groups.map((g) => ({ group: g, label: groupLabel(g), count: count((r) => r.group === g) })),
    byCategory: table.categories.map((c) => ({ ...c, count: count((r) => r.category === c.id) })),
    matrix,
  };
}
