import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { formatRemaining, minutesOf, phaseAt, readAgenda, readTimer, timerRemainingMs, type Phase, type Timer as TimerValue } from '../../../shared/board';
import { useDocValue, useNow } from './useDocValue';
import '../facilitator/strings';
import './agenda.css';

const readAll = (doc: Y.Doc): { agenda: Phase[]; timer: TimerValue | null } => ({ agenda: readAgenda(doc), timer: readTimer(doc) });
const EMPTY = { agenda: [], timer: null };

const minutesNow = (now: number): number => {
  const d = new Date(now);
  return d.getHours() * 60 + d.getMinutes();
};

/**
 * The timer everyone sees (every role, canvas and phone): the running countdown the facilitator
 * started, else the agenda phase that the clock says is on now. Renders nothing when there is neither.
 */
export function Timer({ doc, large = false }: { doc: Y.Doc | null; large?: boolean }) {
  const { t } = useTranslation();
  const { agenda, timer } = useDocValue(doc, readAll, EMPTY);
  const now = useNow(!!timer || agenda.length > 0);
  const phase = timer?.phaseId ? (agenda.find((p) => p.id === timer.phaseId) ?? null) : phaseAt(agenda, minutesNow(now));
  if (!timer && !phase) return null;
  const remaining = timer ? timerRemainingMs(timer, now) : null;
  const paused = timer?.pausedRemainingMs !== undefined;
  const over = remaining !== null && remaining < 0;
  const state = over ? 'over' : paused ? 'paused' : remaining !== null ? 'running' : 'phase';
  return (
    <div className={`ws-timer ${state}${large ? ' large' : ''}`} role="timer" aria-live="off" aria-label={t('ws.timer.label')} data-testid="timer" data-state={state}>
      {phase && (
        <span className="ws-timer-phase">
          <span className="ws-timer-span">
            {phase.start}–{phase.end}
          </span>{' '}
          {phase.title}
        </span>
      )}
      {remaining !== null ? (
        <span className="ws-timer-clock" data-testid="timer-clock">
          {formatRemaining(remaining)}
          {paused && <span className="ws-timer-note"> {t('ws.timer.paused')}</span>}
          {over && <span className="ws-timer-note"> {t('ws.timer.over')}</span>}
        </span>
      ) : (
        phase && <span className="ws-timer-note">{t('ws.timer.now')} · {formatRemaining((minutesOf(phase.end) - minutesNow(now)) * 60_000)}</span>
      )}
    </div>
  );
}
