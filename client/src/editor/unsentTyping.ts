import type { UnsentStore, UnsentTyping } from './textBinding';

// Note ids are random and unique across boards, so the note alone names the place.
const keyOf = (noteId: string) => `fusen.unsent.${noteId}`;

function read(noteId: string): UnsentTyping | null {
  try {
    const v = JSON.parse(localStorage.getItem(keyOf(noteId)) ?? 'null') as Partial<UnsentTyping> | null;
    return typeof v?.base === 'string' && typeof v.box === 'string' ? { base: v.base, box: v.box } : null;
  } catch {
    return null;
  }
}

/** Typing over the limit kept in this browser's storage until the note takes it. */
export function unsentTypingOn(noteId: string): UnsentStore {
  return {
    load: () => read(noteId),
    save(typing) {
      try {
        localStorage.setItem(keyOf(noteId), JSON.stringify(typing));
      } catch {
        // Storage full or disabled: the typing lives as long as the page.
      }
    },
    clear() {
      try {
        localStorage.removeItem(keyOf(noteId));
      } catch {
        // Nothing was kept.
      }
    },
  };
}

/** How long the typing kept on this device for the note is, if any: the note's view says it is waiting. */
export const unsentLength = (noteId: string): number | null => read(noteId)?.box.length ?? null;
