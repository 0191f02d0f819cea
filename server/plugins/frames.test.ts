import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { binaryFrame, sendBinaries, sendBinary } from './frames';

const SIZES = [1, 125, 126, 1000, 65_535, 65_536, 200_000];
/** ws's own framing (exported by ws, not in its type declarations), the reference for ours. */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, o: Record<string, unknown>): Buffer[] } };
const payload = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A real ws server on a free port and `clients` real clients, each collecting what it receives. */
async function pair(clients: number, perMessageDeflate = false) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  const serverSide: WebSocket[] = [];
  wss.on('connection', (ws) => serverSide.push(ws));
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const received: { data: Buffer; isBinary: boolean }[][] = [];
  const sockets = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const ws = new WebSocket(url, { perMessageDeflate });
      received[i] = [];
      ws.on('message', (data: Buffer, isBinary) => received[i]!.push({ data, isBinary }));
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      return ws;
    }),
  );
  while (serverSide.length < clients) await new Promise((r) => setTimeout(r, 5));
  cleanup.push(async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise((r) => wss.close(r));
  });
  const arrived = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (received.some((r) => r.length < count) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  };
  return { serverSide, received, arrived };
}

describe('pre-framed broadcast', () => {
  it('frames exactly as ws does, for every length encoding', () => {
    for (const n of [0, ...SIZES]) {
      const data = payload(n, n);
      const wsFrame = Buffer.concat(Sender.frame(Buffer.from(data), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
      expect(binaryFrame(data).equals(wsFrame), `length ${n}`).toBe(true);
    }
  });

  it('delivers one message framed once to every socket intact, in order with ws.send and pings', async () => {
    const { serverSide, received, arrived } = await pair(3);
    const messages = SIZES.map((n, i) => payload(n, i));
    for (const [i, m] of messages.entries()) {
      for (const ws of serverSide) sendBinary(ws, m);
      // Interleaved with ws's own send path: order must hold across both.
      if (i % 2 === 0) for (const ws of serverSide) ws.send(Buffer.from(`text ${i}`));
      for (const ws of serverSide) ws.ping();
    }
    const expected = messages.flatMap((m, i) => (i % 2 === 0 ? [Buffer.from(m), Buffer.from(`text ${i}`)] : [Buffer.from(m)]));
    await arrived(expected.length);
    for (const r of received) {
      expect(r.map((x) => x.data.toString('hex'))).toEqual(expected.map((b) => b.toString('hex')));
      expect(r.every((x) => x.isBinary)).toBe(true);
    }
  });

  it('still delivers intact when compression was negotiated (falls back to ws.send)', async () => {
    const { serverSide, received, arrived } = await pair(2, true);
    const messages = [payload(2000, 1), payload(10, 2), payload(70_000, 3)];
    for (const m of messages) for (const ws of serverSide) sendBinary(ws, m);
    await arrived(messages.length);
    for (const r of received) expect(r.map((x) => x.data.toString('hex'))).toEqual(messages.map((m) => Buffer.from(m).toString('hex')));
  });

  it('delivers messages sent together in one write as separate messages, in order, with or without compression', async () => {
    for (const deflate of [false, true]) {
      const { serverSide, received, arrived } = await pair(3, deflate);
      const change = payload(300, 7);
      const presence = payload(90, 8);
      const both = [change, presence];
      for (const ws of serverSide) sendBinary(ws, payload(5, 1));
      for (const ws of serverSide) sendBinaries(ws, both);
      for (const ws of serverSide) sendBinaries(ws, [payload(70_000, 2), payload(1, 3)]);
      const expected = [payload(5, 1), change, presence, payload(70_000, 2), payload(1, 3)].map((m) => Buffer.from(m).toString('hex'));
      await arrived(expected.length);
      for (const r of received) expect(r.map((x) => x.data.toString('hex')), `compression ${deflate}`).toEqual(expected);
    }
  });
});
