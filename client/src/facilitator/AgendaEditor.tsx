import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  AgendaInputError,
  newPhaseId,
  phaseDurationMs,
  presetAgenda,
  readAgenda,
  readTimer,
  type Phase,
} from '../../../shared/board';
import { pauseTimerAction, resumeTimerAction, saveAgendaAction, startTimerAction, stopTimerAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import { TimeInput } from './TimeInput';

const readAll = (doc: Y.Doc) => ({ agenda: readAgenda(doc), timer: readTimer(doc) });

/** The session's timed phases (presets from the real sessions), and the timer everybody sees. */
export function AgendaEditor({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const { agenda, timer } = useDocValue(doc, readAll, { agenda: [], timer: null });
  const [rows, setRows] = useState<Phase[]>(agenda);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [minutes, setMinutes] = useState(10);
  // Someone else (another facilitator tab) changed the agenda: show theirs unless this one has unsaved edits.
  useEffect(() => {
    if (!dirty) setRows(agenda);
  }, [agenda, dirty]);

  const edit = (next: Phase[]) => {
    setRows(next);
    setDirty(true);
    setMessage(null);
  };
  const patch = (i: number, p: Partial<Phase>) => edit(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const save = () => {
    try {
      dispatch(saveAgendaAction, { phases: rows });
      setDirty(false);
      setMessage({ error: false, text: t('ws.facilitator.saved') });
    } catch (e) {
      if (!(e instanceof AgendaInputError)) throw e;
      setMessage({ error: true, text: e.message });
    }
  };
  const last = rows[rows.length - 1];

  return (
    <div className="ws-agenda" data-testid="ws-agenda">
      <div className="ws-row">
        <span>{t('ws.facilitator.preset')}:</span>
        <button type="button" className="btn" onClick={() => edit(presetAgenda('tobetsu'))}>
          {t('ws.facilitator.presetTobetsu')}
        </button>
        <button type="button" className="btn" onClick={() => edit(presetAgenda('tomakomai'))} data-testid="ws-preset-tomakomai">
          {t('ws.facilitator.presetTomakomai')}
        </button>
      </div>
      <ol className="ws-phases">
        {rows.map((r, i) => (
          <li key={r.id} className={timer?.phaseId === r.id ? 'running' : undefined}>
            <TimeInput value={r.start} onChange={(v) => patch(i, { start: v })} label={t('ws.facilitator.start')} testId="ws-phase-start" />
            <TimeInput value={r.end} onChange={(v) => patch(i, { end: v })} label={t('ws.facilitator.end')} testId="ws-phase-end" />
            {/* Wraps instead of scrolling sideways, so a long title is read whole; a title is one line (Enter adds none). */}
            <textarea
              className="ws-phase-title"
              rows={1}
              value={r.title}
              onChange={(e) => patch(i, { title: e.target.value.replace(/\n/g, ' ') })}
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
              aria-label={t('ws.facilitator.phaseTitle')}
              maxLength={200}
              data-testid="ws-phase-title"
            />
            <button type="button" className="btn" disabled={dirty} onClick={() => dispatch(startTimerAction, { phaseId: r.id, durationMs: phaseDurationMs(r) })} title={t('ws.facilitator.startTimer')}>
              ▶
            </button>
            <button type="button" className="btn subtle" onClick={() => edit(rows.filter((_, j) => j !== i))} aria-label={t('ws.facilitator.removePhase')}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="ws-row">
        <button type="button" className="btn" onClick={() => edit([...rows, { id: newPhaseId(), title: '', start: last?.end ?? '13:30', end: last?.end ?? '13:40' }])}>
          {t('ws.facilitator.addPhase')}
        </button>
        <button type="button" className="btn primary" onClick={save} disabled={!dirty} data-testid="ws-save-agenda">
          {t('ws.facilitator.saveAgenda')}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="ws-row">
        <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label={t('ws.facilitator.minutes')} className="ws-num" />
        <span>{t('ws.facilitator.minutes')}</span>
        <button
          type="button"
          className="btn"
          disabled={!(minutes >= 1 && minutes <= 240)}
          onClick={() => dispatch(startTimerAction, { durationMs: Math.round(minutes) * 60_000 })}
          data-testid="ws-start-timer"
        >
          {t('ws.facilitator.startTimer')}
        </button>
        {timer &&
          (timer.pausedRemainingMs === undefined ? (
            <button type="button" className="btn" onClick={() => dispatch(pauseTimerAction)}>
              {t('ws.facilitator.pause')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => dispatch(resumeTimerAction)}>
              {t('ws.facilitator.resume')}
            </button>
          ))}
        {timer && (
          <button type="button" className="btn" onClick={() => dispatch(stopTimerAction)}>
            {t('ws.facilitator.stop')}
          </button>
        )}
      </div>
    </div>
  );
}
