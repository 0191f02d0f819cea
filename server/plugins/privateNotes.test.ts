import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import { startApp } from '../testing/inProcess';
import { createBoard, startServer, type RunningServer } from '../testing/startServer';
import { connectClient, eventually, eventuallyAsync } from '../testing/clients';
import { honestClient } from '../reliability/honest';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import { addNote, notesOf, readBoard, sectionsOf, setNoteText } from '../../shared/board/doc';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';
import { PRIVATE_GRACE_MS, PRIVATE_REFUSED } from '../../shared/board/privateNotes';

const apps: Awaited<ReturnType<typeof startApp>>[] = [];
const servers: RunningServer[] = [];
const cleanups: (() => void)[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of cleanups) c();
  for (const a of apps) {
    await a.close();
    rmSync(a.config.DATA_DIR, { recursive: true, force: true });
  }
  for (const s of servers) await s.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const api = (base: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/**
 * A board socket (another participant, or the projector) that records every frame exactly as it
 * arrives and applies what it is sent to a doc of its own, as a stock client would.
 */
function recordingSocket(wsUrl: string, boardId: string, token: string, key = newClientKey()) {
  const ws = new WebSocket(`${wsUrl}/${boardId}?token=${encodeURIComponent(token)}&key=${encodeURIComponent(key)}`);
  ws.on('error', () => {});
  const frames: Buffer[] = [];
  const doc = new Y.Doc();
  ws.on('message', (data: Buffer) => {
    frames.push(Buffer.from(data));
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
  });
  ws.once('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    ws.send(encoding.toUint8Array(e));
  });
  cleanups.push(() => ws.terminate());
  const received = (text: string) => frames.some((f) => f.includes(Buffer.from(text, 'utf8')));
  const shows = (text: string) => readBoard(doc).notes.some((n) => n.text === text);
  return { frames, doc, received, shows };
}

/** One participant as the client runs them: the board's socket and their private notes' socket, one device key. */
async function author(wsUrl: string, boardId: string, token: string, key = newClientKey()) {
  const userId = await userIdFromKey(key);
  const board = connectClient(wsUrl, boardId, token, { key });
  const mine = connectClient(wsUrl, `${boardId}/private`, token, { key });
  cleanups.push(() => board.destroy(), () => mine.destroy());
  board.provider.awareness.setLocalState({ user: { id: userId, name: '佐藤', color: '#1a73e8', role: 'participant' }, cursor: { x: 0, y: 0 } });
  await Promise.all([board.synced, mine.synced]);
  return {
    key,
    userId,
    board,
    mine,
    writePrivately: (text: string, sectionId: string | null) => addNote(mine.doc, { text, x: 40, y: 120, sectionId, author: '佐藤', authorId: userId }),
    privateTexts: () => readBoard(mine.doc).notes.map((n) => n.text),
  };
}

const sectionOfGroup = (doc: Y.Doc, group: string): string => {
  let id = '';
  sectionsOf(doc).forEach((s, sid) => {
    if (!id && s.get('group') === group) id = sid;
  });
  return id;
};

async function privateBoard(url: string) {
  const board = await createBoard(url, { groups: 2 });
  const r = await api(url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { privateWriting: true });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ privateWriting: true });
  return board;
}

type Counts = { privateWriting: boolean; total: number; people: { authorId: string; count: number }[]; groups: { group: string | null; count: number }[] };

