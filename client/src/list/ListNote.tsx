import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Note } from '../../../shared/board';
import { ListNoteEditor } from './ListNoteEditor';
import { UnsentNotice } from '../editor/UnsentNotice';
import { PendingMark } from '../moderation/PendingMark';
import { PrivateMark } from '../private/PrivateMark';

export interface MoveTarget {
  id: string;
  label: string;
  group: string;
}

export interface ListNoteProps {
  doc: Y.Doc;
  note: Note;
  /** Where the note is, when the list is arranged by category. */
  where: string | null;
  author: string | null;
  own: boolean;
  categoryLabel: string;
  editable: boolean;
  votes: { count: number; mine: number; canAdd: boolean; open: boolean };
  moveTargets: readonly MoveTarget[] | null;
  /** The stamps on the note, and this person's toggles. */
  reactions?: ReactNode;
  /** The editor closed with everything typed in the note. */
  onEdited(): void;
  onDelete(): void;
  onVote(up: boolean): void;
  onMove(sectionId: string): void;
}

export const noteElementId = (noteId: string) => `list-note-${noteId}`;

/** One note as an article: its text, who wrote it, its category and votes, and what this person may do with it. */
export function ListNote(p: ListNoteProps) {
  const { t } = useTranslation();
  const id = useId();
  const { note } = p;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [target, setTarget] = useState('');
  const targets = p.moveTargets?.filter((m) => m.id !== note.sectionId) ?? [];
  const groups = [...new Set(targets.map((m) => m.group))];
  const chosen = targets.some((m) => m.id === target) ? target : (targets[0]?.id ?? '');
  return (
    <li className={`list-note${p.own ? ' own' : ''}`} style={{ borderLeftColor: note.color }}>
      <article id={noteElementId(note.id)} tabIndex={-1} aria-labelledby={`${id}-text`} data-testid="list-note" data-note-id={note.id}>
        {editing ? (
          <>
            <ListNoteEditor
              doc={p.doc}
              noteId={note.id}
              id={id}
              onDone={() => {
                setEditing(false);
                p.onEdited();
              }}
              onCancel={() => setEditing(false)}
            />
            <p id={`${id}-text`} className="visually-hidden">
              {note.text}
            </p>
          </>
        ) : (
          <p id={`${id}-text`} className="list-note-text">
            {note.text || <span className="muted">{t('list.emptyText')}</span>}
          </p>
        )}
        {!editing && p.editable && <UnsentNotice noteId={note.id} className="list-problem" />}
        <dl className="list-note-meta">
          {p.where && (
            <div>
              <dt>{t('list.where')}</dt>
              <dd>{p.where}</dd>
            </div>
          )}
          {(p.own || p.author) && (
            <div>
              <dt>{t('list.author')}</dt>
              <dd>
                {p.own ? t('list.mine') : p.author} {p.own && <PendingMark doc={p.doc} noteId={note.id} />} {p.own && <PrivateMark noteId={note.id} />}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('list.category')}</dt>
            <dd>{p.categoryLabel}</dd>
          </div>
          {(p.votes.count > 0 || p.votes.open) && (
            <div>
              <dt className="visually-hidden">{t('list.voteCount')}</dt>
              <dd data-testid="list-votes">{t('list.votes', { count: p.votes.count })}</dd>
            </div>
          )}
        </dl>
        {!editing && p.reactions}
        <div className="list-note-actions">
          {!editing && (
            <>
              {p.votes.open && (
                <button type="button" className="btn" disabled={!p.votes.canAdd} onClick={() => p.onVote(true)} data-testid="list-vote">
                  {t('list.vote')}
                </button>
              )}
              {p.votes.open && p.votes.mine > 0 && (
                <button type="button" className="btn" onClick={() => p.onVote(false)}>
                  {t('list.unvote')}
                </button>
              )}
              {p.editable && (
                <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="list-edit">
                  {t('list.edit')}
                </button>
              )}
              {p.editable && (
                <button
                  type="button"
                  className={`btn${confirming ? ' danger-solid' : ' danger'}`}
                  onClick={() => (confirming ? p.onDelete() : setConfirming(true))}
                  onBlur={() => setConfirming(false)}
                  data-testid="list-delete"
                >
                  {confirming ? t('list.confirmDelete') : t('list.delete')}
                </button>
              )}
            </>
          )}
        </div>
        {!editing && targets.length > 0 && (
          <form
            className="list-move"
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen) p.onMove(chosen);
            }}
          >
            <label htmlFor={`${id}-move`}>{t('list.moveTo')}</label>
            <select id={`${id}-move`} value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="list-move-select">
              {groups.map((g) => (
                <optgroup key={g} label={g ? t('list.group', { group: g }) : t('list.noGroup')}>
                  {targets
                    .filter((m) => m.group === g)
                    .map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <button type="submit" className="btn" data-testid="list-move">
              {t('list.move')}
            </button>
          </form>
        )}
      </article>
    </li>
  );
}
