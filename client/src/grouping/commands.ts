import { readBoard, setNoteCategory, type Section } from '../../../shared/board';
import { applyAutoGroup, planAutoGroup, readGroupingRegions, restoreOriginalLayout, type RegionRect } from '../../../shared/grouping';
import { LOCAL_ORIGIN, moveNotesCommand, type Command } from '../actions';

/**
 * Facilitator only. Sorts every note into the three supports and lays the board out in labelled regions,
 * for everyone at once: one transaction with the local origin, so one Undo puts every note back.
 * Notes categorised by hand keep their category and teach the model first (planAutoGroup reads them).
 */
export const autoGroupCommand: Command<void, { categorised: number; moved: number; regions: RegionRect[] }> = {
  name: 'autoGroup',
  perform(doc) {
    const plan = planAutoGroup(doc);
    const result = applyAutoGroup(doc, plan, LOCAL_ORIGIN);
    return { ...result, regions: readGroupingRegions(doc) };
  },
};

/** Facilitator only. Notes back where they were before the first auto-group; undoable like any move. */
export const restoreLayoutCommand: Command<void, number> = {
  name: 'restoreLayout',
  perform(doc) {
    return restoreOriginalLayout(doc, LOCAL_ORIGIN);
  },
};

/** Facilitator only. A category chosen by hand: auto-grouping never overwrites it and learns from it. */
export const setCategoryCommand: Command<{ ids: readonly string[]; category: string }> = {
  name: 'setCategory',
  perform(doc, { ids, category }) {
    doc.transact(() => {
      for (const id of ids) setNoteCategory(doc, id, category, 'manual', LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
  },
};

/** The category region whose rectangle holds a point, if any. */
export function regionAt(regions: readonly RegionRect[], x: number, y: number): RegionRect | null {
  return regions.find((r) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) ?? null;
}

export interface DropArgs {
  moves: readonly { id: string; x: number; y: number }[];
  sizes: ReadonlyMap<string, { w: number; h: number }>;
  sections: readonly Section[];
  /** The category regions a drop there re-categorises into; empty for anyone but the facilitator. */
  regions: readonly RegionRect[];
  mayMove?: (noteId: string, toSectionId: string | null) => boolean;
}

/**
 * The drop of a drag, as moveNotesCommand, plus the facilitator's correction: a note whose centre lands in
 * another category's region takes that category by hand — in the same transaction, so one Undo reverts both.
 */
export const dropNotesCommand: Command<DropArgs> = {
  name: 'dropNotes',
  perform(doc, { moves, sizes, sections, regions, mayMove }) {
    doc.transact(() => {
      moveNotesCommand.perform(doc, { moves, sizes, sections, mayMove });
      if (regions.length === 0) return;
      const current = new Map(readBoard(doc).notes.map((n) => [n.id, n]));
      for (const m of moves) {
        const n = current.get(m.id);
        if (!n) continue;
        const region = regionAt(regions, n.x + n.w / 2, n.y + n.h / 2);
        if (region && region.category !== n.category) setNoteCategory(doc, n.id, region.category, 'manual', LOCAL_ORIGIN);
      }
    }, LOCAL_ORIGIN);
  },
};
