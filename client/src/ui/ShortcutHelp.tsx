import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Every board shortcut, in the order a newcomer needs them; the keys themselves are the actions' keyTest (actions/canvas.ts). */
const ROWS = [
  ['N', 'newNote'],
  ['Enter', 'edit'],
  ['Esc', 'escape'],
  ['Delete / Backspace', 'delete'],
  ['← ↑ → ↓', 'arrows'],
  ['Shift + ← ↑ → ↓', 'arrowsBig'],
  ['Ctrl (⌘) + Z', 'undo'],
  ['Ctrl (⌘) + Shift + Z / Ctrl + Y', 'redo'],
  ['Ctrl (⌘) + A', 'selectAll'],
  ['spaceDrag', 'pan'],
  ['wheel', 'wheel'],
  ['Ctrl (⌘) + wheel', 'wheelZoom'],
  ['+ / −', 'zoom'],
  ['F / Shift + 1', 'fit'],
  ['?', 'help'],
] as const;

const LOCALISED_KEYS = new Set(['spaceDrag', 'wheel', 'Ctrl (⌘) + wheel']);

/** The "?" overlay: a modal dialog that takes focus, closes with Escape, and gives focus back. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="shortcut-help-title">{t('shortcuts.title')}</h2>
        <table>
          <tbody>
            {ROWS.map(([key, what]) => (
              <tr key={what}>
                <th scope="row">
                  <kbd>{LOCALISED_KEYS.has(key) ? t(`shortcuts.key.${what}`) : key}</kbd>
                </th>
                <td>{t(`shortcuts.${what}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('shortcuts.typingNote')}</p>
        <div className="modal-actions">
          <button ref={closeButton} type="button" className="btn primary" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
