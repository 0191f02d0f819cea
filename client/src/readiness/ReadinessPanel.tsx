import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readinessByGroup, readyPeople, type BoardView, type PersonStatus, type Presence } from '../../../shared/board';
import { clearReadinessAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import { useIdentity } from '../board/identity';
import { sendNudge } from './api';
import './strings';
import './readiness.css';

const NONE = new Map<string, number>();

/**
 * The facilitator's view of who is done: per group and per person (numbered on an anonymous board),
 * notes written and done or still writing; 「あと1分です」 to every screen; everyone back to writing.
 */
export function ReadinessPanel(p: { boardId: string; token: string; doc: Y.Doc; view: BoardView; present: readonly Presence['user'][] }) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const ready = useDocValue(p.doc, readyPeople, NONE);
  const { userId } = useIdentity();
  const [status, setStatus] = useState<string | null>(null);
  const groups = readinessByGroup({ notes: p.view.notes, sections: p.view.sections, ready, present: p.present, anonymous: p.view.meta.anonymous, self: userId });
  const everyone = groups.flatMap((g) => g.people);
  const number = new Map(everyone.map((s, i) => [s.userId, i + 1]));
  const nameOf = (s: PersonStatus) => (p.view.meta.anonymous ? t('readiness.anonymousPerson', { n: number.get(s.userId) }) : s.name || t('readiness.unnamed'));
  const nudge = () => {
    setStatus(null);
    sendNudge(p.boardId, p.token).then(
      () => setStatus(t('readiness.nudgeSent')),
      (e: Error) => setStatus(t('readiness.failed', { message: e.message })),
    );
  };
  return (
    <div data-testid="readiness-panel">
      <p className="readiness-summary" data-testid="readiness-summary">
        {t('readiness.summary', { done: everyone.filter((s) => s.done).length, total: everyone.length, notes: groups.reduce((n, g) => n + g.notes, 0) })}
      </p>
      <div className="readiness-actions">
        <button type="button" className="btn primary" onClick={nudge} data-testid="nudge-send">
          {t('readiness.nudge')}
        </button>
        <button type="button" className="btn" onClick={() => dispatch(clearReadinessAction)} disabled={ready.size === 0} data-testid="readiness-clear">
          {t('readiness.clear')}
        </button>
      </div>
      <p className="muted" role="status" aria-live="polite">
        {status}
      </p>
      {everyone.length === 0 && <p className="muted">{t('readiness.nobody')}</p>}
      {groups.map((g) => (
        <section key={g.group ?? ''} className="readiness-group" data-testid="readiness-group" data-group={g.group ?? ''}>
          <h4>
            <span>{g.group ? t('readiness.group', { group: g.group }) : t('readiness.noGroup')}</span>
            <span className="muted">{t('readiness.groupSummary', { done: g.done, total: g.people.length, notes: g.notes })}</span>
          </h4>
          <ul className="readiness-people">
            {g.people.map((s) => (
              <li key={s.userId} data-testid="readiness-person" data-done={s.done}>
                <span>
                  {nameOf(s)}
                  {!s.here && <span className="readiness-away"> {t('readiness.away')}</span>}
                </span>
                <span className="muted">{t('readiness.notes', { count: s.notes })}</span>
                <span className={`readiness-state${s.done ? ' done' : ''}`}>{s.done ? t('readiness.stateDone') : t('readiness.stateWriting')}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** "Done 3/8" on the facilitator's tools button, so who is done shows without opening the panel. */
export function ReadyCount(p: { doc: Y.Doc; view: BoardView; present: readonly Presence['user'][] }) {
  const { t } = useTranslation();
  const ready = useDocValue(p.doc, readyPeople, NONE);
  const { userId } = useIdentity();
  if (ready.size === 0) return null;
  const people = readinessByGroup({ notes: p.view.notes, sections: p.view.sections, ready, present: p.present, anonymous: p.view.meta.anonymous, self: userId }).flatMap((g) => g.people);
  const counts = { done: people.filter((s) => s.done).length, total: people.length };
  return (
    // Compact beside the tools' name: the floating toolbar starts just right of the button.
    <span className="ready-count" data-testid="ready-count" title={t('readiness.count', counts)}>
      <span aria-hidden="true">
        ✓ {counts.done}/{counts.total}
      </span>
      <span className="visually-hidden">{t('readiness.count', counts)}</span>
    </span>
  );
}
