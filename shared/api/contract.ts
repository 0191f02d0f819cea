import { z } from 'zod';
import { CreateBoardSchema, LIMITS } from '../board/schema';
import { ROLES } from '../board/roles';
import type { JsonExport } from '../export/json';
import { SurveyAnswersSchema, SurveyInputSchema, SurveyStateSchema } from '../board/survey';
import { CreateSeriesSchema, CreatedSeriesSchema, SeriesNotesSchema, SeriesParamsSchema, SeriesSchema } from './series';

/**
 * The HTTP API as both sides use it: each route's method, path, params, body and answer. The server's
 * routes validate with these schemas (through the zod type provider) and answer in their shape; the
 * client's one fetcher (client/src/api.ts) builds requests and checks answers with the same ones.
 */

export const BoardParamsSchema = z.object({ boardId: z.string() });
export const SnapshotParamsSchema = z.object({ boardId: z.string(), snapshotId: z.string() });

/** Every error the API sends. `field` names the first bad input field, for a 400. */
export const ErrorSchema = z.object({ error: z.string(), field: z.string().optional() });

export const LinksSchema = z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() });

export const CreatedBoardSchema = z.object({
  boardId: z.string(),
  facilitatorToken: z.string(),
  participantToken: z.string(),
  viewerToken: z.string(),
  links: LinksSchema,
});

export const BoardInfoSchema = z.object({
  boardId: z.string(),
  title: z.string(),
  template: z.string(),
  role: z.enum(ROLES),
  locked: z.boolean(),
  anonymous: z.boolean(),
  noteCount: z.number(),
  brokenNoteCount: z.number(),
  sectionCount: z.number(),
  groups: z.array(z.string()),
  createdAt: z.number(),
  /** Participants must give a passcode to join. */
  passcode: z.boolean(),
  /** When the session ends (ended) for participants, ISO 8601; absent when it never does. */
  expiresAt: z.string().optional(),
  /** When the board will be deleted for being left unchanged (ISO 8601), on a server with RETENTION_DAYS. */
  deleteAfter: z.string().optional(),
});

export const LockSchema = z.object({ locked: z.boolean() }).strict();
export const RotateSchema = z.object({ roles: z.array(z.enum(['participant', 'viewer'])).min(1) }).strict();
export const RotatedSchema = z.object({ links: LinksSchema, participantToken: z.string().optional(), viewerToken: z.string().optional() });
/** Any subset of the board's settings, at least one: each setting can change alone. */
export const SettingsSchema = z
  .object({
    viewerCursors: z.boolean().optional(),
    /** New participant notes reach the viewer link only once approved (POST …/notes/:noteId/approve). */
    moderation: z.boolean().optional(),
    /** Participants move only the notes they may edit (their own, or their group's as its scribe). */
    ownNotesOnly: z.boolean().optional(),
    /** New participant notes stay with their author until revealed (POST …/reveal or their own 公開する). */
    privateWriting: z.boolean().optional(),
  })
  .strict()
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: 'give at least one setting' });
export type Settings = z.infer<typeof SettingsSchema>;

/** 「あと1分です」 to every device: the facilitator's own words, or none for each device's default. */
export const NudgeInputSchema = z.object({ message: z.string().trim().min(1, 'give a message or leave it out').max(100).optional() }).strict();
export const NudgeSchema = z.object({ at: z.number(), message: z.string().optional() });

export const NoteParamsSchema = z.object({ boardId: z.string(), noteId: z.string().min(1).max(64) });
export const ModerationMarkSchema = z.object({ noteId: z.string(), state: z.enum(['approved', 'hidden']), at: z.number() });
/** A note in the facilitator's approval queue, with the kinds of personal information it seems to hold. */
export const QueuedNoteSchema = z.object({
  noteId: z.string(),
  text: z.string(),
  sectionId: z.string().nullable(),
  group: z.string().nullable(),
  author: z.string(),
  createdAt: z.number(),
  warnings: z.array(z.enum(['name', 'family', 'phone', 'email', 'postal', 'address'])),
});
export const ModerationQueueSchema = z.object({ moderation: z.boolean(), queue: z.array(QueuedNoteSchema), hidden: z.array(QueuedNoteSchema) });

/** How many private notes each person and each group holds: never their text (facilitator). */
export const PrivateCountsSchema = z.object({
  privateWriting: z.boolean(),
  total: z.number(),
  people: z.array(z.object({ authorId: z.string(), author: z.string(), count: z.number() })),
  /** `group` null: notes written outside any group's column. */
  groups: z.array(z.object({ group: z.string().nullable(), count: z.number() })),
});
/** Reveal everyone's private notes, or one group's; the author's own link reveals only theirs. */
export const RevealSchema = z.object({ group: z.string().trim().min(1).max(16).optional() }).strict();
export const RevealedSchema = z.object({ revealed: z.number(), authors: z.number() });

