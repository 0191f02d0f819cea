import type * as Y from 'yjs';
import { canFacilitate, placeNotesByCategory, readBoard, setNoteCategory, type Section } from '../../../shared/board';
import {
  applyAutoGroup,
  confirmCategory,
  planAutoGroup,
  readGroupingRegions,
  restoreOriginalLayout,
  showCategoryArrangement,
  type GroupingResult,
  type RegionRect,
  type TrayRect,
} from '../../../shared/grouping';
import type { Action, ActionContext } from './action';
import { LOCAL_ORIGIN } from './origin';
import { byNoteDoc } from './privateDocs';
import { moveAndFile } from './notes';

const facilitating = (ctx: ActionContext) => canFacilitate(ctx.session.get().role ?? 'viewer');

/**
 * Facilitator only. Sorts every note into the three supports and shows the board arranged by category,
 * for everyone at once: one transaction with the local origin, so one Undo takes it all back. The notes stay
 * in their groups' columns (see shared/grouping/arrangement.ts); notes to confirm wait in the 要確認 tray.
 * Notes categorised by hand keep their category and teach the model first (planAutoGroup reads them).
 * `grouping` is the server's answer; without it the notes are grouped on this device.
 */
export const autoGroupAction: Action<{ grouping?: GroupingResult } | void, { categorised: number; placed: number; review: number; regions: RegionRect[] }> = {
  name: 'autoGroup',
  label: 'action.autoGroup',
  predicate: facilitating,
  perform({ doc }, args) {
    const grouping = args?.grouping;
    const plan = planAutoGroup(doc, grouping ? { grouping } : {});
    const result = applyAutoGroup(doc, plan, LOCAL_ORIGIN);
    return { ...result, regions: readGroupingRegions(doc) };
  },
};

/** Facilitator only. Everyone back to the worksheet arrangement (categories and category places kept); undoable. */
export const restoreLayoutAction: Action<void, number> = {
  name: 'restoreLayout',
  label: 'action.restoreLayout',
  predicate: facilitating,
  perform({ doc }) {
    return restoreOriginalLayout(doc, LOCAL_ORIGIN);
  },
};

/** Facilitator only. The category arrangement again, as it was left; undoable. */
export const showCategoriesAction: Action<void, boolean> = {
  name: 'showCategories',
  label: 'action.showCategories',
  predicate: facilitating,
  perform({ doc }) {
    return showCategoryArrangement(doc, LOCAL_ORIGIN);
  },
};

/** Facilitator only. A category chosen by hand: auto-grouping never overwrites it and learns from it. */
export const setCategoryAction: Action<{ ids: readonly string[]; category: string }> = {
  name: 'setCategory',
  label: 'action.setCategory',
  predicate: facilitating,
  perform({ doc }, { ids, category }) {
    doc.transact(() => {
      for (const id of ids) setNoteCategory(doc, id, category, 'manual', LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
  },
};

/** Facilitator only. A note in the 要確認 tray gets its category by hand and moves into that region; undoable. */
export const confirmCategoryAction: Action<{ id: string; category: string }, boolean> = {
  name: 'confirmCategory',
  label: 'action.confirmCategory',
  predicate: facilitating,
  perform({ doc }, { id, category }) {
    return confirmCategory(doc, id, category, LOCAL_ORIGIN);
  },
};

type Box = { x: number; y: number; w: number; h: number };
const holds = (r: Box, x: number, y: number): boolean => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

/** The category region whose rectangle holds a point, if any. */
export function regionAt(regions: readonly RegionRect[], x: number, y: number): RegionRect | null {
  return regions.find((r) => holds(r, x, y)) ?? null;
}

export interface DropArgs {
  moves: readonly { id: string; x: number; y: number }[];
  sizes: ReadonlyMap<string, { w: number; h: number }>;
  sections: readonly Section[];
  /** The category regions a drop there re-categorises into; empty for anyone but the facilitator. */
  regions: readonly RegionRect[];
  /**
   * Set while the board is arranged by category: the drop moves the note in that arrangement only (its column
   * stays), and a drop on the tray puts it back there.
   */
  byCategory?: { tray: TrayRect | Box | null };
  mayMove?: (noteId: string, toSectionId: string | null) => boolean;
}

/**
 * The drop of a drag: every moved note re-filed in the section under its centre, plus the facilitator's
 * correction: a note whose centre lands in another category's region takes that category by hand — in the
 * same transaction, so one Undo reverts both.
 */
export function dropNotes(doc: Y.Doc, { moves, sizes, sections, regions, byCategory, mayMove }: DropArgs): void {
  doc.transact(() => {
    const centreOf = (m: { id: string; x: number; y: number }) => {
      const s = sizes.get(m.id) ?? { w: 160, h: 120 };
      return { x: Math.round(m.x) + s.w / 2, y: Math.round(m.y) + s.h / 2 };
    };
    if (byCategory) {
      const tray = byCategory.tray;
      placeNotesByCategory(
        doc,
        moves.map((m) => {
          const c = centreOf(m);
          return { id: m.id, at: tray && holds(tray, c.x, c.y) ? null : { x: Math.round(m.x), y: Math.round(m.y) } };
        }),
        LOCAL_ORIGIN,
      );
    } else moveAndFile(doc, { moves, sizes, sections, mayMove });
    if (regions.length === 0) return;
    const current = new Map(readBoard(doc).notes.map((n) => [n.id, n]));
    for (const m of moves) {
      const n = current.get(m.id);
      if (!n) continue;
      const c = centreOf(m);
      const region = regionAt(regions, c.x, c.y);
      if (region && region.category !== n.category) setNoteCategory(doc, n.id, region.category, 'manual', LOCAL_ORIGIN);
    }
  }, LOCAL_ORIGIN);
}

/** What a drop means for this person on this screen: their permissions, and the category arrangement if shown. */
export function dropArgs(ctx: ActionContext, moves: DropArgs['moves']): DropArgs {
  const { view, perms, canvas } = ctx;
  const byCategory = canvas?.byCategory ?? null;
  const noteOf = (id: string) => view.notes.find((x) => x.id === id);
  // "Participants move only their own notes": a drag of another's note is dropped whole, in either arrangement.
  const movable = view.meta.ownNotesOnly ? moves.filter((m) => {
    const n = noteOf(m.id);
    return !n || perms.mayMove(n, n.sectionId);
  }) : moves;
  return {
    moves: movable,
    sizes: new Map(view.notes.map((n) => [n.id, { w: n.w, h: n.h }])),
    sections: view.sections,
    regions: facilitating(ctx) && byCategory ? byCategory.regions : [],
    mayMove: (id, to) => {
      const n = noteOf(id);
      return !n || perms.mayMove(n, to);
    },
    ...(byCategory ? { byCategory: { tray: byCategory.tray } } : {}),
  };
}

/** The drop of a drag on the canvas. */
export const dropNotesAction: Action<{ moves: DropArgs['moves'] }> = {
  name: 'dropNotes',
  label: 'action.dropNotes',
  predicate: (ctx) => ctx.perms.canWrite,
  perform(ctx, { moves }) {
    for (const [doc, mine] of byNoteDoc(ctx, moves)) dropNotes(doc, dropArgs(ctx, mine));
  },
};
