import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, readBoard } from '../../../shared/board';
import { contextFor, dispatch, type AnyAction, type CanvasHost } from './index';
import { shortcutFor, shortcutOfEvent } from './shortcuts';

const press = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const nameOf = (k: string, mods?: Parameters<typeof press>[1]) => shortcutFor(press(k, mods))?.action.name ?? null;

/** Where a key press happens: the tag of the focused element and the areas it sits in. */
function target(tagName: string, within: string[] = []) {
  return { tagName, isContentEditable: false, closest: (selector: string) => (selector.split(', ').some((s) => within.includes(s)) ? {} : null) };
}
const event = (k: string, on: ReturnType<typeof target>, extra: Partial<{ isComposing: boolean; shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
  ...press(k),
  target: on as unknown as EventTarget,
  isComposing: false,
  defaultPrevented: false,
  preventDefault() {},
  ...extra,
});

describe('the shortcut table', () => {
  it('maps the keys people expect to their actions', () => {
    expect(nameOf('n')).toBe('addNoteInView');
    expect(nameOf('N', { shiftKey: true })).toBe('addNoteInView');
    expect(nameOf('z', { ctrlKey: true })).toBe('undo');
    expect(nameOf('Z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(nameOf('y', { ctrlKey: true })).toBe('redo');
    expect(nameOf('a', { ctrlKey: true })).toBe('selectAll');
    expect(nameOf('?', { shiftKey: true })).toBe('toggleHelp');
    expect(nameOf('f')).toBe('zoomToFit');
    expect(nameOf('!', { shiftKey: true })).toBe('zoomToFit');
    expect(nameOf(';')).toBe('zoomIn');
    expect(nameOf('-')).toBe('zoomOut');
    expect(nameOf('Delete')).toBe('deleteSelected');
    expect(nameOf('Backspace')).toBe('deleteSelected');
    expect(nameOf('Enter')).toBe('editSelected');
    expect(nameOf('Escape')).toBe('clearSelection');
    expect(shortcutFor(press('ArrowLeft'))).toMatchObject({ action: { name: 'arrow' }, args: { dx: -1, dy: 0, big: false } });
    expect(shortcutFor(press('ArrowDown', { shiftKey: true }))).toMatchObject({ action: { name: 'arrow' }, args: { dx: 0, dy: 1, big: true } });
  });

  it('leaves the browser’s own shortcuts alone', () => {
    expect(nameOf('n', { ctrlKey: true })).toBeNull(); // new window
    expect(nameOf('f', { ctrlKey: true })).toBeNull(); // find in page
    expect(nameOf('ArrowLeft', { altKey: true })).toBeNull(); // back
    expect(nameOf('Process')).toBeNull(); // a key the IME is handling
  });

  it('is ignored while the person types in a textarea or an input, or an IME composes', () => {
    const board = target('DIV');
    expect(shortcutOfEvent(event('n', board))?.action.name).toBe('addNoteInView');
    expect(shortcutOfEvent(event('n', target('TEXTAREA')))).toBeNull();
    expect(shortcutOfEvent(event('Delete', target('INPUT')))).toBeNull();
    expect(shortcutOfEvent(event('z', target('TEXTAREA'), { ctrlKey: true }))).toBeNull();
    expect(shortcutOfEvent(event('Enter', board, { isComposing: true }))).toBeNull();
  });

  it('leaves a dialog and the list view their keys, except undo, redo and help; a focused button keeps Enter and the arrows', () => {
    const inList = target('LI', ['.list-view']);
    expect(shortcutOfEvent(event('Delete', inList))).toBeNull();
    expect(shortcutOfEvent(event('n', target('DIV', ['[role="dialog"]'])))).toBeNull();
    expect(shortcutOfEvent(event('z', inList, { ctrlKey: true }))?.action.name).toBe('undo');
    expect(shortcutOfEvent(event('?', inList, { shiftKey: true }))?.action.name).toBe('toggleHelp');
    const button = target('BUTTON', ['button']);
    expect(shortcutOfEvent(event('Enter', button))).toBeNull();
    expect(shortcutOfEvent(event('ArrowLeft', button))).toBeNull();
    expect(shortcutOfEvent(event('n', button))?.action.name).toBe('addNoteInView');
  });
});

describe('a shortcut dispatches its action', () => {
  function screen() {
    const panned: [number, number][] = [];
    const canvas: CanvasHost = { centre: () => ({ x: 500, y: 500 }), showOnScreen() {}, zoomToFit() {}, zoomBy() {}, panBy: (dx, dy) => panned.push([dx, dy]), byCategory: null, projecting: false };
    return { canvas, panned };
  }
  const run = (ctx: ReturnType<typeof contextFor>, k: string, mods?: Parameters<typeof press>[1]) => {
    const hit = shortcutFor(press(k, mods))!;
    return dispatch(ctx, hit.action as AnyAction, hit.args);
  };

  it('N writes a note and opens it, the arrows nudge it, Delete removes it; with nothing selected the arrows pan', () => {
    const doc = new Y.Doc();
    const { canvas, panned } = screen();
    const ctx = () => contextFor(doc, session, { canvas });
    const session = contextFor(doc, { userId: 'me', role: 'participant' }).session;
    const id = run(ctx(), 'n') as string;
    expect(readBoard(doc).notes.map((n) => n.id)).toEqual([id]);
    expect(session.get()).toMatchObject({ editingId: id, selection: new Set([id]) });
    const before = readBoard(doc).notes[0]!;
    run(ctx(), 'ArrowRight', { shiftKey: true });
    expect(readBoard(doc).notes[0]).toMatchObject({ x: before.x + 50, y: before.y });
    run(ctx(), 'Delete');
    expect(readBoard(doc).notes).toEqual([]);
    run(ctx(), 'ArrowUp');
    expect(panned).toEqual([[0, 80]]);
  });

  it('Delete keeps others’ notes (and keeps them selected); the list view turns the canvas keys off', () => {
    const doc = new Y.Doc();
    const theirs = addNote(doc, { text: '他の人', x: 0, y: 0, authorId: 'other' }, 'remote');
    const { canvas } = screen();
    const base = contextFor(doc, { userId: 'me', role: 'participant', selection: new Set([theirs]) }, { canvas });
    run(base, 'Delete');
    expect(readBoard(doc).notes.map((n) => n.id)).toEqual([theirs]);
    expect(base.session.get().selection).toEqual(new Set([theirs]));
    base.session.set({ listView: true, selection: new Set() });
    run(contextFor(doc, base.session, { canvas }), 'a', { ctrlKey: true });
    expect(base.session.get().selection.size).toBe(0);
    expect(run(contextFor(doc, base.session, { canvas }), 'n')).toBeUndefined();
    expect(readBoard(doc).notes).toHaveLength(1);
  });
});
