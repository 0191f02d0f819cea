import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertClientBuilt, createBoard, docNotes, eventually, launchBrowser, openBoard, startServer, type RunningServer } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a dropped connection (town-hall Wi-Fi)', () => {
  it('keeps notes written while the server is away and syncs them on reconnect', async () => {
    const board = await createBoard(server.url, { template: 'blank' });
    const a = await openBoard(browser, board.links.participant);
    const b = await openBoard(browser, board.links.participant);
    try {
      const { port, dataDir } = server;
      await server.stop();
      const badge = a.page.getByTestId('connection-badge');
      await eventually(() => badge.getAttribute('data-status'), (s) => s === 'reconnecting' || s === 'offline');

      await a.page.getByTestId('add-note').click();
      await a.page.keyboard.insertText('オフラインで書いた付箋');
      await a.page.keyboard.press('Escape');
      expect((await docNotes(a.page)).map((n) => n.text)).toEqual(['オフラインで書いた付箋']);
      expect(await docNotes(b.page)).toEqual([]);

      server = await startServer({ port, dataDir });
      for (const p of [a.page, b.page]) await p.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      const notes = await eventually(() => docNotes(b.page), (n) => n.length === 1, 20_000).catch(async (err: unknown) => {
        const status = await b.page.getByTestId('connection-badge').getAttribute('data-status');
        throw new Error(`${String(err)}\nB status: ${status}\nA notes: ${JSON.stringify(await docNotes(a.page))}\nserver:\n${server.output().slice(-3000)}`);
      });
      expect(notes[0]!.text).toBe('オフラインで書いた付箋');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