export const SnapshotInputSchema = z.object({ name: z.string().trim().min(1, 'give the snapshot a name').max(100) }).strict();
export const SnapshotTakenSchema = z.object({ snapshotId: z.string(), name: z.string(), createdAt: z.number() });
export const SnapshotListSchema = z.object({ snapshots: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number() })) });
export const RestoreInputSchema = z.object({ title: z.string().trim().min(1).max(LIMITS.titleMax).optional() }).strict();
export const RestoredBoardSchema = CreatedBoardSchema.extend({
  restoredFrom: z.object({ boardId: z.string(), snapshotId: z.string(), name: z.string() }),
});

export const AuditSchema = z.object({
  entries: z.array(
    z.object({
      at: z.number(),
      action: z.string(),
      role: z.string(),
      userId: z.string().nullable(),
      detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    }),
  ),
});

/** What an import brought onto the board (POST …/import). */
export const ImportedSchema = z.object({ imported: z.number(), noteIds: z.array(z.string()) });

export const SurveyResultsSchema = z.object({
  respondents: z.number(),
  questions: z.array(z.object({ id: z.string(), counts: z.array(z.number()).optional(), texts: z.array(z.string()).optional() })),
});

export const HealthSchema = z.object({ ok: z.boolean(), store: z.string(), bus: z.string(), boardsLoaded: z.number() });

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: z.ZodType;
  /** A body left out altogether is read as `{}` (all defaults). */
  body?: z.ZodType;
  /** The answer's schema; absent for 204 (no content). */
  response?: z.ZodType;
  status: 200 | 201 | 204;
}

const route = <R extends Route>(r: R): R => r;

