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
import { createBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { honestClient } from '../reliability/honest';
import { SqliteStore } from '../store/sqlite';
import { LocalBus } from '../bus/local';
import { addNote, notesOf, readBoard, sectionsOf } from '../../shared/board/doc';
import { moderationOf } from '../../shared/board/moderation';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

const apps: Awaited<ReturnType<typeof startApp>>[] = [];
const cleanups: (() => void)[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of cleanups) c();
  for (const a of apps) {
    await a.close();
    rmSync(a.config.DATA_DIR, { recursive: true, force: true });
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const api = (base: string, path: string, token: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/**
 * A viewer (the projector) on a real websocket: it records every frame exactly as it arrives and
 * applies what it is sent to a doc of its own, as a stock client would.
 */
function recordingViewer(wsUrl: string, boardId: string, token: string, stateVector = Y.encodeStateVector(new Y.Doc())) {
  const ws = new WebSocket(`${wsUrl}/${boardId}?token=${encodeURIComponent(token)}`);
  ws.on('error', () => {});
  const frames: Buffer[] = [];
  const doc = new Y.Doc();
  ws.on('message', (data: Buffer) => {
    frames.push(Buffer.from(data));
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
  });
  const closed = new Promise<number>((res) => ws.once('close', (code) => res(code)));
  ws.once('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
    ws.send(encoding.toUint8Array(e));
  });
  cleanups.push(() => ws.terminate());
  const received = (text: string) => frames.some((f) => f.includes(Buffer.from(text, 'utf8')));
  const texts = () => readBoard(doc).notes.map((n) => n.text);
  return { frames, doc, closed, received, texts, shows: (text: string) => texts().includes(text) };
}

async function participantIn(wsUrl: string, boardId: string, token: string) {
  const c = await honestClient(wsUrl, boardId, token);
  cleanups.push(() => c.destroy());
  await c.synced;
  return c;
}

async function facilitatorOf(wsUrl: string, boardId: string, token: string) {
  const key = newClientKey();
  const c = connectClient(wsUrl, boardId, token, { key });
  cleanups.push(() => c.destroy());
  await c.synced;
  return { ...c, userId: await userIdFromKey(key) };
}

async function moderatedBoard(url: string) {
  const board = await createBoard(url);
  const r = await api(url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { moderation: true });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ moderation: true });
  return board;
}

const sectionOfGroup = (doc: Y.Doc, group: string): string => {
  let id = '';
  sectionsOf(doc).forEach((s, sid) => {
    if (!id && s.get('group') === group) id = sid;
  });
  return id;
};

