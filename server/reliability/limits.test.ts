import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startApp } from '../testing/inProcess';
import { createBoard, startServer } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { noteText, readBoard } from '../../shared/board/doc';
import { honestClient, type HonestClient } from './honest';
import { rawSocket } from './rawSocket';

const apps: Awaited<ReturnType<typeof startApp>>[] = [];
const clients: { destroy(): void }[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const a of apps) {
    await a.close();
    rmSync(a.config.DATA_DIR, { recursive: true, force: true });
  }
});

async function app(env: Record<string, string>) {
  const a = await startApp({ env });
  apps.push(a);
  return a;
}
async function participant(a: { wsUrl: string }, b: { boardId: string; participantToken: string }): Promise<HonestClient> {
  const c = await honestClient(a.wsUrl, b.boardId, b.participantToken);
  clients.push(c);
  await c.synced;
  return c;
}
/** Resolves with `code: reason` of the first close the server sends this stock client. */
const firstClose = (c: HonestClient) =>
  new Promise<string>((res) => c.provider.once('connection-close', (e: CloseEvent | null) => res(`${e?.code ?? 0}: ${e?.reason ?? ''}`)));

/** A note written the way addNote would, past the checks addNote makes (what a modified client sends). */
function forgeNote(doc: Y.Doc, text: string, authorId: string): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ x: 0, y: 0, w: 160, h: 120, color: '#fff176', sectionId: null, authorId, createdAt: Date.now(), category: 'unsorted' })) m.set(k, v);
    m.set('text', new Y.Text(text));
    doc.getMap('notes').set(`n_forged${Date.now()}`, m);
  });
}

const frame = (type: number, sub: number | null, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (sub !== null) encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};
const awareness = (entries: { id: number; state: unknown }[]) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.id);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify(x.state));
  }
  return frame(1, null, encoding.toUint8Array(e));
};
const emptyUpdate = () => frame(0, 2, Y.encodeStateAsUpdate(new Y.Doc()));

