import { useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, NOTE_COLORS, type Presence, type Section } from '../../../shared/board';
import { ActionsProvider, addNoteAction, useActionDispatch } from '../actions';
import { useNewBoardSession } from '../board/session';
import { BoardProblem } from '../board/BoardProblem';
import { displayName, userColor } from '../board/storage';
import { useBoardSession } from '../board/useBoardSession';
import { usePermissions } from '../board/usePermissions';
import { usePresence } from '../board/usePresence';
import { ConnectionBadge } from '../ui/ConnectionBadge';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Timer } from '../agenda/Timer';
import { JoinDialog } from '../join/JoinDialog';
import { useJoin } from '../join/useJoin';
import { ImeTextarea } from './ImeTextarea';
import { PhoneNoteList } from './PhoneNoteList';
import { useDraft } from './useDraft';
import { NotOnThisDevice, notOnThisDevice } from '../offline/NotOnThisDevice';
import { NudgeBanner } from '../readiness/NudgeBanner';
import { ReadyButton } from '../readiness/ReadyButton';
import { PrivateBanner } from '../private/PrivateMark';
import '../facilitator/strings';
import './phone.css';

/**
 * The participant's phone: a form instead of the canvas. Pick a column of one's group, type, send;
 * below, the group's notes as a list, one's own editable. One thumb, targets of 48px and more.
 */
export function PhonePage({ boardId, urlToken }: { boardId: string; urlToken: string | null }) {
  const { t } = useTranslation();
  const { token, identity, conn, view } = useBoardSession(boardId, urlToken);
  const { doc, role } = conn;
  const { userId } = identity;
  const perms = usePermissions(doc, view, role, userId);

  const { joined, groups, ...join } = useJoin(boardId, view.sections);
  // A phone writes into one group's columns: the first group until the person picks one.
  const group = join.group ?? groups[0] ?? null;
  const given = joined?.name ?? displayName();
  const name = view.meta.anonymous ? '' : given;
  const session = useNewBoardSession(() => ({ color: NOTE_COLORS[0] }));
  useLayoutEffect(() => session.set({ userId, role, name: given, group }), [session, userId, role, given, group]);
  const dispatch = useActionDispatch(doc ? { doc, session, view, perms } : null);

  const user = useMemo<Presence['user'] | null>(
    () => (role && userId ? { id: userId, name, color: userColor(userId), role, ...(group ? { group } : {}) } : null),
    [role, userId, name, group],
  );
  usePresence(conn.awareness, user);

  if (conn.fatal) return <BoardProblem reason={conn.fatal} boardId={boardId} />;
  if (notOnThisDevice(conn, view.notes.length)) return <NotOnThisDevice />;

  const columns = view.sections.filter((s) => s.group === group);
  const writer = role === 'participant' || role === 'facilitator';
  const showJoin = writer && groups.length > 0 && (join.changing || !joined);
  const title = view.meta.title || conn.info?.title || t('board.untitled');

  return (
    <ActionsProvider value={dispatch}>
      <div className="ws-phone" data-testid="phone-page" data-role={role ?? 'unknown'}>
        <header className="ws-phone-header">
          <h1 className="ws-phone-title">{title}</h1>
          <LanguageSwitch />
          <ConnectionBadge status={conn.status} peers={0} unsent={conn.unsent} />
        </header>
        <Timer doc={doc} />
        {group && (
          <div className="ws-phone-group">
            <span>
              {t('ws.phone.group')} <strong data-testid="phone-group">{group}</strong>
              {name && <span className="muted"> · {name}</span>}
            </span>
            {writer && (
              <button type="button" className="btn ws-tap" onClick={join.change}>
                {t('ws.phone.change')}
              </button>
            )}
          </div>
        )}
        {role === 'viewer' && <p className="banner">{t('ws.phone.viewer')}</p>}
        {writer && <PrivateBanner boardId={boardId} token={token} />}
        {writer && doc && (
          <EntryForm
            boardId={boardId}
            columns={columns}
            onSend={(text, section) => !!dispatch(addNoteAction, { text, into: section, spread: true })}
            disabled={!perms.canWrite}
            locked={view.meta.locked && role !== 'facilitator'}
            ended={!!view.meta.sessionEnded && role !== 'facilitator'}
            offline={conn.status !== 'online'}
          />
        )}
        <ReadyButton doc={doc} userId={userId} role={role} canWrite={perms.canWrite} big />
        {doc && group && <PhoneNoteList doc={doc} view={view} columns={columns} group={group} userId={userId} perms={perms} />}
        {role === 'facilitator' && (
          <a className="btn ws-tap" href={`/b/${boardId}?view=board`}>
            {t('ws.phone.openBoard')}
          </a>
        )}
        <NudgeBanner doc={doc} />
        {showJoin && (
          <JoinDialog
            groups={groups}
            anonymous={view.meta.anonymous}
            initial={joined ?? { name: displayName(), group: null }}
            onJoin={join.join}
          />
        )}
      </div>
    </ActionsProvider>
  );
}

