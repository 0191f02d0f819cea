import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { clearVotes, readBoard, readVoting, setVoting, showVoteResults, voteCounts, voteResultsShown, VOTES_PER_PERSON_MAX } from '../../../shared/board';
import { LOCAL_ORIGIN } from '../actions';
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
            if (Number.isInteger(n) && n >= 1 && n <= VOTES_PER_PERSON_MAX) setVoting(doc, { perPerson: n }, LOCAL_ORIGIN);
          }}
        />
      </label>
      <div className="ws-row">
        <button type="button" className={`btn${voting.open ? ' primary' : ''}`} aria-pressed={voting.open} onClick={() => setVoting(doc, { open: !voting.open }, LOCAL_ORIGIN)} data-testid="ws-voting-toggle">
          {voting.open ? t('ws.facilitator.closeVoting') : t('ws.facilitator.openVoting')}
        </button>
      </div>
      <label className="ws-row">
        <input type="checkbox" checked={shown} onChange={(e) => showVoteResults(doc, e.target.checked, LOCAL_ORIGIN)} data-testid="ws-keep-results" />
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
        <button type="button" className="btn subtle danger" onClick={() => clearVotes(doc, LOCAL_ORIGIN)}>
          {t('ws.facilitator.clearVotes')}
        </button>
      </div>
    </div>
  );
}
