import * as Y from 'yjs';
import { readBoard, type BoardView } from '../../shared/board/doc';
import { docFromLog, type AuditEntry, type BoardAccess, type BoardRecord, type PrivateRecord, type SeriesRecord, type SnapshotRecord, type Store, type SurveyAnswerSet } from './store';

/** All a copy may do with its source: read. The type keeps a write to the source from compiling. */
export type BoardSource = Pick<Store, 'listBoards' | 'loadLog' | 'listSnapshots' | 'getSnapshot' | 'listAudit' | 'getAccess' | 'listSeries' | 'seriesBoards' | 'listPrivate' | 'listSurveyAnswers'>;

export type BoardStatus = 'copied' | 'already there' | 'refused';

export interface BoardOutcome {
  boardId: string;
  title: string;
  status: BoardStatus;
  /** Notes and snapshots of the board in the source. */
  notes: number;
  snapshots: number;
  /** Why a board was refused; for a copied one, what an interrupted run had left to do. */
  detail?: string;
}

/** A series (its title and token hash) copied before its boards, which join it as they are created. */
export interface SeriesOutcome {
  seriesId: string;
  title: string;
  status: BoardStatus;
  detail?: string;
}

type Membership = { seriesId: string; sealedToken: string };

export interface CopyReport {
  series: SeriesOutcome[];
  boards: BoardOutcome[];
  copied: number;
  alreadyThere: number;
  refused: number;
}

export interface CopyOptions {
  /** Told about each board as soon as it is done, for progress output. */
  onBoard?: (outcome: BoardOutcome) => void;
}

/** One side's whole board: its record, its document folded into one update, its snapshots. */
interface BoardCopy {
  record: BoardRecord;
  doc: Y.Doc;
  snapshots: SnapshotRecord[];
  /** Copied with a new board (the audit log is the board's history, not compared: a copy that exists keeps its own). */
  audit: AuditEntry[];
  /** The passcode and session end go with the board: a copy must not open a closed session. */
  access: BoardAccess;
  /** Each participant's private notes, not yet revealed: theirs, and lost if left behind. */
  privates: PrivateRecord[];
  /** The survey's answer sets, under their respondent ids (so answering again still replaces them). */
  survey: SurveyAnswerSet[];
}

/**
 * Copies every board of `from` into `to`: the record (title, creation time, the tokens behind the links
 * people hold, the lock), the document (its log folded into one update, which also drops deleted content)
 * and every snapshot, then reads the copy back and checks it equals the source. Never overwrites: a board
 * the target already has is left as it is, counted as already there when it is the same board, refused
 * when it differs. So a run stopped half way can simply be run again. Nothing may write to either store
 * meanwhile (the servers must be stopped).
 */
export async function copyBoards(from: BoardSource, to: Store, opts: CopyOptions = {}): Promise<CopyReport> {
  const series: SeriesOutcome[] = [];
  const memberships = new Map<string, Membership>();
  for (const s of await from.listSeries()) {
    const outcome = await copySeries(to, s);
    series.push(outcome);
    // A board of a series the target refused is copied alone; the refusal is reported.
    if (outcome.status !== 'refused') for (const m of await from.seriesBoards(s.id)) memberships.set(m.boardId, { seriesId: s.id, sealedToken: m.sealedToken });
  }
  const boards: BoardOutcome[] = [];
  for (const record of await from.listBoards()) {
    const outcome = await copyBoard(from, to, record, memberships.get(record.id));
    boards.push(outcome);
    opts.onBoard?.(outcome);
  }
  const count = (status: BoardStatus) => boards.filter((b) => b.status === status).length;
  return { series, boards, copied: count('copied'), alreadyThere: count('already there'), refused: count('refused') };
}

/** Never overwrites: a series the target has is already there when it is the same, refused when it differs. */
async function copySeries(to: Store, s: SeriesRecord): Promise<SeriesOutcome> {
  const outcome = (status: BoardStatus, detail?: string): SeriesOutcome => ({ seriesId: s.id, title: s.title, status, ...(detail ? { detail } : {}) });
  try {
    const existing = await to.getSeries(s.id);
    if (!existing) {
      await to.createSeries(s);
      return outcome('copied');
    }
    const same = existing.title === s.title && existing.createdAt === s.createdAt && existing.tokenHash === s.tokenHash;
    return same ? outcome('already there') : outcome('refused', 'the target already has a different series with this id; left unchanged (its boards are copied without it)');
  } catch (err) {
    return outcome('refused', `${(err as Error).message} (running the command again is safe)`);
  }
}

