import { describe, expect, it } from 'vitest';
import { groupNotes } from './group';
import { layoutGroups } from './layout';
import type { GroupingNote } from './types';

describe('manual categories and learning from corrections', () => {
  it('never changes a note whose category was set by hand', () => {
    const notes: GroupingNote[] = [
      { id: 'm1', text: '相談窓口を一本化する', category: 'community', categorySource: 'manual' },
      { id: 'm2', text: '社会福祉法の改正', category: 'participation', categorySource: 'manual' },
      { id: 'a1', text: '相談窓口がわからない', category: 'community', categorySource: 'auto' },
    ];
    const r = groupNotes(notes);
    expect(r.notes[0]).toMatchObject({ id: 'm1', category: 'community', manual: true, confidence: 1 });
    expect(r.notes[1]).toMatchObject({ id: 'm2', category: 'participation', manual: true });
    expect(r.notes[2]!.manual).toBe(false);
  });

  it("a facilitator's correction changes the next run's answer for a similar note", () => {
    const target = { id: 't', text: '移動販売の車が来なくなって困っている' };
    const before = groupNotes([target]).notes[0]!;
    expect(before.category).not.toBe('community');
    const after = groupNotes([{ id: 'c', text: '移動販売の車が来る日に集まって話す', category: 'community', categorySource: 'manual' }, target]).notes[1]!;
    expect(after.category).toBe('community');
    expect(after.reasons.join(' ')).toContain('移動販売');
  });

  it('corrections passed as examples teach the model too', () => {
    const text = 'フードバンクの食品を届ける';
    expect(groupNotes([{ id: 'x', text }]).notes[0]!.category).not.toBe('participation');
    const r = groupNotes([{ id: 'x', text }], { corrections: [{ text: 'フードバンクの食品を届けるアルバイト', category: 'participation' }] });
    expect(r.notes[0]!.category).toBe('participation');
  });
});

describe('topic clusters', () => {
  const notes: GroupingNote[] = [
    ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, text: `高齢者サロンの運営を手伝うボランティアが足りない${'、'.repeat(i % 3)}（${i}）` })),
    { id: 'f1', text: '夏祭りで子どもと高齢者が交流できた' },
    { id: 'f2', text: '秋祭りを町内会で続けたい' },
    { id: 'f3', text: '福祉まつりで地域の人と交流' },
    { id: 'lone', text: '回覧板でお知らせを回す' },
  ];
  const r = groupNotes(notes);

  it('caps a cluster at 8 notes', () => {
    expect(r.clusters.length).toBeGreaterThan(0);
    for (const c of r.clusters) expect(c.noteIds.length).toBeLessThanOrEqual(8);
    const sizes = r.clusters.filter((c) => c.noteIds.some((id) => id.startsWith('s'))).map((c) => c.noteIds.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(16);
  });

  it('labels a cluster with words that occur in its notes', () => {
    const textOf = new Map(notes.map((n) => [n.id, n.text]));
    for (const c of r.clusters) {
      expect(c.label.length).toBeGreaterThan(0);
      for (const word of c.label.split('・')) {
        expect(c.noteIds.some((id) => textOf.get(id)!.includes(word))).toBe(true);
      }
    }
    const festival = r.clusters.find((c) => c.noteIds.includes('f1'));
    expect(festival?.noteIds).toEqual(expect.arrayContaining(['f1', 'f3']));
  });

  it('leaves a note with no close neighbour on its own', () => {
    expect(r.clusterOf.lone).toBeNull();
    expect(r.clusters.every((c) => c.noteIds.length >= 2)).toBe(true);
  });

  it('answers in input order, one entry per note', () => {
    expect(r.notes.map((n) => n.id)).toEqual(notes.map((n) => n.id));
  });
});

describe('layout', () => {
  const notes = [
    { id: 'a', text: '相談窓口がほしい', w: 160, h: 120 },
    { id: 'b', text: '相談窓口の場所がわからない', w: 160, h: 120 },
    { id: 'c', text: '障がい者の就労の場', w: 200, h: 150 },
    { id: 'd', text: '近所の見守り', w: 160, h: 120 },
    { id: 'e', text: '', w: 160, h: 120 },
    { id: 'f', text: '近所で見守り合う', w: 160, h: 120, category: 'participation', categorySource: 'manual' as const },
  ];
  const g = groupNotes(notes);
  const L = layoutGroups(notes, g, { origin: { x: 100, y: 50 } });
  const regionOf = (cat: string) => L.regions.find((r) => r.category === cat)!;
  const pos = new Map(L.positions.map((p) => [p.id, p]));

  it('draws one labelled region per category, side by side without overlap', () => {
    expect(L.regions.map((r) => r.category)).toEqual(['consultation', 'participation', 'community', 'unsorted']);
    expect(regionOf('consultation').label).toBe('相談支援 (Consultation)');
    for (let i = 1; i < L.regions.length; i++) {
      expect(L.regions[i]!.x).toBeGreaterThanOrEqual(L.regions[i - 1]!.x + L.regions[i - 1]!.w);
      expect(L.regions[i]!.y).toBe(50);
    }
  });

  it('puts every note inside its category region, without overlapping another note', () => {
    expect(L.positions).toHaveLength(notes.length);
    const cat = new Map(g.notes.map((n) => [n.id, n.category]));
    for (const n of notes) {
      const p = pos.get(n.id)!;
      const r = regionOf(cat.get(n.id)!);
      expect(p.x).toBeGreaterThanOrEqual(r.x);
      expect(p.x + n.w).toBeLessThanOrEqual(r.x + r.w);
      expect(p.y).toBeGreaterThanOrEqual(r.y);
      expect(p.y + n.h).toBeLessThanOrEqual(r.y + r.h);
    }
    expect(cat.get('f')).toBe('participation');
    for (const a of notes) {
      for (const b of notes) {
        if (a.id >= b.id) continue;
        const pa = pos.get(a.id)!;
        const pb = pos.get(b.id)!;
        const overlap = pa.x < pb.x + b.w && pb.x < pa.x + a.w && pa.y < pb.y + b.h && pb.y < pa.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('stacks a cluster under its label inside the region', () => {
    const c = g.clusters.find((x) => x.noteIds.includes('a'));
    expect(c?.noteIds).toEqual(expect.arrayContaining(['a', 'b']));
    const rect = regionOf('consultation').clusters.find((x) => x.id === c!.id)!;
    expect(rect.label).toBe(c!.label);
    for (const id of c!.noteIds) expect(pos.get(id)!.y).toBeGreaterThan(rect.y);
  });
});
