import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ballotOf, readVoting, voteCounts, voteResultsShown, votesLeft, type Note } from '../../../shared/board';
import { useDispatch, voteAction } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import { intersects, toScreen, visibleRect, type Viewport } from '../canvas/viewport';
import { NOTE_FOOTER } from '../canvas/style';

const readVotes = (doc: Y.Doc) => ({ voting: readVoting(doc), shown: voteResultsShown(doc), counts: voteCounts(doc) });

/**
 * A badge is as tall as the note's footer (author and category) on screen, within what a finger and an eye
 * need: it sits on the note's bottom edge, so it covers neither the note's text nor the notes around it.
 */
const BADGE_MIN = 16;
const BADGE_MAX = 28;
export const badgeSize = (scale: number): number => Math.round(Math.min(BADGE_MAX, Math.max(BADGE_MIN, NOTE_FOOTER * scale * 2)));

/**
 * Dot-vote counts on the notes of the canvas, drawn as DOM over the stage (so the canvas stays
 * unaware of voting); while voting is open a voter gets +/− on each note. Once the ballot closes the counts go,
 * unless the facilitator keeps the results shown.
 */
export function VoteBadges(props: { doc: Y.Doc; notes: readonly Note[]; viewport: Viewport; size: { width: number; height: number }; voterId: string | null; canVote: boolean }) {
  const { doc, notes, viewport, size, voterId, canVote } = props;
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const { voting, shown: resultsShown, counts } = useDocValue(doc, readVotes, { voting: { open: false, perPerson: 3 }, shown: false, counts: new Map<string, number>() });
  if (!voting.open && !(resultsShown && counts.size > 0)) return null;
  const active = voting.open && canVote && !!voterId;
  const mine = active ? ballotOf(doc, voterId!) : new Map<string, number>();
  const left = active ? votesLeft(doc, voterId!) : 0;
  const visible = visibleRect(viewport, size, 0);
  const shown = notes.filter((n) => (active || counts.has(n.id)) && intersects(visible, n));
  return (
    <div className="ws-votes" data-testid="vote-badges" style={{ ['--vote-size' as string]: `${badgeSize(viewport.scale)}px` }}>
      {active && <div className="ws-votes-left-badge">{t('ws.phone.votesLeft', { count: left })}</div>}
      {shown.map((n) => {
        const p = toScreen(viewport, { x: n.x + n.w, y: n.y + n.h });
        return (
          <div key={n.id} className="ws-vote" style={{ left: p.x, top: p.y }} data-note-id={n.id}>
            <span className="ws-vote-count" aria-label={t('ws.phone.votes', { count: counts.get(n.id) ?? 0 })}>
              {counts.get(n.id) ?? 0}
            </span>
            {active && (
              <>
                <button type="button" disabled={left <= 0} onClick={() => dispatch(voteAction, { noteId: n.id, up: true })} aria-label={t('ws.phone.vote')}>
                  +
                </button>
                {(mine.get(n.id) ?? 0) > 0 && (
                  <button type="button" onClick={() => dispatch(voteAction, { noteId: n.id, up: false })} aria-label={t('ws.phone.unvote')}>
                    −
                  </button>
                )}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
