import { useEffect, useRef } from 'react';

export interface Shortcuts {
  onDelete(): void;
  onEscape(): void;
  onUndo(): void;
  onRedo(): void;
  onSelectAll(): void;
  onEditSelected(): void;
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** Board keyboard shortcuts; all of them stand down while the user types in any field. */
export function useBoardShortcuts(enabled: boolean, s: Shortcuts) {
  const latest = useRef(s);
  useEffect(() => {
    latest.current = s;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.isComposing) return;
      // Enter on a focused button is that button's click, not "edit the selected note".
      if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a')) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = latest.current;
      if (e.key === 'Delete' || e.key === 'Backspace') k.onDelete();
      else if (e.key === 'Escape') k.onEscape();
      else if (e.key === 'Enter') k.onEditSelected();
      else if (mod && e.key.toLowerCase() === 'z') (e.shiftKey ? k.onRedo : k.onUndo)();
      else if (mod && e.key.toLowerCase() === 'y') k.onRedo();
      else if (mod && e.key.toLowerCase() === 'a') k.onSelectAll();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
