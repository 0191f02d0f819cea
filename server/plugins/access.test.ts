import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { addNote, readBoard } from '../../shared/board/doc';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

type App = Awaited<ReturnType<typeof startApp>>;
const clients: ReturnType<typeof connectClient>[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

/** The first close the server sends a raw socket: `code reason`. */
function closeOf(srv: App, boardId: string, params: Record<string, string>): Promise<string> {
  const ws = new WebSocket(`${srv.wsUrl}/${boardId}?${new URLSearchParams(params)}`);
  return new Promise((res) => ws.on('close', (code, reason) => res(`${code} ${reason.toString()}`)));
}

async function participant(srv: App, boardId: string, token: string, passcode?: string) {
  const key = newClientKey();
  const c = connectClient(srv.wsUrl, boardId, token, passcode ? { key, passcode } : { key });
  clients.push(c);
  await c.synced;
  return Object.assign(c, { userId: await userIdFromKey(key) });
}

const info = (srv: App, b: { boardId: string }, token: string, passcode?: string) =>
  fetch(`${srv.url}/api/boards/${b.boardId}`, { headers: { authorization: `Bearer ${token}`, ...(passcode ? { 'x-board-passcode': passcode } : {}) } });

describe('a board with a passcode', () => {
  let srv: App;
  beforeAll(async () => {
    srv = await startApp();
  });
  afterAll(() => srv.close());

  it('lets participants in only with it, on the socket and REST alike; the facilitator and viewers are never asked', async () => {
    const b = await createBoard(srv.url, { title: '会場の研修', passcode: '2468' });
    expect(await closeOf(srv, b.boardId, { token: b.participantToken })).toBe('4423 passcode required');
    expect(await closeOf(srv, b.boardId, { token: b.participantToken, passcode: '1357' })).toBe('4423 wrong passcode');
    const p = await participant(srv, b.boardId, b.participantToken, '２４６８');
    expect(readBoard(p.doc).sections.length).toBeGreaterThan(0);
    await participant(srv, b.boardId, b.facilitatorToken);
    await participant(srv, b.boardId, b.viewerToken);

    const refused = await info(srv, b, b.participantToken);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'passcode required', field: 'passcode' });
    const ok = await info(srv, b, b.participantToken, '2468');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { passcode: boolean }).passcode).toBe(true);
    expect((await fetch(`${srv.url}/api/boards/${b.boardId}/export.csv?token=${b.participantToken}&passcode=2468`)).status).toBe(200);
  });

  it('keeps only a salted hash of it', async () => {
    const b = await createBoard(srv.url, { passcode: 'さくら2024' });
    const { passcodeHash } = await srv.store.getAccess(b.boardId);
    expect(passcodeHash).toMatch(/^scrypt\$/);
    expect(passcodeHash).not.toContain('さくら2024');
    const file = readFileSync(join(srv.config.DATA_DIR, 'boards.sqlite3'));
    expect(file.includes(Buffer.from('さくら2024'))).toBe(false);
  });

  it('refuses a passcode that is too short, and a session that ends before it starts', async () => {
    const create = (body: object) => fetch(`${srv.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const short = await create({ passcode: '12' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { field: string }).field).toBe('passcode');
    const past = await create({ expiresAt: '2020-01-01T10:00:00+09:00' });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: string }).error).toMatch(/would end before it starts/);
  });
});

describe('wrong passcodes from one address', () => {
  let srv: App;
  beforeAll(async () => {
    srv = await startApp();
  });
  afterAll(() => srv.close());

  it('are counted: after five, even the right one waits', async () => {
    const b = await createBoard(srv.url, { passcode: '2468' });
    for (let i = 0; i < 5; i++) expect((await info(srv, b, b.participantToken, `000${i}`)).status).toBe(403);
    const held = await info(srv, b, b.participantToken, '2468');
    expect(held.status).toBe(429);
    expect(await closeOf(srv, b.boardId, { token: b.participantToken, passcode: '2468' })).toBe('4429 too many wrong passcodes');
  });
});

describe('the end of a session', () => {
  let srv: App;
  beforeAll(async () => {
    srv = await startApp();
  });
  afterAll(() => srv.close());

  it('comes at expiresAt: participants still read, no longer write; the facilitator does', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const b = await createBoard(srv.url, { expiresAt });
    const p = await participant(srv, b.boardId, b.participantToken);
    const f = await participant(srv, b.boardId, b.facilitatorToken);
    addNote(p.doc, { text: '間に合った', x: 0, y: 0, authorId: p.userId });
    expect(await eventually(() => readBoard(f.doc).notes.length === 1)).toBe(true);
    expect(await eventually(() => readBoard(p.doc).meta.sessionEnded === true, 5000)).toBe(true);
    addNote(p.doc, { text: '終了後', x: 0, y: 0, authorId: p.userId });
    addNote(f.doc, { text: '進行役のまとめ', x: 0, y: 0, authorId: f.userId });
    expect(await eventually(() => readBoard(p.doc).notes.some((n) => n.text === '進行役のまとめ'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(readBoard(f.doc).notes.map((n) => n.text).sort()).toEqual(['進行役のまとめ', '間に合った']);
    expect(((await (await info(srv, b, b.facilitatorToken)).json()) as { expiresAt: string }).expiresAt).toBe(expiresAt);
  });

  it('comes at once when the facilitator ends it, and nobody else can', async () => {
    const b = await createBoard(srv.url);
    const p = await participant(srv, b.boardId, b.participantToken);
    const end = (token: string) => fetch(`${srv.url}/api/boards/${b.boardId}/end`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await end(b.participantToken)).status).toBe(403);
    expect((await end(b.facilitatorToken)).status).toBe(200);
    expect(await eventually(() => readBoard(p.doc).meta.sessionEnded === true)).toBe(true);
    expect((await srv.store.listAudit(b.boardId)).map((e) => e.action)).toEqual(['end']);
  });
});
