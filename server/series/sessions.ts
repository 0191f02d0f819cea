import type { FastifyInstance } from 'fastify';
import { buildNoteTable, type NoteTable } from '../../shared/export/table';
import { DEFAULT_CATEGORIES } from '../../shared/board/schema';
import type { SupportCounts } from '../../shared/api/series';
import { openForSeries } from '../store/tokens';
import { liveSource } from '../export/source';
import type { SeriesRecord } from '../store/store';
import type { Phase } from '../../shared/board/agenda';
import { HttpError } from '../plugins/errors';

/** One session of a series as the organiser reads it: the board, its facilitator token, its 付箋記入記録. */
export interface Session {
  boardId: string;
  title: string;
  createdAt: number;
  facilitatorToken: string;
  table: NoteTable;
  agenda: Phase[];
}

/**
 * Every session of the series, oldest first, read live (the whole board, as its facilitator's export
 * reads it). A board whose sealed token the series token does not open is left out: it is not this
 * organiser's.
 */
export async function readSessions(app: FastifyInstance, series: SeriesRecord, seriesToken: string): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const member of await app.store.seriesBoards(series.id)) {
    const facilitatorToken = openForSeries(series.id, seriesToken, member.boardId, member.sealedToken);
    const board = facilitatorToken ? await app.store.getBoard(member.boardId) : null;
    if (!board || !facilitatorToken) continue;
    // A board deleted meanwhile is simply gone; any other failure (the store away) fails the request.
    const src = await liveSource(app, board.id).catch((err: unknown) => {
      if (err instanceof HttpError && err.statusCode === 404) return null;
      throw err;
    });
    if (!src) continue;
    const table = buildNoteTable(src.view, src.extras);
    table.title ||= board.title;
    sessions.push({ boardId: board.id, title: table.title, createdAt: board.createdAt, facilitatorToken, table, agenda: src.agenda });
  }
  return sessions;
}

/** Notes per support; notes in a board's own categories count in the total only. */
export function supportCounts(table: NoteTable): SupportCounts {
  const counts = Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c, 0])) as SupportCounts;
  for (const r of table.rows) if (r.category in counts) counts[r.category as keyof SupportCounts]++;
  return counts;
}
