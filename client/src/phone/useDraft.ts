import { useCallback, useState } from 'react';

export interface Draft {
  text: string;
  sectionId: string | null;
}

const keyOf = (boardId: string) => `fusen.draft.${boardId}`;

function load(boardId: string): Draft {
  try {
    const v = JSON.parse(localStorage.getItem(keyOf(boardId)) ?? 'null') as Partial<Draft> | null;
    return { text: typeof v?.text === 'string' ? v.text : '', sectionId: typeof v?.sectionId === 'string' ? v.sectionId : null };
  } catch {
    return { text: '', sectionId: null };
  }
}

/**
 * The note being typed, saved on every keystroke per board: a dropped connection, a reload or a
 * phone that kills the tab never loses what someone wrote before they pressed send.
 */
export function useDraft(boardId: string): [Draft, (patch: Partial<Draft>) => void] {
  const [draft, setDraft] = useState(() => load(boardId));
  const update = useCallback(
    (patch: Partial<Draft>) =>
      setDraft((d) => {
        const next = { ...d, ...patch };
        try {
          localStorage.setItem(keyOf(boardId), JSON.stringify(next));
        } catch {
          // Storage full or disabled: the draft lives as long as the page.
        }
        return next;
      }),
    [boardId],
  );
  return [draft, update];
}
