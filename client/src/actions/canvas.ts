import { notesOf, readBoard, readNote } from '../../../shared/board';
import { nudgeMoves, PAN_STEP, PAN_STEP_BIG, selectedPositions } from '../board/shortcuts';
import { saveDisplayName } from '../board/storage';
import { rememberListView } from '../list/preference';
import type { Action, ActionContext } from './action';
import { dropNotes, dropArgs } from './grouping';
import { ARROWS, keyOf, modKey, plainKey } from './keys';
import { addNoteAction, deleteNotesAction } from './notes';
import { byNoteDoc, noteDoc } from './privateDocs';
import type { Point } from '../canvas/viewport';

/** Canvas shortcuts stand down in the list view, which has its own controls for all of them. */
const onCanvas = (ctx: ActionContext) => !!ctx.canvas && !ctx.session.get().listView;
/** Notes can be moved and added here: this person writes, and the screen is not a projector. */
const movable = (ctx: ActionContext) => onCanvas(ctx) && ctx.perms.canWrite && !ctx.canvas!.projecting;
const selected = (ctx: ActionContext) => {
  const live = new Set(ctx.view.notes.map((n) => n.id));
  return [...ctx.session.get().selection].filter((id) => live.has(id));
};

/** A new note becomes the selection, with its editor open. */
const startEditing = (ctx: ActionContext, id: string) => ctx.session.set({ selection: new Set([id]), editingId: id });

/** A double-click on empty board: a note there (arranged by category, its worksheet place in the writer's column). */
export const addNoteAtAction: Action<{ at: Point }, string | undefined> = {
  name: 'addNoteAt',
  label: 'action.addNote',
  predicate: (ctx) => !!ctx.canvas && addNoteAction.predicate!(ctx, {}),
  perform(ctx, { at }) {
    const id = addNoteAction.perform(ctx, { at, byCategory: !!ctx.canvas!.byCategory });
    startEditing(ctx, id);
    return id;
  },
};

/** Add note (the toolbar button, N): in the writer's group's column nearest the middle of the screen, shown on screen. */
export const addNoteInViewAction: Action<void, string | undefined> = {
  name: 'addNoteInView',
  label: 'action.addNote',
  keyTest: plainKey('n'),
  predicate: (ctx) => movable(ctx) && addNoteAction.predicate!(ctx, {}),
  perform(ctx) {
    const canvas = ctx.canvas!;
    const id = addNoteAction.perform(ctx, { near: canvas.centre(), byCategory: !!canvas.byCategory });
    const added = canvas.byCategory ? undefined : readBoard(ctx.doc).notes.find((n) => n.id === id);
    if (added) canvas.showOnScreen(added);
    startEditing(ctx, id);
    return id;
  },
};

/** Delete: the selected notes this person may delete; others' notes in the selection stay selected. */
export const deleteSelectedAction: Action = {
  name: 'deleteSelected',
  label: 'action.deleteSelected',
  keyTest: plainKey('Delete', 'Backspace'),
  predicate: onCanvas,
  perform(ctx) {
    const ids = selected(ctx);
    const notes = new Map(ctx.view.notes.map((n) => [n.id, n]));
    const mine = ids.filter((id) => ctx.perms.mayEdit(notes.get(id)!));
    deleteNotesAction.perform(ctx, { ids: mine });
    ctx.session.set({ selection: new Set(ids.filter((id) => !mine.includes(id))) });
  },
};

export const clearSelectionAction: Action = {
  name: 'clearSelection',
  label: 'action.clearSelection',
  keyTest: plainKey('Escape'),
  perform: (ctx) => ctx.session.set({ selection: new Set() }),
};

export const selectAllAction: Action = {
  name: 'selectAll',
  label: 'action.selectAll',
  keyTest: modKey('a'),
  predicate: onCanvas,
  perform: (ctx) => ctx.session.set({ selection: new Set(ctx.view.notes.map((n) => n.id)) }),
};

/** Enter: edits the one selected note, if this person may. */
export const editSelectedAction: Action = {
  name: 'editSelected',
  label: 'action.editSelected',
  keyTest: plainKey('Enter'),
  keyYieldsToControls: true,
  predicate: (ctx) => onCanvas(ctx) && selected(ctx).length === 1,
  perform(ctx) {
    editNoteAction.perform(ctx, { id: selected(ctx)[0]! });
  },
};