describe('private writing, on the raw bytes other sockets receive', () => {
  it('a private note reaches only its author until revealed, then everyone; counts never carry its text', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const fac = connectClient(a.wsUrl, board.boardId, board.facilitatorToken, { key: newClientKey() });
    cleanups.push(() => fac.destroy());
    await fac.synced;
    const other = recordingSocket(a.wsUrl, board.boardId, board.participantToken);
    const viewer = recordingSocket(a.wsUrl, board.boardId, board.viewerToken);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    const secondDevice = connectClient(a.wsUrl, `${board.boardId}/private`, board.participantToken, { key: writer.key });
    cleanups.push(() => secondDevice.destroy());

    const sectionA = sectionOfGroup(fac.doc, 'A');
    // Several changes, each its own message: every one is taken (the socket stays open).
    let closed = 0;
    writer.mine.provider.on('connection-close', () => closed++);
    const first = writer.writePrivately('下書き', sectionA);
    expect(await eventually(() => readBoard(secondDevice.doc).notes.some((n) => n.id === first))).toBe(true);
    setNoteText(writer.mine.doc, first, '下書き２');
    expect(await eventually(() => readBoard(secondDevice.doc).notes.some((n) => n.text === '下書き２'))).toBe(true);
    notesOf(writer.mine.doc).delete(first);
    expect(await eventually(() => readBoard(secondDevice.doc).notes.length === 0)).toBe(true);
    expect(closed).toBe(0);
    const text = '母の介護で夜眠れない（山田）';
    const id = writer.writePrivately(text, sectionA);
    setNoteText(writer.mine.doc, id, `${text}。相談先を知りたい`);
    const full = `${text}。相談先を知りたい`;
    // Presence naming the private note: a drag ghost and an editor open on it.
    writer.board.provider.awareness.setLocalStateField('dragging', { [id]: { x: 300, y: 300 } });
    writer.board.provider.awareness.setLocalStateField('editing', id);
    // The author's other device has it at once.
    expect(await eventually(() => readBoard(secondDevice.doc).notes.some((n) => n.text === full))).toBe(true);

    // Once both sockets have a later note of the facilitator's, they have had every change before it.
    addNote(fac.doc, { text: '司会：5分間、ひとりで書きましょう', x: 0, y: 0, authorId: 'fac' });
    expect(await eventually(() => other.shows('司会：5分間、ひとりで書きましょう') && viewer.shows('司会：5分間、ひとりで書きましょう'))).toBe(true);
    for (const s of [other, viewer]) {
      expect(s.received('母の介護')).toBe(false);
      expect(s.received('相談先')).toBe(false);
      expect(s.received(id)).toBe(false);
    }
    expect(notesOf(fac.doc).has(id)).toBe(false);

    const counted = await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken);
    expect(counted.status).toBe(200);
    const raw = await counted.text();
    expect(raw).not.toContain('母の介護');
    const counts = JSON.parse(raw) as Counts;
    expect(counts).toMatchObject({ privateWriting: true, total: 1, people: [{ authorId: writer.userId, count: 1 }], groups: [{ group: 'A', count: 1 }] });
    expect((await api(a.url, `/api/boards/${board.boardId}/private`, board.participantToken)).status).toBe(403);
    expect((await api(a.url, `/api/boards/${board.boardId}/private`, board.viewerToken)).status).toBe(403);

    // Switching it off reveals nothing.
    expect((await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { privateWriting: false })).status).toBe(200);
    addNote(fac.doc, { text: '司会：書き終わりましたか', x: 0, y: 200, authorId: 'fac' });
    expect(await eventually(() => other.shows('司会：書き終わりましたか'))).toBe(true);
    expect(other.received('母の介護')).toBe(false);
    expect(((await (await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts).total).toBe(1);

    expect((await api(a.url, `/api/boards/${board.boardId}/reveal`, board.viewerToken, {})).status).toBe(403);
    const bad = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, { group: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe('group');
    const none = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, { group: 'B' });
    expect(await none.json()).toEqual({ revealed: 0, authors: 0 });

    const shown = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, {});
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({ revealed: 1, authors: 1 });
    expect(await eventually(() => other.shows(full) && viewer.shows(full))).toBe(true);
    expect(other.received(full)).toBe(true);
    // In the column it was written for, under the author's own id, and no longer private.
    const note = readBoard(other.doc).notes.find((n) => n.id === id)!;
    expect(note).toMatchObject({ sectionId: sectionA, authorId: writer.userId });
    expect(await eventually(() => writer.privateTexts().length === 0 && readBoard(secondDevice.doc).notes.length === 0)).toBe(true);
    expect(((await (await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts).total).toBe(0);
  });

  it('refuses a participant’s new note on the board while private writing is on, and its switch over a socket', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const loud = await honestClient(a.wsUrl, board.boardId, board.participantToken);
    cleanups.push(() => loud.destroy());
    await loud.synced;
    const other = recordingSocket(a.wsUrl, board.boardId, board.participantToken);
    let code = 0;
    let reason = '';
    loud.provider.once('connection-close', (e: CloseEvent | null) => {
      code = e?.code ?? 0;
      reason = e?.reason ?? '';
    });
    // Made after the grace of the switch (a client that kept writing to the board while it was on).
    addNote(loud.doc, { text: '最初に大きな声で書いた付箋', x: 0, y: 0, authorId: loud.userId }, null, Date.now() + PRIVATE_GRACE_MS);
    expect(await eventually(() => code !== 0)).toBe(true);
    expect(code).toBe(1008);
    // The reason the client knows to move the note into the writer's private notes by (client/src/private/rescue.ts).
    expect(reason).toBe(PRIVATE_REFUSED);
    loud.destroy();

    const fac = connectClient(a.wsUrl, board.boardId, board.facilitatorToken, { key: newClientKey() });
    cleanups.push(() => fac.destroy());
    await fac.synced;
    let facCode = 0;
    fac.provider.once('connection-close', (e: CloseEvent | null) => (facCode = e?.code ?? 0));
    fac.doc.getMap('meta').set('privateWriting', false);
    expect(await eventually(() => facCode !== 0)).toBe(true);
    expect(facCode).toBe(1008);
    const bad = await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { privateWriting: 'yes' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe('privateWriting');
    expect((await api(a.url, `/api/boards/${board.boardId}/settings`, board.participantToken, { privateWriting: false })).status).toBe(403);
    expect(other.received('最初に大きな声で')).toBe(false);
  });

  it('nobody opens another person’s private notes: a viewer or the facilitator link is refused, another key sees its own', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    writer.writePrivately('鍵の持ち主だけの付箋', null);
    const snooper = await author(a.wsUrl, board.boardId, board.participantToken);
    // Give the server time to have sent the snooper anything it would.
    const marker = snooper.writePrivately('覗き見する人の付箋', null);
    expect(await eventually(() => notesOf(snooper.mine.doc).has(marker))).toBe(true);
    expect(snooper.privateTexts()).toEqual(['覗き見する人の付箋']);
    for (const token of [board.viewerToken, board.facilitatorToken]) {
      const ws = new WebSocket(`${a.wsUrl}/${board.boardId}/private?token=${token}&key=${writer.key}`);
      ws.on('error', () => {});
      const frames: Buffer[] = [];
      ws.on('message', (d: Buffer) => frames.push(d));
      const closed = await new Promise<number>((res) => ws.once('close', (c) => res(c)));
      expect(closed).toBe(4403);
      expect(frames.some((f) => f.includes(Buffer.from('鍵の持ち主')))).toBe(false);
    }
  });

  it('closes the private notes’ socket when the participant link is rotated or the board deleted', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    const codes: number[] = [];
    writer.mine.provider.on('connection-close', (e: CloseEvent | null) => codes.push(e?.code ?? 0));
    expect((await api(a.url, `/api/boards/${board.boardId}/rotate`, board.facilitatorToken, { roles: ['participant'] })).status).toBe(200);
    expect(await eventually(() => codes.includes(4401))).toBe(true);
    const again = await privateBoard(a.url);
    const other = await author(a.wsUrl, again.boardId, again.participantToken);
    other.writePrivately('消えるボードの個人ワーク', null);
    const otherCodes: number[] = [];
    other.mine.provider.on('connection-close', (e: CloseEvent | null) => otherCodes.push(e?.code ?? 0));
    expect(await eventuallyAsync(async () => (await a.store.listPrivate(again.boardId)).length === 1)).toBe(true);
    const del = await fetch(`${a.url}/api/boards/${again.boardId}`, { method: 'DELETE', headers: { authorization: `Bearer ${again.facilitatorToken}` } });
    expect(del.status).toBe(204);
    expect(await eventually(() => otherCodes.length > 0)).toBe(true);
    expect(await a.store.listPrivate(again.boardId)).toEqual([]);
  });

  it('reveals one group’s notes, and an author reveals their own (公開する)', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const fac = connectClient(a.wsUrl, board.boardId, board.facilitatorToken, { key: newClientKey() });
    cleanups.push(() => fac.destroy());
    await fac.synced;
    const inA = await author(a.wsUrl, board.boardId, board.participantToken);
    const inB = await author(a.wsUrl, board.boardId, board.participantToken);
    const alsoB = await author(a.wsUrl, board.boardId, board.participantToken);
    const a1 = inA.writePrivately('Aの付箋その1', sectionOfGroup(fac.doc, 'A'));
    inA.writePrivately('Aの付箋その2', sectionOfGroup(fac.doc, 'A'));
    inA.writePrivately('Aの人がBに書いた付箋', sectionOfGroup(fac.doc, 'B'));
    inB.writePrivately('Bの付箋', sectionOfGroup(fac.doc, 'B'));
    alsoB.writePrivately('Bのもう一人の付箋', sectionOfGroup(fac.doc, 'B'));
    const counts = async () => (await (await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts;
    expect(await eventuallyAsync(async () => (await counts()).total === 5)).toBe(true);
    expect((await counts()).groups).toEqual([
      { group: 'A', count: 2 },
      { group: 'B', count: 3 },
    ]);

    const r = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, { group: 'A' });
    expect(await r.json()).toEqual({ revealed: 2, authors: 1 });
    const texts = () => readBoard(fac.doc).notes.map((n) => n.text);
    expect(await eventually(() => texts().includes('Aの付箋その2'))).toBe(true);
    expect(texts()).toEqual(expect.arrayContaining(['Aの付箋その1', 'Aの付箋その2']));
    expect(texts()).not.toContain('Aの人がBに書いた付箋');
    expect(texts()).not.toContain('Bの付箋');
    expect(notesOf(fac.doc).has(a1)).toBe(true);
    expect(await eventually(() => inA.privateTexts().join() === 'Aの人がBに書いた付箋')).toBe(true);
    expect((await counts()).groups).toEqual([{ group: 'B', count: 3 }]);

    // An author's own 公開する: their notes only, whatever else is private.
    const own = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.participantToken, {}, { 'x-client-key': inB.key });
    expect(await own.json()).toEqual({ revealed: 1, authors: 1 });
    expect(await eventually(() => texts().includes('Bの付箋'))).toBe(true);
    expect(texts()).not.toContain('Bのもう一人の付箋');
    expect((await api(a.url, `/api/boards/${board.boardId}/reveal`, board.participantToken, { group: 'B' }, { 'x-client-key': inB.key })).status).toBe(403);
    const keyless = await api(a.url, `/api/boards/${board.boardId}/reveal`, board.participantToken, {});
    expect(keyless.status).toBe(400);
    expect((await counts()).total).toBe(2);
  });

  it('under moderation, revealed notes wait for the facilitator’s approval before the projector', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    expect((await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { moderation: true })).status).toBe(200);
    const viewer = recordingSocket(a.wsUrl, board.boardId, board.viewerToken);
    const other = recordingSocket(a.wsUrl, board.boardId, board.participantToken);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    const id = writer.writePrivately('承認してから映す個人ワーク', null);
    expect(await eventuallyAsync(async () => ((await (await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts).total === 1)).toBe(true);
    expect(await (await api(a.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, {})).json()).toEqual({ revealed: 1, authors: 1 });
    expect(await eventually(() => other.shows('承認してから映す個人ワーク'))).toBe(true);
    const queue = (await (await api(a.url, `/api/boards/${board.boardId}/moderation`, board.facilitatorToken)).json()) as { queue: { noteId: string }[] };
    expect(queue.queue.map((q) => q.noteId)).toEqual([id]);
    // Once the projector has the facilitator's later note, it has had everything it would be sent before it.
    const fac = connectClient(a.wsUrl, board.boardId, board.facilitatorToken, { key: newClientKey() });
    cleanups.push(() => fac.destroy());
    await fac.synced;
    addNote(fac.doc, { text: '司会：共有しました', x: 0, y: 0, authorId: 'fac' });
    expect(await eventually(() => viewer.shows('司会：共有しました'))).toBe(true);
    expect(viewer.received('承認してから映す')).toBe(false);
    expect((await api(a.url, `/api/boards/${board.boardId}/notes/${id}/approve`, board.facilitatorToken, {})).status).toBe(200);
    expect(await eventually(() => viewer.shows('承認してから映す個人ワーク'))).toBe(true);
  });

  it('keeps private notes out of exports and snapshots', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await privateBoard(a.url);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    writer.writePrivately('書き出しに出てはいけない付箋', null);
    const counts = async () => ((await (await api(a.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts).total;
    expect(await eventuallyAsync(async () => (await counts()) === 1)).toBe(true);
    for (const format of ['csv', 'json', 'md', 'xlsx']) {
      const r = await api(a.url, `/api/boards/${board.boardId}/export.${format}`, board.facilitatorToken);
      expect(r.status).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).includes(Buffer.from('書き出しに出てはいけない'))).toBe(false);
    }
    const taken = await api(a.url, `/api/boards/${board.boardId}/snapshots`, board.facilitatorToken, { name: '個人ワーク中' });
    expect(taken.status).toBe(201);
    const { snapshotId } = (await taken.json()) as { snapshotId: string };
    const snap = await (await api(a.url, `/api/boards/${board.boardId}/snapshots/${snapshotId}`, board.facilitatorToken)).text();
    expect(snap).not.toContain('書き出しに出てはいけない');
    const stored = await a.store.getSnapshot(board.boardId, snapshotId);
    expect(Buffer.from(stored!.state).includes(Buffer.from('書き出しに出てはいけない'))).toBe(false);
    const log = await a.store.loadLog(board.boardId);
    expect(log.some((e) => Buffer.from(e.update).includes(Buffer.from('書き出しに出てはいけない')))).toBe(false);
  });

  it('with two processes on one bus: the author’s devices on both share their notes, nobody else on either gets a byte', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fusen-private-'));
    dirs.push(dataDir);
    const store = new SqliteStore(dataDir);
    const bus = new LocalBus();
    const a = await startApp({ store, bus });
    const b = await startApp({ store, bus });
    apps.push(a, b);
    const board = await privateBoard(a.url);
    const writer = await author(a.wsUrl, board.boardId, board.participantToken);
    const onB = await author(b.wsUrl, board.boardId, board.participantToken, writer.key);
    const otherOnB = recordingSocket(b.wsUrl, board.boardId, board.participantToken);
    const viewerOnB = recordingSocket(b.wsUrl, board.boardId, board.viewerToken);
    writer.writePrivately('Aで書いた自分だけの付箋', null);
    expect(await eventually(() => onB.privateTexts().includes('Aで書いた自分だけの付箋'))).toBe(true);
    const fac = connectClient(a.wsUrl, board.boardId, board.facilitatorToken, { key: newClientKey() });
    cleanups.push(() => fac.destroy());
    await fac.synced;
    addNote(fac.doc, { text: 'Aの司会メモ', x: 0, y: 0, authorId: 'fac' });
    expect(await eventually(() => otherOnB.shows('Aの司会メモ') && viewerOnB.shows('Aの司会メモ'))).toBe(true);
    expect(otherOnB.received('自分だけの付箋')).toBe(false);
    expect(viewerOnB.received('自分だけの付箋')).toBe(false);
    // Revealed on B: the device on A sees it leave the private notes.
    expect(await (await api(b.url, `/api/boards/${board.boardId}/reveal`, board.facilitatorToken, {})).json()).toEqual({ revealed: 1, authors: 1 });
    expect(await eventually(() => otherOnB.shows('Aで書いた自分だけの付箋'))).toBe(true);
    expect(await eventually(() => writer.privateTexts().length === 0)).toBe(true);
  });
});

