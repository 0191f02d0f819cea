import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  ballotOf,
  DEFAULT_CATEGORIES,
  readVoting,
  voteCounts,
  votesLeft,
  VoteError,
  type BoardView,
  type Note,
  type Section,
} from '../../../shared/board';
import { addNoteAction, deleteNotesAction, moveToSectionAction, useDispatch, voteAction } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import type { Permissions } from '../board/usePermissions';
import { AddNoteForm } from './AddNoteForm';
import { groupByCategory, groupBySection } from './listModel';
import { ListNote, noteElementId, type MoveTarget } from './ListNote';
import { useAnnouncer, useArrivalAnnouncements } from './useAnnouncer';
import './list.css';
import { useSectionTitle } from '../i18n/sectionTitle';
import { ReactionButtons } from '../reactions/ReactionButtons';
import { useReactionCounts } from '../reactions/useReactions';
import { docOfNote, usePrivateNotes } from '../private/context';

export interface ListViewProps {
  doc: Y.Doc;
  view: BoardView;
  perms: Permissions;
  userId: string | null;
}

type Arrangement = 'section' | 'category';

const readVotes = (doc: Y.Doc) => ({ voting: readVoting(doc), counts: voteCounts(doc) });
const NO_VOTES = { voting: { open: false, perPerson: 3 }, counts: new Map<string, number>() };

export const LIST_TITLE_ID = 'list-title';
const sectionHeadingId = (sectionId: string) => `list-section-${sectionId}`;

/**
 * The board in the DOM, for keyboard and screen-reader users (the canvas is invisible to them): every note
 * by group and section or by category, and everything a participant does on the canvas — write, edit,
 * delete, vote, move between sections — through ordinary form controls.
 */
