import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import WebSocket, { WebSocketServer } from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { BoardProvider, CHANGE_REFUSED } from './boardProvider';

const MSG_AWARENESS = 1;
const SOMEONE_ELSE = 4242;

/** An awareness message as the server sends it: one person's state. */
function presenceMessage(clientId: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const person = new Awareness(doc);
  person.setLocalState(state);
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MSG_AWARENESS);
  encoding.writeVarUint8Array(message, encodeAwarenessUpdate(person, [clientId]));
  person.destroy();
  doc.destroy();
  return encoding.toUint8Array(message);
}

/** The people whose presence a client message carries (leaving included), with their states; [] for any other message. */
function presenceIn(data: Uint8Array): { id: number; state: unknown }[] {
  const d = decoding.createDecoder(data);
  if (decoding.readVarUint(d) !== MSG_AWARENESS) return [];
  const seen = new Awareness(new Y.Doc());
  applyAwarenessUpdate(seen, decoding.readVarUint8Array(d), 'test');
  const people = [...seen.meta.keys()].filter((id) => id !== seen.clientID).map((id) => ({ id, state: seen.getStates().get(id) ?? null }));
  seen.destroy();
  seen.doc.destroy();
  return people;
}

/** A server that tells every client about someone else's cursor and keeps what each client sends. */
async function fakeServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const received: Uint8Array[] = [];
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    socket.send(presenceMessage(SOMEONE_ELSE, { cursor: { x: 10, y: 20 }, user: { name: '会場の参加者' } }));
  });
  const port = (wss.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, received, close: () => new Promise((r) => wss.close(r)) };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect(Provider: typeof WebsocketProvider) {
  const server = await fakeServer();
  const doc = new Y.Doc();
  const provider = new Provider(server.url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  cleanups.push(server.close, () => provider.destroy(), () => doc.destroy());
  // The other person's cursor shows here…
  await vi.waitFor(() => expect(provider.awareness.getStates().has(SOMEONE_ELSE)).toBe(true), { timeout: 5000 });
  // …and this person moves theirs, which must reach the server.
  provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
  const sentOwn = () => server.received.some((m) => presenceIn(m).some((p) => p.id === doc.clientID && (p.state as { cursor?: unknown })?.cursor));
  await vi.waitFor(() => expect(sentOwn()).toBe(true), { timeout: 5000 });
  const sentOthers = () => server.received.some((m) => presenceIn(m).some((p) => p.id === SOMEONE_ELSE));
  return { provider, sentOthers };
}

describe('BoardProvider', () => {
  it("shows others' presence and sends its own, but never sends others' presence back", async () => {
    const { provider, sentOthers } = await connect(BoardProvider);
    expect(provider.awareness.getStates().get(SOMEONE_ELSE)).toMatchObject({ user: { name: '会場の参加者' } });
    expect(sentOthers()).toBe(false);
  });

  it('differs from the stock provider, which sends every presence change it hears back to the server', async () => {
    const { sentOthers } = await connect(WebsocketProvider);
    expect(sentOthers()).toBe(true);
  });
});

/** A server that syncs each connection, as ours does, and then refuses the change the device sends: close 1008. */
async function refusingServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const board = new Y.Doc();
  let connections = 0;
  wss.on('connection', (socket) => {
    connections++;
    for (const write of [syncProtocol.writeSyncStep1, syncProtocol.writeSyncStep2]) {
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, 0);
      write(message, board);
      socket.send(encoding.toUint8Array(message));
    }
    setTimeout(() => socket.close(CHANGE_REFUSED, 'a note holds at most 1000 characters'), 50);
  });
  const port = (wss.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, connections: () => connections, close: () => new Promise((r) => wss.close(r)) };
}

async function attemptsWhileRefused(Provider: typeof WebsocketProvider): Promise<number> {
  const server = await refusingServer();
  const doc = new Y.Doc();
  doc.getMap('notes').set('n_1', 'an edit the server will refuse');
  const provider = new Provider(server.url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  cleanups.push(server.close, () => provider.destroy(), () => doc.destroy());
  await new Promise((r) => setTimeout(r, 4_000));
  return server.connections();
}

describe('BoardProvider after a refused change', () => {
  it('waits longer after each refusal instead of resending the change several times a second', async () => {
    const [ours, stock] = await Promise.all([attemptsWhileRefused(BoardProvider), attemptsWhileRefused(WebsocketProvider)]);
    // Refused at once, then 1.6 s, then 3.2 s later: at most three connections in four seconds.
    expect(ours).toBeLessThanOrEqual(3);
    expect(ours).toBeGreaterThanOrEqual(2);
    // The stock provider comes back a fifth of a second after every refusal.
    expect(stock).toBeGreaterThanOrEqual(8);
  }, 15_000);
});
