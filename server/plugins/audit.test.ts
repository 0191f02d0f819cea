import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { writeNotes } from './exportTesting';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';
import type { SqliteStore } from '../store/sqlite';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

const key = newClientKey();
const call = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${srv.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${token}`, 'x-client-key': key, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

type Entry = { at: number; action: string; role: string; userId: string | null; detail: Record<string, unknown> };

describe('a board’s audit log', () => {
  it('records every facilitator action with its time, role and user id, and no token, key or note text', async () => {
    const b = await createBoard(srv.url, { title: '苫小牧市 第2回研修' });
    const secret = '〇〇さん宅の8050の相談';
    await writeNotes(srv, b, [secret]);
    // writeNotes waits for the notes through an export of its own: what follows is this test's.
    const earlier = (await srv.store.listAudit(b.boardId)).length;
    const base = `/api/boards/${b.boardId}`;
    const started = Date.now();
    expect((await call(`${base}/lock`, b.facilitatorToken, { body: { locked: true } })).status).toBe(200);
    expect((await call(`${base}/lock`, b.facilitatorToken, { body: { locked: false } })).status).toBe(200);
    expect((await call(`${base}/settings`, b.facilitatorToken, { body: { viewerCursors: true } })).status).toBe(200);
    const snap = (await (await call(`${base}/snapshots`, b.facilitatorToken, { body: { name: '討議のあと' } })).json()) as { snapshotId: string };
    expect((await call(`${base}/export.xlsx`, b.facilitatorToken)).status).toBe(200);
    expect((await call(`${base}/export.csv?snapshot=${snap.snapshotId}`, b.facilitatorToken)).status).toBe(200);
    expect((await fetch(`${srv.url}${base}/export.md?token=${b.viewerToken}`)).status).toBe(200);
    expect((await fetch(`${srv.url}${base}/export.md?token=${b.viewerToken}`, { method: 'HEAD' })).status).toBe(200);
    const restored = (await (await call(`${base}/snapshots/${snap.snapshotId}/restore`, b.facilitatorToken, { body: {} })).json()) as { boardId: string };
    const rotated = (await (await call(`${base}/rotate`, b.facilitatorToken, { body: { roles: ['participant'] } })).json()) as { participantToken: string };

    const r = await call(`${base}/audit`, b.facilitatorToken);
    expect(r.status).toBe(200);
    const all = ((await r.json()) as { entries: Entry[] }).entries;
    const entries = all.slice(earlier);
    const me = await userIdFromKey(key);
    expect(entries.map((e) => [e.action, e.role, e.userId])).toEqual([
      ['lock', 'facilitator', me],
      ['unlock', 'facilitator', me],
      ['settings', 'facilitator', me],
      ['snapshot', 'facilitator', me],
      ['export', 'facilitator', me],
      ['export', 'facilitator', me],
      ['export', 'viewer', null],
      ['restore', 'facilitator', me],
      ['rotate', 'facilitator', me],
    ]);
    expect(entries.map((e) => e.detail)).toEqual([
      {},
      {},
      { viewerCursors: true },
      { snapshotId: snap.snapshotId },
      { format: 'xlsx' },
      { format: 'csv', snapshotId: snap.snapshotId },
      { format: 'md' },
      { snapshotId: snap.snapshotId, restoredAs: restored.boardId },
      { roles: 'participant', socketsClosed: 0 },
    ]);
    expect(entries.every((e) => e.at >= started && e.at <= Date.now())).toBe(true);

    const stored = (srv.store as SqliteStore).db.prepare('SELECT * FROM audit WHERE board_id = ?').all(b.boardId);
    for (const text of [JSON.stringify(all), JSON.stringify(stored)]) {
      for (const never of [b.facilitatorToken, b.participantToken, b.viewerToken, rotated.participantToken, key, secret, '8050']) expect(text).not.toContain(never);
    }
  });

  it('is for the facilitator only: 403 for participants and viewers, 401 without a token', async () => {
    const b = await createBoard(srv.url);
    const path = `/api/boards/${b.boardId}/audit`;
    expect((await call(path, b.participantToken)).status).toBe(403);
    expect((await call(path, b.viewerToken)).status).toBe(403);
    expect((await fetch(`${srv.url}${path}`)).status).toBe(401);
  });

  it('goes with its board when the board is deleted', async () => {
    const b = await createBoard(srv.url);
    await call(`/api/boards/${b.boardId}/lock`, b.facilitatorToken, { body: { locked: true } });
    expect(await srv.store.listAudit(b.boardId)).toHaveLength(1);
    expect((await call(`/api/boards/${b.boardId}`, b.facilitatorToken, { method: 'DELETE' })).status).toBe(204);
    expect(await srv.store.listAudit(b.boardId)).toEqual([]);
  });
});
