import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './templates';
import { readBoard } from './doc';
import {
  mayEditNote,
  mayMoveNote,
  noteGroup,
  PeopleInputError,
  readFocusGroup,
  readFollow,
  readScribes,
  setFocusGroup,
  setFollow,
  setScribe,
} from './people';

const doc = () => {
  const d = new Y.Doc();
  initBoard(d, { title: 't', template: 'troubles', groups: 2 });
  return d;
};

describe('scribes, follow and focus', () => {
  it('names and clears the scribe (書記役) of each group', () => {
    const d = doc();
    setScribe(d, 'A', 'user-a');
    setScribe(d, 'B', 'user-b');
    setScribe(d, 'A', null);
    expect(readScribes(d)).toEqual({ B: 'user-b' });
    expect(() => setScribe(d, '', 'x')).toThrow(PeopleInputError);
    expect(() => setScribe(d, 'A', '')).toThrow(PeopleInputError);
    expect(readScribes(d)).toEqual({ B: 'user-b' });
  });

  it('records whom to follow and which group is in focus', () => {
    const d = doc();
    expect(readFollow(d)).toBeNull();
    setFollow(d, { clientId: 42 });
    expect(readFollow(d)).toEqual({ clientId: 42 });
    setFollow(d, null);
    expect(readFollow(d)).toBeNull();
    setFocusGroup(d, 'B');
    expect(readFocusGroup(d)).toBe('B');
    setFocusGroup(d, null);
    expect(readFocusGroup(d)).toBeNull();
    expect(() => setFocusGroup(d, 'x'.repeat(17))).toThrow(PeopleInputError);
  });
});

describe('who may edit a note', () => {
  const d = doc();
  const { sections } = readBoard(d);
  const inA = sections.find((s) => s.group === 'A' && s.kind === 'trouble')!;
  const inB = sections.find((s) => s.group === 'B' && s.kind === 'trouble')!;
  const scribes = { A: 'scribe-a' };
  const ctx = { scribes, sections };
  const noteA = { authorId: 'alice', sectionId: inA.id };
  const noteB = { authorId: 'bob', sectionId: inB.id };

  it('finds a note’s group through its section', () => {
    expect(noteGroup(noteA, sections)).toBe('A');
    expect(noteGroup({ sectionId: null }, sections)).toBeNull();
    expect(noteGroup({ sectionId: 's_gone' }, sections)).toBeNull();
  });

  it('lets the author, the group’s scribe and the facilitator edit, nobody else', () => {
    expect(mayEditNote({ role: 'participant', userId: 'alice' }, noteA, ctx)).toBe(true);
    expect(mayEditNote({ role: 'participant', userId: 'bob' }, noteA, ctx)).toBe(false);
    expect(mayEditNote({ role: 'participant', userId: 'scribe-a' }, noteA, ctx)).toBe(true);
    expect(mayEditNote({ role: 'participant', userId: 'scribe-a' }, noteB, ctx)).toBe(false);
    expect(mayEditNote({ role: 'facilitator', userId: '' }, noteB, ctx)).toBe(true);
    expect(mayEditNote({ role: 'viewer', userId: 'alice' }, noteA, ctx)).toBe(false);
    expect(mayEditNote({ role: 'participant', userId: '' }, { authorId: '', sectionId: null }, ctx)).toBe(false);
  });
});

describe('mayMoveNote', () => {
  it('lets anyone who writes move a note within its group, and only who may edit it into another group', () => {
    const sections = [
      { id: 'a1', group: 'A' },
      { id: 'a2', group: 'A' },
      { id: 'b1', group: 'B' },
    ];
    const ctx = { scribes: { A: 'scribeA' }, sections };
    const bobsInB = { authorId: 'bob', sectionId: 'b1' };
    const scribe = { role: 'participant' as const, userId: 'scribeA' };
    expect(mayMoveNote(scribe, bobsInB, 'a1', ctx)).toBe(false);
    expect(mayMoveNote(scribe, { authorId: 'bob', sectionId: 'a1' }, 'a2', ctx)).toBe(true);
    expect(mayMoveNote(scribe, { authorId: 'bob', sectionId: 'a1' }, 'b1', ctx)).toBe(true);
    expect(mayMoveNote({ role: 'participant', userId: 'bob' }, bobsInB, 'a1', ctx)).toBe(true);
    expect(mayMoveNote({ role: 'participant', userId: 'carol' }, bobsInB, null, ctx)).toBe(false);
    expect(mayMoveNote({ role: 'facilitator', userId: '' }, bobsInB, 'a1', ctx)).toBe(true);
    expect(mayMoveNote({ role: 'viewer', userId: 'v' }, bobsInB, 'b1', ctx)).toBe(false);
  });

  it('with "participants move only their own notes", lets a participant move only what they may edit', () => {
    const sections = [{ id: 'a1', group: 'A' }];
    const ctx = { scribes: { A: 'scribeA' }, sections, ownNotesOnly: true };
    const bobs = { authorId: 'bob', sectionId: 'a1' };
    expect(mayMoveNote({ role: 'participant', userId: 'carol' }, bobs, 'a1', ctx)).toBe(false);
    expect(mayMoveNote({ role: 'participant', userId: 'bob' }, bobs, 'a1', ctx)).toBe(true);
    expect(mayMoveNote({ role: 'participant', userId: 'scribeA' }, bobs, 'a1', ctx)).toBe(true);
    expect(mayMoveNote({ role: 'facilitator', userId: '' }, bobs, 'a1', ctx)).toBe(true);
  });
});
