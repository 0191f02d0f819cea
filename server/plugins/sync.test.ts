import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApp } from '../testing/inProcess';
import { createBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { addNote, readBoard, setNoteText } from '../../shared/board/doc';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

let srv: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  srv = await startApp();
});
afterAll(() => srv.close());

const clients: ReturnType<typeof connectClient>[] = [];
/** Joins with a secret key, as a browser does: the server accepts notes only in `userId`, derived from it. */
const client = (boardId: string, token: string) => {
  const key = newClientKey();
  const c = Object.assign(connectClient(srv.wsUrl, boardId, token, { key }), { userId: userIdFromKey(key) });
  clients.push(c);
  return c;
};
afterAll(() => clients.forEach((c) => c.destroy()));

const texts = (c: ReturnType<typeof connectClient>) => readBoard(c.doc).notes.map((n) => n.text);

describe('sync over the y-websocket protocol', () => {
  it('two stock WebsocketProvider clients converge', async () => {
    const b = await createBoard(srv.url);
    const a = client(b.boardId, b.participantToken);
    const c = client(b.boardId, b.participantToken);
    await Promise.all([a.synced, c.synced]);
    expect(readBoard(a.doc).sections.length).toBeGreaterThan(0);
    const id = addNote(a.doc, { text: '伴走型支援が印象に残った', x: 10, y: 10, authorId: await a.userId });
    addNote(c.doc, { text: 'わからなかった: 参加支援', x: 200, y: 10, authorId: await c.userId });
    expect(await eventually(() => texts(a).length === 2 && texts(c).length === 2)).toBe(true);
    setNoteText(a.doc, id, '伴走型支援がとても印象に残った');
    expect(await eventually(() => texts(c).includes('伴走型支援がとても印象に残った'))).toBe(true);
    expect(texts(a).sort()).toEqual(texts(c).sort());
  });

  it("never passes a viewer's edits to anyone", async () => {
    const b = await createBoard(srv.url);
    const viewer = client(b.boardId, b.viewerToken);
    const writer = client(b.boardId, b.participantToken);
    await Promise.all([viewer.synced, writer.synced]);
    addNote(viewer.doc, { text: 'viewer should not write', x: 0, y: 0, authorId: 'v' });
    addNote(writer.doc, { text: 'participant note', x: 0, y: 0, authorId: await writer.userId });
    expect(await eventually(() => texts(viewer).includes('participant note'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts(writer)).toEqual(['participant note']);
    const late = client(b.boardId, b.facilitatorToken);
    await late.synced;
    expect(await eventually(() => texts(late).length === 1)).toBe(true);
    expect(texts(late)).toEqual(['participant note']);
  });

  it('applies no participant update while the board is locked', async () => {
    const b = await createBoard(srv.url);
    const p = client(b.boardId, b.participantToken);
    const f = client(b.boardId, b.facilitatorToken);
    await Promise.all([p.synced, f.synced]);
    const r = await fetch(`${srv.url}/api/boards/${b.boardId}/lock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    expect(r.status).toBe(200);
    expect(await eventually(() => readBoard(p.doc).meta.locked)).toBe(true);
    addNote(p.doc, { text: 'written while locked', x: 0, y: 0, authorId: await p.userId });
    addNote(f.doc, { text: 'facilitator while locked', x: 0, y: 0, authorId: 'f' });
    expect(await eventually(() => texts(p).includes('facilitator while locked'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts(f)).toEqual(['facilitator while locked']);
  });

  it('shows the lock the server enforces: a lock flag a client writes itself is put back, and holds nobody', async () => {
    const b = await createBoard(srv.url);
    const p = client(b.boardId, b.participantToken);
    const f = client(b.boardId, b.facilitatorToken);
    await Promise.all([p.synced, f.synced]);
    f.doc.getMap('meta').set('locked', true);
    expect(await eventually(() => f.doc.getMap('meta').get('locked') === false)).toBe(true);
    expect(readBoard(p.doc).meta.locked).toBe(false);
    addNote(p.doc, { text: 'まだ書ける', x: 0, y: 0, authorId: await p.userId });
    expect(await eventually(() => texts(f).includes('まだ書ける'))).toBe(true);
  });

  it('closes a socket with a clear code for a bad token or an unknown board', async () => {
    const b = await createBoard(srv.url);
    const closeCode = (path: string) =>
      new Promise<number>((res) => {
        const ws = new WebSocket(`${srv.wsUrl}/${path}`);
        ws.on('close', (code) => res(code));
        ws.on('error', () => {});
      });
    expect(await closeCode(`${b.boardId}?token=wrong`)).toBe(4401);
    expect(await closeCode(`${b.boardId}`)).toBe(4401);
    expect(await closeCode(`AAAAAAAAAAAAAAAAAAAAAA?token=${b.participantToken}`)).toBe(4404);
  });

  it('closes a socket that sends a malformed message, and the room goes on', async () => {
    const b = await createBoard(srv.url);
    const honest = client(b.boardId, b.participantToken);
    await honest.synced;
    const code = await new Promise<number>((res) => {
      const ws = new WebSocket(`${srv.wsUrl}/${b.boardId}?token=${b.participantToken}`);
      ws.on('open', () => ws.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x7f])));
      ws.on('close', (c) => res(c));
      ws.on('error', () => {});
    });
    expect(code).toBe(1007);
    const other = client(b.boardId, b.participantToken);
    await other.synced;
    addNote(honest.doc, { text: 'still works', x: 0, y: 0, authorId: await honest.userId });
    expect(await eventually(() => texts(other).includes('still works'))).toBe(true);
  });
});
