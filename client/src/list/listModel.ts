import { DEFAULT_CATEGORIES, type Note, type Section } from '../../../shared/board';

export interface SectionBlock {
  section: Section;
  notes: Note[];
}
export interface GroupBlock {
  /** '' for sections without a group (a blank board's own sections). */
  group: string;
  sections: SectionBlock[];
}
export interface BySection {
  groups: GroupBlock[];
  /** Notes in no section, or in a section that no longer exists. */
  unfiled: Note[];
}

/**
 * The board as a screen reader reads it: groups, their sections in worksheet order, and each section's
 * notes in the order they were written (stable while others drag notes around on the canvas).
 */
export function groupBySection(notes: readonly Note[], sections: readonly Section[]): BySection {
  const blocks = new Map<string, SectionBlock>(sections.map((s) => [s.id, { section: s, notes: [] }]));
  const unfiled: Note[] = [];
  for (const n of notes) {
    const block = n.sectionId === null ? undefined : blocks.get(n.sectionId);
    if (block) block.notes.push(n);
    else unfiled.push(n);
  }
  const groups: GroupBlock[] = [];
  for (const s of sections) {
    let g = groups.find((x) => x.group === s.group);
    if (!g) groups.push((g = { group: s.group, sections: [] }));
    g.sections.push(blocks.get(s.id)!);
  }
  return { groups, unfiled };
}

export interface CategoryBlock {
  category: string;
  notes: Note[];
}

/** The board by the three supports (and unsorted), then any category of the board's own taxonomy. */
export function groupByCategory(notes: readonly Note[]): CategoryBlock[] {
  const blocks = new Map<string, CategoryBlock>(DEFAULT_CATEGORIES.map((c) => [c, { category: c, notes: [] }]));
  for (const n of notes) {
    let b = blocks.get(n.category);
    if (!b) blocks.set(n.category, (b = { category: n.category, notes: [] }));
    b.notes.push(n);
  }
  return [...blocks.values()];
}

/** Notes that appeared since `seen` and were written by someone else: what the live region announces. */
export function arrivedFromOthers(seen: ReadonlySet<string>, notes: readonly Note[], userId: string | null): Note[] {
  return notes.filter((n) => !seen.has(n.id) && n.authorId !== userId);
}
