import { describe, expect, it } from 'vitest';
import type { Note, Section } from '../../../shared/board';
import { arrivedFromOthers, groupByCategory, groupBySection } from './listModel';

const section = (id: string, group: string, x: number): Section => ({ id, title: id, x, y: 0, w: 500, h: 500, group, kind: 'impression' });
const note = (id: string, sectionId: string | null, category = 'unsorted', authorId = 'u1'): Note => ({
  id,
  text: id,
  x: 0,
  y: 0,
  w: 160,
  h: 120,
  color: '#fff176',
  sectionId,
  author: '',
  authorId,
  createdAt: 1,
  category,
});

describe('list grouping', () => {
  const sections = [section('a1', 'A', 0), section('a2', 'A', 600), section('b1', 'B', 0)];

  it('groups notes by group, then section, keeping the order they were written in', () => {
    const notes = [note('n1', 'a2'), note('n2', 'a1'), note('n3', 'b1'), note('n4', 'a2')];
    const { groups, unfiled } = groupBySection(notes, sections);
    expect(groups.map((g) => [g.group, g.sections.map((s) => [s.section.id, s.notes.map((n) => n.id)])])).toEqual([
      ['A', [['a1', ['n2']], ['a2', ['n1', 'n4']]]],
      ['B', [['b1', ['n3']]]],
    ]);
    expect(unfiled).toEqual([]);
  });

  it('lists notes outside any section, or in a deleted one, separately so none is hidden', () => {
    const { groups, unfiled } = groupBySection([note('n1', null), note('n2', 's_gone'), note('n3', 'a1')], sections);
    expect(unfiled.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(groups.flatMap((g) => g.sections.flatMap((s) => s.notes.map((n) => n.id)))).toEqual(['n3']);
  });

  it('groups by the three supports first, then the board’s own categories', () => {
    const blocks = groupByCategory([note('n1', null, 'community'), note('n2', null, 'custom-x'), note('n3', null, 'consultation')]);
    expect(blocks.map((b) => [b.category, b.notes.map((n) => n.id)])).toEqual([
      ['consultation', ['n3']],
      ['participation', []],
      ['community', ['n1']],
      ['unsorted', []],
      ['custom-x', ['n2']],
    ]);
  });

  it('announces only notes that arrived from other people', () => {
    const notes = [note('old', null), note('mine', null, 'unsorted', 'me'), note('theirs', null, 'unsorted', 'you')];
    expect(arrivedFromOthers(new Set(['old']), notes, 'me').map((n) => n.id)).toEqual(['theirs']);
  });
});
