import * as Y from 'yjs';
import type { StoredTokens } from './tokens';
import type { Role } from '../../shared/board/roles';

/** A board's server-side record: who may do what (capability tokens, kept hashed) and whether it is locked. */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  tokens: StoredTokens;
  locked: boolean;
}

export interface SnapshotMeta {
  id: string;
  boardId: string;
  name: string;
  createdAt: number;
}

export interface SnapshotRecord extends SnapshotMeta {
  /** The whole board as one Yjs update. */
  state: Uint8Array;
}

/** What a facilitator or organiser did to a board, as the audit log keeps it. */
export const AUDIT_ACTIONS = ['lock', 'unlock', 'rotate', 'settings', 'delete', 'export', 'snapshot', 'restore', 'group', 'extend', 'end', 'approve', 'hide', 'import', 'survey', 'reveal'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One line of a board's audit log: when, what, and who by role and user id — never a token, a key
 * or anything a note says. `detail` holds the action's own facts (the export's format, the roles
 * rotated, the snapshot's id).
 */
export interface AuditEntry {
  at: number;
  action: AuditAction;
  /** `server` for what the server does by itself (the snapshot at a phase's end, the retention sweep). */
  role: Role | 'server';
  /** The person's stable id (derived from their device's key), when their client sent it. */
  userId: string | null;
  detail: Record<string, string | number | boolean>;
}

/** When a board last changed, and when its facilitator last extended its keeping (for RETENTION_DAYS). */
export interface BoardActivity {
  touchedAt: number;
  extendedAt: number | null;
}

/**
 * Who may take part beyond holding the participant link: a passcode (kept only as a salted hash) and
 * the time the session ends, after which participants may read but not write.
 */
export interface BoardAccess {
  passcodeHash: string | null;
  expiresAt: number | null;
}

/**
 * A series of sessions (連続研修): boards an organiser keeps together for one record. Its token is the
 * organiser's capability for the series, kept only as its hash (seriesTokenMatches in tokens.ts).
 */
export interface SeriesRecord {
  id: string;
  title: string;
  createdAt: number;
  tokenHash: string;
}

/**
 * A board's place in a series: the board's facilitator token sealed under the series token, so the
 * series' organiser can open every session of it and a copy of the database opens none.
 */
export interface SeriesBoard {
  boardId: string;
  sealedToken: string;
}

/** One entry of a board's update log. `seq` identifies it: a new entry (append or compaction) never reuses one. */
export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
}

/** The board a log holds, as a doc of its own (one transaction; deleted content is dropped, Yjs GC). */
export function docFromLog(log: readonly LoggedUpdate[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => log.forEach((e) => Y.applyUpdate(doc, e.update)));
  return doc;
}

/** What an append tells the room: the new entry's seq, and how many entries the log now holds. */
export interface Appended {
  seq: number;
  logLength: number;
}

/**
 * The persistence seam. SQLite is the embedded default, PostgreSQL the optional one, memory serves tests.
 * A board's document is an append-only log of Yjs updates, compacted now and then into one update;
 * nothing outside an implementation knows which engine is in use. Every implementation passes
 * `store.contract.ts`.
 */
