import { z } from 'zod';

/** The four default categories: the three supports of the community support system, plus unsorted. */
export const DEFAULT_CATEGORIES = ['consultation', 'participation', 'community', 'unsorted'] as const;
export type DefaultCategory = (typeof DEFAULT_CATEGORIES)[number];

/** A board may bring its own taxonomy, so a category is any short id; the defaults are above. */
export const CategoryIdSchema = z.string().min(1).max(64);
export const CategorySourceSchema = z.enum(['auto', 'manual']);
export type CategorySource = z.infer<typeof CategorySourceSchema>;

export const LIMITS = {
  /** What one person may type into a note: the editors stop there, and the server refuses a change that grows a note past it alone. */
  noteTextMax: 500,
  /**
   * What a note may hold at all. Two people typing into a nearly full note at once, or an offline
   * device's edits merged in later, can together pass noteTextMax without either of them doing so;
   * the server keeps such a merge rather than refusing a change the sender can never take back.
   */
  noteTextHardMax: 1_000,
  titleMax: 200,
  displayNameMax: 40,
  groupsMax: 12,
  notesPerBoard: 5_000,
} as const;

/**
 * Whether one person's edit may take a note from `before` to `after` characters: up to noteTextMax,
 * or anything not longer than it was, so a note that a merge took past the limit can still be shortened.
 */
export const mayTypeTo = (before: number, after: number): boolean => after <= Math.max(LIMITS.noteTextMax, before);

const coord = z.number().finite().min(-1_000_000).max(1_000_000);
const size = z.number().finite().min(20).max(5_000);
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');

/** A note as read from the doc (plain values; `text` is the Y.Text's string). */
export const NoteSchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string().max(LIMITS.noteTextHardMax),
  x: coord,
  y: coord,
  w: size,
  h: size,
  color: colorSchema,
  sectionId: z.string().max(64).nullable(),
  author: z.string().max(LIMITS.displayNameMax),
  authorId: z.string().min(1).max(64),
  createdAt: z.number().int().nonnegative(),
  category: CategoryIdSchema,
  categorySource: CategorySourceSchema.optional(),
  /**
   * Where the note sits while the board is arranged by category (Auto-group). Kept apart from x/y so the
   * worksheet arrangement, and the note's column (sectionId), survive grouping; absent = in the 要確認 tray.
   */
  categoryX: coord.optional(),
  categoryY: coord.optional(),
});
export type Note = z.infer<typeof NoteSchema>;

/** What a user supplies to create a note; the rest is filled in. */
export const NewNoteSchema = NoteSchema.pick({ x: true, y: true })
  .extend({
    text: z.string().max(LIMITS.noteTextMax),
    w: size.optional(),
    h: size.optional(),
    color: colorSchema.optional(),
    sectionId: z.string().max(64).nullable().optional(),
    author: z.string().max(LIMITS.displayNameMax).optional(),
    authorId: z.string().min(1).max(64),
    category: CategoryIdSchema.optional(),
  });
export type NewNote = z.infer<typeof NewNoteSchema>;

/** `kind` says what a section is for, e.g. 'impression', 'unclear', 'summary'. */
export const SectionSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(LIMITS.titleMax),
  x: coord,
  y: coord,
  w: size,
  h: size,
  group: z.string().max(16),
  kind: z.string().max(40),
});
export type Section = z.infer<typeof SectionSchema>;

export const TEMPLATE_IDS = ['impressions-unclear', 'troubles', 'case-review', 'efficiency', 'blank'] as const;
export const TemplateIdSchema = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof TemplateIdSchema>;

/** Board-level settings kept in `doc.getMap('meta')`. Unknown keys are kept but ignored. */
export const MetaSchema = z.object({
  title: z.string().max(LIMITS.titleMax).default(''),
  template: z.string().max(40).default('blank'),
  locked: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  schemaVersion: z.number().int().default(1),
  /** The session's end has passed (or the facilitator ended it): participants may read, not write. */
  sessionEnded: z.boolean().optional(),
  /** The server's limit on notes (MAX_NOTES_PER_BOARD, 0 = none), which it writes here so clients keep to it too. */
  notesPerBoard: z.number().int().nonnegative().optional(),
  /** Viewers' cursors are shown to others only when the facilitator allows it; the server drops them otherwise. */
  viewerCursors: z.boolean().optional(),
  /** New participant notes reach the viewer link only once the facilitator approved them (shared/board/moderation.ts). */
  moderation: z.boolean().optional(),
  /** Participants move only the notes they may edit (their own, or their group's as its scribe). */
  ownNotesOnly: z.boolean().optional(),
  /** New participant notes stay with their author until revealed (shared/board/privateNotes.ts). */
  privateWriting: z.boolean().optional(),
  privateWritingSince: z.number().optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

export const CreateBoardSchema = z
  .object({
    title: z.string().trim().max(LIMITS.titleMax).optional(),
    template: TemplateIdSchema.optional(),
    groups: z.number().int().min(1).max(LIMITS.groupsMax).optional(),
    anonymous: z.boolean().optional(),
    /** Participants must give it to join (read out in the hall); the facilitator never does. */
    passcode: z.string().trim().min(4, 'at least 4 characters').max(64).optional(),
    /** When the session ends for participants (ISO 8601 with its offset, e.g. 2026-12-02T16:00:00+09:00). */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** Puts the new board in a series (POST /api/series), with the series' token. */
    series: z.object({ id: z.string().min(1).max(64), token: z.string().min(1).max(256) }).strict().optional(),
  })
  .strict();
export type CreateBoard = z.infer<typeof CreateBoardSchema>;

export const NOTE_COLORS = ['#fff176', '#ffab91', '#a5d6a7', '#90caf9', '#ce93d8', '#ffffff'] as const;
export const NOTE_SIZE = { w: 160, h: 120 } as const;
