import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../shared/board';
import type { GroupingReason } from '../../../shared/grouping';
import { toScreen, type Viewport } from '../canvas/viewport';
import { NOTE_FOOTER } from '../canvas/style';
import { categoryStyle, regionTitle } from './categories';
import type { WhyState } from './useGrouping';

const WIDTH = 260;

export interface CategoryWhyProps {
  why: WhyState | null;
  notes: readonly Note[];
  reasons: Record<string, GroupingReason>;
  viewport: Viewport;
  size: { width: number; height: number };
  onClose(): void;
}

/** Why a note sits in its category: who decided, how sure the model was, the words that decided it, its topic. */
export function CategoryWhy({ why, notes, reasons, viewport, size, onClose }: CategoryWhyProps) {
  const { t } = useTranslation();
  const pinned = why?.pinned ?? false;
  useEffect(() => {
    if (!pinned) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pinned, onClose]);
  const note = why ? notes.find((n) => n.id === why.noteId) : undefined;
  if (!why || !note) return null;
  const manual = note.categorySource === 'manual';
  const reason = reasons[note.id];
  const words = manual ? [] : (reason?.reasons ?? []).filter((r) => r !== 'manual');
  const title = regionTitle(note.category);
  const anchor = toScreen(viewport, { x: note.x + note.w, y: note.y + note.h - NOTE_FOOTER / 2 });
  const left = Math.max(8, Math.min(anchor.x - WIDTH + 24, size.width - WIDTH - 8));
  // Below the badge, or above it (growing upwards) when the lower part of the stage has no room.
  const above = anchor.y + 12 + 180 > size.height;
  const top = above ? anchor.y - 12 : anchor.y + 12;
  return (
    <div
      className={`category-why${why.pinned ? ' pinned' : ''}`}
      role="tooltip"
      data-testid="category-why"
      data-note={note.id}
      style={{ left, top, width: WIDTH, borderColor: categoryStyle(note.category).strong, transform: above ? 'translateY(-100%)' : undefined }}
    >
      <div className="category-why-head">
        <strong style={{ color: categoryStyle(note.category).strong }}>{title.ja}</strong>
        <span lang="en">{title.en}</span>
        {why.pinned && (
          <button type="button" className="category-why-close" onClick={onClose} aria-label={t('grouping.why.close')}>
            ×
          </button>
        )}
      </div>
      <p className="category-why-source">
        {manual ? t('grouping.why.manual') : t('grouping.why.auto')}
        {!manual && reason && <> · {t('grouping.why.confidence', { percent: Math.round(reason.confidence * 100) })}</>}
      </p>
      {words.length > 0 && (
        <p>
          <span className="category-why-label">{t('grouping.why.reasons')}:</span> {words.map((w, i) => <mark key={i}>{w}</mark>)}
        </p>
      )}
      {!manual && reason?.clusterLabel && (
        <p>
          <span className="category-why-label">{t('grouping.why.topic')}:</span> {reason.clusterLabel}
        </p>
      )}
      {!manual && !reason && <p className="category-why-source">{t('grouping.why.none')}</p>}
    </div>
  );
}
