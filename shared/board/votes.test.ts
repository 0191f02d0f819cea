import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNotes } from './doc';
import { castVote, clearVotes, readVoting, retractVote, setVoting, showVoteResults, voteCounts, voteCountsVisible, VoteError, votesLeft, votesOf } from './votes';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const board = () => {
  const doc = new Y.Doc();
  const n1 = addNote(doc, { text: '伴走型支援', x: 0, y: 0, authorId: 'a' });
  const n2 = addNote(doc, { text: '居場所づくり', x: 200, y: 0, authorId: 'b' });
  return { doc, n1, n2 };
};

describe('dot voting', () => {
  it('counts votes per note and spends each voter’s budget', () => {
    const { doc, n1, n2 } = board();
    setVoting(doc, { open: true, perPerson: 3 });
    castVote(doc, n1, 'alice');
    castVote(doc, n1, 'alice');
    castVote(doc, n2, 'bob');
    expect(Object.fromEntries(voteCounts(doc))).toEqual({ [n1]: 2, [n2]: 1 });
    expect(votesLeft(doc, 'alice')).toBe(1);
    expect(votesLeft(doc, 'bob')).toBe(2);
    castVote(doc, n2, 'alice');
    expect(() => castVote(doc, n2, 'alice')).toThrow(/no votes left/);
    expect(votesLeft(doc, 'alice')).toBe(0);
    retractVote(doc, n1, 'alice');
    expect(voteCounts(doc).get(n1)).toBe(1);
    expect(votesLeft(doc, 'alice')).toBe(1);
  });

  it('refuses votes while the ballot is closed, or on a note that is gone', () => {
    const { doc, n1 } = board();
    expect(() => castVote(doc, n1, 'alice')).toThrow(VoteError);
    setVoting(doc, { open: true });
    expect(() => castVote(doc, 'n_gone', 'alice')).toThrow(/no longer exists/);
    castVote(doc, n1, 'alice');
    setVoting(doc, { open: false });
    expect(() => retractVote(doc, n1, 'alice')).toThrow(/not open/);
    expect(voteCounts(doc).get(n1)).toBe(1);
    expect(() => setVoting(doc, { perPerson: 0 })).toThrow(/1 to 20/);
    expect(readVoting(doc)).toEqual({ open: false, perPerson: 3 });
  });

  it('keeps both first votes when two people vote on the same note at the same moment', () => {
    const { doc: a, n1 } = board();
    setVoting(a, { open: true });
    const b = new Y.Doc();
    sync(a, b);
    castVote(a, n1, 'alice');
    castVote(b, n1, 'bob');
    sync(a, b);
    expect(voteCounts(a).get(n1)).toBe(2);
    expect(voteCounts(b).get(n1)).toBe(2);
  });

  it('stops counting votes of deleted notes and gives the dots back', () => {
    const { doc, n1, n2 } = board();
    setVoting(doc, { open: true, perPerson: 2 });
    castVote(doc, n1, 'alice');
    castVote(doc, n2, 'alice');
    deleteNotes(doc, [n1]);
    expect([...voteCounts(doc).keys()]).toEqual([n2]);
    expect(votesLeft(doc, 'alice')).toBe(1);
  });

  it('ignores malformed counts in the doc and clears every vote for a new round', () => {
    const { doc, n1 } = board();
    setVoting(doc, { open: true });
    castVote(doc, n1, 'alice');
    const forged = new Y.Map<unknown>();
    votesOf(doc).set('mallory', forged as Y.Map<number>);
    forged.set(n1, 1000);
    forged.set('x', -1);
    expect(voteCounts(doc).get(n1)).toBe(1);
    clearVotes(doc);
    expect(voteCounts(doc).size).toBe(0);
    expect(votesLeft(doc, 'alice')).toBe(3);
  });
});

describe('vote counts on the notes', () => {
  it('show while voting is open, go when it closes, and stay only while the facilitator keeps the results shown', () => {
    const { doc, n1 } = board();
    expect(voteCountsVisible(doc)).toBe(false);
    setVoting(doc, { open: true });
    castVote(doc, n1, 'alice');
    expect(voteCountsVisible(doc)).toBe(true);
    setVoting(doc, { open: false });
    expect(voteCountsVisible(doc)).toBe(false);
    showVoteResults(doc, true);
    expect(voteCountsVisible(doc)).toBe(true);
    expect(voteCounts(doc).get(n1)).toBe(1);
    showVoteResults(doc, false);
    expect(voteCountsVisible(doc)).toBe(false);
  });
});
