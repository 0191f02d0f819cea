import type { z } from 'zod';
import { API, type RestoredBoardSchema, type SnapshotListSchema } from '../../../shared/api/contract';
import { request } from '../api';
import { storedPasscode } from '../join/passcode';

export type SnapshotItem = z.infer<typeof SnapshotListSchema>['snapshots'][number];
export type RestoredBoard = z.infer<typeof RestoredBoardSchema>;

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** A server download (`?token=` so the browser's own download handles big files). */
export function exportUrl(boardId: string, token: string, format: string, snapshotId?: string, mask = false): string {
  const passcode = storedPasscode(boardId);
  const extra = `${snapshotId ? `&snapshot=${encodeURIComponent(snapshotId)}` : ''}${mask ? '&mask=pii' : ''}${passcode ? `&passcode=${encodeURIComponent(passcode)}` : ''}`;
  return `${base(boardId)}/export.${format}?token=${encodeURIComponent(token)}${extra}`;
}

export const listSnapshots = async (boardId: string, token: string) => (await request(API.listSnapshots, { params: { boardId }, token })).snapshots;

export const saveSnapshot = (boardId: string, token: string, name: string) => request(API.takeSnapshot, { params: { boardId }, token, body: { name } });

export const fetchSnapshot = (boardId: string, token: string, snapshotId: string) => request(API.snapshot, { params: { boardId, snapshotId }, token });

export const restoreSnapshot = (boardId: string, token: string, snapshotId: string) =>
  request(API.restoreSnapshot, { params: { boardId, snapshotId }, token, body: {} });