interface EntryFormProps {
  boardId: string;
  columns: readonly Section[];
  /** Writes the note; false when it could not (no identity yet). */
  onSend(text: string, section: Section): boolean;
  disabled: boolean;
  locked: boolean;
  /** The session has ended for participants. */
  ended: boolean;
  offline: boolean;
}

function EntryForm({ boardId, columns, onSend, disabled, locked, ended, offline }: EntryFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(boardId);
  const [sent, setSent] = useState(0);
  const writable = columns.filter((s) => s.kind !== 'summary');
  const choices = writable.length ? [...writable, ...columns.filter((s) => s.kind === 'summary')] : columns;
  const section = choices.find((s) => s.id === draft.sectionId) ?? choices[0] ?? null;
  // Counted as the server counts (UTF-16 units), so the counter and the limit never disagree.
  const length = draft.text.length;
  const tooLong = draft.text.length > LIMITS.noteTextMax;
  const canSend = !!section && !disabled && draft.text.trim().length > 0 && !tooLong;

  const send = () => {
    if (!canSend || !section) return;
    if (onSend(draft.text.trim(), section)) {
      setDraft({ text: '' });
      setSent((n) => n + 1);
    }
  };

  return (
    <form
      className="ws-entry"
      data-testid="phone-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {choices.length > 0 && (
        <fieldset className="ws-columns">
          <legend>{t('ws.phone.column')}</legend>
          {choices.map((s) => (
            <label key={s.id} className={`ws-column${section?.id === s.id ? ' on' : ''}`}>
              <input type="radio" name="column" value={s.id} checked={section?.id === s.id} onChange={() => setDraft({ sectionId: s.id })} data-testid={`phone-column-${s.kind}`} />
              {s.title}
            </label>
          ))}
        </fieldset>
      )}
      <label className="ws-field">
        <span>{t('ws.phone.text')}</span>
        <ImeTextarea
          value={draft.text}
          onChange={(e) => setDraft({ text: e.target.value })}
          onSubmit={send}
          rows={4}
          placeholder={t('ws.phone.placeholder')}
          aria-invalid={tooLong}
          aria-describedby="ws-counter"
          data-testid="phone-text"
          enterKeyHint="send"
        />
      </label>
      <div id="ws-counter" className={`ws-counter${tooLong ? ' over' : ''}`} aria-live="polite">
        <span data-testid="phone-counter">{t('ws.phone.counter', { count: length, max: LIMITS.noteTextMax })}</span>
        {tooLong && (
          <strong role="alert" data-testid="phone-too-long">
            {t('ws.phone.tooLong', { max: LIMITS.noteTextMax })}
          </strong>
        )}
      </div>
      {locked && <p className="banner locked">{t('ws.phone.locked')}</p>}
      {ended && !locked && (
        <p className="banner locked" data-testid="ended-banner">
          {t('locked.ended')}
        </p>
      )}
      <button type="submit" className="btn primary ws-big" disabled={!canSend} data-testid="phone-send">
        {t('ws.phone.send')}
      </button>
      <p className="muted ws-hint" aria-live="polite" data-testid="phone-status" data-sent={sent}>
        {offline ? t('ws.phone.queued') : draft.text ? t('ws.phone.savedDraft') : ''}
      </p>
    </form>
  );
}
