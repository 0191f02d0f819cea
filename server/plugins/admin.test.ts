import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../testing/inProcess';
import { createBoard, startServer, type RunningServer } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import { honestClient, type HonestClient } from '../reliability/honest';
import { rawSocket } from '../reliability/rawSocket';

const apps: Awaited<ReturnType<typeof startApp>>[] = [];
const servers: RunningServer[] = [];
const clients: { destroy(): void }[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const a of apps) {
    await a.close();
    rmSync(a.config.DATA_DIR, { recursive: true, force: true });
  }
  for (const s of servers) {
    await s.kill();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Two app instances over one store and one bus: two server processes behind a load balancer. */
async function twoProcesses() {
  const dataDir = mkdtempSync(join(tmpdir(), 'fusen-admin-'));
  dirs.push(dataDir);
  const store = new SqliteStore(dataDir);
  const bus = new LocalBus();
  const a = await startApp({ store, bus });
  const b = await startApp({ store, bus });
  apps.push(a, b);
  return { a, b, store, dataDir };
}
const api = (base: string, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
const closeOf = (c: HonestClient) =>
  new Promise<string>((res) => c.provider.once('connection-close', (e: CloseEvent | null) => res(`${e?.code ?? 0}: ${e?.reason ?? ''}`)));
async function participant(wsUrl: string, boardId: string, token: string) {
  const c = await honestClient(wsUrl, boardId, token);
  clients.push(c);
  await c.synced;
  return c;
}

describe('capability links: rotation and deletion by the facilitator', () => {
  it('rotates the participant link: the old one stops working, its sockets close with 4401 in every process', async () => {
    const { a, b } = await twoProcesses();
    const board = await createBoard(a.url);
    const onA = await participant(a.wsUrl, board.boardId, board.participantToken);
    const onB = await participant(b.wsUrl, board.boardId, board.participantToken);
    const viewer = connectClient(b.wsUrl, board.boardId, board.viewerToken);
    clients.push(viewer);
    await viewer.synced;
    let viewerClosed = false;
    viewer.provider.on('connection-close', () => (viewerClosed = true));

    const denied = await api(a.url, `/api/boards/${board.boardId}/rotate`, board.participantToken, { method: 'POST', body: JSON.stringify({ roles: ['participant'] }) });
    expect(denied.status).toBe(403);
    const bad = await api(a.url, `/api/boards/${board.boardId}/rotate`, board.facilitatorToken, { method: 'POST', body: JSON.stringify({ roles: ['facilitator'] }) });
    expect(bad.status).toBe(400);

    const closedA = closeOf(onA);
    const closedB = closeOf(onB);
    const r = await api(a.url, `/api/boards/${board.boardId}/rotate`, board.facilitatorToken, { method: 'POST', body: JSON.stringify({ roles: ['participant'] }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { participantToken: string; links: Record<string, string> };
    expect(body.participantToken).not.toBe(board.participantToken);
    expect(body.links.participant).toContain(body.participantToken);
    expect(body.links.viewer).toContain(board.viewerToken);
    expect(await closedA).toMatch(/^4401: this link was replaced/);
    expect(await closedB).toMatch(/^4401: this link was replaced/);
    onA.destroy();
    onB.destroy();

    // The old link opens nothing, anywhere; the new one and the untouched viewer link work.
    expect((await api(b.url, `/api/boards/${board.boardId}`, board.participantToken)).status).toBe(403);
    for (const base of [a, b]) {
      const old = rawSocket(base.wsUrl, board.boardId, board.participantToken);
      expect((await old.closed).code).toBe(4401);
    }
    expect((await api(b.url, `/api/boards/${board.boardId}`, body.participantToken)).status).toBe(200);
    const fresh = await participant(b.wsUrl, board.boardId, body.participantToken);
    fresh.write('新しいリンクで参加');
    expect(await eventually(() => [...new Map(viewer.doc.getMap('notes')).keys()].length === 1)).toBe(true);
    expect(viewerClosed).toBe(false);
  });

  it('deletes a board: sockets close with 4410 everywhere and its data is gone from the store and the file', async () => {
    const { a, b, store, dataDir } = await twoProcesses();
    const board = await createBoard(a.url, { title: '削除する研修' });
    const secret = '虐待の疑いがある世帯 8050 ケース';
    const onA = await participant(a.wsUrl, board.boardId, board.participantToken);
    const onB = await participant(b.wsUrl, board.boardId, board.participantToken);
    onA.write(secret);
    expect(await eventually(() => [...onB.texts().values()].includes(secret))).toBe(true);

    expect((await api(a.url, `/api/boards/${board.boardId}`, board.participantToken, { method: 'DELETE' })).status).toBe(403);
    const closedA = closeOf(onA);
    const closedB = closeOf(onB);
    const r = await api(a.url, `/api/boards/${board.boardId}`, board.facilitatorToken, { method: 'DELETE' });
    expect(r.status).toBe(204);
    expect(await closedA).toMatch(/^4410/);
    expect(await closedB).toMatch(/^4410/);
    onA.destroy();
    onB.destroy();

    expect((await api(b.url, `/api/boards/${board.boardId}`, board.facilitatorToken)).status).toBe(404);
    expect(await store.getBoard(board.boardId)).toBeNull();
    expect(await store.loadLog(board.boardId)).toEqual([]);
    await new Promise((res) => setTimeout(res, 300));
    expect(await store.loadLog(board.boardId)).toEqual([]);
    const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)));
    for (const f of files) expect(f.includes(Buffer.from(secret)), 'note text left in the database files').toBe(false);
  });
});

describe('viewers are read-only, presence included', () => {
  it("drops a viewer's cursor unless the facilitator allows viewer cursors", async () => {
    const a = await startApp();
    apps.push(a);
    const board = await createBoard(a.url);
    const p = await participant(a.wsUrl, board.boardId, board.participantToken);
    const viewer = connectClient(a.wsUrl, board.boardId, board.viewerToken);
    clients.push(viewer);
    await viewer.synced;
    viewer.provider.awareness.setLocalState({ user: { id: 'v', name: '見学者', color: '#000000', role: 'viewer' }, cursor: { x: 5, y: 5 } });
    const seesViewer = () => p.provider.awareness.getStates().has(viewer.doc.clientID);
    expect(await eventually(seesViewer, 500)).toBe(false);

    const denied = await api(a.url, `/api/boards/${board.boardId}/settings`, board.participantToken, { method: 'POST', body: JSON.stringify({ viewerCursors: true }) });
    expect(denied.status).toBe(403);
    const ok = await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { method: 'POST', body: JSON.stringify({ viewerCursors: true }) });
    expect(ok.status).toBe(200);
    viewer.provider.awareness.setLocalStateField('cursor', { x: 6, y: 6 });
    expect(await eventually(seesViewer)).toBe(true);
  });
});

describe('the edge: Origin, headers, CORS', () => {
  it('refuses a websocket from another origin with 4403 and accepts the public URL and non-browser clients', async () => {
    const a = await startApp({ env: { PUBLIC_URL: 'https://fusen.example.jp' } });
    apps.push(a);
    const board = await createBoard(a.url);
    const evil = rawSocket(a.wsUrl, board.boardId, board.viewerToken, { headers: { origin: 'https://evil.example' } });
    expect((await evil.closed).code).toBe(4403);
    for (const headers of [{ origin: 'https://fusen.example.jp' }, {} as Record<string, string>]) {
      const s = rawSocket(a.wsUrl, board.boardId, board.viewerToken, { headers });
      await s.opened;
      await new Promise((r) => setTimeout(r, 150));
      expect(s.ws.readyState).toBe(s.ws.OPEN);
      s.ws.close();
    }
  });

  it('without PUBLIC_URL, accepts a page served by the host it connects to (the hall LAN address)', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await createBoard(a.url);
    const host = new URL(a.url).host;
    const same = rawSocket(a.wsUrl, board.boardId, board.viewerToken, { headers: { origin: `http://${host}` } });
    await same.opened;
    same.ws.close();
    const other = rawSocket(a.wsUrl, board.boardId, board.viewerToken, { headers: { origin: 'http://192.0.2.1:8080' } });
    expect((await other.closed).code).toBe(4403);
  });

  it('sends security headers, and no CORS headers unless CORS_ORIGIN is set', async () => {
    const a = await startApp();
    apps.push(a);
    const r = await fetch(`${a.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBeTruthy();
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const withCors = await startApp({ env: { CORS_ORIGIN: 'https://partner.example' } });
    apps.push(withCors);
    const c = await fetch(`${withCors.url}/healthz`, { headers: { origin: 'https://partner.example' } });
    expect(c.headers.get('access-control-allow-origin')).toBe('https://partner.example');
  });
  it('over plain http asks no browser to upgrade to https (a hall LAN address), and keeps the strict headers with an https PUBLIC_URL', async () => {
    const hall = await startApp();
    apps.push(hall);
    const plain = await fetch(`${hall.url}/healthz`);
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const served = await startApp({ env: { PUBLIC_URL: 'https://fusen.example.jp' } });
    apps.push(served);
    const strict = await fetch(`${served.url}/healthz`);
    expect(strict.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(strict.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('tokens never reach the logs', () => {
  it('logs requests at info level without any token or client key', async () => {
    const s = await startServer({ env: { LOG_LEVEL: 'info' } });
    servers.push(s);
    const board = await createBoard(s.url);
    const key = 'secret-client-key-0123456789';
    await api(s.url, `/api/boards/${board.boardId}`, board.facilitatorToken);
    await fetch(`${s.url}/api/boards/${board.boardId}/export.json?token=${board.viewerToken}`);
    await fetch(`${s.url}/api/boards/${board.boardId}?token=${board.participantToken}&key=${key}`);
    await fetch(`${s.url}/api/nothing-here?token=${board.participantToken}`);
    await api(s.url, `/api/boards/${board.boardId}/lock`, board.facilitatorToken, { method: 'POST', body: '{"locked":"no"}' });
    const ws = connectClient(s.wsUrl, board.boardId, board.participantToken, { key });
    await ws.synced;
    ws.destroy();
    const wrong = rawSocket(s.wsUrl, board.boardId, `${board.participantToken}x`);
    await wrong.closed;
    const rotated = (await (await api(s.url, `/api/boards/${board.boardId}/rotate`, board.facilitatorToken, { method: 'POST', body: '{"roles":["viewer"]}' })).json()) as { viewerToken: string };
    await new Promise((r) => setTimeout(r, 300));
    const out = s.output();
    expect(out).toContain('"msg":"incoming request"');
    expect(out).toContain('[redacted]');
    for (const secret of [board.facilitatorToken, board.participantToken, board.viewerToken, rotated.viewerToken, key]) expect(out).not.toContain(secret);
  });
});
