import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readNudge, type Nudge } from '../../../shared/board';
import { useDocValue } from '../agenda/useDocValue';
import './strings';
import './readiness.css';

/** How long the banner stays. */
const SHOWN_MS = 12_000;
/** A nudge already on the board when the page opens is shown only if it is this recent (a reload does not replay an old one). */
const FRESH_MS = 90_000;

/**
 * The facilitator's 「あと1分です」 as a banner on every screen (phones, laptops, the projector): it covers
 * nothing one needs (no pointer input but its close button) and goes by itself.
 */
export function NudgeBanner({ doc }: { doc: Y.Doc | null }) {
  const { t } = useTranslation();
  const nudge = useDocValue(doc, readNudge, null);
  const seen = useRef<number | null>(null);
  const [shown, setShown] = useState<Nudge | null>(null);
  useEffect(() => {
    if (!nudge || seen.current === nudge.at) return;
    const first = seen.current === null;
    seen.current = nudge.at;
    if (first && Math.abs(Date.now() - nudge.at) > FRESH_MS) return;
    setShown(nudge);
    const id = setTimeout(() => setShown(null), SHOWN_MS);
    return () => clearTimeout(id);
  }, [nudge]);
  return (
    <div className="nudge-live" role="status" aria-live="polite">
      {shown && (
        <div className="nudge-banner" data-testid="nudge-banner">
          <span className="nudge-dot" aria-hidden="true" />
          <span>{shown.message ?? t('readiness.nudgeDefault')}</span>
          <button type="button" className="nudge-close" onClick={() => setShown(null)} aria-label={t('readiness.nudgeClose')}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
