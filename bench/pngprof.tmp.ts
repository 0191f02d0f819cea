import { createBoard, launchBrowser, openBoard, startServer } from '../e2e/helpers';
import { connectClient } from '../server/testing/clients';
import { newClientKey } from '../shared/board/ids';
import { userIdFromKey } from '../shared/board/identity';
import { addNote, readBoard } from '../shared/board/doc';
const server = await startServer({ env: { LOG_LEVEL: 'error' } });
const browser = await launchBrowser();
try {
  const board = await createBoard(server.url, { template: 'impressions-unclear', groups: 6 });
  const key = newClientKey();
  const c = connectClient(server.wsUrl, board.boardId, board.facilitatorToken, { key });
  await c.synced;
  const uid = await userIdFromKey(key);
  const secs = readBoard(c.doc).sections.filter((s) => s.kind !== 'summary');
  c.doc.transact(() => { for (let i = 0; i < 500; i++) { const s = secs[i % secs.length]!; const k = Math.floor(i / secs.length); addNote(c.doc, { text: '国の補助対象ではなかった関係人口に対する補助金' + i, x: s.x + 10 + (k % 3) * 170, y: s.y + 80 + Math.floor(k / 3) * 50, sectionId: s.id, authorId: uid, author: 'x' }); } });
  await new Promise((r) => setTimeout(r, 3000));
  c.destroy();
  const { page } = await openBoard(browser, board.links.facilitator, { name: 'b' });
  page.on('console', (m) => m.text().startsWith('PROF') && console.log(m.text()));
  await page.waitForFunction(() => window.__board?.doc.getMap('notes').size === 500, undefined, { timeout: 60000 });
  await page.getByTestId('export-open').click();
  for (let i = 0; i < 2; i++) {
    const t = Date.now();
    await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png-board').click()]);
    console.log('total', Date.now() - t);
  }
} finally { await browser.close(); await server.stop(); }
