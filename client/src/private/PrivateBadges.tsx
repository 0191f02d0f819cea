import { useTranslation } from 'react-i18next';
import type { Note } from '../../../shared/board';
import { intersects, toScreen, visibleRect, type Viewport } from '../canvas/viewport';
import { usePrivateNotes } from './context';
import './strings';
import './private.css';

/**
 * 自分だけに表示 over each of this person's private notes on the canvas, drawn as DOM over the stage (as the
 * vote badges are), just above the note's top edge so it covers neither its text nor its neighbours.
 */
export function PrivateBadges({ notes, viewport, size }: { notes: readonly Note[]; viewport: Viewport; size: { width: number; height: number } }) {
  const { t } = useTranslation();
  const own = usePrivateNotes();
  if (own.ids.size === 0) return null;
  const visible = visibleRect(viewport, size, 0);
  const shown = notes.filter((n) => own.ids.has(n.id) && intersects(visible, n));
  return (
    <div className="private-badges" aria-hidden="true">
      {shown.map((n) => {
        const p = toScreen(viewport, { x: n.x, y: n.y });
        return (
          <span key={n.id} className="private-mark" style={{ left: p.x, top: p.y }} data-testid="private-mark" data-note-id={n.id}>
            {t('private.mark')}
          </span>
        );
      })}
    </div>
  );
}