export interface Store {
  readonly kind: string;
  /**
   * Creates the record and the document's first update atomically; with `inSeries`, the board joins
   * that series in the same step (an unknown series fails the whole creation).
   */
  createBoard(board: BoardRecord, initialUpdate: Uint8Array, inSeries?: { seriesId: string; sealedToken: string }): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  /** Every board's record, oldest first (ties by id): what moving a deployment to another store walks through. */
  listBoards(): Promise<BoardRecord[]>;
  updateBoard(boardId: string, patch: Partial<Pick<BoardRecord, 'title' | 'tokens' | 'locked'>>): Promise<void>;
  /** Removes the board, its document, its snapshots, its audit log, its survey answers and its place in a series. */
  deleteBoard(boardId: string): Promise<void>;
  /** Durably appends one update; resolves once it is stored. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<Appended>;
  /** Every stored entry of the board's log, by seq (a compacted entry may follow entries appended meanwhile: Yjs updates commute). */
  loadLog(boardId: string): Promise<LoggedUpdate[]>;
  /**
   * Replaces the log's entries with one new entry, `merge(entries)`, atomically, and returns its seq
   * (null when there was nothing to compact). Entries appended while `merge` runs are kept, so
   * compaction never loses a concurrent write (another process may be appending).
   */
  compact(boardId: string, merge: (log: LoggedUpdate[]) => Uint8Array): Promise<number | null>;
  saveSnapshot(snapshot: SnapshotRecord): Promise<void>;
  appendAudit(boardId: string, entry: AuditEntry): Promise<void>;
  setAccess(boardId: string, access: BoardAccess): Promise<void>;
  /** The board's access rules; a board without any is open to every participant link, for ever. */
  getAccess(boardId: string): Promise<BoardAccess>;
  /** Notes that the board changed at `at` (never moves the time back). */
  touchBoard(boardId: string, at: number): Promise<void>;
  /** The facilitator asked to keep the board: it counts as changed at `at`. */
  extendBoard(boardId: string, at: number): Promise<void>;
  /** A board's activity; a board never touched counts from its creation. Null for an unknown board. */
  boardActivity(boardId: string): Promise<BoardActivity | null>;
  /** Ids of the boards untouched since before `cutoff` (the retention sweep's), oldest first. */
  untouchedSince(cutoff: number): Promise<string[]>;
  /** The board's audit log, oldest first. */
  listAudit(boardId: string): Promise<AuditEntry[]>;
  listSnapshots(boardId: string): Promise<SnapshotMeta[]>;
  /**
   * Keeps one respondent's survey answers (a JSON object), replacing what they gave before; nothing for an
   * unknown board. `respondent` is an id nobody can tie to a person; no time is kept.
   */
  saveSurveyAnswers(boardId: string, respondent: string, answers: Record<string, unknown>): Promise<void>;
  /** Every respondent's answers to the board's survey, by respondent id (no order of arrival). */
  listSurveyAnswers(boardId: string): Promise<SurveyAnswerSet[]>;
  /** Forgets every answer (a new survey replaced the old one). */
  clearSurveyAnswers(boardId: string): Promise<void>;
  getSnapshot(boardId: string, snapshotId: string): Promise<SnapshotRecord | null>;
  createSeries(series: SeriesRecord): Promise<void>;
  getSeries(seriesId: string): Promise<SeriesRecord | null>;
  /** Every series, oldest first (ties by id): what moving a deployment to another store walks through. */
  listSeries(): Promise<SeriesRecord[]>;
  /** The series' boards, oldest first (ties by id); none for an unknown series. */
  seriesBoards(seriesId: string): Promise<SeriesBoard[]>;
  /**
   * Replaces one participant's private notes (issue 24: a doc of their own, never part of the board's)
   * with `merge(stored)`, atomically: another process merging meanwhile waits, so neither write is lost.
   */
  mergePrivate(boardId: string, authorId: string, merge: (stored: Uint8Array | null) => Uint8Array): Promise<void>;
  /** One participant's private notes as one update, or null when they have none stored. */
  loadPrivate(boardId: string, authorId: string): Promise<Uint8Array | null>;
  /** Every participant's private notes on the board (for the facilitator's counts and the reveal). */
  listPrivate(boardId: string): Promise<PrivateRecord[]>;
  close(): Promise<void>;
}

/** One respondent's answers, under the id that ties them to nobody (server/plugins/survey.ts). */
export interface SurveyAnswerSet {
  respondent: string;
  answers: Record<string, unknown>;
}

/** What createBoard throws for a series the store does not have. */
export class UnknownSeriesError extends Error {}

/** One participant's private notes as the store keeps them: their own doc, as one update. */
export interface PrivateRecord {
  authorId: string;
  state: Uint8Array;
}

export class StoreUnavailableError extends Error {}
