import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  ballotOf,
  readVoting,
  voteCounts,
  votesLeft,
  type BoardView,
  type Note,
  type Section,
} from '../../../shared/board';
import { deleteNotesAction, useDispatch, voteAction } from '../actions';
import type { Permissions } from '../board/usePermissions';
import { useDocValue } from '../agenda/useDocValue';
import { PhoneNoteEditor } from './PhoneNoteEditor';
import { UnsentNotice } from '../editor/UnsentNotice';
import { PendingMark } from '../moderation/PendingMark';
import { ReactionButtons } from '../reactions/ReactionButtons';
import { useReactionCounts } from '../reactions/useReactions';
import { docOfNote, usePrivateNotes } from '../private/context';
import { PrivateMark } from '../private/PrivateMark';

const readVotes = (doc: Y.Doc) => ({ voting: readVoting(doc), counts: voteCounts(doc) });
const NO_VOTES = { voting: { open: false, perPerson: 3 }, counts: new Map<string, number>() };

/** The group's notes by column; one's own (or, for a scribe, the group's) can be edited or deleted. */
export function PhoneNoteList(props: { doc: Y.Doc; view: BoardView; columns: readonly Section[]; group: string; userId: string | null; perms: Permissions }) {
  const { doc, view, columns, group, userId, perms } = props;
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const own = usePrivateNotes();
  const { voting, counts } = useDocValue(doc, readVotes, NO_VOTES);
  const stamps = useReactionCounts(doc);
  const mine = userId ? ballotOf(doc, userId) : new Map<string, number>();
  const left = userId ? votesLeft(doc, userId) : 0;
  const ids = new Set(columns.map((s) => s.id));
  const notes = view.notes.filter((n) => n.sectionId !== null && ids.has(n.sectionId));
  return (
    <section className="ws-list" aria-labelledby="ws-list-title" data-testid="phone-notes">
      <h2 id="ws-list-title">{t('ws.phone.groupNotes', { group })}</h2>
      {voting.open && userId && (
        <p className="ws-votes-left" data-testid="phone-votes-left">
          {t('ws.phone.votesLeft', { count: left })}
        </p>
      )}
      {notes.length === 0 && <p className="muted">{t('ws.phone.noNotes')}</p>}
      {columns.map((s) => {
        const inColumn = notes.filter((n) => n.sectionId === s.id);
        if (inColumn.length === 0) return null;
        return (
          <div key={s.id} className="ws-list-column">
            <h3>{s.title}</h3>
            <ul>
              {inColumn.map((n) => (
                <NoteItem
                  key={n.id}
                  doc={docOfNote(doc, own, n.id)}
                  note={n}
                  own={n.authorId === userId}
                  editable={perms.mayEdit(n)}
                  showAuthor={!view.meta.anonymous}
                  votes={counts.get(n.id) ?? 0}
                  vote={voting.open && userId && !own.ids.has(n.id) ? { mine: mine.get(n.id) ?? 0, canAdd: left > 0 } : null}
                  reactions={own.ids.has(n.id) ? undefined : <ReactionButtons doc={doc} noteId={n.id} counts={stamps.get(n.id)} userId={perms.canWrite ? userId : null} big />}
                  onDelete={() => dispatch(deleteNotesAction, { ids: [n.id] })}
                  onVote={(up) => dispatch(voteAction, { noteId: n.id, up })}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

interface NoteItemProps {
  doc: Y.Doc;
  note: Note;
  own: boolean;
  editable: boolean;
  showAuthor: boolean;
  votes: number;
  vote: { mine: number; canAdd: boolean } | null;
  reactions: ReactNode;
  onDelete(): void;
  onVote(up: boolean): void;
}

function NoteItem({ doc, note, own, editable, showAuthor, votes, vote, reactions, onDelete, onVote }: NoteItemProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={`ws-note${own ? ' own' : ''}`} style={{ borderLeftColor: note.color }} data-testid="phone-note" data-note-id={note.id}>
      {editing ? <PhoneNoteEditor doc={doc} noteId={note.id} onClose={() => setEditing(false)} /> : <p className="ws-note-text">{note.text}</p>}
      {!editing && editable && <UnsentNotice noteId={note.id} className="ws-unsent" />}
      <div className="ws-note-meta">
        {own ? <span className="ws-mine">{t('ws.phone.mine')}</span> : showAuthor && note.author ? <span className="muted">{note.author}</span> : null}
        {own && <PendingMark doc={doc} noteId={note.id} />}
        {own && <PrivateMark noteId={note.id} />}
        {(votes > 0 || vote) && <span className="ws-count">{t('ws.phone.votes', { count: votes })}</span>}
      </div>
      {!editing && reactions}
      <div className="ws-note-actions">
        {vote && (
          <>
            <button type="button" className="btn ws-tap" disabled={!vote.canAdd} onClick={() => onVote(true)} data-testid="phone-vote">
              ＋ {t('ws.phone.vote')}
            </button>
            {vote.mine > 0 && (
              <button type="button" className="btn ws-tap" onClick={() => onVote(false)}>
                − {t('ws.phone.unvote')}
              </button>
            )}
          </>
        )}
        {editable && !editing && (
          <button type="button" className="btn ws-tap" onClick={() => setEditing(true)} data-testid="phone-edit">
            {t('ws.phone.edit')}
          </button>
        )}
        {editable && !editing && (
          <button
            type="button"
            className={`btn ws-tap${confirming ? ' danger' : ''}`}
            onClick={() => (confirming ? onDelete() : setConfirming(true))}
            onBlur={() => setConfirming(false)}
            data-testid="phone-delete"
          >
            {confirming ? t('ws.phone.confirmDelete') : t('ws.phone.delete')}
          </button>
        )}
      </div>
    </li>
  );
}
