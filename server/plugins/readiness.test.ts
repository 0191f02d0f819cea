import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import { readNudge } from '../../shared/board/readiness';
import { newClientKey } from '../../shared/board/ids';

const apps: Awaited<ReturnType<typeof startApp>>[] = [];
const cleanups: (() => void)[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of cleanups) c();
  for (const a of apps) await a.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const nudge = (base: string, boardId: string, token: string, body: unknown) =>
  fetch(`${base}/api/boards/${boardId}/nudge`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function client(wsUrl: string, boardId: string, token: string) {
  const c = connectClient(wsUrl, boardId, token, { key: newClientKey() });
  cleanups.push(c.destroy);
  await c.synced;
  return c;
}

describe('POST /api/boards/:boardId/nudge', () => {
  it('reaches every participant and viewer socket, with the facilitator’s words or none', async () => {
    const srv = await startApp();
    apps.push(srv);
    const b = await createBoard(srv.url, { template: 'troubles', groups: 2 });
    const [phone, projector] = await Promise.all([client(srv.wsUrl, b.boardId, b.participantToken), client(srv.wsUrl, b.boardId, b.viewerToken)]);
    const res = await nudge(srv.url, b.boardId, b.facilitatorToken, {});
    expect(res.status).toBe(200);
    const sent = (await res.json()) as { at: number; message?: string };
    expect(sent.message).toBeUndefined();
    for (const c of [phone, projector]) expect(await eventually(() => readNudge(c.doc)?.at === sent.at)).toBe(true);

    const again = await nudge(srv.url, b.boardId, b.facilitatorToken, { message: '  あと30秒です ' });
    const second = (await again.json()) as { at: number; message?: string };
    expect(second.message).toBe('あと30秒です');
    expect(await eventually(() => readNudge(projector.doc)?.message === 'あと30秒です')).toBe(true);
  });

  it('is the facilitator’s alone, and names a bad message', async () => {
    const srv = await startApp();
    apps.push(srv);
    const b = await createBoard(srv.url, {});
    expect((await nudge(srv.url, b.boardId, b.participantToken, {})).status).toBe(403);
    expect((await nudge(srv.url, b.boardId, b.viewerToken, {})).status).toBe(403);
    const long = await nudge(srv.url, b.boardId, b.facilitatorToken, { message: 'あ'.repeat(101) });
    expect(long.status).toBe(400);
    expect((await long.json()).field).toBe('message');
    expect((await nudge(srv.url, b.boardId, b.facilitatorToken, { message: 1 })).status).toBe(400);
    const phone = await client(srv.wsUrl, b.boardId, b.participantToken);
    expect(readNudge(phone.doc)).toBeNull();
  });

  it('with two processes on one bus, a nudge sent to one reaches a projector on the other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fusen-nudge-'));
    dirs.push(dataDir);
    const store = new SqliteStore(dataDir);
    const bus = new LocalBus();
    const a = await startApp({ store, bus });
    const bProc = await startApp({ store, bus });
    apps.push(a, bProc);
    const board = await createBoard(a.url, { template: 'troubles', groups: 2 });
    const projector = await client(bProc.wsUrl, board.boardId, board.viewerToken);
    const res = await nudge(a.url, board.boardId, board.facilitatorToken, {});
    const { at } = (await res.json()) as { at: number };
    expect(await eventually(() => readNudge(projector.doc)?.at === at)).toBe(true);
  });
});
