import { useMemo, useState } from 'react';
import type { Section } from '../../../shared/board';
import { loadJoined, saveJoined, type Joined } from './joinStorage';

/** The groups (A, B, C…) of a board, once each, in the order its sections come. */
export function boardGroups(sections: readonly Pick<Section, 'group'>[]): string[] {
  return [...new Set(sections.map((s) => s.group))];
}

/** The group someone chose, while the board still has it (a facilitator may rebuild the board). */
export function chosenGroup(joined: Joined | null, groups: readonly string[]): string | null {
  return joined?.group && groups.includes(joined.group) ? joined.group : null;
}

/**
 * What this person chose on joining a board (name and group), remembered per board in this browser;
 * the phone form and the desktop board ask it with the same dialog and share this record.
 */
export function useJoin(boardId: string, sections: readonly Pick<Section, 'group'>[]) {
  const [joined, setJoined] = useState<Joined | null>(() => loadJoined(boardId));
  const [changing, setChanging] = useState(false);
  const groups = useMemo(() => boardGroups(sections), [sections]);
  return {
    joined,
    groups,
    group: chosenGroup(joined, groups),
    /** The person asked to change their answers (the dialog opens again). */
    changing,
    change: () => setChanging(true),
    join: (j: Joined) => {
      saveJoined(boardId, j);
      setJoined(j);
      setChanging(false);
    },
  };
}
