import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearReadiness, isReady, readinessByGroup, readNudge, readyPeople, setNudge, setReady } from './readiness';

describe('readiness', () => {
  it('marks and takes back one person’s "Done"; the facilitator clears everyone’s', () => {
    const doc = new Y.Doc();
    setReady(doc, 'alice', true, null, 10);
    setReady(doc, 'bob', true, null, 20);
    expect(isReady(doc, 'alice')).toBe(true);
    setReady(doc, 'alice', false);
    expect([...readyPeople(doc)]).toEqual([['bob', 20]]);
    clearReadiness(doc);
    expect(readyPeople(doc).size).toBe(0);
  });

  it('keeps the nudge’s own words, or none for the default', () => {
    const doc = new Y.Doc();
    expect(readNudge(doc)).toBeNull();
    setNudge(doc, { at: 5 });
    expect(readNudge(doc)).toEqual({ at: 5 });
    setNudge(doc, { at: 6, message: 'あと30秒です' });
    expect(readNudge(doc)).toEqual({ at: 6, message: 'あと30秒です' });
    expect(() => setNudge(doc, { at: 7, message: 'x'.repeat(101) })).toThrow();
  });

  const sections = [
    { id: 'a1', group: 'A' },
    { id: 'b1', group: 'B' },
  ];
  it('lists by group who wrote how many notes and who is done, leaving out the facilitator', () => {
    const groups = readinessByGroup({
      notes: [
        { authorId: 'alice', author: 'Alice', sectionId: 'a1', createdAt: 1 },
        { authorId: 'alice', author: 'Alice', sectionId: 'a1', createdAt: 3 },
        { authorId: 'bob', author: 'Bob', sectionId: 'b1', createdAt: 2 },
        { authorId: 'fac', author: 'F', sectionId: 'b1', createdAt: 0 },
      ],
      sections,
      ready: new Map([['bob', 9]]),
      present: [
        { id: 'carol', name: 'Carol', role: 'participant', group: 'A' },
        { id: 'proj', name: '', role: 'viewer' },
      ],
      anonymous: false,
      self: 'fac',
    });
    expect(groups.map((g) => [g.group, g.notes, g.done, g.people.map((p) => `${p.name}:${p.notes}:${p.done ? 'done' : 'writing'}`)])).toEqual([
      ['A', 2, 0, ['Alice:2:writing', 'Carol:0:writing']],
      ['B', 1, 1, ['Bob:1:done']],
    ]);
    expect(groups[0]!.people[1]!.here).toBe(true);
  });

  it('names nobody on an anonymous board and files a person by the group they joined', () => {
    const groups = readinessByGroup({
      notes: [{ authorId: 'alice', author: 'Alice', sectionId: 'b1', createdAt: 1 }],
      sections,
      ready: new Map(),
      present: [{ id: 'alice', name: 'Alice', role: 'participant', group: 'A' }],
      anonymous: true,
      self: null,
    });
    expect(groups).toEqual([{ group: 'A', notes: 1, done: 0, people: [{ userId: 'alice', name: '', group: 'A', notes: 1, done: false, here: true }] }]);
  });
});