export const API = {
  createBoard: route({ method: 'POST', path: '/api/boards', body: CreateBoardSchema, response: CreatedBoardSchema, status: 201 }),
  boardInfo: route({ method: 'GET', path: '/api/boards/:boardId', params: BoardParamsSchema, response: BoardInfoSchema, status: 200 }),
  links: route({ method: 'GET', path: '/api/boards/:boardId/links', params: BoardParamsSchema, response: z.object({ links: LinksSchema }), status: 200 }),
  lock: route({ method: 'POST', path: '/api/boards/:boardId/lock', params: BoardParamsSchema, body: LockSchema, response: LockSchema, status: 200 }),
  rotate: route({ method: 'POST', path: '/api/boards/:boardId/rotate', params: BoardParamsSchema, body: RotateSchema, response: RotatedSchema, status: 200 }),
  settings: route({ method: 'POST', path: '/api/boards/:boardId/settings', params: BoardParamsSchema, body: SettingsSchema, response: SettingsSchema, status: 200 }),
  /** A gentle banner on every device (participants, viewers, projector) for a while (facilitator). */
  nudge: route({ method: 'POST', path: '/api/boards/:boardId/nudge', params: BoardParamsSchema, body: NudgeInputSchema, response: NudgeSchema, status: 200 }),
  /** The approval queue (oldest first) and the hidden notes (facilitator). */
  moderationQueue: route({ method: 'GET', path: '/api/boards/:boardId/moderation', params: BoardParamsSchema, response: ModerationQueueSchema, status: 200 }),
  /** Lets a note onto the viewer link (facilitator). */
  approveNote: route({ method: 'POST', path: '/api/boards/:boardId/notes/:noteId/approve', params: NoteParamsSchema, response: ModerationMarkSchema, status: 200 }),
  /** Keeps a note off the viewer link for good (非表示; approve shows it after all) (facilitator). */
  hideNote: route({ method: 'POST', path: '/api/boards/:boardId/notes/:noteId/hide', params: NoteParamsSchema, response: ModerationMarkSchema, status: 200 }),
  /** How many private notes each person and group holds (facilitator). */
  privateCounts: route({ method: 'GET', path: '/api/boards/:boardId/private', params: BoardParamsSchema, response: PrivateCountsSchema, status: 200 }),
  /** Puts private notes onto the board, one transaction per author (facilitator: all or a group's; participant: their own). */
  reveal: route({ method: 'POST', path: '/api/boards/:boardId/reveal', params: BoardParamsSchema, body: RevealSchema, response: RevealedSchema, status: 200 }),
  deleteBoard: route({ method: 'DELETE', path: '/api/boards/:boardId', params: BoardParamsSchema, status: 204 }),
  takeSnapshot: route({ method: 'POST', path: '/api/boards/:boardId/snapshots', params: BoardParamsSchema, body: SnapshotInputSchema, response: SnapshotTakenSchema, status: 201 }),
  listSnapshots: route({ method: 'GET', path: '/api/boards/:boardId/snapshots', params: BoardParamsSchema, response: SnapshotListSchema, status: 200 }),
  /** A snapshot as the JSON export of the board it holds (shared/export/json.ts). */
  snapshot: route({
    method: 'GET',
    path: '/api/boards/:boardId/snapshots/:snapshotId',
    params: SnapshotParamsSchema,
    response: z.custom<JsonExport>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { notes?: unknown }).notes)),
    status: 200,
  }),
  restoreSnapshot: route({
    method: 'POST',
    path: '/api/boards/:boardId/snapshots/:snapshotId/restore',
    params: SnapshotParamsSchema,
    body: RestoreInputSchema,
    response: RestoredBoardSchema,
    status: 201,
  }),
  /** What facilitators and organisers did to the board, oldest first (facilitator only). */
  audit: route({ method: 'GET', path: '/api/boards/:boardId/audit', params: BoardParamsSchema, response: AuditSchema, status: 200 }),
  /** Ends the session for participants now: they keep reading the board, no longer write (facilitator). */
  endSession: route({ method: 'POST', path: '/api/boards/:boardId/end', params: BoardParamsSchema, response: z.object({ expiresAt: z.string() }), status: 200 }),
  /** Puts off the board's deletion under RETENTION_DAYS by a whole period, once per period (facilitator). */
  extendRetention: route({
    method: 'POST',
    path: '/api/boards/:boardId/retention',
    params: BoardParamsSchema,
    response: z.object({ deleteAfter: z.string() }),
    status: 200,
  }),
  /** Notes from a CSV or XLSX file (the body, sent as text/csv or as the xlsx type), all or none (facilitator). */
  importNotes: route({ method: 'POST', path: '/api/boards/:boardId/import', params: BoardParamsSchema, response: ImportedSchema, status: 201 }),
  /** Sets the end-of-session survey's questions, closed; earlier answers are forgotten (facilitator). */
  putSurvey: route({ method: 'PUT', path: '/api/boards/:boardId/survey', params: BoardParamsSchema, body: SurveyInputSchema, response: SurveyStateSchema, status: 200 }),
  openSurvey: route({ method: 'POST', path: '/api/boards/:boardId/survey/open', params: BoardParamsSchema, response: SurveyStateSchema, status: 200 }),
  closeSurvey: route({ method: 'POST', path: '/api/boards/:boardId/survey/close', params: BoardParamsSchema, response: SurveyStateSchema, status: 200 }),
  /** One person's answers (participant, with X-Client-Key); answering again replaces them. */
  answerSurvey: route({ method: 'POST', path: '/api/boards/:boardId/survey/answers', params: BoardParamsSchema, body: SurveyAnswersSchema, status: 204 }),
  /** The totals, anonymous (facilitator). */
  surveyResults: route({ method: 'GET', path: '/api/boards/:boardId/survey/results', params: BoardParamsSchema, response: SurveyResultsSchema, status: 200 }),
  health: route({ method: 'GET', path: '/healthz', response: HealthSchema, status: 200 }),
  /** A series of sessions; its token is shown this once (shared/api/series.ts). */
  createSeries: route({ method: 'POST', path: '/api/series', body: CreateSeriesSchema, response: CreatedSeriesSchema, status: 201 }),
  /** The series and its sessions with their counts per support (series token). */
  series: route({ method: 'GET', path: '/api/series/:seriesId', params: SeriesParamsSchema, response: SeriesSchema, status: 200 }),
  /** Every note of every session, with its session (series token). */
  seriesNotes: route({ method: 'GET', path: '/api/series/:seriesId/notes', params: SeriesParamsSchema, response: SeriesNotesSchema, status: 200 }),
} as const;

export type ApiRoute = (typeof API)[keyof typeof API];
export type ResponseOf<R extends Route> = R['response'] extends z.ZodType ? z.infer<R['response']> : void;
export type BodyOf<R extends Route> = R['body'] extends z.ZodType ? z.input<R['body']> : never;
export type ParamsOf<R extends Route> = R['params'] extends z.ZodType ? z.infer<R['params']> : Record<string, never>;

/** The route's path with its params filled in (each one URL-encoded). */
export function pathOf(route: Route, params: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${route.path}: missing ${name}`);
    return encodeURIComponent(v);
  });
}

/** The first issue of a failed parse, as the API states it: `field: message`, with the field. */
export function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): z.infer<typeof ErrorSchema> {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return { error: issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid input', ...(field ? { field } : {}) };
}