export function ListView({ doc, view, perms, userId }: ListViewProps) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const own = usePrivateNotes();
  const titleOf = useSectionTitle();
  const [arrangement, setArrangement] = useState<Arrangement>('section');
  const { message, announce } = useAnnouncer();
  // Where focus goes once the view shows it: a moved note only counts once it is in its new section.
  const [focusTarget, setFocusTarget] = useState<{ id: string; inSection?: string } | null>(null);
  const { voting, counts } = useDocValue(doc, readVotes, NO_VOTES);
  const stamps = useReactionCounts(doc);
  const ballot = userId ? ballotOf(doc, userId) : new Map<string, number>();
  const left = userId && voting.open ? votesLeft(doc, userId) : 0;

  const sectionsById = useMemo(() => new Map(view.sections.map((s) => [s.id, s])), [view.sections]);
  const groupName = (g: string) => (g ? t('list.group', { group: g }) : t('list.noGroup'));
  const sectionName = (s: Section) => t('list.inSection', { group: groupName(s.group), section: titleOf(s) });
  const whereIs = (n: Note) => {
    const s = n.sectionId ? sectionsById.get(n.sectionId) : undefined;
    return s ? sectionName(s) : t('list.outside');
  };
  const categoryName = (c: string) => ((DEFAULT_CATEGORIES as readonly string[]).includes(c) ? t(`category.${c}`) : c);
  const moveTargets: MoveTarget[] | null = perms.canWrite ? view.sections.map((s) => ({ id: s.id, label: titleOf(s), group: s.group })) : null;

  useArrivalAnnouncements(view.notes, userId, (arrived) =>
    // Japanese has no singular form, so the one-note message (which says where) is a key of its own.
    announce(arrived.length === 1 ? t('list.newNote', { where: whereIs(arrived[0]!) }) : t('list.newNotes', { count: arrived.length })),
  );

  // Focus follows what the person just did (a moved note, the section of a deleted one) once the view shows it.
  useEffect(() => {
    if (!focusTarget) return;
    const el = document.getElementById(focusTarget.id);
    const section = el?.closest<HTMLElement>('[data-section-id]')?.dataset.sectionId;
    if (el && (!focusTarget.inSection || arrangement !== 'section' || section === focusTarget.inSection)) {
      el.focus();
      setFocusTarget(null);
    }
  }, [focusTarget, view, arrangement]);

  const add = (section: Section | null, text: string) => {
    if (!dispatch(addNoteAction, { text, into: section ?? 'blank' })) return;
    announce(t('list.added', { section: section ? sectionName(section) : t('list.outside') }));
  };
  const move = (n: Note, sectionId: string) => {
    const target = sectionsById.get(sectionId);
    if (!target || !dispatch(moveToSectionAction, { id: n.id, sectionId: target.id })) return;
    announce(t('list.moved', { section: sectionName(target) }));
    setFocusTarget({ id: noteElementId(n.id), inSection: target.id });
  };
  const remove = (n: Note) => {
    dispatch(deleteNotesAction, { ids: [n.id] });
    announce(t('list.deleted'));
    setFocusTarget({ id: n.sectionId && sectionsById.has(n.sectionId) && arrangement === 'section' ? sectionHeadingId(n.sectionId) : LIST_TITLE_ID });
  };

  const vote = (n: Note, up: boolean) => {
    if (!userId) return;
    try {
      dispatch(voteAction, { noteId: n.id, up });
    } catch (err) {
      // Voting closed or the budget spent since the button was drawn: say so instead of failing silently.
      if (err instanceof VoteError) announce(t('list.voteRefused'));
      else throw err;
    }
  };

  const renderNote = (n: Note, showWhere: boolean) => (
    <ListNote
      key={n.id}
      doc={docOfNote(doc, own, n.id)}
      note={n}
      where={showWhere ? whereIs(n) : null}
      author={view.meta.anonymous ? null : n.author || null}
      own={!!userId && n.authorId === userId}
      categoryLabel={n.categorySource === 'auto' ? t('list.autoCategory', { category: categoryName(n.category) }) : categoryName(n.category)}
      editable={perms.mayEdit(n)}
      votes={{ count: counts.get(n.id) ?? 0, mine: ballot.get(n.id) ?? 0, canAdd: left > 0, open: voting.open && !!userId && perms.canWrite && !own.ids.has(n.id) }}
      moveTargets={perms.mayMove(n, n.sectionId) ? moveTargets : null}
      reactions={own.ids.has(n.id) ? undefined : <ReactionButtons doc={doc} noteId={n.id} counts={stamps.get(n.id)} userId={perms.canWrite ? userId : null} labelled />}
      onEdited={() => {
        announce(t('list.saved'));
        setFocusTarget({ id: noteElementId(n.id) });
      }}
      onDelete={() => remove(n)}
      onVote={(up) => vote(n, up)}
      onMove={(sectionId) => move(n, sectionId)}
    />
  );
  const noteList = (notes: readonly Note[], showWhere: boolean) =>
    notes.length > 0 ? <ul className="list-notes">{notes.map((n) => renderNote(n, showWhere))}</ul> : <p className="muted">{t('list.empty')}</p>;

  const bySection = arrangement === 'section' ? groupBySection(view.notes, view.sections) : null;
  return (
    <main id="list-view" className="list-view" aria-labelledby={LIST_TITLE_ID} data-testid="list-view">
      <div className="list-inner">
        <h2 id={LIST_TITLE_ID} tabIndex={-1}>
          {t('list.title')} <span className="muted list-count">{t('list.count', { count: view.notes.length })}</span>
        </h2>
        <fieldset className="list-arrange">
          <legend>{t('list.arrange')}</legend>
          {(['section', 'category'] as const).map((a) => (
            <label key={a}>
              <input type="radio" name="list-arrange" value={a} checked={arrangement === a} onChange={() => setArrangement(a)} data-testid={`list-arrange-${a}`} />
              {a === 'section' ? t('list.bySection') : t('list.byCategory')}
            </label>
          ))}
        </fieldset>
        {!perms.canWrite && <p className="banner">{t('list.readOnly')}</p>}
        {voting.open && userId && perms.canWrite && <p className="list-votes-left">{t('list.votesLeft', { count: left })}</p>}
        <div className="visually-hidden" role="status" aria-live="polite" data-testid="list-announcer">
          {message}
        </div>
        {bySection ? (
          <>
            {bySection.groups.map((g, i) => (
              <section key={g.group} className="list-group" aria-labelledby={`list-group-${i}`}>
                <h3 id={`list-group-${i}`}>{groupName(g.group)}</h3>
                {g.sections.map(({ section, notes }) => (
                  <section key={section.id} className="list-section" aria-label={sectionName(section)} data-testid="list-section" data-section-id={section.id}>
                    <h4 id={sectionHeadingId(section.id)} tabIndex={-1}>
                      {titleOf(section)} <span className="muted list-count">{t('list.count', { count: notes.length })}</span>
                    </h4>
                    {noteList(notes, false)}
                    {perms.canWrite && <AddNoteForm sectionLabel={sectionName(section)} onAdd={(text) => add(section, text)} />}
                  </section>
                ))}
              </section>
            ))}
            {(bySection.unfiled.length > 0 || view.sections.length === 0) && (
              <section className="list-group" aria-labelledby="list-unfiled">
                <h3 id="list-unfiled">{t('list.unfiled')}</h3>
                {noteList(bySection.unfiled, false)}
                {perms.canWrite && view.sections.length === 0 && <AddNoteForm sectionLabel={t('list.outside')} onAdd={(text) => add(null, text)} />}
              </section>
            )}
          </>
        ) : (
          groupByCategory(view.notes).map((b, i) => (
            <section key={b.category} className="list-group" aria-labelledby={`list-category-${i}`} data-testid="list-category" data-category={b.category}>
              <h3 id={`list-category-${i}`}>
                {categoryName(b.category)} <span className="muted list-count">{t('list.count', { count: b.notes.length })}</span>
              </h3>
              {noteList(b.notes, true)}
            </section>
          ))
        )}
      </div>
    </main>
  );
}
