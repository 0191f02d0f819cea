import { DEFAULT_CATEGORIES } from '../board/schema';
import { BOM, csvRecord } from './csv';
import { categoryLabel, cellOf, columnsOf, type NoteTable } from './table';

/** A session of a series as its exports see it: its title and its 付箋記入記録. */
export interface SeriesSession {
  title: string;
  table: NoteTable;
}

export interface SeriesSummary {
  /** The supports (and 未分類), then any other category a session's notes carry. */
  categories: { id: string; label: string }[];
  /** category id → notes of that category in each session, in session order. */
  counts: Record<string, number[]>;
  /** Notes per session. */
  totals: number[];
}

/** The 集計: notes per support and session. */
export function summarizeSeries(sessions: readonly SeriesSession[]): SeriesSummary {
  const ids: string[] = [...DEFAULT_CATEGORIES];
  for (const s of sessions) for (const r of s.table.rows) if (!ids.includes(r.category)) ids.push(r.category);
  const counts = Object.fromEntries(ids.map((id) => [id, sessions.map((s) => s.table.rows.filter((r) => r.category === id).length)]));
  return { categories: ids.map((id) => ({ id, label: categoryLabel(id) })), counts, totals: sessions.map((s) => s.table.rows.length) };
}

export const SESSION_HEADER = '回';

/**
 * Every session's 付箋記入記録 in one CSV, each row led by its session's title. The author column is there
 * when some session is not anonymous, and stays empty for the rows of those that are.
 */
export function toSeriesCsv(sessions: readonly SeriesSession[]): string {
  const columns = columnsOf({ anonymous: sessions.every((s) => s.table.anonymous) });
  const lines = [csvRecord([SESSION_HEADER, ...columns.map((c) => c.header)])];
  for (const s of sessions) for (const row of s.table.rows) lines.push(csvRecord([s.title, ...columns.map((c) => cellOf(row, c.key))]));
  return BOM + lines.join('\r\n') + '\r\n';
}
