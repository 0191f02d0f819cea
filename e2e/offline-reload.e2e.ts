import { describe, expect, it } from 'vitest';
import { createBoard, docTexts as texts, drawnNoteTexts, eventually, openBoard, useE2e, writeNote } from './helpers';

const e2e = useE2e();

/**
 * The hall's Wi-Fi lets the page itself load (or it is already open) but the board's socket cannot get
 * through: the websocket is refused at the browser while `blocked`, as a captive portal or a dropped
 * access point does. The page and everything else are real.
 */
describe('the board kept in the browser (IndexedDB)', () => {
  it('opens from the device with no connection, keeps what is written there across a reload, and merges it once on reconnect', async () => {
    const board = await createBoard(e2e.server.url, { template: 'blank' });
    const a = await openBoard(e2e.browser, board.links.participant, { name: '参加者A' });
    const b = await openBoard(e2e.browser, board.links.participant, { name: '参加者B' });
    let blocked = false;
    await a.context.routeWebSocket(/\/ws\//, (ws) => (blocked ? ws.close({ code: 4000, reason: 'no network' }) : ws.connectToServer()));
    try {
      await writeNote(a.page, 'オンラインで書いた付箋');
      await eventually(() => texts(b.page), (t) => t.length === 1);

      // A new visit while the socket cannot connect: the board comes from IndexedDB.
      blocked = true;
      await a.page.close();
      const page = await a.context.newPage();
      await page.goto(board.links.participant);
      await page.getByTestId('board-page').waitFor();
      await eventually(() => page.getByTestId('connection-badge').getAttribute('data-status'), (s) => s === 'offline', 20_000);
      await eventually(() => drawnNoteTexts(page), (t) => t.includes('オンラインで書いた付箋'));

      // Writing offline is saved on the device and said so.
      await writeNote(page, 'オフラインで書いた付箋');
      expect(await page.getByTestId('connection-badge').getAttribute('data-unsent')).toBe('true');
      expect(await page.getByTestId('connection-badge').textContent()).toContain('端末に保存済み');
      await page.reload();
      await page.getByTestId('board-page').waitFor();
      await eventually(() => texts(page), (t) => t.includes('オフラインで書いた付箋'));
      expect(await texts(b.page)).toEqual(['オンラインで書いた付箋']);

      // The connection comes back: everything merges, nothing twice.
      blocked = false;
      await page.waitForSelector('[data-testid="connection-badge"][data-status="online"]', { timeout: 30_000 });
      const both = ['オフラインで書いた付箋', 'オンラインで書いた付箋'];
      await eventually(() => texts(b.page), (t) => t.length === 2, 20_000);
      expect(await texts(b.page)).toEqual(both);
      expect(await texts(page)).toEqual(both);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
