import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient } from '../testing/clients';
import { writeNotes } from './exportTesting';
import { DAY_MS, sweepRetention } from '../rooms/retention';

const post = (url: string, token: string) => fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
const info = async (url: string, b: { boardId: string; facilitatorToken: string }) =>
  (await fetch(`${url}/api/boards/${b.boardId}`, { headers: { authorization: `Bearer ${b.facilitatorToken}` } })).json() as Promise<{ deleteAfter?: string; createdAt: number }>;

describe('RETENTION_DAYS', () => {
  let srv: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    srv = await startApp({ env: { RETENTION_DAYS: '30' } });
  });
  afterAll(() => srv.close());

  it('names when a board will be deleted, counting from its last change', async () => {
    const b = await createBoard(srv.url);
    const created = await info(srv.url, b);
    expect(Date.parse(created.deleteAfter!)).toBe(created.createdAt + 30 * DAY_MS);
    await writeNotes(srv, b, ['相談窓口がわかりにくい']);
    const { touchedAt } = (await srv.store.boardActivity(b.boardId))!;
    expect(touchedAt).toBeGreaterThan(created.createdAt);
    expect(Date.parse((await info(srv.url, b)).deleteAfter!)).toBe(touchedAt + 30 * DAY_MS);
  });

  it('deletes the boards left unchanged that long, with their snapshots and audit, and keeps the rest', async () => {
    const idle = await createBoard(srv.url, { title: '放置されたボード' });
    const busy = await createBoard(srv.url, { title: '使われているボード' });
    await fetch(`${srv.url}/api/boards/${idle.boardId}/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idle.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '終わりに' }),
    });
    const watcher = connectClient(srv.wsUrl, idle.boardId, idle.participantToken);
    await watcher.synced;
    const closed = new Promise<number>((res) => watcher.provider.once('connection-close', (e: CloseEvent | null) => res(e?.code ?? 0)));
    const later = Date.now() + 31 * DAY_MS;
    await srv.store.touchBoard(busy.boardId, Date.now() + 20 * DAY_MS);
    // Two processes sweeping at once delete each board once and fail nowhere.
    const [a, c] = await Promise.all([sweepRetention(srv.store, srv.app.lifecycle, 30, later), sweepRetention(srv.store, srv.app.lifecycle, 30, later)]);
    expect(a + c).toBeGreaterThanOrEqual(1);
    expect(await closed).toBe(4410);
    watcher.destroy();
    expect((await fetch(`${srv.url}/api/boards/${idle.boardId}`, { headers: { authorization: `Bearer ${idle.facilitatorToken}` } })).status).toBe(404);
    expect(await srv.store.listSnapshots(idle.boardId)).toEqual([]);
    expect(await srv.store.listAudit(idle.boardId)).toEqual([]);
    expect(await srv.store.getBoard(busy.boardId)).not.toBeNull();
  });

  it('lets the facilitator put it off once per period, and nobody else', async () => {
    const b = await createBoard(srv.url);
    const url = `${srv.url}/api/boards/${b.boardId}/retention`;
    expect((await post(url, b.participantToken)).status).toBe(403);
    const r = await post(url, b.facilitatorToken);
    expect(r.status).toBe(200);
    const { deleteAfter } = (await r.json()) as { deleteAfter: string };
    expect(Date.parse(deleteAfter)).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect((await info(srv.url, b)).deleteAfter).toBe(deleteAfter);
    const again = await post(url, b.facilitatorToken);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/once per 30 days/);
    expect((await srv.store.listAudit(b.boardId)).map((e) => e.action)).toEqual(['extend']);
  });
});

describe('without RETENTION_DAYS', () => {
  let srv: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    srv = await startApp();
  });
  afterAll(() => srv.close());

  it('keeps every board: no deletion date, and nothing to extend', async () => {
    const b = await createBoard(srv.url);
    expect((await info(srv.url, b)).deleteAfter).toBeUndefined();
    const r = await post(`${srv.url}/api/boards/${b.boardId}/retention`, b.facilitatorToken);
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: string }).error).toMatch(/RETENTION_DAYS is not set/);
  });
});
