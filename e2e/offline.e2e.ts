import { describe, expect, it } from 'vitest';
import { createBoard, docNotes, eventually, openBoard, useE2e } from './helpers';

const e2e = useE2e();

describe('a dropped connection (town-hall Wi-Fi)', () => {
  it('keeps notes written while the server is away and syncs them on reconnect', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.participant);
    const b = await openBoard(e2e.browser, board.links.participant);
    try {
      await e2e.server.stop();
      const badge = a.page.getByTestId('connection-badge');
      await eventually(() => badge.getAttribute('data-status'), (s) => s === 'reconnecting' || s === 'offline');

      await a.page.getByTestId('add-note').click();
      await a.page.keyboard.insertText('オフラインで書いた付箋');
      await a.page.keyboard.press('Escape');
      expect((await docNotes(a.page)).map((n) => n.text)).toEqual(['オフラインで書いた付箋']);
      expect(await docNotes(b.page)).toEqual([]);

      await e2e.restartServer();
      for (const p of [a.page, b.page]) await p.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      const notes = await eventually(() => docNotes(b.page), (n) => n.length === 1, 20_000).catch(async (err: unknown) => {
        const status = await b.page.getByTestId('connection-badge').getAttribute('data-status');
        throw new Error(`${String(err)}\nB status: ${status}\nA notes: ${JSON.stringify(await docNotes(a.page))}\nserver:\n${e2e.server.output().slice(-3000)}`);
      });
      expect(notes[0]!.text).toBe('オフラインで書いた付箋');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