describe('private notes survive the server', () => {
  it('a SIGKILL loses none: the author’s device gets them back from the SQLite store after the restart, and the log never held the text', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fusen-private-kill-'));
    dirs.push(dataDir);
    const first = await startServer({ dataDir, env: { LOG_LEVEL: 'debug' } });
    servers.push(first);
    const board = await privateBoard(first.url);
    const key = newClientKey();
    const writer = await author(first.wsUrl, board.boardId, board.participantToken, key);
    const text = '再起動しても消えない個人ワーク';
    writer.writePrivately(text, null);
    const reader = new SqliteStore(dataDir, { readonly: true });
    cleanups.push(() => void reader.close());
    const storedHas = async () => {
      const s = await reader.loadPrivate(board.boardId, writer.userId);
      return !!s && Buffer.from(s).includes(Buffer.from(text));
    };
    expect(await eventuallyAsync(storedHas)).toBe(true);
    await first.kill();
    expect(first.output()).not.toContain(text);
    writer.board.destroy();
    writer.mine.destroy();

    const second = await startServer({ dataDir, env: { LOG_LEVEL: 'debug' } });
    servers.push(second);
    // A fresh device with the same key (a reload that lost its local copy) gets them from the server.
    const back = connectClient(second.wsUrl, `${board.boardId}/private`, board.participantToken, { key });
    cleanups.push(() => back.destroy());
    await back.synced;
    expect(await eventually(() => readBoard(back.doc).notes.some((n) => n.text === text))).toBe(true);
    const other = recordingSocket(second.wsUrl, board.boardId, board.participantToken);
    expect(await eventually(() => other.frames.length > 0)).toBe(true);
    expect(other.received(text)).toBe(false);
    const counts = (await (await api(second.url, `/api/boards/${board.boardId}/private`, board.facilitatorToken)).json()) as Counts;
    expect(counts.total).toBe(1);
    expect(second.output()).not.toContain(text);
  });
});
