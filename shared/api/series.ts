import { z } from 'zod';
import { DEFAULT_CATEGORIES, LIMITS } from '../board/schema';

/**
 * A series of sessions (連続研修): boards an organiser keeps together, with one record across them.
 * The series token is the organiser's capability: it reads every session and creates new ones in it.
 */

export const SeriesParamsSchema = z.object({ seriesId: z.string() });

export const CreateSeriesSchema = z.object({ title: z.string().trim().min(1, 'give the series a title').max(LIMITS.titleMax) }).strict();

export const CreatedSeriesSchema = z.object({
  seriesId: z.string(),
  token: z.string(),
  /** The series page, the token in the fragment (never sent to the server with the page). */
  link: z.string(),
});

/** Notes per support (the three supports and 未分類), as the 集計 counts them. */
export const SupportCountsSchema = z.object(Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c, z.number()])) as Record<(typeof DEFAULT_CATEGORIES)[number], z.ZodNumber>);
export type SupportCounts = z.infer<typeof SupportCountsSchema>;

export const SeriesBoardSchema = z.object({
  boardId: z.string(),
  title: z.string(),
  createdAt: z.number(),
  noteCount: z.number(),
  counts: SupportCountsSchema,
  /** The session's facilitator link: the series token opens every session. */
  link: z.string(),
});

export const SeriesSchema = z.object({ seriesId: z.string(), title: z.string(), createdAt: z.number(), boards: z.array(SeriesBoardSchema) });
export type Series = z.infer<typeof SeriesSchema>;

/** A note of one of the series' sessions, as the series page lists them by support and by cluster. */
export const SeriesNoteSchema = z.object({
  boardId: z.string(),
  sessionTitle: z.string(),
  noteId: z.string(),
  text: z.string(),
  category: z.string(),
  clusterLabel: z.string(),
  groupLabel: z.string(),
  sectionTitle: z.string(),
});
export type SeriesNote = z.infer<typeof SeriesNoteSchema>;
export const SeriesNotesSchema = z.object({ notes: z.array(SeriesNoteSchema) });
