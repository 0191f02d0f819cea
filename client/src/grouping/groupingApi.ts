import type { GroupingResult } from '../../../shared/grouping';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** Why the server's grouping could not be had; the caller may then group on this device instead. */
export class GroupingUnavailable extends Error {}

/**
 * The server's grouping of the board (the learned model, whose dictionary a phone should not download).
 * Facilitator only. Throws GroupingUnavailable when the server cannot be reached or answers with an error.
 */
export async function fetchGrouping(boardId: string, token: string): Promise<GroupingResult> {
  let res: Response;
  try {
    res = await fetch(`${base(boardId)}/grouping`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  } catch (e) {
    throw new GroupingUnavailable(e instanceof Error ? e.message : String(e));
  }
  const body = (await res.json().catch(() => ({}))) as { grouping?: GroupingResult; error?: string };
  if (!res.ok || !body.grouping || !Array.isArray(body.grouping.notes)) throw new GroupingUnavailable(body.error ?? res.statusText);
  return body.grouping;
}

/** Asks the server to load its model now, so the first Auto-group does not wait for it; failures are ignored. */
export function warmGrouping(boardId: string, token: string): void {
  void fetch(`${base(boardId)}/grouping/warm`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => {});
}

/** The board's hand-set categories as labelled JSON lines (a browser download, hence the token in the query). */
export const correctionsUrl = (boardId: string, token: string): string => `${base(boardId)}/corrections.jsonl?token=${encodeURIComponent(token)}`;
