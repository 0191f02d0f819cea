import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';
import type { Joined } from './joinStorage';
import '../facilitator/strings';
import './join.css';

/**
 * Joining without an account: an optional display name (not asked when the board forces anonymity:
 * the worksheets promise that names are not published) and the person's group.
 */
export function JoinDialog({ groups, anonymous, initial, onJoin }: { groups: readonly string[]; anonymous: boolean; initial: Joined | null; onJoin(j: Joined): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [group, setGroup] = useState<string | null>(initial?.group && groups.includes(initial.group) ? initial.group : (groups[0] ?? null));
  const form = useRef<HTMLFormElement>(null);
  // Focus moves into the dialog, so a screen reader announces it and the board's shortcuts stand down
  // behind it; the form itself, not the name field, so a phone does not open its keyboard uninvited.
  useEffect(() => form.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <form
        ref={form}
        className="modal ws-join"
        data-testid="join-dialog"
        role="dialog"
        aria-modal="true"
        tabIndex={-1}
        aria-labelledby="ws-join-title"
        onSubmit={(e) => {
          e.preventDefault();
          onJoin({ name: anonymous ? '' : name.trim(), group });
        }}
      >
        <h2 id="ws-join-title">{t('ws.join.title')}</h2>
        {anonymous ? (
          <p className="muted" data-testid="join-anonymous">
            {t('ws.join.anonymous')}
          </p>
        ) : (
          <label className="ws-field">
            <span>{t('ws.join.name')}</span>
            <input value={name} maxLength={LIMITS.displayNameMax} onChange={(e) => setName(e.target.value)} placeholder={t('ws.join.namePlaceholder')} data-testid="join-name" autoComplete="nickname" />
            <small className="muted">{t('ws.join.nameHint')}</small>
          </label>
        )}
        <fieldset className="ws-choices">
          <legend>{t('ws.join.group')}</legend>
          {groups.length === 0 && <p className="muted">{t('ws.join.noGroups')}</p>}
          {groups.map((g) => (
            <label key={g} className={`ws-choice${group === g ? ' on' : ''}`}>
              <input type="radio" name="group" value={g} checked={group === g} onChange={() => setGroup(g)} data-testid={`join-group-${g}`} />
              {g}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn primary ws-big" data-testid="join-ok">
          {t('ws.join.ok')}
        </button>
      </form>
    </div>
  );
}
