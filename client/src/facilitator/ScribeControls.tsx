import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readScribes, type Presence } from '../../../shared/board';
import { setScribeAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';

/** Names a scribe (書記役) per group from the people present; a scribe may edit every note of the group. */
export function ScribeControls({ doc, groups, present }: { doc: Y.Doc; groups: readonly string[]; present: readonly Presence['user'][] }) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const scribes = useDocValue(doc, readScribes, {});
  const people = [...new Map(present.filter((u) => u.role === 'participant').map((u) => [u.id, u])).values()];
  const label = (u: Presence['user']) => `${u.name || t('presence.anonymous')}${u.group ? ` (${u.group})` : ''} · ${u.id.slice(0, 4)}`;
  return (
    <div className="ws-scribes" data-testid="ws-scribes">
      <p className="muted">{t('ws.facilitator.scribeHint')}</p>
      {groups.map((g) => {
        const current = scribes[g] ?? '';
        const options = people.filter((u) => !u.group || u.group === g || u.id === current);
        return (
          <label key={g} className="ws-row">
            <span className="ws-group-tag">{g}</span>
            <select value={current} onChange={(e) => dispatch(setScribeAction, { group: g, userId: e.target.value || null })} data-testid={`ws-scribe-${g}`}>
              <option value="">{t('ws.facilitator.noScribe')}</option>
              {current && !options.some((u) => u.id === current) && <option value={current}>{current.slice(0, 8)}…</option>}
              {options.map((u) => (
                <option key={u.id} value={u.id}>
                  {label(u)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
