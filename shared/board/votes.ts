import * as Y from 'yjs';
import { z } from 'zod';
import { metaOf, notesOf } from './doc';

/**
 * Dot voting. `doc.getMap('votes')`: voterId → Y.Map noteId → count.
 * Keyed by voter first, not by note: each voter writes only their own map, so two people casting
 * the first vote on the same note at the same moment cannot overwrite each other's map
 * (concurrent sets of one Y.Map key keep only one value).
 * `meta.votesPerPerson` is each voter's budget; `meta.voting` opens and closes the ballot.
 */
export const votesOf = (doc: Y.Doc): Y.Map<Y.Map<number>> => doc.getMap('votes');

export const VOTES_PER_PERSON_MAX = 20;
export const VOTES_PER_PERSON_DEFAULT = 3;
export const VotingSchema = z.object({
  open: z.boolean(),
  perPerson: z.number().int().min(1).max(VOTES_PER_PERSON_MAX),
});
export type Voting = z.infer<typeof VotingSchema>;

export class VoteError extends Error {}

/** A count as stored: a whole number ≥ 1 (a note with no votes has no entry). */
export const isVoteCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= VOTES_PER_PERSON_MAX;

export function readVoting(doc: Y.Doc): Voting {
  const meta = metaOf(doc);
  const per = meta.get('votesPerPerson');
  return {
    open: meta.get('voting') === true,
    perPerson: VotingSchema.shape.perPerson.safeParse(per).success ? (per as number) : VOTES_PER_PERSON_DEFAULT,
  };
}

/** Facilitator: opens or closes the ballot and sets the budget; existing votes are kept. */
export function setVoting(doc: Y.Doc, patch: Partial<Voting>, origin: unknown = null): void {
  const next = VotingSchema.safeParse({ ...readVoting(doc), ...patch });
  if (!next.success) throw new VoteError(`votes per person must be a whole number from 1 to ${VOTES_PER_PERSON_MAX}`);
  doc.transact(() => {
    const meta = metaOf(doc);
    if (meta.get('voting') !== next.data.open) meta.set('voting', next.data.open);
    if (meta.get('votesPerPerson') !== next.data.perPerson) meta.set('votesPerPerson', next.data.perPerson);
  }, origin);
}

/**
 * `meta.voteResultsShown`: the facilitator keeps the counts on the notes after the ballot closes (to present
 * them); otherwise they are on the notes only while voting is open.
 */
export const voteResultsShown = (doc: Y.Doc): boolean => metaOf(doc).get('voteResultsShown') === true;

export function showVoteResults(doc: Y.Doc, on: boolean, origin: unknown = null): void {
  if (voteResultsShown(doc) !== on) doc.transact(() => metaOf(doc).set('voteResultsShown', on), origin);
}

/** Whether the vote counts are on the notes for everyone now. */
export const voteCountsVisible = (doc: Y.Doc): boolean => readVoting(doc).open || voteResultsShown(doc);

/** One voter's valid votes on notes that still exist (a deleted note gives its dots back): noteId → count. */
export function ballotOf(doc: Y.Doc, voterId: string): Map<string, number> {
  const out = new Map<string, number>();
  const notes = notesOf(doc);
  const m = votesOf(doc).get(voterId);
  if (m instanceof Y.Map) m.forEach((v, noteId) => isVoteCount(v) && notes.has(noteId) && out.set(noteId, v));
  return out;
}

export const votesUsed = (ballot: ReadonlyMap<string, number>): number => [...ballot.values()].reduce((a, b) => a + b, 0);

export function votesLeft(doc: Y.Doc, voterId: string): number {
  return Math.max(0, readVoting(doc).perPerson - votesUsed(ballotOf(doc, voterId)));
}

/** Votes per note, counting only notes that still exist. */
export function voteCounts(doc: Y.Doc): Map<string, number> {
  const notes = notesOf(doc);
  const counts = new Map<string, number>();
  votesOf(doc).forEach((ballot) => {
    if (!(ballot instanceof Y.Map)) return;
    ballot.forEach((v, noteId) => {
      if (isVoteCount(v) && notes.has(noteId)) counts.set(noteId, (counts.get(noteId) ?? 0) + v);
    });
  });
  return counts;
}

/** Puts one of the voter's dots on a note; throws VoteError when voting is closed or the budget is spent. */
export function castVote(doc: Y.Doc, noteId: string, voterId: string, origin: unknown = null): void {
  if (!voterId) throw new VoteError('a voter id is required');
  if (!readVoting(doc).open) throw new VoteError('voting is not open');
  if (!notesOf(doc).has(noteId)) throw new VoteError('that note no longer exists');
  if (votesLeft(doc, voterId) <= 0) throw new VoteError('no votes left');
  doc.transact(() => {
    const votes = votesOf(doc);
    let ballot = votes.get(voterId);
    if (!(ballot instanceof Y.Map)) {
      ballot = new Y.Map<number>();
      votes.set(voterId, ballot);
    }
    // Dots on deleted notes were given back: their entries go, or the server would count them against the budget.
    for (const k of [...ballot.keys()]) if (!notesOf(doc).has(k)) ballot.delete(k);
    const n = ballot.get(noteId);
    ballot.set(noteId, (isVoteCount(n) ? n : 0) + 1);
  }, origin);
}

/** Takes one of the voter's dots back off a note; does nothing if they had none there. */
export function retractVote(doc: Y.Doc, noteId: string, voterId: string, origin: unknown = null): void {
  if (!readVoting(doc).open) throw new VoteError('voting is not open');
  const ballot = votesOf(doc).get(voterId);
  if (!(ballot instanceof Y.Map)) return;
  const n = ballot.get(noteId);
  if (!isVoteCount(n)) return;
  doc.transact(() => (n > 1 ? ballot.set(noteId, n - 1) : ballot.delete(noteId)), origin);
}

/** Facilitator: removes every vote, for a new round. */
export function clearVotes(doc: Y.Doc, origin: unknown = null): void {
  doc.transact(() => {
    const votes = votesOf(doc);
    for (const k of [...votes.keys()]) votes.delete(k);
  }, origin);
}
