import { setNameAction, useDispatch } from '../actions';
import { JoinDialog } from '../join/JoinDialog';
import type { useJoin } from '../join/useJoin';
import { NamePrompt } from '../ui/NamePrompt';
import { useSession, type BoardSession } from './session';

export interface IdentityPromptsProps {
  session: BoardSession;
  join: ReturnType<typeof useJoin>;
  /** A participant on a board with groups picks one (and a name), as on the phone. */
  asksGroup: boolean;
  anonymous: boolean;
  /** Whether the board's groups are known yet: asking for a name before would flash the wrong prompt. */
  boardKnown: boolean;
  /** Viewers are not asked who they are. */
  writes: boolean;
}

/** Who this person is on the board: the join dialog (group and name) or, without groups, the name prompt. */
export function IdentityPrompts({ session, join, asksGroup, anonymous, boardKnown, writes }: IdentityPromptsProps) {
  const dispatch = useDispatch();
  const { name, group, askName } = useSession(session);
  if (asksGroup && (join.changing || !join.joined)) {
    return (
      <JoinDialog
        groups={join.groups}
        anonymous={anonymous}
        initial={{ name, group }}
        onJoin={(j) => {
          if (!anonymous) dispatch(setNameAction, { name: j.name });
          session.set({ askName: false });
          join.join(j);
        }}
      />
    );
  }
  if (askName && writes && !asksGroup && boardKnown) return <NamePrompt initial={name} onDone={(n) => dispatch(setNameAction, { name: n })} />;
  return null;
}