async function copyBoard(from: BoardSource, to: Store, record: BoardRecord, membership: Membership | undefined): Promise<BoardOutcome> {
  let source: BoardCopy | null = null;
  const outcome = (status: BoardStatus, detail?: string): BoardOutcome => ({
    boardId: record.id,
    title: record.title,
    status,
    notes: source ? readBoard(source.doc).notes.length : 0,
    snapshots: source?.snapshots.length ?? 0,
    ...(detail ? { detail } : {}),
  });
  try {
    source = await readBoardCopy(from, record);
    const existing = await to.getBoard(record.id);
    if (existing) return await compareExisting(to, source, existing, outcome);
    return await writeNew(to, source, outcome, membership);
  } catch (err) {
    return outcome('refused', `${(err as Error).message} (running the command again is safe)`);
  } finally {
    source?.doc.destroy();
  }
}

type Outcome = (status: BoardStatus, detail?: string) => BoardOutcome;

/** The target already has a board with this id: never touch it, except to finish a copy an interrupted run began. */
async function compareExisting(to: Store, source: BoardCopy, existing: BoardRecord, outcome: Outcome): Promise<BoardOutcome> {
  const target = await readBoardCopy(to, existing);
  try {
    const differs = difference(source, target);
    if (!differs) return outcome('already there');
    const missing = missingSnapshots(source, target);
    if (!missing) return outcome('refused', `the target already has a different board with this id (${differs}); left unchanged`);
    for (const s of missing) await to.saveSnapshot(s);
    const still = await verify(to, source);
    if (still) return outcome('refused', `finishing an interrupted copy did not give the same board (${still})`);
    return outcome('copied', `finished an interrupted copy: ${missing.length} snapshot(s) were missing`);
  } finally {
    target.doc.destroy();
  }
}

async function writeNew(to: Store, source: BoardCopy, outcome: Outcome, membership: Membership | undefined): Promise<BoardOutcome> {
  try {
    await to.createBoard(source.record, Y.encodeStateAsUpdate(source.doc), membership);
  } catch (err) {
    return outcome('refused', `the target would not take it: ${(err as Error).message}`);
  }
  // From here the board in the target is ours alone: a copy that fails or does not check out is removed again.
  let failure: string | null;
  try {
    for (const s of source.snapshots) await to.saveSnapshot(s);
    for (const e of source.audit) await to.appendAudit(source.record.id, e);
    await to.setAccess(source.record.id, source.access);
    for (const p of source.privates) await to.mergePrivate(source.record.id, p.authorId, () => p.state);
    for (const a of source.survey) await to.saveSurveyAnswers(source.record.id, a.respondent, a.answers);
    failure = await verify(to, source);
    if (!failure && membership && !(await to.seriesBoards(membership.seriesId)).some((m) => m.boardId === source.record.id && m.sealedToken === membership.sealedToken)) {
      failure = 'its place in its series was not kept';
    }
  } catch (err) {
    failure = (err as Error).message;
  }
  if (!failure) return outcome('copied');
  try {
    await to.deleteBoard(source.record.id);
    return outcome('refused', `copying failed (${failure}); nothing of it was left in the target`);
  } catch (err) {
    return outcome('refused', `copying failed (${failure}) and removing the partial copy failed too (${(err as Error).message}); run again to finish it`);
  }
}

/** Reads the copy back from the target; what differs from the source, or null. */
async function verify(to: Store, source: BoardCopy): Promise<string | null> {
  const record = await to.getBoard(source.record.id);
  if (!record) return 'the board is not in the target';
  const target = await readBoardCopy(to, record);
  try {
    return difference(source, target);
  } finally {
    target.doc.destroy();
  }
}

async function readBoardCopy(store: BoardSource, record: BoardRecord): Promise<BoardCopy> {
  const doc = docFromLog(await store.loadLog(record.id));
  try {
    const snapshots: SnapshotRecord[] = [];
    for (const meta of await store.listSnapshots(record.id)) {
      const s = await store.getSnapshot(record.id, meta.id);
      // Listed a moment ago and gone now: something else is writing (a server still running?).
      if (!s) throw new Error(`snapshot ${meta.id} vanished while reading; is a server still running on this store?`);
      snapshots.push(s);
    }
    return {
      record,
      doc,
      snapshots,
      audit: await store.listAudit(record.id),
      access: await store.getAccess(record.id),
      privates: await store.listPrivate(record.id),
      survey: await store.listSurveyAnswers(record.id),
    };
  } catch (err) {
    doc.destroy();
    throw err;
  }
}

