import { LIMITS } from '../../../shared/board';

/** What a person chose when joining one board: shown name (may be empty) and group. Kept per board. */
export interface Joined {
  name: string;
  group: string | null;
}

const keyOf = (boardId: string) => `fusen.join.${boardId}`;

export function loadJoined(boardId: string): Joined | null {
  try {
    const raw = localStorage.getItem(keyOf(boardId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Joined>;
    return {
      name: typeof v.name === 'string' ? v.name.slice(0, LIMITS.displayNameMax) : '',
      group: typeof v.group === 'string' && v.group.length <= 16 ? v.group : null,
    };
  } catch {
    return null;
  }
}

export function saveJoined(boardId: string, joined: Joined): void {
  try {
    localStorage.setItem(keyOf(boardId), JSON.stringify(joined));
  } catch {
    // Storage disabled: they are asked again next time.
  }
}
