import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectedApp, type InjectedApp } from '../testing/injected';
import { createBoard } from '../testing/startServer';

let srv: InjectedApp;
beforeAll(async () => {
  srv = await injectedApp();
});
afterAll(() => srv.close());

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  srv.fetch(`${srv.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
  });

describe('boards API', () => {
  it('creates a board with three unguessable capability links', async () => {
    const b = await createBoard(srv, { title: '当別町 重層的支援体制 研修', template: 'impressions-unclear', groups: 3 });
    expect(b.boardId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const t of [b.facilitatorToken, b.participantToken, b.viewerToken]) expect(Buffer.from(t, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(new Set([b.facilitatorToken, b.participantToken, b.viewerToken]).size).toBe(3);
    expect(b.links.participant).toBe(`${srv.url}/b/${b.boardId}?token=${b.participantToken}`);
    const summary = await (await api(`/api/boards/${b.boardId}`, { token: b.participantToken })).json();
    expect(summary).toMatchObject({ title: '当別町 重層的支援体制 研修', role: 'participant', noteCount: 0, groups: ['A', 'B', 'C'] });
    expect(summary.sectionCount).toBe(9); // per group: まとめ + two columns
  });

  it('keeps only hashes of the tokens in the store, yet shows the facilitator the three links again, after a rotation too', async () => {
    const b = await createBoard(srv, { title: '苫小牧' });
    const stored = JSON.stringify(await srv.store.getBoard(b.boardId));
    for (const t of [b.facilitatorToken, b.participantToken, b.viewerToken]) expect(stored).not.toContain(t);
    const links = async (token: string) => (await api(`/api/boards/${b.boardId}/links`, { token })).json();
    expect(await links(b.facilitatorToken)).toEqual({ links: b.links });
    expect((await api(`/api/boards/${b.boardId}/links`, { token: b.participantToken })).status).toBe(403);
    const rotated = (await (await api(`/api/boards/${b.boardId}/rotate`, { method: 'POST', token: b.facilitatorToken, body: JSON.stringify({ roles: ['participant'] }) })).json()) as {
      participantToken: string;
    };
    expect(await links(b.facilitatorToken)).toEqual({ links: { ...b.links, participant: `${srv.url}/b/${b.boardId}?token=${rotated.participantToken}` } });
    expect(JSON.stringify(await srv.store.getBoard(b.boardId))).not.toContain(rotated.participantToken);
    expect((await api(`/api/boards/${b.boardId}`, { token: rotated.participantToken })).status).toBe(200);
    expect((await api(`/api/boards/${b.boardId}`, { token: b.participantToken })).status).toBe(403);
  });

  it('rejects bad input with 400 naming the field, and creates nothing', async () => {
    const r = await api('/api/boards', { method: 'POST', body: JSON.stringify({ groups: 'three' }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'groups' });
    const r2 = await api('/api/boards', { method: 'POST', body: JSON.stringify({ template: 'kanban' }) });
    expect((await r2.json()).field).toBe('template');
    const r3 = await api('/api/boards', { method: 'POST', body: '{"title": ' });
    expect(r3.status).toBe(400);
    expect((await r3.json()).error).toBeTruthy();
  });

  it('answers 404 for an unknown board and 401/403 for a missing or wrong token', async () => {
    const b = await createBoard(srv);
    expect((await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA', { token: b.facilitatorToken })).status).toBe(404);
    const missing = await api(`/api/boards/${b.boardId}`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toHaveProperty('error');
    expect((await api(`/api/boards/${b.boardId}`, { token: 'x'.repeat(32) })).status).toBe(403);
    expect((await api(`/api/boards/${b.boardId}/export.json?token=${b.viewerToken}`)).status).toBe(200);
  });

  it('lets only the facilitator lock the board', async () => {
    const b = await createBoard(srv);
    const denied = await api(`/api/boards/${b.boardId}/lock`, { method: 'POST', token: b.participantToken, body: JSON.stringify({ locked: true }) });
    expect(denied.status).toBe(403);
    expect((await (await api(`/api/boards/${b.boardId}`, { token: b.facilitatorToken })).json()).locked).toBe(false);
    const bad = await api(`/api/boards/${b.boardId}/lock`, { method: 'POST', token: b.facilitatorToken, body: JSON.stringify({ locked: 'yes' }) });
    expect(bad.status).toBe(400);
    const ok = await api(`/api/boards/${b.boardId}/lock`, { method: 'POST', token: b.facilitatorToken, body: JSON.stringify({ locked: true }) });
    expect(ok.status).toBe(200);
    expect((await (await api(`/api/boards/${b.boardId}`, { token: b.viewerToken })).json()).locked).toBe(true);
  });
});