describe('limits, each refused with a clear code', () => {
  it('closes a socket that sends a message over MAX_MESSAGE_BYTES with 1009', async () => {
    const a = await app({ MAX_MESSAGE_BYTES: String(64 * 1024) });
    const b = await createBoard(a.url);
    const s = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await s.opened;
    s.ws.send(frame(0, 2, new Uint8Array(65 * 1024)));
    expect((await s.closed).code).toBe(1009);
  });

  it('logs an oversized frame as the client’s fault: one warning, no error, no stack trace', async () => {
    const s = await startServer({ env: { LOG_LEVEL: 'info', MAX_MESSAGE_BYTES: String(8 * 1024) } });
    try {
      const b = await createBoard(s.url);
      const sock = rawSocket(s.wsUrl, b.boardId, b.participantToken);
      await sock.opened;
      sock.ws.send(frame(0, 2, new Uint8Array(9 * 1024)));
      expect((await sock.closed).code).toBe(1009);
      expect(await eventually(() => s.output().includes('Max payload size exceeded'))).toBe(true);
      const lines = s.output().split('\n').filter((l) => l.includes('Max payload size exceeded'));
      const levels = lines.map((l) => (JSON.parse(l) as { level: number }).level);
      expect(levels).toEqual([40]);
      expect(lines.join('')).not.toMatch(/stack|receiver\.js/);
    } finally {
      await s.stop();
    }
  });

  it('keeps both people\'s typing when together they take a nearly full note past 500 characters', async () => {
    const a = await app({});
    const b = await createBoard(a.url);
    const writer = await participant(a, b);
    const id = writer.write('あ'.repeat(495));
    const facilitator = connectClient(a.wsUrl, b.boardId, b.facilitatorToken);
    clients.push(facilitator);
    await facilitator.synced;
    expect(await eventually(() => noteText(facilitator.doc, id)?.length === 495)).toBe(true);
    // Each adds five characters to the 495 they see, neither past 500, before hearing of the other.
    writer.provider.disconnect();
    facilitator.provider.disconnect();
    noteText(writer.doc, id)!.insert(495, '12345');
    noteText(facilitator.doc, id)!.insert(0, 'ABCDE');
    let refused = false;
    for (const c of [writer, facilitator]) c.provider.on('connection-close', (e: CloseEvent | null) => (refused ||= e?.code === 1008));
    writer.provider.connect();
    expect(await eventually(() => writer.provider.synced)).toBe(true);
    facilitator.provider.connect();
    const both = 'ABCDE' + 'あ'.repeat(495) + '12345';
    expect(await eventually(() => noteText(writer.doc, id)?.toString() === both && noteText(facilitator.doc, id)?.toString() === both)).toBe(true);
    expect(refused).toBe(false);
    const fresh = connectClient(a.wsUrl, b.boardId, b.viewerToken);
    clients.push(fresh);
    await fresh.synced;
    expect(readBoard(fresh.doc).notes.map((n) => n.text)).toEqual([both]);
  });

  it('never stores or passes on a note over 1,000 characters: the writer is closed with 1008', async () => {
    const a = await app({});
    const b = await createBoard(a.url);
    const writer = await participant(a, b);
    const reader = await participant(a, b);
    const id = writer.write('伴走型支援');
    expect(await eventually(() => reader.texts().get(id) === '伴走型支援')).toBe(true);
    const closed = firstClose(writer);
    // Past the client-side check: straight into the Y.Text, as a broken or hostile client would.
    noteText(writer.doc, id)!.insert(0, 'あ'.repeat(1_001));
    expect(await closed).toBe('1008: a note holds at most 1000 characters');
    writer.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.texts().get(id)).toBe('伴走型支援');
    const fresh = connectClient(a.wsUrl, b.boardId, b.viewerToken);
    clients.push(fresh);
    await fresh.synced;
    expect(readBoard(fresh.doc).notes.map((n) => n.text)).toEqual(['伴走型支援']);
  });

  it('refuses a note beyond MAX_NOTES_PER_BOARD with 1008', async () => {
    const a = await app({ MAX_NOTES_PER_BOARD: '3' });
    const b = await createBoard(a.url);
    const w = await participant(a, b);
    for (let i = 0; i < 3; i++) w.write(`付箋 ${i}`);
    const r = await participant(a, b);
    expect(await eventually(() => r.texts().size === 3)).toBe(true);
    // An honest client keeps to the limit the server wrote in the board; a forged one is refused.
    expect(() => w.write('四枚目')).toThrow('a board holds at most 3 notes');
    const closed = firstClose(w);
    forgeNote(w.doc, '四枚目', w.userId);
    expect(await closed).toBe('1008: a board holds at most 3 notes');
    w.destroy();
    await new Promise((res) => setTimeout(res, 300));
    expect([...r.texts().values()].sort()).toEqual(['付箋 0', '付箋 1', '付箋 2']);
  });

  it('refuses an update that would take the board over MAX_BOARD_BYTES with 1008', async () => {
    const a = await app({ MAX_BOARD_BYTES: String(40 * 1024) });
    const b = await createBoard(a.url);
    const w = await participant(a, b);
    const closed = firstClose(w);
    for (let i = 0; i < 200; i++) w.write(`${i} ${'長い付箋'.repeat(60)}`);
    expect(await closed).toMatch(/^1008: the board is full/);
  });

  it('closes a socket over UPDATES_PER_SEC with 4429', async () => {
    const a = await app({ UPDATES_PER_SEC: '5', UPDATES_BURST: '10' });
    const b = await createBoard(a.url);
    const s = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await s.opened;
    for (let i = 0; i < 30; i++) s.ws.send(emptyUpdate());
    const end = await s.closed;
    expect(end.code).toBe(4429);
    expect(end.reason).toMatch(/5 updates per second/);
  });

  it('limits presence: rate (4429), size (1009) and ids per connection (1008)', async () => {
    const a = await app({ AWARENESS_PER_SEC: '2', AWARENESS_BURST: '3', AWARENESS_MAX_BYTES: '1024', AWARENESS_IDS_PER_CONNECTION: '2' });
    const b = await createBoard(a.url);
    const state = { user: { id: 'u', name: '司会', color: '#000000', role: 'participant' }, cursor: { x: 1, y: 2 } };
    const flood = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await flood.opened;
    for (let i = 0; i < 10; i++) flood.ws.send(awareness([{ id: 7, state }]));
    expect((await flood.closed).code).toBe(4429);
    const big = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await big.opened;
    big.ws.send(awareness([{ id: 8, state: { ...state, pad: 'x'.repeat(2000) } }]));
    expect((await big.closed).code).toBe(1009);
    const many = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await many.opened;
    many.ws.send(awareness([1, 2, 3].map((id) => ({ id: 100 + id, state }))));
    expect((await many.closed).code).toBe(1008);
  });

  it("counts only a person's own presence changes, not the echoes a stock client sends back", async () => {
    // Each stock client re-sends every presence change it receives: 10 people moving 2×/s send ~20 messages/s each.
    const a = await app({ AWARENESS_PER_SEC: '5', AWARENESS_BURST: '10' });
    const b = await createBoard(a.url);
    const people = await Promise.all(Array.from({ length: 10 }, () => participant(a, b)));
    let closes = 0;
    for (const p of people) p.provider.on('connection-close', () => closes++);
    for (let tick = 0; tick < 8; tick++) {
      for (const p of people) p.provider.awareness.setLocalStateField('cursor', { x: tick, y: tick });
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(closes).toBe(0);
    expect(await eventually(() => people.every((p) => people.every((q) => (p.provider.awareness.getStates().get(q.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 7)))).toBe(true);
  });

  it('does not charge anyone for echoes of people who just left (a whole table drops off the Wi-Fi)', async () => {
    const a = await app({ AWARENESS_IDS_PER_CONNECTION: '2' });
    const b = await createBoard(a.url);
    const stayer = rawSocket(a.wsUrl, b.boardId, b.participantToken);
    await stayer.opened;
    const leavers = await Promise.all(Array.from({ length: 4 }, () => participant(a, b)));
    const last = leavers.map((l, i) => {
      l.provider.awareness.setLocalStateField('cursor', { x: i, y: i });
      return { id: l.doc.clientID, clock: l.provider.awareness.meta.get(l.doc.clientID)!.clock, state: l.provider.awareness.getLocalState() };
    });
    await new Promise((r) => setTimeout(r, 200));
    for (const l of leavers) l.destroy();
    await new Promise((r) => setTimeout(r, 300));
    // A client that heard of the four late sends their last states back in one message (as stock clients echo).
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, last.length);
    for (const x of last) {
      encoding.writeVarUint(e, x.id);
      encoding.writeVarUint(e, x.clock);
      encoding.writeVarString(e, JSON.stringify(x.state));
    }
    stayer.ws.send(frame(1, null, encoding.toUint8Array(e)));
    await new Promise((r) => setTimeout(r, 300));
    expect(stayer.ws.readyState).toBe(stayer.ws.OPEN);
    stayer.ws.close();
  });

  it('refuses a connection over MAX_CONNECTIONS_PER_IP with 4429, and takes one again once a socket leaves', async () => {
    const a = await app({ MAX_CONNECTIONS_PER_IP: '2' });
    const b = await createBoard(a.url);
    const first = rawSocket(a.wsUrl, b.boardId, b.viewerToken);
    const second = rawSocket(a.wsUrl, b.boardId, b.viewerToken);
    await Promise.all([first.opened, second.opened]);
    const third = rawSocket(a.wsUrl, b.boardId, b.viewerToken);
    expect((await third.closed).code).toBe(4429);
    first.ws.close();
    await first.closed;
    await new Promise((r) => setTimeout(r, 100));
    const fourth = rawSocket(a.wsUrl, b.boardId, b.viewerToken);
    await fourth.opened;
    // Still open after the server had time to refuse it.
    await new Promise((r) => setTimeout(r, 200));
    expect(fourth.ws.readyState).toBe(fourth.ws.OPEN);
    second.ws.close();
    fourth.ws.close();
  });

  it('drops a socket that stops answering pings (a phone gone from the Wi-Fi) and frees its slot', async () => {
    const a = await app({ HEARTBEAT_MS: '200', MAX_CONNECTIONS_PER_IP: '1' });
    const b = await createBoard(a.url);
    const { port } = new URL(a.url);
    // A websocket handshake by hand, then silence: nothing answers the server's pings.
    const socket = await new Promise<import('node:net').Socket>((res, rej) => {
      const req = request({ host: '127.0.0.1', port, path: `/ws/${b.boardId}?token=${b.viewerToken}`, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') } });
      req.on('upgrade', (_res, s) => res(s));
      req.on('error', rej);
      req.end();
    });
    const started = Date.now();
    const closed = new Promise((res) => socket.once('close', res));
    socket.resume(); // read (and ignore) the pings, never answer them
    await closed;
    expect(Date.now() - started).toBeLessThan(5000);
    // The slot is free again: with one connection per address allowed, a new socket opens.
    const next = rawSocket(a.wsUrl, b.boardId, b.viewerToken);
    await next.opened;
    await new Promise((r) => setTimeout(r, 100));
    expect(next.ws.readyState).toBe(next.ws.OPEN);
    next.ws.close();
  });

  it('answers 429 past BOARDS_PER_IP_PER_HOUR, with a message and Retry-After', async () => {
    const a = await app({ BOARDS_PER_IP_PER_HOUR: '2' });
    await createBoard(a.url);
    await createBoard(a.url);
    const r = await fetch(`${a.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await r.json()).error).toMatch(/at most 2 new boards per hour/);
  });
});
