import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { hasReacted, noStamps, STAMP_EMOJI, STAMPS, type StampCounts } from '../../../shared/board';
import { toggleReactionAction, useDispatch } from '../actions';
import './strings';
import './reactions.css';

export interface ReactionButtonsProps {
  doc: Y.Doc;
  noteId: string;
  counts: StampCounts | undefined;
  /** Who gives stamps here; null (a viewer, or no identity yet): counts only. */
  userId: string | null;
  /** Big touch targets (the phone). */
  big?: boolean;
  /** Each toggle says its name beside the stamp (where there is room: the phone, the selected note on the canvas). */
  labelled?: boolean;
  className?: string;
}

/**
 * 👍 同感 · 💡 なるほど · ❓ 質問 on a note: one toggle each, pressed when this person gave it, with the count.
 * For someone who cannot react, only the stamps given so far.
 */
export function ReactionButtons({ doc, noteId, counts = noStamps(), userId, big = false, labelled = big, className = '' }: ReactionButtonsProps) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  if (!userId) {
    const given = STAMPS.filter((s) => counts[s] > 0);
    if (given.length === 0) return null;
    return (
      <span className={`reactions ${className}`} data-testid="reactions">
        {given.map((s) => (
          <span key={s} className="reaction-count" title={t(`reactions.${s}`)} aria-label={t('reactions.count', { stamp: t(`reactions.${s}`), count: counts[s] })}>
            {STAMP_EMOJI[s]} {counts[s]}
          </span>
        ))}
      </span>
    );
  }
  return (
    <span role="group" aria-label={t('reactions.group')} className={`reactions ${className}`} data-testid="reactions">
      {STAMPS.map((s) => {
        const mine = hasReacted(doc, noteId, s, userId);
        const label = t(`reactions.${s}`);
        return (
          <button
            key={s}
            type="button"
            className={`reaction${mine ? ' mine' : ''}${big ? ' big' : ''}`}
            aria-pressed={mine}
            aria-label={t(mine ? 'reactions.takeBack' : 'reactions.give', { stamp: label, count: counts[s] })}
            title={label}
            onClick={() => dispatch(toggleReactionAction, { noteId, stamp: s })}
            data-testid={`reaction-${s}`}
          >
            <span aria-hidden="true">{STAMP_EMOJI[s]}</span>
            {labelled && <span className="reaction-label">{label}</span>}
            <span className="reaction-n">{counts[s]}</span>
          </button>
        );
      })}
    </span>
  );
}
