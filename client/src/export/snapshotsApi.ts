import type { JsonExport } from '../../../shared/export/json';

export interface SnapshotItem {
  id: string;
  name: string;
  createdAt: number;
}

export interface RestoredBoard {
  boardId: string;
  links: { facilitator: string; participant: string; viewer: string };
}

async function call<T>(url: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(body.error ?? res.statusText);
  return body as T;
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** A server download (`?token=` so the browser's own download handles big files). */
export const exportUrl = (boardId: string, token: string, format: string, snapshotId?: string): string =>
  `${base(boardId)}/export.${format}?token=${encodeURIComponent(token)}${snapshotId ? `&snapshot=${encodeURIComponent(snapshotId)}` : ''}`;

export const listSnapshots = (boardId: string, token: string) => call<{ snapshots: SnapshotItem[] }>(`${base(boardId)}/snapshots`, token).then((r) => r.snapshots);

export const saveSnapshot = (boardId: string, token: string, name: string) =>
  call<{ snapshotId: string }>(`${base(boardId)}/snapshots`, token, { method: 'POST', body: JSON.stringify({ name }) });

export const fetchSnapshot = (boardId: string, token: string, snapshotId: string) =>
  call<JsonExport>(`${base(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`, token);

export const restoreSnapshot = (boardId: string, token: string, snapshotId: string) =>
  call<RestoredBoard>(`${base(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, token, { method: 'POST', body: '{}' });
