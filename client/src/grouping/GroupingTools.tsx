import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Note } from '../../../shared/board';
import { defaultModel, reviewQueue, type GroupingResult, type RegionRect, type ReviewItem } from '../../../shared/grouping';
import { useDocValue } from '../agenda/useDocValue';
import { unionRect, type Rect } from '../canvas/viewport';
import { DEFAULT_CATEGORY_IDS, isDefaultCategory, regionTitle } from './categories';
import { autoGroupAction, confirmCategoryAction, restoreLayoutAction, setCategoryAction, showCategoriesAction, useDispatch } from '../actions';
import { correctionsUrl, fetchGrouping, GroupingUnavailable, warmGrouping } from './groupingApi';
import { ReviewPanel } from './ReviewPanel';
import './strings';
import './grouping.css';

export interface GroupingToolsProps {
  doc: Y.Doc;
  boardId: string;
  /** The facilitator's token, for the server's grouping; without it the notes are grouped on this device. */
  token: string | null;
  notes: readonly Note[];
  selection: ReadonlySet<string>;
  regions: readonly RegionRect[];
  canRestore: boolean;
  /** The board is shown by category now. */
  byCategory: boolean;
  /** Ends the undo step being recorded, so the layout change is its own step. */
  stopCapturing(): void;
  /** Shows the given part of the board (after a re-layout, the regions and the tray). */
  onShow(bounds: Rect | null): void;
  sections: readonly Rect[];
  /** The 要確認 tray's place once grouped, so the fitted view takes it in. */
  trayOf(regions: readonly RegionRect[]): Rect | null;
}

/** The facilitator's grouping tools in the toolbar: Auto-group, back to the original layout, and a category menu. */
export function GroupingTools(p: GroupingToolsProps) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [reviewOpen, setReviewOpen] = useState(false);
  const queue = useDocValue(p.doc, reviewQueue, NO_ITEMS);
  useWarmModel(p.boardId, p.token);
  const selected = p.notes.filter((n) => p.selection.has(n.id));
  const shared = new Set(selected.map((n) => n.category));
  const current = shared.size === 1 ? [...shared][0]! : '';
  const options = [...new Set<string>([...DEFAULT_CATEGORY_IDS, ...p.regions.map((r) => r.category)])];
  const label = (c: string) => (isDefaultCategory(c) ? t(`grouping.short.${c}`) : regionTitle(c, p.regions.find((r) => r.category === c)?.labels).ja);

  const change = (work: () => string) => {
    p.stopCapturing();
    try {
      setStatus(work());
    } catch (e) {
      setStatus(t('grouping.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      p.stopCapturing();
    }
  };
  const autoGroup = async () => {
    setBusy(true);
    // The server's learned model; if the server cannot be reached, this device's model, said so.
    let grouping: GroupingResult | undefined;
    let here = false;
    if (p.token) {
      try {
        grouping = await fetchGrouping(p.boardId, p.token);
      } catch (e) {
        here = true;
        if (!(e instanceof GroupingUnavailable)) console.warn('grouping on the server failed', e);
      }
    }
    // Let the button show "Grouping…" before the (tens of milliseconds of) classification runs.
    setTimeout(() => {
      change(() => {
        const r = dispatch(autoGroupAction, { grouping });
        if (!r) return '';
        // Switching to the category arrangement refits every screen (BoardPage); a re-run while arranged only moves the regions.
        if (p.byCategory) {
          const tray = p.trayOf(r.regions);
          p.onShow(unionRect([...r.regions, ...(tray ? [tray] : [])]));
        }
        const count = r.placed + r.review;
        const done = r.review > 0 ? t('grouping.groupedReview', { count, review: r.review }) : t('grouping.grouped', { count });
        return here ? `${done}（${t('grouping.groupedHere')}）` : done;
      });
      setBusy(false);
    }, 0);
  };

  return (
    <span className="grouping-tools" role="group" aria-label={t('grouping.autoGroup')}>
      <button type="button" className="btn" onClick={() => void autoGroup()} disabled={busy || p.notes.length === 0} title={t('grouping.autoGroupHint')} data-testid="autogroup">
        {busy ? t('grouping.grouping') : t('grouping.autoGroup')}
      </button>
      {p.byCategory || p.canRestore || p.regions.length === 0 ? (
        <button
          type="button"
          className="btn subtle"
          onClick={() => change(() => (dispatch(restoreLayoutAction), t('grouping.restored')))}
          disabled={!p.canRestore}
          title={t('grouping.restoreHint')}
          data-testid="restore-layout"
        >
          {t('grouping.restore')}
        </button>
      ) : (
        <button
          type="button"
          className="btn subtle"
          onClick={() =>
            change(() => (dispatch(showCategoriesAction), t('grouping.shownCategories')))
          }
          title={t('grouping.showCategoriesHint')}
          data-testid="show-categories"
        >
          {t('grouping.showCategories')}
        </button>
      )}
      <label className="grouping-category" title={t('grouping.categoryHint')}>
        <span>{t('grouping.category')}</span>
        <select
          value={current}
          disabled={selected.length === 0}
          data-testid="category-menu"
          onChange={(e) => {
            const category = e.target.value;
            if (!category) return;
            change(() => (dispatch(setCategoryAction, { ids: selected.map((n) => n.id), category }), t('grouping.categorySet', { count: selected.length, category: label(category) })));
          }}
        >
          {current === '' && <option value="">{selected.length ? t('grouping.categoryMixed') : '—'}</option>}
          {options.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>
      {(p.byCategory || p.regions.length > 0) && (
        <button
          type="button"
          className="btn subtle"
          aria-expanded={reviewOpen}
          onClick={() => setReviewOpen((o) => !o)}
          title={t('grouping.reviewOpenHint')}
          data-testid="review-open"
        >
          {t('grouping.reviewOpen', { count: queue.length })}
        </button>
      )}
      {reviewOpen && (
        <ReviewPanel
          items={queue}
          label={label}
          onAssign={(id, category) => {
            p.stopCapturing();
            dispatch(confirmCategoryAction, { id, category });
            p.stopCapturing();
          }}
          onClose={() => setReviewOpen(false)}
          correctionsHref={p.token ? correctionsUrl(p.boardId, p.token) : null}
        />
      )}
      <span className="sr-only" aria-live="polite" data-testid="grouping-status">
        {status}
      </span>
    </span>
  );
}

const NO_ITEMS: ReviewItem[] = [];

/**
 * While the browser is idle: has the server load its model, and builds this device's classifier (used when the
 * server cannot be reached), so the first press pays for neither.
 */
function useWarmModel(boardId: string, token: string | null): void {
  useEffect(() => {
    const build = () => {
      if (token) warmGrouping(boardId, token);
      void defaultModel();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(build, { timeout: 5_000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(build, 1_000);
    return () => clearTimeout(id);
  }, [boardId, token]);
}
