import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LIMITS, noteGroup, type Section } from '../../../shared/board';
import type { QueuedNote } from '../../../shared/board/moderation';
import { findPersonalInfo } from '../../../shared/privacy/pii';
import { formatJst } from '../../../shared/export/table';
import { editNoteTextAction, useDispatch } from '../actions';
import { approveNote, hideNote, setModeration } from './api';
import { useModeration } from './useModeration';
import './strings';
import './moderation.css';

export interface ModerationQueueProps {
  boardId: string;
  token: string;
  doc: Y.Doc;
  sections: readonly Section[];
}

/**
 * Approval before the projector: the switch, the queue of participants' notes oldest first with a
 * warning where a note looks like personal information, and approve / hide (非表示) / edit for each.
 */
export function ModerationQueue({ boardId, token, doc, sections }: ModerationQueueProps) {
  const { t } = useTranslation();
  const { on, queue, hidden } = useModeration(doc);
  const [error, setError] = useState<string | null>(null);
  // What the facilitator asked for, shown at once until the board says so (the server writes it).
  const [wanted, setWanted] = useState<boolean | null>(null);
  useEffect(() => {
    if (wanted === on) setWanted(null);
  }, [wanted, on]);
  const run = (work: Promise<void>) => {
    setError(null);
    return work.catch((e: Error) => {
      setError(t('moderation.failed', { message: e.message }));
      throw e;
    });
  };
  const toggle = (next: boolean) => {
    setWanted(next);
    run(setModeration(boardId, token, next)).catch(() => setWanted(null));
  };
  const approve = (id: string) => void run(approveNote(boardId, token, id)).catch(() => undefined);
  const hide = (id: string) => void run(hideNote(boardId, token, id)).catch(() => undefined);
  return (
    <div className="mod" data-testid="moderation">
      <label className="mod-toggle">
        <input type="checkbox" checked={wanted ?? on} disabled={wanted !== null} onChange={(e) => toggle(e.target.checked)} data-testid="moderation-toggle" />
        {t('moderation.toggle')}
      </label>
      <p className="mod-hint">{t('moderation.hint')}</p>
      {on && (
        <>
          <h4>
            {t('moderation.queue')} <span className="mod-count" data-testid="moderation-count">{t('moderation.queueCount', { count: queue.length })}</span>
          </h4>
          {queue.length === 0 ? (
            <p className="mod-empty">{t('moderation.empty')}</p>
          ) : (
            <ol className="mod-list" data-testid="moderation-queue">
              {queue.map((q) => (
                <QueuedItem key={q.note.id} q={q} sections={sections} onApprove={() => approve(q.note.id)} onHide={() => hide(q.note.id)} />
              ))}
            </ol>
          )}
        </>
      )}
      {hidden.length > 0 && (
        <details className="mod-hidden" data-testid="moderation-hidden">
          <summary>{t('moderation.hidden', { count: hidden.length })}</summary>
          <ul className="mod-list">
            {hidden.map((q) => (
              <li key={q.note.id} className="mod-item">
                <p className="mod-text">{q.note.text}</p>
                <button type="button" className="btn" onClick={() => approve(q.note.id)}>
                  {t('moderation.show')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function QueuedItem({ q, sections, onApprove, onHide }: { q: QueuedNote; sections: readonly Section[]; onApprove(): void; onHide(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const dispatch = useDispatch();
  const group = noteGroup(q.note, sections);
  const save = () => {
    if (draft !== null) dispatch(editNoteTextAction, { id: q.note.id, text: draft });
    setDraft(null);
  };
  return (
    <li className="mod-item" data-testid="moderation-item" data-note-id={q.note.id}>
      <p className="mod-meta">
        <span>{group ? t('moderation.group', { group }) : t('moderation.noGroup')}</span>
        <time>{formatJst(q.note.createdAt).slice(11, 16)}</time>
      </p>
      {q.warnings.length > 0 && (
        <p className="mod-warning" role="note" data-testid="moderation-warning">
          ⚠ {t('moderation.warning', { kinds: q.warnings.map((k) => t(`moderation.kinds.${k}`)).join(t('moderation.listSeparator')) })}
        </p>
      )}
      {draft === null ? (
        <p className="mod-text">
          <Highlighted text={q.note.text} />
        </p>
      ) : (
        <textarea className="mod-edit" value={draft} maxLength={LIMITS.noteTextMax} onChange={(e) => setDraft(e.target.value)} aria-label={t('moderation.edit')} rows={3} />
      )}
      <div className="mod-actions">
        {draft === null ? (
          <>
            <button type="button" className="btn primary" onClick={onApprove} data-testid="moderation-approve">
              {t('moderation.approve')}
            </button>
            <button type="button" className="btn" onClick={onHide} data-testid="moderation-hide">
              {t('moderation.hide')}
            </button>
            <button type="button" className="btn" onClick={() => setDraft(q.note.text)} data-testid="moderation-edit">
              {t('moderation.edit')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn primary" onClick={save} data-testid="moderation-save">
              {t('moderation.save')}
            </button>
            <button type="button" className="btn" onClick={() => setDraft(null)}>
              {t('moderation.cancel')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** The note's text with what looks like personal information marked, so the facilitator sees where it is. */
function Highlighted({ text }: { text: string }) {
  const parts: { s: string; pii: boolean }[] = [];
  let at = 0;
  for (const m of findPersonalInfo(text)) {
    if (m.start > at) parts.push({ s: text.slice(at, m.start), pii: false });
    parts.push({ s: text.slice(m.start, m.end), pii: true });
    at = m.end;
  }
  if (at < text.length) parts.push({ s: text.slice(at), pii: false });
  return (
    <>
      {parts.map((p, i) =>
        p.pii ? (
          <mark key={i} className="mod-pii">
            {p.s}
          </mark>
        ) : (
          <span key={i}>{p.s}</span>
        ),
      )}
    </>
  );
}