/** What differs between the source's board and the target's, in words an operator can act on (never a token), or null. */
function difference(a: BoardCopy, b: BoardCopy): string | null {
  const diffs = [recordDifference(a.record, b.record), documentDifference(a.doc, b.doc), snapshotsDifference(a.snapshots, b.snapshots), keptApartDifference(a, b)];
  const found = diffs.filter((d): d is string => d !== null);
  return found.length > 0 ? found.join('; ') : null;
}

/** The private notes and the survey answers, which live beside the board's document. */
function keptApartDifference(a: BoardCopy, b: BoardCopy): string | null {
  const privates = (c: BoardCopy) => JSON.stringify(c.privates.map((p) => [p.authorId, Buffer.from(p.state).toString('base64')]).sort());
  const survey = (c: BoardCopy) => JSON.stringify(c.survey.map((s) => [s.respondent, JSON.stringify(s.answers)]).sort());
  const fields = [privates(a) !== privates(b) ? `private notes (${a.privates.length} people in the source, ${b.privates.length} in the target)` : null, survey(a) !== survey(b) ? `survey answers (${a.survey.length} in the source, ${b.survey.length} in the target)` : null];
  const found = fields.filter((f): f is string => f !== null);
  return found.length > 0 ? found.join(', ') : null;
}

function recordDifference(a: BoardRecord, b: BoardRecord): string | null {
  const fields: string[] = [];
  if (a.title !== b.title) fields.push(`title ("${a.title}" in the source, "${b.title}" in the target)`);
  if (a.createdAt !== b.createdAt) fields.push('creation time');
  if (a.locked !== b.locked) fields.push('lock');
  // The sealed pair is sealed afresh each time (a new nonce): the hashes say whether the links are the same.
  const roles = new Set([...Object.keys(a.tokens.hashes), ...Object.keys(b.tokens.hashes)]) as Set<keyof BoardRecord['tokens']['hashes']>;
  if ([...roles].some((r) => a.tokens.hashes[r] !== b.tokens.hashes[r])) fields.push('links (tokens)');
  return fields.length > 0 ? `its record differs: ${fields.join(', ')}` : null;
}

/**
 * Two documents hold the same board when they have seen the same edits (state vector) and the same deletions
 * (delete set): that is Yjs's own notion of equal state, independent of how the log was split or compacted.
 * The notes and sections are compared too, as a person would see them.
 */
function documentDifference(a: Y.Doc, b: Y.Doc): string | null {
  const viewA = readBoard(a);
  const viewB = readBoard(b);
  if (Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && canonical(viewA) === canonical(viewB)) return null;
  return `its notes or other content differ (${viewA.notes.length} notes in the source, ${viewB.notes.length} in the target)`;
}

/** The board as JSON that does not depend on the order edits arrived in: keys sorted, lists by id. */
function canonical(view: BoardView): string {
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const sortedKeys = (_key: string, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)))
      : value;
  return JSON.stringify({ ...view, notes: byId(view.notes), broken: byId(view.broken), sections: byId(view.sections) }, sortedKeys);
}

function snapshotsDifference(a: SnapshotRecord[], b: SnapshotRecord[]): string | null {
  const byId = new Map(b.map((s) => [s.id, s]));
  const differing = a.filter((s) => !sameSnapshot(s, byId.get(s.id))).map((s) => s.id);
  const extra = b.filter((s) => !a.some((x) => x.id === s.id)).map((s) => s.id);
  if (differing.length === 0 && extra.length === 0) return null;
  return `snapshots differ (${[...differing, ...extra].join(', ')})`;
}

const sameSnapshot = (a: SnapshotRecord, b: SnapshotRecord | undefined): boolean =>
  !!b && a.boardId === b.boardId && a.name === b.name && a.createdAt === b.createdAt && Buffer.from(a.state).equals(b.state);

/**
 * The snapshots a run stopped half way did not write: the target's board is the source's (same record, same
 * document) and each of its snapshots is one of the source's, but some are missing. Null in any other case.
 */
function missingSnapshots(source: BoardCopy, target: BoardCopy): SnapshotRecord[] | null {
  if (recordDifference(source.record, target.record) || documentDifference(source.doc, target.doc)) return null;
  const sourceIds = new Map(source.snapshots.map((s) => [s.id, s]));
  if (!target.snapshots.every((s) => sameSnapshot(s, sourceIds.get(s.id)))) return null;
  const have = new Set(target.snapshots.map((s) => s.id));
  const missing = source.snapshots.filter((s) => !have.has(s.id));
  return missing.length > 0 ? missing : null;
}
