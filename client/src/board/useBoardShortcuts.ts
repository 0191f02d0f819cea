import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts';

export interface Shortcuts {
  onDelete(): void;
  onEscape(): void;
  onUndo(): void;
  onRedo(): void;
  onSelectAll(): void;
  onEditSelected(): void;
  onNewNote(): void;
  onHelp(): void;
  onZoomFit(): void;
  onZoom(factor: number): void;
  /** Arrow keys: nudge the selection, or pan the board when nothing is selected. */
  onArrow(dx: number, dy: number, big: boolean): void;
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** Inside a dialog or the list view every key belongs to the page, except the board's global shortcuts. */
const OWN_KEYS_AREA = '[role="dialog"], .list-view';
const GLOBAL: ReadonlySet<ShortcutAction['kind']> = new Set(['undo', 'redo', 'help']);
/** A focused button, link or radio uses Enter and the arrows itself. */
const CONTROL = 'button, a, [role="radio"]';
const CONTROL_KEYS: ReadonlySet<ShortcutAction['kind']> = new Set(['edit', 'arrow']);

function standsDown(action: ShortcutAction, target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(OWN_KEYS_AREA)) return !GLOBAL.has(action.kind);
  return CONTROL_KEYS.has(action.kind) && !!target.closest(CONTROL);
}

function run(a: ShortcutAction, k: Shortcuts): void {
  switch (a.kind) {
    case 'delete':
      return k.onDelete();
    case 'escape':
      return k.onEscape();
    case 'edit':
      return k.onEditSelected();
    case 'undo':
      return k.onUndo();
    case 'redo':
      return k.onRedo();
    case 'selectAll':
      return k.onSelectAll();
    case 'newNote':
      return k.onNewNote();
    case 'help':
      return k.onHelp();
    case 'zoomFit':
      return k.onZoomFit();
    case 'zoomIn':
      return k.onZoom(1.25);
    case 'zoomOut':
      return k.onZoom(0.8);
    case 'arrow':
      return k.onArrow(a.dx, a.dy, a.big);
  }
}

/** Board keyboard shortcuts (listed in the help overlay); all of them stand down while the user types in any field. */
export function useBoardShortcuts(enabled: boolean, s: Shortcuts) {
  const latest = useRef(s);
  useEffect(() => {
    latest.current = s;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.isComposing || e.defaultPrevented) return;
      const action = shortcutFor(e);
      if (!action || standsDown(action, e.target)) return;
      e.preventDefault();
      run(action, latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
