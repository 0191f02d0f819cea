import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '../../../shared/grouping';
import { DEFAULT_CATEGORY_IDS } from './categories';

/** One key per category on the focused note: 1 相談支援, 2 参加支援, 3 地域づくり, 0 未分類; Enter takes the proposal. */
export const REVIEW_KEYS: Record<string, string> = { '1': 'consultation', '2': 'participation', '3': 'community', '0': 'unsorted' };
const KEY_OF: Record<string, string> = Object.fromEntries(Object.entries(REVIEW_KEYS).map(([k, c]) => [c, k]));

export interface ReviewPanelProps {
  items: readonly ReviewItem[];
  label(category: string): string;
  onAssign(id: string, category: string): void;
  onClose(): void;
  /** Where the board's corrections download from (labelled lines for the organisation's model). */
  correctionsHref: string | null;
}

/**
 * The 要確認 tray as a list the facilitator clears by tap or by keyboard: each note shows the proposal and its
 * confidence; a key or a button assigns the category and focus moves on to the next note.
 */
export function ReviewPanel(p: ReviewPanelProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  // Answered here but not yet back from the doc: hidden at once, so fast typing never answers a note twice.
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(p.items[0]?.id ?? null);
  const visible = p.items.filter((i) => !answered.has(i.id));

  useEffect(() => {
    const present = new Set(p.items.map((i) => i.id));
    setAnswered((prev) => (prev.size && [...prev].some((id) => !present.has(id)) ? new Set([...prev].filter((id) => present.has(id))) : prev));
  }, [p.items]);

  useEffect(() => {
    if (!focusId) return;
    const el = list.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(focusId)}"]`);
    if (el && document.activeElement !== el && !el.contains(document.activeElement)) el.focus();
  }, [focusId, visible.length]);

  const assign = (id: string, category: string) => {
    const at = visible.findIndex((i) => i.id === id);
    const next = visible[at + 1] ?? visible[at - 1] ?? null;
    setAnswered((prev) => new Set([...prev, id]));
    setFocusId(next?.id ?? null);
    p.onAssign(id, category);
  };

  const onKey = (e: KeyboardEvent<HTMLLIElement>, item: ReviewItem, index: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const category = REVIEW_KEYS[e.key] ?? (e.key === 'Enter' && e.target === e.currentTarget ? item.suggested : undefined);
    if (category) {
      e.preventDefault();
      e.stopPropagation();
      assign(item.id, category);
      return;
    }
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (move) {
      e.preventDefault();
      const to = visible[index + move];
      if (to) setFocusId(to.id);
    } else if (e.key === 'Escape') p.onClose();
  };

  // On the page itself: the toolbar it is opened from clips and transforms what it holds.
  return createPortal(
    <section className="review-panel" aria-labelledby="review-title" data-testid="review-panel">
      <header>
        <h2 id="review-title">
          {t('grouping.tray.title')} <span data-testid="review-count">{visible.length}</span>
        </h2>
        <button type="button" className="btn subtle" onClick={p.onClose} data-testid="review-close">
          {t('grouping.why.close')}
        </button>
      </header>
      <p className="review-keys">{t('grouping.review.keys')}</p>
      {visible.length === 0 ? (
        <p data-testid="review-done">{t('grouping.review.done')}</p>
      ) : (
        <ol ref={list}>
          {visible.map((item, i) => (
            <li
              key={item.id}
              data-id={item.id}
              data-testid="review-item"
              tabIndex={0}
              aria-label={t('grouping.review.item', { text: item.text, category: p.label(item.suggested), percent: Math.round(item.confidence * 100) })}
              onKeyDown={(e) => onKey(e, item, i)}
              onFocus={() => setFocusId(item.id)}
            >
              <span className="review-text">{item.text}</span>
              <span className="review-proposal">
                {t('grouping.review.proposal', { category: p.label(item.suggested), percent: Math.round(item.confidence * 100) })}
                {item.reasons.length > 0 && ` · ${item.reasons.join('、')}`}
              </span>
              <span className="review-buttons" role="group" aria-label={t('grouping.category')}>
                {DEFAULT_CATEGORY_IDS.map((c) => (
                  <button key={c} type="button" tabIndex={-1} className={c === item.suggested ? 'btn suggested' : 'btn subtle'} onClick={() => assign(item.id, c)} data-category={c}>
                    <kbd>{KEY_OF[c]}</kbd> {p.label(c)}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ol>
      )}
      {p.correctionsHref && (
        <a className="review-corrections" href={p.correctionsHref} download data-testid="corrections-download">
          {t('grouping.review.corrections')}
        </a>
      )}
    </section>,
    document.body,
  );
}
