import type * as Y from 'yjs';
import type { Note } from '../../../shared/board';
import { intersects, toScreen, visibleRect, type Viewport } from '../canvas/viewport';
import { badgeSize } from '../facilitator/VoteBadges';
import { ReactionButtons } from './ReactionButtons';
import { useReactionCounts } from './useReactions';

/** A note this narrow on screen has no room for stamps under it. */
const MIN_NOTE_PX = 70;

/**
 * Stamps on the canvas, drawn as DOM over the stage like the vote badges: small counts on the bottom edge of
 * each note that has any (left, where the vote badge is not), below the text; on the one selected note, the
 * three toggles for whoever may react.
 */
export function ReactionBadges(props: { doc: Y.Doc; notes: readonly Note[]; viewport: Viewport; size: { width: number; height: number }; userId: string | null; selection: ReadonlySet<string> }) {
  const { doc, notes, viewport, size, userId, selection } = props;
  const counts = useReactionCounts(doc);
  const selected = userId && selection.size === 1 ? [...selection][0]! : null;
  if (counts.size === 0 && !selected) return null;
  const visible = visibleRect(viewport, size, 0);
  const shown = notes.filter((n) => (counts.has(n.id) || n.id === selected) && intersects(visible, n) && n.w * viewport.scale >= MIN_NOTE_PX);
  return (
    <div className="reaction-badges" style={{ ['--stamp-size' as string]: `${badgeSize(viewport.scale)}px` }}>
      {shown.map((n) => {
        const p = toScreen(viewport, { x: n.x, y: n.y + n.h });
        const active = n.id === selected;
        return (
          <div key={n.id} className={`reaction-badge${active ? ' active' : ''}`} style={{ left: p.x + 6, top: p.y }} data-note-id={n.id} data-testid="reaction-badge">
            <ReactionButtons doc={doc} noteId={n.id} counts={counts.get(n.id)} userId={active ? userId : null} labelled={active} />
          </div>
        );
      })}
    </div>
  );
}
