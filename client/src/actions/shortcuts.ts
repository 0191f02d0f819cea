import { useEffect } from 'react';
import type { AnyAction } from './action';
import type { KeyInput } from './keys';
import { ACTIONS } from './registry';

/** What a key press means on the board: the first action of the registry whose keyTest takes it, with its args. */
export function shortcutFor(e: KeyInput, actions: readonly AnyAction[] = ACTIONS): { action: AnyAction; args: unknown } | null {
  const action = actions.find((a) => a.keyTest?.(e));
  return action ? { action, args: action.keyArgs?.(e) } : null;
}

/** The part of a key press's target the shortcuts look at (an Element is one). */
type Target = { tagName?: string; isContentEditable?: boolean; closest?(selector: string): unknown };

/** A field the person types in (or an IME composes in): every key is theirs. */
export const isTyping = (target: EventTarget | null): boolean => {
  const t = target as Target | null;
  return !!t && (t.isContentEditable === true || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName ?? ''));
};

/** Inside a dialog or the list view every key belongs to the page, except the shortcuts that work everywhere. */
const OWN_KEYS_AREA = '[role="dialog"], .list-view';
/** A focused button, link or radio uses Enter and the arrows itself. */
const CONTROL = 'button, a, [role="radio"]';

function standsDown(action: AnyAction, target: EventTarget | null): boolean {
  const t = target as Target | null;
  if (typeof t?.closest !== 'function') return false;
  if (t.closest(OWN_KEYS_AREA)) return action.keyScope !== 'everywhere';
  return !!action.keyYieldsToControls && !!t.closest(CONTROL);
}

type KeyEvent = KeyInput & Pick<KeyboardEvent, 'target' | 'isComposing' | 'defaultPrevented' | 'preventDefault'>;

/**
 * The action a key press on the page runs, or null: none while the person types in a field or an IME
 * composes, none for a key a dialog, the list view or a focused control keeps.
 */
export function shortcutOfEvent(e: KeyEvent, actions: readonly AnyAction[] = ACTIONS): { action: AnyAction; args: unknown } | null {
  if (isTyping(e.target) || e.isComposing || e.defaultPrevented) return null;
  const hit = shortcutFor(e, actions);
  return hit && !standsDown(hit.action, e.target) ? hit : null;
}

/** The board's keyboard shortcuts (listed in the help overlay), each one dispatching its action. */
export function useShortcuts(enabled: boolean, run: (action: AnyAction, args: unknown) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const hit = shortcutOfEvent(e);
      if (!hit) return;
      e.preventDefault();
      run(hit.action, hit.args);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, run]);
}
