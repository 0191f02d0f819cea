import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readFocusGroup, readFollow } from '../../../shared/board';
import { focusGroupAction, toggleFollowAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';

const readAll = (doc: Y.Doc) => ({ follow: readFollow(doc), focus: readFocusGroup(doc) });

/** "Bring everyone to me", and focusing the board (and so every follower) on one group. */
export function FollowControls(props: { doc: Y.Doc; clientId: number; groups: readonly string[]; onFocus(group: string | null): void }) {
  const { doc, clientId, groups, onFocus } = props;
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const { follow, focus } = useDocValue(doc, readAll, { follow: null, focus: null });
  const leading = follow?.clientId === clientId;
  const focusOn = (g: string | null) => {
    dispatch(focusGroupAction, { group: g });
    onFocus(g);
  };
  return (
    <div className="ws-follow">
      <button
        type="button"
        className={`btn${leading ? ' primary' : ''}`}
        aria-pressed={leading}
        onClick={() => dispatch(toggleFollowAction, { clientId })}
        data-testid="ws-follow"
      >
        {leading ? t('ws.facilitator.unfollow') : t('ws.facilitator.follow')}
      </button>
      {leading && <p className="muted">{t('ws.facilitator.following')}</p>}
      <div className="ws-row" role="group" aria-label={t('ws.facilitator.focus')}>
        <span>{t('ws.facilitator.focus')}:</span>
        <button type="button" className={`btn${focus === null ? ' primary' : ''}`} aria-pressed={focus === null} onClick={() => focusOn(null)}>
          {t('ws.facilitator.focusNone')}
        </button>
        {groups.map((g) => (
          <button key={g} type="button" className={`btn${focus === g ? ' primary' : ''}`} aria-pressed={focus === g} onClick={() => focusOn(g)} data-testid={`ws-focus-${g}`}>
            {g}
          </button>
        ))}
      </div>
    </div>
  );
}