describe('approval before the projector, on the raw bytes a viewer socket receives', () => {
  it('a pending note never reaches the viewer until approved; its group sees it at once; a hidden one never', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await createBoard(a.url);
    const fac = await facilitatorOf(a.wsUrl, board.boardId, board.facilitatorToken);
    const before = addNote(fac.doc, { text: '司会から：始める前の付箋', x: 0, y: 0, authorId: fac.userId });
    const writer = await participantIn(a.wsUrl, board.boardId, board.participantToken);
    const earlier = writer.write('切り替える前に書いた付箋');
    expect(await eventually(() => fac.doc.getMap('notes').has(earlier))).toBe(true);

    const on = await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { moderation: true });
    expect(on.status).toBe(200);
    const viewer = recordingViewer(a.wsUrl, board.boardId, board.viewerToken);
    const groupmate = await participantIn(a.wsUrl, board.boardId, board.participantToken);

    const sectionA = sectionOfGroup(writer.doc, 'A');
    const pendingText = '田中さんの80代の母と50代の息子';
    // Written a second earlier than the next, so the queue's oldest-first order does not hang on one millisecond.
    const pending = addNote(writer.doc, { text: pendingText, x: 10, y: 10, sectionId: sectionA, authorId: writer.userId }, null, Date.now() - 1_000);
    const hiddenText = '連絡先は090-1234-5678です';
    const hidden = writer.write(hiddenText);
    // Presence naming the pending note: a drag and an editor open on it.
    writer.provider.awareness.setLocalStateField('dragging', { [pending]: { x: 40, y: 40 } });
    writer.provider.awareness.setLocalStateField('editing', pending);

    expect(await eventually(() => groupmate.texts().get(pending) === pendingText)).toBe(true);
    // The facilitator's own note needs no approval: once the viewer has it, it has had every change before it.
    const marker = addNote(fac.doc, { text: '司会のメモ：休憩は10分', x: 0, y: 300, authorId: fac.userId });
    expect(await eventually(() => viewer.shows('司会のメモ：休憩は10分'))).toBe(true);
    expect(viewer.shows('司会から：始める前の付箋')).toBe(true);
    expect(viewer.shows('切り替える前に書いた付箋')).toBe(true);
    expect(viewer.received(pendingText)).toBe(false);
    expect(viewer.received('80代の母')).toBe(false);
    expect(viewer.received(hiddenText)).toBe(false);
    expect(viewer.received(pending)).toBe(false);
    expect(readBoard(fac.doc).notes.map((n) => n.id)).toEqual(expect.arrayContaining([before, marker, pending, hidden]));

    const queued = await api(a.url, `/api/boards/${board.boardId}/moderation`, board.facilitatorToken);
    expect(queued.status).toBe(200);
    const q = (await queued.json()) as { moderation: boolean; queue: { noteId: string; text: string; group: string | null; warnings: string[] }[] };
    expect(q.moderation).toBe(true);
    expect(q.queue.map((n) => n.noteId)).toEqual([pending, hidden]);
    expect(q.queue[0]).toMatchObject({ text: pendingText, group: 'A', warnings: ['name', 'family'] });
    expect(q.queue[1]!.warnings).toEqual(['phone']);
    expect((await api(a.url, `/api/boards/${board.boardId}/moderation`, board.participantToken)).status).toBe(403);
    expect((await api(a.url, `/api/boards/${board.boardId}/notes/${pending}/approve`, board.participantToken, {})).status).toBe(403);
    expect((await api(a.url, `/api/boards/${board.boardId}/notes/${pending}/approve`, board.viewerToken, {})).status).toBe(403);
    expect((await api(a.url, `/api/boards/${board.boardId}/notes/n_nothere/approve`, board.facilitatorToken, {})).status).toBe(404);

    const counted = (await (await api(a.url, `/api/boards/${board.boardId}`, board.viewerToken)).json()) as { noteCount: number };
    expect(counted.noteCount).toBe(3);
    const viewerExport = await (await api(a.url, `/api/boards/${board.boardId}/export.csv`, board.viewerToken)).text();
    expect(viewerExport).toContain('切り替える前に書いた付箋');
    expect(viewerExport).not.toContain(pendingText);
    expect(await (await api(a.url, `/api/boards/${board.boardId}/export.csv`, board.facilitatorToken)).text()).toContain(pendingText);

    const hid = await api(a.url, `/api/boards/${board.boardId}/notes/${hidden}/hide`, board.facilitatorToken, {});
    expect(hid.status).toBe(200);
    expect(await hid.json()).toMatchObject({ noteId: hidden, state: 'hidden' });
    const ok = await api(a.url, `/api/boards/${board.boardId}/notes/${pending}/approve`, board.facilitatorToken, {});
    expect(ok.status).toBe(200);
    expect(await eventually(() => viewer.shows(pendingText))).toBe(true);
    expect(viewer.received(pendingText)).toBe(true);
    // The viewer's copy now holds the note as it was written, in its group's column.
    expect(viewer.doc.getMap('notes').has(pending)).toBe(true);

    const afterApproval = addNote(fac.doc, { text: '司会のメモ２', x: 0, y: 400, authorId: fac.userId });
    expect(await eventually(() => viewer.shows('司会のメモ２'))).toBe(true);
    expect(afterApproval).toBeTruthy();
    expect(viewer.received(hiddenText)).toBe(false);
    expect(viewer.received('090-1234-5678')).toBe(false);
    expect(viewer.received(hidden)).toBe(false);

    const after = (await (await api(a.url, `/api/boards/${board.boardId}/moderation`, board.facilitatorToken)).json()) as { queue: unknown[]; hidden: { noteId: string }[] };
    expect(after.queue).toEqual([]);
    expect(after.hidden.map((n) => n.noteId)).toEqual([hidden]);

    // Hiding an approved note takes it off the screen.
    await api(a.url, `/api/boards/${board.boardId}/notes/${pending}/hide`, board.facilitatorToken, {});
    expect(await eventually(() => !viewer.shows(pendingText))).toBe(true);
  });

  it('nobody but the facilitator writes the marks, and moderation is switched only through settings', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await moderatedBoard(a.url);
    const writer = await participantIn(a.wsUrl, board.boardId, board.participantToken);
    const id = writer.write('自分で承認したい付箋');
    let code = 0;
    writer.provider.once('connection-close', (e: CloseEvent | null) => (code = e?.code ?? 0));
    moderationOf(writer.doc).set(id, { state: 'approved', at: Date.now() });
    expect(await eventually(() => code !== 0)).toBe(true);
    expect(code).toBe(1008);

    const fac = await facilitatorOf(a.wsUrl, board.boardId, board.facilitatorToken);
    let facCode = 0;
    fac.provider.once('connection-close', (e: CloseEvent | null) => (facCode = e?.code ?? 0));
    fac.doc.getMap('meta').set('moderation', false);
    expect(await eventually(() => facCode !== 0)).toBe(true);
    expect(facCode).toBe(1008);
    const q = (await (await api(a.url, `/api/boards/${board.boardId}/moderation`, board.facilitatorToken)).json()) as { moderation: boolean; queue: { noteId: string }[] };
    expect(q.moderation).toBe(true);
    expect(q.queue.map((n) => n.noteId)).toEqual([id]);

    const bad = await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, {});
    expect(bad.status).toBe(400);
    const unknown = await api(a.url, `/api/boards/${board.boardId}/settings`, board.facilitatorToken, { moderation: 'yes' });
    expect(unknown.status).toBe(400);
  });

  it('a viewer holding another projection (or the board itself) is closed with 4409 to start again', async () => {
    const a = await startApp();
    apps.push(a);
    const board = await moderatedBoard(a.url);
    const writer = await participantIn(a.wsUrl, board.boardId, board.participantToken);
    writer.write('ふつうの付箋');
    const stale = recordingViewer(a.wsUrl, board.boardId, board.viewerToken, Y.encodeStateVector(writer.doc));
    expect(await stale.closed).toBe(4409);
    expect(stale.received('ふつうの付箋')).toBe(false);
  });

  it('keeps following the board after it slept and woke, with the viewer connected all along', async () => {
    const a = await startApp({ env: { HIBERNATE_AFTER_MS: '30' } });
    apps.push(a);
    const board = await moderatedBoard(a.url);
    const fac = await facilitatorOf(a.wsUrl, board.boardId, board.facilitatorToken);
    const viewer = recordingViewer(a.wsUrl, board.boardId, board.viewerToken);
    addNote(fac.doc, { text: '眠る前の付箋', x: 0, y: 0, authorId: fac.userId });
    expect(await eventually(() => viewer.shows('眠る前の付箋'))).toBe(true);
    const room = (await a.app.rooms.peek(board.boardId))!;
    expect(await eventually(() => room.hibernating)).toBe(true);

    const writer = await participantIn(a.wsUrl, board.boardId, board.participantToken);
    const id = writer.write('起きてから書いた山田さんの件');
    addNote(fac.doc, { text: '起きてからの司会メモ', x: 0, y: 200, authorId: fac.userId });
    expect(await eventually(() => viewer.shows('起きてからの司会メモ'))).toBe(true);
    expect(viewer.received('起きてから書いた山田さんの件')).toBe(false);
    expect(await eventually(() => room.hibernating)).toBe(true);
    expect((await api(a.url, `/api/boards/${board.boardId}/notes/${id}/approve`, board.facilitatorToken, {})).status).toBe(200);
    expect(await eventually(() => viewer.shows('起きてから書いた山田さんの件'))).toBe(true);
  });

  it('with two processes on one bus, each derives its own projection: a viewer on B sees only what was approved on A', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fusen-moderation-'));
    dirs.push(dataDir);
    const store = new SqliteStore(dataDir);
    const bus = new LocalBus();
    const a = await startApp({ store, bus });
    const b = await startApp({ store, bus });
    apps.push(a, b);
    const board = await moderatedBoard(a.url);
    const viewer = recordingViewer(b.wsUrl, board.boardId, board.viewerToken);
    const writer = await participantIn(a.wsUrl, board.boardId, board.participantToken);
    const text = '佐藤様のお宅は〒061-0234';
    const id = writer.write(text);
    const fac = await facilitatorOf(b.wsUrl, board.boardId, board.facilitatorToken);
    expect(await eventually(() => notesOf(fac.doc).has(id))).toBe(true);
    addNote(fac.doc, { text: 'Bの司会メモ', x: 0, y: 0, authorId: fac.userId });
    expect(await eventually(() => viewer.shows('Bの司会メモ'))).toBe(true);
    expect(viewer.received(text)).toBe(false);

    expect((await api(a.url, `/api/boards/${board.boardId}/notes/${id}/approve`, board.facilitatorToken, {})).status).toBe(200);
    expect(await eventually(() => viewer.shows(text))).toBe(true);
  });
});
