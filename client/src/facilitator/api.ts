import { z } from 'zod';
import { ApiError } from '../api';

async function call(path: string, token: string, body?: unknown): Promise<unknown> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: unknown };
  if (!res.ok) throw new ApiError(res.status, typeof data.error === 'string' ? data.error : res.statusText);
  return data;
}

/**
 * The lock goes through the server (not just the doc's flag): the server then refuses every
 * participant update while it is on, whatever their client does.
 */
export async function setBoardLocked(boardId: string, token: string, locked: boolean): Promise<boolean> {
  const r = z.object({ locked: z.boolean() }).parse(await call(`/api/boards/${encodeURIComponent(boardId)}/lock`, token, { locked }));
  return r.locked;
}

export async function fetchParticipantLink(boardId: string, token: string): Promise<string> {
  const r = z.object({ links: z.object({ participant: z.string() }) }).parse(await call(`/api/boards/${encodeURIComponent(boardId)}/links`, token));
  return r.links.participant;
}
