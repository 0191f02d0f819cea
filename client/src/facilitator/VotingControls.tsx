import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readBoard, readVoting, voteCounts, voteResultsShown, VOTES_PER_PERSON_MAX } from '../../../shared/board';
import { clearVotesAction, setVotingAction, showVoteResultsAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';

const TOP = 5;
function readTally(doc: Y.Doc) {
  const counts = voteCounts(doc);
  const notes = readBoard(doc).notes;
  const top = notes
    .filter((n) => counts.has(n.id))
    .map((n) => ({ id: n.id, text: n.text, votes: counts.get(n.id)! }))
    .sort((a, b) => b.votes - a.votes)
    .slice(0, TOP);
  return { voting: readVoting(doc), shown: voteResultsShown(doc), top };
}

/** Dot voting: the budget per person, opening and closing the ballot, and the notes most voted for. */
export function VotingControls({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const { voting, shown, top } = useDocValue(doc, readTally, { voting: { open: false, perPerson: 3 }, shown: false, top: [] });
  return (
    <div className="ws-voting" data-testid="ws-voting">
      <label className="ws-row">
        {t('ws.facilitator.votesPerPerson')}
        <input
          type="number"
          className="ws-num"
          min={1}
          max={VOTES_PER_PERSON_MAX}
          value={voting.perPerson}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= VOTES_PER_PERSON_MAX) dispatch(setVotingAction, { perPerson: n });
          }}
        />
      </label>
      <div className="ws-row">
        <button type="button" className={`btn${voting.open ? ' primary' : ''}`} aria-pressed={voting.open} onClick={() => dispatch(setVotingAction, { open: !voting.open })} data-testid="ws-voting-toggle">
          {voting.open ? t('ws.facilitator.closeVoting') : t('ws.facilitator.openVoting')}
        </button>
      </div>
      <label className="ws-row">
        <input type="checkbox" checked={shown} onChange={(e) => dispatch(showVoteResultsAction, { shown: e.target.checked })} data-testid="ws-keep-results" />
        {t('ws.facilitator.keepResults')}
      </label>
      {top.length > 0 && (
        <>
          <h4>{t('ws.facilitator.topVotes')}</h4>
          <ol className="ws-top">
            {top.map((n) => (
              <li key={n.id}>
                <strong>{n.votes}</strong> {n.text}
              </li>
            ))}
          </ol>
        </>
      )}
      {/* Apart from closing the ballot, so a hurried click on one does not do the other. */}
      <div className="ws-row ws-danger-row">
        <button type="button" className="btn subtle danger" onClick={() => dispatch(clearVotesAction)}>
          {t('ws.facilitator.clearVotes')}
        </button>
      </div>
    </div>
  );
}
