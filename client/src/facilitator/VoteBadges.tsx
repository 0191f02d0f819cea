import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ballotOf, castVote, readVoting, retractVote, voteCounts, votesLeft, type Note } from '../../../shared/board';
import { LOCAL_ORIGIN } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import { intersects, toScreen, visibleRect, type Viewport } from '../canvas/viewport';

const readVotes = (doc: Y.Doc) => ({ voting: readVoting(doc), counts: voteCounts(doc) });

/**
 * Dot-vote counts on the notes of the canvas, drawn as DOM over the stage (so the canvas stays
 * unaware of voting); while voting is open a voter gets +/− on each note.
 */
export function VoteBadges(props: { doc: Y.Doc; notes: readonly Note[]; viewport: Viewport; size: { width: number; height: number }; voterId: string | null; canVote: boolean }) {
  const { doc, notes, viewport, size, voterId, canVote } = props;
  const { t } = useTranslation();
  const { voting, counts } = useDocValue(doc, readVotes, { voting: { open: false, perPerson: 3 }, counts: new Map<string, number>() });
  if (!voting.open && counts.size === 0) return null;
  const active = voting.open && canVote && !!voterId;
  const mine = active ? ballotOf(doc, voterId!) : new Map<string, number>();
  const left = active ? votesLeft(doc, voterId!) : 0;
  const visible = visibleRect(viewport, size, 0);
  const shown = notes.filter((n) => (active || counts.has(n.id)) && intersects(visible, n));
  return (
    <div className="ws-votes" data-testid="vote-badges">
      {active && <div className="ws-votes-left-badge">{t('ws.phone.votesLeft', { count: left })}</div>}
      {shown.map((n) => {
        const p = toScreen(viewport, { x: n.x + n.w, y: n.y });
        return (
          <div key={n.id} className="ws-vote" style={{ left: p.x, top: p.y }} data-note-id={n.id}>
            <span className="ws-vote-count" aria-label={t('ws.phone.votes', { count: counts.get(n.id) ?? 0 })}>
              {counts.get(n.id) ?? 0}
            </span>
            {active && (
              <>
                <button type="button" disabled={left <= 0} onClick={() => castVote(doc, n.id, voterId!, LOCAL_ORIGIN)} aria-label={t('ws.phone.vote')}>
                  +
                </button>
                {(mine.get(n.id) ?? 0) > 0 && (
                  <button type="button" onClick={() => retractVote(doc, n.id, voterId!, LOCAL_ORIGIN)} aria-label={t('ws.phone.unvote')}>
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