/** Opens a note's editor on the canvas, if this person may edit it. */
export const editNoteAction: Action<{ id: string }> = {
  name: 'editNote',
  label: 'action.editSelected',
  perform(ctx, { id }) {
    const n = ctx.view.notes.find((x) => x.id === id);
    if (n && ctx.perms.mayEdit(n)) ctx.session.set({ editingId: id });
  },
};

export const undoAction: Action = {
  name: 'undo',
  label: 'action.undo',
  keyTest: (e) => modKey('z')(e) && !e.shiftKey,
  keyScope: 'everywhere',
  predicate: (ctx) => ctx.perms.canWrite && !!ctx.undo,
  perform: (ctx) => ctx.undo!.undo(),
};

export const redoAction: Action = {
  name: 'redo',
  label: 'action.redo',
  keyTest: (e) => (modKey('z')(e) && e.shiftKey) || modKey('y')(e),
  keyScope: 'everywhere',
  predicate: (ctx) => ctx.perms.canWrite && !!ctx.undo,
  perform: (ctx) => ctx.undo!.redo(),
};

export const toggleHelpAction: Action = {
  name: 'toggleHelp',
  label: 'action.toggleHelp',
  keyTest: plainKey('?'),
  keyScope: 'everywhere',
  perform: (ctx) => ctx.session.set((s) => ({ helpOpen: !s.helpOpen })),
};

export const zoomToFitAction: Action = {
  name: 'zoomToFit',
  label: 'action.zoomToFit',
  // Shift+1 on US and JIS keyboards, as in other whiteboard apps.
  keyTest: plainKey('f', '!'),
  predicate: onCanvas,
  perform: (ctx) => ctx.canvas!.zoomToFit(),
};

export const zoomInAction: Action = {
  name: 'zoomIn',
  label: 'action.zoomIn',
  // ";" is the JIS keyboard's "+" key without Shift.
  keyTest: plainKey('+', '=', ';'),
  predicate: onCanvas,
  perform: (ctx) => ctx.canvas!.zoomBy(1.25),
};

export const zoomOutAction: Action = {
  name: 'zoomOut',
  label: 'action.zoomOut',
  keyTest: plainKey('-'),
  predicate: onCanvas,
  perform: (ctx) => ctx.canvas!.zoomBy(0.8),
};

/** The arrows nudge the selection (one write per press, filed like a drop), or pan the board when nothing is selected. */
export const arrowAction: Action<{ dx: number; dy: number; big: boolean }> = {
  name: 'arrow',
  label: 'action.arrow',
  keyTest: (e) => !e.ctrlKey && !e.metaKey && !e.altKey && keyOf(e) in ARROWS,
  keyArgs: (e) => {
    const [dx, dy] = ARROWS[keyOf(e)]!;
    return { dx, dy, big: e.shiftKey };
  },
  keyYieldsToControls: true,
  predicate: onCanvas,
  perform(ctx, { dx, dy, big }) {
    const selection = new Set(selected(ctx));
    if (movable(ctx) && selection.size > 0) {
      const byCategory = ctx.canvas!.byCategory;
      // Read from the docs, not the last render: key repeats come faster than a slow laptop draws. A private
      // note is read from, and moved in, the doc it lives in.
      const live = (id: string) => {
        const r = readNote(id, notesOf(noteDoc(ctx, id)).get(id));
        return r.ok ? r.note : null;
      };
      const moves = nudgeMoves(selectedPositions(live, selection, byCategory ? byCategory.notes : null), selection, dx, dy, big);
      for (const [doc, mine] of byNoteDoc(ctx, moves)) dropNotes(doc, dropArgs(ctx, mine));
    } else {
      const step = big ? PAN_STEP_BIG : PAN_STEP;
      ctx.canvas!.panBy(-dx * step || 0, -dy * step || 0);
    }
  },
};

/** The list view instead of the canvas, or back; remembered on this device. */
export const showListAction: Action<{ on: boolean; focus?: boolean }> = {
  name: 'showList',
  label: 'action.showList',
  perform(ctx, { on, focus = false }) {
    ctx.session.set({ listView: on, editingId: null, ...(focus ? { focusList: true } : {}) });
    rememberListView(on);
  },
};

/** The name this person's notes and cursor carry, kept on this device (an anonymous board still writes none). */
export const setNameAction: Action<{ name: string }> = {
  name: 'setName',
  label: 'action.setName',
  perform(ctx, { name }) {
    saveDisplayName(name);
    ctx.session.set({ name, askName: false });
  },
};
